// The layer interface (mlpack-style forward/backward pairs) and the registry of
// layer types. A layer type is one file in engine/src/layers/ plus one entry in
// NNPLAY_LAYER_TYPES below; the model, the JSON format, the bindings and the JS
// API (nn.layers.<type>) all work from the registry, never from a type's name.
//
// Layout, as everywhere: rows = samples, row-major. A layer reads its input
// x [n, in] (rows ldx apart), writes its output [n, out] into its own cache and,
// backward, reads d(output) from its own gradient cache (filled by the next
// layer or by the loss) and writes d(input) where the model asks.
// Parameters are not owned: the model hands each layer its slice of one flat
// parameter vector and of one flat gradient vector (llm.c style).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "nnplay/names.hpp"
#include "nnplay/random.hpp"
#include "nnplay/tensor.hpp"

namespace nnplay {

// ---- settings: what JSON, the bindings, the JS API and the CLI pass -----------------

// One setting's value: a number, a flag or a name.
struct SettingValue {
  enum class Kind { Number, Bool, Text } kind = Kind::Number;
  double number = 0;
  bool flag = false;
  std::string text;
  static SettingValue of(double v) { SettingValue s; s.number = v; return s; }
  static SettingValue of(bool v) { SettingValue s; s.kind = Kind::Bool; s.flag = v; return s; }
  static SettingValue of(const char* v) { SettingValue s; s.kind = Kind::Text; s.text = v; return s; }
  static SettingValue of(const std::string& v) { return of(v.c_str()); }
};

// A layer's settings by name (TF.js camelCase), in the order given.
class LayerConfig {
 public:
  LayerConfig() = default;
  LayerConfig(std::initializer_list<std::pair<std::string, SettingValue>> items) : items_(items) {}
  void set(const std::string& key, SettingValue value);
  bool has(const std::string& key) const;
  const SettingValue* find(const std::string& key) const;
  // Typed reads of a resolved config (see resolve_config): the value must be there.
  double number(const std::string& key) const;
  int integer(const std::string& key) const;
  bool flag(const std::string& key) const;
  const std::string& text(const std::string& key) const;
  const std::vector<std::pair<std::string, SettingValue>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, SettingValue>> items_;
};

// What a layer type accepts: one entry per setting.
struct SettingSpec {
  enum class Kind { Integer, Number, Bool, Activation, Initializer } kind;
  const char* name;
  const char* help;          // one line, for error messages and generated docs
  SettingValue fallback;     // the default (ignored when optional)
  double min = 0, max = 0;   // Integer and Number: the accepted closed range
  bool optional = false;     // absent means "not set" (e.g. dropout's seed: derive from the model's)
  bool max_exclusive = false;  // [min, max) instead of [min, max]
};

// Checks `given` against `specs` and fills in the defaults. Unknown keys, wrong
// types, non-integers for integers, out-of-range values and unknown names
// -> std::invalid_argument naming the setting, what was expected and what was
// given. Activation and initializer names come back canonical.
LayerConfig resolve_config(const std::vector<SettingSpec>& specs, const LayerConfig& given);

// ---- the layer interface ------------------------------------------------------------

// One weight array of a layer, as Keras's get_weights() lists it.
struct WeightShape {
  const char* name;        // "kernel", "bias"
  Eigen::Index rows, cols;
  bool vector;             // listed as 1-D [cols] (a bias) rather than [rows, cols]
};

template <class T>
class Layer {
 public:
  virtual ~Layer() = default;

  // ---- what it is (valid before build) ----
  virtual const char* type() const = 0;        // the registry name: "dense"
  virtual const char* class_name() const = 0;  // Keras's class: "Dense"
  virtual const LayerConfig& config() const = 0;  // resolved settings, as saved
  // The output width for this input width (throws if the input does not fit).
  virtual int output_dim(int input_dim) const = 0;
  // Trainable parameters for this input width, in the order the flat vector holds them.
  virtual std::vector<WeightShape> weight_shapes(int input_dim) const { (void)input_dim; return {}; }
  // Neurons the playground draws (a Dense layer's units); 0 for layers without any.
  virtual int neurons() const { return 0; }
  // The function applied last; the model fuses sigmoid/softmax outputs with the
  // cross-entropy losses when it is the last layer's.
  virtual Activation activation() const { return Activation::Linear; }

  // ---- life cycle ----
  // Binds the layer to its input width and its slices of the flat vectors
  // (parameter_count() values each). Scratch that depends only on the shapes
  // is sized here (Dense: the W^T of its backward pass), never per step.
  void build(int input_dim, T* params, T* grads) {
    in_ = input_dim;
    out_ = output_dim(input_dim);
    bind(params, grads);
  }
  // Draws initial weights (and resets any random state from model_seed).
  virtual void initialize(Random& weights_rng, uint64_t model_seed, int layer_index) {
    (void)weights_rng, (void)model_seed, (void)layer_index;
  }
  // Grows the caches to hold `rows` rows; called before any pass on more rows.
  virtual void reserve(Eigen::Index rows) {
    output_.resize(rows, out_);
    output_grad_.resize(rows, out_);
  }

