#pragma once
// Runs the mscsim binary as a user would and captures its exit code and output.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace mscsim::test_support {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fresh directory under the system temporary folder, removed at destruction.
class ScratchDir {
 public:
  ScratchDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("mscsim-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return path_ / name;
  }

 private:
  std::filesystem::path path_;
};

// Runs `MSCSIM_BINARY <arguments>` (arguments already shell-quoted where needed).
inline CommandResult run_mscsim(const std::string& arguments, const ScratchDir& scratch) {
  const auto out_file = scratch / "stdout.txt";
  const auto err_file = scratch / "stderr.txt";
  const std::string command = std::string("cd '") + scratch.path().string() + "' && '" + MSCSIM_BINARY + "' " +
                              arguments + " > '" + out_file.string() + "' 2> '" + err_file.string() + "'";
  const int status = std::system(command.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out_file);
  r.err = read_file(err_file);
  return r;
}

}  // namespace mscsim::test_support
