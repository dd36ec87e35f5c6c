// JSON save/load of a Sequential<float> model (format "nnplay-model").
// Loading validates before it allocates: the text size, every declared size and
// the parameter total (Sequential::add checks them against limits.hpp), every
// integer (no 2.9 units, no 4294967298 wrapping round), every weight array's
// shape; only then are the parameters allocated and written.
#include "nnplay/model_io.hpp"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "nnplay/limits.hpp"

namespace nnplay {
namespace {

using json = nlohmann::ordered_json;  // keeps "format" and "version" first

json matrix_to_json(const MatrixF& m) {
  json rows = json::array();
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    json row = json::array();
    for (Eigen::Index c = 0; c < m.cols(); ++c) row.push_back(m(r, c));
    rows.push_back(std::move(row));
  }
  return rows;
}

json vector_to_json(const Eigen::Ref<const VectorF>& v) {
  return json(std::vector<float>(v.data(), v.data() + v.size()));
}

[[noreturn]] void fail(const std::string& message) { throw std::invalid_argument("model JSON: " + message); }

// Reads a required field, naming the path in the error.
const json& field(const json& object, const char* key, const std::string& where) {
  if (!object.is_object() || !object.contains(key)) fail("missing \"" + std::string(key) + "\" in " + where);
  return object.at(key);
}

template <class V>
V get(const json& object, const char* key, const std::string& where) {
  const json& value = field(object, key, where);
  try {
    return value.get<V>();
  } catch (const json::exception&) {
    fail("\"" + std::string(key) + "\" in " + where + " has the wrong type (" + value.type_name() + ")");
  }
}

template <class V>
V get_or(const json& object, const char* key, const std::string& where, V fallback) {
  return object.contains(key) ? get<V>(object, key, where) : fallback;
}

// An integer in [min, max]: JSON numbers with a fraction, or beyond the range,
// are refused instead of being truncated or wrapped.
int64_t integer_value(const json& value, const std::string& what, double min, double max) {
  double v;
  if (value.is_number_unsigned()) {
    const uint64_t u = value.get<uint64_t>();
    if (double(u) > max) fail(what + " must be an integer in [" + number_text(min) + ", " + number_text(max) + "], got " + value.dump());
    return int64_t(u);
  }
  if (value.is_number_integer()) v = double(value.get<int64_t>());
  else if (value.is_number_float()) v = value.get<double>();
  else fail(what + " has the wrong type (" + value.type_name() + "); expected an integer");
  if (!std::isfinite(v) || v != std::floor(v) || v < min || v > max)
    fail(what + " must be an integer in [" + number_text(min) + ", " + number_text(max) + "], got " + value.dump());
  return int64_t(v);
}

int64_t get_integer(const json& object, const char* key, const std::string& where, double min, double max) {
  return integer_value(field(object, key, where), "\"" + std::string(key) + "\" in " + where, min, max);
}

int64_t get_integer_or(const json& object, const char* key, const std::string& where, double min, double max,
                       int64_t fallback) {
  return object.contains(key) ? get_integer(object, key, where, min, max) : fallback;
}

// A number read as double and range-checked before the narrowing cast: beyond float
// range it would load as Inf (and the cast is undefined behaviour), and save as null.
float float_from_json(const json& value, const std::string& where) {
  const double d = value.get<double>();
  if (!std::isfinite(d) || std::fabs(d) > double(std::numeric_limits<float>::max()))
    fail(where + " is beyond float range: " + value.dump());
  return float(d);
}

MatrixF matrix_from_json(const json& value, Eigen::Index rows, Eigen::Index cols, const std::string& where) {
  if (!value.is_array() || Eigen::Index(value.size()) != rows)
    fail(where + " must be " + std::to_string(rows) + " rows of " + std::to_string(cols) + " numbers");
  MatrixF m(rows, cols);
  for (Eigen::Index r = 0; r < rows; ++r) {
    const json& row = value[size_t(r)];
    if (!row.is_array() || Eigen::Index(row.size()) != cols)
      fail(where + " row " + std::to_string(r) + " must have " + std::to_string(cols) + " numbers");
    for (Eigen::Index c = 0; c < cols; ++c) {
      if (!row[size_t(c)].is_number())
        fail(where + " [" + std::to_string(r) + "][" + std::to_string(c) + "] is not a number");
      m(r, c) = float_from_json(row[size_t(c)], where + " [" + std::to_string(r) + "][" + std::to_string(c) + "]");
    }
  }
  return m;
}

VectorF vector_from_json(const json& value, Eigen::Index size, const std::string& where) {
  if (!value.is_array() || Eigen::Index(value.size()) != size)
    fail(where + " must be an array of " + std::to_string(size) + " numbers");
  VectorF v(size);
  for (Eigen::Index i = 0; i < size; ++i) {
    if (!value[size_t(i)].is_number()) fail(where + " [" + std::to_string(i) + "] is not a number");
    v[i] = float_from_json(value[size_t(i)], where + " [" + std::to_string(i) + "]");
  }
  return v;
}

std::vector<uint32_t> words_from_json(const json& value, const std::string& where) {
  if (!value.is_array() || value.size() > 64) fail(where + " must be an array of at most 64 integers");
  std::vector<uint32_t> out;
  for (size_t i = 0; i < value.size(); ++i)
    out.push_back(uint32_t(integer_value(value[i], where + "[" + std::to_string(i) + "]", 0, 4294967295.0)));
  return out;
}

Random::State rng_from_json(const json& value, const std::string& where) {
  const std::vector<uint32_t> w = words_from_json(value, where);
  if (w.size() != 4) fail(where + " must be 4 integers");
  return {w[0], w[1], w[2], w[3]};
}

json setting_to_json(const SettingValue& v, bool integer) {
  switch (v.kind) {
    case SettingValue::Kind::Number:
      if (integer) return int64_t(v.number);
      return v.number;
    case SettingValue::Kind::Bool: return v.flag;
    case SettingValue::Kind::Text: return v.text;
  }
  return nullptr;
}

// A layer's settings from its JSON object: the keys its type declares.
LayerConfig layer_config_from_json(const json& layer, const LayerType& type, const std::string& where) {
  LayerConfig c;
  for (const SettingSpec& s : type.settings) {
    if (!layer.contains(s.name)) continue;
    const json& v = layer.at(s.name);
    if (v.is_boolean()) c.set(s.name, SettingValue::of(v.get<bool>()));
    else if (v.is_number()) c.set(s.name, SettingValue::of(v.get<double>()));
    else if (v.is_string()) c.set(s.name, SettingValue::of(v.get<std::string>()));
    else fail("\"" + std::string(s.name) + "\" in " + where + " has the wrong type (" + v.type_name() + ")");
  }
  return c;
}

}  // namespace

