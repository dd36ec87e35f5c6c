// Finite-difference gradient checks, in double precision, of Sequential<double>'s
// backward pass for every activation x loss x fromLogits combination, a
// regularized 3-layer net, and the fused stable forms at logits of +-1000.
// The loss itself is checked against an independent forward pass written here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include "nnplay/model.hpp"
#include "nnplay/names.hpp"

using namespace nnplay;

namespace {

using MatD = Matrix<double>;

// Central differences with h = 1e-5 in double: truncation ~h^2 and round-off
// ~1e-16 / h (about 1e-11 absolute) stay well below the bound. The error for
// parameter i is |analytic - numeric| / max(|analytic| + |numeric|, 1e-4):
// relative for normal gradients, an absolute 1e-10 for gradients that are
// (nearly) zero. Observed worst case over all combinations: ~2e-7.
constexpr double kStep = 1e-5;
constexpr double kErrorFloor = 1e-4;
constexpr double kMaxRelativeError = 1e-6;
// Kinked activations (relu, leakyRelu; elu's second derivative) must keep every
// pre-activation this far from 0, so that +-h never crosses the kink.
constexpr double kKinkMargin = 1e-3;

// ---- an independent reference: forward pass and Keras/TF.js loss definitions ----

double act_ref(Activation g, double z) {
  switch (g) {
    case Activation::Linear: return z;
    case Activation::Sigmoid: return 1.0 / (1.0 + std::exp(-z));
    case Activation::Tanh: return std::tanh(z);
    case Activation::Relu: return z > 0 ? z : 0.0;
    case Activation::LeakyRelu: return z > 0 ? z : 0.3 * z;
    case Activation::Elu: return z > 0 ? z : std::exp(z) - 1.0;
    case Activation::Softmax: break;
  }
  ADD_FAILURE() << "softmax is row-wise";
  return 0;
}

MatD softmax_rows(const MatD& z) {
  MatD a(z.rows(), z.cols());
  for (Eigen::Index r = 0; r < z.rows(); ++r) {
    double sum = 0;
    for (Eigen::Index c = 0; c < z.cols(); ++c) sum += std::exp(z(r, c));
    for (Eigen::Index c = 0; c < z.cols(); ++c) a(r, c) = std::exp(z(r, c)) / sum;
  }
  return a;
}

struct RefForward {
  std::vector<MatD> z, a;  // per layer
};

RefForward forward_ref(Sequential<double>& model, const MatD& x) {
  const std::vector<MatD> w = model.get_weights();
  RefForward f;
  MatD in = x;
  size_t i = 0;
  for (int l = 0; l < model.layer_count(); ++l) {
    if (model.layer(l).type() != std::string("dense")) {
      // Only inference-time forward passes are referenced here: other layers
      // (dropout) are the identity then.
      f.z.push_back(in);
      f.a.push_back(in);
      continue;
    }
    const DenseConfig c = dense_config(model.layer(l).config());
    const MatD& kernel = w[i++];
    MatD z = MatD::Zero(in.rows(), c.units);
    for (Eigen::Index r = 0; r < in.rows(); ++r)
      for (int u = 0; u < c.units; ++u) {
        double s = c.use_bias ? w[i](0, u) : 0.0;
        for (Eigen::Index k = 0; k < in.cols(); ++k) s += in(r, k) * kernel(k, u);
        z(r, u) = s;
      }
    if (c.use_bias) ++i;
    MatD a(z.rows(), z.cols());
    if (c.activation == Activation::Softmax)
      a = softmax_rows(z);
    else
      for (Eigen::Index r = 0; r < z.rows(); ++r)
        for (Eigen::Index u = 0; u < z.cols(); ++u) a(r, u) = act_ref(c.activation, z(r, u));
    f.z.push_back(z);
    f.a.push_back(a);
    in = a;
  }
  return f;
}

// Keras / TF.js definitions, written out directly (no fused forms): BCE and MSE
// average over samples and units, the categorical losses over samples.
double loss_ref(LossKind kind, bool logits, const MatD& out, const MatD& y) {
  const double eps = 1e-7;
  const Eigen::Index n = out.rows(), k = out.cols();
  double total = 0;
  switch (kind) {
    case LossKind::MeanSquaredError:
      for (Eigen::Index r = 0; r < n; ++r)
        for (Eigen::Index c = 0; c < k; ++c) total += (out(r, c) - y(r, c)) * (out(r, c) - y(r, c));
      return total / double(n * k);
    case LossKind::BinaryCrossentropy:
      for (Eigen::Index r = 0; r < n; ++r)
        for (Eigen::Index c = 0; c < k; ++c) {
          double p = logits ? 1.0 / (1.0 + std::exp(-out(r, c))) : out(r, c);
          if (!logits) p = std::min(std::max(p, eps), 1.0 - eps);
          total += -(y(r, c) * std::log(p) + (1 - y(r, c)) * std::log(1 - p));
        }
      return total / double(n * k);
    case LossKind::CategoricalCrossentropy:
    case LossKind::SparseCategoricalCrossentropy:
      for (Eigen::Index r = 0; r < n; ++r) {
        MatD p(1, k);
        if (logits) {
          p = softmax_rows(out.row(r));
        } else {
          p = out.row(r) / out.row(r).sum();
          for (Eigen::Index c = 0; c < k; ++c) p(0, c) = std::min(std::max(p(0, c), eps), 1.0 - eps);
        }
        for (Eigen::Index c = 0; c < k; ++c) {
          const double t = kind == LossKind::SparseCategoricalCrossentropy ? (y(r, 0) == double(c) ? 1.0 : 0.0)
                                                                            : y(r, c);
          total += -t * std::log(p(0, c));
        }
      }
      return total / double(n);
  }
  return 0;
}

double regularization_ref(Sequential<double>& model) {
  const std::vector<MatD> w = model.get_weights();
  double total = 0;
  size_t i = 0;
  for (int l = 0; l < model.layer_count(); ++l) {
    if (model.layer(l).type() != std::string("dense")) continue;
    const DenseConfig c = dense_config(model.layer(l).config());
    total += c.l1 * w[i].cwiseAbs().sum() + c.l2 * w[i].squaredNorm();
    i += c.use_bias ? 2 : 1;
  }
  return total;
}

// ---- the check itself -----------------------------------------------------------

struct GradientReport {
  double max_error = 0;
  Eigen::Index worst = -1;
  double worst_analytic = 0, worst_numeric = 0;
  double analytic_norm = 0;
};

// Analytic gradient from compute_gradients vs central differences of the loss
// that compute_gradients returns, over every parameter.
GradientReport check_gradients(Sequential<double>& model, const MatD& x, const MatD& y) {
  model.compute_gradients(x, y);
  const Vector<double> analytic = model.gradients();
  Vector<double>& p = model.parameters();
  GradientReport report;
  report.analytic_norm = analytic.norm();
  for (Eigen::Index i = 0; i < p.size(); ++i) {
    const double saved = p[i];
    p[i] = saved + kStep;
    const double plus = model.compute_gradients(x, y);
    p[i] = saved - kStep;
    const double minus = model.compute_gradients(x, y);
    p[i] = saved;
    const double numeric = (plus - minus) / (2 * kStep);
    const double error = std::abs(analytic[i] - numeric) / std::max(std::abs(analytic[i]) + std::abs(numeric), kErrorFloor);
    if (error > report.max_error) {
      report.max_error = error;
      report.worst = i;
      report.worst_analytic = analytic[i];
      report.worst_numeric = numeric;
    }
  }
  return report;
}

double min_abs_preactivation(const RefForward& f) {
  double m = std::numeric_limits<double>::infinity();
  for (const MatD& z : f.z) m = std::min(m, z.cwiseAbs().minCoeff());
  return m;
}

struct Combo {
  Activation activation;
  LossKind loss;
  bool from_logits;
  int units;  // output units
};

std::string describe(const Combo& c) {
  return std::string(name_of(c.activation)) + "_" + name_of(c.loss) + (c.from_logits ? "_logits" : "_probs") +
         "_" + std::to_string(c.units) + "units";
}
std::string combo_name(const testing::TestParamInfo<Combo>& info) { return describe(info.param); }
void PrintTo(const Combo& c, std::ostream* os) { *os << describe(c); }  // readable test listings

// Valid combinations, for every activation and loss in the engine's tables (a
// new one is checked here without a change to this file):
//  - meanSquaredError: every activation; fromLogits does not apply to MSE (Keras's
//    MSE has no such option), so only fromLogits = false.
//  - fromLogits = true with a cross-entropy: every activation (the output is any
//    real number and the loss is smooth in it).
//  - fromLogits = false with a cross-entropy needs probabilities: the activations
//    whose outputs are in (0, 1) (sigmoid fused with BCE, softmax with CCE/sparse,
//    and the unfused pairs softmax+BCE and sigmoid+CCE/sparse, whose outputs are
//    renormalised per row, through the clipping path). Other outputs can leave
//    (0, 1) (or sum to <= 0), where the clip makes the gradient 0 or the
//    normalisation undefined: not checked.
bool is_mse(LossKind loss) { return loss == LossKind::MeanSquaredError; }

std::vector<Combo> all_combos() {
  std::vector<Combo> combos;
  for (Activation g : all_activations())
    for (LossKind loss : all_losses())
      for (bool logits : {false, true}) {
        const bool valid = is_mse(loss) ? !logits : logits || outputs_probabilities(g);
        if (valid) combos.push_back({g, loss, logits, 3});
      }
  // The usual one-output heads (softmax and the categorical losses need >= 2 units).
  combos.push_back({Activation::Sigmoid, LossKind::BinaryCrossentropy, false, 1});
  combos.push_back({Activation::Linear, LossKind::BinaryCrossentropy, true, 1});
  combos.push_back({Activation::Linear, LossKind::MeanSquaredError, false, 1});
  combos.push_back({Activation::Tanh, LossKind::MeanSquaredError, false, 1});
  return combos;
}

// Targets that make sense for each loss: BCE in [0, 1] (hard and soft), MSE any
// real, CCE one-hot or soft rows summing to 1, sparse class indices.
MatD make_targets(LossKind loss, Eigen::Index n, int units, Random& rng) {
  if (loss == LossKind::SparseCategoricalCrossentropy) {
    MatD y(n, 1);
    for (Eigen::Index r = 0; r < n; ++r) y(r, 0) = rng.below(uint32_t(units));
    return y;
  }
  MatD y(n, units);
  for (Eigen::Index r = 0; r < n; ++r) {
    for (int c = 0; c < units; ++c) {
      switch (loss) {
        case LossKind::BinaryCrossentropy: y(r, c) = r % 2 == 0 ? (rng.uniform() < 0.5 ? 0.0 : 1.0) : rng.uniform(); break;
        case LossKind::MeanSquaredError: y(r, c) = rng.normal(); break;
        default: y(r, c) = rng.uniform(0.1, 1.0); break;
      }
    }
    if (loss == LossKind::CategoricalCrossentropy) {
      if (r % 2 == 0) {
        const Eigen::Index hot = rng.below(uint32_t(units));
        y.row(r).setZero();
        y(r, hot) = 1.0;
      } else {
        y.row(r) /= y.row(r).sum();
      }
    }
  }
  return y;
}

class GradientCheck : public testing::TestWithParam<Combo> {};

TEST_P(GradientCheck, MatchesCentralDifferences) {
  const Combo combo = GetParam();
  const int n = 5, inputs = 3, hidden = 4;
  // Pick the first seed whose pre-activations all keep clear of 0 (only matters
  // for the kinked activations; others take seed 1).
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    Sequential<double> model(inputs, seed);
    model.add({hidden, combo.activation});
    model.add({combo.units, combo.activation});
    CompileConfig cc;
    cc.loss = combo.loss;
    cc.from_logits = combo.from_logits;
    cc.optimizer = default_optimizer(OptimizerKind::Sgd);
    model.compile(cc);
    // Non-zero biases too: every parameter uniform in [-1, 1].
    Random rng(seed * 7919);
    Vector<double>& p = model.parameters();
    for (Eigen::Index i = 0; i < p.size(); ++i) p[i] = rng.uniform(-1.0, 1.0);
    MatD x(n, inputs);
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = rng.normal();
    const MatD y = make_targets(combo.loss, n, combo.units, rng);

    const RefForward ref = forward_ref(model, x);
    if (has_kink(combo.activation) && min_abs_preactivation(ref) < kKinkMargin) continue;

    // The loss against the independent definition (regularization is zero here).
    const double loss = model.compute_gradients(x, y);
    const double expected = loss_ref(combo.loss, combo.from_logits, ref.a.back(), y);
    EXPECT_NEAR(loss, expected, 1e-12 * std::max(1.0, std::abs(expected))) << "seed " << seed;

    const GradientReport report = check_gradients(model, x, y);
    EXPECT_GT(report.analytic_norm, 1e-3) << "vacuous check: the gradient is (almost) zero";
    EXPECT_LT(report.max_error, kMaxRelativeError)
        << "worst parameter " << report.worst << " of " << model.parameters().size() << ": analytic "
        << report.worst_analytic << ", numeric " << report.worst_numeric << ", seed " << seed;
    return;
  }
  FAIL() << "no seed in 1..50 kept every pre-activation " << kKinkMargin << " away from 0";
}

