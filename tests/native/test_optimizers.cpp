// Optimizer updates (SGD, momentum, Nesterov, RMSProp plain/centered/with
// momentum, Adam) against the TensorFlow.js formulas written out again here, plus
// literal values worked out by hand, defaults and validation errors.
#include <gtest/gtest.h>

#include "expect_error.hpp"

#include <cmath>
#include <functional>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include "nnplay/model.hpp"
#include "nnplay/optimizers.hpp"

using namespace nnplay;

using nnplay::test_support::expect_invalid;
using nnplay::test_support::expect_error;
using nnplay::test_support::expect_logic;

namespace {

using Vec = std::vector<double>;

// ---- the reference: tf.train.* update rules, one parameter at a time, in double ----
struct Reference {
  OptimizerConfig c;
  Vec s1, s2, s3;  // sgd: -, momentum: accumulation, rmsprop: ms, mom, mg; adam: m, v
  int t = 0;

  Reference(const OptimizerConfig& config, size_t n) : c(config), s1(n, 0.0), s2(n, 0.0), s3(n, 0.0) {}

  void step(Vec& w, const Vec& g) {
    ++t;
    for (size_t i = 0; i < w.size(); ++i) {
      switch (c.kind) {
        case OptimizerKind::Sgd:  // w -= lr g
          w[i] -= c.learning_rate * g[i];
          break;
        case OptimizerKind::Momentum:  // acc = m acc + g; w -= lr acc (nesterov: lr (g + m acc))
          s1[i] = c.momentum * s1[i] + g[i];
          w[i] -= c.nesterov ? c.learning_rate * (g[i] + c.momentum * s1[i]) : c.learning_rate * s1[i];
          break;
        case OptimizerKind::RmsProp: {
          // ms = rho ms + (1-rho) g^2; mom = momentum mom + lr g / sqrt(ms + eps); w -= mom
          // centered: mg = rho mg + (1-rho) g; denominator sqrt(ms - mg^2 + eps)
          s1[i] = c.rho * s1[i] + (1 - c.rho) * g[i] * g[i];
          double denominator = s1[i] + c.epsilon;
          if (c.centered) {
            s3[i] = c.rho * s3[i] + (1 - c.rho) * g[i];
            denominator = s1[i] - s3[i] * s3[i] + c.epsilon;
          }
          s2[i] = c.momentum * s2[i] + c.learning_rate * g[i] / std::sqrt(denominator);
          w[i] -= s2[i];
          break;
        }
        case OptimizerKind::Adam: {
          // m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2
          // w -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
          s1[i] = c.beta1 * s1[i] + (1 - c.beta1) * g[i];
          s2[i] = c.beta2 * s2[i] + (1 - c.beta2) * g[i] * g[i];
          const double m_hat = s1[i] / (1 - std::pow(c.beta1, t));
          const double v_hat = s2[i] / (1 - std::pow(c.beta2, t));
          w[i] -= c.learning_rate * m_hat / (std::sqrt(v_hat) + c.epsilon);
          break;
        }
      }
    }
  }
};

// Three steps of fixed gradients on a 4-parameter vector; includes a zero
// gradient, sign changes and a tiny gradient (where eps matters).
const Vec kStart = {1.0, -0.5, 0.25, 0.0};
const std::vector<Vec> kGradients = {
    {0.5, -1.0, 0.0, 2e-3},
    {0.25, -1.5, 0.1, -2e-3},
    {-0.75, 0.5, 0.0, 1e-3},
};

struct Named {
  const char* name;
  OptimizerConfig config;
};
void PrintTo(const Named& n, std::ostream* os) { *os << n.name; }

std::vector<Named> configs() {
  std::vector<Named> out;
  OptimizerConfig c;
  c.kind = OptimizerKind::Sgd;
  c.learning_rate = 0.1;
  out.push_back({"sgd", c});
  c = OptimizerConfig{};
  c.kind = OptimizerKind::Momentum;
  c.learning_rate = 0.1;
  c.momentum = 0.9;
  out.push_back({"momentum", c});
  c.nesterov = true;
  out.push_back({"nesterov", c});
  c = OptimizerConfig{};
  c.kind = OptimizerKind::RmsProp;
  c.learning_rate = 0.01;
  out.push_back({"rmsprop", c});
  c.momentum = 0.5;
  out.push_back({"rmsprop_momentum", c});
  c.centered = true;
  out.push_back({"rmsprop_centered_momentum", c});
  c.momentum = 0.0;
  c.rho = 0.8;
  out.push_back({"rmsprop_centered", c});
  c = OptimizerConfig{};
  c.kind = OptimizerKind::Adam;
  c.learning_rate = 0.1;
  out.push_back({"adam", c});
  c.beta1 = 0.8;
  c.beta2 = 0.95;
  c.epsilon = 1e-4;
  out.push_back({"adam_custom", c});
  return out;
}

Vector<double> to_eigen(const Vec& v) { return Eigen::Map<const Vector<double>>(v.data(), Eigen::Index(v.size())); }

class OptimizerSteps : public testing::TestWithParam<Named> {};

TEST_P(OptimizerSteps, FirstThreeStepsMatchTheTfjsFormulas) {
  const OptimizerConfig& c = GetParam().config;
  Reference ref(c, kStart.size());
  Vec w_ref = kStart;
  Optimizer<double> opt(c, Eigen::Index(kStart.size()));
  Vector<double> w = to_eigen(kStart);
  Optimizer<float> opt_f(c, Eigen::Index(kStart.size()));
  Vector<float> w_f = to_eigen(kStart).cast<float>();
  for (size_t t = 0; t < kGradients.size(); ++t) {
    ref.step(w_ref, kGradients[t]);
    opt.step(w, to_eigen(kGradients[t]));
    opt_f.step(w_f, to_eigen(kGradients[t]).cast<float>());
    EXPECT_EQ(opt.iterations(), int64_t(t + 1));
    for (size_t i = 0; i < kStart.size(); ++i) {
      EXPECT_NEAR(w[Eigen::Index(i)], w_ref[i], 1e-14 * std::max(1.0, std::abs(w_ref[i])))
          << "step " << t + 1 << " parameter " << i;
      EXPECT_NEAR(w_f[Eigen::Index(i)], w_ref[i], 2e-6 * std::max(1.0, std::abs(w_ref[i])))
          << "float, step " << t + 1 << " parameter " << i;
    }
  }
  // Every optimizer must actually have moved the parameters (for SGD the first
  // parameter's gradients sum to 0, so it alone returns to its start).
  EXPECT_GT((w - to_eigen(kStart)).norm(), 0.01);
  EXPECT_NE(w[1], kStart[1]);
}

INSTANTIATE_TEST_SUITE_P(AllOptimizers, OptimizerSteps, testing::ValuesIn(configs()),
                         [](const testing::TestParamInfo<Named>& info) { return std::string(info.param.name); });

// ---- literal values, worked out by hand: w0 = 1, constant g = 0.5 ----------------

std::vector<double> three_steps(const OptimizerConfig& c) {
  Optimizer<double> opt(c, 1);
  Vector<double> w(1), g(1);
  w << 1.0;
  g << 0.5;
  std::vector<double> out;
  for (int t = 0; t < 3; ++t) {
    opt.step(w, g);
    out.push_back(w[0]);
  }
  return out;
}

TEST(OptimizerLiterals, Sgd) {
  OptimizerConfig c = default_optimizer(OptimizerKind::Sgd);
  c.learning_rate = 0.1;
  const auto w = three_steps(c);  // 1 - 0.05 t
  EXPECT_NEAR(w[0], 0.95, 1e-15);
  EXPECT_NEAR(w[1], 0.90, 1e-15);
  EXPECT_NEAR(w[2], 0.85, 1e-15);
}

TEST(OptimizerLiterals, Momentum) {
  OptimizerConfig c = default_optimizer(OptimizerKind::Momentum);
  c.learning_rate = 0.1;  // momentum 0.9: acc = 0.5, 0.95, 1.355
  const auto w = three_steps(c);
  EXPECT_NEAR(w[0], 0.95, 1e-15);
  EXPECT_NEAR(w[1], 0.855, 1e-15);
  EXPECT_NEAR(w[2], 0.7195, 1e-15);
}

TEST(OptimizerLiterals, Nesterov) {
  OptimizerConfig c = default_optimizer(OptimizerKind::Momentum);
  c.learning_rate = 0.1;
  c.nesterov = true;  // steps 0.1 * (0.5 + 0.9 acc): 0.095, 0.1355, 0.17195
  const auto w = three_steps(c);
  EXPECT_NEAR(w[0], 0.905, 1e-15);
  EXPECT_NEAR(w[1], 0.7695, 1e-15);
  EXPECT_NEAR(w[2], 0.59755, 1e-15);
}

TEST(OptimizerLiterals, RmsProp) {
  OptimizerConfig c = default_optimizer(OptimizerKind::RmsProp);
  c.learning_rate = 0.01;  // ms = 0.025, 0.0475, 0.06775; w -= 0.005 / sqrt(ms + 1e-7)
  const auto w = three_steps(c);
  EXPECT_NEAR(w[0], 0.9683772866436797, 1e-15);
  EXPECT_NEAR(w[1], 0.94543573740561, 1e-15);
  EXPECT_NEAR(w[2], 0.9262262828224416, 1e-15);
}

TEST(OptimizerLiterals, Adam) {
  // With a constant gradient the bias-corrected m_hat = g and v_hat = g^2 exactly,
  // so every step is lr * 0.5 / (0.5 + 1e-7) = 0.0999999800000040.
  OptimizerConfig c = default_optimizer(OptimizerKind::Adam);
  c.learning_rate = 0.1;
  const auto w = three_steps(c);
  EXPECT_NEAR(w[0], 0.900000019999996, 1e-14);
  EXPECT_NEAR(w[1], 0.800000039999992, 1e-14);
  EXPECT_NEAR(w[2], 0.700000059999988, 1e-14);
}

// ---- defaults and validation ------------------------------------------------------

TEST(OptimizerDefaults, MatchTfjs) {
  const OptimizerConfig sgd = default_optimizer(OptimizerKind::Sgd);
  EXPECT_EQ(sgd.kind, OptimizerKind::Sgd);
  EXPECT_DOUBLE_EQ(sgd.learning_rate, 0.01);
  const OptimizerConfig momentum = default_optimizer(OptimizerKind::Momentum);
  EXPECT_EQ(momentum.kind, OptimizerKind::Momentum);
  EXPECT_DOUBLE_EQ(momentum.learning_rate, 0.001);
  EXPECT_DOUBLE_EQ(momentum.momentum, 0.9);
  EXPECT_FALSE(momentum.nesterov);
  const OptimizerConfig rmsprop = default_optimizer(OptimizerKind::RmsProp);
  EXPECT_EQ(rmsprop.kind, OptimizerKind::RmsProp);
  EXPECT_DOUBLE_EQ(rmsprop.learning_rate, 0.001);
  EXPECT_DOUBLE_EQ(rmsprop.rho, 0.9);
  EXPECT_DOUBLE_EQ(rmsprop.momentum, 0.0);
  EXPECT_FALSE(rmsprop.centered);
  EXPECT_DOUBLE_EQ(rmsprop.epsilon, 1e-7);
  const OptimizerConfig adam = default_optimizer(OptimizerKind::Adam);
  EXPECT_EQ(adam.kind, OptimizerKind::Adam);
  EXPECT_DOUBLE_EQ(adam.learning_rate, 0.001);
  EXPECT_DOUBLE_EQ(adam.beta1, 0.9);
  EXPECT_DOUBLE_EQ(adam.beta2, 0.999);
  EXPECT_DOUBLE_EQ(adam.epsilon, 1e-7);
  // CompileConfig's default optimizer is Adam's defaults.
  const CompileConfig cc;
  EXPECT_EQ(cc.optimizer.kind, OptimizerKind::Adam);
  EXPECT_DOUBLE_EQ(cc.optimizer.learning_rate, 0.001);
}

TEST(OptimizerValidation, RejectsBadLearningRates) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (OptimizerKind kind : {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::RmsProp, OptimizerKind::Adam}) {
    for (double lr : {0.0, -0.1, nan, inf}) {
      OptimizerConfig c = default_optimizer(kind);
      c.learning_rate = lr;
      expect_invalid([&] { validate(c); }, {"learningRate", "> 0", "got"});
      expect_invalid([&] { Optimizer<float> o(c, 3); }, {"learningRate"});
    }
  }
  OptimizerConfig c = default_optimizer(OptimizerKind::Sgd);
  c.learning_rate = 0.0;
  expect_invalid([&] { validate(c); }, {"got 0"});
  c.learning_rate = -0.5;
  expect_invalid([&] { validate(c); }, {"got -0.5"});
}