std::string model_to_json(Model& model, bool include_optimizer_state) {
  json out;
  out["format"] = "nnplay-model";
  out["version"] = kModelFormatVersion;
  out["inputDim"] = model.input_dim();
  out["seed"] = model.seed();
  const auto weights = model.get_weights();
  json layers = json::array();
  size_t w = 0;
  int in = model.input_dim();
  for (int l = 0; l < model.layer_count(); ++l) {
    const Layer<float>& layer = model.layer(l);
    json item;
    item["type"] = layer.type();
    if (model.layer_named(l)) item["name"] = model.layer_name(l);
    for (const SettingSpec& spec : layer_type(layer.type()).settings)
      if (const SettingValue* value = layer.config().find(spec.name))
        item[spec.name] = setting_to_json(*value, spec.kind == SettingSpec::Kind::Integer);
    for (const WeightShape& shape : layer.weight_shapes(in)) {
      const json array = matrix_to_json(weights[w++]);
      item[shape.name] = shape.vector ? array[0] : array;
    }
    in = layer.units();
    layers.push_back(std::move(item));
  }
  out["layers"] = std::move(layers);
  if (model.compiled()) {
    const CompileConfig& c = model.compile_config();
    const OptimizerConfig& o = model.optimizer().config();
    json optimizer = {{"name", name_of(o.kind)}, {"learningRate", o.learning_rate}, {"momentum", o.momentum},
                      {"nesterov", o.nesterov}, {"rho", o.rho}, {"centered", o.centered},
                      {"beta1", o.beta1}, {"beta2", o.beta2}, {"epsilon", o.epsilon}};
    if (include_optimizer_state) {
      optimizer["iterations"] = model.optimizer().iterations();
      optimizer["slots"] = json::array({vector_to_json(model.optimizer().slot(0)),
                                        vector_to_json(model.optimizer().slot(1)),
                                        vector_to_json(model.optimizer().slot(2))});
    }
    out["compile"] = {{"loss", name_of(c.loss)}, {"fromLogits", c.from_logits},
                      {"metrics", c.accuracy ? json::array({"accuracy"}) : json::array()},
                      {"optimizer", std::move(optimizer)}};
  }
  if (include_optimizer_state) {
    const TrainingState t = model.training_state();
    json layer_random = json::array();
    for (const auto& words : t.layer_random) layer_random.push_back(words);
    out["training"] = {{"epoch", t.epoch},
                       {"batchInEpoch", t.batch_in_epoch},
                       {"batchSize", t.batch_size},
                       {"shuffle", t.shuffle},
                       {"rows", t.rows},
                       {"shuffleState", t.shuffle_rng},
                       {"epochStartState", t.epoch_start_rng},
                       {"epochLoss", t.epoch_loss},
                       {"epochCorrect", t.epoch_correct},
                       {"epochRows", t.epoch_rows},
                       {"layerRandom", std::move(layer_random)}};
  }
  return out.dump();
}

