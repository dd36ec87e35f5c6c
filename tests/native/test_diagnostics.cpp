// Diagnostics (diagnostics.hpp, issue 13): gradient norms against central
// differences, dead units on a network built by hand, the optimizer's step
// size, activations against a hand forward pass, the hidden space's decision
// line, histograms, the loss surface's centre against evaluate(), filter
// normalization, the path's projection, and that no call changes the model
// (weights, optimizer, epoch and random state; training continues bit for bit).
#include <gtest/gtest.h>

#include "expect_error.hpp"

#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <vector>

#include "nnplay/diagnostics.hpp"
#include "nnplay/model.hpp"

using namespace nnplay;
using nnplay::test_support::expect_invalid;
using nnplay::test_support::expect_logic;

namespace {

template <class T>
void sample_data(int n, uint64_t seed, Matrix<T>& x, Matrix<T>& y) {
  Random rng(seed);
  x.resize(n, 2);
  y.resize(n, 1);
  for (int i = 0; i < n; ++i) {
    x(i, 0) = T(rng.uniform(-2, 2));
    x(i, 1) = T(rng.uniform(-2, 2));
    y(i, 0) = T(x(i, 0) * x(i, 1) > 0 ? 1 : 0);
  }
}

LayerConfig dense(int units, const char* activation, const char* init = "glorotUniform", double l2 = 0) {
  return {{"units", SettingValue::of(double(units))},
          {"activation", SettingValue::of(activation)},
          {"kernelInitializer", SettingValue::of(init)},
          {"l2", SettingValue::of(l2)}};
}
LayerConfig dropout(double rate) { return {{"rate", SettingValue::of(rate)}}; }

// A model of Dense layers {units, activation}, compiled with SGD and BCE.
std::unique_ptr<Model> dense_stack(uint64_t seed, std::vector<std::pair<int, const char*>> layers, double lr) {
  auto m = std::make_unique<Model>(2, seed);
  for (const auto& [units, activation] : layers) m->add("dense", dense(units, activation));
  CompileConfig c;
  c.loss = LossKind::BinaryCrossentropy;
  c.optimizer = default_optimizer(OptimizerKind::Sgd);
  c.optimizer.learning_rate = lr;
  m->compile(c);
  return m;
}

CompileConfig compile_with(OptimizerKind kind, double lr, LossKind loss = LossKind::BinaryCrossentropy) {
  CompileConfig c;
  c.loss = loss;
  c.optimizer = default_optimizer(kind);
  c.optimizer.learning_rate = lr;
  return c;
}

// 2 -> 5 tanh (L2) -> dropout -> 4 elu -> 1 sigmoid, BCE: regularization, a
// layer without neurons and the fused output all take part.
template <class T>
std::unique_ptr<Sequential<T>> mixed_model(uint64_t seed, OptimizerKind kind = OptimizerKind::Adam) {
  auto m = std::make_unique<Sequential<T>>(2, seed);
  m->add("dense", dense(5, "tanh", "glorotUniform", 0.01));
  m->add("dropout", dropout(0.3));
  m->add("dense", dense(4, "elu"));
  m->add("dense", dense(1, "sigmoid"));
  m->compile(compile_with(kind, 0.05));
  return m;
}

// Central differences of evaluate()'s loss (regularization included) for the
// parameters [offset, offset + size).
double numeric_norm(Sequential<double>& m, const Matrix<double>& x, const Matrix<double>& y, int64_t offset,
                    int64_t size) {
  Vector<double>& p = m.parameters();
  double sum = 0;
  for (int64_t i = offset; i < offset + size; ++i) {
    const double keep = p[i], h = 1e-5;
    p[i] = keep + h;
    const double up = m.evaluate(x, y).first;
    p[i] = keep - h;
    const double down = m.evaluate(x, y).first;
    p[i] = keep;
    const double g = (up - down) / (2 * h);
    sum += g * g;
  }
  return std::sqrt(sum);
}

// Everything a diagnostic must leave as it was.
struct Snapshot {
  Vector<float> params;
  Vector<float> slots[3];
  int64_t iterations;
  int epoch, batch;
  TrainingState state;
  explicit Snapshot(Model& m)
      : params(m.parameters()),
        slots{m.optimizer().slot(0), m.optimizer().slot(1), m.optimizer().slot(2)},
        iterations(m.optimizer().iterations()),
        epoch(m.epoch()),
        batch(m.batch_in_epoch()),
        state(m.training_state()) {}
  void expect_same(Model& m, const char* after) const {
    EXPECT_TRUE((m.parameters().array() == params.array()).all()) << "weights changed by " << after;
    for (int i = 0; i < 3; ++i)
      EXPECT_TRUE((m.optimizer().slot(i).array() == slots[i].array()).all()) << "optimizer slot changed by " << after;
    EXPECT_EQ(m.optimizer().iterations(), iterations) << after;
    EXPECT_EQ(m.epoch(), epoch) << after;
    EXPECT_EQ(m.batch_in_epoch(), batch) << after;
    const TrainingState now = m.training_state();
    EXPECT_EQ(now.shuffle_rng, state.shuffle_rng) << after;
    EXPECT_EQ(now.layer_random, state.layer_random) << after;
  }
};

}  // namespace