INSTANTIATE_TEST_SUITE_P(AllActivationsAndLosses, GradientCheck, testing::ValuesIn(all_combos()), combo_name);

TEST(GradientCheckCoverage, EveryActivationAndLossIsCovered) {
  const auto combos = all_combos();
  ASSERT_GE(all_activations().size(), 7u);
  ASSERT_GE(all_losses().size(), 4u);
  for (Activation g : all_activations())
    EXPECT_TRUE(std::any_of(combos.begin(), combos.end(), [&](const Combo& c) { return c.activation == g; }))
        << name_of(g);
  for (LossKind l : all_losses())
    for (bool logits : {false, true}) {
      if (is_mse(l) && logits) continue;
      EXPECT_TRUE(std::any_of(combos.begin(), combos.end(),
                              [&](const Combo& c) { return c.loss == l && c.from_logits == logits; }))
          << name_of(l) << (logits ? " fromLogits" : "");
    }
}

// 3-5-4-2 tanh / relu / sigmoid with L1 + L2 kernel regularization on every
// layer (different rates), BCE (fused with the sigmoid), one layer without bias.
TEST(GradientCheckDeep, ThreeLayersWithL1L2Regularization) {
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    Sequential<double> model(3, seed);
    DenseConfig a{5, Activation::Tanh};
    a.l1 = 0.01;
    a.l2 = 0.02;
    DenseConfig b{4, Activation::Relu};
    b.l1 = 0.03;
    b.l2 = 0.005;
    b.use_bias = false;
    DenseConfig c{2, Activation::Sigmoid};
    c.l1 = 0.002;
    c.l2 = 0.04;
    model.add(a);
    model.add(b);
    model.add(c);
    CompileConfig cc;
    cc.loss = LossKind::BinaryCrossentropy;
    model.compile(cc);
    Random rng(seed + 100);
    Vector<double>& p = model.parameters();
    for (Eigen::Index i = 0; i < p.size(); ++i) p[i] = rng.uniform(-1.0, 1.0);
    ASSERT_EQ(p.size(), (3 * 5 + 5) + (5 * 4) + (4 * 2 + 2));
    MatD x(6, 3);
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = rng.normal();
    const MatD y = make_targets(LossKind::BinaryCrossentropy, 6, 2, rng);

    const RefForward ref = forward_ref(model, x);
    // The relu layer's kinks, and |W| kinks of the L1 term, must be out of reach of h.
    if (ref.z[1].cwiseAbs().minCoeff() < kKinkMargin || p.cwiseAbs().minCoeff() < kKinkMargin) continue;

    const double loss = model.compute_gradients(x, y);
    const double reg = regularization_ref(model);
    EXPECT_GT(reg, 0.01);
    EXPECT_NEAR(loss, loss_ref(LossKind::BinaryCrossentropy, false, ref.a.back(), y) + reg, 1e-12);
    // evaluate() reports the same total (loss + regularization).
    EXPECT_NEAR(model.evaluate(x, y).first, loss, 1e-12);

    const GradientReport report = check_gradients(model, x, y);
    EXPECT_GT(report.analytic_norm, 1e-3);
    EXPECT_LT(report.max_error, kMaxRelativeError) << "worst parameter " << report.worst << ": analytic "
                                                   << report.worst_analytic << ", numeric " << report.worst_numeric
                                                   << ", seed " << seed;
    return;
  }
  FAIL() << "no usable seed";
}

