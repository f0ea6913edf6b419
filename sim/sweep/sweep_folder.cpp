#include "sim/sweep/sweep_folder.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

#include "sim/core/errors.hpp"

namespace mscsim::sweep {

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

std::string read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw OutputError("cannot read " + path.string() + ": " + std::strerror(errno));
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path temporary = path.string() + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(temporary, ec);
      throw OutputError("cannot write " + path.string() + ": " + std::strerror(errno));
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    throw OutputError("cannot write " + path.string() + ": " + ec.message());
  }
}

void SweepFolder::check_usable(const SweepSpec& spec, bool resume) const {
  const SourceLocation where{dir_.string(), 0, 0};
  std::error_code ec;
  if (!std::filesystem::exists(dir_, ec)) {
    if (resume) throw InputError(where, "", "--resume: the folder does not exist (nothing to resume)");
    return;
  }
  if (!std::filesystem::is_directory(dir_, ec)) throw InputError(where, "", "-o must name a folder; this is a file");
  if (std::filesystem::exists(sweep_copy(), ec)) {
    if (!resume) {
      throw InputError(where, "", "the folder already holds a sweep; add --resume to finish it, or choose a new -o");
    }
    if (read_whole_file(sweep_copy()) != spec.text) {
      throw InputError(where, "", "--resume: the folder holds a different sweep file (" + sweep_copy().string() +
                                      "); resume with that file or choose a new -o");
    }
    return;
  }
  if (!std::filesystem::is_empty(dir_, ec)) {
    throw InputError(where, "", "the folder is not empty and holds no sweep; choose a new or empty folder");
  }
  if (resume) throw InputError(where, "", "--resume: the folder holds no sweep (nothing to resume)");
}

void SweepFolder::prepare(const SweepSpec& spec, const std::vector<PlannedRun>& plan) const {
  std::error_code ec;
  std::filesystem::create_directories(runs_dir(), ec);
  if (ec) throw OutputError("cannot create " + runs_dir().string() + ": " + ec.message());
  if (!std::filesystem::exists(sweep_copy(), ec)) write_file_atomically(sweep_copy(), spec.text);

  std::ostringstream t;
  t << "# mscsim sweep plan (docs/sweeps.md)\n";
  t << "# sweep_file\t" << std::filesystem::absolute(spec.file).lexically_normal().string() << "\n";
  t << "# base\t" << std::filesystem::absolute(spec.base).lexically_normal().string() << "\n";
  t << "run_id\tarm\tpoint\treplicate\tseed";
  for (const Axis& axis : spec.axes) t << "\tset:" << axis.key;
  const bool saltelli = spec.sampling == Sampling::saltelli;
  if (saltelli) t << "\tdesign:block\tdesign:row";
  t << "\n";
  for (const PlannedRun& run : plan) {
    t << run.id << "\t" << run.arm << "\t" << run.point << "\t" << run.replicate << "\t" << run.seed;
    for (const std::string& v : run.axis_values) t << "\t" << v;
    if (saltelli) t << "\t" << run.design_block << "\t" << run.design_row;
    t << "\n";
  }
  write_file_atomically(plan_file(), t.str());
}

RunState SweepFolder::state(const std::string& id) const {
  std::error_code ec;
  if (std::filesystem::exists(run_file(id), ec)) return RunState::complete;
  if (std::filesystem::exists(partial_file(id), ec)) return RunState::partial;
  if (std::filesystem::exists(failed_marker(id), ec)) return RunState::failed;
  return RunState::missing;
}

void SweepFolder::clear_incomplete(const std::string& id) const {
  std::error_code ec;
  std::filesystem::remove(partial_file(id), ec);
  std::filesystem::remove(run_file(id).string() + ".lock", ec);  // left by a run killed mid-way
  std::filesystem::remove(failed_marker(id), ec);
  std::filesystem::remove(run_log(id), ec);
}

void SweepFolder::mark_failed(const std::string& id, const std::string& reason) const {
  write_file_atomically(failed_marker(id), reason + "\n");
}

std::string SweepFolder::failure_reason(const std::string& id) const {
  std::error_code ec;
  if (!std::filesystem::exists(failed_marker(id), ec)) return "";
  std::string text = read_whole_file(failed_marker(id));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

void SweepFolder::log(const std::string& line) const {
  const std::string text = utc_now() + " " + line + "\n";
  const int fd = ::open(sweep_log().c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return;  // the log is for people; a run is not failed for want of it
  const ssize_t written = ::write(fd, text.data(), text.size());
  (void)written;
  ::close(fd);
}

std::string SweepFolder::plan_header_value(const std::string& name) const {
  std::ifstream in(plan_file());
  if (!in) throw InputError({dir_.string(), 0, 0}, "", "not a sweep folder (no plan.tsv)");
  std::string line;
  const std::string prefix = "# " + name + "\t";
  while (std::getline(in, line) && line.rfind("#", 0) == 0) {
    if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
  }
  throw InputError({plan_file().string(), 0, 0}, "", "plan.tsv lacks its '" + name + "' line");
}

std::filesystem::path SweepFolder::recorded_sweep_path() const { return plan_header_value("sweep_file"); }
std::filesystem::path SweepFolder::recorded_base() const { return plan_header_value("base"); }

}  // namespace mscsim::sweep
