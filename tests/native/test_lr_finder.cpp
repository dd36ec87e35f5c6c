// The learning-rate finder (lr_finder.hpp): it leaves the model exactly as it
// was (weights, optimizer slots and step count, learning rate, training
// position, shuffle and dropout generators: the saved JSON is byte-identical
// and training goes on bit for bit as a twin's), its curve rises
// exponentially from minLr, it stops when the loss blows up, its suggestion
// trains, the suggestion rule on a hand-made curve, and its errors.
#include <gtest/gtest.h>

#include "expect_error.hpp"

#include <cmath>
#include <memory>
#include <vector>

#include "nnplay/data.hpp"
#include "nnplay/lr_finder.hpp"
#include "nnplay/model_io.hpp"

using namespace nnplay;
using nnplay::test_support::expect_invalid;
using nnplay::test_support::expect_logic;

namespace {

// Circle data: two classes, 200 points.
void circle(MatrixF& x, MatrixF& y) {
  DatasetOptions o;
  o.count = 200;
  o.noise = 0.1;
  o.seed = 3;
  const Dataset d = make_dataset("circle", o);
  x = d.x;
  y = d.y;
}

// A model with everything that has state: Adam slots, regularization, dropout,
// trained to the middle of an epoch.
std::unique_ptr<Model> busy_model(const MatrixF& x, const MatrixF& y, OptimizerKind kind = OptimizerKind::Adam) {
  auto m = std::make_unique<Model>(2, 11);
  DenseConfig hidden{8, Activation::Tanh};
  hidden.l2 = 0.001;
  m->add(hidden);
  m->add("dropout", {{"rate", SettingValue::of(0.2)}});
  m->add({1, Activation::Sigmoid});
  OptimizerConfig opt = default_optimizer(kind);
  opt.learning_rate = 0.01;
  m->compile({LossKind::BinaryCrossentropy, false, opt});
  m->set_training_data(x, y, 16);
  m->train_steps(20);  // one epoch (13 batches) and 7 into the next
  return m;
}

}  // namespace

TEST(LrFinder, LeavesTheModelExactlyAsItWas) {
  MatrixF x, y;
  circle(x, y);
  for (OptimizerKind kind : {OptimizerKind::Adam, OptimizerKind::Momentum, OptimizerKind::Sgd}) {
    auto model = busy_model(x, y, kind);
    auto twin = busy_model(x, y, kind);
    const std::string before = model_to_json(*model);
    const VectorF params = model->parameters();
    LrFinderOptions o;
    o.steps = 120;
    const LrFinderResult r = find_learning_rate(*model, x, y, o);
    EXPECT_GT(r.learning_rates.size(), 20u);
    // Everything saved is the same: weights, optimizer slots and step count, learning rate, position, generators.
    EXPECT_EQ(model_to_json(*model), before) << name_of(kind);
    EXPECT_EQ(model->parameters(), params);
    EXPECT_EQ(model->optimizer().config().learning_rate, 0.01);
    EXPECT_EQ(model->batch_in_epoch(), 7);
    EXPECT_EQ(model->epoch(), 1);
    // ... and what is not saved either: training goes on exactly as the twin's.
    std::vector<float> a(30), b(30);
    model->train_steps(30, a.data());
    twin->train_steps(30, b.data());
    EXPECT_EQ(a, b) << name_of(kind);
    EXPECT_EQ(model->parameters(), twin->parameters());
  }
}

TEST(LrFinder, RaisesTheRateExponentiallyAndStopsWhenTheLossBlowsUp) {
  MatrixF x, y;
  circle(x, y);
  auto model = busy_model(x, y, OptimizerKind::Sgd);
  LrFinderOptions o;
  o.min_lr = 1e-4;
  o.max_lr = 1e4;  // SGD at 10^4 blows any network up
  o.steps = 200;
  const LrFinderResult r = find_learning_rate(*model, x, y, o);
  ASSERT_GE(r.learning_rates.size(), 10u);
  EXPECT_TRUE(r.diverged);
  EXPECT_LT(r.learning_rates.size(), 200u);
  EXPECT_EQ(r.learning_rates.size(), r.losses.size());
  EXPECT_EQ(r.learning_rates.size(), r.raw_losses.size());
  EXPECT_DOUBLE_EQ(r.learning_rates[0], 1e-4);
  // step i is at min * (max/min)^(i / (steps - 1)): a factor of 10^(8/199) each
  for (size_t i = 1; i < r.learning_rates.size(); ++i)
    EXPECT_NEAR(r.learning_rates[i] / r.learning_rates[i - 1], std::pow(1e8, 1.0 / 199), 1e-9);
  // the smoothed loss is bias-corrected: its first value is the first batch's loss
  EXPECT_DOUBLE_EQ(r.losses[0], r.raw_losses[0]);
  // the last point is past 4x the lowest smoothed loss (or non-finite next)
  double lowest = r.losses[0];
  for (double v : r.losses) lowest = std::min(lowest, v);
  EXPECT_GT(r.losses.back(), 4 * lowest * 0.999);
  // the suggestion lies before the lowest point, on a falling stretch
  ASSERT_GE(r.suggestion_index, 1);
  const size_t at = size_t(r.suggestion_index);
  EXPECT_DOUBLE_EQ(r.suggestion, r.learning_rates[at]);
  EXPECT_LT(r.losses[at + 1], r.losses[at - 1]);
}

