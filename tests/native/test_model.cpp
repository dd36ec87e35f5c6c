// The Sequential model's contract: save/load, determinism, weights in Keras
// shapes, summary(), evaluate() against a hand computation, divergence handling,
// and every rejected input with the words its message must contain.
#include <gtest/gtest.h>

#include "expect_error.hpp"
#include "optimizer_config.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "nnplay/model.hpp"
#include "nnplay/model_io.hpp"

using namespace nnplay;

using nnplay::test_support::expect_invalid;
using nnplay::test_support::expect_error;
using nnplay::test_support::expect_logic;
using nnplay::test_support::optimizer;

namespace {

// 20 points in [-1, 1]^2 with 3 classes by angle sector: a small, deterministic set.
void three_class_data(MatrixF& x, MatrixF& y) {
  const int n = 20;
  x.resize(n, 2);
  y.resize(n, 1);
  Random rng(42);
  for (int i = 0; i < n; ++i) {
    x(i, 0) = float(rng.uniform(-1, 1));
    x(i, 1) = float(rng.uniform(-1, 1));
    const double angle = std::atan2(x(i, 1), x(i, 0)) + 3.14159265358979;
    y(i, 0) = float(std::min(2, int(angle / (2 * 3.14159265358979 / 3))));
  }
}

MatrixF grid(int side) {
  MatrixF g(side * side, 2);
  for (int i = 0; i < side; ++i)
    for (int j = 0; j < side; ++j) {
      g(i * side + j, 0) = -1.5f + 3.0f * float(i) / float(side - 1);
      g(i * side + j, 1) = -1.5f + 3.0f * float(j) / float(side - 1);
    }
  return g;
}

// A model exercising every saved field: regularization, a bias-free layer,
// non-default initializers, and the given optimizer, trained for 7 steps.
std::unique_ptr<Model> trained_model(const OptimizerConfig& opt, const MatrixF& x, const MatrixF& y) {
  auto m = std::make_unique<Model>(2, 5);
  DenseConfig a{6, Activation::Tanh};
  a.l2 = 0.001;
  a.l1 = 0.0005;
  a.bias_initializer = Initializer::Ones;
  DenseConfig b{4, Activation::LeakyRelu};
  b.use_bias = false;
  b.kernel_initializer = Initializer::HeNormal;
  m->add(a);
  m->add(b);
  m->add({3, Activation::Softmax});
  m->compile({LossKind::SparseCategoricalCrossentropy, false, opt});
  m->set_training_data(x, y, 8, /*shuffle=*/false);
  m->train_steps(7);
  return m;
}

// ---- save / load -----------------------------------------------------------------------

struct SaveLoadCase {
  const char* name;
  OptimizerConfig optimizer;
};
void PrintTo(const SaveLoadCase& c, std::ostream* os) { *os << c.name; }

class SaveLoad : public testing::TestWithParam<SaveLoadCase> {};

TEST_P(SaveLoad, IdenticalPredictionsAndContinuedTraining) {
  MatrixF x, y;
  three_class_data(x, y);
  auto original = trained_model(GetParam().optimizer, x, y);
  const std::string json = model_to_json(*original);
  auto loaded = model_from_json(json);

  // The loaded model writes the same JSON: every field round-trips exactly.
  EXPECT_EQ(model_to_json(*loaded), json);
  EXPECT_EQ(loaded->optimizer().iterations(), 7);
  for (int s = 0; s < 3; ++s) EXPECT_EQ(loaded->optimizer().slot(s), original->optimizer().slot(s));
  ASSERT_EQ(loaded->parameters(), original->parameters());

  const MatrixF g = grid(15);
  EXPECT_EQ(loaded->predict(g), original->predict(g));  // bit-identical

  // The original goes on; the loaded one is given its data again and continues
  // from the same point (mid-epoch): still bit-identical (optimizer state and
  // the position in the epoch restored).
  loaded->set_training_data(x, y, 8, false);
  original->train_steps(10);
  loaded->train_steps(10);
  EXPECT_EQ(loaded->parameters(), original->parameters());
  EXPECT_EQ(loaded->predict(g), original->predict(g));
  EXPECT_EQ(loaded->evaluate(x, y), original->evaluate(x, y));
}

std::vector<SaveLoadCase> save_load_cases() {
  OptimizerConfig nesterov = optimizer(OptimizerKind::Momentum, 0.05);
  nesterov.nesterov = true;
  OptimizerConfig centered = optimizer(OptimizerKind::RmsProp, 0.01);
  centered.centered = true;
  centered.momentum = 0.5;
  centered.rho = 0.8;
  OptimizerConfig adam = optimizer(OptimizerKind::Adam, 0.02);
  adam.beta1 = 0.85;
  return {{"sgd", optimizer(OptimizerKind::Sgd, 0.1)},
          {"nesterov", nesterov},
          {"rmsprop_centered_momentum", centered},
          {"adam", adam}};
}

INSTANTIATE_TEST_SUITE_P(AllOptimizers, SaveLoad, testing::ValuesIn(save_load_cases()),
                         [](const testing::TestParamInfo<SaveLoadCase>& info) { return std::string(info.param.name); });

TEST(SaveLoadDetails, ConfigRoundTrips) {
  MatrixF x, y;
  three_class_data(x, y);
  auto original = trained_model(save_load_cases()[2].optimizer, x, y);
  auto loaded = model_from_json(model_to_json(*original));
  ASSERT_EQ(loaded->layer_count(), 3);
  EXPECT_EQ(loaded->input_dim(), 2);
  EXPECT_EQ(loaded->seed(), 5u);
  EXPECT_EQ(dense_config(loaded->layer(0).config()).activation, Activation::Tanh);
  EXPECT_EQ(dense_config(loaded->layer(0).config()).l1, 0.0005);
  EXPECT_EQ(dense_config(loaded->layer(0).config()).l2, 0.001);
  EXPECT_EQ(dense_config(loaded->layer(0).config()).bias_initializer, Initializer::Ones);
  EXPECT_FALSE(dense_config(loaded->layer(1).config()).use_bias);
  EXPECT_EQ(dense_config(loaded->layer(1).config()).kernel_initializer, Initializer::HeNormal);
  EXPECT_EQ(dense_config(loaded->layer(2).config()).activation, Activation::Softmax);
  EXPECT_EQ(loaded->compile_config().loss, LossKind::SparseCategoricalCrossentropy);
  EXPECT_TRUE(loaded->compile_config().accuracy);
  const OptimizerConfig& o = loaded->optimizer().config();
  EXPECT_EQ(o.kind, OptimizerKind::RmsProp);
  EXPECT_TRUE(o.centered);
  EXPECT_EQ(o.momentum, 0.5);
  EXPECT_EQ(o.rho, 0.8);
  EXPECT_EQ(o.learning_rate, 0.01);
}

TEST(SaveLoadDetails, WithoutOptimizerStateStartsFresh) {
  MatrixF x, y;
  three_class_data(x, y);
  auto original = trained_model(optimizer(OptimizerKind::Adam, 0.02), x, y);
  auto loaded = model_from_json(model_to_json(*original, /*include_optimizer_state=*/false));
  EXPECT_TRUE(loaded->compiled());
  EXPECT_EQ(loaded->optimizer().iterations(), 0);
  EXPECT_EQ(loaded->optimizer().slot(0).cwiseAbs().maxCoeff(), 0.0f);
  EXPECT_EQ(loaded->parameters(), original->parameters());
  // Fresh Adam moments make the next step differ from the original's.
  original->set_training_data(x, y, 8, false);
  loaded->set_training_data(x, y, 8, false);
  original->train_steps(1);
  loaded->train_steps(1);
  EXPECT_NE(loaded->parameters(), original->parameters());
}

TEST(SaveLoadDetails, UncompiledModel) {
  Model m(3, 9);
  m.add({2, Activation::Elu});
  const MatrixF x = MatrixF::Random(5, 3);
  auto loaded = model_from_json(model_to_json(m));
  EXPECT_FALSE(loaded->compiled());
  EXPECT_EQ(loaded->predict(x), m.predict(x));
}

TEST(SaveLoadDetails, BadJsonIsRejectedWithReasons) {
  Model m(2, 1);
  m.add({2, Activation::Relu});
  m.add({1, Activation::Sigmoid});
  m.compile({LossKind::BinaryCrossentropy, false, optimizer(OptimizerKind::Adam, 0.01)});
  const std::string good = model_to_json(m);
  ASSERT_NO_THROW(model_from_json(good));
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    const size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return s.replace(at, from.size(), to);
  };
  expect_invalid([] { model_from_json("{\"format\": \"nnplay-model\", "); }, {"malformed"});
  expect_invalid([] { model_from_json("not json"); }, {"malformed"});
  expect_invalid([] { model_from_json("[1, 2]"); }, {"must be an object"});
  expect_invalid([&] { model_from_json(replace("\"nnplay-model\"", "\"keras\"")); }, {"format", "nnplay-model"});
  expect_invalid([&] { model_from_json(replace("\"version\":2", "\"version\":3")); },
                 {"version 3 is not supported", "expected 1 or 2"});
  expect_invalid([&] { model_from_json(replace("\"version\":2", "\"version\":\"2\"")); }, {"version", "wrong type"});
  expect_invalid([&] { model_from_json(replace("\"format\":\"nnplay-model\",", "")); }, {"missing \"format\""});
  expect_invalid([&] { model_from_json(replace("\"layers\"", "\"strata\"")); }, {"missing \"layers\""});
  expect_invalid([&] { model_from_json(replace("\"activation\":\"relu\"", "\"activation\":\"swish\"")); },
                 {"unknown activation \"swish\"", "leakyRelu"});
  expect_invalid([&] { model_from_json(replace("\"kernel\":[[", "\"kernel\":[[1.0],[")); }, {"layers[0].kernel"});
  expect_invalid([&] { model_from_json(replace("\"bias\":[", "\"bias\":[1.0,")); },
                 {"layers[0].bias", "array of 2 numbers"});
  expect_invalid([&] { model_from_json(replace("\"units\":2", "\"units\":0")); }, {"units", "got 0"});
  expect_invalid([&] { model_from_json(replace("\"name\":\"adam\"", "\"name\":\"adagrad\"")); },
                 {"unknown optimizer \"adagrad\""});
  expect_invalid([&] { model_from_json(replace("\"learningRate\":0.01", "\"learningRate\":-1")); },
                 {"learningRate"});
}

