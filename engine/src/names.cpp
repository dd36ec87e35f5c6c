// Name <-> enum tables for the engine's vocabularies (see names.hpp).
#include "nnplay/names.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <utility>
#include <vector>

namespace nnplay {

std::string number_text(double v) {
  // The fewest significant digits that read back as the same double, so 1e-9
  // prints as "1e-9" (not "0.000000") and 1.0000001 does not become "1".
  char buf[40];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    if (std::strtod(buf, nullptr) == v || v != v) break;
  }
  // "1e-09" -> "1e-9", "1e+20" -> "1e20": exponents as people write them.
  std::string text = buf;
  const size_t e = text.find('e');
  if (e != std::string::npos) {
    size_t digits = e + 1;
    std::string sign;
    if (text[digits] == '-') sign = "-";
    if (text[digits] == '+' || text[digits] == '-') ++digits;
    while (digits + 1 < text.size() && text[digits] == '0') ++digits;
    text = text.substr(0, e + 1) + sign + text.substr(digits);
  }
  return text;
}

bool is_decimal_number(std::string_view s) {
  size_t i = 0, digits = 0;
  auto digit_run = [&] {
    size_t n = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++n;
    return n;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  digits += digit_run();
  if (i < s.size() && s[i] == '.') ++i, digits += digit_run();
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digit_run() == 0) return false;
  }
  return i == s.size();
}

std::string fold_name(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c == '_' || c == '-' || c == ' ') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

namespace {

template <class E>
using Table = std::vector<std::pair<const char*, E>>;  // first entry per value = canonical

template <class E>
E lookup(const Table<E>& table, const std::string& name, const char* what) {
  const std::string key = fold_name(name);
  for (const auto& [alias, value] : table)
    if (fold_name(alias) == key) return value;
  std::string message = std::string("unknown ") + what + " \"" + name + "\"; expected one of:";
  E last{};
  bool first = true;
  for (const auto& [alias, value] : table) {
    if (!first && value == last) continue;  // list canonical names only
    message += (first ? " " : ", ");
    message += alias;
    last = value;
    first = false;
  }
  throw std::invalid_argument(message);
}

template <class E>
const char* canonical(const Table<E>& table, E value) {
  for (const auto& [alias, v] : table)
    if (v == value) return alias;
  return "?";
}

const Table<Activation> kActivations = {
    {"linear", Activation::Linear},        {"sigmoid", Activation::Sigmoid},
    {"tanh", Activation::Tanh},            {"relu", Activation::Relu},
    {"softmax", Activation::Softmax},      {"leakyRelu", Activation::LeakyRelu},
    {"elu", Activation::Elu},
};
const Table<LossKind> kLosses = {
    {"binaryCrossentropy", LossKind::BinaryCrossentropy},
    {"bce", LossKind::BinaryCrossentropy},
    {"meanSquaredError", LossKind::MeanSquaredError},
    {"mse", LossKind::MeanSquaredError},
    {"categoricalCrossentropy", LossKind::CategoricalCrossentropy},
    {"cce", LossKind::CategoricalCrossentropy},
    {"sparseCategoricalCrossentropy", LossKind::SparseCategoricalCrossentropy},
    {"scce", LossKind::SparseCategoricalCrossentropy},
};
const Table<OptimizerKind> kOptimizers = {
    {"sgd", OptimizerKind::Sgd},
    {"momentum", OptimizerKind::Momentum},
    {"rmsprop", OptimizerKind::RmsProp},
    {"adam", OptimizerKind::Adam},
};
const Table<Initializer> kInitializers = {
    {"glorotUniform", Initializer::GlorotUniform}, {"glorotNormal", Initializer::GlorotNormal},
    {"heUniform", Initializer::HeUniform},         {"heNormal", Initializer::HeNormal},
    {"lecunUniform", Initializer::LecunUniform},   {"zeros", Initializer::Zeros},
    {"ones", Initializer::Ones},
};

// The canonical values of a table, in order (aliases skipped).
template <class E>
std::vector<E> values_of(const Table<E>& table) {
  std::vector<E> out;
  for (const auto& [alias, value] : table)
    if (out.empty() || std::find(out.begin(), out.end(), value) == out.end()) out.push_back(value);
  return out;
}

}  // namespace

const std::vector<Activation>& all_activations() { static const auto v = values_of(kActivations); return v; }
const std::vector<LossKind>& all_losses() { static const auto v = values_of(kLosses); return v; }
const std::vector<OptimizerKind>& all_optimizers() { static const auto v = values_of(kOptimizers); return v; }
const std::vector<Initializer>& all_initializers() { static const auto v = values_of(kInitializers); return v; }

bool is_row_wise(Activation a) { return a == Activation::Softmax; }
bool outputs_probabilities(Activation a) { return a == Activation::Sigmoid || a == Activation::Softmax; }
bool has_kink(Activation a) { return a == Activation::Relu || a == Activation::LeakyRelu || a == Activation::Elu; }

Activation parse_activation(const std::string& name) { return lookup(kActivations, name, "activation"); }
LossKind parse_loss(const std::string& name) { return lookup(kLosses, name, "loss"); }
OptimizerKind parse_optimizer(const std::string& name) { return lookup(kOptimizers, name, "optimizer"); }
Initializer parse_initializer(const std::string& name) { return lookup(kInitializers, name, "initializer"); }

const char* name_of(Activation a) { return canonical(kActivations, a); }
const char* name_of(LossKind l) { return canonical(kLosses, l); }
const char* name_of(OptimizerKind o) { return canonical(kOptimizers, o); }
const char* name_of(Initializer i) { return canonical(kInitializers, i); }

}  // namespace nnplay
