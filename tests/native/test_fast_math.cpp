// The error bounds stated in fast_math.hpp, checked over every float input:
// all 2^32 bit patterns in optimized builds (10-20 s), every 1009th one plus
// the special values and the edges of each range in debug/sanitizer builds. The
// reference is the exact function in double (std::tanh, std::exp), which is far
// more accurate than the float results it judges. The largest errors are printed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <limits>
#include <vector>

#include "nnplay/activations.hpp"
#include "nnplay/fast_math.hpp"

using namespace nnplay;

namespace {

#ifdef NDEBUG
constexpr uint32_t kStride = 1;  // every float
#else
constexpr uint32_t kStride = 1009;  // ~4 million inputs: sanitizer builds are 50x slower
#endif

float from_bits(uint32_t u) {
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}
uint32_t bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
}

// The spacing of floats in the binade of |ref| (2^-149 among the denormals),
// from the bits of the double: this runs 2^32 times, so no frexp/ldexp.
double ulp_at(double ref) {
  uint64_t u;
  std::memcpy(&u, &ref, sizeof u);
  const int binade = int((u >> 52) & 0x7FF) - 1023;  // |ref| in [2^binade, 2^(binade+1))
  const uint64_t ulp_bits = uint64_t(std::max(binade, -126) - 23 + 1023) << 52;
  double ulp;
  std::memcpy(&ulp, &ulp_bits, sizeof ulp);
  return ulp;
}

struct Worst {
  double ulps = 0, relative = 0;
  float at_ulps = 0, at_relative = 0;
  uint64_t failures = 0;
  // Records the error of y against ref; false when it exceeds bound_ulps.
  bool add(float x, float y, double ref, double bound_ulps) {
    const double error = std::fabs(double(y) - ref), ulp = ulp_at(ref);
    if (error > ulps * ulp) ulps = error / ulp, at_ulps = x;
    if (std::fabs(ref) >= double(FLT_MIN) && error > relative * std::fabs(ref)) relative = error / std::fabs(ref), at_relative = x;
    return error <= bound_ulps * ulp;
  }
};

// Where a function's float result is known exactly without a reference: the
// input itself (Identity), a constant, or NaN; None elsewhere.
struct Known {
  enum Kind { None, Identity, Constant, NaN } kind = None;
  float positive = 0, negative = 0;  // the results at +a and -a, for Constant
  bool operator==(const Known& o) const { return kind == o.kind && positive == o.positive && negative == o.negative; }
};

// True when every result of the block is the known one (a tight loop over bits).
bool block_matches(const Known& k, const std::vector<float>& xs, const std::vector<float>& ys,
                   const std::vector<float>& negative_ys, size_t n) {
  uint32_t mismatch = 0;
  switch (k.kind) {
    case Known::None: return false;
    case Known::Identity:
      for (size_t i = 0; i < n; ++i) mismatch |= (bits(ys[i]) ^ bits(xs[i])) | (bits(negative_ys[i]) ^ bits(xs[i]) ^ 0x80000000u);
      break;
    case Known::Constant:
      for (size_t i = 0; i < n; ++i) mismatch |= (bits(ys[i]) ^ bits(k.positive)) | (bits(negative_ys[i]) ^ bits(k.negative));
      break;
    case Known::NaN:
      for (size_t i = 0; i < n; ++i) mismatch |= uint32_t(!std::isnan(ys[i]) || !std::isnan(negative_ys[i]));
      break;
  }
  return mismatch == 0;
}

// Runs `op` over every float magnitude a (in steps of kStride) and its negative,
// through an Eigen expression as the engine does. Blocks whose results are all
// known (`known(a)` the same at both ends) are compared in one pass; elsewhere
// each (a, f(a), f(-a)) goes to `check`, which computes the reference once for
// both signs. Returns the number of inputs checked.
template <class Op, class KnownAt, class Check>
uint64_t sweep_all_floats(Op op, KnownAt known, Check check) {
  constexpr size_t kBlock = 4096;
  std::vector<float> xs(kBlock), ys(kBlock), negative_xs(kBlock), negative_ys(kBlock);
  uint64_t next = 0, checked = 0;
  while (next <= 0x7FFFFFFFull) {
    size_t n = 0;
    for (; n < kBlock && next <= 0x7FFFFFFFull; ++n, next += kStride) {
      xs[n] = from_bits(uint32_t(next));
      negative_xs[n] = from_bits(uint32_t(next) | 0x80000000u);
    }
    const Eigen::Index count = Eigen::Index(n);
    Eigen::Map<Eigen::ArrayXf>(ys.data(), count) = Eigen::Map<const Eigen::ArrayXf>(xs.data(), count).unaryExpr(op);
    Eigen::Map<Eigen::ArrayXf>(negative_ys.data(), count) =
        Eigen::Map<const Eigen::ArrayXf>(negative_xs.data(), count).unaryExpr(op);
    const Known first = known(xs[0]);
    if (!(first == known(xs[n - 1]) && block_matches(first, xs, ys, negative_ys, n)))
      for (size_t i = 0; i < n; ++i) check(xs[i], ys[i], negative_ys[i]);
    checked += 2 * n;
  }
  return checked;
}