// ---- determinism ---------------------------------------------------------------------

std::unique_ptr<Model> fitted(uint64_t seed, const MatrixF& x, const MatrixF& y) {
  auto m = std::make_unique<Model>(2, seed);
  m->add({5, Activation::Tanh});
  m->add({3, Activation::Softmax});
  m->compile({LossKind::SparseCategoricalCrossentropy, false, optimizer(OptimizerKind::Adam, 0.01)});
  FitOptions f;
  f.epochs = 3;
  f.batch_size = 6;  // shuffled every epoch
  m->fit(x, y, f);
  return m;
}

TEST(Determinism, SameSeedSameWeightsDifferentSeedDifferent) {
  MatrixF x, y;
  three_class_data(x, y);
  auto a = fitted(17, x, y), b = fitted(17, x, y), c = fitted(18, x, y);
  EXPECT_EQ(a->parameters(), b->parameters());
  EXPECT_NE(a->parameters(), c->parameters());

  // Only the shuffling differs: same initial weights, different batch order.
  Model d(2, 17), e(2, 17);
  for (Model* m : {&d, &e}) {
    m->add({5, Activation::Tanh});
    m->add({3, Activation::Softmax});
    m->compile({LossKind::SparseCategoricalCrossentropy, false, optimizer(OptimizerKind::Sgd, 0.1)});
  }
  FitOptions f;
  f.epochs = 2;
  f.batch_size = 6;
  f.shuffle = false;
  d.fit(x, y, f);
  f.shuffle = true;
  e.fit(x, y, f);
  EXPECT_NE(d.parameters(), e.parameters());
}

