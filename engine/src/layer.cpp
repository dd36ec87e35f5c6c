// Layer settings (validation against each type's specs) and the layer registry.
#include "nnplay/layer.hpp"

#include <cmath>
#include <stdexcept>

#include "nnplay/limits.hpp"

namespace nnplay {

void LayerConfig::set(const std::string& key, SettingValue value) {
  for (auto& item : items_)
    if (item.first == key) {
      item.second = std::move(value);
      return;
    }
  items_.emplace_back(key, std::move(value));
}

const SettingValue* LayerConfig::find(const std::string& key) const {
  for (const auto& item : items_)
    if (item.first == key) return &item.second;
  return nullptr;
}

bool LayerConfig::has(const std::string& key) const { return find(key) != nullptr; }

namespace {

const SettingValue& require(const LayerConfig& c, const std::string& key, SettingValue::Kind kind) {
  const SettingValue* v = c.find(key);
  // Reached only through a layer's own code reading its resolved config: a bug, not bad input.
  if (!v || v->kind != kind) throw std::logic_error("layer setting \"" + key + "\" missing or of the wrong kind");
  return *v;
}

const char* kind_text(SettingSpec::Kind k) {
  switch (k) {
    case SettingSpec::Kind::Integer: return "an integer";
    case SettingSpec::Kind::Number: return "a number";
    case SettingSpec::Kind::Bool: return "true or false";
    case SettingSpec::Kind::Activation: return "an activation name";
    case SettingSpec::Kind::Initializer: return "an initializer name";
  }
  return "?";
}

std::string given_text(const SettingValue& v) {
  switch (v.kind) {
    case SettingValue::Kind::Number: return number_text(v.number);
    case SettingValue::Kind::Bool: return v.flag ? "true" : "false";
    case SettingValue::Kind::Text: return "\"" + v.text.substr(0, 40) + (v.text.size() > 40 ? "…" : "") + "\"";
  }
  return "?";
}

}  // namespace

double LayerConfig::number(const std::string& key) const { return require(*this, key, SettingValue::Kind::Number).number; }
int LayerConfig::integer(const std::string& key) const { return static_cast<int>(number(key)); }
bool LayerConfig::flag(const std::string& key) const { return require(*this, key, SettingValue::Kind::Bool).flag; }
const std::string& LayerConfig::text(const std::string& key) const { return require(*this, key, SettingValue::Kind::Text).text; }

LayerConfig resolve_config(const std::vector<SettingSpec>& specs, const LayerConfig& given) {
  for (const auto& [key, value] : given.items()) {
    bool known = false;
    for (const SettingSpec& s : specs) known = known || key == s.name;
    if (!known) {
      std::string accepted;
      for (const SettingSpec& s : specs) accepted += (accepted.empty() ? "" : ", ") + std::string(s.name);
      throw std::invalid_argument("unknown setting \"" + key.substr(0, 40) + "\"; expected one of: " + accepted);
    }
  }
  LayerConfig out;
  for (const SettingSpec& s : specs) {
    const SettingValue* v = given.find(s.name);
    if (!v) {
      if (!s.optional) out.set(s.name, s.fallback);
      continue;
    }
    const std::string what = std::string(s.name) + " (" + s.help + ")";
    auto wrong = [&] {
      return std::invalid_argument(what + " must be " + kind_text(s.kind) + ", got " + given_text(*v));
    };
    switch (s.kind) {
      case SettingSpec::Kind::Integer:
      case SettingSpec::Kind::Number: {
        if (v->kind != SettingValue::Kind::Number || !std::isfinite(v->number)) throw wrong();
        const double x = v->number;
        if (s.kind == SettingSpec::Kind::Integer && x != std::floor(x)) throw wrong();
        const bool above = s.max_exclusive ? !(x < s.max) : !(x <= s.max);
        if (x < s.min || above)
          throw std::invalid_argument(what + " must be in [" + number_text(s.min) + ", " + number_text(s.max) +
                                      (s.max_exclusive ? ")" : "]") + ", got " + number_text(x));
        out.set(s.name, *v);
        break;
      }
      case SettingSpec::Kind::Bool:
        if (v->kind != SettingValue::Kind::Bool) throw wrong();
        out.set(s.name, *v);
        break;
      case SettingSpec::Kind::Activation:
        if (v->kind != SettingValue::Kind::Text) throw wrong();
        try {
          out.set(s.name, SettingValue::of(name_of(parse_activation(v->text))));
        } catch (const std::invalid_argument& e) {
          throw std::invalid_argument(what + ": " + e.what());
        }
        break;
      case SettingSpec::Kind::Initializer:
        if (v->kind != SettingValue::Kind::Text) throw wrong();
        try {
          out.set(s.name, SettingValue::of(name_of(parse_initializer(v->text))));
        } catch (const std::invalid_argument& e) {
          throw std::invalid_argument(what + ": " + e.what());
        }
        break;
    }
  }
  return out;
}

int64_t count_parameters(const std::vector<WeightShape>& shapes, const std::string& what) {
  double total = 0;  // in double first: the sizes come from outside and may be absurd
  for (const WeightShape& w : shapes) total += double(w.rows) * double(w.cols);
  if (total > double(limits::kMaxParameters))
    throw std::invalid_argument(what + ": " + number_text(total) + " parameters, more than the limit of " +
                                std::to_string(limits::kMaxParameters));
  int64_t count = 0;
  for (const WeightShape& w : shapes) count += checked_product(w.rows, w.cols, limits::kMaxParameters, what + " " + w.name);
  return count;
}

// ---- registry ------------------------------------------------------------------------

#define NNPLAY_DECLARE_LAYER_TYPE(name)   \
  const LayerType& name##_layer_type(); \
  template <class T>                    \
  std::unique_ptr<Layer<T>> make_##name##_layer(const LayerConfig& resolved);
NNPLAY_LAYER_TYPES(NNPLAY_DECLARE_LAYER_TYPE)
#undef NNPLAY_DECLARE_LAYER_TYPE

const std::vector<const LayerType*>& layer_types() {
#define NNPLAY_LIST_LAYER_TYPE(name) &name##_layer_type(),
  static const std::vector<const LayerType*> types = {NNPLAY_LAYER_TYPES(NNPLAY_LIST_LAYER_TYPE)};
#undef NNPLAY_LIST_LAYER_TYPE
  return types;
}

const LayerType& layer_type(const std::string& name) {
  const std::string key = fold_name(name);
  for (const LayerType* t : layer_types())
    if (fold_name(t->name) == key) return *t;
  std::string accepted;
  for (const LayerType* t : layer_types()) accepted += (accepted.empty() ? "" : ", ") + std::string(t->name);
  throw std::invalid_argument("unknown layer type \"" + name.substr(0, 40) + "\"; expected one of: " + accepted);
}

namespace {

template <class T>
std::unique_ptr<Layer<T>> make(const LayerType& t, const LayerConfig& resolved) {
#define NNPLAY_MAKE_LAYER(name) \
  if (&t == &name##_layer_type()) return make_##name##_layer<T>(resolved);
  NNPLAY_LAYER_TYPES(NNPLAY_MAKE_LAYER)
#undef NNPLAY_MAKE_LAYER
  throw std::logic_error(std::string("layer type ") + t.name + " has no factory");
}

}  // namespace

template <class T>
std::unique_ptr<Layer<T>> make_layer(const std::string& type, const LayerConfig& config, const std::string& where) {
  const LayerType& t = layer_type(type);
  try {
    return make<T>(t, resolve_config(t.settings, config));
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument((where.empty() ? std::string("layers.") + t.name : where) + ": " + e.what());
  }
}

template std::unique_ptr<Layer<float>> make_layer<float>(const std::string&, const LayerConfig&, const std::string&);
template std::unique_ptr<Layer<double>> make_layer<double>(const std::string&, const LayerConfig&, const std::string&);

}  // namespace nnplay