std::unique_ptr<Model> model_from_json(const std::string& text) {
  if (int64_t(text.size()) > limits::kMaxJsonBytes)
    fail("the text is " + std::to_string(text.size()) + " characters, more than the limit of " +
         std::to_string(limits::kMaxJsonBytes));
  json in;
  try {
    in = json::parse(text);
  } catch (const json::exception& e) {  // syntax errors, and numbers beyond double ("1e999")
    throw std::invalid_argument(std::string("model JSON is malformed: ") + e.what());
  }
  if (!in.is_object()) fail("must be an object");
  if (get<std::string>(in, "format", "the model") != "nnplay-model") fail("\"format\" must be \"nnplay-model\"");
  const int64_t version = get_integer(in, "version", "the model", 0, 1e9);
  if (version != 1 && version != kModelFormatVersion)
    fail("version " + std::to_string(version) + " is not supported (expected 1 or " +
         std::to_string(kModelFormatVersion) + ")");

  // 1. Architecture: sizes are checked layer by layer, nothing is allocated.
  const int input_dim = int(get_integer(in, "inputDim", "the model", 1, double(limits::kMaxFeatures)));
  const uint64_t seed =
      in.contains("seed") ? uint64_t(get_integer(in, "seed", "the model", 0, 18446744073709551615.0)) : 1;
  auto model = std::make_unique<Model>(input_dim, seed);
  const json& layers = field(in, "layers", "the model");
  if (!layers.is_array() || layers.empty()) fail("\"layers\" must be a non-empty array");
  if (int64_t(layers.size()) > limits::kMaxLayers)
    fail("\"layers\" has " + std::to_string(layers.size()) + " entries, more than the limit of " +
         std::to_string(limits::kMaxLayers));
  for (size_t l = 0; l < layers.size(); ++l) {
    const std::string where = "layers[" + std::to_string(l) + "]";
    const json& layer = layers[l];
    if (!layer.is_object()) fail(where + " must be an object");
    const LayerType& type = layer_type(get_or<std::string>(layer, "type", where, "dense"));
    LayerConfig config = layer_config_from_json(layer, type, where);
    if (layer.contains("name")) config.set("name", SettingValue::of(get<std::string>(layer, "name", where)));
    try {
      model->add(type.name, config);
    } catch (const std::invalid_argument& e) {
      fail(where + ": " + e.what());
    }
  }

  // 2. Weights: every array read and its shape checked before the model allocates.
  std::vector<MatrixF> weights;
  int in_dim = input_dim;
  for (size_t l = 0; l < layers.size(); ++l) {
    const std::string where = "layers[" + std::to_string(l) + "]";
    const Layer<float>& layer = model->layer(int(l));
    const std::vector<WeightShape> shapes = layer.weight_shapes(in_dim);
    for (const auto& [key, value] : layers[l].items()) {
      bool known = key == "type" || key == "name";
      for (const SettingSpec& s : layer_type(layer.type()).settings) known = known || key == s.name;
      for (const WeightShape& w : shapes) known = known || key == w.name;
      if (!known) fail(where + " has an unknown key \"" + key.substr(0, 40) + "\" for a " + layer.type() + " layer");
    }
    for (const WeightShape& w : shapes) {
      const json& array = field(layers[l], w.name, where);
      const std::string what = where + "." + w.name;
      if (w.vector) weights.emplace_back(vector_from_json(array, w.cols, what).transpose());
      else weights.push_back(matrix_from_json(array, w.rows, w.cols, what));
    }
    in_dim = layer.output_dim(in_dim);
  }

  // 3. Compile settings, then the allocation, then the values.
  if (in.contains("compile")) {
    const json& compile = in["compile"];
    CompileConfig c;
    c.loss = parse_loss(get<std::string>(compile, "loss", "compile"));
    c.from_logits = get_or<bool>(compile, "fromLogits", "compile", false);
    c.accuracy = false;
    for (const auto& m : get_or<json>(compile, "metrics", "compile", json::array()))
      if (m == "accuracy" || m == "acc") c.accuracy = true;
    const json& o = field(compile, "optimizer", "compile");
    c.optimizer = default_optimizer(parse_optimizer(get<std::string>(o, "name", "compile.optimizer")));
    c.optimizer.learning_rate = get_or<double>(o, "learningRate", "compile.optimizer", c.optimizer.learning_rate);
    c.optimizer.momentum = get_or<double>(o, "momentum", "compile.optimizer", c.optimizer.momentum);
    c.optimizer.nesterov = get_or<bool>(o, "nesterov", "compile.optimizer", false);
    c.optimizer.rho = get_or<double>(o, "rho", "compile.optimizer", c.optimizer.rho);
    c.optimizer.centered = get_or<bool>(o, "centered", "compile.optimizer", false);
    c.optimizer.beta1 = get_or<double>(o, "beta1", "compile.optimizer", c.optimizer.beta1);
    c.optimizer.beta2 = get_or<double>(o, "beta2", "compile.optimizer", c.optimizer.beta2);
    c.optimizer.epsilon = get_or<double>(o, "epsilon", "compile.optimizer", c.optimizer.epsilon);
    const int64_t iterations = get_integer_or(o, "iterations", "compile.optimizer", 0, 9007199254740991.0, 0);
    std::vector<VectorF> slots;
    if (o.contains("slots")) {
      const json& list = o["slots"];
      if (!list.is_array() || list.size() != 3) fail("compile.optimizer.slots must be an array of 3 arrays");
      for (int s = 0; s < 3; ++s)
        slots.push_back(vector_from_json(list[size_t(s)], model->parameter_count(),
                                         "compile.optimizer.slots[" + std::to_string(s) + "]"));
    }
    model->compile(c);
    for (size_t s = 0; s < slots.size(); ++s) model->optimizer().slot(int(s)) = slots[s];
    if (!slots.empty()) model->optimizer().set_iterations(iterations);
  }
  model->set_weights(weights);

  // 4. Where training stood (version 2): the run resumes bit for bit.
  if (in.contains("training")) {
    const json& t = in["training"];
    const std::string where = "training";
    TrainingState s;
    s.epoch = int(get_integer(t, "epoch", where, 0, 2147483647.0));
    s.batch_in_epoch = int(get_integer(t, "batchInEpoch", where, 0, 2147483647.0));
    s.batch_size = int(get_integer(t, "batchSize", where, 0, 2147483647.0));
    s.shuffle = get<bool>(t, "shuffle", where);
    s.rows = get_integer(t, "rows", where, 0, double(limits::kMaxRows));
    s.shuffle_rng = rng_from_json(field(t, "shuffleState", where), "training.shuffleState");
    s.epoch_start_rng = rng_from_json(field(t, "epochStartState", where), "training.epochStartState");
    s.epoch_loss = get<double>(t, "epochLoss", where);
    s.epoch_correct = get<double>(t, "epochCorrect", where);
    s.epoch_rows = get_integer(t, "epochRows", where, 0, double(limits::kMaxRows));
    const json& random = field(t, "layerRandom", where);
    if (!random.is_array()) fail("training.layerRandom must be an array");
    for (size_t l = 0; l < random.size(); ++l)
      s.layer_random.push_back(words_from_json(random[l], "training.layerRandom[" + std::to_string(l) + "]"));
    try {
      model->restore_training_state(s);
    } catch (const std::invalid_argument& e) {
      fail(e.what());
    }
  }
  return model;
}

}  // namespace nnplay
