// The model at its edges (issue 10, engine part): sizes refused before anything
// is allocated, model JSON that declares absurd sizes or non-integers, atomic
// setWeights, the model's state after a failed compile, a recompile, and a
// divergence (weights AND optimizer state kept), plus the decisions of issue 16
// that live in the engine (binaryAccuracy on soft targets).
#include <gtest/gtest.h>

#include "expect_error.hpp"
#include "optimizer_config.hpp"

#include <chrono>
#include <cmath>
#include <string>

#include "nnplay/limits.hpp"
#include "nnplay/model.hpp"
#include "nnplay/model_io.hpp"

using namespace nnplay;
using nnplay::test_support::expect_invalid;
using nnplay::test_support::expect_logic;
using nnplay::test_support::optimizer;

namespace {

TEST(Limits, OversizedModelsAreRefusedAtAddBeforeAllocating) {
  // --layers 100000,100000 would be 10^10 parameters.
  Model m(2);
  m.add({60000, Activation::Relu});
  expect_invalid([&] { m.add({60000, Activation::Relu}); }, {"layer 1", "parameters", "limit"});
  expect_invalid([&] { m.add({100000, Activation::Relu}); }, {"units", "[1, 65536]"});
  EXPECT_EQ(m.layer_count(), 1);  // nothing half-added
  expect_invalid([] { Model wide(1000000); }, {"input size", "4096"});
  Model deep(2);
  for (int i = 0; i < limits::kMaxLayers; ++i) deep.add({1, Activation::Linear});
  expect_invalid([&] { deep.add({1, Activation::Linear}); }, {"at most 256 layers"});
}

TEST(Limits, CheckedProduct) {
  EXPECT_EQ(checked_product(1025, 2048 * 2048, int64_t(1) << 40, "grid"), int64_t(1025) * 2048 * 2048);
  expect_invalid([] { checked_product(1025, 2048 * 2048, limits::kMaxElements, "grid activations"); },
                 {"grid activations", "1025 x 4194304", "limit"});
  expect_invalid([] { checked_product(-1, 3, 100, "x"); }, {"negative"});
}

std::string small_model_json() {
  Model m(2, 1);
  m.add({3, Activation::Tanh});
  m.add({1, Activation::Sigmoid});
  m.compile({LossKind::BinaryCrossentropy, false, optimizer(OptimizerKind::Adam, 0.01)});
  return model_to_json(m);
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  const size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? s : s.replace(at, from.size(), to);
}

TEST(ModelJson, HugeDeclaredSizesAreRefusedQuicklyAndBeforeAllocating) {
  // 134 bytes declaring a 1,000,000 x 100 kernel and no weights at all.
  const std::string tiny =
      R"({"format":"nnplay-model","version":1,"inputDim":1000000,"layers":[{"type":"dense","units":100,"activation":"relu"}]})";
  const auto start = std::chrono::steady_clock::now();
  expect_invalid([&] { model_from_json(tiny); }, {"inputDim", "4096"});
  const std::string wide = R"({"format":"nnplay-model","version":1,"inputDim":4096,"layers":[{"units":60000},{"units":60000}]})";
  expect_invalid([&] { model_from_json(wide); }, {"layers[0]", "parameters", "limit"});
  // Sizes that fit but arrays that are missing: the missing kernel is named.
  const std::string missing = R"({"format":"nnplay-model","version":1,"inputDim":2,"layers":[{"units":100}]})";
  expect_invalid([&] { model_from_json(missing); }, {"missing \"kernel\"", "layers[0]"});
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 1.0);
}