TEST(LayerStats, GradientNormsMatchCentralDifferences) {
  auto m = mixed_model<double>(3);
  Matrix<double> x, y;
  sample_data(60, 11, x, y);
  const std::vector<LayerStats> stats = layer_stats(*m, x, y);
  ASSERT_EQ(stats.size(), 3u);  // the dropout layer has no entry
  EXPECT_EQ(stats[0].layer, 0);
  EXPECT_EQ(stats[1].layer, 2);
  EXPECT_EQ(stats[2].layer, 3);
  // Parameter offsets: kernel [2,5], bias 5, kernel [5,4], bias 4, kernel [4,1], bias 1.
  const int64_t kernels[3][2] = {{0, 10}, {15, 20}, {39, 4}};
  const int64_t biases[3][2] = {{10, 5}, {35, 4}, {43, 1}};
  for (int l = 0; l < 3; ++l) {
    const double numeric = numeric_norm(*m, x, y, kernels[l][0], kernels[l][1]);
    EXPECT_NEAR(stats[size_t(l)].gradient_norm, numeric, 1e-7 * std::max(1.0, numeric)) << "layer " << l;
    EXPECT_GT(stats[size_t(l)].gradient_norm, 1e-4) << "layer " << l;
    const double bias = numeric_norm(*m, x, y, biases[l][0], biases[l][1]);
    EXPECT_NEAR(stats[size_t(l)].bias_gradient_norm, bias, 1e-7 * std::max(1.0, bias)) << "layer " << l;
    const double w = m->parameters().segment(kernels[l][0], kernels[l][1]).norm();
    EXPECT_NEAR(stats[size_t(l)].weight_norm, w, 1e-12);
  }
}

TEST(LayerStats, ChunkedRowsGiveTheWholeBatchGradient) {
  // 2500 rows run in chunks of kDiagnosticRows; compute_gradients does them in one pass.
  auto m = mixed_model<double>(5);
  Matrix<double> x, y;
  sample_data(2500, 2, x, y);
  ASSERT_GT(x.rows(), kDiagnosticRows);
  const std::vector<LayerStats> stats = layer_stats(*m, x, y);
  m->compute_gradients(x, y);
  const Vector<double> g = m->gradients();
  EXPECT_NEAR(stats[0].gradient_norm, g.segment(0, 10).norm(), 1e-12);
  EXPECT_NEAR(stats[1].gradient_norm, g.segment(15, 20).norm(), 1e-12);
  EXPECT_NEAR(stats[2].gradient_norm, g.segment(39, 4).norm(), 1e-12);
}

