// Sequential model: sizes checked at add, build into the flat buffers, forward
// and backward over the layers (layer.hpp), the training loop and the step API.
// See model.hpp for the layout and buffer design.
#include "nnplay/model.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "nnplay/dense_kernels.hpp"
#include "nnplay/limits.hpp"
#include "nnplay/losses.hpp"
#include "nnplay/names.hpp"

namespace nnplay {
namespace {

constexpr Eigen::Index kChunkRows = 1024;  // inference batch: bounds the cache size
constexpr Eigen::Index kScratchPad = 16;   // floats (64 bytes) between the neuron-major scratch rows (predict_neuron_major)
constexpr uint64_t kShuffleSalt = 0xA5A5A5A5A5A5A5A5ull;

std::string shape_string(Eigen::Index rows, Eigen::Index cols) {
  return "[" + std::to_string(rows) + ", " + std::to_string(cols) + "]";
}

std::string layer_label(const char* type, size_t index) { return "layer " + std::to_string(index) + " (" + type + ")"; }

}  // namespace

template <class T>
Sequential<T>::Sequential(int input_dim, uint64_t seed) : input_dim_(input_dim), seed_(seed) {
  if (input_dim < 1 || input_dim > limits::kMaxFeatures)
    throw std::invalid_argument("input size must be between 1 and " + std::to_string(limits::kMaxFeatures) + ", got " +
                                std::to_string(input_dim));
  shuffle_rng_.reseed(seed ^ kShuffleSalt);
}

template <class T>
Sequential<T>::~Sequential() = default;

template <class T>
void Sequential<T>::add(const DenseConfig& config) {
  add("dense", to_layer_config(config));
}

template <class T>
void Sequential<T>::add(const std::string& type, const LayerConfig& config) {
  const std::string which = "layer " + std::to_string(layers_.size()) + " (" + layer_type(type).name + ")";
  // "name" belongs to the model (every layer may have one), not to the type's settings.
  LayerConfig settings;
  std::string name;
  for (const auto& [key, value] : config.items()) {
    if (key != "name") {
      settings.set(key, value);
      continue;
    }
    if (value.kind != SettingValue::Kind::Text) throw std::invalid_argument(which + ": name must be a text");
    name = value.text;
  }
  add(make_layer<T>(type, settings, which), name);
}

namespace {

// TensorFlow.js's isValidTensorName: a letter or digit, then letters, digits, - . _ /.
bool valid_layer_name(const std::string& name) {
  if (name.empty() || name.size() > 200 || !std::isalnum(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.' && c != '_' && c != '/') return false;
  return true;
}

}  // namespace

template <class T>
std::string Sequential<T>::layer_name(int i) const {
  if (!names_.at(size_t(i)).empty()) return names_[size_t(i)];
  int number = 0;  // Keras numbers each type on its own: dense_1, dropout_1, dense_2
  for (int k = 0; k <= i; ++k)
    if (std::string(layers_[size_t(k)]->type()) == layers_[size_t(i)]->type()) ++number;
  return std::string(layers_[size_t(i)]->type()) + "_" + std::to_string(number);
}

template <class T>
void Sequential<T>::add(std::unique_ptr<Layer<T>> layer, const std::string& name) {
  if (!layer) throw std::invalid_argument("add: no layer given");
  const std::string which = "layer " + std::to_string(layers_.size()) + " (" + layer->type() + ")";
  if (!name.empty() && !valid_layer_name(name))
    throw std::invalid_argument(which + ": name must start with a letter or digit and hold only letters, digits, - . _ / " +
                                "(at most 200), got \"" + name.substr(0, 40) + "\"");
  if (built_) throw std::logic_error("cannot add " + which + ": the model is already built (weights exist)");
  if (int64_t(layers_.size()) >= limits::kMaxLayers)
    throw std::invalid_argument("cannot add " + which + ": a model has at most " + std::to_string(limits::kMaxLayers) +
                                " layers");
  // Every size is checked here, before anything is allocated.
  const int in = output_dim();
  const int out = layer->output_dim(in);
  if (out < 1 || out > limits::kMaxUnits)
    throw std::invalid_argument(which + ": output width must be in 1.." + std::to_string(limits::kMaxUnits) + ", got " +
                                std::to_string(out));
  const int64_t params = count_parameters(layer->weight_shapes(in), which);
  if (total_params_ + params > limits::kMaxParameters)
    throw std::invalid_argument(which + ": the model would have " + std::to_string(total_params_ + params) +
                                " parameters, more than the limit of " + std::to_string(limits::kMaxParameters));
  layers_.push_back(std::move(layer));
  names_.push_back(name);
  // Names are unique, the defaults included (Keras refuses a second "dense_1").
  const std::string resolved = layer_name(int(layers_.size()) - 1);
  for (int k = 0; k + 1 < int(layers_.size()); ++k)
    if (layer_name(k) == resolved) {
      layers_.pop_back();
      names_.pop_back();
      throw std::invalid_argument(which + ": the name \"" + resolved + "\" is already used by layer " + std::to_string(k) +
                                  "; layer names must be unique");
    }
  output_dims_.push_back(out);
  layer_params_.push_back(params);
  total_params_ += params;
}

template <class T>
int Sequential<T>::output_dim() const {
  return output_dims_.empty() ? input_dim_ : output_dims_.back();
}

template <class T>
int64_t Sequential<T>::parameter_count() const {
  return total_params_;
}

template <class T>
int Sequential<T>::neuron_count() const {
  int total = 0;
  for (const auto& layer : layers_) total += layer->neurons();
  return total;
}

template <class T>
int Sequential<T>::batches_per_epoch() const {
  const Eigen::Index n = train_x_.rows();
  return n == 0 ? 0 : static_cast<int>((n + batch_size_ - 1) / batch_size_);
}

template <class T>
void Sequential<T>::ensure_built() {
  if (built_) return;
  if (layers_.empty()) throw std::logic_error("the model has no layers; add at least one Dense layer");
  params_.setZero(total_params_);
  grads_.setZero(total_params_);
  int64_t offset = 0;
  int in = input_dim_;
  for (size_t l = 0; l < layers_.size(); ++l) {
    layers_[l]->build(in, params_.data() + offset, grads_.data() + offset);
    offset += layer_params_[l];
    in = layers_[l]->units();
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
  for (size_t l = 0; l < layers_.size(); ++l) layers_[l]->initialize(rng, seed, int(l));
  shuffle_rng_.reseed(seed ^ kShuffleSalt);
  if (compiled_) optimizer_.reset(compile_.optimizer, params_.size());
  epoch_ = 0;
  cursor_batches_ = 0;
  epoch_loss_ = epoch_correct_ = 0;
  epoch_rows_ = 0;
  has_resume_ = false;
}

template <class T>
void Sequential<T>::compile(const CompileConfig& config) {
  // Validate before building anything: a failed compile leaves the model as it was.
  if (layers_.empty()) throw std::logic_error("the model has no layers; add at least one Dense layer");
  const int units = output_dim();
  const bool categorical = config.loss == LossKind::CategoricalCrossentropy ||
                           config.loss == LossKind::SparseCategoricalCrossentropy;
  if (categorical && units < 2)
    throw std::invalid_argument(std::string("loss ") + name_of(config.loss) +
                                " needs an output layer of at least 2 units (one per class), got " +
                                std::to_string(units) + "; for two classes use 1 sigmoid unit and binaryCrossentropy");
  validate(config.optimizer);
  ensure_built();
  optimizer_.reset(config.optimizer, params_.size());
  compile_ = config;
  compiled_ = true;
  // Training data set earlier must fit the new loss (its labels are read as
  // class indices by the sparse loss): if it does not, it is dropped, and
  // training says why.
  if (train_x_.rows() > 0) {
    try {
      check_xy(train_x_, train_y_, "x", "y");
    } catch (const std::invalid_argument& e) {
      train_data_dropped_ = std::string("the training data was cleared because it does not fit loss ") +
                            name_of(config.loss) + ": " + e.what() + "; call set_training_data() again";
      train_x_.resize(0, 0);
      train_y_.resize(0, 0);
      cursor_batches_ = 0;
    }
  }
}

template <class T>
void Sequential<T>::require_compiled(const char* what) const {
  if (!compiled_) throw std::logic_error(std::string(what) + " needs a compiled model; call compile() first");
}

template <class T>
bool Sequential<T>::fused_output(const CompileConfig& c) const {
  if (c.from_logits) return false;
  const Activation g = layers_.back()->activation();
  return (c.loss == LossKind::BinaryCrossentropy && g == Activation::Sigmoid) ||
         ((c.loss == LossKind::CategoricalCrossentropy || c.loss == LossKind::SparseCategoricalCrossentropy) &&
          g == Activation::Softmax);
}

template <class T>
bool Sequential<T>::logits_for_loss() const {
  return compile_.from_logits || fused_output(compile_);
}

template <class T>
void Sequential<T>::check_labels(const ConstMatrixRef<T>& y, const char* yname, LossKind loss) const {
  const int units = output_dim();
  if (loss == LossKind::SparseCategoricalCrossentropy) {
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
    return;
  }
  if (y.cols() != units)
    throw std::invalid_argument(std::string(yname) + " must have " + std::to_string(units) +
                                " columns (the output layer's units) for " + name_of(loss) + ", got shape " +
                                shape_string(y.rows(), y.cols()));
  // Cross-entropy targets are probabilities: a label like 7 would train without
  // complaint towards a meaningless loss. (Sparse class indices are checked above.)
  if (loss == LossKind::BinaryCrossentropy || loss == LossKind::CategoricalCrossentropy)
    for (Eigen::Index r = 0; r < y.rows(); ++r)
      for (Eigen::Index c = 0; c < y.cols(); ++c)
        if (!(y(r, c) >= T(0) && y(r, c) <= T(1)))
          throw std::invalid_argument(std::string(yname) + " row " + std::to_string(r) + ", column " + std::to_string(c) +
                                      ": " + number_text(double(y(r, c))) + " is not a valid " + name_of(loss) +
                                      " target; targets must be in [0, 1] (class labels 0 and 1, or probabilities; "
                                      "for class indices use sparseCategoricalCrossentropy)");
}

template <class T>
void Sequential<T>::check_xy(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y, const char* xname,
                             const char* yname) const {
  if (x.rows() == 0) throw std::invalid_argument(std::string(xname) + " is empty: need at least one sample");
  if (x.rows() > limits::kMaxRows)
    throw std::invalid_argument(std::string(xname) + " has " + std::to_string(x.rows()) + " rows, more than the limit of " +
                                std::to_string(limits::kMaxRows));
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
  check_labels(y, yname, compile_.loss);
}

template <class T>
void Sequential<T>::reserve_rows(Eigen::Index rows) {
  if (rows <= cached_rows_) return;
  for (size_t l = 0; l < layers_.size(); ++l)
    checked_product(rows, std::max(layers_[l]->input_dim(), layers_[l]->units()), limits::kMaxElements,
                    "a batch of " + std::to_string(rows) + " rows through " + layer_label(layers_[l]->type(), l));
  for (auto& layer : layers_) layer->reserve(rows);
  cached_rows_ = rows;
}

template <class T>
ConstMatrixRef<T> Sequential<T>::forward(const ConstMatrixRef<T>& x, bool training, bool logits_only) {
  const Eigen::Index n = x.rows();
  reserve_rows(n);
  const bool fused = compiled_ && fused_output(compile_);
  const T* input = x.data();
  Eigen::Index input_stride = x.outerStride();
  for (size_t l = 0; l < layers_.size(); ++l) {
    Layer<T>& layer = *layers_[l];
    if (logits_only && fused && l + 1 == layers_.size())
      layer.forward_logits(input, input_stride, n, training);
    else
      layer.forward(input, input_stride, n, training);
    input = layer.output();
    input_stride = layer.units();
  }
  Layer<T>& last = *layers_.back();
  return Eigen::Map<const Matrix<T>>(fused ? last.logits() : last.output(), n, last.units());
}

template <class T>
T Sequential<T>::regularization(bool add_gradient) {
  T total = 0;
  for (auto& layer : layers_) total += layer->regularization(add_gradient);
  return total;
}

template <class T>
T Sequential<T>::backward(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y, double* correct) {
  const Eigen::Index n = x.rows();
  Layer<T>& last = *layers_.back();
  const bool fused = fused_output(compile_);
  const bool logits = logits_for_loss();
  // Fused: the loss sees z and hands back dL/dz, skipping the activation's backward.
  const Eigen::Map<const Matrix<T>> out(fused ? last.logits() : last.output(), n, last.units());
  Eigen::Map<Matrix<T>> grad(fused ? last.logits_grad() : last.output_grad(), n, last.units());
  const T loss = loss_and_accuracy<T>(compile_.loss, logits, out, y, grad, correct);

  for (size_t l = layers_.size(); l-- > 0;) {
    Layer<T>& layer = *layers_[l];
    const T* input = l == 0 ? x.data() : layers_[l - 1]->output();
    const Eigen::Index input_stride = l == 0 ? x.outerStride() : layer.input_dim();
    layer.backward(input, input_stride, n, l > 0 ? layers_[l - 1]->output_grad() : nullptr, fused && l + 1 == layers_.size());
  }
  return loss + regularization(true);
}

template <class T>
T Sequential<T>::compute_gradients(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y, bool training) {
  require_compiled("compute_gradients");
  check_xy(x, y, "x", "y");
  forward(x, training);
  return backward(x, y, nullptr);
}

// ---- training ----------------------------------------------------------------------

template <class T>
void Sequential<T>::set_training_data(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y, int batch_size,
                                      bool shuffle, bool resume) {
  require_compiled("training");
  if (batch_size < 1)
    throw std::invalid_argument("batchSize must be at least 1, got " + std::to_string(batch_size));
  check_xy(x, y, "x", "y");
  const int batch = static_cast<int>(std::min<Eigen::Index>(batch_size, x.rows()));
  reserve_rows(batch);
  train_x_ = x;
  train_y_ = y;
  train_data_dropped_.clear();
  batch_size_ = batch;
  shuffle_ = shuffle;
  batch_x_.resize(batch_size_, x.cols());
  batch_y_.resize(batch_size_, y.cols());
  order_.resize(size_t(x.rows()));
  for (size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<int32_t>(i);
  cursor_batches_ = 0;
  epoch_loss_ = epoch_correct_ = 0;
  epoch_rows_ = 0;
  // A saved mid-epoch position continues only on the data it was saved with.
  if (has_resume_ && resume && resume_.batch_in_epoch > 0 && resume_.rows == x.rows() &&
      resume_.batch_size == batch_size_ && resume_.shuffle == shuffle_ && resume_.batch_in_epoch < batches_per_epoch()) {
    shuffle_rng_.set_state(resume_.epoch_start_rng);
    epoch_start_rng_ = resume_.epoch_start_rng;
    if (shuffle_)
      for (size_t i = order_.size(); i > 1; --i) std::swap(order_[i - 1], order_[shuffle_rng_.below(uint32_t(i))]);
    cursor_batches_ = resume_.batch_in_epoch;
    epoch_loss_ = resume_.epoch_loss;
    epoch_correct_ = resume_.epoch_correct;
    epoch_rows_ = resume_.epoch_rows;
  }
  has_resume_ = false;
}

template <class T>
void Sequential<T>::start_epoch() {
  // Each epoch's order is a fresh Fisher-Yates shuffle of 0..n-1 with our own
  // generator (identical on every platform); starting from the identity means
  // the generator's state before the shuffle is all a saved model needs.
  epoch_start_rng_ = shuffle_rng_.state();
  for (size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<int32_t>(i);
  if (shuffle_)
    for (size_t i = order_.size(); i > 1; --i) std::swap(order_[i - 1], order_[shuffle_rng_.below(uint32_t(i))]);
  epoch_loss_ = epoch_correct_ = 0;
  epoch_rows_ = 0;
}

template <class T>
void Sequential<T>::train_batch(Eigen::Index first_row, Eigen::Index rows, T* loss_out, double* correct) {
  // In order (no shuffling), a batch is a block of the training set as it is;
  // shuffled, its rows are gathered into the batch buffers.
  const Eigen::Index x_cols = train_x_.cols(), y_cols = train_y_.cols();
  const T* bx = train_x_.data() + first_row * x_cols;
  const T* by = train_y_.data() + first_row * y_cols;
  if (shuffle_) {
    // Column by column: a playground's rows are a few values each, too short
    // for a memcpy call per row to pay.
    const int32_t* order = order_.data() + first_row;
    for (Eigen::Index c = 0; c < x_cols; ++c)
      for (Eigen::Index r = 0; r < rows; ++r) batch_x_.data()[r * x_cols + c] = train_x_.data()[order[r] * x_cols + c];
    for (Eigen::Index c = 0; c < y_cols; ++c)
      for (Eigen::Index r = 0; r < rows; ++r) batch_y_.data()[r * y_cols + c] = train_y_.data()[order[r] * y_cols + c];
    bx = batch_x_.data();
    by = batch_y_.data();
  }
  const Eigen::Map<const Matrix<T>> x(bx, rows, x_cols), y(by, rows, y_cols);
  // The fused loss reads the last layer's logits: its sigmoid or softmax, which
  // nothing reads here, is not computed (W3's softmax was 6 % of its time).
  forward(x, true, true);
  const T loss = backward(x, y, correct);
  // The optimizer writes nothing when an update would make a weight or one of
  // its own slots non-finite (a non-finite gradient always does).
  const char* what = !std::isfinite(loss) ? (std::isnan(loss) ? "the loss became NaN" : "the loss became infinite")
                     : optimizer_.step(params_, grads_) ? nullptr
                     : !grads_.allFinite()              ? "a gradient became NaN or infinite"
                                                        : "the update made a weight NaN or infinite";
  if (!what) {
    *loss_out = loss;
    return;
  }
  const int batch = cursor_batches_ + 1;
  throw DivergedError("training diverged at epoch " + std::to_string(epoch_ + 1) + ", batch " +
                          std::to_string(batch) + ": " + what +
                          "; the weights were kept from the last good step — try a lower learning rate",
                      epoch_ + 1, batch);
}

template <class T>
int Sequential<T>::train_steps(int steps, T* losses_out) {
  if (train_x_.rows() == 0)
    throw std::logic_error(train_data_dropped_.empty() ? "no training data; call set_training_data() first"
                                                       : train_data_dropped_);
  if (steps < 0) throw std::invalid_argument("steps must be >= 0, got " + std::to_string(steps));
  int epochs_done = 0;
  const Eigen::Index n = train_x_.rows();
  for (int s = 0; s < steps; ++s) {
    if (cursor_batches_ == 0) start_epoch();
    const Eigen::Index first = Eigen::Index(cursor_batches_) * batch_size_;
    const Eigen::Index rows = std::min<Eigen::Index>(batch_size_, n - first);
    T loss;
    double correct = 0;
    train_batch(first, rows, &loss, compile_.accuracy ? &correct : nullptr);
    if (losses_out) losses_out[s] = loss;
    epoch_loss_ += double(loss) * double(rows);
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
  if (train_x_.rows() == 0) train_steps(0);  // throws the reason
  train_steps(batches_per_epoch() - cursor_batches_);
  return last_epoch_;
}

template <class T>
std::vector<EpochLogs> Sequential<T>::fit(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y,
                                          const FitOptions& options) {
  const double split = options.validation_split;
  if (!(split >= 0.0 && split < 1.0))
    throw std::invalid_argument("validationSplit must be in [0, 1), got " + number_text(split));
  if (split == 0.0) {
    Matrix<T> none(0, 0);
    return fit(x, y, options, none, none);
  }
  const Eigen::Index n = x.rows();
  const Eigen::Index split_at = static_cast<Eigen::Index>(std::floor(double(n) * (1.0 - split)));
  if (split_at < 1 || split_at >= n)
    throw std::invalid_argument("validationSplit " + number_text(split) + " leaves an empty " +
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
  // fit() always starts at an epoch boundary (its epochs are whole epochs).
  set_training_data(x, y, options.batch_size, options.shuffle, false);
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
  if (std::all_of(layers_.begin(), layers_.end(),
                  [](const auto& layer) { return layer->neuron_major() != Layer<T>::NeuronMajor::kNone; })) {
    predict_neuron_major(x, out, activations);
    return;
  }
  const Eigen::Index n = x.rows();
  for (Eigen::Index first = 0; first < n; first += kChunkRows) {
    const Eigen::Index rows = std::min(kChunkRows, n - first);
    forward(x.middleRows(first, rows), false);
    const Layer<T>& last = *layers_.back();
    out.middleRows(first, rows) = Eigen::Map<const Matrix<T>>(last.output(), rows, last.units());
    if (!activations) continue;
    // Each layer's [rows, units] block into its neurons' rows of the neuron-major output.
    T* neuron_rows = activations + first;
    for (const auto& layer : layers_) {
      if (layer->neurons() == 0) continue;
      transpose_into(neuron_rows, n, layer->output(), rows, layer->units());
      neuron_rows += int64_t(layer->units()) * n;
    }
  }
}

// predict_into when every layer has a neuron-major path (layer.hpp): each
// chunk's inputs are turned feature-major once, then every layer writes its
// units' rows straight into the neuron-major `activations` (when given) or
// into scratch, so the maps cost no transposition, and only the last layer's
// outputs are turned back into rows of `out`. Values equal forward()'s.
template <class T>
void Sequential<T>::predict_neuron_major(const ConstMatrixRef<T>& x, MatrixRef<T> out, T* activations) {
  const Eigen::Index n = x.rows(), chunk = std::min(kChunkRows, n);
  // Rows of the scratch blocks are `stride` apart, not `chunk`: 1024 floats
  // (4 KB) apart, a layer's input rows and its output rows all fall in the same
  // L1 sets, and loads alias the stores in flight 4 KB away.
  const Eigen::Index stride = chunk + kScratchPad;
  Eigen::Index widest = input_dim_;
  for (const auto& layer : layers_) widest = std::max<Eigen::Index>(widest, layer->units());
  neuron_major_scratch_.resize(3 * widest * stride);  // <= 3 * kMaxUnits * 1040 values; grows once
  T* const inputs = neuron_major_scratch_.data();
  T* const scratch[2] = {inputs + widest * stride, inputs + 2 * widest * stride};
  for (Eigen::Index first = 0; first < n; first += chunk) {
    const Eigen::Index rows = std::min(chunk, n - first);
    for (Eigen::Index r = 0; r < rows; ++r)
      for (int k = 0; k < input_dim_; ++k) inputs[k * stride + r] = x(first + r, k);
    const T* in = inputs;
    Eigen::Index ld_in = stride;
    T* neuron_rows = activations ? activations + first : nullptr;
    int next_scratch = 0;
    for (const auto& layer : layers_) {
      if (layer->neuron_major() == Layer<T>::NeuronMajor::kIdentity) continue;
      T* dst;
      Eigen::Index ld;
      if (neuron_rows && layer->neurons() > 0) {
        dst = neuron_rows, ld = n;
        neuron_rows += int64_t(layer->units()) * n;
      } else {
        dst = scratch[next_scratch], ld = stride;
        next_scratch ^= 1;
      }
      layer->forward_neuron_major(in, ld_in, rows, dst, ld);
      in = dst, ld_in = ld;
    }
    for (Eigen::Index r = 0; r < rows; ++r)
      for (Eigen::Index u = 0; u < out.cols(); ++u) out(first + r, u) = in[u * ld_in + r];
  }
}

template <class T>
void Sequential<T>::forward_pass(const ConstMatrixRef<T>& x) {
  ensure_built();
  if (x.cols() != input_dim_)
    throw std::invalid_argument("x must have " + std::to_string(input_dim_) +
                                " columns (the model's input size), got shape " + shape_string(x.rows(), x.cols()));
  forward(x, false);
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
  double loss = 0, correct = 0;
  Layer<T>& last = *layers_.back();
  for (Eigen::Index first = 0; first < n; first += kChunkRows) {
    const Eigen::Index rows = std::min(kChunkRows, n - first);
    const auto out = forward(x.middleRows(first, rows), false);
    const auto yy = y.middleRows(first, rows);
    Eigen::Map<Matrix<T>> scratch(last.output_grad(), rows, last.units());  // the gradient is not used
    double chunk_correct = 0;
    loss += double(loss_and_accuracy<T>(compile_.loss, logits, out, yy, scratch, &chunk_correct)) * double(rows);
    correct += chunk_correct;
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
std::vector<WeightShape> Sequential<T>::weight_shapes() const {
  std::vector<WeightShape> shapes;
  for (size_t l = 0; l < layers_.size(); ++l)
    for (const WeightShape& w : layers_[l]->weight_shapes(l == 0 ? input_dim_ : output_dims_[l - 1])) shapes.push_back(w);
  return shapes;
}

template <class T>
std::vector<Matrix<T>> Sequential<T>::get_weights() {
  ensure_built();
  std::vector<Matrix<T>> weights;
  const T* p = params_.data();
  for (const WeightShape& w : weight_shapes()) {
    weights.emplace_back(Eigen::Map<const Matrix<T>>(p, w.rows, w.cols));
    p += w.rows * w.cols;
  }
  return weights;
}

template <class T>
void Sequential<T>::set_weights(const std::vector<Matrix<T>>& weights) {
  ensure_built();
  const std::vector<WeightShape> shapes = weight_shapes();
  if (weights.size() != shapes.size())
    throw std::invalid_argument("setWeights expects " + std::to_string(shapes.size()) +
                                " arrays (kernel and bias per layer), got " + std::to_string(weights.size()));
  std::vector<size_t> owner;  // the layer of each array, for the messages
  for (size_t l = 0; l < layers_.size(); ++l)
    owner.insert(owner.end(), layers_[l]->weight_shapes(l == 0 ? input_dim_ : output_dims_[l - 1]).size(), l);
  // Check everything, then write: a bad array leaves every weight as it was.
  for (size_t i = 0; i < shapes.size(); ++i) {
    const WeightShape& s = shapes[i];
    const Matrix<T>& w = weights[i];
    const std::string what = "setWeights: layer " + std::to_string(owner[i]) + " " + s.name + " (array " +
                             std::to_string(i) + ")";
    // A bias may come as [units] (1 row) or [units, 1].
    const bool ok = (w.rows() == s.rows && w.cols() == s.cols) || (s.vector && w.rows() == s.cols && w.cols() == 1);
    if (!ok)
      throw std::invalid_argument(what + " must have shape " +
                                  (s.vector ? "[" + std::to_string(s.cols) + "] or " : std::string()) +
                                  shape_string(s.rows, s.cols) + ", got " + shape_string(w.rows(), w.cols()));
    if (!w.allFinite()) throw std::invalid_argument(what + " contains NaN or Inf");
  }
  T* p = params_.data();
  for (size_t i = 0; i < shapes.size(); ++i) {
    const Eigen::Index size = shapes[i].rows * shapes[i].cols;
    std::copy(weights[i].data(), weights[i].data() + size, p);  // row-major either way
    p += size;
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
  for (size_t l = 0; l < layers_.size(); ++l) {
    const Layer<T>& layer = *layers_[l];
    const std::string activation = layer.neurons() > 0 ? name_of(layer.activation()) : "";
    s += column(layer_name(int(l)) + " (" + layer.class_name() + ")", 23) + column(activation, 12) +
         column("[null, " + std::to_string(output_dims_[l]) + "]", 15) + std::to_string(layer_params_[l]) + "\n";
  }
  s += rule;
  s += "Total params: " + std::to_string(parameter_count()) + "\n";
  s += "Input shape: [null, " + std::to_string(input_dim_) + "]\n";
  return s;
}

// ---- saving and resuming -----------------------------------------------------------

template <class T>
TrainingState Sequential<T>::training_state() const {
  if (has_resume_ && train_x_.rows() == 0) {
    // Loaded and not yet given data: the position is still the saved one.
    TrainingState s = resume_;
    s.shuffle_rng = shuffle_rng_.state();
    s.layer_random.clear();
    for (const auto& layer : layers_) s.layer_random.push_back(layer->random_state());
    return s;
  }
  TrainingState s;
  s.epoch = epoch_;
  s.batch_in_epoch = cursor_batches_;
  s.batch_size = train_x_.rows() > 0 ? batch_size_ : 0;
  s.shuffle = shuffle_;
  s.rows = train_x_.rows();
  s.shuffle_rng = shuffle_rng_.state();
  s.epoch_start_rng = cursor_batches_ > 0 ? epoch_start_rng_ : shuffle_rng_.state();
  s.epoch_loss = epoch_loss_;
  s.epoch_correct = epoch_correct_;
  s.epoch_rows = epoch_rows_;
  for (const auto& layer : layers_) s.layer_random.push_back(layer->random_state());
  return s;
}

template <class T>
void Sequential<T>::restore_training_state(const TrainingState& s) {
  ensure_built();
  if (s.epoch < 0 || s.batch_in_epoch < 0 || s.batch_size < 0 || s.rows < 0 || s.epoch_rows < 0)
    throw std::invalid_argument("training state: counters must be >= 0");
  if (!s.layer_random.empty() && s.layer_random.size() != layers_.size())
    throw std::invalid_argument("training state: random state for " + std::to_string(s.layer_random.size()) +
                                " layers, the model has " + std::to_string(layers_.size()));
  // Check every part before changing anything.
  Random probe;
  probe.set_state(s.shuffle_rng);
  probe.set_state(s.epoch_start_rng);
  for (size_t l = 0; l < s.layer_random.size(); ++l)
    if (s.layer_random[l].size() != layers_[l]->random_state().size())
      throw std::invalid_argument("training state: layer " + std::to_string(l) + " random state has " +
                                  std::to_string(s.layer_random[l].size()) + " numbers, expected " +
                                  std::to_string(layers_[l]->random_state().size()));
  for (size_t l = 0; l < s.layer_random.size(); ++l)
    if (!s.layer_random[l].empty()) layers_[l]->set_random_state(s.layer_random[l]);
  shuffle_rng_.set_state(s.shuffle_rng);
  epoch_ = s.epoch;
  cursor_batches_ = 0;
  resume_ = s;
  has_resume_ = true;
}

template class Sequential<float>;
template class Sequential<double>;

}  // namespace nnplay
