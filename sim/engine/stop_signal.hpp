#pragma once
// SIGTERM and SIGINT as a request to stop cleanly (docs/checkpoint.md): the handler only
// records the signal; `mscsim run` checks after each step and writes a checkpoint and a
// consistent partial output, `mscsim sweep` forwards the stop to its runs. Exit code 4.
namespace mscsim {

// Installs the handlers for SIGTERM and SIGINT, without SA_RESTART, so that a blocking
// wait returns EINTR and its caller notices the request.
void install_stop_handlers();
bool stop_requested();
// The signal that asked to stop (0 when none).
int stop_signal();
// "SIGTERM", "SIGINT" or "signal N".
const char* stop_signal_name();

}  // namespace mscsim
