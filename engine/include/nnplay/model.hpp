// The Keras-style Sequential model: a stack of layers (layer.hpp), compile, fit,
// predict.
//
// Sizes in comments: n = samples in a batch, in = a layer's input width,
// units = its output width. Layout: rows = samples; kernel [in, units]; bias [units].
//
// All parameters live in one flat vector and all gradients in another (llm.c
// style); each layer's weights are Eigen::Map views into them, so an optimizer
// step is one loop over one vector. Activations and their gradients are cached
// in per-layer buffers that grow once and are then reused: after the first
// step, training allocates nothing.
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

#include "nnplay/dense.hpp"
#include "nnplay/layer.hpp"
#include "nnplay/names.hpp"
#include "nnplay/optimizers.hpp"
#include "nnplay/random.hpp"
#include "nnplay/tensor.hpp"

namespace nnplay {

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
// have written non-finite values is not applied: the weights and the optimizer's
// state (slots, step count) stay as they were after the last good step, so the
// model can be reset or trained on with a lower learning rate.
class DivergedError : public std::runtime_error {
 public:
  DivergedError(const std::string& message, int epoch, int batch)
      : std::runtime_error(message), epoch(epoch), batch(batch) {}
  int epoch, batch;
};

// Where training stands, beyond the weights and the optimizer: what a saved
// model needs so that, loaded again, it continues exactly as the uninterrupted
// run would have (bit for bit, shuffling and dropout included).
struct TrainingState {
  int epoch = 0;                 // completed epochs
  int batch_in_epoch = 0;        // batches done in the current epoch
  int batch_size = 0;            // 0: no training data was set
  bool shuffle = true;
  int64_t rows = 0;              // training rows the position refers to
  Random::State shuffle_rng{};            // the shuffle generator now
  Random::State epoch_start_rng{};        // ... and before this epoch's shuffle
  double epoch_loss = 0, epoch_correct = 0;  // running sums over the current epoch
  int64_t epoch_rows = 0;
  std::vector<std::vector<uint32_t>> layer_random;  // per layer (dropout masks), empty if none
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
  // weights); the weights are initialized then. Each add checks the sizes
  // (limits.hpp) before anything is allocated.
  void add(const DenseConfig& layer);
  // Any registered type: add("dropout", {{"rate", ...}}). A "name" in the config
  // names the layer (as Keras's name=); it is not one of the type's settings.
  void add(const std::string& type, const LayerConfig& config);
  // name: "" for the default (Keras's: the type and its count, dense_1, dropout_1, dense_2).
  void add(std::unique_ptr<Layer<T>> layer, const std::string& name = "");
  // Validates everything first: a config that fails leaves the model as it was.
  void compile(const CompileConfig& config);

  // ---- whole-run training ------------------------------------------------------
  // x [n, input_dim]; y [n, output_dim], or [n, 1] class indices for the sparse loss.
  std::vector<EpochLogs> fit(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y, const FitOptions& options);
  std::vector<EpochLogs> fit(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y, const FitOptions& options,
                             const ConstMatrixRef<T>& val_x, const ConstMatrixRef<T>& val_y);

  // ---- step API for the playground ----------------------------------------------
  // Copies and validates the training data. The epoch position restarts, unless
  // `resume` and the model was loaded mid-epoch with a training state for data
  // of these rows, batch size and shuffling: then training continues exactly
  // where the saved run stopped.
  void set_training_data(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y, int batch_size, bool shuffle = true,
                         bool resume = true);
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

  // ---- inference (no compile needed, as in Keras: weights are made on first use) --
  Matrix<T> predict(const ConstMatrixRef<T>& x);  // [n, output_dim]
  // Same without allocating after the first call. If `activations` is not null it
  // receives every neuron's activation: neuron j (counted over the layers that
  // have neurons, input side first) at activations[j * n + i] for sample i, n = x.rows().
  void predict_into(const ConstMatrixRef<T>& x, MatrixRef<T> out, T* activations = nullptr);
  // {loss (with regularization), accuracy} over a whole data set.
  std::pair<double, double> evaluate(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y);
  // One inference pass over all of x (no dropout, no chunking), leaving each
  // layer's activations in layer(l).output() [x.rows(), units] until the next
  // pass; compute_gradients leaves them too. For diagnostics.hpp, which keeps x small.
  void forward_pass(const ConstMatrixRef<T>& x);

