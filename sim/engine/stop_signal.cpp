#include "sim/engine/stop_signal.hpp"

#include <signal.h>

namespace mscsim {

namespace {
// The program's one piece of global mutable state, unavoidable: a signal handler can only
// set a flag of this type (async-signal-safe), which the step loop and the sweep read.
volatile sig_atomic_t g_stop_signal = 0;

void on_stop(int signal) {
  g_stop_signal = signal;
}
}  // namespace

void install_stop_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_stop;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a blocking waitpid returns EINTR and the sweep notices
  ::sigaction(SIGTERM, &sa, nullptr);
  ::sigaction(SIGINT, &sa, nullptr);
}

bool stop_requested() {
  return g_stop_signal != 0;
}
int stop_signal() {
  return g_stop_signal;
}

const char* stop_signal_name() {
  switch (g_stop_signal) {
    case SIGTERM:
      return "SIGTERM";
    case SIGINT:
      return "SIGINT";
    default:
      return "a signal";
  }
}

}  // namespace mscsim