  // ---- passes ----
  // x [n, in] -> output() [n, out]. training: apply what only training does (dropout).
  virtual void forward(const T* x, Eigen::Index ldx, Eigen::Index n, bool training) = 0;
  // forward() as far as logits() [n, out], for the training step of a last layer
  // whose loss is fused (it reads the logits, never output()). output() may be
  // left stale. By default the whole forward().
  virtual void forward_logits(const T* x, Eigen::Index ldx, Eigen::Index n, bool training) {
    forward(x, ldx, n, training);
  }
  // From output_grad() [n, out] (or, when from_logits, d(loss)/d(logits()) in
  // logits_grad()): this layer's parameter gradients (overwritten, not added)
  // and dx [n, in] (rows `in` apart) unless dx is null (the first layer).
  virtual void backward(const T* x, Eigen::Index ldx, Eigen::Index n, T* dx, bool from_logits) = 0;
  // The kernel-regularization penalty; add_gradient adds its gradient to the layer's.
  virtual T regularization(bool add_gradient) { (void)add_gradient; return T(0); }
  // The pre-activation z [n, out] and its gradient buffer, for the fused losses
  // (null when the layer has none).
  virtual T* logits() { return nullptr; }
  virtual T* logits_grad() { return nullptr; }

  // ---- inference over many rows, neuron-major (predict_into: the boundary grid) ----
  // Input feature k's n values at x + k * ldx; unit u's written to out + u * ldo.
  // kNone: the layer has no such path (predict then runs forward() row-major);
  // kIdentity: the layer passes its input through at inference (dropout).
  enum class NeuronMajor { kNone, kIdentity, kKernel };
  virtual NeuronMajor neuron_major() const { return NeuronMajor::kNone; }
  virtual void forward_neuron_major(const T* x, Eigen::Index ldx, Eigen::Index n, T* out, Eigen::Index ldo) const {
    (void)x, (void)ldx, (void)n, (void)out, (void)ldo;
  }

  // ---- random state (saved in the model JSON so resumed training is bit-identical) ----
  virtual std::vector<uint32_t> random_state() const { return {}; }
  virtual void set_random_state(const std::vector<uint32_t>& state) { (void)state; }

  // ---- caches ----
  int input_dim() const { return in_; }
  int units() const { return out_; }  // output width once built
  T* output() { return output_.data(); }
  const T* output() const { return output_.data(); }
  T* output_grad() { return output_grad_.data(); }

 protected:
  virtual void bind(T* params, T* grads) { (void)params, (void)grads; }
  int in_ = 0, out_ = 0;
  Matrix<T> output_, output_grad_;  // [rows, out]: a, and dLoss/da
};

// Parameters of a list of weight shapes: checked 64-bit sum, capped by the limits.
int64_t count_parameters(const std::vector<WeightShape>& shapes, const std::string& what);

// ---- the registry -------------------------------------------------------------------

struct LayerType {
  const char* name;        // "dropout": JSON's "type", nn.layers.dropout, the CLI
  const char* class_name;  // "Dropout"
  const char* help;
  std::vector<SettingSpec> settings;
};

// Every layer type: X(name) per file in engine/src/layers/, which defines
// name_layer_type() and, with NNPLAY_LAYER_FACTORIES, make_name_layer<T>().
// Adding a layer type = its file + one entry here.
#define NNPLAY_LAYER_TYPES(X) X(dense) X(dropout)

const std::vector<const LayerType*>& layer_types();
const LayerType& layer_type(const std::string& name);  // unknown -> std::invalid_argument listing the types

// Validates `config` for `type` and makes the layer. Errors start with `where`
// (default "layers.<type>").
template <class T>
std::unique_ptr<Layer<T>> make_layer(const std::string& type, const LayerConfig& config, const std::string& where = "");

// In a layer's file: the factory make_name_layer<T>(resolved config) for float
// and double. (One function template per type rather than pointers in
// LayerType, so a build that never uses double, the wasm module, links no
// double layer code.)
#define NNPLAY_LAYER_FACTORIES(name, Class)                                                       \
  template <class T>                                                                              \
  std::unique_ptr<Layer<T>> make_##name##_layer(const LayerConfig& resolved) {                    \
    return std::make_unique<Class<T>>(resolved);                                                  \
  }                                                                                               \
  template std::unique_ptr<Layer<float>> make_##name##_layer<float>(const LayerConfig&);          \
  template std::unique_ptr<Layer<double>> make_##name##_layer<double>(const LayerConfig&);

}  // namespace nnplay