TEST(LayerStats, UpdateRatioIsTheOptimizersNextStep) {
  Matrix<float> x, y;
  sample_data(50, 4, x, y);
  {  // SGD: the step is lr * gradient
    auto m = mixed_model<float>(7, OptimizerKind::Sgd);
    const auto stats = layer_stats(*m, x, y);
    for (const LayerStats& s : stats)
      EXPECT_NEAR(s.update_ratio, 0.05 * s.gradient_norm / s.weight_norm, 1e-5 * s.update_ratio);
  }
  {  // Adam's first step moves every weight by about lr, whatever its gradient
    auto m = mixed_model<float>(7, OptimizerKind::Adam);
    const auto stats = layer_stats(*m, x, y);
    const int64_t kernel_sizes[3] = {10, 20, 4};
    for (size_t l = 0; l < stats.size(); ++l)
      EXPECT_NEAR(stats[l].update_ratio * stats[l].weight_norm, 0.05 * std::sqrt(double(kernel_sizes[l])), 1e-3);
  }
  {  // zero weights: the ratio is infinite, not a division by zero
    Model m(2, 1);
    m.add("dense", dense(3, "tanh", "zeros"));
    m.add("dense", dense(1, "sigmoid"));
    m.compile(compile_with(OptimizerKind::Sgd, 0.1));
    const auto stats = layer_stats(m, x, y);
    EXPECT_EQ(stats[0].weight_norm, 0.0);
    EXPECT_TRUE(std::isinf(stats[0].update_ratio) || stats[0].gradient_norm == 0.0);
  }
}

TEST(LayerStats, DeadUnitsOnAConstructedNetwork) {
  // 2 -> 4 relu -> 3 tanh -> 1 sigmoid. ReLU unit 0 is on for x1 > 0, unit 2 for
  // every point, units 1 and 3 never (a bias of -5 with zero weights): dead.
  auto model = dense_stack(1, {{4, "relu"}, {3, "tanh"}, {1, "sigmoid"}}, 0.1);
  Model& m = *model;
  MatrixF k1(2, 4);
  k1 << 1, 0, 0.5, 0,  //
      0, 0, 0.5, 0;
  MatrixF b1(1, 4);
  b1 << 0, -5, 10, -5;
  MatrixF k2 = MatrixF::Zero(4, 3), b2 = MatrixF::Zero(1, 3);  // tanh outputs 0 everywhere: not "dead"
  MatrixF k3 = MatrixF::Constant(3, 1, 0.5f), b3 = MatrixF::Zero(1, 1);
  m.set_weights({k1, b1, k2, b2, k3, b3});
  MatrixF x(4, 2), y(4, 1);
  x << 1, 1, -1, 1, 2, -1, -2, -2;
  y << 1, 0, 1, 0;
  const auto stats = layer_stats(m, x, y);
  ASSERT_EQ(stats.size(), 3u);
  EXPECT_EQ(stats[0].dead, (std::vector<int>{1, 3}));
  EXPECT_TRUE(stats[1].dead.empty()) << "only ReLU units die";
  EXPECT_TRUE(stats[2].dead.empty());
  // Mean activation of the ReLU layer by hand: unit 0 is max(x1, 0), unit 2 is 10 + (x1 + x2) / 2.
  const double unit0 = 1 + 0 + 2 + 0, unit2 = (10 + 1) + (10 + 0) + (10 + 0.5) + (10 - 2);
  EXPECT_NEAR(stats[0].mean_activation, (unit0 + unit2) / 16.0, 1e-6);
  EXPECT_EQ(stats[1].mean_activation, 0.0);
}

TEST(LayerStats, AHighLearningRateKillsReluUnits) {
  // The lesson the health panel shows: ReLU with a far too high learning rate dies.
  auto model = dense_stack(3, {{16, "relu"}, {16, "relu"}, {1, "sigmoid"}}, 3.0);
  Model& m = *model;
  MatrixF x, y;
  sample_data(200, 9, x, y);
  const int dead_before = int(layer_stats(m, x, y)[1].dead.size());
  m.set_training_data(x, y, 10);
  try {
    for (int e = 0; e < 20; ++e) m.train_epoch();
  } catch (const DivergedError&) {
    // the weights stay at the last good step
  }
  const auto after = layer_stats(m, x, y);
  EXPECT_GT(int(after[0].dead.size() + after[1].dead.size()), dead_before + 8);
}

