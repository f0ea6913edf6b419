#include "sim/engine/progress.hpp"

#include <omp.h>
#include <unistd.h>

#include <cstdio>
#include <utility>

namespace mscsim {

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

ProgressReporter::ProgressReporter(const ProgressOptions& options, double duration_h, std::string label)
    : options_(options),
      duration_h_(duration_h),
      label_(std::move(label)),
      start_s_(omp_get_wtime()),
      last_print_s_(start_s_) {}

void ProgressReporter::update(double time_h, std::uint64_t agent_steps) {
  if (options_.style == ProgressStyle::Off) return;
  const double now = omp_get_wtime();
  const double elapsed = now - start_s_;
  const bool terminal = options_.style == ProgressStyle::Terminal;
  if (terminal ? (elapsed < 2.0 || now - last_print_s_ < 0.25) : now - last_print_s_ < options_.interval_s) return;
  last_print_s_ = now;
  printed_ = true;
  const double fraction = duration_h_ > 0 ? time_h / duration_h_ : 1.0;
  const double eta = fraction > 0 ? elapsed * (1.0 - fraction) / fraction : 0.0;
  const double rate = static_cast<double>(agent_steps) / elapsed;
  if (terminal)
    std::fprintf(stderr, "\r%5.1f%% | %.1f / %.1f h simulated | %.3g agent-steps/s | ETA %.0f s   ",
                 100.0 * fraction, time_h, duration_h_, rate, eta);
  else
    std::fprintf(stderr, "%s: %5.1f%% | %.1f / %.1f h simulated | %.3g agent-steps/s | ETA %.0f s | %.0f s elapsed\n",
                 label_.c_str(), 100.0 * fraction, time_h, duration_h_, rate, eta, elapsed);
  std::fflush(stderr);
}

void ProgressReporter::finish() {
  if (printed_ && options_.style == ProgressStyle::Terminal) std::fprintf(stderr, "\n");
  printed_ = false;
}

}  // namespace mscsim