// Where the float result is known exactly, it is compared exactly; elsewhere
// against the exact value in double, from std::exp (a correctly rounded double
// exp: the reference's own error is below 1e-5 float ulp, cancellation included).
TEST(FastMath, TanhWithinSixUlpOfExactOverEveryFloat) {
  // tanh(a) = a (1 - a^2/3 + ...) rounds to a below 2^-12; from 9.02 up it rounds
  // to 1 (1 - tanh(a) < 2^-25), which fast_tanh returns exactly from its clamp at
  // 9.1 on; NaN stays NaN.
  const auto known = [](float a) {
    return std::isnan(a) ? Known{Known::NaN} : a < 0x1p-12f ? Known{Known::Identity}
                                            : a >= 9.1f      ? Known{Known::Constant, 1.0f, -1.0f}
                                                             : Known{};
  };
  Worst worst;
  const uint64_t checked = sweep_all_floats(fast_math::TanhOp(), known, [&](float a, float y, float y_negative) {
    const Known k = known(a);
    bool ok;
    if (k.kind == Known::None) {
      const double t = std::exp(-2.0 * double(a)), ref = (1.0 - t) / (1.0 + t);
      ok = worst.add(a, y, ref, 6) && worst.add(-a, y_negative, -ref, 6) && y <= 1.0f && y_negative == -y;
    } else {
      ok = block_matches(k, {a}, {y}, {y_negative}, 1);
    }
    if (!ok && worst.failures++ < 5)
      ADD_FAILURE() << "tanh(+-" << a << " = 0x" << std::hex << bits(a) << std::dec << ") = " << y << ", " << y_negative;
  });
  std::cout << "fast_tanh over " << checked << " floats: max error " << worst.ulps << " ulp at x = " << worst.at_ulps
            << ", max relative error " << worst.relative << " at x = " << worst.at_relative << "\n";
  EXPECT_EQ(worst.failures, 0u);
  EXPECT_LE(worst.relative, 4e-7);
}

TEST(FastMath, SigmoidWithinTwoAndAHalfUlpOfExactOverEveryFloat) {
  // 1/2 below 2^-25 (sigmoid = 1/2 +- a/4, within half a float spacing of 1/2);
  // 1 and 0 beyond 104 (e^-a < 2^-150).
  const auto known = [](float a) {
    return std::isnan(a) ? Known{Known::NaN} : a < 0x1p-25f ? Known{Known::Constant, 0.5f, 0.5f}
                                            : a > 104.0f     ? Known{Known::Constant, 1.0f, 0.0f}
                                                             : Known{};
  };
  Worst normal, denormal;
  const uint64_t checked = sweep_all_floats(fast_math::SigmoidOp(), known, [&](float a, float y, float y_negative) {
    const Known k = known(a);
    bool ok;
    if (k.kind == Known::None) {
      // sigmoid(a) = 1/(1+e), sigmoid(-a) = e/(1+e), e = e^-a.
      const double e = std::exp(-double(a)), ref = 1.0 / (1.0 + e), ref_negative = e / (1.0 + e);
      const bool tiny = ref_negative < double(FLT_MIN);  // a denormal result: within 1 ulp (2^-149)
      ok = normal.add(a, y, ref, 2.5) && (tiny ? denormal : normal).add(-a, y_negative, ref_negative, tiny ? 1 : 2.5) &&
           y <= 1.0f && y_negative >= 0.0f;
    } else {
      ok = block_matches(k, {a}, {y}, {y_negative}, 1);
    }
    if (!ok && normal.failures++ < 5)
      ADD_FAILURE() << "sigmoid(+-" << a << " = 0x" << std::hex << bits(a) << std::dec << ") = " << y << ", " << y_negative;
  });
  std::cout << "fast_sigmoid over " << checked << " floats: max error " << normal.ulps << " ulp at x = " << normal.at_ulps
            << " (relative " << normal.relative << " at x = " << normal.at_relative << "); " << denormal.ulps
            << " ulp where the result is denormal, at x = " << denormal.at_ulps << "\n";
  EXPECT_EQ(normal.failures, 0u);
  EXPECT_LE(normal.relative, 2.4e-7);
}

