// Every input in tests/fuzz/regressions/ (inputs that once crashed a loader or tripped a
// toml++ defect; docs/reliability.md) is bad input to the real binary: exit code 2, one
// line on stderr, nothing on stdout, and nothing written or changed on disk.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "cli_runner.hpp"

using namespace mscsim::test_support;
namespace fs = std::filesystem;

namespace {

struct Regression {
  fs::path file;
  bool is_sweep = false;  // in regressions/sweep/: also given to `mscsim sweep`
};

// gtest shows a parameter by this, not as raw bytes.
void PrintTo(const Regression& r, std::ostream* out) { *out << r.file.filename(); }

std::vector<Regression> regressions() {
  std::vector<Regression> out;
  const fs::path root = fs::path(MSCSIM_SOURCE_DIR) / "tests" / "fuzz" / "regressions";
  for (const char* kind : {"scenario", "sweep"}) {
    for (const auto& entry : fs::directory_iterator(root / kind)) {
      if (entry.is_regular_file()) out.push_back({entry.path(), std::string(kind) == "sweep"});
    }
  }
  std::sort(out.begin(), out.end(), [](const Regression& a, const Regression& b) { return a.file < b.file; });
  return out;
}

std::set<std::string> listing(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) names.insert(entry.path().lexically_relative(dir).string());
  return names;
}

void expect_one_line_exit_two(const std::string& arguments, const ScratchDir& dir) {
  SCOPED_TRACE(arguments);
  const auto before = listing(dir.path());
  const std::string earlier = read_file(dir / "result.h5");
  const CommandResult r = run_mscsim(arguments, dir);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "not one line: " << r.err;
  EXPECT_EQ(r.err.rfind("mscsim: error: ", 0), 0u) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_EQ(read_file(dir / "result.h5"), earlier);
  auto after = listing(dir.path());
  after.insert({"stdout.txt", "stderr.txt"});
  EXPECT_EQ(after, before) << "the command wrote files";
}

class FuzzRegression : public testing::TestWithParam<Regression> {};

TEST_P(FuzzRegression, ExitsTwoWithOneLineAndWritesNothing) {
  const Regression& input = GetParam();
  ScratchDir dir;
  fs::copy_file(input.file, dir / "input.toml");
  dir.write("result.h5", "earlier result");
  dir.write("stdout.txt", "");
  dir.write("stderr.txt", "");
  expect_one_line_exit_two("check input.toml", dir);
  expect_one_line_exit_two("run input.toml -o result.h5 --quiet", dir);
  if (input.is_sweep) expect_one_line_exit_two("sweep input.toml -o sweep-out --quiet", dir);
}

std::string test_name(const testing::TestParamInfo<Regression>& info) {
  std::string name = (info.param.is_sweep ? "sweep_" : "scenario_") + info.param.file.stem().string();
  std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Inputs, FuzzRegression, testing::ValuesIn(regressions()), test_name);

}  // namespace