TEST(ModelJson, NonIntegersAndNegativeCountersAreRefused) {
  const std::string good = small_model_json();
  ASSERT_NO_THROW(model_from_json(good));
  expect_invalid([&] { model_from_json(replaced(good, "\"units\":3", "\"units\":2.9")); }, {"units", "integer", "2.9"});
  expect_invalid([&] { model_from_json(replaced(good, "\"units\":3", "\"units\":4294967298")); }, {"units", "[1, 65536]"});
  expect_invalid([&] { model_from_json(replaced(good, "\"version\":2", "\"version\":1.7")); }, {"version", "integer", "1.7"});
  expect_invalid([&] { model_from_json(replaced(good, "\"inputDim\":2", "\"inputDim\":2.5")); }, {"inputDim", "integer"});
  expect_invalid([&] { model_from_json(replaced(good, "\"iterations\":0", "\"iterations\":-1")); }, {"iterations", "[0, "});
  expect_invalid([&] { model_from_json(replaced(good, "\"epoch\":0", "\"epoch\":-3")); }, {"epoch", "[0, "});
  expect_invalid([&] { model_from_json(replaced(good, "\"type\":\"dense\"", "\"type\":\"conv\"")); }, {"unknown layer type", "conv"});
  expect_invalid([&] { model_from_json(replaced(good, "\"useBias\":true", "\"useBias\":true,\"kernal\":1")); }, {"unknown key \"kernal\""});
  expect_invalid([&] { model_from_json(std::string(size_t(limits::kMaxJsonBytes) + 1, ' ')); }, {"limit"});
}

TEST(ModelJson, NumbersBeyondFloatRangeAreRefused) {
  // Found by fuzzing: a value beyond float range loaded as Inf, and the model then
  // saved it as null, so its own file no longer loaded. Beyond double it is a parse error.
  const std::string good = small_model_json();
  const auto with_first_bias = [&](const std::string& number) {
    std::string s = good;
    const size_t start = s.find("\"bias\":[") + 8;
    const size_t end = s.find_first_of(",]", start);
    return s.replace(start, end - start, number);
  };
  ASSERT_NO_THROW(model_from_json(with_first_bias("3e38")));
  expect_invalid([&] { model_from_json(with_first_bias("1e39")); }, {"layers[0]", "beyond float range", "1e+39"});
  expect_invalid([&] { model_from_json(with_first_bias("-1e39")); }, {"beyond float range"});
  expect_invalid([&] { model_from_json(with_first_bias("1e999")); }, {"malformed"});
}

TEST(SetWeights, IsAtomic) {
  Model m(2, 1);
  m.add({3, Activation::Tanh});
  m.add({1, Activation::Sigmoid});
  const auto before = m.get_weights();
  auto bad = before;
  for (auto& w : bad) w.setConstant(0.5f);
  bad[2] = MatrixF::Zero(1, 3);  // layer 1's kernel has the wrong shape
  expect_invalid([&] { m.set_weights(bad); }, {"layer 1 kernel", "[3, 1]"});
  EXPECT_EQ(m.get_weights(), before);  // layer 0 was not overwritten
}

TEST(Compile, AFailedCompileLeavesTheModelOpen) {
  Model m(2, 1);
  m.add({1, Activation::Sigmoid});
  expect_invalid([&] { m.compile({LossKind::SparseCategoricalCrossentropy, false, optimizer(OptimizerKind::Adam, 0.01)}); },
                 {"at least 2 units"});
  expect_invalid([&] { m.compile({LossKind::BinaryCrossentropy, false, optimizer(OptimizerKind::Adam, -1)}); },
                 {"learningRate"});
  EXPECT_FALSE(m.compiled());
  EXPECT_NO_THROW(m.add({1, Activation::Sigmoid}));  // not "already built"
  EXPECT_EQ(m.layer_count(), 2);
}

TEST(Compile, RecompileRechecksTheTrainingData) {
  Model m(2, 1);
  m.add({3, Activation::Softmax});
  m.compile({LossKind::MeanSquaredError, false, optimizer(OptimizerKind::Sgd, 0.1)});
  MatrixF x = MatrixF::Ones(4, 2), y(4, 3);
  y.setConstant(7.5f);
  MatrixF labels(4, 1);
  labels << 0, 1, 7.5f, 2e9f;
  m.set_training_data(x, labels.replicate(1, 3), 2);
  m.train_steps(1);
  // The same [n, 3] data cannot be class indices: training says why.
  m.compile({LossKind::SparseCategoricalCrossentropy, false, optimizer(OptimizerKind::Sgd, 0.1)});
  expect_logic([&] { m.train_steps(1); }, {"cleared", "sparseCategoricalCrossentropy", "[n, 1]"});
  // Labels 7.5 and 2e9 as [n, 1] are refused, never cast to an index.
  expect_invalid([&] { m.set_training_data(x, labels, 2); }, {"row 2", "class index 7.5"});
  labels(2, 0) = 2;
  expect_invalid([&] { m.set_training_data(x, labels, 2); }, {"row 3", "class index 2e9"});
}

