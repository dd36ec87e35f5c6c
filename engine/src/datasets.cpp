// Dataset generators (TensorFlow Playground's dataset.ts shapes, plus moons and
// blobs), the seeded train/test split, input feature transforms and check_finite.
//
// Noise: TFP's slider runs 0..50% (0..0.5); ours runs 0..1, so we use
// tfp = 0.5 * noise and noise 1 is TFP's maximum. As in TFP, circle, xor, plane
// and multiGauss keep every point where it was drawn and apply the noise to the
// label only (the label is computed at a jittered copy of the point), so the
// picture stays the same shape while labels near the boundary flip. Every
// generator draws the same random numbers whatever the noise, so changing only
// the noise keeps the same points (gauss/blobs/moons/spiral move them instead).
//
// Rows come grouped by label (class 0 first except circle/gauss, which follow TFP
// and put the positives first); split_dataset shuffles. When a count does not
// divide evenly, the earlier groups get one point more.
//
// All positions are computed in double with a fixed draw order (one draw per
// statement: argument evaluation order is unspecified) and stored as float.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "nnplay/data.hpp"
#include "nnplay/names.hpp"
#include "nnplay/random.hpp"

namespace nnplay {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kMaxCount = 100000;
constexpr int kMinClasses = 2;
constexpr int kMaxClasses = 6;


// Writes generated points row by row into a dataset sized beforehand.
struct Writer {
  Dataset& data;
  Eigen::Index row = 0;
  void put(double x1, double x2, double label) {
    data.x(row, 0) = static_cast<float>(x1);
    data.x(row, 1) = static_cast<float>(x2);
    data.y(row, 0) = static_cast<float>(label);
    ++row;
  }
};

// Points in group k when `count` points are dealt to `groups` groups.
int group_size(int count, int groups, int k) { return count / groups + (k < count % groups ? 1 : 0); }

double tfp_noise(const DatasetOptions& o) { return 0.5 * o.noise; }

// TFP classifyCircleData: positives at r in [0, 2.5), negatives at r in [3.5, 5);
// the label is "inside radius 2.5" judged at the point plus a jitter of up to
// +-5 * tfp noise per coordinate.
void circle(const DatasetOptions& o, Random& rng, Writer& out) {
  const double radius = 5.0;
  const double noise = tfp_noise(o);
  for (int group = 0; group < 2; ++group) {
    const bool inner = group == 0;
    for (int i = 0; i < group_size(o.count, 2, group); ++i) {
      const double r = inner ? rng.uniform(0.0, radius * 0.5) : rng.uniform(radius * 0.7, radius);
      const double angle = rng.uniform(0.0, 2 * kPi);
      const double x = r * std::sin(angle);
      const double y = r * std::cos(angle);
      const double nx = x + rng.uniform(-radius, radius) * noise;
      const double ny = y + rng.uniform(-radius, radius) * noise;
      out.put(x, y, std::sqrt(nx * nx + ny * ny) < radius * 0.5 ? 1 : 0);
    }
  }
}

// TFP classifyXORData: uniform in [-5, 5] pushed 0.3 away from each axis; label 1
// when x1 * x2 >= 0 at the point plus a jitter of up to +-5 * tfp noise.
void xor_data(const DatasetOptions& o, Random& rng, Writer& out) {
  const double padding = 0.3;
  const double noise = tfp_noise(o);
  for (int i = 0; i < o.count; ++i) {
    double x = rng.uniform(-5.0, 5.0);
    x += x > 0 ? padding : -padding;
    double y = rng.uniform(-5.0, 5.0);
    y += y > 0 ? padding : -padding;
    const double nx = x + rng.uniform(-5.0, 5.0) * noise;
    const double ny = y + rng.uniform(-5.0, 5.0) * noise;
    out.put(x, y, nx * ny >= 0 ? 1 : 0);
  }
}

// TFP classifyTwoGaussData: label 1 around (2, 2), label 0 around (-2, -2), per
// coordinate variance 0.5 (noise 0) .. 4 (noise 1), linear in between.
double gauss_stddev(const DatasetOptions& o) { return std::sqrt(0.5 + 3.5 * o.noise); }

void gauss(const DatasetOptions& o, Random& rng, Writer& out) {
  const double stddev = gauss_stddev(o);
  for (int group = 0; group < 2; ++group) {
    const double centre = group == 0 ? 2.0 : -2.0;
    for (int i = 0; i < group_size(o.count, 2, group); ++i) {
      const double x = rng.normal(centre, stddev);
      const double y = rng.normal(centre, stddev);
      out.put(x, y, group == 0 ? 1 : 0);
    }
  }
}

// TFP classifySpiralData generalised to `classes` arms: arm k has n points,
// r = i/n * 5, t = 1.75 * i/n * 2pi + 2pi k/classes, plus a uniform jitter of up
// to +-tfp noise (at most +-0.5) per coordinate. With noise 0 the seed is unused.
void spiral(const DatasetOptions& o, Random& rng, Writer& out) {
  const double noise = tfp_noise(o);
  for (int arm = 0; arm < o.classes; ++arm) {
    const int n = group_size(o.count, o.classes, arm);
    const double offset = 2 * kPi * arm / o.classes;
    for (int i = 0; i < n; ++i) {
      const double r = static_cast<double>(i) / n * 5.0;
      const double t = 1.75 * i / n * 2 * kPi + offset;
      const double x = r * std::sin(t) + rng.uniform(-1.0, 1.0) * noise;
      const double y = r * std::cos(t) + rng.uniform(-1.0, 1.0) * noise;
      out.put(x, y, arm);
    }
  }
}

// sklearn make_moons, with angles drawn uniformly in [0, pi] rather than evenly
// spaced (so the seed matters): label 0 on (cos t, sin t), label 1 on
// (1 - cos t, 0.5 - sin t), Gaussian noise of stddev 0.3 * noise in those units
// (sklearn's usual 0.1..0.3), then centred on (0.5, 0.25) and scaled by 3.5:
// clean points lie in x1 in [-5.25, 5.25], x2 in [-2.625, 2.625].
constexpr double kMoonScale = 3.5;
constexpr double kMoonCentreX = 0.5;
constexpr double kMoonCentreY = 0.25;

void moons(const DatasetOptions& o, Random& rng, Writer& out) {
  const double stddev = 0.3 * o.noise;
  for (int moon = 0; moon < 2; ++moon) {
    for (int i = 0; i < group_size(o.count, 2, moon); ++i) {
      const double t = rng.uniform(0.0, kPi);
      double x = moon == 0 ? std::cos(t) : 1 - std::cos(t);
      double y = moon == 0 ? std::sin(t) : 0.5 - std::sin(t);
      x += rng.normal(0.0, stddev);
      y += rng.normal(0.0, stddev);
      out.put((x - kMoonCentreX) * kMoonScale, (y - kMoonCentreY) * kMoonScale, moon);
    }
  }
}

// `classes` Gaussian blobs, centre k at radius 3.5 and angle 2pi k/classes, with
// the same spread as gauss (variance 0.5 .. 4 per coordinate).
constexpr double kBlobRadius = 3.5;

void blobs(const DatasetOptions& o, Random& rng, Writer& out) {
  const double stddev = gauss_stddev(o);
  for (int blob = 0; blob < o.classes; ++blob) {
    const double angle = 2 * kPi * blob / o.classes;
    const double cx = kBlobRadius * std::cos(angle);
    const double cy = kBlobRadius * std::sin(angle);
    for (int i = 0; i < group_size(o.count, o.classes, blob); ++i) {
      const double x = rng.normal(cx, stddev);
      const double y = rng.normal(cy, stddev);
      out.put(x, y, blob);
    }
  }
}

// TFP regressPlane, rescaled so the clean target is exactly (x1 + x2) / 12 in
// [-1, 1]: uniform in [-6, 6]^2, target judged at the point plus a jitter of up
// to +-6 * tfp noise per coordinate, clamped to [-1, 1] so a tanh output can
// reach every target.
// Regression sets: uniform in [-6, 6]^2, the target judged at the point plus a
// jitter of up to +-6 * tfp noise per coordinate (TFP's label noise).
template <class Target>
void jittered_regression(const DatasetOptions& o, Random& rng, Writer& out, Target target) {
  const double noise = tfp_noise(o);
  for (int i = 0; i < o.count; ++i) {
    const double x = rng.uniform(-6.0, 6.0);
    const double y = rng.uniform(-6.0, 6.0);
    const double nx = x + rng.uniform(-6.0, 6.0) * noise;
    const double ny = y + rng.uniform(-6.0, 6.0) * noise;
    out.put(x, y, target(nx, ny));
  }
}

void plane(const DatasetOptions& o, Random& rng, Writer& out) {
  jittered_regression(o, rng, out, [](double x, double y) { return std::fmin(1.0, std::fmax(-1.0, (x + y) / 12.0)); });
}

// TFP regressGaussian: six signed bumps; each contributes sign * max(0, 1 - d/2)
// at distance d from its centre, and the largest in absolute value wins. Same
// label jitter as plane. Targets are in [-1, 1] by construction.
double multi_gauss_target(double x, double y) {
  static const double kBumps[6][3] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1},
                                      {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
  double label = 0;
  for (const auto& bump : kBumps) {
    const double dx = x - bump[0];
    const double dy = y - bump[1];
    const double height = std::fmax(0.0, 1.0 - std::sqrt(dx * dx + dy * dy) / 2.0);
    const double candidate = bump[2] * height;
    if (std::fabs(candidate) > std::fabs(label)) label = candidate;
  }
  return label;
}

void multi_gauss(const DatasetOptions& o, Random& rng, Writer& out) {
  jittered_regression(o, rng, out, multi_gauss_target);
}

struct Generator {
  const char* name;
  void (*generate)(const DatasetOptions&, Random&, Writer&);
  bool regression;
  bool uses_classes;  // spiral arms / blob count come from options.classes
};

const Generator kGenerators[] = {
    {"circle", circle, false, false},        {"xor", xor_data, false, false},
    {"gauss", gauss, false, false},          {"spiral", spiral, false, true},
    {"moons", moons, false, false},          {"blobs", blobs, false, true},
    {"plane", plane, true, false},           {"multiGauss", multi_gauss, true, false},
};


std::string joined_dataset_names() {
  std::string out;
  for (const auto& g : kGenerators) out += (out.empty() ? "" : ", ") + std::string(g.name);
  return out;
}

std::string multiclass_dataset_names() {
  std::string out;
  for (const auto& g : kGenerators)
    if (g.uses_classes) out += (out.empty() ? "" : " and ") + std::string(g.name);
  return out;
}

const Generator& find_generator(const std::string& name, const char* caller) {
  const std::string key = fold_name(name);
  for (const auto& g : kGenerators)
    if (fold_name(g.name) == key) return g;
  throw std::invalid_argument(std::string(caller) + ": unknown dataset \"" + name +
                              "\"; expected one of: " + joined_dataset_names());
}

void validate(const Generator& g, const DatasetOptions& o) {
  const std::string who = std::string("make_dataset(\"") + g.name + "\")";
  if (o.count < 1 || o.count > kMaxCount)
    throw std::invalid_argument(who + ": options.count must be in 1.." + std::to_string(kMaxCount) +
                                ", got " + std::to_string(o.count));
  if (!(o.noise >= 0.0 && o.noise <= 1.0))  // also rejects NaN
    throw std::invalid_argument(who + ": options.noise must be a finite number in 0..1, got " +
                                number_text(o.noise));
  if (g.uses_classes && (o.classes < kMinClasses || o.classes > kMaxClasses))
    throw std::invalid_argument(who + ": options.classes must be in " + std::to_string(kMinClasses) +
                                ".." + std::to_string(kMaxClasses) + ", got " +
                                std::to_string(o.classes));
  // The others make a fixed problem; a different count would be silently ignored.
  if (!g.uses_classes && o.classes != 2)
    throw std::invalid_argument(who + ": options.classes (" + std::to_string(o.classes) + ") applies only to " +
                                multiclass_dataset_names() + "; " + g.name +
                                (g.regression ? " is a regression dataset" : " always makes 2 classes"));
}

}  // namespace

