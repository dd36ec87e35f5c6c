// The Keras-style Sequential model: Dense layers, compile, fit, predict.
//
// Sizes in comments: n = samples in a batch, in = a layer's input width,
// units = its output width. Layout: rows = samples; kernel [in, units]; bias [units].
//
// All parameters live in one flat vector and all gradients in another (llm.c
// style); each layer's kernel and bias are Eigen::Map views into them, so an
// optimizer step is one loop over one vector. Activations and their gradients
// are cached in per-layer buffers that grow once and are then reused: after
// the first step, training allocates nothing.
//
// Templated on the scalar: float is the engine; double exists so the tests can
// check gradients against finite differences without float round-off.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "nnplay/names.hpp"
#include "nnplay/optimizers.hpp"
#include "nnplay/random.hpp"
#include "nnplay/tensor.hpp"

namespace nnplay {

struct DenseConfig {
  int units = 1;
  Activation activation = Activation::Linear;
  bool use_bias = true;
  Initializer kernel_initializer = Initializer::GlorotUniform;
  Initializer bias_initializer = Initializer::Zeros;
  double l1 = 0.0;  // kernel regularizer: l1 * sum|W| + l2 * sum W^2 (Keras)
  double l2 = 0.0;
};

struct CompileConfig {
  LossKind loss = LossKind::MeanSquaredError;
  bool from_logits = false;
  OptimizerConfig optimizer;
  bool accuracy = true;  // compute the 'accuracy' metric (meaningful for classification)
};

// One epoch's figures. Training loss/accuracy are means over the epoch's
// batches weighted by batch size (what Keras and TF.js report), regularization
// included in the loss. has_validation is false when no validation data is used.
struct EpochLogs {
  int epoch = 0;  // 0-based
  double loss = 0, accuracy = 0;
  bool has_validation = false;
  double val_loss = 0, val_accuracy = 0;
};

struct FitOptions {
  int epochs = 1;
  int batch_size = 32;
  bool shuffle = true;
  double validation_split = 0.0;  // Keras: the last fraction of the rows, taken before shuffling
  // Called after every epoch; return false to stop training early.
  std::function<bool(const EpochLogs&)> on_epoch_end;
};

// Raised when the loss or a gradient becomes NaN/Inf. The update that would
// have written non-finite weights is not applied: the model keeps its last
// finite weights and can be reset or trained on with a lower learning rate.
class DivergedError : public std::runtime_error {
 public:
  DivergedError(const std::string& message, int epoch, int batch)
      : std::runtime_error(message), epoch(epoch), batch(batch) {}
  int epoch, batch;
};

template <class T>
class Sequential {
 public:
  // input_dim: the width of x (Keras inputShape [input_dim]). The seed drives the
  // weight initializers and the shuffling; same seed, same run, bit for bit.
  explicit Sequential(int input_dim, uint64_t seed = 1);
  Sequential(const Sequential&) = delete;  // layers hold views into our buffers
  Sequential& operator=(const Sequential&) = delete;
  ~Sequential();

  // Layers can be added until the model is first used (compile, predict,
  // weights); the weights are initialized then.
  void add(const DenseConfig& layer);
  void compile(const CompileConfig& config);

  // ---- whole-run training ------------------------------------------------------
  // x [n, input_dim]; y [n, output_dim], or [n, 1] class indices for the sparse loss.
  std::vector<EpochLogs> fit(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y, const FitOptions& options);
  std::vector<EpochLogs> fit(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y, const FitOptions& options,
                             const ConstMatrixRef<T>& val_x, const ConstMatrixRef<T>& val_y);

  // ---- step API for the playground ----------------------------------------------
  // Copies and validates the training data, and starts a fresh epoch.
  void set_training_data(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y, int batch_size, bool shuffle = true);
  // Trains `steps` batches, continuing through epochs (reshuffled at each epoch
  // start). Writes each batch's loss to losses_out (if not null). Returns the
  // number of epochs completed during the call.
  int train_steps(int steps, T* losses_out = nullptr);
  // Trains up to the end of the current epoch; returns its logs.
  EpochLogs train_epoch();
  int epoch() const { return epoch_; }           // completed epochs
  // Figures of the last completed epoch (means over its batches, as train_epoch returns).
  const EpochLogs& last_epoch_logs() const { return last_epoch_; }
  int batch_in_epoch() const { return cursor_batches_; }
  int batches_per_epoch() const;
  // Also recorded in compile_config(), so reinitialize() and saving keep it.
  void set_learning_rate(double lr) {
    optimizer_.set_learning_rate(lr);
    compile_.optimizer.learning_rate = lr;
  }