TEST(Activations, MatchAHandForwardPassForEveryLayer) {
  auto m = mixed_model<float>(3);
  MatrixF x, y;
  sample_data(1500, 5, x, y);  // more than one chunk
  const std::vector<MatrixF> w = m->get_weights();
  const MatrixF z1 = (x * w[0]).rowwise() + w[1].row(0);
  const MatrixF a1 = z1.array().tanh().matrix();
  const MatrixF got0 = layer_activations(*m, x, 0);
  ASSERT_EQ(got0.rows(), 1500);
  ASSERT_EQ(got0.cols(), 5);
  EXPECT_LT((got0 - a1).cwiseAbs().maxCoeff(), 1e-5f);
  EXPECT_TRUE((layer_activations(*m, x, 1).array() == got0.array()).all()) << "dropout at inference is the identity";
  const MatrixF out = layer_activations(*m, x, 3);
  EXPECT_LT((out - m->predict(x)).cwiseAbs().maxCoeff(), 1e-6f);
}

TEST(HiddenSpace, PointsAreTheChosenNeuronsAndTheLineSeparatesAsTheOutputDoes) {
  Model m(2, 4);
  m.add("dense", dense(6, "tanh"));
  m.add("dense", dense(2, "tanh"));
  m.add("dropout", dropout(0.2));
  m.add("dense", dense(1, "sigmoid"));
  m.compile(compile_with(OptimizerKind::Adam, 0.03));
  MatrixF x, y;
  sample_data(300, 3, x, y);
  m.set_training_data(x, y, 10);
  for (int e = 0; e < 30; ++e) m.train_epoch();
  MatrixF grid(3, 2);
  grid << 0, 0, 1, -1, -3, 2;
  const HiddenSpace<float> space = hidden_space(m, x, grid, 1, {1, 0});
  const MatrixF a = layer_activations(m, x, 1);
  ASSERT_EQ(space.points.rows(), 300);
  EXPECT_TRUE((space.points.col(0).array() == a.col(1).array()).all());
  EXPECT_TRUE((space.points.col(1).array() == a.col(0).array()).all());
  EXPECT_TRUE((space.extra.col(0).array() == layer_activations(m, grid, 1).col(1).array()).all());
  ASSERT_TRUE(space.has_line);
  EXPECT_TRUE(space.line_exact);
  ASSERT_EQ(space.line.size(), 3u);
  const MatrixF p = m.predict(x);
  int agree = 0, decided = 0;
  for (int i = 0; i < 300; ++i) {
    const double side = space.line[0] * space.points(i, 0) + space.line[1] * space.points(i, 1) + space.line[2];
    if (std::abs(side) < 1e-4) continue;
    ++decided;
    agree += (side > 0) == (p(i, 0) > 0.5f);
  }
  EXPECT_EQ(agree, decided);
  EXPECT_GT(decided, 290);

  // Not the last hidden layer: no line. Three of six units: a plane with the other three at their mean.
  EXPECT_FALSE(hidden_space(m, x, grid, 0, {0, 1}).has_line);
  Model wide(2, 4);
  wide.add("dense", dense(6, "tanh"));
  wide.add("dense", dense(1, "sigmoid"));
  const HiddenSpace<float> plane = hidden_space(wide, x, MatrixF(0, 2), 0, {0, 2, 5});
  ASSERT_TRUE(plane.has_line);
  EXPECT_FALSE(plane.line_exact);
  ASSERT_EQ(plane.line.size(), 4u);
  const std::vector<MatrixF> w = wide.get_weights();
  const MatrixF a0 = layer_activations(wide, x, 0);
  double c = w[3](0, 0);
  for (int u : {1, 3, 4}) c += double(w[2](u, 0)) * a0.col(u).cast<double>().mean();
  EXPECT_NEAR(plane.line[3], c, 1e-5);
  EXPECT_EQ(plane.line[1], double(w[2](2, 0)));
}

