// The fast paths of the training step and the grid against the plain formulas they replace:
// the narrow Dense kernels (units <= 16, dense_kernels.hpp), the flat
// activations (activations.hpp) and the vectorized cross-entropies on logits,
// sigmoid + binary and softmax + categorical (losses.hpp). The kernels promise the same
// operations in the same order as the loops, so they are compared bit for bit
// (ISO C++ mode: no multiply-add contraction); the losses use other exp/log1p
// approximations, so they are compared with a tolerance against double.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "nnplay/activations.hpp"
#include "nnplay/dense_kernels.hpp"
#include "nnplay/losses.hpp"

using namespace nnplay;

namespace {

std::vector<float> random_values(size_t count, std::mt19937& rng, float scale = 1.0f) {
  std::uniform_real_distribution<float> u(-scale, scale);
  std::vector<float> v(count);
  for (float& x : v) x = u(rng);
  return v;
}

// The backward pass by rows and by columns for units = 1 .. kNarrowMaxUnits.
using NarrowBackward = void (*)(float*, float*, float*, float*, const float*, Eigen::Index, const float*, const float*,
                                int, int);
template <int... U>
std::array<std::pair<NarrowBackward, NarrowBackward>, sizeof...(U)> both_backward_orders(std::integer_sequence<int, U...>) {
  return {{{&narrow_backward_rows<U + 1, float>, &narrow_backward_columns<U + 1, float>}...}};
}

// The bits of a float: the kernels promise the plain loops' values exactly,
// the sign of a zero included.
uint32_t float_bits(float v) {
  uint32_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

// One shape through the forward kernel and every backward order against the
// plain loops, bit for bit: with and without bias, with and without dx (a
// first layer's backward pass has none). dW, db and dx start as garbage: the
// kernels must overwrite them, not add to them.
void check_narrow_shape(int units, int in, int n, const std::vector<float>& x, Eigen::Index ldx,
                        const std::vector<float>& W, const std::vector<float>& b, const std::vector<float>& dz,
                        const std::vector<NarrowBackward>& backward_orders) {
  const NarrowKernels<float> kernels = narrow_kernels<float>(in, units);
  ASSERT_NE(kernels.forward, nullptr) << in << "x" << units;
  const auto where = [&](const char* what) {
    return std::string(what) + " " + std::to_string(in) + "x" + std::to_string(units) + " n " + std::to_string(n);
  };
  for (bool with_bias : {true, false}) {
    const float* bias = with_bias ? b.data() : nullptr;
    std::vector<float> z(size_t(n) * units);
    kernels.forward(z.data(), x.data(), ldx, W.data(), bias, n, in);
    for (int r = 0; r < n; ++r)
      for (int u = 0; u < units; ++u) {
        float sum = bias ? bias[u] : 0.0f;
        for (int k = 0; k < in; ++k) sum += x[r * ldx + k] * W[k * units + u];
        ASSERT_EQ(float_bits(z[r * units + u]), float_bits(sum)) << where("forward") << " row " << r;
      }
    for (bool with_dx : {true, false})
      for (const NarrowBackward backward : backward_orders) {
        std::vector<float> dW(size_t(in) * units, 123.0f), db(units, 123.0f), dx(size_t(n) * in, 123.0f);
        std::vector<float> Wt(size_t(units) * narrow_transposed_stride<float>(in), 0.0f);
        backward(dW.data(), with_bias ? db.data() : nullptr, with_dx ? dx.data() : nullptr, Wt.data(), x.data(), ldx,
                 dz.data(), W.data(), n, in);
        for (int k = 0; k < in; ++k)
          for (int u = 0; u < units; ++u) {
            float sum = 0;
            for (int r = 0; r < n; ++r) sum += x[r * ldx + k] * dz[r * units + u];
            ASSERT_EQ(float_bits(dW[k * units + u]), float_bits(sum)) << where("dW");
          }
        if (with_bias)
          for (int u = 0; u < units; ++u) {
            float sum = 0;
            for (int r = 0; r < n; ++r) sum += dz[r * units + u];
            ASSERT_EQ(float_bits(db[u]), float_bits(sum)) << where("db");
          }
        else
          for (float v : db) ASSERT_EQ(v, 123.0f) << where("db untouched");
        if (with_dx)
          for (int r = 0; r < n; ++r)
            for (int k = 0; k < in; ++k) {
              float sum = 0;
              for (int u = 0; u < units; ++u) sum += dz[r * units + u] * W[k * units + u];
              ASSERT_EQ(float_bits(dx[r * in + k]), float_bits(sum)) << where("dx");
            }
        else
          for (float v : dx) ASSERT_EQ(v, 123.0f) << where("dx untouched");
      }
  }
}

// For every narrow width and a range of inputs, batch sizes (with and without a
// leftover of the 4-row blocks and of the 32-row chunks), strided x; both
// orders of the backward pass and the one this build picks.
TEST(NarrowKernels, MatchThePlainLoopsBitForBit) {
  std::mt19937 rng(7);
  const auto orders = both_backward_orders(std::make_integer_sequence<int, kNarrowMaxUnits>{});
  const auto backward_orders = [&](int units) {
    return std::vector<NarrowBackward>{narrow_kernels<float>(1, units).backward, orders[units - 1].first,
                                       orders[units - 1].second};
  };
  const auto random_case = [&](int units, int in, int n) {
    const Eigen::Index ldx = in + 3;  // x rows in a wider buffer, as a block of the training set
    const std::vector<float> x = random_values(size_t(n) * ldx, rng), W = random_values(size_t(in) * units, rng),
                             b = random_values(units, rng), dz = random_values(size_t(n) * units, rng);
    check_narrow_shape(units, in, n, x, ldx, W, b, dz, backward_orders(units));
  };
  int cases = 0;
  for (int units = 1; units <= kNarrowMaxUnits; ++units)
    for (int in : {1, 2, 3, 5, 8, 16})
      for (int n : {1, 3, 4, 7, 10, 33, 100}) {
        random_case(units, in, n);
        if (::testing::Test::HasFatalFailure()) return;
        ++cases;
      }
  EXPECT_EQ(cases, kNarrowMaxUnits * 6 * 7);
  // Narrow layers with more inputs than the column order takes (up to
  // in * units = 256): the row order, and the column order all the same.
  for (const auto& [units, in] : {std::pair{8, 32}, {4, 64}, {1, 256}, {15, 17}, {2, 100}})
    for (int n : {10, 65}) {
      random_case(units, in, n);
      if (::testing::Test::HasFatalFailure()) return;
    }
  // Products that are all -0 (a dead unit's zero gradient times positive
  // weights) sum to +0, as in the plain loops.
  for (int units : {1, 3, 4, 8}) {
    const int in = 5, n = 6;
    const std::vector<float> x = random_values(size_t(n) * in, rng), W(size_t(in) * units, 0.5f), b(units, 0.0f),
                             dz(size_t(n) * units, -0.0f);
    check_narrow_shape(units, in, n, x, in, W, b, dz, backward_orders(units));
    if (::testing::Test::HasFatalFailure()) return;
  }
  // No rows: zero gradients (the dispatcher's case; both orders assume n >= 1).
  for (int units : {1, 4, 8}) {
    std::vector<float> dW(size_t(3) * units, 123.0f), db(units, 123.0f), Wt(size_t(units) * 4, 0.0f), W(size_t(3) * units);
    narrow_kernels<float>(3, units).backward(dW.data(), db.data(), nullptr, Wt.data(), nullptr, 3, nullptr, W.data(), 0, 3);
    for (float v : dW) EXPECT_EQ(v, 0.0f);
    for (float v : db) EXPECT_EQ(v, 0.0f);
  }
  // Too wide for the narrow kernels: the generic ones take over.
  EXPECT_EQ(narrow_kernels<float>(2, kNarrowMaxUnits + 1).forward, nullptr);
  EXPECT_EQ(narrow_kernels<float>(32, 16).forward, nullptr);
}

// Row-major blocks into column-major strips (a grid's neuron-major activation
// maps): every shape around the 4x4 packet blocks, into a wider destination.
// The wasm build's register-blocked products, for x W, x^T dz and dz W^T at
// shapes around the 4-row and 2-packet blocks and the playground's wide
// layers: equal bit for bit to the plain sum over k ascending from zero (its
// definition; no fused multiply-add), and to Eigen's products up to rounding
// (Eigen's kernels split the sum over two accumulator sets in some shapes).
MatrixF plain_product(const float* a, Eigen::Index a_row, Eigen::Index a_col, const float* b, Eigen::Index ldb,
                      Eigen::Index rows, Eigen::Index depth, Eigen::Index cols) {
  MatrixF out(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index c = 0; c < cols; ++c) {
      float sum = 0.0f;
      for (Eigen::Index k = 0; k < depth; ++k) sum += a[i * a_row + k * a_col] * b[k * ldb + c];
      out(i, c) = sum;
    }
  return out;
}

TEST(BlockedProduct, EqualsThePlainSumAndEigenToRounding) {
  std::mt19937 rng(5);
  int cases = 0;
  for (int n : {1, 3, 4, 7, 32, 64})
    for (int in : {1, 2, 5, 8, 17, 32, 64})
      for (int units : {1, 3, 4, 8, 9, 12, 32, 64}) {
        const Eigen::Index ldx = in + 2;
        const std::vector<float> x = random_values(size_t(n) * ldx, rng), W = random_values(size_t(in) * units, rng),
                                 dz = random_values(size_t(n) * units, rng);
        Eigen::Map<const MatrixF, 0, Eigen::OuterStride<>> X(x.data(), n, in, Eigen::OuterStride<>(ldx));
        Eigen::Map<const MatrixF> Wm(W.data(), in, units), DZ(dz.data(), n, units);
        const MatrixF Wt = Wm.transpose();
        const std::string shape = std::to_string(n) + "x" + std::to_string(in) + "x" + std::to_string(units);
        MatrixF z(n, units), dW(in, units), dx(n, in);
        blocked_product(z.data(), units, x.data(), ldx, 1, W.data(), units, n, in, units);
        blocked_product(dW.data(), units, x.data(), 1, ldx, dz.data(), units, in, n, units);
        blocked_product(dx.data(), in, dz.data(), units, 1, Wt.data(), in, n, units, in);
        ASSERT_EQ(z, plain_product(x.data(), ldx, 1, W.data(), units, n, in, units)) << "x W " << shape;
        ASSERT_EQ(dW, plain_product(x.data(), 1, ldx, dz.data(), units, in, n, units)) << "x^T dz " << shape;
        ASSERT_EQ(dx, plain_product(dz.data(), units, 1, Wt.data(), in, n, units, in)) << "dz W^T " << shape;
        const MatrixF eigen[3] = {X * Wm, X.transpose() * DZ, DZ * Wm.transpose()};
        const MatrixF* got[3] = {&z, &dW, &dx};
        for (int p = 0; p < 3; ++p)
          for (Eigen::Index i = 0; i < got[p]->size(); ++i)
            ASSERT_NEAR(got[p]->data()[i], eigen[p].data()[i], 2e-6f * 64) << p << " " << shape;
        ++cases;
      }
  EXPECT_EQ(cases, 6 * 7 * 8);
}

TEST(TransposeInto, EveryShapeAroundThePacketBlocks) {
  std::mt19937 rng(5);
  for (Eigen::Index rows : {1, 3, 4, 5, 8, 13})
    for (Eigen::Index cols : {1, 2, 3, 4, 5, 8, 9}) {
      const std::vector<float> src = random_values(size_t(rows * cols), rng);
      const Eigen::Index stride = rows + 2;
      std::vector<float> dst(size_t(cols * stride), -7.0f);
      transpose_into(dst.data(), stride, src.data(), rows, cols);
      for (Eigen::Index c = 0; c < cols; ++c)
        for (Eigen::Index r = 0; r < stride; ++r)
          ASSERT_EQ(dst[size_t(c * stride + r)], r < rows ? src[size_t(r * cols + c)] : -7.0f)
              << rows << "x" << cols << " at " << r << "," << c;
    }
}

TEST(FlatActivations, SameValuesAsTheMatrixForms) {
  std::mt19937 rng(11);
  for (Activation g : {Activation::Tanh, Activation::Sigmoid, Activation::Relu, Activation::Linear, Activation::Elu,
                       Activation::LeakyRelu})
    for (Eigen::Index count : {1, 3, 4, 5, 8, 10, 13, 64}) {
      const std::vector<float> z = random_values(size_t(count), rng, 8.0f), da = random_values(size_t(count), rng);
      using Flat = Eigen::Matrix<float, 1, Eigen::Dynamic>;
      Flat a_ref(count), dz_ref(count);
      activation_forward(g, Eigen::Map<const Flat>(z.data(), count), a_ref);
      std::vector<float> a(static_cast<size_t>(count)), dz(static_cast<size_t>(count));
      activation_forward_flat(g, z.data(), a.data(), count);
      activation_backward(g, Eigen::Map<const Flat>(z.data(), count), a_ref, Eigen::Map<const Flat>(da.data(), count),
                          dz_ref);
      activation_backward_flat(g, z.data(), a.data(), da.data(), dz.data(), count);
      for (Eigen::Index i = 0; i < count; ++i) {
        ASSERT_EQ(a[size_t(i)], a_ref[i]) << int(g) << " count " << count << " at " << i;
        ASSERT_EQ(dz[size_t(i)], dz_ref[i]) << int(g) << " count " << count << " at " << i;
      }
    }
}

// Binary cross-entropy on logits, float (one vectorized pass for loss, gradient
// and accuracy) against the same formulas in double (scalar loop): any data,
// including extreme logits, soft targets and sizes that leave a partial packet.
TEST(BinaryCrossentropyOnLogits, VectorizedFloatMatchesDouble) {
  std::mt19937 rng(3);
  const float extremes[] = {0.0f, -0.0f, 1e-30f, -1e-30f, 20.0f, -20.0f, 88.0f, -88.0f, 104.0f, -110.0f, 1e30f, -1e30f};
  for (Eigen::Index n : {1, 3, 10, 13, 64})
    for (Eigen::Index k : {1, 3}) {
      MatrixF z(n, k), y(n, k), grad(n, k);
      Matrix<double> zd(n, k), yd(n, k), gradd(n, k);
      std::uniform_real_distribution<float> logit(-12.0f, 12.0f);
      std::uniform_int_distribution<int> pick(0, 9);
      for (Eigen::Index i = 0; i < n * k; ++i) {
        z.data()[i] = pick(rng) == 0 ? extremes[size_t(i) % std::size(extremes)] : logit(rng);
        y.data()[i] = pick(rng) == 0 ? 0.3f : float(pick(rng) % 2);
      }
      zd = z.cast<double>();
      yd = y.cast<double>();
      double correct = -1, correct_d = -1;
      const float loss = loss_and_accuracy<float>(LossKind::BinaryCrossentropy, true, z, y, grad, &correct);
      const double loss_d = loss_and_accuracy<double>(LossKind::BinaryCrossentropy, true, zd, yd, gradd, &correct_d);
      ASSERT_TRUE(std::isfinite(loss));
      EXPECT_NEAR(loss, loss_d, 1e-6 * std::abs(loss_d) + 1e-12) << n << "x" << k;
      EXPECT_NEAR(correct, correct_d, 1e-9) << n << "x" << k;  // counts of 1/k
      EXPECT_NEAR(correct, accuracy_count<float>(LossKind::BinaryCrossentropy, true, z, y), 1e-9) << n << "x" << k;
      const double scale = 1.0 / double(n * k);
      for (Eigen::Index i = 0; i < n * k; ++i)
        ASSERT_NEAR(grad.data()[i], gradd.data()[i], 4e-7 * scale) << n << "x" << k << " at " << i << " z " << z.data()[i];
      // The loss-only entry point gives the same loss and gradient.
      MatrixF grad2(n, k);
      EXPECT_EQ(loss_forward_backward<float>(LossKind::BinaryCrossentropy, true, z, y, grad2), loss);
      EXPECT_EQ(grad2, grad);
    }
}

// Softmax cross-entropy on logits (categorical and sparse), float (both exps in
// packets over the block) against the same formulas in double: extreme logits,
// soft targets, 2-7 classes and sizes that leave a partial packet.
TEST(SoftmaxCrossentropyOnLogits, VectorizedFloatMatchesDouble) {
  std::mt19937 rng(5);
  const float extremes[] = {0.0f, -0.0f, 1e-30f, 30.0f, -30.0f, 88.0f, -88.0f, 104.0f, -110.0f, 1e4f, -1e4f};
  for (LossKind kind : {LossKind::CategoricalCrossentropy, LossKind::SparseCategoricalCrossentropy})
    for (Eigen::Index n : {1, 3, 10, 13, 32})
      for (Eigen::Index k : {2, 3, 4, 5, 7}) {
        const bool sparse = kind == LossKind::SparseCategoricalCrossentropy;
        MatrixF z(n, k), y(n, sparse ? 1 : k), grad(n, k);
        std::uniform_real_distribution<float> logit(-12.0f, 12.0f), soft(0.0f, 1.0f);
        std::uniform_int_distribution<int> pick(0, 9), cls(0, int(k) - 1);
        for (Eigen::Index i = 0; i < n * k; ++i) z.data()[i] = pick(rng) == 0 ? extremes[size_t(i) % std::size(extremes)] : logit(rng);
        for (Eigen::Index r = 0; r < n; ++r) {
          if (sparse) {
            y(r, 0) = float(cls(rng));
          } else {
            y.row(r).setZero();
            if (pick(rng) == 0)
              for (Eigen::Index c = 0; c < k; ++c) y(r, c) = soft(rng);  // soft targets, not summing to 1
            else
              y(r, cls(rng)) = 1.0f;
          }
        }
        const Matrix<double> zd = z.cast<double>(), yd = y.cast<double>();
        Matrix<double> gradd(n, k);
        const float loss = loss_forward_backward<float>(kind, true, z, y, grad);
        const double loss_d = loss_forward_backward<double>(kind, true, zd, yd, gradd);
        ASSERT_TRUE(std::isfinite(loss)) << n << "x" << k;
        EXPECT_NEAR(loss, loss_d, 2e-6 * std::abs(loss_d) + 1e-6) << n << "x" << k;
        // e^(x - lse) inherits the rounding of x - lse (an ulp of the larger of
        // the two), so the bound is relative to the gradient; the scalar float
        // loop's error is the same (6.5e-7 of |grad| + scale over 2000 blocks).
        const double scale = 1.0 / double(n);
        for (Eigen::Index i = 0; i < n * k; ++i)
          ASSERT_NEAR(grad.data()[i], gradd.data()[i], 1e-6 * (std::abs(gradd.data()[i]) + scale))
              << n << "x" << k << " at " << i << " z " << z.data()[i];
      }
}

TEST(SoftmaxCrossentropyOnLogits, NaNOrInfiniteLogitGivesANaNLoss) {
  for (float bad : {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
    MatrixF z(3, 3), y(3, 1), grad(3, 3);
    z << 1, 2, 3, 0, bad, -1, 4, 4, 4;
    y << 0, 1, 2;
    EXPECT_TRUE(std::isnan(loss_forward_backward<float>(LossKind::SparseCategoricalCrossentropy, true, z, y, grad))) << bad;
    // Through the row's exps too, not only the loss's t * (lse - x) term: every
    // gradient of that row is NaN, the other rows' are finite.
    for (int c = 0; c < 3; ++c) {
      EXPECT_TRUE(std::isnan(grad(1, c))) << bad << " class " << c;
      EXPECT_TRUE(std::isfinite(grad(0, c)) && std::isfinite(grad(2, c))) << bad << " class " << c;
    }
  }
}

TEST(BinaryCrossentropyOnLogits, NaNLogitGivesANaNLoss) {
  MatrixF z(5, 1), y(5, 1), grad(5, 1);
  z << 1, 2, std::numeric_limits<float>::quiet_NaN(), 0, -1;
  y << 1, 0, 1, 0, 1;
  EXPECT_TRUE(std::isnan(loss_and_accuracy<float>(LossKind::BinaryCrossentropy, true, z, y, grad, nullptr)));
}

}  // namespace
