// Sequential model: build, forward/backward over Dense layers, the training
// loop and the step API. See model.hpp for the layout and buffer design.
#include "nnplay/model.hpp"

#include <algorithm>
#include <cmath>
#include <new>

#include "nnplay/activations.hpp"
#include "nnplay/dense_kernels.hpp"
#include "nnplay/names.hpp"
#include "nnplay/losses.hpp"

namespace nnplay {
namespace {

constexpr Eigen::Index kChunkRows = 1024;  // inference batch: bounds the cache size

std::string shape_string(Eigen::Index rows, Eigen::Index cols) {
  return "[" + std::to_string(rows) + ", " + std::to_string(cols) + "]";
}

}  // namespace

// One Dense layer: a = g(x W + b). W, b and their gradients are views into the
// model's flat vectors; z, a, da, dz are caches of `rows` rows, used top-down.
template <class T>
struct Sequential<T>::Layer {
  DenseConfig config;
  int in = 0, units = 0;
  Eigen::Map<Matrix<T>> W{nullptr, 0, 0}, dW{nullptr, 0, 0};  // [in, units]
  Eigen::Map<RowVector<T>> b{nullptr, 0}, db{nullptr, 0};     // [units]
  Matrix<T> z, a, da, dz;                                     // [rows, units]

  void bind(T* params, T* grads) {
    new (&W) Eigen::Map<Matrix<T>>(params, in, units);
    new (&dW) Eigen::Map<Matrix<T>>(grads, in, units);
    const int bias = config.use_bias ? units : 0;
    new (&b) Eigen::Map<RowVector<T>>(params + in * units, bias);
    new (&db) Eigen::Map<RowVector<T>>(grads + in * units, bias);
  }
  int64_t size() const { return int64_t(in) * units + (config.use_bias ? units : 0); }
  // The first n rows of a cache, as a contiguous view (so Eigen vectorizes it whole).
  Eigen::Map<Matrix<T>> rows(Matrix<T>& cache, Eigen::Index n) { return {cache.data(), n, units}; }
};

template <class T>
Sequential<T>::Sequential(int input_dim, uint64_t seed) : input_dim_(input_dim), seed_(seed) {
  if (input_dim < 1 || input_dim > 1000000)
    throw std::invalid_argument("input size must be between 1 and 1000000, got " + std::to_string(input_dim));
  shuffle_rng_.reseed(seed ^ 0xA5A5A5A5A5A5A5A5ull);
}

template <class T>
Sequential<T>::~Sequential() = default;

template <class T>
void Sequential<T>::add(const DenseConfig& config) {
  const std::string which = "layer " + std::to_string(configs_.size());
  if (built_) throw std::logic_error("cannot add " + which + ": the model is already built (weights exist)");
  if (config.units < 1 || config.units > 100000)
    throw std::invalid_argument(which + ": units must be between 1 and 100000, got " + std::to_string(config.units));
  if (config.activation == Activation::Softmax && config.units == 1)
    throw std::invalid_argument(which + ": softmax over 1 unit always outputs 1; use sigmoid for one output");
  for (double r : {config.l1, config.l2})
    if (!(r >= 0.0) || !std::isfinite(r))
      throw std::invalid_argument(which + ": regularization rates must be finite and >= 0, got " + std::to_string(r));
  configs_.push_back(config);
}

template <class T>
int Sequential<T>::output_dim() const {
  return configs_.empty() ? input_dim_ : configs_.back().units;
}

template <class T>
int64_t Sequential<T>::parameter_count() const {
  int64_t total = 0;
  int in = input_dim_;
  for (const auto& c : configs_) {
    total += int64_t(in) * c.units + (c.use_bias ? c.units : 0);
    in = c.units;
  }
  return total;
}

template <class T>
int Sequential<T>::neuron_count() const {
  int total = 0;
  for (const auto& c : configs_) total += c.units;
  return total;
}

template <class T>
int Sequential<T>::batches_per_epoch() const {
  const Eigen::Index n = train_x_.rows();
  return n == 0 ? 0 : static_cast<int>((n + batch_size_ - 1) / batch_size_);
}

namespace {

// Keras's truncated normal: redraw beyond two standard deviations; the stddev is
// scaled so the truncated distribution keeps the intended variance.
double truncated_normal(Random& rng, double stddev) {
  const double scaled = stddev / 0.87962566103423978;
  for (;;) {
    const double v = rng.normal();
    if (std::abs(v) <= 2.0) return v * scaled;
  }
}

template <class T, class M>
void initialize(M&& target, Initializer init, int fan_in, int fan_out, Random& rng) {
  for (Eigen::Index i = 0; i < target.size(); ++i) {
    double v = 0;
    switch (init) {
      case Initializer::Zeros: v = 0; break;
      case Initializer::Ones: v = 1; break;
      case Initializer::GlorotUniform: { const double l = std::sqrt(6.0 / (fan_in + fan_out)); v = rng.uniform(-l, l); break; }
      case Initializer::GlorotNormal: v = truncated_normal(rng, std::sqrt(2.0 / (fan_in + fan_out))); break;
      case Initializer::HeUniform: { const double l = std::sqrt(6.0 / fan_in); v = rng.uniform(-l, l); break; }
      case Initializer::HeNormal: v = truncated_normal(rng, std::sqrt(2.0 / fan_in)); break;
      case Initializer::LecunUniform: { const double l = std::sqrt(3.0 / fan_in); v = rng.uniform(-l, l); break; }
    }
    target.data()[i] = T(v);
  }
}

}  // namespace

template <class T>
void Sequential<T>::ensure_built() {
  if (built_) return;
  if (configs_.empty()) throw std::logic_error("the model has no layers; add at least one Dense layer");
  layers_.clear();
  int64_t total = 0;
  int in = input_dim_;
  for (const auto& c : configs_) {
    auto layer = std::make_unique<Layer>();
    layer->config = c;
    layer->in = in;
    layer->units = c.units;
    total += layer->size();
    in = c.units;
    layers_.push_back(std::move(layer));
  }
  params_.setZero(total);
  grads_.setZero(total);
  params_before_step_.setZero(total);
  int64_t offset = 0;
  for (auto& layer : layers_) {
    layer->bind(params_.data() + offset, grads_.data() + offset);
    offset += layer->size();
  }
  cached_rows_ = 0;
  built_ = true;
  reinitialize(seed_);
}

template <class T>
void Sequential<T>::reinitialize(uint64_t seed) {
  seed_ = seed;
  if (!built_) return ensure_built();
  Random rng(seed);
  for (auto& layer : layers_) {
    initialize<T>(layer->W, layer->config.kernel_initializer, layer->in, layer->units, rng);
    initialize<T>(layer->b, layer->config.bias_initializer, layer->in, layer->units, rng);
  }
  shuffle_rng_.reseed(seed ^ 0xA5A5A5A5A5A5A5A5ull);
  if (compiled_) optimizer_.reset(compile_.optimizer, params_.size());
  epoch_ = 0;
  cursor_batches_ = 0;
  epoch_loss_ = epoch_correct_ = 0;
  epoch_rows_ = 0;
}

template <class T>
void Sequential<T>::compile(const CompileConfig& config) {
  ensure_built();
  const int units = output_dim();
  const bool categorical = config.loss == LossKind::CategoricalCrossentropy ||
                           config.loss == LossKind::SparseCategoricalCrossentropy;
  if (categorical && units < 2)
    throw std::invalid_argument(std::string("loss ") + name_of(config.loss) +
                                " needs an output layer of at least 2 units (one per class), got " +
                                std::to_string(units) + "; for two classes use 1 sigmoid unit and binaryCrossentropy");
  optimizer_.reset(config.optimizer, params_.size());  // validates the optimizer
  compile_ = config;
  compiled_ = true;
}

template <class T>
void Sequential<T>::require_compiled(const char* what) const {
  if (!compiled_) throw std::logic_error(std::string(what) + " needs a compiled model; call compile() first");
}

template <class T>
bool Sequential<T>::fused_output() const {
  if (compile_.from_logits) return false;
  const Activation g = configs_.back().activation;
  return (compile_.loss == LossKind::BinaryCrossentropy && g == Activation::Sigmoid) ||
         ((compile_.loss == LossKind::CategoricalCrossentropy ||
           compile_.loss == LossKind::SparseCategoricalCrossentropy) && g == Activation::Softmax);
}

template <class T>
bool Sequential<T>::logits_for_loss() const {
  return compile_.from_logits || fused_output();
}

template <class T>
void Sequential<T>::check_xy(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y, const char* xname,
                             const char* yname) const {
  if (x.rows() == 0) throw std::invalid_argument(std::string(xname) + " is empty: need at least one sample");
  if (x.cols() != input_dim_)
    throw std::invalid_argument(std::string(xname) + " must have " + std::to_string(input_dim_) +
                                " columns (the model's input size), got shape " + shape_string(x.rows(), x.cols()));
  if (y.rows() != x.rows())
    throw std::invalid_argument(std::string(xname) + " and " + yname + " must have the same number of rows, got " +
                                std::to_string(x.rows()) + " and " + std::to_string(y.rows()));
  for (Eigen::Index r = 0; r < x.rows(); ++r)
    for (Eigen::Index c = 0; c < x.cols(); ++c)
      if (!std::isfinite(x(r, c)))
        throw std::invalid_argument(std::string(xname) + " contains " + (std::isnan(x(r, c)) ? "NaN" : "Inf") +
                                    " at row " + std::to_string(r) + ", column " + std::to_string(c));
  for (Eigen::Index r = 0; r < y.rows(); ++r)
    for (Eigen::Index c = 0; c < y.cols(); ++c)
      if (!std::isfinite(y(r, c)))
        throw std::invalid_argument(std::string(yname) + " contains " + (std::isnan(y(r, c)) ? "NaN" : "Inf") +
                                    " at row " + std::to_string(r) + ", column " + std::to_string(c));
  const int units = output_dim();
  if (compile_.loss == LossKind::SparseCategoricalCrossentropy) {
    if (y.cols() != 1)
      throw std::invalid_argument(std::string(yname) +
                                  " for sparseCategoricalCrossentropy must be class indices of shape [n, 1], got " +
                                  shape_string(y.rows(), y.cols()));
    for (Eigen::Index r = 0; r < y.rows(); ++r) {
      const T v = y(r, 0);
      if (v != std::floor(v) || v < 0 || v >= units)
        throw std::invalid_argument(std::string(yname) + " row " + std::to_string(r) + ": class index " +
                                    number_text(double(v)) + " is not an integer in [0, " +
                                    std::to_string(units - 1) + "] (the output layer has " + std::to_string(units) +
                                    " units)");
    }
  } else if (y.cols() != units) {
    throw std::invalid_argument(std::string(yname) + " must have " + std::to_string(units) +
                                " columns (the output layer's units) for " + name_of(compile_.loss) + ", got shape " +
                                shape_string(y.rows(), y.cols()));
  }
}

template <class T>
void Sequential<T>::reserve_rows(Eigen::Index rows) {
  if (rows <= cached_rows_) return;
  for (auto& layer : layers_) {
    layer->z.resize(rows, layer->units);
    layer->a.resize(rows, layer->units);
    layer->da.resize(rows, layer->units);
    layer->dz.resize(rows, layer->units);
  }
  cached_rows_ = rows;
}

template <class T>
MatrixRef<T> Sequential<T>::forward(const ConstMatrixRef<T>& x) {
  const Eigen::Index n = x.rows();
  reserve_rows(n);
  const T* input = x.data();
  Eigen::Index input_stride = x.outerStride();
  for (auto& layer_ptr : layers_) {
    Layer& layer = *layer_ptr;
    dense_forward(layer.z.data(), input, input_stride, layer.W.data(), layer.config.use_bias ? layer.b.data() : nullptr,
                  int(n), layer.in, layer.units);
    activation_forward(layer.config.activation, layer.rows(layer.z, n), layer.rows(layer.a, n));
    input = layer.a.data();
    input_stride = layer.units;
  }
  return layers_.back()->a.topRows(n);
}

template <class T>
T Sequential<T>::regularization(bool add_gradient) {
  T total = 0;
  for (auto& layer : layers_) {
    const T l1 = T(layer->config.l1), l2 = T(layer->config.l2);
    if (l1 == T(0) && l2 == T(0)) continue;
    total += l1 * layer->W.cwiseAbs().sum() + l2 * layer->W.squaredNorm();
    if (add_gradient) layer->dW += l1 * layer->W.cwiseSign() + (T(2) * l2) * layer->W;
  }
  return total;
}

template <class T>
T Sequential<T>::backward(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y, double* correct) {
  const Eigen::Index n = x.rows();
  Layer& last = *layers_.back();
  const bool fused = fused_output();
  const bool logits = logits_for_loss();
  // Fused: the loss sees z and hands back dL/dz, skipping the activation's backward.
  const auto out = last.rows(fused ? last.z : last.a, n);
  const T loss = loss_forward_backward<T>(compile_.loss, logits, out, y, last.rows(fused ? last.dz : last.da, n));
  if (correct) *correct = accuracy_count<T>(compile_.loss, logits, out, y);

  for (size_t l = layers_.size(); l-- > 0;) {
    Layer& layer = *layers_[l];
    if (!(fused && l + 1 == layers_.size()))
      activation_backward(layer.config.activation, layer.rows(layer.z, n), layer.rows(layer.a, n),
                          layer.rows(layer.da, n), layer.rows(layer.dz, n));
    const T* input = l == 0 ? x.data() : layers_[l - 1]->a.data();
    const Eigen::Index input_stride = l == 0 ? x.outerStride() : layer.in;
    dense_backward_weights(layer.dW.data(), layer.config.use_bias ? layer.db.data() : nullptr, input, input_stride,
                           layer.dz.data(), int(n), layer.in, layer.units);
    if (l > 0) dense_backward_input(layers_[l - 1]->da.data(), layer.dz.data(), layer.W.data(), int(n), layer.in, layer.units);
  }
  return loss + regularization(true);
}

template <class T>
T Sequential<T>::compute_gradients(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y) {
  require_compiled("compute_gradients");
  check_xy(x, y, "x", "y");
  forward(x);
  return backward(x, y, nullptr);
}

// ---- training ----------------------------------------------------------------------

template <class T>
void Sequential<T>::set_training_data(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y, int batch_size,
                                      bool shuffle) {
  require_compiled("training");
  if (batch_size < 1)
    throw std::invalid_argument("batchSize must be at least 1, got " + std::to_string(batch_size));
  check_xy(x, y, "x", "y");
  train_x_ = x;
  train_y_ = y;
  batch_size_ = static_cast<int>(std::min<Eigen::Index>(batch_size, x.rows()));
  shuffle_ = shuffle;
  batch_x_.resize(batch_size_, x.cols());
  batch_y_.resize(batch_size_, y.cols());
  order_.resize(x.rows());
  for (size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<int32_t>(i);
  reserve_rows(batch_size_);
  cursor_batches_ = 0;
  epoch_loss_ = epoch_correct_ = 0;
  epoch_rows_ = 0;
}

template <class T>
void Sequential<T>::shuffle_order() {
  // Fisher-Yates with our own generator: identical on every platform.
  for (size_t i = order_.size(); i > 1; --i) std::swap(order_[i - 1], order_[shuffle_rng_.below(uint32_t(i))]);
}

template <class T>
void Sequential<T>::train_batch(Eigen::Index first_row, Eigen::Index rows, T* loss_out, double* correct) {
  for (Eigen::Index r = 0; r < rows; ++r) {
    const int32_t source = order_[first_row + r];
    batch_x_.row(r) = train_x_.row(source);
    batch_y_.row(r) = train_y_.row(source);
  }
  auto bx = batch_x_.topRows(rows);
  auto by = batch_y_.topRows(rows);
  forward(bx);
  const T loss = backward(bx, by, correct);
  const char* what = !std::isfinite(loss) ? (std::isnan(loss) ? "the loss became NaN" : "the loss became infinite")
                     : !grads_.allFinite() ? "a gradient became NaN or infinite"
                                           : nullptr;
  if (!what) {
    // A finite gradient times a large learning rate can still overflow: keep the
    // old weights (a copy into a preallocated vector, no allocation).
    params_before_step_ = params_;
    optimizer_.step(params_, grads_);
    if (params_.allFinite()) {
      *loss_out = loss;
      return;
    }
    params_ = params_before_step_;
    what = "the update made a weight NaN or infinite";
  }
  const int batch = cursor_batches_ + 1;
  throw DivergedError("training diverged at epoch " + std::to_string(epoch_ + 1) + ", batch " +
                          std::to_string(batch) + ": " + what +
                          "; the weights were kept from the last good step — try a lower learning rate",
                      epoch_ + 1, batch);
}

template <class T>
int Sequential<T>::train_steps(int steps, T* losses_out) {
  if (train_x_.rows() == 0) throw std::logic_error("no training data; call set_training_data() first");
  if (steps < 0) throw std::invalid_argument("steps must be >= 0, got " + std::to_string(steps));
  int epochs_done = 0;
  const Eigen::Index n = train_x_.rows();
  for (int s = 0; s < steps; ++s) {
    if (cursor_batches_ == 0) {  // a fresh epoch: reshuffle, and its figures start from zero
      if (shuffle_) shuffle_order();
      epoch_loss_ = epoch_correct_ = 0;
      epoch_rows_ = 0;
    }
    const Eigen::Index first = Eigen::Index(cursor_batches_) * batch_size_;
    const Eigen::Index rows = std::min<Eigen::Index>(batch_size_, n - first);
    T loss;
    double correct = 0;
    train_batch(first, rows, &loss, compile_.accuracy ? &correct : nullptr);
    if (losses_out) losses_out[s] = loss;
    epoch_loss_ += double(loss) * rows;
    epoch_correct_ += correct;
    epoch_rows_ += rows;
    if (++cursor_batches_ == batches_per_epoch()) {
      last_epoch_.epoch = epoch_;
      last_epoch_.loss = epoch_loss_ / double(epoch_rows_);
      last_epoch_.accuracy = compile_.accuracy ? epoch_correct_ / double(epoch_rows_) : 0.0;
      cursor_batches_ = 0;
      ++epoch_;
      ++epochs_done;
    }
  }
  return epochs_done;
}

template <class T>
EpochLogs Sequential<T>::train_epoch() {
  if (train_x_.rows() == 0) throw std::logic_error("no training data; call set_training_data() first");
  train_steps(batches_per_epoch() - cursor_batches_);
  return last_epoch_;
}

template <class T>
std::vector<EpochLogs> Sequential<T>::fit(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y,
                                          const FitOptions& options) {
  const double split = options.validation_split;
  if (!(split >= 0.0 && split < 1.0))
    throw std::invalid_argument("validationSplit must be in [0, 1), got " + std::to_string(split));
  if (split == 0.0) {
    Matrix<T> none(0, 0);
    return fit(x, y, options, none, none);
  }
  const Eigen::Index n = x.rows();
  const Eigen::Index split_at = static_cast<Eigen::Index>(std::floor(double(n) * (1.0 - split)));
  if (split_at < 1 || split_at >= n)
    throw std::invalid_argument("validationSplit " + std::to_string(split) + " leaves an empty " +
                                (split_at < 1 ? "training" : "validation") + " set for " + std::to_string(n) +
                                " samples");
  return fit(x.topRows(split_at), y.topRows(split_at), options, x.bottomRows(n - split_at),
             y.bottomRows(n - split_at));
}

template <class T>
std::vector<EpochLogs> Sequential<T>::fit(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y,
                                          const FitOptions& options, const ConstMatrixRef<T>& val_x,
                                          const ConstMatrixRef<T>& val_y) {
  require_compiled("fit");
  if (options.epochs < 0) throw std::invalid_argument("epochs must be >= 0, got " + std::to_string(options.epochs));
  const bool validate = val_x.rows() > 0;
  if (validate) check_xy(val_x, val_y, "validation x", "validation y");
  set_training_data(x, y, options.batch_size, options.shuffle);
  std::vector<EpochLogs> history;
  for (int e = 0; e < options.epochs; ++e) {
    EpochLogs logs = train_epoch();
    logs.epoch = e;
    if (validate) {
      logs.has_validation = true;
      std::tie(logs.val_loss, logs.val_accuracy) = evaluate(val_x, val_y);
    }
    history.push_back(logs);
    if (options.on_epoch_end && !options.on_epoch_end(logs)) break;
  }
  return history;
}

// ---- inference ---------------------------------------------------------------------

template <class T>
void Sequential<T>::predict_into(const ConstMatrixRef<T>& x, MatrixRef<T> out, T* activations) {
  ensure_built();
  if (x.cols() != input_dim_)
    throw std::invalid_argument("x must have " + std::to_string(input_dim_) +
                                " columns (the model's input size), got shape " + shape_string(x.rows(), x.cols()));
  if (out.rows() != x.rows() || out.cols() != output_dim())
    throw std::invalid_argument("prediction output must have shape " + shape_string(x.rows(), output_dim()) +
                                ", got " + shape_string(out.rows(), out.cols()));
  const Eigen::Index n = x.rows();
  for (Eigen::Index first = 0; first < n; first += kChunkRows) {
    const Eigen::Index rows = std::min(kChunkRows, n - first);
    out.middleRows(first, rows) = forward(x.middleRows(first, rows));
    if (!activations) continue;
    Eigen::Index neuron = 0;
    for (auto& layer : layers_)
      for (int j = 0; j < layer->units; ++j, ++neuron)
        for (Eigen::Index r = 0; r < rows; ++r) activations[neuron * n + first + r] = layer->a(r, j);
  }
}

template <class T>
Matrix<T> Sequential<T>::predict(const ConstMatrixRef<T>& x) {
  ensure_built();
  Matrix<T> out(x.rows(), output_dim());
  predict_into(x, out);
  return out;
}

template <class T>
std::pair<double, double> Sequential<T>::evaluate(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y) {
  require_compiled("evaluate");
  check_xy(x, y, "x", "y");
  const Eigen::Index n = x.rows();
  const bool logits = logits_for_loss();
  const bool fused = fused_output();
  double loss = 0, correct = 0;
  for (Eigen::Index first = 0; first < n; first += kChunkRows) {
    const Eigen::Index rows = std::min(kChunkRows, n - first);
    forward(x.middleRows(first, rows));
    Layer& last = *layers_.back();
    auto out = fused ? last.z.topRows(rows) : last.a.topRows(rows);
    const auto yy = y.middleRows(first, rows);
    loss += double(loss_forward_backward<T>(compile_.loss, logits, out, yy, last.dz.topRows(rows))) * rows;
    correct += accuracy_count<T>(compile_.loss, logits, out, yy);
  }
  return {loss / double(n) + double(regularization(false)), correct / double(n)};
}

// ---- weights -----------------------------------------------------------------------

template <class T>
Vector<T>& Sequential<T>::parameters() {
  ensure_built();
  return params_;
}

template <class T>
std::vector<Matrix<T>> Sequential<T>::get_weights() {
  ensure_built();
  std::vector<Matrix<T>> weights;
  for (auto& layer : layers_) {
    weights.emplace_back(layer->W);
    if (layer->config.use_bias) weights.emplace_back(layer->b);
  }
  return weights;
}

template <class T>
void Sequential<T>::set_weights(const std::vector<Matrix<T>>& weights) {
  ensure_built();
  size_t expected = 0;
  for (auto& layer : layers_) expected += layer->config.use_bias ? 2 : 1;
  if (weights.size() != expected)
    throw std::invalid_argument("setWeights expects " + std::to_string(expected) +
                                " arrays (kernel and bias per layer), got " + std::to_string(weights.size()));
  size_t i = 0;
  for (size_t l = 0; l < layers_.size(); ++l) {
    Layer& layer = *layers_[l];
    auto check = [&](const Matrix<T>& w, Eigen::Index rows, Eigen::Index cols, const char* what) {
      // A bias may come as [units] (1 row) or [units, 1].
      const bool ok = (w.rows() == rows && w.cols() == cols) || (rows == 1 && w.rows() == cols && w.cols() == 1);
      if (!ok)
        throw std::invalid_argument("setWeights: layer " + std::to_string(l) + " " + what + " must have shape " +
                                    shape_string(rows, cols) + ", got " + shape_string(w.rows(), w.cols()));
      if (!w.allFinite())
        throw std::invalid_argument("setWeights: layer " + std::to_string(l) + " " + what + " contains NaN or Inf");
    };
    check(weights[i], layer.in, layer.units, "kernel");
    if (layer.config.use_bias) check(weights[i + 1], 1, layer.units, "bias");
    layer.W = weights[i++];
    if (layer.config.use_bias) {
      const Matrix<T>& b = weights[i++];
      layer.b = Eigen::Map<const RowVector<T>>(b.data(), layer.units);
    }
  }
}

template <class T>
std::string Sequential<T>::summary() const {
  // Plain string building: <sstream> would pull the whole locale library into the wasm.
  std::string s = "Layer (type)           Activation  Output shape   Param #\n";
  const std::string rule = "=========================================================\n";
  s += rule;
  auto column = [](std::string text, size_t width) {
    text.resize(std::max(text.size() + 1, width), ' ');
    return text;
  };
  int in = input_dim_;
  for (size_t l = 0; l < configs_.size(); ++l) {
    const auto& c = configs_[l];
    const int64_t params = int64_t(in) * c.units + (c.use_bias ? c.units : 0);
    s += column("dense_" + std::to_string(l + 1) + " (Dense)", 23) + column(name_of(c.activation), 12) +
         column("[null, " + std::to_string(c.units) + "]", 15) + std::to_string(params) + "\n";
    in = c.units;
  }
  s += rule;
  s += "Total params: " + std::to_string(parameter_count()) + "\n";
  s += "Input shape: [null, " + std::to_string(input_dim_) + "]\n";
  return s;
}

template class Sequential<float>;
template class Sequential<double>;

}  // namespace nnplay
