// Weight initializers with Keras's definitions (fans as Keras computes them for a
// kernel [fan_in, fan_out]), drawn from the engine's own generator so native and
// wasm builds give the same weights bit for bit.
#pragma once
#include <cmath>
#include <cstdint>

#include "nnplay/names.hpp"
#include "nnplay/random.hpp"

namespace nnplay {

// Keras's truncated normal: redraw beyond two standard deviations; the stddev is
// scaled so the truncated distribution keeps the intended variance (Keras 2.x's
// VarianceScaling divides by .87962566103423978, the stddev of a unit normal
// truncated to [-2, 2]; TF.js 4.22 does not, see the README's numerics section).
inline double truncated_normal(Random& rng, double stddev) {
  const double scaled = stddev / 0.87962566103423978;
  for (;;) {
    const double v = rng.normal();
    if (std::abs(v) <= 2.0) return v * scaled;
  }
}

// Fills data[0..count) with `init`. A bias takes its layer's fans too (as the
// kernel's), which only matters for the non-constant initializers.
template <class T>
void fill_initializer(T* data, int64_t count, Initializer init, int64_t fan_in, int64_t fan_out, Random& rng) {
  for (int64_t i = 0; i < count; ++i) {
    double v = 0;
    switch (init) {
      case Initializer::Zeros: v = 0; break;
      case Initializer::Ones: v = 1; break;
      case Initializer::GlorotUniform: { const double l = std::sqrt(6.0 / double(fan_in + fan_out)); v = rng.uniform(-l, l); break; }
      case Initializer::GlorotNormal: v = truncated_normal(rng, std::sqrt(2.0 / double(fan_in + fan_out))); break;
      case Initializer::HeUniform: { const double l = std::sqrt(6.0 / double(fan_in)); v = rng.uniform(-l, l); break; }
      case Initializer::HeNormal: v = truncated_normal(rng, std::sqrt(2.0 / double(fan_in))); break;
      case Initializer::LecunUniform: { const double l = std::sqrt(3.0 / double(fan_in)); v = rng.uniform(-l, l); break; }
    }
    data[i] = T(v);
  }
}

}  // namespace nnplay
