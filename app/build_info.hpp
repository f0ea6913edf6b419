#pragma once
namespace mscsim {
extern const char* const kVersion;    // project version
extern const char* const kGitCommit;  // commit the binary was built from ("-dirty" if modified)
extern const char* const kQuickstartScenario;  // scenarios/quickstart.toml, embedded at build time
}  // namespace mscsim