TEST(OptimizerValidation, RejectsOutOfRangeFactors) {
  auto with = [](std::function<void(OptimizerConfig&)> edit) {
    OptimizerConfig c = default_optimizer(OptimizerKind::Adam);
    edit(c);
    return c;
  };
  expect_invalid([&] { validate(with([](OptimizerConfig& c) { c.momentum = 1.0; })); }, {"momentum", "[0, 1)"});
  expect_invalid([&] { validate(with([](OptimizerConfig& c) { c.momentum = -0.1; })); }, {"momentum"});
  expect_invalid([&] { validate(with([](OptimizerConfig& c) { c.rho = 1.0; })); }, {"rho"});
  expect_invalid([&] { validate(with([](OptimizerConfig& c) { c.beta1 = 1.0; })); }, {"beta1"});
  expect_invalid([&] { validate(with([](OptimizerConfig& c) { c.beta2 = 1.5; })); }, {"beta2"});
  expect_invalid([&] { validate(with([](OptimizerConfig& c) { c.epsilon = 0.0; })); }, {"epsilon"});
  expect_invalid([&] { validate(with([](OptimizerConfig& c) { c.epsilon = std::nan(""); })); }, {"epsilon"});
  EXPECT_NO_THROW(validate(default_optimizer(OptimizerKind::Momentum)));
}

