// Seeded random numbers that are bit-identical on every platform (native, wasm).
// std::*_distribution is implementation-defined, so we derive floats ourselves.
#pragma once
#include <array>
#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace nnplay {

// SplitMix64 seeding into xoshiro128** — small, fast, and well studied.
class Random {
 public:
  explicit Random(uint64_t seed = 1) { reseed(seed); }

  void reseed(uint64_t seed) {
    uint64_t z = seed;
    for (auto& word : state_) {
      z += 0x9E3779B97F4A7C15ull;
      uint64_t x = z;
      x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
      x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
      word = static_cast<uint32_t>((x ^ (x >> 31)) >> 16);
    }
    if ((state_[0] | state_[1] | state_[2] | state_[3]) == 0) state_[0] = 1;
  }

  // The whole generator state, to save and restore (resumed training is bit-identical).
  using State = std::array<uint32_t, 4>;
  State state() const { return {state_[0], state_[1], state_[2], state_[3]}; }
  void set_state(const State& s) {
    if ((s[0] | s[1] | s[2] | s[3]) == 0) throw std::invalid_argument("random state must not be all zeros");
    for (int i = 0; i < 4; ++i) state_[i] = s[i];
  }

  uint32_t next_u32() {
    const uint32_t result = rotl(state_[1] * 5, 7) * 9;
    const uint32_t t = state_[1] << 9;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 11);
    return result;
  }

  // Uniform in [0, 1) with 24 random bits: exactly representable as float.
  double uniform() { return (next_u32() >> 8) * (1.0 / 16777216.0); }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  // Uniform integer in [0, n) without modulo bias worth caring about for n < 2^24.
  uint32_t below(uint32_t n) { return static_cast<uint32_t>(uniform() * n); }

  // Standard normal by Box-Muller; uses std::log/cos/sqrt, which are correctly
  // rounded enough that native and wasm agree to float precision.
  double normal() {
    double u1 = uniform();
    while (u1 <= 0.0) u1 = uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double normal(double mean, double stddev) { return mean + stddev * normal(); }

 private:
  static uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
  uint32_t state_[4];
};

}  // namespace nnplay