// The sparse loss is the categorical loss on one-hot rows: same value, same gradient.
TEST(GradientCheckDeep, SparseEqualsCategoricalOnOneHot) {
  for (Activation g : {Activation::Softmax, Activation::Linear}) {
    for (bool logits : {false, true}) {
      if (g == Activation::Linear && !logits) continue;
      auto build = [&](LossKind loss) {
        auto m = std::make_unique<Sequential<double>>(2, 5);
        m->add({4, g});
        CompileConfig cc;
        cc.loss = loss;
        cc.from_logits = logits;
        m->compile(cc);
        return m;
      };
      auto sparse = build(LossKind::SparseCategoricalCrossentropy);
      auto dense = build(LossKind::CategoricalCrossentropy);
      MatD x(3, 2);
      x << 0.5, -1, 2, 0.25, -0.75, 1.5;
      MatD indices(3, 1);
      indices << 3, 0, 2;
      MatD onehot = MatD::Zero(3, 4);
      for (int r = 0; r < 3; ++r) onehot(r, int(indices(r, 0))) = 1;
      EXPECT_NEAR(sparse->compute_gradients(x, indices), dense->compute_gradients(x, onehot), 1e-14);
      EXPECT_LT((sparse->gradients() - dense->gradients()).cwiseAbs().maxCoeff(), 1e-14);
    }
  }
}