TEST(Compile, BinaryCrossentropyTargetsMustBeProbabilities) {
  Model m(2, 1);
  m.add({1, Activation::Sigmoid});
  m.compile({LossKind::BinaryCrossentropy, false, optimizer(OptimizerKind::Sgd, 0.1)});
  MatrixF x = MatrixF::Ones(3, 2), y(3, 1);
  y << 0, 1, 7;
  expect_invalid([&] { m.set_training_data(x, y, 2); }, {"y row 2, column 0: 7 is not a valid binaryCrossentropy target", "[0, 1]"});
  y(2, 0) = 0.25f;  // soft targets are fine
  EXPECT_NO_THROW(m.set_training_data(x, y, 2));
}

// Divergence keeps the optimizer's state too: slots, step count, Adam's powers.
TEST(Divergence, KeepsTheOptimizerStateExactly) {
  for (OptimizerKind kind : all_optimizers()) {
    SCOPED_TRACE(name_of(kind));
    Model m(2, 1);
    m.add({8, Activation::Relu});
    m.add({1, Activation::Linear});
    m.compile({LossKind::MeanSquaredError, false, optimizer(kind, kind == OptimizerKind::Sgd ? 1e38 : 1e36)});
    MatrixF x(32, 2), y(32, 1);
    Random rng(1);
    for (int i = 0; i < 32; ++i) {
      x(i, 0) = float(rng.uniform(-3, 3));
      x(i, 1) = float(rng.uniform(-3, 3));
      y(i, 0) = float(1e30 * (x(i, 0) - 2 * x(i, 1)));
    }
    m.set_training_data(x, y, 8);
    VectorF params, slots[3];
    int64_t iterations = -1;
    bool diverged = false;
    for (int step = 0; step < 200 && !diverged; ++step) {
      params = m.parameters();
      for (int s = 0; s < 3; ++s) slots[s] = m.optimizer().slot(s);
      iterations = m.optimizer().iterations();
      try {
        m.train_steps(1);
      } catch (const DivergedError&) {
        diverged = true;
      }
    }
    ASSERT_TRUE(diverged);
    EXPECT_EQ(m.parameters(), params);
    for (int s = 0; s < 3; ++s) EXPECT_EQ(m.optimizer().slot(s), slots[s]) << "slot " << s;
    EXPECT_EQ(m.optimizer().iterations(), iterations);
    for (int s = 0; s < 3; ++s) EXPECT_TRUE(m.optimizer().slot(s).allFinite());
  }
}

// Issue 16.5: TF.js's binaryAccuracy: threshold the prediction at 0.5 and
// compare it with the target for equality; a soft target never matches.
TEST(Accuracy, BinaryAccuracyComparesTheThresholdedPredictionForEquality) {
  Model m(1, 1);
  DenseConfig c{1, Activation::Sigmoid};
  m.add(c);
  m.compile({LossKind::BinaryCrossentropy, false, optimizer(OptimizerKind::Sgd, 0.1)});
  MatrixF kernel(1, 1), bias(1, 1);
  kernel << 10;
  bias << 0;
  m.set_weights({kernel, bias});
  MatrixF x(4, 1), y(4, 1);
  x << 1, -1, 1, 1;      // predictions ~1, ~0, ~1, ~1
  y << 1, 0, 0.7f, 0;    // right, right, soft (never equal), wrong
  EXPECT_DOUBLE_EQ(m.evaluate(x, y).second, 0.5);
}

// Issue 16.2: predict before compile initializes the weights, as Keras does;
// fit and evaluate still need compile.
TEST(Predict, WorksBeforeCompile) {
  Model m(2, 3);
  m.add({4, Activation::Tanh});
  m.add({1, Activation::Sigmoid});
  const MatrixF p = m.predict(MatrixF::Ones(2, 2));
  EXPECT_TRUE(p.allFinite());
  expect_logic([&] { m.evaluate(MatrixF::Ones(2, 2), MatrixF::Zero(2, 1)); }, {"compile"});
  m.compile({LossKind::BinaryCrossentropy, false, optimizer(OptimizerKind::Sgd, 0.1)});
  EXPECT_EQ(m.predict(MatrixF::Ones(2, 2)), p);  // compiling kept the weights
}

}  // namespace