Dataset make_dataset(const std::string& name, const DatasetOptions& options) {
  const Generator& g = find_generator(name, "make_dataset");
  validate(g, options);
  Dataset data;
  data.x.resize(options.count, 2);
  data.y.resize(options.count, 1);
  data.problem = g.regression ? Problem::Regression : Problem::Classification;
  data.classes = g.regression ? 0 : (g.uses_classes ? options.classes : 2);
  Random rng(options.seed);
  Writer out{data};
  g.generate(options, rng, out);
  if (out.row != options.count)  // a generator bug, not a user error
    throw std::logic_error(std::string("make_dataset: generator \"") + g.name + "\" wrote " +
                           std::to_string(out.row) + " rows, expected " +
                           std::to_string(options.count));
  return data;
}

std::vector<std::string> dataset_names() {
  std::vector<std::string> names;
  for (const auto& g : kGenerators) names.emplace_back(g.name);
  return names;
}

bool is_regression_dataset(const std::string& name) {
  return find_generator(name, "is_regression_dataset").regression;
}

bool dataset_uses_classes(const std::string& name) {
  return find_generator(name, "dataset_uses_classes").uses_classes;
}

Split split_dataset(const Dataset& data, double train_ratio, uint64_t seed) {
  if (!(train_ratio > 0.0 && train_ratio <= 1.0))  // also rejects NaN
    throw std::invalid_argument("split_dataset: train_ratio must be in (0, 1], got " +
                                number_text(train_ratio));
  const Eigen::Index n = data.x.rows();
  if (data.y.rows() != n || data.y.cols() != 1)
    throw std::invalid_argument("split_dataset: data.y must be [" + std::to_string(n) +
                                ", 1] to match data.x, got [" + std::to_string(data.y.rows()) +
                                ", " + std::to_string(data.y.cols()) + "]");

  // Fisher-Yates with our own generator, so native and wasm shuffle alike.
  std::vector<Eigen::Index> order(static_cast<size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) order[static_cast<size_t>(i)] = i;
  Random rng(seed);
  for (Eigen::Index i = n - 1; i > 0; --i)
    std::swap(order[static_cast<size_t>(i)], order[rng.below(static_cast<uint32_t>(i + 1))]);

  const Eigen::Index n_train = static_cast<Eigen::Index>(std::llround(static_cast<double>(n) * train_ratio));
  Split split;
  for (Dataset* part : {&split.train, &split.test}) {
    part->problem = data.problem;
    part->classes = data.classes;
  }
  split.train.x.resize(n_train, data.x.cols());
  split.train.y.resize(n_train, 1);
  split.test.x.resize(n - n_train, data.x.cols());
  split.test.y.resize(n - n_train, 1);
  for (Eigen::Index i = 0; i < n; ++i) {
    const Eigen::Index src = order[static_cast<size_t>(i)];
    Dataset& part = i < n_train ? split.train : split.test;
    const Eigen::Index dst = i < n_train ? i : i - n_train;
    part.x.row(dst) = data.x.row(src);
    part.y(dst, 0) = data.y(src, 0);
  }
  return split;
}

