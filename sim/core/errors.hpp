#pragma once
// Typed errors of the engine. Each is caught once, at the top of the program,
// and turned into a one-line message and an exit code (see app/main.cpp).
#include <stdexcept>
#include <string>

namespace mscsim {

// Where in an input file something went wrong. line/column are 1-based; 0 = unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

// Bad user input: scenario file, --set override, command-line value. Exit code 2.
class InputError : public std::runtime_error {
 public:
  InputError(SourceLocation where, std::string key, const std::string& what)
      : std::runtime_error(format(where, key, what)), where_(std::move(where)), key_(std::move(key)) {}
  const SourceLocation& where() const noexcept { return where_; }
  const std::string& key() const noexcept { return key_; }

  // "file:line:col: key: what" with the parts that are known.
  static std::string format(const SourceLocation& where, const std::string& key, const std::string& what) {
    std::string out;
    if (!where.file.empty()) {
      out += where.file;
      if (where.line > 0) {
        out += ":" + std::to_string(where.line);
        if (where.column > 0) out += ":" + std::to_string(where.column);
      }
      out += ": ";
    }
    if (!key.empty()) out += key + ": ";
    out += what;
    return out;
  }

 private:
  SourceLocation where_;
  std::string key_;
};

// A scenario that cannot be loaded or is invalid.
class ScenarioError : public InputError {
 public:
  using InputError::InputError;
};

// Output that cannot be written or read (HDF5 failures, unwritable paths).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A model or engine misuse detected at set-up (programming error, not user input).
class ConfigurationError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

}  // namespace mscsim