TEST(Histograms, CountEveryValueBetweenItsMinAndMax) {
  auto m = mixed_model<float>(2);
  MatrixF x, y;
  sample_data(1300, 8, x, y);
  const auto h = layer_histograms(*m, 20, x);
  ASSERT_EQ(h.size(), 3u);
  const std::vector<MatrixF> w = m->get_weights();
  for (size_t l = 0; l < 3; ++l) {
    const MatrixF& kernel = w[2 * l];
    EXPECT_EQ(std::accumulate(h[l].kernel.counts.begin(), h[l].kernel.counts.end(), 0u), uint32_t(kernel.size()));
    EXPECT_EQ(h[l].kernel.min, double(kernel.minCoeff()));
    EXPECT_EQ(h[l].kernel.max, double(kernel.maxCoeff()));
    EXPECT_GE(h[l].kernel.counts.front(), 1u);
    EXPECT_GE(h[l].kernel.counts.back(), 1u);
    ASSERT_TRUE(h[l].has_bias);
    ASSERT_TRUE(h[l].has_activation);
    const MatrixF a = layer_activations(*m, x, h[l].layer);
    EXPECT_EQ(std::accumulate(h[l].activation.counts.begin(), h[l].activation.counts.end(), 0u), uint32_t(a.size()));
    EXPECT_EQ(h[l].activation.min, double(a.minCoeff()));
    // the same counts as one histogram over all activations at once
    const Histogram direct = histogram(a.data(), a.size(), 20);
    EXPECT_EQ(h[l].activation.counts, direct.counts);
  }
  // Zero biases: one bin, in a range of width 1 around 0.
  EXPECT_EQ(h[0].bias.min, -0.5);
  EXPECT_EQ(h[0].bias.max, 0.5);
  EXPECT_EQ(h[0].bias.counts[10], 5u);
  EXPECT_FALSE(layer_histograms(*m, 5)[0].has_activation);
}

TEST(Histograms, ExtremeValuesStayInTheirBins) {
  const float constant[3] = {1e30f, 1e30f, 1e30f};
  const Histogram c = histogram(constant, 3, 4);
  EXPECT_LT(c.min, 1e30);
  EXPECT_GT(c.max, 1e30);
  EXPECT_EQ(std::accumulate(c.counts.begin(), c.counts.end(), 0u), 3u);
  const float mixed[5] = {-3e38f, 3e38f, 0.0f, std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()};
  const Histogram m = histogram(mixed, 5, 10);
  EXPECT_EQ(std::accumulate(m.counts.begin(), m.counts.end(), 0u), 3u) << "NaN and Inf are skipped";
  EXPECT_EQ(m.counts.front(), 1u);
  EXPECT_EQ(m.counts.back(), 1u);
  const Histogram none = histogram(mixed + 3, 2, 3);
  EXPECT_EQ(std::accumulate(none.counts.begin(), none.counts.end(), 0u), 0u);
}

TEST(Histograms, ShowTheInitializerAtEpochZero) {
  // Zeros: every weight in one bin; He's spread is wider than Glorot's on a ReLU layer.
  auto spread = [](const char* init) {
    Model m(2, 1);
    m.add("dense", dense(16, "relu", init));
    m.add("dense", dense(16, "relu", init));
    m.add("dense", dense(1, "sigmoid"));
    return layer_histograms(m, 30)[1].kernel;
  };
  const Histogram zeros = spread("zeros"), glorot = spread("glorotUniform"), he = spread("heUniform");
  EXPECT_EQ(*std::max_element(zeros.counts.begin(), zeros.counts.end()), 256u);
  EXPECT_GT(he.max - he.min, 1.15 * (glorot.max - glorot.min));
}