TEST(LrFinder, TheSuggestionTrains) {
  MatrixF x, y;
  circle(x, y);
  auto probe = busy_model(x, y, OptimizerKind::Adam);
  const LrFinderResult r = find_learning_rate(*probe, x, y, {});
  ASSERT_TRUE(std::isfinite(r.suggestion));
  EXPECT_GT(r.suggestion, 1e-5);
  EXPECT_LT(r.suggestion, 10);
  // A fresh model trained 60 epochs at the suggestion beats the same at the lowest rate tried.
  auto train = [&](double lr) {
    Model m(2, 11);
    m.add({8, Activation::Tanh});
    m.add({1, Activation::Sigmoid});
    OptimizerConfig opt = default_optimizer(OptimizerKind::Adam);
    opt.learning_rate = lr;
    m.compile({LossKind::BinaryCrossentropy, false, opt});
    FitOptions f;
    f.epochs = 60;
    f.batch_size = 16;
    m.fit(x, y, f);
    return m.evaluate(x, y);
  };
  const auto [loss, accuracy] = train(r.suggestion);
  const auto [slow_loss, slow_accuracy] = train(1e-5);
  EXPECT_LT(loss, 0.5 * slow_loss);
  EXPECT_GT(accuracy, 0.9);
  (void)slow_accuracy;
}

TEST(LrFinder, SteepestDescentOnAHandMadeCurve) {
  std::vector<double> lrs;
  for (int i = 0; i < 9; ++i) lrs.push_back(std::pow(10.0, -5 + i));
  // central differences: 0, -.1, -.5, -.7, -.4, -.05 at i = 1..6; the lowest loss is at 6
  const std::vector<double> losses{1, 1, 1, 0.9, 0.5, 0.2, 0.1, 0.15, 3};
  EXPECT_EQ(steepest_descent_index(lrs, losses), 4);
  // a curve that never falls has nothing to suggest
  EXPECT_EQ(steepest_descent_index(lrs, {1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8}), -1);
  EXPECT_EQ(steepest_descent_index({1e-3, 1e-2}, {1, 0.5}), -1);
}

TEST(LrFinder, RejectsBadOptionsAndData) {
  MatrixF x, y;
  circle(x, y);
  auto model = busy_model(x, y);
  auto with = [&](auto edit) {
    LrFinderOptions o;
    edit(o);
    return [&model, &x, &y, o] { find_learning_rate(*model, x, y, o); };
  };
  expect_invalid(with([](LrFinderOptions& o) { o.min_lr = 0; }), {"findLearningRate: minLr must be a number > 0", "got 0"});
  expect_invalid(with([](LrFinderOptions& o) { o.max_lr = 1e-6; }), {"maxLr must be a number > minLr (1e-5)", "got 1e-6"});
  expect_invalid(with([](LrFinderOptions& o) { o.steps = 1; }), {"steps must be an integer in 2..10000", "got 1"});
  expect_invalid(with([](LrFinderOptions& o) { o.batch_size = 0; }), {"batchSize must be at least 1"});
  const MatrixF wide(5, 3);
  expect_invalid([&] { find_learning_rate(*model, wide, y.topRows(5)); }, {"x must have 2 columns", "[5, 3]"});
  Model fresh(2, 1);
  fresh.add({1, Activation::Sigmoid});
  expect_logic([&] { find_learning_rate(fresh, x, y); }, {"findLearningRate needs a compiled model"});
}
