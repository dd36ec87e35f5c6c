// The learning-rate range test (see lr_finder.hpp). Batches go through the
// model's compute_gradients() and a separate Optimizer, so the model's own
// optimizer and training position are never touched; the weights and the
// layers' random generators (dropout) are copied aside first and put back at
// the end, also when something throws.
#include "nnplay/lr_finder.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include "nnplay/names.hpp"

namespace nnplay {
namespace {

constexpr uint64_t kFinderSalt = 0x1F1E1D1C1B1A1918ull;  // the finder's shuffle: its own stream, not the model's
constexpr int kMaxSteps = 10000;

void check_options(const LrFinderOptions& o) {
  auto positive = [](double v) { return std::isfinite(v) && v > 0; };
  if (!positive(o.min_lr)) throw std::invalid_argument("findLearningRate: minLr must be a number > 0, got " + number_text(o.min_lr));
  if (!positive(o.max_lr) || !(o.max_lr > o.min_lr))
    throw std::invalid_argument("findLearningRate: maxLr must be a number > minLr (" + number_text(o.min_lr) + "), got " +
                                number_text(o.max_lr));
  if (o.steps < 2 || o.steps > kMaxSteps)
    throw std::invalid_argument("findLearningRate: steps must be an integer in 2.." + std::to_string(kMaxSteps) +
                                ", got " + std::to_string(o.steps));
  if (o.batch_size < 1) throw std::invalid_argument("findLearningRate: batchSize must be at least 1, got " + std::to_string(o.batch_size));
  if (!(o.smoothing >= 0 && o.smoothing < 1))
    throw std::invalid_argument("findLearningRate: smoothing must be in [0, 1), got " + number_text(o.smoothing));
  if (!(o.stop_factor > 1)) throw std::invalid_argument("findLearningRate: stop factor must be > 1, got " + number_text(o.stop_factor));
}

// Puts the weights and the layers' random state back when it goes out of scope.
template <class T>
class Restore {
 public:
  explicit Restore(Sequential<T>& model) : model_(model), params_(model.parameters()) {
    for (int l = 0; l < model.layer_count(); ++l) random_.push_back(model.layer(l).random_state());
  }
  ~Restore() {
    model_.parameters() = params_;
    for (int l = 0; l < model_.layer_count(); ++l)
      if (!random_[size_t(l)].empty()) model_.layer(l).set_random_state(random_[size_t(l)]);
  }
  Restore(const Restore&) = delete;
  Restore& operator=(const Restore&) = delete;

 private:
  Sequential<T>& model_;
  Vector<T> params_;
  std::vector<std::vector<uint32_t>> random_;
};

}  // namespace

int steepest_descent_index(const std::vector<double>& learning_rates, const std::vector<double>& losses) {
  const int n = int(std::min(learning_rates.size(), losses.size()));
  if (n < 3) return -1;
  const int lowest = int(std::min_element(losses.begin(), losses.begin() + n) - losses.begin());
  // The first few points carry the smoothing's start-up: skip a tenth of the
  // way to the minimum (as fastai skips the start of the curve).
  const int first = std::max(1, lowest / 10);
  int best = -1;
  double steepest = 0;
  for (int i = first; i < lowest && i + 1 < n; ++i) {
    const double run = std::log(learning_rates[size_t(i + 1)]) - std::log(learning_rates[size_t(i - 1)]);
    const double slope = (losses[size_t(i + 1)] - losses[size_t(i - 1)]) / run;
    if (slope < steepest) {
      steepest = slope;
      best = i;
    }
  }
  return best;
}

template <class T>
LrFinderResult find_learning_rate(Sequential<T>& model, const ConstMatrixRef<std::common_type_t<T>>& x,
                                  const ConstMatrixRef<std::common_type_t<T>>& y, const LrFinderOptions& options) {
  if (!model.compiled()) throw std::logic_error("findLearningRate needs a compiled model; call compile() first");
  check_options(options);
  model.evaluate(x, y);  // checks shapes, NaN and labels with the model's own messages; changes nothing

  const Eigen::Index n = x.rows();
  const Eigen::Index batch = std::min<Eigen::Index>(options.batch_size, n);
  Matrix<T> batch_x(batch, x.cols()), batch_y(batch, y.cols());
  std::vector<int32_t> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  Random shuffle(model.seed() ^ kFinderSalt);
  Eigen::Index cursor = n;  // start with a shuffle

  OptimizerConfig config = model.optimizer().config();
  config.learning_rate = options.min_lr;
  Optimizer<T> optimizer(config, model.parameters().size());

  LrFinderResult result;
  const Restore<T> restore(model);
  const double ratio = options.max_lr / options.min_lr;
  double average = 0, lowest = INFINITY;
  for (int step = 0; step < options.steps; ++step) {
    const double lr = options.min_lr * std::pow(ratio, double(step) / double(options.steps - 1));
    optimizer.set_learning_rate(lr);
    if (cursor + batch > n) {
      for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[shuffle.below(uint32_t(i))]);
      cursor = 0;
    }
    for (Eigen::Index r = 0; r < batch; ++r) {
      batch_x.row(r) = x.row(order[size_t(cursor + r)]);
      batch_y.row(r) = y.row(order[size_t(cursor + r)]);
    }
    cursor += batch;
    const double loss = double(model.compute_gradients(batch_x, batch_y, /*training=*/true));
    if (!std::isfinite(loss)) {
      result.diverged = true;
      break;
    }
    average = options.smoothing * average + (1 - options.smoothing) * loss;
    const double smoothed = average / (1 - std::pow(options.smoothing, double(step + 1)));
    result.learning_rates.push_back(lr);
    result.raw_losses.push_back(loss);
    result.losses.push_back(smoothed);
    lowest = std::min(lowest, smoothed);
    if (smoothed > options.stop_factor * lowest || !model.gradients().allFinite() ||
        !optimizer.step(model.parameters(), model.gradients())) {
      result.diverged = true;
      break;
    }
  }
  result.suggestion_index = steepest_descent_index(result.learning_rates, result.losses);
  result.suggestion = result.suggestion_index >= 0 ? result.learning_rates[size_t(result.suggestion_index)] : std::nan("");
  return result;
}

template LrFinderResult find_learning_rate<float>(Sequential<float>&, const ConstMatrixRef<float>&,
                                                  const ConstMatrixRef<float>&, const LrFinderOptions&);
template LrFinderResult find_learning_rate<double>(Sequential<double>&, const ConstMatrixRef<double>&,
                                                   const ConstMatrixRef<double>&, const LrFinderOptions&);

}  // namespace nnplay