// ---- fused stable forms: logits of +-1000 -----------------------------------------

// Sigmoid + BCE: x = [+-1, 0] and kernel [1000, 0] give z = +-1000 exactly.
// Per sample: z=1000,t=0 -> loss 1000; z=-1000,t=1 -> 1000; the other two 0.
// dL/dz = (sigmoid(z) - t) / 4 = [1, -1, 0, 0] / 4, so dW = x^T dz = [0.5, 0], db = 0.
template <class T>
void check_sigmoid_bce_extreme(bool from_logits) {
  Sequential<T> model(2, 1);
  model.add({1, from_logits ? Activation::Linear : Activation::Sigmoid});
  CompileConfig cc;
  cc.loss = LossKind::BinaryCrossentropy;
  cc.from_logits = from_logits;
  model.compile(cc);
  Matrix<T> kernel(2, 1), bias(1, 1);
  kernel << T(1000), T(0);
  bias << T(0);
  model.set_weights({kernel, bias});
  Matrix<T> x(4, 2), y(4, 1);
  x << 1, 0, -1, 0, 1, 0, -1, 0;
  y << 0, 1, 1, 0;
  const T loss = model.compute_gradients(x, y);
  ASSERT_TRUE(std::isfinite(double(loss)));
  EXPECT_NEAR(double(loss), 500.0, 1e-9 * 500.0);
  ASSERT_TRUE(model.gradients().allFinite());
  EXPECT_NEAR(double(model.gradients()[0]), 0.5, 1e-12);
  EXPECT_EQ(double(model.gradients()[1]), 0.0);
  EXPECT_NEAR(double(model.gradients()[2]), 0.0, 1e-12);
  const auto [eval_loss, accuracy] = model.evaluate(x, y);
  EXPECT_NEAR(eval_loss, 500.0, 1e-9 * 500.0);
  EXPECT_DOUBLE_EQ(accuracy, 0.5);
  if (!from_logits) {
    const Matrix<T> p = model.predict(x);
    EXPECT_EQ(p(0, 0), T(1));
    EXPECT_EQ(p(1, 0), T(0));
  }
}