TEST(LossSurface, CentreIsEvaluateAndWeightsComeBack) {
  // W2's network on its data size.
  Model m(2, 1);
  for (int l = 0; l < 6; ++l) m.add("dense", dense(8, "tanh"));
  m.add("dense", dense(1, "sigmoid"));
  m.compile(compile_with(OptimizerKind::Sgd, 0.03));
  MatrixF x, y;
  sample_data(500, 6, x, y);
  m.set_training_data(x, y, 10);
  m.train_epoch();
  const Snapshot before(m);
  LossSurfaceOptions o;
  const LossSurface s = loss_surface(m, x, y, o);
  before.expect_same(m, "lossSurface");
  ASSERT_EQ(s.alphas.size(), 41u);
  ASSERT_EQ(s.loss.size(), 41u * 41u);
  EXPECT_EQ(s.alphas[20], 0.0);
  EXPECT_EQ(s.alphas.front(), -1.0);
  EXPECT_EQ(s.alphas.back(), 1.0);
  EXPECT_EQ(s.loss[20 * 41 + 20], float(m.evaluate(x, y).first));
  // A point off the centre: theta + alpha d1 + beta d2 with the same seed's directions.
  Random rng(o.seed);
  const Vector<float> d1 = filter_normalized_direction(m, rng), d2 = filter_normalized_direction(m, rng);
  const Vector<float> theta = m.parameters();
  m.parameters() = theta + float(s.alphas[3]) * d1 + float(s.betas[30]) * d2;
  const float expected = float(m.evaluate(x, y).first);
  m.parameters() = theta;
  EXPECT_EQ(s.loss[30 * 41 + 3], expected);
  // The minimum of a trained-for-one-epoch net is not far from theta, and the slice is not flat.
  const auto [lo, hi] = std::minmax_element(s.loss.begin(), s.loss.end());
  EXPECT_GT(*hi, *lo * 1.5f);
  // Same seed, same slice; another seed, another slice.
  EXPECT_EQ(loss_surface(m, x, y, o).loss, s.loss);
  o.seed = 2;
  EXPECT_NE(loss_surface(m, x, y, o).loss, s.loss);
}

TEST(LossSurface, DirectionsAreFilterNormalized) {
  auto m = mixed_model<double>(4);
  Random rng(9);
  const Vector<double> d = filter_normalized_direction(*m, rng);
  const Vector<double>& p = m->parameters();
  // kernel [2, 5] at 0: each column's norm equals the weights' column norm; biases 0.
  for (int c = 0; c < 5; ++c) {
    double dn = 0, wn = 0;
    for (int r = 0; r < 2; ++r) dn += d[r * 5 + c] * d[r * 5 + c], wn += p[r * 5 + c] * p[r * 5 + c];
    EXPECT_NEAR(std::sqrt(dn), std::sqrt(wn), 1e-12);
  }
  EXPECT_TRUE(d.segment(10, 5).isZero());
  EXPECT_TRUE(d.segment(35, 4).isZero());
  EXPECT_TRUE(d.segment(43, 1).isZero());
  EXPECT_FALSE(d.segment(15, 20).isZero());
}

TEST(LossSurface, PathPointsProjectOntoTheSlice) {
  auto m = mixed_model<double>(4);
  Matrix<double> x, y;
  sample_data(40, 1, x, y);
  LossSurfaceOptions o;
  o.resolution = 5;
  o.seed = 77;
  Random rng(o.seed);
  const Vector<double> d1 = filter_normalized_direction(*m, rng), d2 = filter_normalized_direction(*m, rng);
  const Vector<double> theta = m->parameters();
  Matrix<double> path(3, theta.size());
  path.row(0) = (theta + 0.3 * d1 - 0.2 * d2).transpose();
  path.row(1) = theta.transpose();
  Vector<double> off = theta;
  off[12] += 0.5;  // a bias: no direction moves it, so it is off the slice entirely
  path.row(2) = off.transpose();
  const LossSurface s = loss_surface(*m, x, y, o, path);
  ASSERT_EQ(s.path_alphas.size(), 3u);
  EXPECT_NEAR(s.path_alphas[0], 0.3, 1e-12);
  EXPECT_NEAR(s.path_betas[0], -0.2, 1e-12);
  EXPECT_NEAR(s.path_off[0], 0.0, 1e-9);
  EXPECT_EQ(s.path_alphas[1], 0.0);
  EXPECT_EQ(s.path_off[1], 0.0);
  EXPECT_NEAR(s.path_alphas[2], 0.0, 1e-12);
  EXPECT_NEAR(s.path_off[2], 1.0, 1e-12);
}

