// mscsim cohort COHORT.toml -o DIR [--jobs N] [--threads-per-run N] [--executor local|mpi|slurm]
//               [--resume] [--dry-run] [--check] [--patients N]
//
// A cohort is expanded into a plain sweep file (DIR/cohort_sweep.toml) that the sweep
// command runs unchanged into DIR/sweep, so every sweep executor runs cohorts; the cohort
// analysis (analysis/mscsim_analysis/cohort.py) then reads the summary (docs/cohorts.md).
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/cli_common.hpp"
#include "app/cohort_patients.hpp"
#include "app/cohort_spec.hpp"
#include "app/commands.hpp"
#include "models/endpoints.hpp"
#include "models/register_models.hpp"
#include "sim/params/value_rules.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/sweep/child_process.hpp"
#include "sim/sweep/sweep_folder.hpp"

#ifndef MSCSIM_ANALYSIS_DIR
#define MSCSIM_ANALYSIS_DIR ""
#endif

namespace po = boost::program_options;

namespace mscsim::cli {
namespace {

struct CohortOptions {
  std::string output;
  std::int64_t jobs = 0;
  std::int64_t threads_per_run = 1;
  std::int64_t patients = 0;
  std::string executor = "local";
};

// One override of a patient's run, with where in the cohort file it came from.
struct LocatedOverride {
  std::string key;
  std::string value_text;
  SourceLocation where;
};

std::string bare_message(const InputError& e) {
  const std::string prefix = InputError::format(e.where(), e.key(), "");
  const std::string what = e.what();
  return what.compare(0, prefix.size(), prefix) == 0 ? what.substr(prefix.size()) : what;
}

// Loads patient `i`'s scenario in one arm; an error caused by a cohort value is reported at
// the cohort file's line that gave it, and names the patient.
void check_patient(const std::string& base_text, const cohort::CohortSpec& spec, const cohort::Patient& patient,
                   std::size_t i, const char* arm, const std::vector<sweep::Assignment>& arm_set,
                   const ParameterCatalogue& catalogue) {
  std::vector<LocatedOverride> located;
  for (const auto& a : spec.set) located.push_back({a.key, to_toml_text(a.value.value), a.value.where});
  for (const auto& a : arm_set) located.push_back({a.key, to_toml_text(a.value.value), a.value.where});
  for (std::size_t j = 0; j < spec.attributes.size(); ++j) {
    located.push_back({spec.attributes[j].key, patient.values[j], spec.attributes[j].where});
  }
  std::vector<Override> overrides;
  for (const auto& o : located) overrides.push_back({o.key, o.value_text});
  try {
    (void)load_scenario_text(base_text, spec.base.string(), catalogue, overrides);
  } catch (const ScenarioError& e) {
    const std::string context = " (patient " + std::to_string(i) + ", " + arm + " arm)";
    if (e.where().file == "--set") {
      for (const auto& o : located) {
        if (o.key == e.key() || e.key().rfind(o.key + ".", 0) == 0 || o.key.rfind(e.key() + ".", 0) == 0) {
          throw ScenarioError(o.where, o.key, bare_message(e) + context);
        }
      }
    }
    throw ScenarioError(e.where(), e.key(), bare_message(e) + context);
  }
}

// The responder's endpoint must be a column a sweep summary can have.
void check_endpoint(const cohort::Responder& responder) {
  const std::size_t colon = responder.endpoint.rfind(':');
  const std::string series = responder.endpoint.substr(0, colon);
  const std::string reducer = responder.endpoint.substr(colon + 1);
  for (const sweep::EndpointSpec& e : models::sweep_endpoints()) {
    if (!sweep::series_matches(e.series, series)) continue;
    for (sweep::Reducer r : e.reducers) {
      if (reducer == sweep::to_string(r)) return;
    }
  }
  throw ScenarioError(responder.endpoint_where, "responder.endpoint",
                      "'" + responder.endpoint + "' is not a sweep endpoint (docs/sweeps.md, \"Endpoints\")");
}

// Writes `text` to `path` through a temporary file and a rename: readers (and other MPI
// ranks writing the same bytes) never see half a file.
void write_atomically(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path temporary = path.string() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary);
    out << text;
    if (!out) throw OutputError("cannot write " + temporary.string());
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) throw OutputError("cannot write " + path.string() + ": " + ec.message());
}

// Under mpirun every rank runs this command; only rank 0 analyses.
bool is_first_rank() {
  for (const char* name : {"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') return std::atoi(value) == 0;
  }
  return true;
}

std::string analysis_package_dir() {
  const char* env = std::getenv("MSCSIM_ANALYSIS_DIR");
  if (env != nullptr && *env != '\0') return env;
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path installed = exe.parent_path().parent_path() / "share" / "mscsim" / "analysis";
    if (std::filesystem::exists(installed / "mscsim_analysis", ec)) return installed.string();
  }
  return MSCSIM_ANALYSIS_DIR;
}

