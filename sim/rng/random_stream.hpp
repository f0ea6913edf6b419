#pragma once
// Counter-based random numbers (Random123 Philox4x64-10, Salmon et al. 2011).
// A stream is keyed by (seed, purpose) and counted by (subject, step, draw): the same
// agent at the same step for the same purpose always sees the same numbers, whichever
// thread runs it and however many threads exist. No generator is ever shared.
#include <Random123/philox.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

namespace mscsim::rng {

// A purpose is a stable 64-bit name hash (FNV-1a), so adding a purpose never shifts others.
constexpr std::uint64_t purpose_id(std::string_view name) {
  std::uint64_t h = 14695981039346656037ull;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

class RandomStream {
 public:
  using result_type = std::uint64_t;

  RandomStream(std::uint64_t seed, std::uint64_t purpose, std::uint64_t subject, std::uint64_t step)
      : key_{{seed, purpose}}, counter_{{subject, step, 0, 0}} {}

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  // Raw 64 random bits (UniformRandomBitGenerator, so std distributions accept it).
  result_type operator()() {
    if (used_ == 4) refill();
    return block_.v[used_++];
  }

  // Uniform in the open interval (0, 1): 53 random bits, never 0 (safe for log).
  double uniform() { return (static_cast<double>((*this)() >> 11) + 0.5) * 0x1.0p-53; }

  // True with probability p.
  bool bernoulli(double p) { return uniform() < p; }

  // Uniform integer in [0, n), n > 0 (Lemire's multiply-shift; bias < n / 2^64).
  std::uint64_t below(std::uint64_t n) {
    __extension__ typedef unsigned __int128 uint128;
    return static_cast<std::uint64_t>((static_cast<uint128>((*this)()) * n) >> 64);
  }

  // Standard normal by Marsaglia's polar method (no trigonometry; 21% of pairs rejected);
  // both variates of an accepted pair are used in turn.
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u, v, s;
    do {
      u = 2.0 * uniform() - 1.0;
      v = 2.0 * uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double scale = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * scale;
    has_spare_ = true;
    return u * scale;
  }

  // Exponential with unit rate.
  double exponential() { return -std::log(uniform()); }

  // Which draw block comes next (for tests and diagnostics).
  std::uint64_t blocks_used() const { return counter_.v[2]; }

 private:
  void refill() {
    block_ = philox_(counter_, key_);
    ++counter_.v[2];
    used_ = 0;
  }

  using Philox = r123::Philox4x64;
  Philox philox_;
  Philox::key_type key_;
  Philox::ctr_type counter_;
  Philox::ctr_type block_{};
  int used_ = 4;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

}  // namespace mscsim::rng
