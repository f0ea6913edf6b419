#pragma once
// Known defects of toml++ 3.3.0 (Debian 12's libtomlplusplus), found by fuzzing
// (docs/reliability.md): text shapes on which its parser breaks its own invariants. With
// its assertions on it aborts; in a release build the assertion is gone or, with clang,
// an assumption the optimiser may build on (undefined behaviour). They are all malformed
// TOML, so refusing them before the library sees them loses nothing.
#include <optional>
#include <string>
#include <string_view>

namespace mscsim::toml_defects {

struct Finding {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in bytes
  std::string description;
};

// The first known defect shape in `text`, if any. A cheap single pass that follows TOML's
// strings, comments and brackets well enough to tell keys, headers and values apart; it
// never refuses valid TOML.
std::optional<Finding> find(std::string_view text);

}  // namespace mscsim::toml_defects