// Runs `python -m mscsim_analysis.cohort DIR`; returns its exit code (-1: not run).
int analyse(const std::filesystem::path& dir) {
  const char* python_env = std::getenv("MSCSIM_PYTHON");
  const std::string python = python_env != nullptr && *python_env != '\0' ? python_env : "/usr/bin/python3";
  const std::string analysis = analysis_package_dir();
  std::error_code ec;
  if (analysis.empty() || !std::filesystem::exists(std::filesystem::path(analysis) / "mscsim_analysis", ec)) {
    std::fprintf(stderr, "mscsim cohort: report not written: the analysis package was not found "
                         "(set MSCSIM_ANALYSIS_DIR to the repository's analysis/ folder)\n");
    return -1;
  }
  const char* old = std::getenv("PYTHONPATH");
  const std::string pythonpath = analysis + (old != nullptr && *old != '\0' ? ":" + std::string(old) : "");
  ::setenv("PYTHONPATH", pythonpath.c_str(), 1);
  std::fflush(stdout);
  const sweep::CommandOutput out = sweep::run_and_capture({python, "-m", "mscsim_analysis.cohort", dir.string()});
  std::fputs(out.out.c_str(), stdout);
  return out.exit_code;
}

void print_patients(const cohort::CohortSpec& spec, const std::vector<cohort::Patient>& patients) {
  std::printf("Cohort '%s': base %s, %zu patients (cohort seed %llu), each run untreated and treated\n",
              spec.name.c_str(), spec.base.string().c_str(), patients.size(), static_cast<unsigned long long>(spec.seed));
  std::printf("responder: %s %s", spec.responder.endpoint.c_str(), cohort::to_string(spec.responder.rule));
  if (spec.responder.rule == cohort::ResponderRule::below_untreated || spec.responder.rule == cohort::ResponderRule::below_start) {
    std::printf(" (margin %s, relative margin %s)", value_rules::number_text(spec.responder.margin).c_str(),
                value_rules::number_text(spec.responder.relative_margin).c_str());
  } else {
    std::printf(" %s", value_rules::number_text(spec.responder.threshold).c_str());
  }
  std::printf("; stands for: %s\n", spec.responder.criterion.c_str());
  std::printf("%-8s", "patient");
  for (const auto& a : spec.attributes) std::printf(" %s", a.key.c_str());
  std::printf("\n");
  const std::size_t shown = std::min<std::size_t>(patients.size(), 20);
  for (std::size_t i = 0; i < shown; ++i) {
    std::printf("%-8zu", i);
    for (const std::string& v : patients[i].values) std::printf(" %s", v.c_str());
    std::printf("\n");
  }
  if (shown < patients.size()) std::printf("... and %zu more (all in DIR/patients.csv)\n", patients.size() - shown);
}

}  // namespace