TEST(Determinism, ReinitializeReproducesInitialWeights) {
  Model m(3, 4);
  m.add({4, Activation::Relu});
  m.add({2, Activation::Linear});
  const VectorF initial = m.parameters();
  m.parameters().setConstant(0.5f);
  m.reinitialize(4);
  EXPECT_EQ(m.parameters(), initial);
  m.reinitialize(5);
  EXPECT_NE(m.parameters(), initial);
  EXPECT_EQ(m.seed(), 5u);
  // Glorot uniform kernels within sqrt(6 / (fan_in + fan_out)), zero biases.
  const auto w = m.get_weights();
  EXPECT_LE(w[0].cwiseAbs().maxCoeff(), std::sqrt(6.0f / 7.0f));
  EXPECT_GT(w[0].cwiseAbs().maxCoeff(), 0.0f);
  EXPECT_EQ(w[1].cwiseAbs().maxCoeff(), 0.0f);
  EXPECT_LE(w[2].cwiseAbs().maxCoeff(), std::sqrt(6.0f / 6.0f));
}

// ---- weights -----------------------------------------------------------------------

TEST(Weights, KerasShapesAndFlatLayout) {
  Model m(3, 1);
  m.add({4, Activation::Relu});
  m.add({2, Activation::Linear});
  const auto w = m.get_weights();
  ASSERT_EQ(w.size(), 4u);
  EXPECT_EQ(w[0].rows(), 3);  // kernel [in, units]
  EXPECT_EQ(w[0].cols(), 4);
  EXPECT_EQ(w[1].rows(), 1);  // bias [1, units]
  EXPECT_EQ(w[1].cols(), 4);
  EXPECT_EQ(w[2].rows(), 4);
  EXPECT_EQ(w[2].cols(), 2);
  EXPECT_EQ(w[3].rows(), 1);
  EXPECT_EQ(w[3].cols(), 2);
  EXPECT_EQ(m.parameter_count(), 3 * 4 + 4 + 4 * 2 + 2);
  EXPECT_EQ(m.neuron_count(), 6);
  EXPECT_EQ(m.output_dim(), 2);

  // parameters(): kernel0 row-major, bias0, kernel1, bias1.
  std::vector<MatrixF> mine;
  float v = 0.01f;
  for (const auto& a : w) {
    MatrixF b(a.rows(), a.cols());
    for (Eigen::Index i = 0; i < b.size(); ++i) b.data()[i] = (v += 0.01f);
    mine.push_back(b);
  }
  m.set_weights(mine);
  const auto back = m.get_weights();
  for (size_t i = 0; i < mine.size(); ++i) EXPECT_EQ(back[i], mine[i]) << "array " << i;
  const VectorF& p = m.parameters();
  ASSERT_EQ(p.size(), 26);
  EXPECT_EQ(p[0], mine[0](0, 0));
  EXPECT_EQ(p[1], mine[0](0, 1));
  EXPECT_EQ(p[4], mine[0](1, 0));
  EXPECT_EQ(p[12], mine[1](0, 0));
  EXPECT_EQ(p[16], mine[2](0, 0));
  EXPECT_EQ(p[17], mine[2](0, 1));
  EXPECT_EQ(p[25], mine[3](0, 1));

  // predict is relu(x W0 + b0) W1 + b1, computed here by hand.
  MatrixF x(2, 3);
  x << 1, -2, 0.5, -1, 0.25, 3;
  MatrixF h = ((x * mine[0]).rowwise() + mine[1].row(0)).cwiseMax(0.0f);
  MatrixF expected = (h * mine[2]).rowwise() + mine[3].row(0);
  EXPECT_TRUE(m.predict(x).isApprox(expected, 1e-6f));

  // A bias given as a column [units, 1] is accepted too.
  std::vector<MatrixF> column = mine;
  column[1] = mine[1].transpose();
  EXPECT_NO_THROW(m.set_weights(column));
  EXPECT_EQ(m.get_weights()[1], mine[1]);
}