  // ---- inference -----------------------------------------------------------------
  Matrix<T> predict(const ConstMatrixRef<T>& x);  // [n, output_dim]
  // Same without allocating after the first call. If `activations` is not null it
  // receives every neuron's activation: neuron j (counted over all layers, input
  // side first) at activations[j * n + i] for sample i, n = x.rows().
  void predict_into(const ConstMatrixRef<T>& x, MatrixRef<T> out, T* activations = nullptr);
  // {loss (with regularization), accuracy} over a whole data set.
  std::pair<double, double> evaluate(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y);

  // ---- weights ---------------------------------------------------------------------
  // [kernel0 [in, units], bias0 [1, units], kernel1, ...] as Keras's get_weights().
  std::vector<Matrix<T>> get_weights();
  void set_weights(const std::vector<Matrix<T>>& weights);
  Vector<T>& parameters();  // the flat vector (kernel0 row-major, bias0, kernel1, ...)
  const Vector<T>& gradients() const { return grads_; }
  // Gradient of the loss on (x, y) w.r.t. every parameter, into gradients();
  // returns the loss. Used by the gradient checks; does not update weights.
  T compute_gradients(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y);

  // ---- description -----------------------------------------------------------------
  int input_dim() const { return input_dim_; }
  int output_dim() const;
  int layer_count() const { return static_cast<int>(configs_.size()); }
  const DenseConfig& layer_config(int i) const { return configs_.at(i); }
  int64_t parameter_count() const;
  int neuron_count() const;
  bool compiled() const { return compiled_; }
  const CompileConfig& compile_config() const { return compile_; }
  Optimizer<T>& optimizer() { return optimizer_; }
  uint64_t seed() const { return seed_; }
  std::string summary() const;  // Keras-style table: layer, output shape, params

  // Re-initializes the weights from `seed` and resets the optimizer and epoch.
  void reinitialize(uint64_t seed);

 private:
  struct Layer;
  void ensure_built();
  void require_compiled(const char* what) const;
  void check_xy(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y, const char* xname, const char* yname) const;
  bool fused_output() const;
  bool logits_for_loss() const;
  void reserve_rows(Eigen::Index rows);
  // Forward over the first n rows of x into the layer caches; returns the output [n, units].
  MatrixRef<T> forward(const ConstMatrixRef<T>& x);
  // Loss with gradient into the last layer, then backward through every layer.
  T backward(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y, double* correct);
  T regularization(bool add_gradient);
  void train_batch(Eigen::Index first_row, Eigen::Index rows, T* loss, double* correct);
  void shuffle_order();

  int input_dim_;
  uint64_t seed_;
  std::vector<DenseConfig> configs_;
  std::vector<std::unique_ptr<Layer>> layers_;
  bool built_ = false, compiled_ = false;
  CompileConfig compile_;
  Optimizer<T> optimizer_;
  Vector<T> params_, grads_;
  Vector<T> params_before_step_;  // restored when an update would write non-finite weights
  Eigen::Index cached_rows_ = 0;  // rows the layer caches can hold

  // step-API state
  Matrix<T> train_x_, train_y_;     // the training set, copied
  Matrix<T> batch_x_, batch_y_;     // the current batch, gathered in shuffled order
  std::vector<int32_t> order_;
  Random shuffle_rng_;
  int batch_size_ = 32;
  bool shuffle_ = true;
  int epoch_ = 0;
  int cursor_batches_ = 0;          // batches done in the current epoch
  double epoch_loss_ = 0, epoch_correct_ = 0;  // running sums over the current epoch
  EpochLogs last_epoch_;
  Eigen::Index epoch_rows_ = 0;
};

using Model = Sequential<float>;

}  // namespace nnplay