  // ---- weights ---------------------------------------------------------------------
  // [kernel0 [in, units], bias0 [1, units], kernel1, ...] as Keras's get_weights().
  std::vector<Matrix<T>> get_weights();
  // The shapes get_weights() returns, in order (a bias as [1, units]).
  std::vector<WeightShape> weight_shapes() const;
  // Checks every array (count, shapes, finiteness), then writes them all: a bad
  // array leaves every weight as it was.
  void set_weights(const std::vector<Matrix<T>>& weights);
  Vector<T>& parameters();  // the flat vector (kernel0 row-major, bias0, kernel1, ...)
  const Vector<T>& gradients() const { return grads_; }
  // Gradient of the loss on (x, y) w.r.t. every parameter, into gradients();
  // returns the loss. Used by the gradient checks; does not update weights.
  // training: apply dropout (with the layers' current random state).
  T compute_gradients(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y, bool training = false);

  // ---- description -----------------------------------------------------------------
  int input_dim() const { return input_dim_; }
  int output_dim() const;
  int layer_count() const { return static_cast<int>(layers_.size()); }
  const Layer<T>& layer(int i) const { return *layers_.at(size_t(i)); }
  // The layer's name: the one given at add, or the default (dense_1, dropout_1, dense_2, ...).
  std::string layer_name(int i) const;
  // True when layer i was given its name (only those are saved).
  bool layer_named(int i) const { return !names_.at(size_t(i)).empty(); }
  Layer<T>& layer(int i) { return *layers_.at(size_t(i)); }  // e.g. to save and restore its random state (lr_finder.cpp)
  int64_t parameter_count() const;
  int neuron_count() const;
  bool compiled() const { return compiled_; }
  const CompileConfig& compile_config() const { return compile_; }
  Optimizer<T>& optimizer() { return optimizer_; }
  uint64_t seed() const { return seed_; }
  std::string summary() const;  // Keras-style table: layer, output shape, params

  // Re-initializes the weights from `seed` and resets the optimizer and epoch.
  void reinitialize(uint64_t seed);

  // ---- saving and resuming --------------------------------------------------------
  TrainingState training_state() const;
  // Restores the counters and random generators now; the epoch position applies
  // at the next set_training_data() with matching data (see there).
  void restore_training_state(const TrainingState& state);

 private:
  void ensure_built();
  void require_compiled(const char* what) const;
  void check_xy(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y, const char* xname, const char* yname) const;
  void check_labels(const ConstMatrixRef<T>& y, const char* yname, LossKind loss) const;
  bool fused_output(const CompileConfig& c) const;
  bool logits_for_loss() const;
  void reserve_rows(Eigen::Index rows);
  // Forward over the rows of x into the layer caches; returns the loss's view of
  // the output [n, units]: the logits when fused, else the activations.
  // logits_only (the training step): a fused last layer stops at its logits,
  // and its output() is stale until the next forward without it.
  ConstMatrixRef<T> forward(const ConstMatrixRef<T>& x, bool training, bool logits_only = false);
  // Loss with gradient into the last layer, then backward through every layer.
  T backward(const ConstMatrixRef<T>& x, const ConstMatrixRef<T>& y, double* correct);
  T regularization(bool add_gradient);
  void predict_neuron_major(const ConstMatrixRef<T>& x, MatrixRef<T> out, T* activations);
  void train_batch(Eigen::Index first_row, Eigen::Index rows, T* loss, double* correct);
  void start_epoch();

  int input_dim_;
  uint64_t seed_;
  std::vector<std::unique_ptr<Layer<T>>> layers_;
  std::vector<int> output_dims_;       // output width of each layer (checked at add)
  std::vector<std::string> names_;     // the name given to each layer, "" for the default
  std::vector<int64_t> layer_params_;  // parameters of each layer (checked at add)
  int64_t total_params_ = 0;
  bool built_ = false, compiled_ = false;
  CompileConfig compile_;
  Optimizer<T> optimizer_;
  Vector<T> params_, grads_;
  Eigen::Index cached_rows_ = 0;  // rows the layer caches can hold
  std::vector<T> neuron_major_scratch_;  // predict_neuron_major's inputs and two layer outputs

  // step-API state
  Matrix<T> train_x_, train_y_;     // the training set, copied
  Matrix<T> batch_x_, batch_y_;     // the current batch, gathered when shuffled (else a block of train_x_/y_)
  std::string train_data_dropped_;  // why the training data was cleared (a recompile it does not fit)
  std::vector<int32_t> order_;
  Random shuffle_rng_;
  Random::State epoch_start_rng_{};
  int batch_size_ = 32;
  bool shuffle_ = true;
  int epoch_ = 0;
  int cursor_batches_ = 0;          // batches done in the current epoch
  double epoch_loss_ = 0, epoch_correct_ = 0;  // running sums over the current epoch
  EpochLogs last_epoch_;
  Eigen::Index epoch_rows_ = 0;
  bool has_resume_ = false;         // a loaded position waiting for matching training data
  TrainingState resume_;
};

using Model = Sequential<float>;

}  // namespace nnplay
