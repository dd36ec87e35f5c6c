// Vectorized float tanh and sigmoid with a tested error bound, for the
// activations (activations.hpp). Written once on Eigen's packet functions, so
// the same code runs on SSE/AVX/AVX-512 natively and on wasm SIMD128 through
// Eigen's SSE path (wasm/wasm.cmake).
//
// Maximum error against the exact function, over EVERY float input
// (tests/native/test_fast_math.cpp checks all 2^32 of them in optimized builds):
//   fast_tanh     <= 6 ulp (<= 4e-7 relative), |result| <= 1, odd, exact for
//                 |x| < 2^-12 and for denormals (tanh(x) = x), +-1 for |x| >= 9.1
//   fast_sigmoid  <= 2.5 ulp (<= 2.4e-7 relative) wherever the result is a normal
//                 float; within 1 ulp of the exact denormal below that (x < -87.3);
//                 0 for x <= -104, 1 for x >= 17.4
// Both map +-0 to +-0 / 0.5, +-inf to +-1 / 1 / 0, and NaN to NaN.
// (Eigen's own packet tanh, which these replace, is off by up to 6.4 ulp; its
// packet exp, which the sigmoid used, costs about twice as much.)
#pragma once
#include <cstdint>

#include <Eigen/Core>
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace nnplay {
namespace fast_math {

using Eigen::internal::padd;
using Eigen::internal::pdiv;
using Eigen::internal::pmadd;
using Eigen::internal::pmax;
using Eigen::internal::pmin;
using Eigen::internal::pmul;
using Eigen::internal::pset1;
using Eigen::internal::psub;

// min, max and select with Eigen's semantics (pmin/pmax return their first
// argument when it is NaN). In wasm, Emscripten's SSE emulation turns
// _mm_min_ps into a compare and a bitselect (four x64 instructions in V8) and
// _mm_blendv_ps into a shift and a bitselect; wasm's f32x4.pmin/pmax have
// exactly Eigen's semantics (V8: one minps/maxps), and a compare's mask needs
// no shift. Everywhere else these are Eigen's own.
template <class Packet>
EIGEN_STRONG_INLINE Packet pmin_first(const Packet& a, const Packet& b) { return pmin(a, b); }
template <class Packet>
EIGEN_STRONG_INLINE Packet pmax_first(const Packet& a, const Packet& b) { return pmax(a, b); }
// mask ? a : b, where each lane of mask is all ones or all zeros (a comparison's result).
template <class Packet>
EIGEN_STRONG_INLINE Packet pselect_mask(const Packet& mask, const Packet& a, const Packet& b) {
  return Eigen::internal::pselect(mask, a, b);
}
#if defined(__wasm_simd128__) && defined(EIGEN_VECTORIZE_SSE)
using WasmFloat4 = Eigen::internal::Packet4f;
template <>
EIGEN_STRONG_INLINE WasmFloat4 pmin_first(const WasmFloat4& a, const WasmFloat4& b) {
  return WasmFloat4(wasm_f32x4_pmin(v128_t(a), v128_t(b)));  // b < a ? b : a
}
template <>
EIGEN_STRONG_INLINE WasmFloat4 pmax_first(const WasmFloat4& a, const WasmFloat4& b) {
  return WasmFloat4(wasm_f32x4_pmax(v128_t(a), v128_t(b)));  // a < b ? b : a
}
template <>
EIGEN_STRONG_INLINE WasmFloat4 pselect_mask(const WasmFloat4& mask, const WasmFloat4& a, const WasmFloat4& b) {
  return WasmFloat4(wasm_v128_bitselect(v128_t(a), v128_t(b), v128_t(mask)));
}
#endif

// 2^k from a float that holds k + kExponentBias in its low mantissa bits (the
// magic-number rounding below): shift those bits into the exponent field.
template <class Packet>
EIGEN_STRONG_INLINE Packet exponent_to_float(const Packet& biased) {
  using IntPacket = typename Eigen::internal::unpacket_traits<Packet>::integer_packet;
  using Eigen::internal::preinterpret;
  return preinterpret<Packet>(Eigen::internal::plogical_shift_left<23>(preinterpret<IntPacket>(biased)));
}
EIGEN_STRONG_INLINE float exponent_to_float(float biased) {
  return Eigen::numext::bit_cast<float>(Eigen::numext::bit_cast<uint32_t>(biased) << 23);
}

// tanh(x) ~ x P(x^2) / Q(x^2), a [9/8] rational minimax for relative error on
// [0, 9.1] (0.4 ulp in exact arithmetic; float rounding makes it 6), with
// P(0) = Q(0) = 1 so that tiny and denormal x come back exactly. Beyond 9.1
// tanh rounds to +-1 in float, so x is clamped there; the clamp keeps NaN
// (Eigen's pmin/pmax return their first argument when it is NaN).
template <class Packet>
EIGEN_STRONG_INLINE Packet ptanh(const Packet& x_in) {
  const Packet limit = pset1<Packet>(9.1f), one = pset1<Packet>(1.0f);
  const Packet x = pmax_first(pmin_first(x_in, limit), pset1<Packet>(-9.1f));
  const Packet u = pmul(x, x);
  Packet p = pmadd(u, pset1<Packet>(0x1.c705e2p-27f), pset1<Packet>(0x1.588166p-16f));
  p = pmadd(u, p, pset1<Packet>(0x1.c99c54p-9f));
  p = pmadd(u, p, pset1<Packet>(0x1.11f8a2p-3f));
  p = pmadd(u, p, one);
  Packet q = pmadd(u, pset1<Packet>(0x1.9f2274p-21f), pset1<Packet>(0x1.57c488p-12f));
  q = pmadd(u, q, pset1<Packet>(0x1.a7b490p-6f));
  q = pmadd(u, q, pset1<Packet>(0x1.de519ep-2f));
  q = pmadd(u, q, one);
  // Rounding can put the quotient a few ulp above 1; tanh never is.
  return pmax_first(pmin_first(pdiv(pmul(x, p), q), one), pset1<Packet>(-1.0f));
}

// e^z for z <= 0 (and NaN for NaN): z = n ln2 + r with |r| <= ln2/2,
// e^r = 1 + r p(r) (p: degree-5 minimax, 0.2 ulp), times 2^n. The 2^n is built
// as 2^(n+64) and the result scaled by 2^-64 at the end, so that results down in
// the denormals (z < -87.3) are rounded once instead of flushed; z is clamped at
// -104, where e^z is below half the smallest denormal (NaN stays NaN).
template <class Packet>
EIGEN_STRONG_INLINE Packet pexp_nonpositive(const Packet& z_in) {
  const Packet one = pset1<Packet>(1.0f);
  const Packet z = pmax_first(z_in, pset1<Packet>(-104.0f));
  // n = round(z / ln2) by the magic-number trick: adding 1.5 * 2^23 rounds to an
  // integer, kept in the low mantissa bits together with the exponent bias
  // (127) and the +64 above.
  const Packet magic = pset1<Packet>(12582912.0f + 127.0f + 64.0f);
  Packet n = pmadd(z, pset1<Packet>(1.44269502f), magic);
  const Packet scale = exponent_to_float(n);  // 2^(n + 64)
  n = psub(n, magic);
  // r = z - n ln2 in two parts (Cody-Waite): n * ln2_hi is exact for |n| < 512.
  Packet r = pmadd(n, pset1<Packet>(-0x1.62e400p-1f), z);
  r = pmadd(n, pset1<Packet>(-0x1.7f7d1cp-20f), r);
  Packet p = pmadd(r, pset1<Packet>(0x1.384ea4p-10f), pset1<Packet>(0x1.122792p-7f));
  p = pmadd(r, p, pset1<Packet>(0x1.559b84p-5f));
  p = pmadd(r, p, pset1<Packet>(0x1.5554b0p-3f));
  p = pmadd(r, p, pset1<Packet>(0x1.ffffacp-2f));
  p = pmadd(r, p, one);
  return pmul(pmadd(pmul(r, scale), p, scale), pset1<Packet>(0x1p-64f));
}

// sigmoid(x) = e / (1 + e) for x < 0 and 1 / (1 + e) for x >= 0, e = exp(-|x|),
// so neither branch cancels.
template <class Packet>
EIGEN_STRONG_INLINE Packet psigmoid_from_exp(const Packet& x, const Packet& e) {
  using Eigen::internal::pcmp_lt;
  const Packet one = pset1<Packet>(1.0f);
  const Packet numerator = pselect_mask(pcmp_lt(x, pset1<Packet>(0.0f)), e, one);
  return pdiv(numerator, padd(one, e));
}

template <class Packet>
EIGEN_STRONG_INLINE Packet psigmoid(const Packet& x) {
  using Eigen::internal::pabs;
  using Eigen::internal::pnegate;
  return psigmoid_from_exp(x, pexp_nonpositive(pnegate(pabs(x))));
}

// Eigen functors, so that `z.unaryExpr(fast_math::TanhOp())` vectorizes like
// `z.array().tanh()`. The scalar form (Eigen uses it for a block's leftover
// elements) runs the packet code on one lane, so an element's result never
// depends on where it sits in the block.
using FloatPacket = Eigen::internal::packet_traits<float>::type;

struct TanhOp {
  float operator()(float x) const { return Eigen::internal::pfirst(ptanh(pset1<FloatPacket>(x))); }
  template <class Packet>
  Packet packetOp(const Packet& x) const { return ptanh(x); }
};

struct SigmoidOp {
  float operator()(float x) const { return Eigen::internal::pfirst(psigmoid(pset1<FloatPacket>(x))); }
  template <class Packet>
  Packet packetOp(const Packet& x) const { return psigmoid(x); }
};

// Scalar entry points (tests, and code that handles one value at a time).
inline float fast_tanh(float x) { return TanhOp()(x); }
inline float fast_sigmoid(float x) { return SigmoidOp()(x); }

}  // namespace fast_math
}  // namespace nnplay

namespace Eigen {
namespace internal {
// Costs in Eigen's units (one add or mul = 1), as Eigen counts its own tanh.
template <>
struct functor_traits<nnplay::fast_math::TanhOp> {
  enum { Cost = 24, PacketAccess = packet_traits<float>::Vectorizable };
};
template <>
struct functor_traits<nnplay::fast_math::SigmoidOp> {
  enum { Cost = 32, PacketAccess = packet_traits<float>::Vectorizable };
};
}  // namespace internal
}  // namespace Eigen
