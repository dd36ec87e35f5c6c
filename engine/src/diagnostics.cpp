// Diagnostics over a Sequential model's public API (see diagnostics.hpp): gradient
// norms and health per layer, activations and the hidden space, histograms, and
// 2-D loss-surface slices. Nothing here writes the weights except the loss
// surface, which restores them exactly (also when it throws).
#include "nnplay/diagnostics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "nnplay/limits.hpp"

namespace nnplay {
namespace {

// Where one layer's kernel and bias sit in the flat parameter vector.
struct Slice {
  int layer = 0;
  int64_t kernel = -1, kernel_rows = 0, kernel_cols = 0;  // [in, units], row-major
  int64_t bias = -1, bias_size = 0;
};

// The layers with neurons, with their parameter slices (builds the model if needed).
template <class T>
std::vector<Slice> neuron_layers(Sequential<T>& model) {
  model.parameters();
  std::vector<Slice> out;
  int64_t offset = 0;
  for (int l = 0; l < model.layer_count(); ++l) {
    const Layer<T>& layer = model.layer(l);
    Slice s;
    s.layer = l;
    for (const WeightShape& w : layer.weight_shapes(layer.input_dim())) {
      const int64_t size = int64_t(w.rows) * int64_t(w.cols);
      if (w.vector && s.bias < 0) {
        s.bias = offset;
        s.bias_size = size;
      } else if (!w.vector && s.kernel < 0) {
        s.kernel = offset;
        s.kernel_rows = w.rows;
        s.kernel_cols = w.cols;
      }
      offset += size;
    }
    if (layer.neurons() > 0) out.push_back(s);
  }
  return out;
}

std::string layer_label(int l, const char* type) { return "layer " + std::to_string(l) + " (" + type + ")"; }

template <class T>
void check_layer_index(const Sequential<T>& model, int layer, const char* what) {
  if (layer < 0 || layer >= model.layer_count())
    throw std::invalid_argument(std::string(what) + ": layer must be in 0.." + std::to_string(model.layer_count() - 1) +
                                " (the model has " + std::to_string(model.layer_count()) + " layers), got " +
                                std::to_string(layer));
}

// x for an inference pass: the model's width, within the row limit, finite.
template <class T>
void check_inputs(const Sequential<T>& model, const DataRef<T>& x, const char* what) {
  if (x.cols() != model.input_dim())
    throw std::invalid_argument(std::string(what) + ": x must have " + std::to_string(model.input_dim()) +
                                " columns (the model's input size), got shape [" + std::to_string(x.rows()) + ", " +
                                std::to_string(x.cols()) + "]");
  if (x.rows() > limits::kMaxRows)
    throw std::invalid_argument(std::string(what) + ": x has " + std::to_string(x.rows()) +
                                " rows, more than the limit of " + std::to_string(limits::kMaxRows));
  for (Eigen::Index r = 0; r < x.rows(); ++r)
    for (Eigen::Index c = 0; c < x.cols(); ++c)
      if (!std::isfinite(x(r, c)))
        throw std::invalid_argument(std::string(what) + ": x contains " + (std::isnan(x(r, c)) ? "NaN" : "Inf") +
                                    " at row " + std::to_string(r) + ", column " + std::to_string(c));
}

// Calls fn(first_row, rows) for consecutive chunks of at most kDiagnosticRows rows.
template <class Fn>
void for_each_chunk(Eigen::Index n, Fn&& fn) {
  for (Eigen::Index first = 0; first < n; first += kDiagnosticRows) fn(first, std::min(kDiagnosticRows, n - first));
}

template <class V>
double norm_of(const V& v, int64_t offset, int64_t size) {
  double sum = 0;
  for (int64_t i = offset; i < offset + size; ++i) sum += double(v[i]) * double(v[i]);
  return std::sqrt(sum);
}

// ---- histogram pieces: a range first, then counts (activations need two passes) ----
template <class T>
void widen(double& lo, double& hi, const T* values, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    const double v = double(values[i]);
    if (!std::isfinite(v)) continue;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
}

Histogram empty_histogram(double lo, double hi, int bins) {
  Histogram h;
  h.counts.assign(size_t(bins), 0);
  if (!(lo <= hi)) lo = hi = 0;  // nothing finite seen
  if (lo == hi) {
    const double pad = std::max(0.5, std::abs(lo) * 1e-6);  // 0.5 would vanish next to 1e20
    lo -= pad, hi += pad;
  }
  h.min = lo;
  h.max = hi;
  return h;
}

template <class T>
void add_counts(Histogram& h, const T* values, int64_t n) {
  const int bins = int(h.counts.size());
  const double scale = double(bins) / (h.max - h.min);
  for (int64_t i = 0; i < n; ++i) {
    const double v = double(values[i]);
    if (!std::isfinite(v)) continue;
    const double at = (v - h.min) * scale;  // clamped as a double: int(huge) would be undefined
    const int b = at <= 0 ? 0 : at >= bins ? bins - 1 : int(at);
    ++h.counts[size_t(b)];
  }
}

void check_bins(int bins) {
  if (bins < 1 || bins > kMaxHistogramBins)
    throw std::invalid_argument("histograms: bins must be in 1.." + std::to_string(kMaxHistogramBins) + ", got " +
                                std::to_string(bins));
}

double dot(const Vector<double>& a, const Vector<double>& b) { return a.dot(b); }

}  // namespace

// ---- gradient flow and health ------------------------------------------------------

template <class T>
std::vector<LayerStats> layer_stats(Sequential<T>& model, const DataRef<T>& x, const DataRef<T>& y) {
  if (!model.compiled()) throw std::logic_error("layerStats needs a compiled model; call compile() first");
  const Eigen::Index n = x.rows();
  if (n == 0) throw std::invalid_argument("layerStats: x is empty: need at least one sample");
  if (y.rows() != n)
    throw std::invalid_argument("layerStats: x and y must have the same number of rows, got " + std::to_string(n) +
                                " and " + std::to_string(y.rows()));
  const std::vector<Slice> slices = neuron_layers(model);
  const Vector<T>& theta = model.parameters();

  // The gradient of the mean loss over all rows: each chunk's gradient (which
  // includes the regularization's) weighted by its share of the rows.
  Vector<double> grad = Vector<double>::Zero(theta.size());
  std::vector<std::vector<char>> active(slices.size());
  std::vector<double> activation_sum(slices.size(), 0.0);
  for (size_t i = 0; i < slices.size(); ++i) active[i].assign(size_t(model.layer(slices[i].layer).units()), 0);
  for_each_chunk(n, [&](Eigen::Index first, Eigen::Index rows) {
    model.compute_gradients(x.middleRows(first, rows), y.middleRows(first, rows), false);
    grad += model.gradients().template cast<double>() * (double(rows) / double(n));
    for (size_t i = 0; i < slices.size(); ++i) {
      const Layer<T>& layer = model.layer(slices[i].layer);
      const int units = layer.units();
      const T* a = layer.output();  // [rows, units], left by the forward pass
      for (Eigen::Index r = 0; r < rows; ++r)
        for (int u = 0; u < units; ++u) {
          const T v = a[r * units + u];
          activation_sum[i] += double(v);
          if (v != T(0)) active[i][size_t(u)] = 1;
        }
    }
  });

  // The step the optimizer would take with this gradient, on copies of the
  // weights and of its state (the same code as training, so the same formula).
  Optimizer<T> probe = model.optimizer();
  Vector<T> stepped = theta;
  const Vector<T> g = grad.template cast<T>();
  const bool finite = probe.step(stepped, g);

  std::vector<LayerStats> out;
  for (size_t i = 0; i < slices.size(); ++i) {
    const Slice& s = slices[i];
    const Layer<T>& layer = model.layer(s.layer);
    LayerStats st;
    st.layer = s.layer;
    st.units = layer.units();
    st.activation = layer.activation();
    const int64_t size = s.kernel_rows * s.kernel_cols;
    if (s.kernel >= 0) {
      st.weight_norm = norm_of(theta, s.kernel, size);
      st.gradient_norm = norm_of(grad, s.kernel, size);
      double step = 0;
      for (int64_t j = s.kernel; j < s.kernel + size; ++j) step += double(stepped[j] - theta[j]) * double(stepped[j] - theta[j]);
      step = std::sqrt(step);
      st.update_ratio = !finite ? std::numeric_limits<double>::quiet_NaN()
                        : st.weight_norm > 0 ? step / st.weight_norm
                        : step > 0 ? std::numeric_limits<double>::infinity()
                                   : 0.0;
    }
    if (s.bias >= 0) st.bias_gradient_norm = norm_of(grad, s.bias, s.bias_size);
    // Only ReLU's gradient is 0 wherever its output is 0: its incoming weights get no gradient.
    if (st.activation == Activation::Relu)
      for (int u = 0; u < st.units; ++u)
        if (!active[i][size_t(u)]) st.dead.push_back(u);
    st.mean_activation = activation_sum[i] / (double(n) * double(st.units));
    out.push_back(std::move(st));
  }
  return out;
}

// ---- activations and the hidden space ------------------------------------------------

template <class T>
Matrix<T> layer_activations(Sequential<T>& model, const DataRef<T>& x, int layer) {
  model.parameters();
  check_layer_index(model, layer, "activations");
  check_inputs(model, x, "activations");
  const Layer<T>& chosen = model.layer(layer);
  const int units = chosen.units();
  Matrix<T> out(x.rows(), units);
  for_each_chunk(x.rows(), [&](Eigen::Index first, Eigen::Index rows) {
    model.forward_pass(x.middleRows(first, rows));
    out.middleRows(first, rows) = Eigen::Map<const Matrix<T>>(chosen.output(), rows, units);
  });
  return out;
}

template <class T>
HiddenSpace<T> hidden_space(Sequential<T>& model, const DataRef<T>& x, const DataRef<T>& extra, int layer,
                            const std::vector<int>& neurons) {
  model.parameters();
  check_layer_index(model, layer, "hiddenSpace");
  const Layer<T>& chosen = model.layer(layer);
  if (chosen.neurons() == 0)
    throw std::invalid_argument("hiddenSpace: " + layer_label(layer, chosen.type()) +
                                " has no neurons; pick a layer that has (dense)");
  const int k = int(neurons.size());
  if (k != 2 && k != 3)
    throw std::invalid_argument("hiddenSpace: pick 2 or 3 neurons, got " + std::to_string(k));
  const int units = chosen.units();
  for (int j = 0; j < k; ++j) {
    if (neurons[size_t(j)] < 0 || neurons[size_t(j)] >= units)
      throw std::invalid_argument("hiddenSpace: neuron " + std::to_string(neurons[size_t(j)]) + " is not in 0.." +
                                  std::to_string(units - 1) + " (" + layer_label(layer, chosen.type()) + " has " +
                                  std::to_string(units) + " units)");
    for (int i = 0; i < j; ++i)
      if (neurons[size_t(i)] == neurons[size_t(j)])
        throw std::invalid_argument("hiddenSpace: neuron " + std::to_string(neurons[size_t(j)]) + " is chosen twice");
  }
  HiddenSpace<T> out;
  const Matrix<T> a = layer_activations(model, x, layer);
  const Matrix<T> b = extra.rows() > 0 ? layer_activations(model, extra, layer) : Matrix<T>(0, units);
  out.points.resize(a.rows(), k);
  out.extra.resize(b.rows(), k);
  for (int j = 0; j < k; ++j) {
    out.points.col(j) = a.col(neurons[size_t(j)]);
    out.extra.col(j) = b.col(neurons[size_t(j)]);
  }

  // The decision boundary: only for the last layer with neurons before the output
  // layer (anything between has no neurons, e.g. Dropout: the identity at inference).
  int output = model.layer_count() - 1;
  while (output > layer && model.layer(output).neurons() == 0) --output;
  bool last_hidden = output > layer;
  for (int l = layer + 1; l < output && last_hidden; ++l) last_hidden = model.layer(l).neurons() == 0;
  if (!last_hidden) return out;
  const Layer<T>& head = model.layer(output);
  const bool compiled = model.compiled();
  const bool logit_output = head.units() == 1 &&
                            (head.activation() == Activation::Sigmoid ||
                             (compiled && model.compile_config().from_logits &&
                              model.compile_config().loss == LossKind::BinaryCrossentropy));
  const bool softmax_pair = head.units() == 2 && head.activation() == Activation::Softmax;
  if (!logit_output && !softmax_pair) return out;
  if (units != k && a.rows() == 0) return out;  // the other units' means need data
  Slice s;
  for (const Slice& candidate : neuron_layers(model))
    if (candidate.layer == output) s = candidate;
  const Vector<T>& theta = model.parameters();
  // Class 1 where w . a + c > 0: z for one sigmoid unit, z1 - z0 for two softmax units.
  auto weight = [&](int u) {
    const int64_t row = s.kernel + int64_t(u) * s.kernel_cols;
    return softmax_pair ? double(theta[row + 1]) - double(theta[row]) : double(theta[row]);
  };
  double c = 0;
  if (s.bias >= 0) c = softmax_pair ? double(theta[s.bias + 1]) - double(theta[s.bias]) : double(theta[s.bias]);
  for (int u = 0; u < units; ++u) {
    if (std::find(neurons.begin(), neurons.end(), u) != neurons.end()) continue;
    c += weight(u) * a.col(u).template cast<double>().mean();
  }
  for (int j = 0; j < k; ++j) out.line.push_back(weight(neurons[size_t(j)]));
  out.line.push_back(c);
  out.has_line = true;
  out.line_exact = units == k;
  return out;
}

// ---- histograms ----------------------------------------------------------------------

template <class T>
Histogram histogram(const T* values, int64_t n, int bins) {
  check_bins(bins);
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  widen(lo, hi, values, n);
  Histogram h = empty_histogram(lo, hi, bins);
  add_counts(h, values, n);
  return h;
}

template <class T>
std::vector<LayerHistograms> layer_histograms(Sequential<T>& model, int bins, const DataRef<T>& x) {
  check_bins(bins);
  const std::vector<Slice> slices = neuron_layers(model);
  const Vector<T>& theta = model.parameters();
  std::vector<LayerHistograms> out(slices.size());
  for (size_t i = 0; i < slices.size(); ++i) {
    const Slice& s = slices[i];
    out[i].layer = s.layer;
    out[i].kernel = histogram(theta.data() + std::max<int64_t>(s.kernel, 0), s.kernel_rows * s.kernel_cols, bins);
    if (s.bias >= 0) {
      out[i].bias = histogram(theta.data() + s.bias, s.bias_size, bins);
      out[i].has_bias = true;
    }
  }
  if (x.rows() == 0) return out;
  check_inputs(model, x, "histograms");
  // Activations: their range over every row, then the counts (one chunk: the
  // caches still hold it, so no second pass is needed).
  const Eigen::Index n = x.rows();
  const bool one_chunk = n <= kDiagnosticRows;
  auto output_of = [&](size_t i) { return model.layer(slices[i].layer).output(); };
  auto units_of = [&](size_t i) { return int64_t(model.layer(slices[i].layer).units()); };
  std::vector<double> lo(slices.size(), std::numeric_limits<double>::infinity()), hi(slices.size(), -lo[0]);
  for_each_chunk(n, [&](Eigen::Index first, Eigen::Index rows) {
    model.forward_pass(x.middleRows(first, rows));
    for (size_t i = 0; i < slices.size(); ++i) widen(lo[i], hi[i], output_of(i), rows * units_of(i));
  });
  for (size_t i = 0; i < slices.size(); ++i) {
    out[i].activation = empty_histogram(lo[i], hi[i], bins);
    out[i].has_activation = true;
  }
  auto count = [&](Eigen::Index rows) {
    for (size_t i = 0; i < slices.size(); ++i) add_counts(out[i].activation, output_of(i), rows * units_of(i));
  };
  if (one_chunk) {
    count(n);
  } else {
    for_each_chunk(n, [&](Eigen::Index first, Eigen::Index rows) {
      model.forward_pass(x.middleRows(first, rows));
      count(rows);
    });
  }
  return out;
}

// ---- the loss landscape --------------------------------------------------------------

template <class T>
Vector<T> filter_normalized_direction(Sequential<T>& model, Random& rng) {
  const Vector<T>& theta = model.parameters();
  Vector<T> d = Vector<T>::Zero(theta.size());
  int64_t offset = 0;
  for (int l = 0; l < model.layer_count(); ++l) {
    const Layer<T>& layer = model.layer(l);
    for (const WeightShape& w : layer.weight_shapes(layer.input_dim())) {
      const int64_t rows = w.rows, cols = w.cols;
      if (!w.vector) {
        // A kernel [in, units], row-major: neuron c's incoming weights are column c.
        for (int64_t i = 0; i < rows * cols; ++i) d[offset + i] = T(rng.normal());
        for (int64_t c = 0; c < cols; ++c) {
          double weights = 0, direction = 0;
          for (int64_t r = 0; r < rows; ++r) {
            weights += double(theta[offset + r * cols + c]) * double(theta[offset + r * cols + c]);
            direction += double(d[offset + r * cols + c]) * double(d[offset + r * cols + c]);
          }
          const double scale = direction > 0 ? std::sqrt(weights / direction) : 0.0;
          for (int64_t r = 0; r < rows; ++r) d[offset + r * cols + c] = T(double(d[offset + r * cols + c]) * scale);
        }
      }
      offset += rows * cols;
    }
  }
  return d;
}

template <class T>
LossSurface loss_surface(Sequential<T>& model, const DataRef<T>& x, const DataRef<T>& y,
                         const LossSurfaceOptions& options, const DataRef<T>& path) {
  if (!model.compiled()) throw std::logic_error("lossSurface needs a compiled model; call compile() first");
  const int res = options.resolution;
  if (res < 2 || res > kMaxSurfaceResolution)
    throw std::invalid_argument("lossSurface: resolution must be in 2.." + std::to_string(kMaxSurfaceResolution) +
                                ", got " + std::to_string(res));
  if (!(std::isfinite(options.span) && options.span > 0 && options.span <= 1000))
    throw std::invalid_argument("lossSurface: span must be a number in (0, 1000], got " + number_text(options.span));
  Vector<T>& params = model.parameters();
  const int64_t P = params.size();
  if (path.rows() > 0) {
    if (path.cols() != P)
      throw std::invalid_argument("lossSurface: each path point must have the model's " + std::to_string(P) +
                                  " parameters, got " + std::to_string(path.cols()));
    if (!path.allFinite()) throw std::invalid_argument("lossSurface: the path contains NaN or Inf");
  }
  model.evaluate(x, y);  // checks x and y once, before any weight moves

  Random rng(options.seed);
  const Vector<T> d1 = filter_normalized_direction(model, rng);
  const Vector<T> d2 = filter_normalized_direction(model, rng);
  const Vector<T> theta = params;
  // The weights come back exactly, however this ends.
  struct Restore {
    Vector<T>& params;
    const Vector<T>& theta;
    ~Restore() { params = theta; }
  } restore{params, theta};

  LossSurface out;
  for (int i = 0; i < res; ++i) {
    // -span + 2 span i/(res-1): exactly 0 in the middle of an odd resolution.
    const double v = -options.span + 2.0 * options.span * double(i) / double(res - 1);
    out.alphas.push_back(v);
    out.betas.push_back(v);
  }
  out.loss.resize(size_t(res) * size_t(res));
  for (int b = 0; b < res; ++b)
    for (int a = 0; a < res; ++a) {
      params.noalias() = theta + T(out.alphas[size_t(a)]) * d1 + T(out.betas[size_t(b)]) * d2;
      out.loss[size_t(b) * size_t(res) + size_t(a)] = float(model.evaluate(x, y).first);
    }

  if (path.rows() > 0) {
    const Vector<double> u = d1.template cast<double>(), w = d2.template cast<double>();
    const double g11 = dot(u, u), g12 = dot(u, w), g22 = dot(w, w);
    const double det = g11 * g22 - g12 * g12;
    const bool plane = det > 1e-12 * g11 * g22 && g11 > 0 && g22 > 0;
    const Vector<double> centre = theta.template cast<double>();
    for (Eigen::Index p = 0; p < path.rows(); ++p) {
      const Vector<double> delta = path.row(p).transpose().template cast<double>() - centre;
      const double r1 = dot(u, delta), r2 = dot(w, delta);
      double alpha = 0, beta = 0;
      if (plane) {
        alpha = (g22 * r1 - g12 * r2) / det;
        beta = (g11 * r2 - g12 * r1) / det;
      } else if (g11 > 0) {
        alpha = r1 / g11;
      }
      const double distance = delta.norm();
      out.path_alphas.push_back(alpha);
      out.path_betas.push_back(beta);
      out.path_off.push_back(distance > 0 ? (delta - alpha * u - beta * w).norm() / distance : 0.0);
    }
  }
  return out;
}

#define NNPLAY_DIAGNOSTICS(T)                                                                                        \
  template std::vector<LayerStats> layer_stats<T>(Sequential<T>&, const DataRef<T>&, const DataRef<T>&); \
  template Matrix<T> layer_activations<T>(Sequential<T>&, const DataRef<T>&, int);                            \
  template HiddenSpace<T> hidden_space<T>(Sequential<T>&, const DataRef<T>&, const DataRef<T>&, int,   \
                                          const std::vector<int>&);                                                  \
  template Histogram histogram<T>(const T*, int64_t, int);                                                           \
  template std::vector<LayerHistograms> layer_histograms<T>(Sequential<T>&, int, const DataRef<T>&);          \
  template Vector<T> filter_normalized_direction<T>(Sequential<T>&, Random&);                                        \
  template LossSurface loss_surface<T>(Sequential<T>&, const DataRef<T>&, const DataRef<T>&,           \
                                       const LossSurfaceOptions&, const DataRef<T>&);
NNPLAY_DIAGNOSTICS(float)
NNPLAY_DIAGNOSTICS(double)
#undef NNPLAY_DIAGNOSTICS

}  // namespace nnplay