TEST(OptimizerValidation, CompileAndSetLearningRateValidate) {
  Model model(2);
  model.add({1, Activation::Sigmoid});
  CompileConfig cc;
  cc.optimizer.learning_rate = 0.0;
  expect_invalid([&] { model.compile(cc); }, {"learningRate"});
  EXPECT_FALSE(model.compiled());
  cc.optimizer.learning_rate = 0.05;
  model.compile(cc);
  expect_invalid([&] { model.set_learning_rate(-1.0); }, {"learningRate", "got -1"});
  expect_invalid([&] { model.set_learning_rate(std::nan("")); }, {"learningRate"});
  EXPECT_DOUBLE_EQ(model.optimizer().config().learning_rate, 0.05);  // unchanged by the failed calls
  model.set_learning_rate(0.2);
  EXPECT_DOUBLE_EQ(model.optimizer().config().learning_rate, 0.2);
}

// Changing the learning rate keeps the optimizer's state (as tf.js's mutable lr).
TEST(OptimizerState, SetLearningRateKeepsSlots) {
  OptimizerConfig c = default_optimizer(OptimizerKind::Momentum);
  c.learning_rate = 0.1;
  Optimizer<double> opt(c, 1);
  Vector<double> w(1), g(1);
  w << 1.0;
  g << 0.5;
  opt.step(w, g);  // acc = 0.5, w = 0.95
  opt.set_learning_rate(0.2);
  opt.step(w, g);  // acc = 0.95, w = 0.95 - 0.19
  EXPECT_NEAR(w[0], 0.76, 1e-15);
  EXPECT_NEAR(opt.slot(0)[0], 0.95, 1e-15);
  EXPECT_EQ(opt.iterations(), 2);
}