int command_cohort(const std::vector<std::string>& args) {
  po::options_description options(
      "mscsim cohort COHORT.toml -o DIR [options]\n\nRuns a virtual cohort (docs/cohorts.md): every patient drawn "
      "from the cohort's attribute distributions is run untreated and treated (same seed: paired) through the sweep "
      "executors; DIR/cohort_report.csv and .json give the response rates with their 95 % intervals, the paired "
      "difference and the attributes that predict response. Exit codes as mscsim sweep.\n\noptions");
  CohortOptions o;
  options.add_options()
      ("output,o", po::value(&o.output), "the cohort folder (default: out/<cohort name>)")
      ("jobs,j", po::value(&o.jobs), "as mscsim sweep --jobs")
      ("threads-per-run", po::value(&o.threads_per_run), "OpenMP threads of each run (default 1)")
      ("executor", po::value(&o.executor), "local (default), mpi (under mpirun) or slurm")
      ("patients", po::value(&o.patients), "run the first N patients instead of the file's number (the same "
                                           "patients: patient i does not depend on N)")
      ("resume", "run only what is missing in DIR, then report")
      ("dry-run", "print the patients and the run table with an estimated cost; run and write nothing")
      ("check", "check the cohort and every patient's scenario and print the patients; run and write nothing");
  const ParsedCommand parsed = parse_command(args, options);
  if (parsed.help) return kSuccess;
  const auto& vm = parsed.options;
  if (parsed.positional.size() != 1) throw UsageError("mscsim cohort takes one cohort file (mscsim cohort COHORT.toml -o DIR)");
  if (o.executor != "local" && o.executor != "mpi" && o.executor != "slurm") {
    throw UsageError("--executor must be local, mpi or slurm, got '" + o.executor + "'");
  }
  if (vm.count("patients") && (o.patients < 1 || o.patients > 100000)) throw UsageError("--patients must be between 1 and 100000");
  if (vm.count("output") && o.output.empty()) throw UsageError("-o needs a folder name");

  ModelList models = models::create_models();
  const ParameterCatalogue catalogue = models::build_catalogue(models);
  const cohort::CohortSpec spec = cohort::load_cohort_file(parsed.positional[0]);
  check_endpoint(spec.responder);
  std::string base_text;
  try {
    base_text = sweep::read_whole_file(spec.base);
  } catch (const std::exception&) {
    throw ScenarioError(spec.base_where, "cohort.base", "cannot read the base scenario " + spec.base.string());
  }
  const int count = vm.count("patients") ? static_cast<int>(o.patients) : spec.patients;
  const auto is_integer = [&](const std::string& key) {
    const ParameterSpec* p = catalogue.find(key);
    return p != nullptr && p->type == ValueType::Integer;
  };
  const std::vector<cohort::Patient> patients = cohort::draw_patients(spec, count, is_integer);
  for (std::size_t i = 0; i < patients.size(); ++i) {
    check_patient(base_text, spec, patients[i], i, "untreated", spec.untreated, catalogue);
    check_patient(base_text, spec, patients[i], i, "treated", spec.treated, catalogue);
  }
  if (vm.count("check")) {
    print_patients(spec, patients);
    return kSuccess;
  }
  const std::string base = std::filesystem::absolute(spec.base).lexically_normal().string();
  const std::string sweep = cohort::sweep_text(spec, base, patients);
  const std::filesystem::path dir = o.output.empty() ? std::filesystem::path("out") / spec.name : std::filesystem::path(o.output);

  std::vector<std::string> sweep_args{"-o", (dir / "sweep").string(), "--quiet", "--executor", o.executor,
                                      "--threads-per-run", std::to_string(o.threads_per_run)};
  if (vm.count("jobs")) sweep_args.insert(sweep_args.end(), {"--jobs", std::to_string(o.jobs)});

  if (vm.count("dry-run")) {
    print_patients(spec, patients);
    char scratch_template[] = "/tmp/mscsim-cohort-XXXXXX";
    if (mkdtemp(scratch_template) == nullptr) throw OutputError("cannot create a scratch folder for the dry run");
    const std::filesystem::path scratch = scratch_template;
    write_atomically(scratch / "cohort_sweep.toml", sweep);
    sweep_args.insert(sweep_args.begin(), (scratch / "cohort_sweep.toml").string());
    sweep_args.push_back("--dry-run");
    int code = kSuccess;
    try {
      code = command_sweep(sweep_args);
    } catch (...) {
      std::error_code ec;
      std::filesystem::remove_all(scratch, ec);
      throw;
    }
    std::error_code ec;
    std::filesystem::remove_all(scratch, ec);
    return code;
  }

  // A folder holds one cohort: the same patients, or nothing.
  std::error_code ec;
  const std::filesystem::path sweep_file = dir / "cohort_sweep.toml";
  if (std::filesystem::exists(sweep_file, ec) && sweep::read_whole_file(sweep_file) != sweep) {
    throw InputError({dir.string(), 0, 0}, "",
                     "holds another cohort (its cohort_sweep.toml differs from this cohort's patients); use another "
                     "folder");
  }
  std::filesystem::create_directories(dir, ec);
  if (ec) throw OutputError("cannot create " + dir.string() + ": " + ec.message());
  write_atomically(dir / "cohort.toml", spec.text);
  write_atomically(dir / "patients.csv", cohort::patients_csv(spec, patients));
  write_atomically(sweep_file, sweep);
  if (vm.count("resume")) sweep_args.push_back("--resume");
  sweep_args.insert(sweep_args.begin(), sweep_file.string());

  if (is_first_rank()) {
    std::fprintf(stderr, "mscsim cohort: '%s': %zu patients, %zu runs (untreated and treated) -> %s\n", spec.name.c_str(),
                 patients.size(), 2 * patients.size(), dir.c_str());
  }
  const int code = command_sweep(sweep_args);
  if (o.executor == "slurm") {
    std::printf("When the Slurm jobs have ended, write the cohort report with: mscsim cohort %s -o %s --resume\n",
                parsed.positional[0].c_str(), dir.c_str());
    return code;
  }
  if (!is_first_rank() || (code != kSuccess && code != kRunsFailed)) return code;
  const int analysed = analyse(dir);
  if (analysed != 0) {
    std::fprintf(stderr, "mscsim cohort: report not written (the analysis exited with %d); retry with: "
                         "/usr/bin/python3 -m mscsim_analysis.cohort %s\n", analysed, dir.c_str());
    return analysed == kBadInput ? kBadInput : kOutputFailure;
  }
  return code;
}

}  // namespace mscsim::cli
