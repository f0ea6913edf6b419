#include "app/output_path.hpp"

#include <array>
#include <fstream>
#include <system_error>

#include "sim/core/errors.hpp"

namespace mscsim::cli {
namespace {

namespace fs = std::filesystem;

// Who chose the path, for the message: "-o" or run.name where it was set.
struct Origin {
  SourceLocation where;
  std::string key;
  [[noreturn]] void fail(const std::string& what) const { throw InputError(where, key, what); }
};

void check_existing(const fs::path& path, const Origin& origin, const std::optional<std::string>& scenario_file) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (!fs::exists(status)) return;
  const std::string shown = "'" + path.string() + "'";
  if (fs::is_directory(status)) origin.fail(shown + " is a folder; give a file name such as " + (path / "run.h5").string());
  if (!fs::is_regular_file(status))
    origin.fail(shown + " is not a regular file (a device, pipe or socket); refusing to replace it");
  if (scenario_file && fs::equivalent(path, *scenario_file, error))
    origin.fail(shown + " is the scenario file being run; choose another output file");
  if (fs::file_size(path, error) > 0 && !error && !looks_like_hdf5(path))
    origin.fail(shown + " exists and is not an HDF5 file; refusing to replace it (remove it or choose another "
                        "output file)");
}

}  // namespace

bool looks_like_hdf5(const fs::path& path) {
  constexpr std::array<char, 8> kSignature{'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};
  std::array<char, 8> head{};
  std::ifstream in(path, std::ios::binary);
  return in.read(head.data(), head.size()) && head == kSignature;
}

fs::path checked_output_path(const std::optional<std::string>& option, const std::optional<std::string>& scenario_file,
                             const Scenario& scenario) {
  const Origin origin = option ? Origin{{}, "-o"} : Origin{scenario.location_of("run.name"), "run.name"};
  // run.name is a plain file name (checked when the scenario loads), so the default
  // stays inside out/.
  const fs::path path = option ? fs::path(*option) : fs::path("out") / (scenario.text("run.name") + ".h5");
  if (path.empty()) origin.fail("the output path is empty; give a file name such as out/run.h5");
  const std::string name = path.filename().string();
  if (name.empty() || name == "." || name == "..")
    origin.fail("'" + path.string() + "' does not name a file; give a file name such as out/run.h5");
  check_existing(path, origin, scenario_file);
  fs::path partial = path;
  partial += ".partial";
  std::error_code error;
  if (fs::is_directory(partial, error))
    origin.fail("'" + partial.string() + "' (where the run writes before renaming) is a folder");
  return path;
}

}  // namespace mscsim::cli
