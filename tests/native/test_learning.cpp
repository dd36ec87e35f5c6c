// End-to-end learning: the engine must actually learn the playground's datasets
// (fixed seeds, stated epoch budgets), and fit / the step API must agree.
// Budgets are kept small so the file also runs quickly under ASan/UBSan Debug.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "nnplay/data.hpp"
#include "nnplay/model.hpp"

using namespace nnplay;

namespace {

Dataset dataset(const std::string& name, int count, uint64_t seed = 1, int classes = 2, double noise = 0.0) {
  DatasetOptions o;
  o.count = count;
  o.seed = seed;
  o.classes = classes;
  o.noise = noise;
  return make_dataset(name, o);
}

OptimizerConfig adam(double lr) {
  OptimizerConfig c = default_optimizer(OptimizerKind::Adam);
  c.learning_rate = lr;
  return c;
}

FitOptions epochs(int n, int batch_size) {
  FitOptions f;
  f.epochs = n;
  f.batch_size = batch_size;
  return f;
}

// XOR's four corners, 2-4-1 tanh/sigmoid, full batch: 100% within 200 epochs.
TEST(Learning, XorFourPoints) {
  MatrixF x(4, 2), y(4, 1);
  x << 0, 0, 0, 1, 1, 0, 1, 1;
  y << 0, 1, 1, 0;
  Model model(2, 1);
  model.add({4, Activation::Tanh});
  model.add({1, Activation::Sigmoid});
  model.compile({LossKind::BinaryCrossentropy, false, adam(0.1)});
  const auto history = model.fit(x, y, epochs(200, 4));
  ASSERT_EQ(history.size(), 200u);
  const auto [loss, accuracy] = model.evaluate(x, y);
  EXPECT_EQ(accuracy, 1.0);
  EXPECT_LT(loss, 0.1);
  const MatrixF p = model.predict(x);
  for (int r = 0; r < 4; ++r) EXPECT_EQ(p(r, 0) > 0.5f, y(r, 0) > 0.5f) << "row " << r;
}

// circle, 200 points, raw (x1, x2): 2-8-1 tanh/sigmoid, 40 epochs of batch 10.
TEST(Learning, CircleAbove95Percent) {
  const Dataset d = dataset("circle", 200);
  Model model(2, 1);
  model.add({8, Activation::Tanh});
  model.add({1, Activation::Sigmoid});
  model.compile({LossKind::BinaryCrossentropy, false, adam(0.03)});
  model.fit(d.x, d.y, epochs(40, 10));
  EXPECT_GE(model.evaluate(d.x, d.y).second, 0.95);
}

// 2-arm spiral, 200 points, raw (x1, x2): 2-16-16-1 tanh/tanh/sigmoid, 300 epochs.
TEST(Learning, TwoArmSpiralAbove95Percent) {
  const Dataset d = dataset("spiral", 200);
  Model model(2, 1);
  model.add({16, Activation::Tanh});
  model.add({16, Activation::Tanh});
  model.add({1, Activation::Sigmoid});
  model.compile({LossKind::BinaryCrossentropy, false, adam(0.02)});
  model.fit(d.x, d.y, epochs(300, 20));
  EXPECT_GE(model.evaluate(d.x, d.y).second, 0.95);
}

// 5 Gaussian blobs, 250 points: 2-8-5 relu/softmax, sparse CCE, 30 epochs.
TEST(Learning, FiveBlobsSoftmaxSparseCce) {
  const Dataset d = dataset("blobs", 250, 1, 5);
  ASSERT_EQ(d.classes, 5);
  Model model(2, 1);
  model.add({8, Activation::Relu});
  model.add({5, Activation::Softmax});
  model.compile({LossKind::SparseCategoricalCrossentropy, false, adam(0.05)});
  model.fit(d.x, d.y, epochs(30, 16));
  EXPECT_GE(model.evaluate(d.x, d.y).second, 0.95);
  // Softmax rows are probability distributions.
  const MatrixF p = model.predict(d.x.topRows(10));
  for (int r = 0; r < 10; ++r) EXPECT_NEAR(p.row(r).sum(), 1.0f, 1e-5f);
}

// plane regression (target (x1 + x2) / 12 in [-1, 1], so variance ~1/6):
// 2-4-1 tanh/linear, MSE below 2e-3 after 40 epochs.
TEST(Learning, PlaneRegressionMse) {
  const Dataset d = dataset("plane", 200);
  ASSERT_EQ(d.problem, Problem::Regression);
  Model model(2, 1);
  model.add({4, Activation::Tanh});
  model.add({1, Activation::Linear});
  CompileConfig cc{LossKind::MeanSquaredError, false, adam(0.02)};
  cc.accuracy = false;
  model.compile(cc);
  const auto history = model.fit(d.x, d.y, epochs(40, 10));
  EXPECT_LT(model.evaluate(d.x, d.y).first, 2e-3);
  EXPECT_LT(history.back().loss, history.front().loss / 10);
}

// Full-batch gradient descent with a small step: the epoch loss (measured
// before each step) falls monotonically.
TEST(Learning, FullBatchLossDecreasesMonotonically) {
  const Dataset d = dataset("circle", 100);
  Model model(2, 7);
  model.add({6, Activation::Tanh});
  model.add({1, Activation::Sigmoid});
  OptimizerConfig sgd = default_optimizer(OptimizerKind::Sgd);
  sgd.learning_rate = 0.1;
  model.compile({LossKind::BinaryCrossentropy, false, sgd});
  FitOptions f = epochs(30, 100);
  f.shuffle = false;
  const auto history = model.fit(d.x, d.y, f);
  ASSERT_EQ(history.size(), 30u);
  for (size_t e = 1; e < history.size(); ++e) EXPECT_LT(history[e].loss, history[e - 1].loss) << "epoch " << e;
  EXPECT_LT(history.back().loss, 0.95 * history.front().loss);
  for (size_t e = 0; e < history.size(); ++e) {
    EXPECT_EQ(history[e].epoch, int(e));
    EXPECT_FALSE(history[e].has_validation);
  }
}

// validationSplit takes the last fraction of the rows (before shuffling), and
// reports their loss and accuracy after every epoch.
TEST(Learning, ValidationSplitReportsValLoss) {
  const Dataset d = dataset("gauss", 100);
  // gauss rows come grouped by label; the last 25 rows are one class only.
  Model model(2, 3);
  model.add({4, Activation::Tanh});
  model.add({1, Activation::Sigmoid});
  model.compile({LossKind::BinaryCrossentropy, false, adam(0.01)});
  FitOptions f = epochs(3, 16);
  f.validation_split = 0.25;
  const auto history = model.fit(d.x, d.y, f);
  ASSERT_EQ(history.size(), 3u);
  for (const auto& logs : history) {
    EXPECT_TRUE(logs.has_validation);
    EXPECT_TRUE(std::isfinite(logs.val_loss));
    EXPECT_GT(logs.val_loss, 0.0);
    EXPECT_GE(logs.val_accuracy, 0.0);
    EXPECT_LE(logs.val_accuracy, 1.0);
  }
  // The last epoch's validation figures are evaluate() on rows 75..99.
  const auto [val_loss, val_accuracy] = model.evaluate(d.x.bottomRows(25), d.y.bottomRows(25));
  EXPECT_DOUBLE_EQ(history.back().val_loss, val_loss);
  EXPECT_DOUBLE_EQ(history.back().val_accuracy, val_accuracy);
  // Only the first 75 rows were trained on: 5 batches of 16 rows (the last 11).
  EXPECT_EQ(model.batches_per_epoch(), 5);

  // Explicit validation data gives the same as the split.
  Model same(2, 3);
  same.add({4, Activation::Tanh});
  same.add({1, Activation::Sigmoid});
  same.compile({LossKind::BinaryCrossentropy, false, adam(0.01)});
  FitOptions g = epochs(3, 16);
  const auto explicit_history = same.fit(d.x.topRows(75), d.y.topRows(75), g, d.x.bottomRows(25), d.y.bottomRows(25));
  ASSERT_EQ(explicit_history.size(), 3u);
  EXPECT_EQ(explicit_history.back().val_loss, history.back().val_loss);
  EXPECT_EQ(explicit_history.back().loss, history.back().loss);

  f.validation_split = 1.0;
  EXPECT_THROW(model.fit(d.x, d.y, f), std::invalid_argument);
  f.validation_split = -0.1;
  EXPECT_THROW(model.fit(d.x, d.y, f), std::invalid_argument);
  f.validation_split = 0.001;  // floor(100 * 0.999) = 99 train rows, 1 validation row: fine
  EXPECT_NO_THROW(model.fit(d.x, d.y, f));
}

TEST(Learning, OnEpochEndReturningFalseStops) {
  const Dataset d = dataset("gauss", 60);
  Model model(2, 1);
  model.add({1, Activation::Sigmoid});
  model.compile({LossKind::BinaryCrossentropy, false, adam(0.01)});
  FitOptions f = epochs(50, 8);
  std::vector<int> seen;
  f.on_epoch_end = [&](const EpochLogs& logs) {
    seen.push_back(logs.epoch);
    return logs.epoch < 2;  // stop after the third epoch
  };
  const auto history = model.fit(d.x, d.y, f);
  EXPECT_EQ(history.size(), 3u);
  EXPECT_EQ(seen, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(model.epoch(), 3);
}

Model* build_for_steps(std::unique_ptr<Model>& holder, uint64_t seed) {
  holder = std::make_unique<Model>(2, seed);
  holder->add({5, Activation::Relu});
  holder->add({3, Activation::Softmax});
  holder->compile({LossKind::SparseCategoricalCrossentropy, false, adam(0.02)});
  return holder.get();
}

// fit, train_epoch and train_steps are the same loop: same seed, same weights,
// bit for bit, including a short last batch (70 rows, batch 16: 4 x 16 + 6).
TEST(Learning, StepApiMatchesFit) {
  const Dataset d = dataset("spiral", 70, 1, 3, 0.2);
  const int kEpochs = 4, kBatch = 16;
  std::unique_ptr<Model> a_holder, b_holder, c_holder;
  Model& a = *build_for_steps(a_holder, 11);
  Model& b = *build_for_steps(b_holder, 11);
  Model& c = *build_for_steps(c_holder, 11);

  const auto history = a.fit(d.x, d.y, epochs(kEpochs, kBatch));

  b.set_training_data(d.x, d.y, kBatch);
  EXPECT_EQ(b.batches_per_epoch(), 5);
  std::vector<EpochLogs> b_logs;
  for (int e = 0; e < kEpochs; ++e) b_logs.push_back(b.train_epoch());

  c.set_training_data(d.x, d.y, kBatch);
  std::vector<float> losses(size_t(kEpochs) * 5);
  int completed = c.train_steps(3, losses.data());  // part of epoch 1
  EXPECT_EQ(completed, 0);
  EXPECT_EQ(c.batch_in_epoch(), 3);
  completed += c.train_steps(kEpochs * 5 - 3, losses.data() + 3);
  EXPECT_EQ(completed, kEpochs);
  EXPECT_EQ(c.epoch(), kEpochs);
  EXPECT_EQ(c.batch_in_epoch(), 0);

  EXPECT_EQ(a.parameters(), b.parameters());
  EXPECT_EQ(a.parameters(), c.parameters());
  for (int e = 0; e < kEpochs; ++e) {
    EXPECT_EQ(history[size_t(e)].loss, b_logs[size_t(e)].loss) << "epoch " << e;
    EXPECT_EQ(history[size_t(e)].accuracy, b_logs[size_t(e)].accuracy);
    EXPECT_EQ(b_logs[size_t(e)].epoch, e);
    // The epoch loss is the batch losses weighted by batch size.
    double weighted = 0;
    for (int s = 0; s < 5; ++s) weighted += double(losses[size_t(e * 5 + s)]) * (s < 4 ? 16 : 6);
    EXPECT_NEAR(history[size_t(e)].loss, weighted / 70, 1e-6) << "epoch " << e;
  }
  // Different seeds diverge (guards against the comparison above being vacuous).
  std::unique_ptr<Model> other_holder;
  Model& other = *build_for_steps(other_holder, 12);
  other.fit(d.x, d.y, epochs(kEpochs, kBatch));
  EXPECT_NE(a.parameters(), other.parameters());
}

TEST(Learning, TrainStepsNeedsDataAndRejectsNegativeSteps) {
  Model model(2, 1);
  model.add({1, Activation::Sigmoid});
  model.compile({LossKind::BinaryCrossentropy, false, adam(0.01)});
  EXPECT_THROW(model.train_steps(1), std::logic_error);
  EXPECT_THROW(model.train_epoch(), std::logic_error);
  MatrixF x(3, 2), y(3, 1);
  x << 1, 2, 3, 4, 5, 6;
  y << 0, 1, 0;
  model.set_training_data(x, y, 2);
  EXPECT_THROW(model.train_steps(-1), std::invalid_argument);
  EXPECT_EQ(model.train_steps(0), 0);
  EXPECT_EQ(model.batches_per_epoch(), 2);
  // A batch larger than the data is clamped to the data: one batch per epoch.
  model.set_training_data(x, y, 100);
  EXPECT_EQ(model.batches_per_epoch(), 1);
  EXPECT_EQ(model.train_steps(2), 2);
}

}  // namespace
