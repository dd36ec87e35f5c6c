// The playground's data: dataset generators, train/test split, input feature
// transforms, and the CSV reader for user data. Native tests, benchmarks, the
// CLI and the page all share this one implementation.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "nnplay/tensor.hpp"

namespace nnplay {

// What the label column means: a class index (0..classes-1) or a real target.
enum class Problem { Classification, Regression };

// x is [n, 2] (the raw input plane, both coordinates in about [-6, 6]);
// y is [n, 1]: a class index stored as a float, or a real regression target.
struct Dataset {
  MatrixF x;
  MatrixF y;
  Problem problem = Problem::Classification;
  int classes = 2;  // number of classes (>= 2) for classification; 0 for regression
};

struct DatasetOptions {
  int count = 500;       // number of points, 1..100000
  double noise = 0.0;    // 0..1, the dataset's own noise scale (0 = clean)
  uint64_t seed = 1;
  int classes = 2;       // spiral arms / blob classes (2..6); must stay 2 for the others
};

// Names: "circle", "xor", "gauss", "spiral", "moons", "blobs" (classification),
// "plane", "multiGauss" (regression). Unknown name or out-of-range option
// -> std::invalid_argument naming the argument, the allowed range and the value.
Dataset make_dataset(const std::string& name, const DatasetOptions& options);
std::vector<std::string> dataset_names();
bool is_regression_dataset(const std::string& name);
bool dataset_uses_classes(const std::string& name);  // spiral arms / blob count follow options.classes

// Shuffles (seeded) and splits: the first round(n * train_ratio) rows go to train.
// train_ratio in (0, 1]; a ratio of 1 gives an empty test set.
struct Split {
  Dataset train;
  Dataset test;
};
Split split_dataset(const Dataset& data, double train_ratio, uint64_t seed);

// Input features computed from the raw (x1, x2) plane, in this fixed order.
enum Feature : uint32_t {
  kX1 = 1u << 0,
  kX2 = 1u << 1,
  kX1Squared = 1u << 2,
  kX2Squared = 1u << 3,
  kX1TimesX2 = 1u << 4,
  kSinX1 = 1u << 5,
  kSinX2 = 1u << 6,
};
constexpr uint32_t kAllFeatures = 0x7f;
// Names in bit order: "x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)".
std::vector<std::string> feature_names();
uint32_t parse_features(const std::string& comma_separated);  // "x1,x2,x1*x2"
int feature_count(uint32_t mask);
// [n, 2] -> [n, feature_count(mask)], columns in bit order. mask == 0 or bits
// beyond kAllFeatures, or raw.cols() != 2 -> std::invalid_argument.
MatrixF transform_features(const ConstMatrixRef<float>& raw, uint32_t mask);
void transform_features_into(const ConstMatrixRef<float>& raw, uint32_t mask, MatrixRef<float> out);

// CSV with rows `x1,x2,label` and an optional header line (detected when its
// cells are not numbers). Blank lines and surrounding spaces are ignored; \r\n is
// accepted. The label is a class index (classification: a non-negative integer,
// classes = max + 1, at least 2) or a real target (regression).
// A cell may be quoted ("1.5"); numbers are plain decimals (no hex, no inf).
// The first line is a header only if it has three cells, none empty and none a
// number; any other first line is data, checked like the rest.
// Errors -> std::invalid_argument with "line L, column C: ..." (1-based), for a
// wrong cell count, a cell that is not a number, NaN/Inf, a non-integer or
// negative class; empty input; more than max_rows data rows; a line longer than
// limits::kMaxCsvLineBytes or a text longer than limits::kMaxCsvBytes (both
// checked before anything is split or allocated).
struct CsvOptions {
  Problem problem = Problem::Classification;
  int max_rows = 100000;  // 1..limits::kMaxCsvRows
};
Dataset parse_csv(const std::string& text, const CsvOptions& options = {});
std::string to_csv(const Dataset& data);  // header "x1,x2,label"; round-trips exactly

// Throws std::invalid_argument naming `what` if any value is NaN or Inf.
void check_finite(const ConstMatrixRef<float>& m, const char* what);

}  // namespace nnplay