TEST(Weights, SetWeightsRejectsWrongInput) {
  Model m(3, 1);
  m.add({4, Activation::Relu});
  m.add({2, Activation::Linear});
  auto w = m.get_weights();
  expect_invalid([&] { m.set_weights({w[0], w[1], w[2]}); }, {"expects 4 arrays", "got 3"});
  auto bad = w;
  bad[2] = MatrixF::Zero(2, 4);
  expect_invalid([&] { m.set_weights(bad); }, {"layer 1 kernel", "[4, 2]", "got [2, 4]"});
  bad = w;
  bad[1] = MatrixF::Zero(1, 3);
  expect_invalid([&] { m.set_weights(bad); }, {"layer 0 bias", "[1, 4]"});
  bad = w;
  bad[0](1, 1) = std::numeric_limits<float>::quiet_NaN();
  expect_invalid([&] { m.set_weights(bad); }, {"layer 0 kernel", "NaN"});
  EXPECT_EQ(m.get_weights()[0], w[0]);  // unchanged
}

TEST(Weights, NoBiasLayer) {
  Model m(2, 1);
  DenseConfig c{3, Activation::Linear};
  c.use_bias = false;
  m.add(c);
  m.add({1, Activation::Linear});
  const auto w = m.get_weights();
  ASSERT_EQ(w.size(), 3u);  // kernel0, kernel1, bias1
  EXPECT_EQ(w[0].rows(), 2);
  EXPECT_EQ(w[0].cols(), 3);
  EXPECT_EQ(w[1].rows(), 3);
  EXPECT_EQ(w[1].cols(), 1);
  EXPECT_EQ(m.parameter_count(), 6 + 3 + 1);
}

TEST(Summary, ListsLayersShapesAndParameterCounts) {
  Model m(3, 1);
  m.add({4, Activation::Relu});
  DenseConfig nb{5, Activation::LeakyRelu};
  nb.use_bias = false;
  m.add(nb);
  m.add({2, Activation::Softmax});
  const std::string s = m.summary();
  for (const char* part : {"dense_1 (Dense)", "dense_2 (Dense)", "dense_3 (Dense)", "relu", "leakyRelu", "softmax",
                           "[null, 4]", "[null, 5]", "[null, 2]", "Input shape: [null, 3]", "Total params: 48"})
    EXPECT_NE(s.find(part), std::string::npos) << part << " missing from\n" << s;
  // Per-layer counts: 3*4+4 = 16, 4*5 = 20, 5*2+2 = 12, each at a line's end.
  for (const char* count : {"16\n", "20\n", "12\n"}) EXPECT_NE(s.find(count), std::string::npos) << count;
  EXPECT_EQ(m.parameter_count(), 48);
}

// ---- evaluate against a hand computation --------------------------------------------

TEST(Evaluate, MseMatchesHandComputation) {
  Model m(2, 1);
  DenseConfig c{1, Activation::Linear};
  c.l2 = 0.1;
  m.add(c);
  m.compile({LossKind::MeanSquaredError, false, optimizer(OptimizerKind::Sgd, 0.1)});
  MatrixF kernel(2, 1), bias(1, 1);
  kernel << 0.5f, -1.0f;
  bias << 0.25f;
  m.set_weights({kernel, bias});
  MatrixF x(2, 2), y(2, 1);
  x << 1, 2, 3, -1;
  y << 0, 1;
  // predictions 0.5 - 2 + 0.25 = -1.25 and 1.5 + 1 + 0.25 = 2.75;
  // MSE (1.5625 + 3.0625) / 2 = 2.3125; L2 0.1 * (0.25 + 1) = 0.125.
  const auto [loss, accuracy] = m.evaluate(x, y);
  EXPECT_NEAR(loss, 2.4375, 1e-6);
  // One output unit: binary accuracy at 0.5 — (-1.25 -> 0, 0) and (2.75 -> 1, 1).
  EXPECT_DOUBLE_EQ(accuracy, 1.0);
}

TEST(Evaluate, BceMatchesHandComputation) {
  Model m(1, 1);
  m.add({1, Activation::Sigmoid});
  m.compile({LossKind::BinaryCrossentropy, false, optimizer(OptimizerKind::Sgd, 0.1)});
  MatrixF kernel(1, 1), bias(1, 1);
  kernel << 2.0f;
  bias << -1.0f;
  m.set_weights({kernel, bias});
  MatrixF x(3, 1), y(3, 1);
  x << 0, 1, 2;
  y << 0, 1, 0;
  // z = -1, 1, 3. Losses: -log(1 - s(-1)) = log(1 + e^-1); -log(s(1)) = log(1 + e^-1);
  // -log(1 - s(3)) = log(1 + e^3).
  const double expected = (2 * std::log(1 + std::exp(-1.0)) + std::log(1 + std::exp(3.0))) / 3;
  const auto [loss, accuracy] = m.evaluate(x, y);
  EXPECT_NEAR(loss, expected, 1e-6);
  EXPECT_NEAR(accuracy, 2.0 / 3, 1e-12);  // predictions 0, 1, 1 vs 0, 1, 0
}