// Adam's bias correction after restoring the step count (save/load) continues
// exactly as if the run had not stopped.
TEST(OptimizerState, AdamResumesFromIterations) {
  OptimizerConfig c = default_optimizer(OptimizerKind::Adam);
  c.learning_rate = 0.05;
  Optimizer<double> straight(c, 4);
  Vector<double> w1 = to_eigen(kStart);
  for (const auto& g : kGradients) straight.step(w1, to_eigen(g));

  Optimizer<double> first(c, 4);
  Vector<double> w2 = to_eigen(kStart);
  first.step(w2, to_eigen(kGradients[0]));
  Optimizer<double> resumed(c, 4);
  for (int s = 0; s < 3; ++s) resumed.slot(s) = first.slot(s);
  resumed.set_iterations(first.iterations());
  resumed.step(w2, to_eigen(kGradients[1]));
  resumed.step(w2, to_eigen(kGradients[2]));
  for (Eigen::Index i = 0; i < 4; ++i) EXPECT_NEAR(w2[i], w1[i], 1e-15);
  EXPECT_EQ(resumed.iterations(), 3);
}

// The model's training step applies the optimizer to exactly the gradient of
// compute_gradients (full batch, no shuffle): SGD in one step, Adam over two.
TEST(OptimizerInModel, TrainStepUsesComputedGradients) {
  Matrix<double> x(4, 2), y(4, 1);
  x << 0.5, -1, 1.5, 0.25, -0.5, 2, 1, 1;
  y << 1, 0, 1, 0;
  for (OptimizerKind kind : {OptimizerKind::Sgd, OptimizerKind::Adam}) {
    SCOPED_TRACE(name_of(kind));
    Sequential<double> model(2, 3);
    model.add({3, Activation::Tanh});
    model.add({1, Activation::Sigmoid});
    CompileConfig cc;
    cc.loss = LossKind::BinaryCrossentropy;
    cc.optimizer = default_optimizer(kind);
    cc.optimizer.learning_rate = 0.1;
    model.compile(cc);
    const Vector<double> w0 = model.parameters();
    Vec w_ref(w0.data(), w0.data() + w0.size());
    Reference ref(cc.optimizer, w_ref.size());
    model.set_training_data(x, y, 4, /*shuffle=*/false);
    for (int step = 0; step < 2; ++step) {
      model.compute_gradients(x, y);
      const Vector<double> g = model.gradients();
      ref.step(w_ref, Vec(g.data(), g.data() + g.size()));
      double loss = 0;
      model.train_steps(1, &loss);
      for (Eigen::Index i = 0; i < g.size(); ++i)
        EXPECT_NEAR(model.parameters()[i], w_ref[size_t(i)], 1e-14) << "step " << step << " parameter " << i;
    }
    EXPECT_GT((model.parameters() - w0).norm(), 1e-3);
  }
}

}  // namespace
