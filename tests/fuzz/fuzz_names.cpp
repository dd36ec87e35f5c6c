// libFuzzer target: every parser of a user-facing name or number. The input is
// tried as an activation, loss, optimizer and initializer name, a feature list,
// a dataset name (generating a small data set) and a decimal number. Unknown
// names must be std::invalid_argument; known ones must round-trip through their
// canonical names, and numbers through number_text.
#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <utility>

#include "fuzz_support.hpp"
#include "nnplay/data.hpp"
#include "nnplay/names.hpp"

using namespace nnplay;
using nnplay::fuzz::require;

namespace {

template <class Parse, class E = decltype(std::declval<Parse>()(std::string()))>
void check_vocabulary(Parse parse, const std::string& name, const char* what) {
  E value;
  try {
    value = parse(name);
  } catch (const std::invalid_argument&) {
    return;
  }
  require(parse(name_of(value)) == value, std::string(what) + ": canonical name parses back");
  require(parse(fold_name(name)) == value, std::string(what) + ": matched by its folded spelling");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  require(fold_name(fold_name(text)) == fold_name(text), "fold_name is idempotent");

  check_vocabulary([](const std::string& s) { return parse_activation(s); }, text, "activation");
  check_vocabulary([](const std::string& s) { return parse_loss(s); }, text, "loss");
  check_vocabulary([](const std::string& s) { return parse_optimizer(s); }, text, "optimizer");
  check_vocabulary([](const std::string& s) { return parse_initializer(s); }, text, "initializer");

  try {
    const uint32_t mask = parse_features(text);
    require(mask != 0 && (mask & ~kAllFeatures) == 0, "feature mask within the known features");
    std::string names;
    const auto all = feature_names();
    for (size_t i = 0; i < all.size(); ++i)
      if (mask & (1u << i)) names += (names.empty() ? "" : ",") + all[i];
    require(parse_features(names) == mask, "feature names round-trip");
    require(feature_count(mask) >= 1 && feature_count(mask) <= 7, "feature count 1..7");
  } catch (const std::invalid_argument&) {
  }

  try {
    // The name is the text up to a '|'; the bytes after it set the options, so
    // the fuzzer reaches every option check and generator.
    const size_t bar = text.find('|');
    const std::string name = text.substr(0, bar);
    DatasetOptions o;
    if (bar != std::string::npos && bar + 3 < text.size()) {
      o.count = int(uint8_t(text[bar + 1])) - 8;           // -8..247: the checks and small sets
      o.noise = (int(uint8_t(text[bar + 2])) - 8) / 200.0;  // -0.04..1.24
      o.classes = int(uint8_t(text[bar + 3])) % 9;          // 0..8
    } else {
      o.count = 20;
    }
    const bool regression = is_regression_dataset(name);
    const Dataset d = make_dataset(name, o);
    require(d.x.rows() == o.count && d.x.cols() == 2 && d.y.rows() == o.count, "dataset shape");
    require(d.x.allFinite() && d.y.allFinite(), "finite dataset");
    require(regression == (d.problem == Problem::Regression), "problem as advertised");
  } catch (const std::invalid_argument&) {
  }

  if (is_decimal_number(text)) {
    const double v = std::strtod(text.c_str(), nullptr);
    if (std::isfinite(v)) {
      const std::string shown = number_text(v);
      require(is_decimal_number(shown), "number_text writes a plain decimal: " + shown);
      require(std::strtod(shown.c_str(), nullptr) == v, "number_text round-trips: " + shown);
    }
  }
  return 0;
}
