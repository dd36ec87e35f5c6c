// JSON save/load of a Sequential<float> model (format "nnplay-model").
#include "nnplay/model_io.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

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

// Reads a required field, naming the path in the error.
const json& field(const json& object, const char* key, const std::string& where) {
  if (!object.is_object() || !object.contains(key))
    throw std::invalid_argument("model JSON: missing \"" + std::string(key) + "\" in " + where);
  return object.at(key);
}

template <class V>
V get(const json& object, const char* key, const std::string& where) {
  const json& value = field(object, key, where);
  try {
    return value.get<V>();
  } catch (const json::exception&) {
    throw std::invalid_argument("model JSON: \"" + std::string(key) + "\" in " + where + " has the wrong type (" +
                                value.type_name() + ")");
  }
}

template <class V>
V get_or(const json& object, const char* key, const std::string& where, V fallback) {
  return object.contains(key) ? get<V>(object, key, where) : fallback;
}

MatrixF matrix_from_json(const json& value, Eigen::Index rows, Eigen::Index cols, const std::string& where) {
  if (!value.is_array() || Eigen::Index(value.size()) != rows)
    throw std::invalid_argument("model JSON: " + where + " must be " + std::to_string(rows) + " rows of " +
                                std::to_string(cols) + " numbers");
  MatrixF m(rows, cols);
  for (Eigen::Index r = 0; r < rows; ++r) {
    const json& row = value[r];
    if (!row.is_array() || Eigen::Index(row.size()) != cols)
      throw std::invalid_argument("model JSON: " + where + " row " + std::to_string(r) + " must have " +
                                  std::to_string(cols) + " numbers");
    for (Eigen::Index c = 0; c < cols; ++c) {
      if (!row[c].is_number())
        throw std::invalid_argument("model JSON: " + where + " [" + std::to_string(r) + "][" + std::to_string(c) +
                                    "] is not a number");
      m(r, c) = row[c].get<float>();
    }
  }
  return m;
}

VectorF vector_from_json(const json& value, Eigen::Index size, const std::string& where) {
  if (!value.is_array() || Eigen::Index(value.size()) != size)
    throw std::invalid_argument("model JSON: " + where + " must be an array of " + std::to_string(size) + " numbers");
  VectorF v(size);
  for (Eigen::Index i = 0; i < size; ++i) {
    if (!value[i].is_number())
      throw std::invalid_argument("model JSON: " + where + " [" + std::to_string(i) + "] is not a number");
    v[i] = value[i].get<float>();
  }
  return v;
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
  for (int l = 0; l < model.layer_count(); ++l) {
    const DenseConfig& c = model.layer_config(l);
    json layer;
    layer["type"] = "dense";
    layer["units"] = c.units;
    layer["activation"] = name_of(c.activation);
    layer["useBias"] = c.use_bias;
    layer["kernelInitializer"] = name_of(c.kernel_initializer);
    layer["biasInitializer"] = name_of(c.bias_initializer);
    layer["l1"] = c.l1;
    layer["l2"] = c.l2;
    layer["kernel"] = matrix_to_json(weights[w++]);
    if (c.use_bias) layer["bias"] = matrix_to_json(weights[w++])[0];
    layers.push_back(std::move(layer));
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
  return out.dump();
}

std::unique_ptr<Model> model_from_json(const std::string& text) {
  json in;
  try {
    in = json::parse(text);
  } catch (const json::parse_error& e) {
    throw std::invalid_argument(std::string("model JSON is malformed: ") + e.what());
  }
  if (!in.is_object()) throw std::invalid_argument("model JSON must be an object");
  if (get<std::string>(in, "format", "the model") != "nnplay-model")
    throw std::invalid_argument("model JSON: \"format\" must be \"nnplay-model\"");
  const int version = get<int>(in, "version", "the model");
  if (version != kModelFormatVersion)
    throw std::invalid_argument("model JSON: version " + std::to_string(version) + " is not supported (expected " +
                                std::to_string(kModelFormatVersion) + ")");
  auto model = std::make_unique<Model>(get<int>(in, "inputDim", "the model"), get_or<uint64_t>(in, "seed", "the model", 1));
  const json& layers = field(in, "layers", "the model");
  if (!layers.is_array() || layers.empty()) throw std::invalid_argument("model JSON: \"layers\" must be a non-empty array");
  for (size_t l = 0; l < layers.size(); ++l) {
    const std::string where = "layers[" + std::to_string(l) + "]";
    const json& layer = layers[l];
    if (get_or<std::string>(layer, "type", where, "dense") != "dense")
      throw std::invalid_argument("model JSON: " + where + " has an unknown type (only \"dense\" exists)");
    DenseConfig c;
    c.units = get<int>(layer, "units", where);
    c.activation = parse_activation(get_or<std::string>(layer, "activation", where, "linear"));
    c.use_bias = get_or<bool>(layer, "useBias", where, true);
    c.kernel_initializer = parse_initializer(get_or<std::string>(layer, "kernelInitializer", where, "glorotUniform"));
    c.bias_initializer = parse_initializer(get_or<std::string>(layer, "biasInitializer", where, "zeros"));
    c.l1 = get_or<double>(layer, "l1", where, 0.0);
    c.l2 = get_or<double>(layer, "l2", where, 0.0);
    model->add(c);
  }
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
    model->compile(c);
    if (o.contains("slots")) {
      const json& slots = o["slots"];
      const Eigen::Index size = model->parameters().size();
      if (!slots.is_array() || slots.size() != 3)
        throw std::invalid_argument("model JSON: compile.optimizer.slots must be an array of 3 arrays");
      for (int s = 0; s < 3; ++s)
        model->optimizer().slot(s) = vector_from_json(slots[s], size, "compile.optimizer.slots[" + std::to_string(s) + "]");
      model->optimizer().set_iterations(get_or<int64_t>(o, "iterations", "compile.optimizer", 0));
    }
  }
  std::vector<MatrixF> weights;
  int in_dim = model->input_dim();
  for (size_t l = 0; l < layers.size(); ++l) {
    const std::string where = "layers[" + std::to_string(l) + "]";
    const DenseConfig& c = model->layer_config(int(l));
    weights.push_back(matrix_from_json(field(layers[l], "kernel", where), in_dim, c.units, where + ".kernel"));
    if (c.use_bias) {
      const VectorF b = vector_from_json(field(layers[l], "bias", where), c.units, where + ".bias");
      weights.emplace_back(b.transpose());
    }
    in_dim = c.units;
  }
  model->set_weights(weights);
  return model;
}

}  // namespace nnplay