TEST(Evaluate, CategoricalMatchesHandComputation) {
  Model m(2, 1);
  m.add({3, Activation::Softmax});
  m.compile({LossKind::CategoricalCrossentropy, false, optimizer(OptimizerKind::Sgd, 0.1)});
  MatrixF kernel = MatrixF::Zero(2, 3), bias(1, 3);
  kernel(0, 0) = 1;
  kernel(1, 1) = 1;
  bias << 0, 0, 0;
  m.set_weights({kernel, bias});
  MatrixF x(2, 2), y(2, 3);
  x << 2, 0, 0, 1;   // z = [2, 0, 0] and [0, 1, 0]
  y << 1, 0, 0, 0, 0, 1;
  const double l0 = std::log(std::exp(2.0) + 2) - 2;  // -log softmax_0
  const double l1 = std::log(std::exp(1.0) + 2);      // -log softmax_2
  const auto [loss, accuracy] = m.evaluate(x, y);
  EXPECT_NEAR(loss, (l0 + l1) / 2, 1e-6);
  EXPECT_DOUBLE_EQ(accuracy, 0.5);
}

// ---- divergence ------------------------------------------------------------------------

// MSE regression with targets in the thousands: y = 1000 (x1 - 2 x2).
std::unique_ptr<Model> regression(uint64_t seed, double lr, MatrixF& x, MatrixF& y) {
  auto m = std::make_unique<Model>(2, seed);
  m->add({8, Activation::Relu});
  m->add({1, Activation::Linear});
  m->compile({LossKind::MeanSquaredError, false, optimizer(OptimizerKind::Sgd, lr)});
  x.resize(32, 2);
  y.resize(32, 1);
  Random rng(seed);
  for (int i = 0; i < 32; ++i) {
    x(i, 0) = float(rng.uniform(-3, 3));
    x(i, 1) = float(rng.uniform(-3, 3));
    y(i, 0) = float(1000.0 * (x(i, 0) - 2 * x(i, 1)));
  }
  return m;
}

// 1e38 makes a single finite gradient step overflow the weights themselves.
TEST(Divergence, HugeLearningRateThrowsAndKeepsFiniteWeights) {
  for (double lr : {10.0, 1e3, 1e6, 1e9, 1e20, 1e38}) {
    for (uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
      SCOPED_TRACE("lr " + std::to_string(lr) + " seed " + std::to_string(seed));
      MatrixF x, y;
      auto m = regression(seed, lr, x, y);
      FitOptions f;
      f.epochs = 50;
      f.batch_size = 8;
      bool thrown = false;
      try {
        m->fit(x, y, f);
      } catch (const DivergedError& e) {
        thrown = true;
        const std::string message = e.what();
        EXPECT_NE(message.find("training diverged at epoch " + std::to_string(e.epoch) + ", batch " +
                               std::to_string(e.batch)),
                  std::string::npos)
            << message;
        EXPECT_NE(message.find("learning rate"), std::string::npos) << message;
        EXPECT_GE(e.epoch, 1);
        EXPECT_GE(e.batch, 1);
        EXPECT_LE(e.batch, 4);
      }
      EXPECT_TRUE(thrown);
      EXPECT_TRUE(m->parameters().allFinite()) << m->parameters().transpose();
      // The model stays usable: a lower rate and fresh weights train on.
      m->set_learning_rate(1e-7);
      m->reinitialize(seed);
      f.epochs = 5;
      EXPECT_NO_THROW(m->fit(x, y, f));
      EXPECT_TRUE(m->parameters().allFinite());
    }
  }
}

// Step by step: the weights after the throw are exactly those before the failing step.
TEST(Divergence, KeepsTheLastGoodWeightsExactly) {
  for (double lr : {1e6, 1e38}) {
    SCOPED_TRACE("lr " + std::to_string(lr));
    MatrixF x, y;
    auto m = regression(1, lr, x, y);
    m->set_training_data(x, y, 8);
    VectorF before;
    int steps = 0;
    std::string message;
    for (; steps < 100; ++steps) {
      before = m->parameters();
      try {
        m->train_steps(1);
      } catch (const DivergedError& e) {
        message = e.what();
        break;
      }
    }
    ASSERT_LT(steps, 100) << "never diverged";
    EXPECT_EQ(m->parameters(), before);
    EXPECT_TRUE(before.allFinite());
    // The cause is named: the loss, a gradient, or (for 1e38) the update itself.
    if (lr == 1e38)
      EXPECT_NE(message.find("the update made a weight NaN or infinite"), std::string::npos) << message;
    else
      EXPECT_NE(message.find("became"), std::string::npos) << message;
  }
}

// A learning rate changed between steps survives reinitialize() and saving.
TEST(LearningRate, SurvivesReinitializeAndSave) {
  Model m(2, 1);
  m.add({1, Activation::Linear});
  m.compile({LossKind::MeanSquaredError, false, optimizer(OptimizerKind::Sgd, 0.1)});
  m.set_learning_rate(0.025);
  m.reinitialize(2);
  EXPECT_EQ(m.optimizer().config().learning_rate, 0.025);
  EXPECT_EQ(m.compile_config().optimizer.learning_rate, 0.025);
  auto loaded = model_from_json(model_to_json(m));
  EXPECT_EQ(loaded->optimizer().config().learning_rate, 0.025);
}

// ---- rejected input ------------------------------------------------------------------------

std::unique_ptr<Model> small(LossKind loss, int units, Activation g = Activation::Linear) {
  auto m = std::make_unique<Model>(2, 1);
  m->add({units, g});
  m->compile({loss, false, optimizer(OptimizerKind::Sgd, 0.1)});
  return m;
}

