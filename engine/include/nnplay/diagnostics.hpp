// Looking inside a Sequential model without changing it (issue 13): each layer's
// gradient norm and health (update size, dead units), a layer's activations and
// the hidden space a few of its neurons span, histograms of weights, biases and
// activations, and 2-D slices of the loss surface along filter-normalized random
// directions (Li et al., 2018, "Visualizing the Loss Landscape of Neural Nets").
//
// Everything works over the model's public API and leaves its weights, optimizer
// state, epoch position and random state exactly as they were (tested bit for
// bit). Only the gradient buffer (gradients()) and the activation caches are
// overwritten, as every training step overwrites them anyway.
//
// "Per layer" means per layer with neurons (Dense). Layers with neither neurons
// nor weights (Dropout) get no entry; each entry names its model layer (`layer`,
// as Sequential::layer(i) counts, Dropout included). Rows of x are processed in
// chunks of at most kDiagnosticRows, so a large data set never grows the
// activation caches past that.
//
// Sizes in comments: n = rows of x, P = the model's parameter count, k = chosen neurons.
#pragma once
#include <cstdint>
#include <type_traits>
#include <vector>

#include "nnplay/model.hpp"

namespace nnplay {

constexpr Eigen::Index kDiagnosticRows = 1024;

// Data arguments: a view of rows of the model's scalar type. T is deduced from
// the model only (this alias is a non-deduced context), so any matrix that
// converts to the view can be passed.
template <class T>
using DataRef = typename std::common_type<ConstMatrixRef<T>>::type;
constexpr int kMaxHistogramBins = 1000;
constexpr int kMaxSurfaceResolution = 257;

// ---- gradient flow and health ------------------------------------------------------

struct LayerStats {
  int layer = 0;                  // index in the model
  int units = 0;
  Activation activation = Activation::Linear;
  double weight_norm = 0;         // ||W||: the kernel's L2 (Frobenius) norm
  double gradient_norm = 0;       // ||dLoss/dW|| on (x, y), regularization included
  double bias_gradient_norm = 0;  // ||dLoss/db|| (0 without a bias)
  // ||dW|| / ||W||, where dW is the step the optimizer would take now with the
  // gradient on (x, y), from its current state (slots, step count), not applied.
  // +inf when W = 0 and dW != 0; NaN when the step would not be finite.
  double update_ratio = 0;
  std::vector<int> dead;          // ReLU units whose activation is 0 on every row of x (their weights get no gradient)
  double mean_activation = 0;     // mean activation over the rows of x and the layer's units
};

// One entry per layer with neurons, computed on all of (x, y). Needs a compiled model.
template <class T>
std::vector<LayerStats> layer_stats(Sequential<T>& model, const DataRef<T>& x, const DataRef<T>& y);

// ---- activations and the hidden space ------------------------------------------------

// The outputs of model layer `layer` for every row of x (inference: no dropout):
// [n, units]. Any layer (a Dropout layer's output is its input).
template <class T>
Matrix<T> layer_activations(Sequential<T>& model, const DataRef<T>& x, int layer);

// The space spanned by k = 2 or 3 neurons of a layer: where the data and the
// image of a grid of the input plane land (the plane as the layer bends it).
template <class T>
struct HiddenSpace {
  Matrix<T> points;  // [rows of x, k]: each row's activations of the chosen neurons
  Matrix<T> extra;   // [rows of extra, k]: the same for `extra` (e.g. the grid's lines)
  // When `layer` is the last layer with neurons before a binary classifier's
  // output (one sigmoid unit, or two softmax units), the output's decision
  // boundary in this space: line[0..k) . a + line[k] = 0, a line (k = 2) or a
  // plane (k = 3). It is exact when the layer has exactly k units; otherwise the
  // layer's other units are held at their mean over x (line_exact false).
  bool has_line = false;
  bool line_exact = false;
  std::vector<double> line;
};

// neurons: k = 2 or 3 distinct unit indices of `layer`, which must have neurons.
template <class T>
HiddenSpace<T> hidden_space(Sequential<T>& model, const DataRef<T>& x, const DataRef<T>& extra, int layer,
                            const std::vector<int>& neurons);

// ---- histograms ----------------------------------------------------------------------

struct Histogram {
  double min = 0, max = 0;        // the range, split into equal bins (min < max; a constant v gets [v - 0.5, v + 0.5],
                                  // wider when |v| > 5e5)
  std::vector<uint32_t> counts;   // values per bin; the last bin includes max
};

struct LayerHistograms {
  int layer = 0;                  // index in the model
  Histogram kernel, bias, activation;
  bool has_bias = false, has_activation = false;
};

// Values [0, n) into `bins` equal bins between their min and max; non-finite values are skipped.
template <class T>
Histogram histogram(const T* values, int64_t n, int bins);

// Per layer with neurons: its kernel's and bias's histograms and, when x has
// rows, its activations' over the rows of x.
template <class T>
std::vector<LayerHistograms> layer_histograms(Sequential<T>& model, int bins, const DataRef<T>& x = Matrix<T>(0, 0));

// ---- the loss landscape --------------------------------------------------------------

struct LossSurfaceOptions {
  int resolution = 41;  // points per side, 2..kMaxSurfaceResolution
  double span = 1.0;    // alpha and beta run over [-span, span]
  uint64_t seed = 1;    // the directions' seed: the same seed, the same slice
};

struct LossSurface {
  std::vector<double> alphas, betas;  // resolution each, ascending; the middle one is 0 when resolution is odd
  // resolution^2 values: loss[b * resolution + a] = L(theta + alphas[a] d1 + betas[b] d2),
  // L the training loss evaluate(x, y) gives (regularization included).
  std::vector<float> loss;
  // Each path point p projected on the plane of d1, d2 through theta (least
  // squares): p ~ theta + path_alphas[i] d1 + path_betas[i] d2; path_off[i] is
  // how far p is from that plane, ||residual|| / ||p - theta|| (0 for p = theta).
  std::vector<double> path_alphas, path_betas, path_off;
};

// The direction d for one random draw, filter-normalized: for each neuron (a
// column of a kernel) d's part is scaled to the norm of that neuron's weights;
// biases get 0 (Li et al. ignore biases). A zero kernel gives a zero direction.
template <class T>
Vector<T> filter_normalized_direction(Sequential<T>& model, Random& rng);

// The training loss over a resolution x resolution grid of the plane through the
// current weights theta spanned by two filter-normalized random directions;
// `path` [points, P] are weight snapshots (e.g. the optimizer's path) to
// project onto that plane (none when it has no rows). Needs a compiled model;
// the weights are restored.
template <class T>
LossSurface loss_surface(Sequential<T>& model, const DataRef<T>& x, const DataRef<T>& y,
                         const LossSurfaceOptions& options, const DataRef<T>& path = Matrix<T>(0, 0));

}  // namespace nnplay