// ---- input features ---------------------------------------------------------

namespace {

const char* const kFeatureNames[] = {"x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"};

// Aliases after removing whitespace and lower-casing ("sin x1" -> "sinx1").
const std::pair<const char*, Feature> kFeatureAliases[] = {
    {"x1", kX1},           {"x2", kX2},
    {"x1^2", kX1Squared},  {"x1\xC2\xB2", kX1Squared},  {"x1sq", kX1Squared},
    {"x2^2", kX2Squared},  {"x2\xC2\xB2", kX2Squared},  {"x2sq", kX2Squared},
    {"x1*x2", kX1TimesX2}, {"x1x2", kX1TimesX2},       {"x1\xC2\xB7x2", kX1TimesX2},
    {"x2*x1", kX1TimesX2},
    {"sin(x1)", kSinX1},   {"sinx1", kSinX1},
    {"sin(x2)", kSinX2},   {"sinx2", kSinX2},
};

std::string joined_feature_names() {
  std::string out;
  for (const char* name : kFeatureNames) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

std::string hex_text(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%x", v);
  return buf;
}

void check_mask(uint32_t mask, const char* caller) {
  if (mask == 0)
    throw std::invalid_argument(std::string(caller) + ": feature mask is 0; select at least one of: " +
                                joined_feature_names());
  if (mask & ~kAllFeatures)
    throw std::invalid_argument(std::string(caller) + ": feature mask " + hex_text(mask) +
                                " has bits beyond kAllFeatures (" + hex_text(kAllFeatures) + ")");
}

}  // namespace

std::vector<std::string> feature_names() {
  return std::vector<std::string>(std::begin(kFeatureNames), std::end(kFeatureNames));
}

uint32_t parse_features(const std::string& comma_separated) {
  uint32_t mask = 0;
  size_t start = 0;
  while (true) {
    const size_t comma = comma_separated.find(',', start);
    const std::string token = comma_separated.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    std::string key;
    for (char c : token)
      if (!std::isspace(static_cast<unsigned char>(c)))
        key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (key.empty())
      throw std::invalid_argument("parse_features: empty feature name in \"" + comma_separated +
                                  "\"; expected a comma-separated list of: " + joined_feature_names());
    bool found = false;
    for (const auto& [alias, bit] : kFeatureAliases) {
      if (key == alias) {
        mask |= bit;
        found = true;
        break;
      }
    }
    if (!found)
      throw std::invalid_argument("parse_features: unknown feature \"" + token + "\" in \"" +
                                  comma_separated + "\"; expected one of: " + joined_feature_names());
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return mask;
}

int feature_count(uint32_t mask) {
  if (mask & ~kAllFeatures)
    throw std::invalid_argument("feature_count: feature mask " + hex_text(mask) +
                                " has bits beyond kAllFeatures (" + hex_text(kAllFeatures) + ")");
  int count = 0;
  for (uint32_t m = mask; m != 0; m &= m - 1) ++count;
  return count;
}

MatrixF transform_features(const ConstMatrixRef<float>& raw, uint32_t mask) {
  check_mask(mask, "transform_features");
  MatrixF out(raw.rows(), feature_count(mask));
  transform_features_into(raw, mask, out);
  return out;
}

void transform_features_into(const ConstMatrixRef<float>& raw, uint32_t mask, MatrixRef<float> out) {
  check_mask(mask, "transform_features_into");
  if (raw.cols() != 2)
    throw std::invalid_argument("transform_features_into: raw must be [n, 2] (x1, x2), got [" +
                                std::to_string(raw.rows()) + ", " + std::to_string(raw.cols()) + "]");
  const int cols = feature_count(mask);
  if (out.rows() != raw.rows() || out.cols() != cols)
    throw std::invalid_argument("transform_features_into: out must be [" + std::to_string(raw.rows()) +
                                ", " + std::to_string(cols) + "] for mask " + hex_text(mask) +
                                ", got [" + std::to_string(out.rows()) + ", " +
                                std::to_string(out.cols()) + "]");
  for (Eigen::Index i = 0; i < raw.rows(); ++i) {
    const float x1 = raw(i, 0);
    const float x2 = raw(i, 1);
    Eigen::Index c = 0;
    if (mask & kX1) out(i, c++) = x1;
    if (mask & kX2) out(i, c++) = x2;
    if (mask & kX1Squared) out(i, c++) = x1 * x1;
    if (mask & kX2Squared) out(i, c++) = x2 * x2;
    if (mask & kX1TimesX2) out(i, c++) = x1 * x2;
    // sin in double then rounded: float sinf differs between libms more often.
    if (mask & kSinX1) out(i, c++) = static_cast<float>(std::sin(static_cast<double>(x1)));
    if (mask & kSinX2) out(i, c++) = static_cast<float>(std::sin(static_cast<double>(x2)));
  }
}

void check_finite(const ConstMatrixRef<float>& m, const char* what) {
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j)
      if (!std::isfinite(m(i, j)))
        throw std::invalid_argument(std::string(what) + " must be finite, but has " +
                                    (std::isnan(m(i, j)) ? "NaN" : "Inf") + " at row " +
                                    std::to_string(i) + ", column " + std::to_string(j) +
                                    " (0-based)");
}

}  // namespace nnplay