TEST(BadInput, LayerConfiguration) {
  Model m(2);
  expect_invalid([&] { m.add({0, Activation::Relu}); }, {"layer 0", "units", "got 0"});
  expect_invalid([&] { m.add({-3, Activation::Relu}); }, {"units", "got -3"});
  expect_invalid([&] { m.add({1, Activation::Softmax}); }, {"softmax", "1 unit", "sigmoid"});
  DenseConfig c{2, Activation::Relu};
  c.l2 = -0.1;
  expect_invalid([&] { m.add(c); }, {"layer 0", "l2", "regularization", "[0, ", "got -0.1"});
  c.l2 = std::nan("");
  expect_invalid([&] { m.add(c); }, {"regularization"});
  expect_invalid([] { Model bad(0); }, {"input size", "got 0"});
  EXPECT_EQ(m.layer_count(), 0);  // nothing was added
  m.add({2, Activation::Relu});
  m.predict(MatrixF::Zero(1, 2));  // builds the weights
  expect_logic([&] { m.add({2, Activation::Relu}); }, {"layer 1", "already built"});
  Model empty(2);
  expect_logic([&] { empty.predict(MatrixF::Zero(1, 2)); }, {"no layers"});
}

TEST(BadInput, CategoricalLossNeedsTwoUnits) {
  for (LossKind loss : {LossKind::CategoricalCrossentropy, LossKind::SparseCategoricalCrossentropy}) {
    Model m(2);
    m.add({1, Activation::Sigmoid});
    expect_invalid([&] { m.compile({loss, false, optimizer(OptimizerKind::Sgd, 0.1)}); },
                   {name_of(loss), "at least 2 units", "got 1", "binaryCrossentropy"});
    EXPECT_FALSE(m.compiled());
  }
}

TEST(BadInput, UnknownNamesListTheValidOnes) {
  expect_invalid([] { parse_activation("swish"); },
                 {"unknown activation \"swish\"", "linear, sigmoid, tanh, relu, softmax, leakyRelu, elu"});
  expect_invalid([] { parse_loss("hinge"); },
                 {"unknown loss \"hinge\"",
                  "binaryCrossentropy, meanSquaredError, categoricalCrossentropy, sparseCategoricalCrossentropy"});
  expect_invalid([] { parse_optimizer("adagrad"); }, {"unknown optimizer \"adagrad\"", "sgd, momentum, rmsprop, adam"});
  expect_invalid([] { parse_initializer("orthogonal"); },
                 {"unknown initializer \"orthogonal\"", "glorotUniform", "heNormal", "zeros", "ones"});
  expect_invalid([] { parse_activation(""); }, {"unknown activation"});
}

TEST(Names, AliasesAndCanonicalNames) {
  EXPECT_EQ(parse_loss("binary_crossentropy"), LossKind::BinaryCrossentropy);
  EXPECT_EQ(parse_loss("BinaryCrossentropy"), LossKind::BinaryCrossentropy);
  EXPECT_EQ(parse_loss("binaryCrossentropy"), LossKind::BinaryCrossentropy);
  EXPECT_EQ(parse_loss("bce"), LossKind::BinaryCrossentropy);
  EXPECT_EQ(parse_loss("mse"), LossKind::MeanSquaredError);
  EXPECT_EQ(parse_loss("mean_squared_error"), LossKind::MeanSquaredError);
  EXPECT_EQ(parse_loss("categorical_crossentropy"), LossKind::CategoricalCrossentropy);
  EXPECT_EQ(parse_loss("sparse_categorical_crossentropy"), LossKind::SparseCategoricalCrossentropy);
  EXPECT_EQ(parse_activation("leaky_relu"), Activation::LeakyRelu);
  EXPECT_EQ(parse_activation("LeakyReLU"), Activation::LeakyRelu);
  EXPECT_EQ(parse_activation("ReLU"), Activation::Relu);
  EXPECT_EQ(parse_optimizer("RMSProp"), OptimizerKind::RmsProp);
  EXPECT_EQ(parse_optimizer("SGD"), OptimizerKind::Sgd);
  EXPECT_EQ(parse_initializer("glorot_uniform"), Initializer::GlorotUniform);
  EXPECT_EQ(parse_initializer("he_normal"), Initializer::HeNormal);
  // Canonical names round-trip.
  for (int g = 0; g <= int(Activation::Elu); ++g) EXPECT_EQ(int(parse_activation(name_of(Activation(g)))), g);
  for (int l = 0; l <= int(LossKind::SparseCategoricalCrossentropy); ++l)
    EXPECT_EQ(int(parse_loss(name_of(LossKind(l)))), l);
  for (int o = 0; o <= int(OptimizerKind::Adam); ++o) EXPECT_EQ(int(parse_optimizer(name_of(OptimizerKind(o)))), o);
  for (int i = 0; i <= int(Initializer::Ones); ++i) EXPECT_EQ(int(parse_initializer(name_of(Initializer(i)))), i);
  EXPECT_STREQ(name_of(LossKind::MeanSquaredError), "meanSquaredError");
  EXPECT_STREQ(name_of(Activation::LeakyRelu), "leakyRelu");
}

