#pragma once
// Subcommands of the mscsim executable; each parses its own options and returns an exit code.
#include <string>
#include <vector>

namespace mscsim::cli {

int command_run(const std::vector<std::string>& args);
int command_check(const std::vector<std::string>& args);
int command_info(const std::vector<std::string>& args);
int command_parameters(const std::vector<std::string>& args);
int command_sweep(const std::vector<std::string>& args);
int command_sweep_merge(const std::vector<std::string>& args);
int command_cohort(const std::vector<std::string>& args);

}  // namespace mscsim::cli
