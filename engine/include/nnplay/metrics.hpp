// Evaluation metrics on predictions already made: the confusion matrix, binary
// precision and recall, per-class precision/recall/F1 and accuracy, and the
// regression figures (R², MSE, RMSE, MAE). Names and definitions follow
// TensorFlow.js (tf.math.confusionMatrix, tf.metrics.*) and Keras
// (RootMeanSquaredError); where TF.js returns garbage silently (a class index
// out of range, a probability where a 0/1 is expected) these throw
// std::invalid_argument naming the argument, the index and the value.
//
// Sizes: n = samples, k = classes or output columns. Matrices are row-major
// [n, k], as everywhere in the engine.
#pragma once
#include <cstdint>
#include <vector>

#include "nnplay/tensor.hpp"

namespace nnplay {

using IntMatrix = Eigen::Matrix<int32_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
// A view of a vector of values. The stride is spelled out: Eigen's default for
// Ref<vector> depends on the vector type, which clang 14 (the wasm build)
// mangles differently in the declaration and in the explicit instantiation.
template <class T>
using ConstVectorRef = Eigen::Ref<const Vector<T>, 0, Eigen::InnerStride<1>>;

// tf.math.confusionMatrix: counts[i][j] = samples whose label is i and whose
// prediction is j (rows true, columns predicted), [num_classes, num_classes].
// labels and predictions: class indices, integers in [0, num_classes).
template <class T>
IntMatrix confusion_matrix(const ConstVectorRef<T>& labels, const ConstVectorRef<T>& predictions,
                           int num_classes);

// tf.metrics.precision / recall on binary values (every value 0 or 1, compared
// element by element over the whole arrays): tp / (tp + fp) and tp / (tp + fn),
// 0 when the denominator is 0 (as TF.js).
template <class T>
double precision(const ConstMatrixRef<T>& y_true, const ConstMatrixRef<T>& y_pred);
template <class T>
double recall(const ConstMatrixRef<T>& y_true, const ConstMatrixRef<T>& y_pred);

// tf.metrics.meanSquaredError / meanAbsoluteError: per sample, the mean over
// the last axis: [n].
template <class T>
Vector<T> mean_squared_error(const ConstMatrixRef<T>& y_true, const ConstMatrixRef<T>& y_pred);
template <class T>
Vector<T> mean_absolute_error(const ConstMatrixRef<T>& y_true, const ConstMatrixRef<T>& y_pred);

// Keras RootMeanSquaredError: sqrt of the mean of every squared error (a scalar).
template <class T>
double root_mean_squared_error(const ConstMatrixRef<T>& y_true, const ConstMatrixRef<T>& y_pred);

// tf.metrics.r2Score: 1 - sum (y - p)^2 / sum (y - mean(y))^2 over every
// element. NaN when every target is the same (R² is undefined there; TF.js
// divides by zero and gives NaN or -Infinity).
template <class T>
double r2_score(const ConstMatrixRef<T>& y_true, const ConstMatrixRef<T>& y_pred);

// All regression figures over every element, in one pass.
struct RegressionReport {
  double r2 = 0, mse = 0, rmse = 0, mae = 0;
};
template <class T>
RegressionReport regression_report(const ConstMatrixRef<T>& y_true, const ConstMatrixRef<T>& y_pred);

// A classifier's outputs -> predicted classes: argmax of each row for
// [n, k >= 2] scores, the 0.5 threshold for one column of probabilities
// (a sigmoid output: class 1 when p > 0.5, as binaryAccuracy counts it).
template <class T>
std::vector<int32_t> predicted_classes(const ConstMatrixRef<T>& scores);

// Everything a course shows about a classifier, from its outputs:
// the confusion matrix, per class precision = M[c][c] / column c's sum,
// recall = M[c][c] / row c's sum, F1 = their harmonic mean, support = row c's
// sum, and accuracy = trace / n. A ratio whose denominator is 0 (a class never
// predicted, or absent from the labels) is NaN: undefined, not 0.
struct ClassificationReport {
  IntMatrix matrix;                       // [k, k], rows true, columns predicted
  std::vector<int32_t> predicted;         // [n] the predicted class of each sample
  std::vector<double> precision, recall, f1;  // [k]
  std::vector<int64_t> support;           // [k] samples of each true class
  double accuracy = 0;
};
// labels [n] class indices; scores [n, num_classes] or [n, 1] when num_classes is 2.
template <class T>
ClassificationReport classification_report(const ConstVectorRef<T>& labels, const ConstMatrixRef<T>& scores,
                                           int num_classes);

}  // namespace nnplay