TEST(FusedStableForm, SigmoidBceWithLogitsOfPlusMinus1000Double) { check_sigmoid_bce_extreme<double>(false); }
TEST(FusedStableForm, SigmoidBceWithLogitsOfPlusMinus1000Float) { check_sigmoid_bce_extreme<float>(false); }
TEST(FusedStableForm, LinearBceFromLogitsPlusMinus1000Float) { check_sigmoid_bce_extreme<float>(true); }

// Softmax + (sparse) CCE: kernel 1000 * I and one-hot-ish x give logit rows with
// entries 1000, 0 and -1000. Row losses: logsumexp(z) - z_target.
template <class T>
void check_softmax_cce_extreme(LossKind loss_kind, bool from_logits) {
  Sequential<T> model(3, 1);
  model.add({3, from_logits ? Activation::Linear : Activation::Softmax});
  CompileConfig cc;
  cc.loss = loss_kind;
  cc.from_logits = from_logits;
  model.compile(cc);
  Matrix<T> kernel = Matrix<T>::Identity(3, 3) * T(1000), bias = Matrix<T>::Zero(1, 3);
  model.set_weights({kernel, bias});
  Matrix<T> x(3, 3);
  x << 1, 0, -1,  //  z = [1000, 0, -1000]
      0, 1, 0,    //  z = [0, 1000, 0]
      -1, 0, 1;   //  z = [-1000, 0, 1000]
  const int target[3] = {2, 1, 1};  // losses: 2000, ~0, 1000
  Matrix<T> y;
  if (loss_kind == LossKind::SparseCategoricalCrossentropy) {
    y.resize(3, 1);
    for (int r = 0; r < 3; ++r) y(r, 0) = T(target[r]);
  } else {
    y = Matrix<T>::Zero(3, 3);
    for (int r = 0; r < 3; ++r) y(r, target[r]) = T(1);
  }
  const T loss = model.compute_gradients(x, y);
  ASSERT_TRUE(std::isfinite(double(loss)));
  EXPECT_NEAR(double(loss), 1000.0, 1e-6 * 1000.0);  // (2000 + 0 + 1000) / 3
  ASSERT_TRUE(model.gradients().allFinite());
  // dL/dz = (softmax(z) - t) / 3 per row, each entry in [-1/3, 1/3]; dW = x^T dz.
  EXPECT_LE(model.gradients().cwiseAbs().maxCoeff(), T(1));
  // Bias gradient = column sums of dz: row 0 gives [1, 0, -1]/3, row 1 ~0,
  // row 2 gives [0, -1, 1]/3 -> [1/3, -1/3, 0].
  const auto& g = model.gradients();
  EXPECT_NEAR(double(g[9]), 1.0 / 3, 1e-6);
  EXPECT_NEAR(double(g[10]), -1.0 / 3, 1e-6);
  EXPECT_NEAR(double(g[11]), 0.0, 1e-6);
  const auto [eval_loss, accuracy] = model.evaluate(x, y);
  EXPECT_NEAR(eval_loss, 1000.0, 1e-6 * 1000.0);
  EXPECT_NEAR(accuracy, 1.0 / 3, 1e-12);
}

TEST(FusedStableForm, SoftmaxCceWithLogitsOfPlusMinus1000) {
  for (LossKind loss : {LossKind::CategoricalCrossentropy, LossKind::SparseCategoricalCrossentropy})
    for (bool logits : {false, true}) {
      SCOPED_TRACE(std::string(name_of(loss)) + (logits ? " fromLogits" : " softmax"));
      check_softmax_cce_extreme<double>(loss, logits);
      check_softmax_cce_extreme<float>(loss, logits);
    }
}

}  // namespace