TEST(Diagnostics, NoCallChangesTheModelAndTrainingContinuesBitForBit) {
  // Two identical runs with dropout and Adam; one calls every diagnostic between its steps.
  MatrixF x, y;
  sample_data(120, 12, x, y);
  auto plain = mixed_model<float>(21), probed = mixed_model<float>(21);
  plain->set_training_data(x, y, 16);
  probed->set_training_data(x, y, 16);
  MatrixF grid(4, 2);
  grid << 0, 0, 1, 1, -1, 2, 3, -3;
  for (int round = 0; round < 5; ++round) {
    plain->train_steps(3);
    probed->train_steps(3);
    const Snapshot before(*probed);
    layer_stats(*probed, x, y);
    before.expect_same(*probed, "layerStats");
    layer_activations(*probed, x, 1);
    before.expect_same(*probed, "activations");
    hidden_space(*probed, x, grid, 2, {0, 3});
    before.expect_same(*probed, "hiddenSpace");
    layer_histograms(*probed, 16, x);
    before.expect_same(*probed, "histograms");
    LossSurfaceOptions o;
    o.resolution = 7;
    loss_surface(*probed, x, y, o);
    before.expect_same(*probed, "lossSurface");
  }
  plain->train_steps(7);
  probed->train_steps(7);
  EXPECT_TRUE((plain->parameters().array() == probed->parameters().array()).all());
}

TEST(Diagnostics, BadRequestsSayWhatIsWrong) {
  auto m = mixed_model<float>(1);
  MatrixF x, y;
  sample_data(10, 1, x, y);
  expect_invalid([&] { layer_activations(*m, x, 4); }, {"activations", "layer must be in 0..3", "got 4"});
  expect_invalid([&] { layer_activations(*m, MatrixF(3, 5), 0); }, {"x must have 2 columns", "[3, 5]"});
  MatrixF bad = x;
  bad(2, 1) = std::numeric_limits<float>::quiet_NaN();
  expect_invalid([&] { layer_activations(*m, bad, 0); }, {"NaN", "row 2"});
  expect_invalid([&] { hidden_space(*m, x, x, 1, {0, 1}); }, {"layer 1 (dropout) has no neurons"});
  expect_invalid([&] { hidden_space(*m, x, x, 0, {0}); }, {"pick 2 or 3 neurons, got 1"});
  expect_invalid([&] { hidden_space(*m, x, x, 0, {0, 5}); }, {"neuron 5 is not in 0..4"});
  expect_invalid([&] { hidden_space(*m, x, x, 0, {2, 2}); }, {"neuron 2 is chosen twice"});
  expect_invalid([&] { layer_histograms(*m, 0); }, {"bins must be in 1..1000, got 0"});
  expect_invalid([&] { layer_stats(*m, x, MatrixF(9, 1)); }, {"same number of rows", "10 and 9"});
  expect_invalid([&] { layer_stats(*m, MatrixF(0, 2), MatrixF(0, 1)); }, {"x is empty"});
  LossSurfaceOptions o;
  o.resolution = 1;
  expect_invalid([&] { loss_surface(*m, x, y, o); }, {"resolution must be in 2..257, got 1"});
  o.resolution = 5;
  o.span = -1;
  expect_invalid([&] { loss_surface(*m, x, y, o); }, {"span must be a number in (0, 1000], got -1"});
  o.span = 1;
  expect_invalid([&] { loss_surface(*m, x, y, o, MatrixF(2, 3)); }, {"path point must have the model's 44 parameters, got 3"});
  Model open(2, 1);
  open.add("dense", dense(2, "relu"));
  expect_logic([&] { layer_stats(open, x, y); }, {"layerStats needs a compiled model"});
  expect_logic([&] { loss_surface(open, x, y, o); }, {"lossSurface needs a compiled model"});
}
