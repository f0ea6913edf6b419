#pragma once
// Progress of a run on stderr: percent, simulated hours, throughput, ETA. On a terminal one
// line rewritten in place a few times a second, for runs longer than about two seconds.
// Elsewhere (a Slurm log, a pipe) a plain line every interval, never a carriage return,
// so that a log shows how far a run has come without filling up.
#include <cstdint>
#include <string>

namespace mscsim {

enum class ProgressStyle { Off, Terminal, Lines };

struct ProgressOptions {
  ProgressStyle style = ProgressStyle::Off;
  double interval_s = 10.0;  // between plain lines (style Lines)
};

class ProgressReporter {
 public:
  ProgressReporter(const ProgressOptions& options, double duration_h, std::string label);
  // Called after each step; prints at most a few times a second.
  void update(double time_h, std::uint64_t agent_steps);
  // Ends the progress line (if one was printed on a terminal).
  void finish();

 private:
  ProgressOptions options_;
  double duration_h_;
  std::string label_;
  double start_s_;
  double last_print_s_;
  bool printed_ = false;
};

// True when file descriptor 2 is a terminal.
bool stderr_is_terminal();

}  // namespace mscsim