TEST(BadInput, SparseClassIndices) {
  auto m = small(LossKind::SparseCategoricalCrossentropy, 3, Activation::Softmax);
  MatrixF x = MatrixF::Zero(3, 2), y(3, 1);
  y << 0, 3, 1;
  expect_invalid([&] { m->compute_gradients(x, y); }, {"y row 1", "class index 3", "[0, 2]", "3 units"});
  expect_invalid([&] { m->set_training_data(x, y, 2); }, {"class index 3"});
  y << 0, -1, 1;
  expect_invalid([&] { m->evaluate(x, y); }, {"class index -1"});
  y << 0, 1.5, 1;
  expect_invalid([&] { m->set_training_data(x, y, 2); }, {"class index 1.5", "not an integer"});
  MatrixF onehot = MatrixF::Zero(3, 3);
  expect_invalid([&] { m->set_training_data(x, onehot, 2); }, {"class indices of shape [n, 1]", "got [3, 3]"});
  y << 0, 2, 1;
  EXPECT_NO_THROW(m->set_training_data(x, y, 2));
}

TEST(BadInput, DataShapes) {
  auto m = small(LossKind::BinaryCrossentropy, 1, Activation::Sigmoid);
  MatrixF x = MatrixF::Zero(3, 2), y = MatrixF::Zero(3, 1);
  expect_invalid([&] { m->set_training_data(MatrixF::Zero(3, 3), y, 2); },
                 {"x must have 2 columns", "input size", "got shape [3, 3]"});
  expect_invalid([&] { m->set_training_data(x, MatrixF::Zero(2, 1), 2); },
                 {"same number of rows", "got 3 and 2"});
  expect_invalid([&] { m->set_training_data(x, MatrixF::Zero(3, 2), 2); },
                 {"y must have 1 columns", "binaryCrossentropy", "got shape [3, 2]"});
  expect_invalid([&] { m->set_training_data(MatrixF(0, 2), MatrixF(0, 1), 2); }, {"x is empty"});
  FitOptions f;
  expect_invalid([&] { m->fit(MatrixF(0, 2), MatrixF(0, 1), f); }, {"empty"});
  expect_invalid([&] { m->set_training_data(x, y, 0); }, {"batchSize must be at least 1", "got 0"});
  f.batch_size = 0;
  expect_invalid([&] { m->fit(x, y, f); }, {"batchSize", "got 0"});
  f.batch_size = 2;
  f.epochs = -1;
  expect_invalid([&] { m->fit(x, y, f); }, {"epochs", "got -1"});
  expect_invalid([&] { m->predict(MatrixF::Zero(2, 5)); }, {"x must have 2 columns", "got shape [2, 5]"});
  MatrixF out(2, 2);
  expect_invalid([&] { m->predict_into(MatrixF::Zero(2, 2), out); }, {"prediction output", "[2, 1]", "got [2, 2]"});
  f.epochs = 1;
  expect_invalid([&] { m->fit(x, y, f, MatrixF::Zero(2, 3), MatrixF::Zero(2, 1)); },
                 {"validation x must have 2 columns"});
}

TEST(BadInput, NonFiniteValues) {
  auto m = small(LossKind::MeanSquaredError, 1);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  MatrixF x = MatrixF::Zero(3, 2), y = MatrixF::Zero(3, 1);
  x(1, 0) = nan;
  expect_invalid([&] { m->set_training_data(x, y, 2); }, {"x contains NaN at row 1, column 0"});
  FitOptions f;
  expect_invalid([&] { m->fit(x, y, f); }, {"x contains NaN"});
  x(1, 0) = -inf;
  expect_invalid([&] { m->evaluate(x, y); }, {"x contains Inf at row 1, column 0"});
  x(1, 0) = 0;
  y(2, 0) = inf;
  expect_invalid([&] { m->set_training_data(x, y, 2); }, {"y contains Inf at row 2, column 0"});
  y(2, 0) = nan;
  expect_invalid([&] { m->compute_gradients(x, y); }, {"y contains NaN at row 2, column 0"});
  y(2, 0) = 0;
  MatrixF vx = MatrixF::Zero(2, 2), vy = MatrixF::Zero(2, 1);
  vy(0, 0) = nan;
  expect_invalid([&] { m->fit(x, y, f, vx, vy); }, {"validation y contains NaN"});
}

TEST(BadInput, UseBeforeCompile) {
  Model m(2);
  m.add({1, Activation::Sigmoid});
  MatrixF x = MatrixF::Zero(3, 2), y = MatrixF::Zero(3, 1);
  FitOptions f;
  expect_logic([&] { m.fit(x, y, f); }, {"fit", "compile"});
  expect_logic([&] { m.evaluate(x, y); }, {"evaluate", "compile"});
  expect_logic([&] { m.set_training_data(x, y, 2); }, {"compile"});
  expect_logic([&] { m.compute_gradients(x, y); }, {"compile"});
  expect_logic([&] { m.train_steps(1); }, {"set_training_data"});
  // As in Keras and TF.js, predict works on an uncompiled model.
  const MatrixF p = m.predict(x);
  EXPECT_EQ(p.rows(), 3);
  EXPECT_NEAR(p(0, 0), 0.5f, 1e-6f);  // zero input, zero bias: sigmoid(0)
}

