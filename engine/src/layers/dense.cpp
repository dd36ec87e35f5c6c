// Dense: a = g(x W + b), the neuron layer. x [n, in], kernel W [in, units]
// (Keras layout), bias b [units], z = x W + b and a = g(z) cached [n, units].
#include <new>
#include <type_traits>
#include <utility>

#include "nnplay/activations.hpp"
#include "nnplay/dense.hpp"
#include "nnplay/dense_kernels.hpp"
#include "nnplay/initializers.hpp"
#include "nnplay/limits.hpp"

namespace nnplay {

LayerConfig to_layer_config(const DenseConfig& c) {
  return {{"units", SettingValue::of(double(c.units))},
          {"activation", SettingValue::of(name_of(c.activation))},
          {"useBias", SettingValue::of(c.use_bias)},
          {"kernelInitializer", SettingValue::of(name_of(c.kernel_initializer))},
          {"biasInitializer", SettingValue::of(name_of(c.bias_initializer))},
          {"l1", SettingValue::of(c.l1)},
          {"l2", SettingValue::of(c.l2)}};
}

DenseConfig dense_config(const LayerConfig& r) {
  DenseConfig c;
  c.units = r.integer("units");
  c.activation = parse_activation(r.text("activation"));
  c.use_bias = r.flag("useBias");
  c.kernel_initializer = parse_initializer(r.text("kernelInitializer"));
  c.bias_initializer = parse_initializer(r.text("biasInitializer"));
  c.l1 = r.number("l1");
  c.l2 = r.number("l2");
  return c;
}

namespace {

// Neuron-major inference for a layer of input width `in` (dense_kernels.hpp),
// one instantiation per width up to kNarrowMaxUnits; g is applied by
// activation_forward_flat, as in forward(). Float only: there every
// element-wise g gives a value whatever its position in a block, which the
// bit-for-bit equality with forward() needs; in double Eigen's packet exp and
// the scalar std::exp of a block's tail can differ in the last bit.
template <class T>
using NeuronMajorKernel = void (*)(T*, Eigen::Index, const T*, Eigen::Index, const T*, const T*, Eigen::Index, int,
                                   Activation);

template <int IN, class T>
void neuron_major_layer(T* out, Eigen::Index ldo, const T* x, Eigen::Index ldx, const T* W, const T* b,
                        Eigen::Index n, int units, Activation g) {
  neuron_major_forward<IN>(out, ldo, x, ldx, W, b, n, units,
                           [g](const T* z, T* a, Eigen::Index count) { activation_forward_flat(g, z, a, count); });
}

template <class T, int... IN>
NeuronMajorKernel<T> neuron_major_kernel_for(int in, std::integer_sequence<int, IN...>) {
  NeuronMajorKernel<T> kernel = nullptr;
  ((in == IN + 1 ? (kernel = &neuron_major_layer<IN + 1, T>, 0) : 0), ...);
  return kernel;
}

template <class T>
NeuronMajorKernel<T> neuron_major_kernel(int in) {
  if constexpr (std::is_same_v<T, float>)
    return neuron_major_kernel_for<T>(in, std::make_integer_sequence<int, kNarrowMaxUnits>{});
  else
    return (void)in, nullptr;
}

template <class T>
class Dense final : public Layer<T> {
  using Layer<T>::in_;
  using Layer<T>::out_;
  using Layer<T>::output_;
  using Layer<T>::output_grad_;

 public:
  explicit Dense(const LayerConfig& resolved) : config_(resolved), c_(dense_config(resolved)) {
    if (c_.activation == Activation::Softmax && c_.units == 1)
      throw std::invalid_argument("softmax over 1 unit always outputs 1; use sigmoid for one output");
  }

  const char* type() const override { return "dense"; }
  const char* class_name() const override { return "Dense"; }
  const LayerConfig& config() const override { return config_; }
  int output_dim(int) const override { return c_.units; }
  std::vector<WeightShape> weight_shapes(int input_dim) const override {
    std::vector<WeightShape> shapes = {{"kernel", input_dim, c_.units, false}};
    if (c_.use_bias) shapes.push_back({"bias", 1, c_.units, true});
    return shapes;
  }
  int neurons() const override { return c_.units; }
  Activation activation() const override { return c_.activation; }

  void initialize(Random& rng, uint64_t, int) override {
    fill_initializer(W_.data(), W_.size(), c_.kernel_initializer, in_, out_, rng);
    fill_initializer(b_.data(), b_.size(), c_.bias_initializer, in_, out_, rng);
  }

  void reserve(Eigen::Index rows) override {
    Layer<T>::reserve(rows);
    z_.resize(rows, out_);
    dz_.resize(rows, out_);
  }

  void forward_logits(const T* x, Eigen::Index ldx, Eigen::Index n, bool) override {
    if (narrow_.forward)
      narrow_.forward(z_.data(), x, ldx, W_.data(), bias(), int(n), in_);
    else
      dense_forward(z_.data(), x, ldx, W_.data(), bias(), int(n), in_, out_);
  }

  void forward(const T* x, Eigen::Index ldx, Eigen::Index n, bool training) override {
    forward_logits(x, ldx, n, training);
    if (c_.activation == Activation::Softmax)
      activation_forward(c_.activation, rows(z_, n), rows(output_, n));
    else
      activation_forward_flat(c_.activation, z_.data(), output_.data(), n * out_);
  }

