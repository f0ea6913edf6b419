#include "sim/engine/progress.hpp"

#include <omp.h>
#include <unistd.h>

#include <cstdio>

namespace mscsim {

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

ProgressReporter::ProgressReporter(bool enabled, double duration_h)
    : enabled_(enabled), duration_h_(duration_h), start_s_(omp_get_wtime()) {}

void ProgressReporter::update(double time_h, std::uint64_t agent_steps) {
  if (!enabled_) return;
  const double now = omp_get_wtime();
  const double elapsed = now - start_s_;
  if (elapsed < 2.0 || now - last_print_s_ < 0.25) return;
  last_print_s_ = now;
  printed_ = true;
  const double fraction = duration_h_ > 0 ? time_h / duration_h_ : 1.0;
  const double eta = fraction > 0 ? elapsed * (1.0 - fraction) / fraction : 0.0;
  std::fprintf(stderr, "\r%5.1f%% | %.1f / %.1f h simulated | %.3g agent-steps/s | ETA %.0f s   ",
               100.0 * fraction, time_h, duration_h_, static_cast<double>(agent_steps) / elapsed, eta);
  std::fflush(stderr);
}

void ProgressReporter::finish() {
  if (printed_) std::fprintf(stderr, "\n");
  printed_ = false;
}

}  // namespace mscsim
