// Simulation::save_state / restore_state (docs/checkpoint.md). The random streams need no
// saving: every draw is keyed on (seed, purpose, subject, step), so the step counter is
// the whole position of every stream.
#include <algorithm>

#include "sim/core/errors.hpp"
#include "sim/engine/simulation.hpp"

namespace mscsim {

void Simulation::save_state(ByteWriter& out) const {
  out.value(steps_done_);
  out.value(agent_steps_);
  std::vector<std::uint8_t> done(event_done_.begin(), event_done_.end());
  out.array_of(done);
  world_.save_state(out);
  out.value<std::uint64_t>(builder_.states.size());
  for (const ModelStateHook& hook : builder_.states) {
    ByteWriter part;
    hook.save(part);
    out.text(hook.name);
    out.array_of(part.bytes());
  }
}

std::vector<std::string> Simulation::model_state_names() const {
  std::vector<std::string> names;
  for (const ModelStateHook& hook : builder_.states) names.push_back(hook.name);
  return names;
}

void Simulation::restore_state(ByteReader& in) {
  steps_done_ = in.value<std::uint64_t>();
  agent_steps_ = in.value<std::uint64_t>();
  const auto done = in.array<std::uint8_t>();
  if (done.size() != event_done_.size())
    throw InputError({}, {}, in.origin() + ": the scheduled events differ from this scenario's");
  std::transform(done.begin(), done.end(), event_done_.begin(), [](std::uint8_t d) { return d != 0; });
  world_.restore_state(in);
  if (in.value<std::uint64_t>() != builder_.states.size())
    throw InputError({}, {}, in.origin() + ": the models' saved state differs from what this build registers");
  for (const ModelStateHook& hook : builder_.states) {
    if (in.text() != hook.name)
      throw InputError({}, {}, in.origin() + ": no saved state for '" + hook.name + "' where this build expects it");
    const auto bytes = in.array<std::uint8_t>();
    ByteReader part(bytes, in.origin() + ", model state '" + hook.name + "'");
    hook.restore(part);
    part.expect_end();
  }
  in.expect_end();
}

}  // namespace mscsim
