#pragma once
// The shared vocabulary of the biology: population names and the states each cell type
// can be in (docs/ODD.md sections 3.3.2 and 3.3.3-3.3.6). Every immune population has an integer column
// "state" holding one of these values; models that look at another type's cells (contact
// rules, balance indices) read it through these names, never through bare numbers.
#include <cstdint>

namespace mscsim::models {

namespace population {
inline constexpr const char* kMsc = "msc";
inline constexpr const char* kCd4T = "cd4_t";
inline constexpr const char* kCd8T = "cd8_t";
inline constexpr const char* kTreg = "treg";
inline constexpr const char* kBCell = "b_cell";
inline constexpr const char* kNk = "nk";
inline constexpr const char* kDendriticCell = "dc";
inline constexpr const char* kMacrophage = "macrophage";
}  // namespace population

// CD4 T cells; an induced Treg leaves this population and joins "treg" (docs/ODD.md section 3.3.3-3.3.6).
enum class Cd4State : std::int32_t { Naive = 0, Activated = 1, Th1 = 2, Th2 = 3, Th17 = 4 };
enum class Cd8State : std::int32_t { Naive = 0, Ctl = 1 };
enum class TregState : std::int32_t { Natural = 0, Induced = 1 };
enum class BCellState : std::int32_t { Naive = 0, Activated = 1, Plasma = 2, Breg = 3 };
enum class NkState : std::int32_t { Resting = 0, Activated = 1 };
enum class DendriticState : std::int32_t { Immature = 0, Mature = 1, Tolerogenic = 2, Plasmacytoid = 3 };
enum class MacrophageState : std::int32_t { M0 = 0, M1 = 1, M2 = 2 };

template <class State>
constexpr std::int32_t as_int(State s) {
  return static_cast<std::int32_t>(s);
}

}  // namespace mscsim::models
