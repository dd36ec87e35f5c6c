// Dropout (TF.js semantics): while training, each input is zeroed with
// probability `rate` and the rest are scaled by 1 / (1 - rate) (inverted
// dropout, so inference needs no rescaling); in predict/evaluate it is the
// identity. The mask comes from the layer's own seeded generator: same seed,
// same masks, on every platform.
#include "nnplay/layer.hpp"
#include "nnplay/limits.hpp"

namespace nnplay {
namespace {

template <class T>
class Dropout final : public Layer<T> {
  using Layer<T>::out_;
  using Layer<T>::output_;
  using Layer<T>::output_grad_;

 public:
  explicit Dropout(const LayerConfig& resolved) : config_(resolved), rate_(resolved.number("rate")) {}

  const char* type() const override { return "dropout"; }
  const char* class_name() const override { return "Dropout"; }
  const LayerConfig& config() const override { return config_; }
  int output_dim(int input_dim) const override { return input_dim; }

  void initialize(Random&, uint64_t model_seed, int layer_index) override {
    // Its own seed if given; otherwise one derived from the model's and the layer's place.
    const uint64_t seed = config_.has("seed") ? uint64_t(config_.number("seed"))
                                              : model_seed * 0x9E3779B97F4A7C15ull + uint64_t(layer_index) + 0x5DEECE66Dull;
    rng_.reseed(seed);
  }

  void reserve(Eigen::Index rows) override {
    Layer<T>::reserve(rows);
    mask_.resize(rows, out_);
  }

  void forward(const T* x, Eigen::Index ldx, Eigen::Index n, bool training) override {
    Eigen::Map<const Matrix<T>, 0, Eigen::OuterStride<>> X(x, n, out_, Eigen::OuterStride<>(ldx));
    auto a = output_.topRows(n);
    masked_ = training && rate_ > 0;
    if (!masked_) {
      a = X;
      return;
    }
    const T keep_scale = T(1) / (T(1) - T(rate_));
    for (Eigen::Index r = 0; r < n; ++r)
      for (Eigen::Index c = 0; c < out_; ++c) mask_(r, c) = rng_.uniform() < rate_ ? T(0) : keep_scale;
    a = X.cwiseProduct(mask_.topRows(n));
  }

  typename Layer<T>::NeuronMajor neuron_major() const override { return Layer<T>::NeuronMajor::kIdentity; }

  void backward(const T*, Eigen::Index, Eigen::Index n, T* dx, bool) override {
    if (!dx) return;
    Eigen::Map<Matrix<T>> DX(dx, n, out_);
    if (masked_)
      DX = output_grad_.topRows(n).cwiseProduct(mask_.topRows(n));
    else
      DX = output_grad_.topRows(n);
  }

  std::vector<uint32_t> random_state() const override {
    const auto s = rng_.state();
    return {s.begin(), s.end()};
  }
  void set_random_state(const std::vector<uint32_t>& state) override {
    if (state.size() != 4) throw std::invalid_argument("dropout: random state must be 4 numbers");
    rng_.set_state({state[0], state[1], state[2], state[3]});
  }

 private:
  LayerConfig config_;
  double rate_;
  Random rng_;
  Matrix<T> mask_;      // [rows, units]: 0 or 1 / (1 - rate), from the last training forward pass
  bool masked_ = false;
};

}  // namespace

NNPLAY_LAYER_FACTORIES(dropout, Dropout)

const LayerType& dropout_layer_type() {
  using K = SettingSpec::Kind;
  SettingSpec rate{K::Number, "rate", "fraction of the inputs dropped while training", SettingValue::of(0.5), 0, 1};
  rate.max_exclusive = true;
  SettingSpec seed{K::Integer, "seed", "seed of the masks (default: derived from the model's seed)",
                   SettingValue::of(0.0), 0, 9007199254740991.0};
  seed.optional = true;
  static const LayerType type{
      "dropout", "Dropout", "randomly zeroes inputs while training (inverted dropout); identity at inference",
      {rate, seed}};
  return type;
}

}  // namespace nnplay
