// The layer interface and registry, and the Dropout layer that proves it:
// inverted dropout while training, identity at inference, seeded masks, its
// gradient with a fixed mask against central differences, JSON round trips and
// bit-identical resumption with its random state.
#include <gtest/gtest.h>

#include "expect_error.hpp"

#include <cmath>
#include <memory>
#include <string>

#include "nnplay/model.hpp"
#include "nnplay/model_io.hpp"

using namespace nnplay;
using nnplay::test_support::expect_invalid;

namespace {

OptimizerConfig sgd(double lr) {
  OptimizerConfig c = default_optimizer(OptimizerKind::Sgd);
  c.learning_rate = lr;
  return c;
}

LayerConfig dropout(double rate) { return {{"rate", SettingValue::of(rate)}}; }

MatrixF random_matrix(Eigen::Index rows, Eigen::Index cols, uint64_t seed) {
  Random rng(seed);
  MatrixF m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = float(rng.normal());
  return m;
}

TEST(Registry, ListsTheLayerTypesWithTheirSettings) {
  std::vector<std::string> names;
  for (const LayerType* t : layer_types()) names.push_back(t->name);
  EXPECT_NE(std::find(names.begin(), names.end(), "dense"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "dropout"), names.end());
  const LayerType& d = layer_type("Dropout");  // names fold like the other vocabularies
  EXPECT_STREQ(d.class_name, "Dropout");
  ASSERT_EQ(d.settings.size(), 2u);
  EXPECT_STREQ(d.settings[0].name, "rate");
  expect_invalid([] { layer_type("conv2d"); }, {"unknown layer type", "conv2d", "dense", "dropout"});
}

TEST(Registry, SettingsAreValidatedWithClearMessages) {
  expect_invalid([] { make_layer<float>("dropout", dropout(1.0)); }, {"layers.dropout", "rate", "[0, 1)", "got 1"});
  expect_invalid([] { make_layer<float>("dropout", dropout(-0.1)); }, {"rate", "got -0.1"});
  expect_invalid([] { make_layer<float>("dropout", dropout(std::nan(""))); }, {"rate", "must be a number"});
  expect_invalid([] { make_layer<float>("dropout", {{"rate", SettingValue::of("half")}}); }, {"rate", "a number", "\"half\""});
  expect_invalid([] { make_layer<float>("dropout", {{"rte", SettingValue::of(0.5)}}); }, {"unknown setting \"rte\"", "rate, seed"});
  expect_invalid([] { make_layer<float>("dense", {{"units", SettingValue::of(2.9)}}); }, {"units", "an integer", "2.9"});
  expect_invalid([] { make_layer<float>("dense", {{"units", SettingValue::of(4294967298.0)}}); }, {"units", "[1, 65536]"});
  expect_invalid([] { make_layer<float>("dense", {{"units", SettingValue::of(2.0)}, {"activation", SettingValue::of("swish")}}); },
                 {"activation", "unknown activation \"swish\"", "relu"});
  // Defaults are filled in and names come back canonical.
  auto layer = make_layer<float>("dense", {{"units", SettingValue::of(3.0)}, {"activation", SettingValue::of("RELU")}});
  EXPECT_EQ(layer->config().text("activation"), "relu");
  EXPECT_EQ(layer->config().text("kernelInitializer"), "glorotUniform");
  EXPECT_TRUE(layer->config().flag("useBias"));
}

TEST(Dropout, IdentityAtInferenceAndInEvaluate) {
  Sequential<float> with(2, 3), without(2, 3);
  with.add({5, Activation::Tanh});
  with.add("dropout", dropout(0.5));
  with.add({1, Activation::Sigmoid});
  without.add({5, Activation::Tanh});
  without.add({1, Activation::Sigmoid});
  EXPECT_EQ(with.parameter_count(), without.parameter_count());
  EXPECT_EQ(with.neuron_count(), without.neuron_count());  // dropout has no neurons
  // Same seed, same Dense weights: dropout draws nothing from the weights' generator.
  ASSERT_EQ(with.get_weights().size(), without.get_weights().size());
  for (size_t i = 0; i < with.get_weights().size(); ++i) EXPECT_EQ(with.get_weights()[i], without.get_weights()[i]);
  const MatrixF x = random_matrix(40, 2, 7);
  EXPECT_EQ(with.predict(x), without.predict(x));
  CompileConfig cc{LossKind::BinaryCrossentropy, false, sgd(0.1)};
  with.compile(cc);
  without.compile(cc);
  MatrixF y(40, 1);
  for (int i = 0; i < 40; ++i) y(i, 0) = float(i % 2);
  EXPECT_EQ(with.evaluate(x, y), without.evaluate(x, y));
}

TEST(Dropout, TrainingDropsAboutRateAndScalesTheRest) {
  // A linear pass-through: x -> dropout -> Dense(identity kernel, no bias); the
  // gradient of MSE w.r.t. the kernel shows which inputs were kept, and by how much.
  const int width = 200, rows = 50;
  const double rate = 0.3;
  Sequential<double> m(width, 11);
  m.add("dropout", dropout(rate));
  DenseConfig identity{width, Activation::Linear};
  identity.use_bias = false;
  m.add(identity);
  m.compile({LossKind::MeanSquaredError, false, sgd(0.1)});
  m.set_weights({Matrix<double>::Identity(width, width)});
  const Matrix<double> x = Matrix<double>::Ones(rows, width);
  const Matrix<double> y = Matrix<double>::Zero(rows, width);
  // Loss = mean of (mask)^2 over all entries: each kept entry is 1/(1-rate).
  const double loss = m.compute_gradients(x, y, /*training=*/true);
  // E[loss] = (1 - rate) / (1 - rate)^2 = 1 / (1 - rate); kept fraction from the loss:
  const double kept = loss * (1 - rate) * (1 - rate);
  EXPECT_NEAR(kept, 1 - rate, 0.02);  // 10,000 draws: 4.6 standard deviations
  // Without training, the same pass has every entry: loss exactly 1.
  EXPECT_DOUBLE_EQ(m.compute_gradients(x, y, /*training=*/false), 1.0);
}

// The gradient through dropout with the mask held fixed (the layer's generator
// is restored before every evaluation), against central differences.
TEST(Dropout, GradientWithAFixedMaskMatchesCentralDifferences) {
  Sequential<double> m(3, 5);
  m.add({6, Activation::Tanh});
  m.add("dropout", dropout(0.4));
  m.add({2, Activation::Sigmoid});
  m.compile({LossKind::BinaryCrossentropy, false, sgd(0.1)});
  Random rng(9);
  Vector<double>& p = m.parameters();
  for (Eigen::Index i = 0; i < p.size(); ++i) p[i] = rng.uniform(-1.0, 1.0);
  Matrix<double> x(5, 3), y(5, 2);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = rng.normal();
  for (Eigen::Index i = 0; i < y.size(); ++i) y.data()[i] = rng.uniform() < 0.5 ? 0.0 : 1.0;

  const TrainingState mask_state = m.training_state();
  auto loss = [&] {
    m.restore_training_state(mask_state);
    return m.compute_gradients(x, y, /*training=*/true);
  };
  loss();
  const Vector<double> analytic = m.gradients();
  // The mask really drops something in this batch, and the check is not vacuous.
  const double inference_loss = m.compute_gradients(x, y, false);
  EXPECT_NE(loss(), inference_loss);
  EXPECT_GT(analytic.norm(), 1e-3);
  double worst = 0;
  for (Eigen::Index i = 0; i < p.size(); ++i) {
    const double saved = p[i];
    p[i] = saved + 1e-5;
    const double plus = loss();
    p[i] = saved - 1e-5;
    const double minus = loss();
    p[i] = saved;
    const double numeric = (plus - minus) / 2e-5;
    worst = std::max(worst, std::abs(analytic[i] - numeric) / std::max(std::abs(analytic[i]) + std::abs(numeric), 1e-4));
  }
  EXPECT_LT(worst, 1e-6);
}

std::unique_ptr<Model> dropout_model(uint64_t seed, const LayerConfig& drop) {
  auto m = std::make_unique<Model>(2, seed);
  m->add({8, Activation::Relu});
  m->add("dropout", drop);
  m->add({1, Activation::Sigmoid});
  m->compile({LossKind::BinaryCrossentropy, false, default_optimizer(OptimizerKind::Adam)});
  return m;
}

void circle(MatrixF& x, MatrixF& y) {
  x = random_matrix(64, 2, 3);
  y.resize(64, 1);
  for (int i = 0; i < 64; ++i) y(i, 0) = x.row(i).norm() < 1.2f ? 1.0f : 0.0f;
}

TEST(Dropout, SeededAndDeterministic) {
  MatrixF x, y;
  circle(x, y);
  auto run = [&](uint64_t model_seed, const LayerConfig& drop) {
    auto m = dropout_model(model_seed, drop);
    m->set_training_data(x, y, 16);
    m->train_steps(20);
    return VectorF(m->parameters());
  };
  EXPECT_EQ(run(1, dropout(0.5)), run(1, dropout(0.5)));
  EXPECT_NE(run(1, dropout(0.5)), run(2, dropout(0.5)));
  LayerConfig seeded = dropout(0.5);
  seeded.set("seed", SettingValue::of(77.0));
  LayerConfig other = dropout(0.5);
  other.set("seed", SettingValue::of(78.0));
  EXPECT_EQ(run(1, seeded), run(1, seeded));
  EXPECT_NE(run(1, seeded), run(1, other));  // its own seed drives the masks
  EXPECT_NE(run(1, dropout(0.5)), run(1, dropout(0.0)));
}

TEST(Dropout, SavedAndLoadedWithItsConfigAndShownInTheSummary) {
  LayerConfig drop = dropout(0.25);
  drop.set("seed", SettingValue::of(12.0));
  auto m = dropout_model(4, drop);
  const std::string json = model_to_json(*m);
  EXPECT_NE(json.find("\"type\":\"dropout\",\"rate\":0.25,\"seed\":12"), std::string::npos) << json;
  auto loaded = model_from_json(json);
  ASSERT_EQ(loaded->layer_count(), 3);
  EXPECT_STREQ(loaded->layer(1).type(), "dropout");
  EXPECT_EQ(loaded->layer(1).config().number("rate"), 0.25);
  EXPECT_EQ(model_to_json(*loaded), json);
  const std::string summary = loaded->summary();
  EXPECT_NE(summary.find("dense_1 (Dense)"), std::string::npos) << summary;
  EXPECT_NE(summary.find("dropout_1 (Dropout)"), std::string::npos) << summary;
  EXPECT_NE(summary.find("dense_2 (Dense)"), std::string::npos) << summary;
  expect_invalid([&] { model_from_json(json.substr(0, json.find("\"rate\":0.25")) + "\"rate\":1.5" + json.substr(json.find("\"rate\":0.25") + 11)); },
                 {"layers[1]", "rate", "got 1.5"});
}

// Saved mid-epoch with shuffling and dropout, loaded, given the data again:
// the run goes on exactly as the uninterrupted one.
TEST(Resume, MidEpochWithShuffleAndDropoutIsBitIdentical) {
  MatrixF x, y;
  circle(x, y);
  auto straight = dropout_model(6, dropout(0.3));
  straight->set_training_data(x, y, 10);  // 7 batches per epoch
  straight->train_steps(17);              // 2 epochs and 3 batches
  const std::string saved = model_to_json(*straight);
  straight->train_steps(25);

  auto resumed = model_from_json(saved);
  EXPECT_EQ(resumed->epoch(), 2);
  resumed->set_training_data(x, y, 10);
  EXPECT_EQ(resumed->batch_in_epoch(), 3);
  resumed->train_steps(25);
  EXPECT_EQ(resumed->parameters(), straight->parameters());
  EXPECT_EQ(resumed->epoch(), straight->epoch());
  EXPECT_EQ(resumed->last_epoch_logs().loss, straight->last_epoch_logs().loss);
  for (int s = 0; s < 2; ++s) EXPECT_EQ(resumed->optimizer().slot(s), straight->optimizer().slot(s));

  // Other data (or batch size) starts a fresh epoch instead.
  auto other = model_from_json(saved);
  other->set_training_data(x.topRows(50), y.topRows(50), 10);
  EXPECT_EQ(other->batch_in_epoch(), 0);
}

TEST(Resume, Version1FilesStillLoad) {
  auto m = dropout_model(2, dropout(0.1));
  std::string json = model_to_json(*m);
  // A version-1 file: no dropout then, no "training" block.
  auto v1 = std::make_unique<Model>(2, 2);
  v1->add({3, Activation::Tanh});
  v1->add({1, Activation::Sigmoid});
  std::string text = model_to_json(*v1, false);
  text.replace(text.find("\"version\":2"), 11, "\"version\":1");
  auto loaded = model_from_json(text);
  EXPECT_EQ(loaded->get_weights(), v1->get_weights());
}

}  // namespace