TEST(FastMath, SpecialValues) {
  const float inf = std::numeric_limits<float>::infinity();
  const float denormal_min = std::numeric_limits<float>::denorm_min();
  // Signed zeros keep their sign; denormals and tiny values are their own tanh.
  EXPECT_EQ(bits(fast_math::fast_tanh(0.0f)), bits(0.0f));
  EXPECT_EQ(bits(fast_math::fast_tanh(-0.0f)), bits(-0.0f));
  for (float x : {denormal_min, -denormal_min, 1e-40f, -1e-40f, FLT_MIN, -FLT_MIN, 1e-5f})
    EXPECT_EQ(fast_math::fast_tanh(x), x) << x;
  for (float x : {9.1f, 10.0f, 1e10f, FLT_MAX, inf}) {
    EXPECT_EQ(fast_math::fast_tanh(x), 1.0f) << x;
    EXPECT_EQ(fast_math::fast_tanh(-x), -1.0f) << x;
  }
  EXPECT_EQ(fast_math::fast_sigmoid(0.0f), 0.5f);
  EXPECT_EQ(fast_math::fast_sigmoid(-0.0f), 0.5f);
  EXPECT_EQ(fast_math::fast_sigmoid(denormal_min), 0.5f);
  EXPECT_EQ(fast_math::fast_sigmoid(inf), 1.0f);
  EXPECT_EQ(fast_math::fast_sigmoid(FLT_MAX), 1.0f);
  EXPECT_EQ(bits(fast_math::fast_sigmoid(-inf)), bits(0.0f));
  EXPECT_EQ(bits(fast_math::fast_sigmoid(-FLT_MAX)), bits(0.0f));
  // Denormal results are rounded, not flushed: sigmoid(-100) = 3.72e-44 = 27 * 2^-149.
  EXPECT_NEAR(double(fast_math::fast_sigmoid(-100.0f)), std::exp(-100.0), std::ldexp(1.0, -149));
  EXPECT_GT(fast_math::fast_sigmoid(-103.0f), 0.0f);
  for (uint32_t nan : {0x7FC00000u, 0xFFC00000u, 0x7F800001u, 0x7FFFFFFFu}) {
    EXPECT_TRUE(std::isnan(fast_math::fast_tanh(from_bits(nan)))) << std::hex << nan;
    EXPECT_TRUE(std::isnan(fast_math::fast_sigmoid(from_bits(nan)))) << std::hex << nan;
  }
}

// Eigen runs a block's leftover elements through the scalar operator(); it must
// give the same bits as the packet path, so a value's result never depends on
// its position. Also: the engine's activation_forward<float> uses these.
TEST(FastMath, ScalarPathAndEngineAgreeWithPacketPath) {
  Matrix<float> z(7, 3);  // 21 elements: packets plus a leftover
  for (Eigen::Index i = 0; i < z.size(); ++i) z.data()[i] = -12.0f + 1.17f * float(i) + 0.01f * float(i * i);
  Matrix<float> a(7, 3), packet(7, 3);
  activation_forward(Activation::Tanh, z, a);
  packet = z.unaryExpr(fast_math::TanhOp());
  for (Eigen::Index i = 0; i < z.size(); ++i) {
    EXPECT_EQ(bits(a.data()[i]), bits(packet.data()[i])) << i;
    EXPECT_EQ(bits(fast_math::fast_tanh(z.data()[i])), bits(packet.data()[i])) << i;
  }
  activation_forward(Activation::Sigmoid, z, a);
  packet = z.unaryExpr(fast_math::SigmoidOp());
  for (Eigen::Index i = 0; i < z.size(); ++i) {
    EXPECT_EQ(bits(a.data()[i]), bits(packet.data()[i])) << i;
    EXPECT_EQ(bits(fast_math::fast_sigmoid(z.data()[i])), bits(packet.data()[i])) << i;
  }
}

}  // namespace
