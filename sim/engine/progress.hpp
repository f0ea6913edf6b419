#pragma once
// Progress line on stderr for runs longer than about two seconds, only when stderr is a
// terminal and the user did not ask for --quiet: percent, simulated hours, throughput, ETA.
#include <cstdint>

namespace mscsim {

class ProgressReporter {
 public:
  ProgressReporter(bool enabled, double duration_h);
  // Called after each step; prints at most a few times a second.
  void update(double time_h, std::uint64_t agent_steps);
  // Ends the progress line (if one was printed).
  void finish();

 private:
  bool enabled_;
  double duration_h_;
  double start_s_;
  double last_print_s_ = 0.0;
  bool printed_ = false;
};

// True when file descriptor 2 is a terminal.
bool stderr_is_terminal();

}  // namespace mscsim
