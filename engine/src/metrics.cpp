// Evaluation metrics (see metrics.hpp): each checks its inputs, then makes one
// pass over them. Sums are accumulated in double, so float inputs of any size
// give the figures a double computation would.
#include "nnplay/metrics.hpp"

#include <cmath>
#include <type_traits>
#include <stdexcept>
#include <string>

#include "nnplay/limits.hpp"
#include "nnplay/names.hpp"

namespace nnplay {
namespace {

std::string shape_text(Eigen::Index rows, Eigen::Index cols) {
  return "[" + std::to_string(rows) + ", " + std::to_string(cols) + "]";
}

void check_classes(int num_classes, const char* what) {
  if (num_classes < 1)
    throw std::invalid_argument(std::string(what) + ": numClasses must be at least 1, got " + std::to_string(num_classes));
  checked_product(num_classes, num_classes, limits::kMaxElements, std::string(what) + ": numClasses");
}

// A value in a message as the user wrote it: a float's shortest text, not its double expansion.
template <class T>
std::string value_text(T v) {
  if constexpr (std::is_same_v<T, float>) return float_text(v);
  else return number_text(double(v));
}

// The class index at i, or a message naming the array, the index and the value.
template <class T>
int32_t class_at(const ConstVectorRef<T>& v, Eigen::Index i, int num_classes, const char* what,
                 const char* name) {
  const T value = v[i];
  if (!(value >= T(0) && value < T(num_classes)) || value != std::floor(value))
    throw std::invalid_argument(std::string(what) + ": " + name + "[" + std::to_string(i) + "] = " +
                                value_text(value) + " is not a class index (an integer in [0, " +
                                std::to_string(num_classes) + "))");
  return static_cast<int32_t>(value);
}

// y_true and y_pred of the same shape, at least one value, all finite.
template <class T>
void check_pair(const ConstMatrixRef<T>& y_true, const ConstMatrixRef<T>& y_pred, const char* what) {
  if (y_true.rows() != y_pred.rows() || y_true.cols() != y_pred.cols())
    throw std::invalid_argument(std::string(what) + ": yTrue and yPred must have the same shape, got " +
                                shape_text(y_true.rows(), y_true.cols()) + " and " +
                                shape_text(y_pred.rows(), y_pred.cols()));
  if (y_true.size() == 0) throw std::invalid_argument(std::string(what) + ": yTrue and yPred are empty");
  for (const auto* m : {&y_true, &y_pred})
    for (Eigen::Index r = 0; r < m->rows(); ++r)
      for (Eigen::Index c = 0; c < m->cols(); ++c)
        if (!std::isfinite((*m)(r, c)))
          throw std::invalid_argument(std::string(what) + ": " + (m == &y_true ? "yTrue" : "yPred") + " contains " +
                                      (std::isnan((*m)(r, c)) ? "NaN" : "Inf") + " at row " + std::to_string(r) +
                                      ", column " + std::to_string(c));
}

// {true positives, false positives, false negatives} of binary arrays.
struct BinaryCounts {
  int64_t tp = 0, fp = 0, fn = 0;
};

template <class T>
BinaryCounts binary_counts(const ConstMatrixRef<T>& y_true, const ConstMatrixRef<T>& y_pred, const char* what) {
  check_pair(y_true, y_pred, what);
  BinaryCounts counts;
  for (Eigen::Index r = 0; r < y_true.rows(); ++r)
    for (Eigen::Index c = 0; c < y_true.cols(); ++c) {
      const T t = y_true(r, c), p = y_pred(r, c);
      for (const auto& [value, name] : {std::pair<T, const char*>{t, "yTrue"}, {p, "yPred"}})
        if (value != T(0) && value != T(1))
          throw std::invalid_argument(std::string(what) + ": " + name + " must hold only 0 and 1 (binary " +
                                      (name[1] == 'P' ? "predictions: threshold the probabilities first" : "labels") +
                                      "), got " + value_text(value) + " at row " + std::to_string(r) +
                                      ", column " + std::to_string(c));
      counts.tp += t == T(1) && p == T(1);
      counts.fp += t == T(0) && p == T(1);
      counts.fn += t == T(1) && p == T(0);
    }
  return counts;
}

double ratio_or_zero(int64_t a, int64_t b) { return b > 0 ? double(a) / double(b) : 0.0; }

}  // namespace

template <class T>
IntMatrix confusion_matrix(const ConstVectorRef<T>& labels, const ConstVectorRef<T>& predictions,
                           int num_classes) {
  const char* what = "confusionMatrix";
  check_classes(num_classes, what);
  if (labels.size() != predictions.size())
    throw std::invalid_argument(std::string(what) + ": labels and predictions must have the same length, got " +
                                std::to_string(labels.size()) + " and " + std::to_string(predictions.size()));
  IntMatrix counts = IntMatrix::Zero(num_classes, num_classes);
  for (Eigen::Index i = 0; i < labels.size(); ++i)
    ++counts(class_at(labels, i, num_classes, what, "labels"), class_at(predictions, i, num_classes, what, "predictions"));
  return counts;
}

template <class T>
double precision(const ConstMatrixRef<T>& y_true, const ConstMatrixRef<T>& y_pred) {
  const BinaryCounts c = binary_counts(y_true, y_pred, "precision");
  return ratio_or_zero(c.tp, c.tp + c.fp);
}

template <class T>
double recall(const ConstMatrixRef<T>& y_true, const ConstMatrixRef<T>& y_pred) {
  const BinaryCounts c = binary_counts(y_true, y_pred, "recall");
  return ratio_or_zero(c.tp, c.tp + c.fn);
}

template <class T>
Vector<T> mean_squared_error(const ConstMatrixRef<T>& y_true, const ConstMatrixRef<T>& y_pred) {
  check_pair(y_true, y_pred, "meanSquaredError");
  return (y_true - y_pred).array().square().rowwise().mean().matrix();
}

template <class T>
Vector<T> mean_absolute_error(const ConstMatrixRef<T>& y_true, const ConstMatrixRef<T>& y_pred) {
  check_pair(y_true, y_pred, "meanAbsoluteError");
  return (y_true - y_pred).array().abs().rowwise().mean().matrix();
}

template <class T>
RegressionReport regression_report(const ConstMatrixRef<T>& y_true, const ConstMatrixRef<T>& y_pred) {
  check_pair(y_true, y_pred, "regression metrics");
  const double n = double(y_true.size());
  double mean = 0;
  for (Eigen::Index r = 0; r < y_true.rows(); ++r)
    for (Eigen::Index c = 0; c < y_true.cols(); ++c) mean += double(y_true(r, c));
  mean /= n;
  double squares = 0, absolutes = 0, total = 0;
  for (Eigen::Index r = 0; r < y_true.rows(); ++r)
    for (Eigen::Index c = 0; c < y_true.cols(); ++c) {
      const double e = double(y_true(r, c)) - double(y_pred(r, c));
      squares += e * e;
      absolutes += std::abs(e);
      total += (double(y_true(r, c)) - mean) * (double(y_true(r, c)) - mean);
    }
  RegressionReport report;
  report.mse = squares / n;
  report.rmse = std::sqrt(report.mse);
  report.mae = absolutes / n;
  report.r2 = total > 0 ? 1.0 - squares / total : std::nan("");
  return report;
}

template <class T>
double root_mean_squared_error(const ConstMatrixRef<T>& y_true, const ConstMatrixRef<T>& y_pred) {
  return regression_report<T>(y_true, y_pred).rmse;
}

template <class T>
double r2_score(const ConstMatrixRef<T>& y_true, const ConstMatrixRef<T>& y_pred) {
  return regression_report<T>(y_true, y_pred).r2;
}

template <class T>
std::vector<int32_t> predicted_classes(const ConstMatrixRef<T>& scores) {
  std::vector<int32_t> out(size_t(scores.rows()));
  for (Eigen::Index r = 0; r < scores.rows(); ++r) {
    if (!scores.row(r).allFinite())
      throw std::invalid_argument("predicted classes: the scores of row " + std::to_string(r) + " are not finite");
    if (scores.cols() == 1) {
      out[size_t(r)] = scores(r, 0) > T(0.5) ? 1 : 0;
    } else {
      Eigen::Index best;
      scores.row(r).maxCoeff(&best);
      out[size_t(r)] = int32_t(best);
    }
  }
  return out;
}

template <class T>
ClassificationReport classification_report(const ConstVectorRef<T>& labels, const ConstMatrixRef<T>& scores,
                                           int num_classes) {
  const char* what = "classificationReport";
  check_classes(num_classes, what);
  if (labels.size() != scores.rows())
    throw std::invalid_argument(std::string(what) + ": " + std::to_string(labels.size()) + " labels for " +
                                std::to_string(scores.rows()) + " rows of scores");
  const bool binary = scores.cols() == 1 && num_classes == 2;
  if (!binary && scores.cols() != num_classes)
    throw std::invalid_argument(std::string(what) + ": scores must have numClasses (" + std::to_string(num_classes) +
                                ") columns, or 1 column of probabilities for 2 classes, got shape " +
                                shape_text(scores.rows(), scores.cols()));
  ClassificationReport report;
  report.predicted = predicted_classes<T>(scores);
  report.matrix = IntMatrix::Zero(num_classes, num_classes);
  for (Eigen::Index i = 0; i < labels.size(); ++i)
    ++report.matrix(class_at(labels, i, num_classes, what, "labels"), report.predicted[size_t(i)]);
  const size_t k = size_t(num_classes);
  report.precision.resize(k);
  report.recall.resize(k);
  report.f1.resize(k);
  report.support.resize(k);
  int64_t correct = 0;
  const double undefined = std::nan("");
  for (size_t c = 0; c < k; ++c) {
    const int64_t hits = report.matrix(Eigen::Index(c), Eigen::Index(c));
    const int64_t predicted = report.matrix.col(Eigen::Index(c)).template cast<int64_t>().sum();
    const int64_t actual = report.matrix.row(Eigen::Index(c)).template cast<int64_t>().sum();
    correct += hits;
    report.support[c] = actual;
    report.precision[c] = predicted > 0 ? double(hits) / double(predicted) : undefined;
    report.recall[c] = actual > 0 ? double(hits) / double(actual) : undefined;
    const double p = report.precision[c], r = report.recall[c];
    report.f1[c] = std::isnan(p) || std::isnan(r) ? undefined : p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
  report.accuracy = labels.size() > 0 ? double(correct) / double(labels.size()) : undefined;
  return report;
}

#define NNPLAY_METRICS(T)                                                                                          \
  template IntMatrix confusion_matrix<T>(const ConstVectorRef<T>&, const ConstVectorRef<T>&, int); \
  template double precision<T>(const ConstMatrixRef<T>&, const ConstMatrixRef<T>&);                               \
  template double recall<T>(const ConstMatrixRef<T>&, const ConstMatrixRef<T>&);                                  \
  template Vector<T> mean_squared_error<T>(const ConstMatrixRef<T>&, const ConstMatrixRef<T>&);                   \
  template Vector<T> mean_absolute_error<T>(const ConstMatrixRef<T>&, const ConstMatrixRef<T>&);                  \
  template double root_mean_squared_error<T>(const ConstMatrixRef<T>&, const ConstMatrixRef<T>&);                 \
  template double r2_score<T>(const ConstMatrixRef<T>&, const ConstMatrixRef<T>&);                                \
  template RegressionReport regression_report<T>(const ConstMatrixRef<T>&, const ConstMatrixRef<T>&);             \
  template std::vector<int32_t> predicted_classes<T>(const ConstMatrixRef<T>&);                                   \
  template ClassificationReport classification_report<T>(const ConstVectorRef<T>&, const ConstMatrixRef<T>&, int);
NNPLAY_METRICS(float)
NNPLAY_METRICS(double)
#undef NNPLAY_METRICS

}  // namespace nnplay
