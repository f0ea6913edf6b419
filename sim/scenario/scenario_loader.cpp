#include <sys/stat.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>

#include "sim/params/value_rules.hpp"
#include "sim/scenario/loading_steps.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/toml_parse.hpp"

namespace mscsim {
namespace {

// A scenario is a few kB of TOML; anything near this is a mistake (a log, an HDF5 file),
// and a device such as /dev/zero would otherwise be read until memory runs out.
constexpr std::size_t kMaxScenarioBytes = 16u << 20;

std::string read_file(const std::filesystem::path& path) {
  const SourceLocation where{path.string(), 0, 0};
  // fopen/errno rather than ifstream: it gives the system's reason ("No such file or directory").
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    throw ScenarioError(where, "", std::string("cannot open scenario file: ") + std::strerror(EISDIR));
  }
  errno = 0;
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) {
    const int reason = errno != 0 ? errno : ENOENT;
    throw ScenarioError(where, "", std::string("cannot open scenario file: ") + std::strerror(reason));
  }
  // Checked on the open file, so that what is read is what was checked.
  struct stat status {};
  if (fstat(fileno(file.get()), &status) != 0 || !S_ISREG(status.st_mode)) {
    throw ScenarioError(where, "", "not a regular file (a device, pipe or socket); a scenario is a TOML file");
  }
  if (static_cast<std::uint64_t>(status.st_size) > kMaxScenarioBytes) {
    throw ScenarioError(where, "", "the file has " + std::to_string(status.st_size) +
                                       " bytes; a scenario may have at most " + std::to_string(kMaxScenarioBytes) +
                                       " (16 MiB)");
  }
  std::string text;
  char buffer[65536];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    text.append(buffer, n);
    // The file may grow while it is read.
    if (text.size() > kMaxScenarioBytes)
      throw ScenarioError(where, "", "the file has more than " + std::to_string(kMaxScenarioBytes) +
                                         " bytes (16 MiB), the most a scenario may have");
  }
  if (std::ferror(file.get()) != 0) {
    throw ScenarioError(where, "", std::string("cannot read scenario file: ") + std::strerror(errno));
  }
  return text;
}

}  // namespace

Scenario load_scenario_file(const std::filesystem::path& path, const ParameterCatalogue& catalogue,
                            const std::vector<Override>& overrides) {
  return load_scenario_text(read_file(path), path.string(), catalogue, overrides);
}

Scenario load_scenario_text(std::string_view toml_text, const std::string& source_name,
                            const ParameterCatalogue& catalogue, const std::vector<Override>& overrides) {
  auto parsed = toml_input::parse(toml_text, source_name);
  if (const auto* failure = std::get_if<toml_input::Failure>(&parsed)) {
    throw ScenarioError({source_name, failure->line, failure->column}, "", failure->description);
  }
  const toml::table& document = std::get<toml::table>(parsed);
  Scenario scenario;
  scenario.set_source(source_name, &catalogue);
  loading::set_defaults(catalogue, scenario);
  loading::apply_document(document, catalogue, scenario);
  for (const Override& assignment : overrides) loading::apply_override(assignment, catalogue, scenario);
  loading::run_checks(catalogue, scenario);
  return scenario;
}

}  // namespace mscsim