TEST(PredictInto, ActivationsLayout) {
  Model m(2, 3);
  m.add({3, Activation::Tanh});
  m.add({2, Activation::Sigmoid});
  MatrixF x(4, 2);
  x << 1, 2, -1, 0.5, 0, 0, 3, -2;
  MatrixF out(4, 2);
  std::vector<float> acts(size_t(m.neuron_count()) * 4);
  m.predict_into(x, out, acts.data());
  EXPECT_EQ(out, m.predict(x));
  const auto w = m.get_weights();
  const MatrixF h = ((x * w[0]).rowwise() + w[1].row(0)).array().tanh().matrix();
  for (int j = 0; j < 3; ++j)
    for (int i = 0; i < 4; ++i) EXPECT_NEAR(acts[size_t(j * 4 + i)], h(i, j), 1e-6f) << j << "," << i;
  for (int j = 0; j < 2; ++j)
    for (int i = 0; i < 4; ++i) EXPECT_EQ(acts[size_t((3 + j) * 4 + i)], out(i, j));
}

// predict_into's neuron-major path (every layer narrow, not softmax, dropout
// passing through) gives the row-major forward pass's values bit for bit:
// outputs and every neuron's map, for every such activation, widths around the
// packet size, 1 to 16 inputs, and row counts with and without a partial
// packet, across chunks. (Float only: in double the layers keep the row-major path.)
template <class T>
void expect_neuron_major_equals_forward() {
  using M = Matrix<T>;
  struct Net { int in; std::vector<int> units; bool dropout; };
  const std::vector<Net> nets = {{2, {8, 8, 8, 1}, false}, {7, {3, 5, 16, 2}, true}, {1, {1}, false},
                                 {16, {16, 16, 4}, false}, {3, {4, 1}, true}};
  int checked = 0;
  for (Activation g : {Activation::Tanh, Activation::Sigmoid, Activation::Relu, Activation::LeakyRelu,
                       Activation::Elu, Activation::Linear})
    for (const Net& net : nets) {
      Sequential<T> m(net.in, 11);
      for (size_t l = 0; l < net.units.size(); ++l) {
        m.add({net.units[l], l + 1 < net.units.size() ? g : Activation::Sigmoid});
        if (net.dropout && l == 0) m.add("dropout", LayerConfig{{"rate", SettingValue::of(0.5)}});
      }
      for (Eigen::Index n : {1, 3, 5, 1030}) {
        const M x = M::Random(n, net.in) * T(4);
        M out(n, m.output_dim());
        std::vector<T> acts(size_t(m.neuron_count()) * size_t(n));
        m.predict_into(x, out, acts.data());
        for (int l = 0; l < m.layer_count(); ++l)
          ASSERT_NE(m.layer(l).neuron_major(), Layer<T>::NeuronMajor::kNone) << l;
        m.forward_pass(x);  // row-major, in one pass
        size_t neuron = 0;
        for (int l = 0; l < m.layer_count(); ++l) {
          const Layer<T>& layer = m.layer(l);
          for (int u = 0; u < layer.neurons(); ++u, ++neuron)
            for (Eigen::Index r = 0; r < n; ++r)
              ASSERT_EQ(acts[neuron * size_t(n) + size_t(r)], layer.output()[r * layer.units() + u])
                  << name_of(g) << " layer " << l << " unit " << u << " row " << r << " of " << n;
        }
        const Layer<T>& last = m.layer(m.layer_count() - 1);
        ASSERT_EQ(out, Eigen::Map<const M>(last.output(), n, last.units()));
        ASSERT_EQ(m.predict(x), out);
        ++checked;
      }
    }
  EXPECT_EQ(checked, 6 * 5 * 4);
}

TEST(PredictInto, NeuronMajorPathEqualsTheForwardPassBitForBit) {
  expect_neuron_major_equals_forward<float>();
  Sequential<double> in_double(2, 1);
  in_double.add({4, Activation::Tanh});
  in_double.predict(Matrix<double>::Zero(1, 2));
  EXPECT_EQ(in_double.layer(0).neuron_major(), Layer<double>::NeuronMajor::kNone);
  // Softmax (row-wise) has no neuron-major form: such a model keeps the row-major path.
  Model softmax(2, 1);
  softmax.add({4, Activation::Tanh});
  softmax.add({3, Activation::Softmax});
  softmax.predict(MatrixF::Zero(1, 2));
  EXPECT_EQ(softmax.layer(1).neuron_major(), Layer<float>::NeuronMajor::kNone);
}

// More rows than one inference chunk (1024): chunks are stitched correctly.
TEST(PredictInto, LargeInputAcrossChunks) {
  Model m(2, 3);
  m.add({3, Activation::Elu});
  m.add({1, Activation::Linear});
  MatrixF x = MatrixF::Random(2500, 2);
  const MatrixF p = m.predict(x);
  const auto w = m.get_weights();
  const MatrixF z = (x * w[0]).rowwise() + w[1].row(0);
  const MatrixF h = (z.array() > 0).select(z.array(), z.array().exp() - 1).matrix();
  const MatrixF expected = (h * w[2]).rowwise() + w[3].row(0);
  EXPECT_TRUE(p.isApprox(expected, 1e-5f));
  std::vector<float> acts(size_t(m.neuron_count()) * 2500);
  MatrixF out(2500, 1);
  m.predict_into(x, out, acts.data());
  EXPECT_NEAR(acts[size_t(3 * 2500 + 2499)], expected(2499, 0), 1e-5f);
  EXPECT_NEAR(acts[size_t(1 * 2500 + 1500)], h(1500, 1), 1e-6f);
}

}  // namespace