  void backward(const T* x, Eigen::Index ldx, Eigen::Index n, T* dx, bool from_logits) override {
    // Fused with the loss, dz_ already holds dLoss/dz.
    if (!from_logits && c_.activation == Activation::Softmax)
      activation_backward(c_.activation, rows(z_, n), rows(output_, n), rows(output_grad_, n), rows(dz_, n));
    else if (!from_logits)
      activation_backward_flat(c_.activation, z_.data(), output_.data(), output_grad_.data(), dz_.data(), n * out_);
    T* db = c_.use_bias ? db_.data() : nullptr;
    if (narrow_.backward) {
      narrow_.backward(dW_.data(), db, dx, Wt_.data(), x, ldx, dz_.data(), W_.data(), int(n), in_);
      return;
    }
    dense_backward_weights(dW_.data(), db, x, ldx, dz_.data(), int(n), in_, out_);
    if (dx) dense_backward_input(dx, dz_.data(), W_.data(), int(n), in_, out_, Wt_.data());
  }

  typename Layer<T>::NeuronMajor neuron_major() const override {
    return neuron_major_ ? Layer<T>::NeuronMajor::kKernel : Layer<T>::NeuronMajor::kNone;
  }
  void forward_neuron_major(const T* x, Eigen::Index ldx, Eigen::Index n, T* out, Eigen::Index ldo) const override {
    neuron_major_(out, ldo, x, ldx, W_.data(), bias(), n, out_, c_.activation);
  }

  T regularization(bool add_gradient) override {
    const T l1 = T(c_.l1), l2 = T(c_.l2);
    if (l1 == T(0) && l2 == T(0)) return T(0);
    if (add_gradient) dW_ += l1 * W_.cwiseSign() + (T(2) * l2) * W_;
    return l1 * W_.cwiseAbs().sum() + l2 * W_.squaredNorm();
  }

  T* logits() override { return z_.data(); }
  T* logits_grad() override { return dz_.data(); }

 private:
  void bind(T* params, T* grads) override {
    new (&W_) Eigen::Map<Matrix<T>>(params, in_, out_);
    new (&dW_) Eigen::Map<Matrix<T>>(grads, in_, out_);
    const Eigen::Index kernel = Eigen::Index(in_) * out_, bias = c_.use_bias ? out_ : 0;
    new (&b_) Eigen::Map<RowVector<T>>(params + kernel, bias);
    new (&db_) Eigen::Map<RowVector<T>>(grads + kernel, bias);
    narrow_ = narrow_kernels<T>(in_, out_);
    if (narrow_.backward)
      Wt_.setZero(out_, narrow_transposed_stride<T>(in_));
    else
      Wt_.resize(dense_backward_input_scratch(in_, out_) > 0 ? out_ : 0, in_);
    // Neuron-major inference: for the narrow layers (where forward() runs
    // narrow_forward, whose values it reproduces); softmax is row-wise.
    neuron_major_ = nullptr;
    if (narrow_.forward && c_.activation != Activation::Softmax) neuron_major_ = neuron_major_kernel<T>(in_);
  }
  const T* bias() const { return c_.use_bias ? b_.data() : nullptr; }
  // The first n rows of a cache as one contiguous block, so Eigen vectorizes it whole.
  Eigen::Map<Matrix<T>> rows(Matrix<T>& cache, Eigen::Index n) const { return {cache.data(), n, out_}; }

  LayerConfig config_;
  DenseConfig c_;
  Eigen::Map<Matrix<T>> W_{nullptr, 0, 0}, dW_{nullptr, 0, 0};  // [in, units]
  Eigen::Map<RowVector<T>> b_{nullptr, 0}, db_{nullptr, 0};     // [units]
  Matrix<T> z_, dz_;                                           // [rows, units]
  NarrowKernels<T> narrow_;  // set when the layer is narrow enough (dense_kernels.hpp)
  NeuronMajorKernel<T> neuron_major_ = nullptr;  // likewise, for neuron-major inference
  Matrix<T> Wt_;  // W^T scratch of the backward pass: [units, in padded] (narrow), [units, in] (wasm's wide layers) or empty
};

}  // namespace

NNPLAY_LAYER_FACTORIES(dense, Dense)

const LayerType& dense_layer_type() {
  using K = SettingSpec::Kind;
  static const LayerType type{
      "dense", "Dense", "a fully connected layer of neurons: a = g(x W + b)",
      {
          {K::Integer, "units", "number of neurons", SettingValue::of(1.0), 1, double(limits::kMaxUnits)},
          {K::Activation, "activation", "the function g", SettingValue::of("linear")},
          {K::Bool, "useBias", "whether to add a bias b", SettingValue::of(true)},
          {K::Initializer, "kernelInitializer", "how W starts", SettingValue::of("glorotUniform")},
          {K::Initializer, "biasInitializer", "how b starts", SettingValue::of("zeros")},
          {K::Number, "l1", "L1 kernel regularization rate", SettingValue::of(0.0), 0, 1e6},
          {K::Number, "l2", "L2 kernel regularization rate", SettingValue::of(0.0), 0, 1e6},
      }};
  return type;
}

}  // namespace nnplay
