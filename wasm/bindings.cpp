// The Embind boundary between the C++ engine and JavaScript: the only file that
// includes <emscripten/bind.h>. wasm/js/nnplay.js builds the public API on it.
//
// Few, large calls: a whole data set, epoch, run of steps or grid per call, never
// one per sample or weight (an Embind call costs ~175 ns under
// -sDYNAMIC_EXECUTION=0). Data crosses as Float32Arrays and is copied both ways:
// nothing handed to JavaScript points into wasm memory, so heap growth or a
// disposed model can never invalidate a result.
//
// Sizes: size_t is 32 bits on wasm32, so every size that comes from outside is
// multiplied in 64 bits with checked_product and capped by nnplay/limits.hpp
// before anything is allocated or written (a 1025-neuron grid of 2048 x 2048
// once wrapped around 2^32 and wrote out of bounds).
//
// Errors: every entry point catches std::exception (and anything else) and
// records it; JavaScript then throws an Error with the C++ message (DivergedError
// for a diverged run). We deliberately do not throw the JS Error from C++
// (val::global("Error").new_(...).throw_()): a JS exception unwinding through
// wasm frames skips every C++ destructor on the way, and Embind 3.1.6 releases
// a call's arguments only when the call returns normally (embind.js runs the
// argument destructors after the invoker returns, not in a `finally`), so each
// error would leak the argument handles (keeping e.g. the caller's Float32Array
// alive) and the std::string temporaries. Returning normally lets C++ and Embind
// clean up; the JS side checks one flag in wasm memory after each call (no extra
// Embind call) and throws there. See nnplay.js `checked()`.
#include <emscripten.h>
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <malloc.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "nnplay/data.hpp"
#include "nnplay/layer.hpp"
#include "nnplay/limits.hpp"
#include "nnplay/model.hpp"
#include "nnplay/model_io.hpp"
#include "nnplay/names.hpp"

namespace {

using emscripten::typed_memory_view;
using emscripten::val;
using nnplay::checked_product;
using nnplay::MatrixF;
using nnplay::Model;
namespace limits = nnplay::limits;

// ---- error reporting --------------------------------------------------------------
// The flag is read by JavaScript directly from wasm memory after every call.
alignas(4) int32_t g_error_pending = 0;
std::string g_error_message;
bool g_error_diverged = false;
int g_error_epoch = 0, g_error_batch = 0;

void record_error(const char* message, bool diverged = false, int epoch = 0, int batch = 0) {
  g_error_message = message;
  g_error_diverged = diverged;
  g_error_epoch = epoch;
  g_error_batch = batch;
  g_error_pending = 1;
}

// Runs body; on an exception records it and returns fallback() instead.
template <class Body, class Fallback>
auto guarded(Body&& body, Fallback&& fallback) -> decltype(body()) {
  try {
    return body();
  } catch (const nnplay::DivergedError& e) {
    record_error(e.what(), true, e.epoch, e.batch);
  } catch (const std::bad_alloc&) {
    record_error("out of memory: the wasm heap could not grow for this request (try fewer points or a smaller network)");
  } catch (const std::exception& e) {
    record_error(e.what());
  } catch (...) {
    record_error("unknown C++ exception in the nnplay engine");
  }
  return fallback();
}

template <class Body>
void guarded_void(Body&& body) {
  guarded([&] { body(); return 0; }, [] { return 0; });
}

template <class Body>
val guarded_val(Body&& body) {
  return guarded(std::forward<Body>(body), [] { return val::undefined(); });
}

uint32_t error_flag_address() { return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(&g_error_pending)); }

// {message, diverged, epoch, batch} of the pending error, and clears it.
val take_error() {
  val error = val::object();
  error.set("message", g_error_pending ? g_error_message : std::string("no error"));
  error.set("diverged", g_error_diverged);
  error.set("epoch", g_error_epoch);
  error.set("batch", g_error_batch);
  g_error_pending = 0;
  std::string().swap(g_error_message);  // release it: nn.memory() stays flat whatever the message length
  g_error_diverged = false;
  return error;
}

// ---- typed arrays in and out --------------------------------------------------------
// A JS seed is a double; the engine's is uint64. Only exact integers are accepted.
uint64_t to_seed(double seed, const char* what = "seed") {
  if (!(seed >= 0 && seed <= 9007199254740991.0) || seed != std::floor(seed))
    throw std::invalid_argument(std::string(what) + " must be an integer in [0, 2^53), got " + std::to_string(seed));
  return static_cast<uint64_t>(seed);
}

// A JS array's length, read as a double: a length beyond 2^32 must not wrap.
int64_t js_length(const val& array) { return int64_t(array["length"].as<double>()); }

// Copies a [rows, cols] row-major Float32Array into a matrix.
MatrixF matrix_from_js(const val& array, int rows, int cols, const char* what) {
  if (rows < 0 || cols < 0) throw std::invalid_argument(std::string(what) + ": negative shape");
  if (rows > limits::kMaxRows)
    throw std::invalid_argument(std::string(what) + " has " + std::to_string(rows) + " rows; the limit is " +
                                std::to_string(limits::kMaxRows));
  const int64_t expected = checked_product(rows, cols, limits::kMaxElements, what);
  const int64_t length = js_length(array);
  if (length != expected)
    throw std::invalid_argument(std::string(what) + " has " + std::to_string(length) + " values, shape [" +
                                std::to_string(rows) + ", " + std::to_string(cols) + "] needs " +
                                std::to_string(expected));
  MatrixF m(rows, cols);
  if (expected) val(typed_memory_view(size_t(expected), m.data())).call<void>("set", array);
  return m;
}

// A new Float32Array holding a copy of data[0..n).
val float32_copy(const float* data, size_t n) {
  return val::global("Float32Array").new_(typed_memory_view(n, data));
}

void check_js_length(const val& target, size_t n, const char* what) {
  const int64_t length = js_length(target);
  if (length != int64_t(n))
    throw std::invalid_argument(std::string(what) + " must be a Float32Array of " + std::to_string(n) +
                                " values, got length " + std::to_string(length));
}

// Copies data[0..n) into a caller's Float32Array of exactly n values.
void copy_into_js(val& target, const float* data, size_t n, const char* what) {
  check_js_length(target, n, what);
  target.call<void>("set", typed_memory_view(n, data));
}

val shape_of(Eigen::Index rows, Eigen::Index cols) {
  val shape = val::array();
  shape.call<void>("push", int(rows));
  shape.call<void>("push", int(cols));
  return shape;
}

val dataset_to_js(const nnplay::Dataset& d) {
  val out = val::object();
  out.set("x", float32_copy(d.x.data(), size_t(d.x.size())));
  out.set("y", float32_copy(d.y.data(), size_t(d.y.size())));
  out.set("n", int(d.x.rows()));
  out.set("regression", d.problem == nnplay::Problem::Regression);
  out.set("classes", d.classes);
  return out;
}

nnplay::Dataset dataset_from_js(const val& x, const val& y, int n, bool regression, int classes) {
  nnplay::Dataset d;
  d.x = matrix_from_js(x, n, 2, "dataset x");
  d.y = matrix_from_js(y, n, 1, "dataset y");
  d.problem = regression ? nnplay::Problem::Regression : nnplay::Problem::Classification;
  d.classes = regression ? 0 : classes;
  return d;
}

// ---- layer settings ------------------------------------------------------------------
// A plain JS object of settings -> the engine's LayerConfig (numbers, booleans,
// strings; anything else is refused here, every value is checked by the engine).
nnplay::LayerConfig layer_config_from_js(const val& settings) {
  nnplay::LayerConfig c;
  if (settings.isUndefined() || settings.isNull()) return c;
  const val keys = val::global("Object").call<val>("keys", settings);
  const size_t count = js_length(keys);
  for (size_t i = 0; i < count; ++i) {
    const std::string key = keys[i].as<std::string>();
    const val v = settings[key];
    const std::string type = v.typeOf().as<std::string>();
    if (type == "number") c.set(key, nnplay::SettingValue::of(v.as<double>()));
    else if (type == "boolean") c.set(key, nnplay::SettingValue::of(v.as<bool>()));
    else if (type == "string") c.set(key, nnplay::SettingValue::of(v.as<std::string>()));
    else if (type != "undefined")
      throw std::invalid_argument("layer setting \"" + key.substr(0, 40) + "\" must be a number, true/false or a name, got " + type);
  }
  return c;
}

val setting_to_js(const nnplay::SettingValue& v) {
  switch (v.kind) {
    case nnplay::SettingValue::Kind::Number: return val(v.number);
    case nnplay::SettingValue::Kind::Bool: return val(v.flag);
    case nnplay::SettingValue::Kind::Text: return val(v.text);
  }
  return val::undefined();
}

// ---- one model ----------------------------------------------------------------------
// Owns an engine model plus the buffers the playground calls reuse (grid,
// validation data, step losses), so a frame allocates nothing after the first.
class Core {
 public:
  void create(int input_dim, double seed) {
    guarded_void([&] { model_ = std::make_unique<Model>(input_dim, to_seed(seed)); });
  }

  void load_json(const std::string& text) {
    guarded_void([&] {
      if (int64_t(text.size()) > limits::kMaxJsonBytes)
        throw std::invalid_argument("model JSON has " + std::to_string(text.size()) + " bytes; the limit is " +
                                    std::to_string(limits::kMaxJsonBytes));
      model_ = nnplay::model_from_json(text);
    });
  }

  std::string to_json(bool include_optimizer) {
    return guarded([&] { return nnplay::model_to_json(model(), include_optimizer); }, [] { return std::string(); });
  }

  // A layer of any registered type; `settings` is a plain JS object of its
  // settings ({units: 4, activation: 'tanh'} / {rate: 0.5}), checked by the engine.
  void add_layer(const std::string& type, const val& settings) {
    guarded_void([&] { model().add(type, layer_config_from_js(settings)); });
  }

  // Optional optimizer settings are NaN for "the optimizer's default"; nesterov
  // and centered are -1 for default.
  void compile(const std::string& loss, bool from_logits, bool accuracy, const std::string& optimizer,
               double learning_rate, double momentum, int nesterov, double rho, int centered, double beta1,
               double beta2, double epsilon) {
    guarded_void([&] {
      nnplay::CompileConfig c;
      c.loss = nnplay::parse_loss(loss);
      c.from_logits = from_logits;
      c.accuracy = accuracy;
      c.optimizer = nnplay::default_optimizer(nnplay::parse_optimizer(optimizer));
      auto set = [](double& field, double value) {
        if (!std::isnan(value)) field = value;
      };
      set(c.optimizer.learning_rate, learning_rate);
      set(c.optimizer.momentum, momentum);
      set(c.optimizer.rho, rho);
      set(c.optimizer.beta1, beta1);
      set(c.optimizer.beta2, beta2);
      set(c.optimizer.epsilon, epsilon);
      if (nesterov >= 0) c.optimizer.nesterov = nesterov != 0;
      if (centered >= 0) c.optimizer.centered = centered != 0;
      model().compile(c);
    });
  }

  // Everything JavaScript needs to know about the model, in one call.
  val info() {
    return guarded_val([&] {
      Model& m = model();
      val out = val::object();
      out.set("inputDim", m.input_dim());
      out.set("outputDim", m.output_dim());
      out.set("params", double(m.parameter_count()));
      out.set("neurons", m.neuron_count());
      out.set("seed", double(m.seed()));
      val layers = val::array();
      int in = m.input_dim();
      for (int l = 0; l < m.layer_count(); ++l) {
        const nnplay::Layer<float>& layer = m.layer(l);
        val item = val::object();
        item.set("type", std::string(layer.type()));
        item.set("name", m.layer_name(l));
        item.set("className", std::string(layer.class_name()));
        for (const auto& [key, value] : layer.config().items()) item.set(key, setting_to_js(value));
        int64_t params = 0;
        for (const nnplay::WeightShape& w : layer.weight_shapes(in)) params += int64_t(w.rows) * w.cols;
        item.set("params", double(params));
        item.set("neurons", layer.neurons());
        item.set("weightCount", int(layer.weight_shapes(in).size()));
        in = layer.output_dim(in);
        item.set("outputDim", in);
        layers.call<void>("push", item);
      }
      out.set("layers", layers);
      out.set("compiled", m.compiled());
      if (m.compiled()) {
        const nnplay::CompileConfig& c = m.compile_config();
        const nnplay::OptimizerConfig& o = m.optimizer().config();
        out.set("loss", std::string(nnplay::name_of(c.loss)));
        out.set("fromLogits", c.from_logits);
        out.set("accuracy", c.accuracy);
        val opt = val::object();
        opt.set("name", std::string(nnplay::name_of(o.kind)));
        opt.set("learningRate", o.learning_rate);
        opt.set("momentum", o.momentum);
        opt.set("nesterov", o.nesterov);
        opt.set("rho", o.rho);
        opt.set("centered", o.centered);
        opt.set("beta1", o.beta1);
        opt.set("beta2", o.beta2);
        opt.set("epsilon", o.epsilon);
        opt.set("iterations", double(m.optimizer().iterations()));
        out.set("optimizer", opt);
      }
      out.set("epoch", m.epoch());
      out.set("batchInEpoch", m.batch_in_epoch());
      out.set("batchesPerEpoch", m.batches_per_epoch());
      return out;
    });
  }

  std::string summary() {
    return guarded([&] { return model().summary(); }, [] { return std::string(); });
  }

  // ---- training ----
  // resume: continue a loaded model's saved position in its epoch (see model.hpp).
  void set_training_data(const val& x, int rows, int x_cols, const val& y, int y_cols, int batch_size, bool shuffle,
                         bool resume) {
    guarded_void([&] {
      const MatrixF mx = matrix_from_js(x, rows, x_cols, "x");
      const MatrixF my = matrix_from_js(y, rows, y_cols, "y");
      model().set_training_data(mx, my, batch_size, shuffle, resume);
    });
  }

  // Validation data for train_epoch's logs; rows = 0 clears it.
  void set_validation_data(const val& x, int rows, int x_cols, const val& y, int y_cols) {
    guarded_void([&] {
      val_x_.resize(0, 0);
      val_y_.resize(0, 0);
      if (rows == 0) return;
      MatrixF mx = matrix_from_js(x, rows, x_cols, "validation x");
      MatrixF my = matrix_from_js(y, rows, y_cols, "validation y");
      try {
        model().evaluate(mx, my);  // checks shapes, NaN and labels with the engine's messages
      } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(std::string("validation data: ") + e.what());
      }
      val_x_ = std::move(mx);
      val_y_ = std::move(my);
    });
  }

  // Trains to the end of the current epoch: {epoch, loss, accuracy, valLoss?, valAccuracy?}.
  val train_epoch() {
    return guarded_val([&] {
      Model& m = model();
      const nnplay::EpochLogs logs = m.train_epoch();
      val out = val::object();
      out.set("epoch", logs.epoch);
      out.set("loss", logs.loss);
      out.set("accuracy", logs.accuracy);
      if (val_x_.rows() > 0) {
        const auto [loss, accuracy] = m.evaluate(val_x_, val_y_);
        out.set("valLoss", loss);
        out.set("valAccuracy", accuracy);
      }
      return out;
    });
  }

  // Trains `steps` batches; returns their losses as a new Float32Array.
  val train_steps(int steps) {
    return guarded_val([&] {
      if (steps < 0) throw std::invalid_argument("trainSteps: steps must be >= 0, got " + std::to_string(steps));
      losses_.resize(size_t(checked_product(steps, 1, limits::kMaxElements, "trainSteps: steps")));
      model().train_steps(steps, losses_.data());
      return float32_copy(losses_.data(), losses_.size());
    });
  }

  void set_learning_rate(double lr) { guarded_void([&] { model().set_learning_rate(lr); }); }

  void reinitialize(double seed) { guarded_void([&] { model().reinitialize(to_seed(seed)); }); }

  // ---- inference ----
  // x [rows, cols] -> a new Float32Array [rows, outputDim].
  val predict(const val& x, int rows, int cols) {
    return guarded_val([&] {
      Model& m = model();  // no compile needed (Keras): weights are made on first use
      const MatrixF mx = matrix_from_js(x, rows, cols, "x");
      if (cols != m.input_dim())
        throw std::invalid_argument("x must have " + std::to_string(m.input_dim()) +
                                    " columns (the model's input size), got shape [" + std::to_string(rows) + ", " +
                                    std::to_string(cols) + "]");
      nnplay::check_finite(mx, "x");
      checked_product(rows, m.output_dim(), limits::kMaxElements, "predict: output");
      predict_out_.resize(rows, m.output_dim());
      m.predict_into(mx, predict_out_);
      return float32_copy(predict_out_.data(), size_t(predict_out_.size()));
    });
  }

  // Fills `out` [res*res, outputDim] (and, if given, `activations` [neurons, res*res])
  // over a res x res grid on [x_min, x_max] x [y_min, y_max]: row 0 at the top
  // (y = y_max), cell centres, inputs transformed by the feature mask.
  void evaluate_grid(int res, double x_min, double x_max, double y_min, double y_max, uint32_t features, val out,
                     val activations) {
    guarded_void([&] {
      Model& m = model();
      if (res < 1 || res > limits::kMaxGridRes)
        throw std::invalid_argument("evaluateGrid: res must be in 1.." + std::to_string(limits::kMaxGridRes) +
                                    ", got " + std::to_string(res));
      if (!(std::isfinite(x_min) && std::isfinite(x_max) && std::isfinite(y_min) && std::isfinite(y_max)) ||
          !(x_min < x_max) || !(y_min < y_max))
        throw std::invalid_argument("evaluateGrid: need finite bounds with xMin < xMax and yMin < yMax");
      const int64_t n = checked_product(res, res, limits::kMaxElements, "evaluateGrid: cells");
      const bool want_activations = !activations.isUndefined() && !activations.isNull();
      // Every buffer's size, checked before anything is resized or written.
      const int64_t out_size = checked_product(n, m.output_dim(), limits::kMaxElements, "evaluateGrid: out");
      const int64_t activation_size =
          want_activations ? checked_product(m.neuron_count(), n, limits::kMaxElements, "evaluateGrid: activations") : 0;
      check_js_length(out, size_t(out_size), "evaluateGrid: out");
      if (want_activations) check_js_length(activations, size_t(activation_size), "evaluateGrid: activations");
      if (res != grid_res_ || x_min != grid_bounds_[0] || x_max != grid_bounds_[1] || y_min != grid_bounds_[2] ||
          y_max != grid_bounds_[3] || features != grid_features_) {
        grid_raw_.resize(n, 2);
        for (int r = 0; r < res; ++r)
          for (int c = 0; c < res; ++c) {
            grid_raw_(r * res + c, 0) = float(x_min + (x_max - x_min) * (c + 0.5) / res);
            grid_raw_(r * res + c, 1) = float(y_max - (y_max - y_min) * (r + 0.5) / res);
          }
        grid_inputs_.resize(n, nnplay::feature_count(features));  // <= 7 * 2048^2 values
        nnplay::transform_features_into(grid_raw_, features, grid_inputs_);
        grid_res_ = res;
        grid_bounds_[0] = x_min, grid_bounds_[1] = x_max, grid_bounds_[2] = y_min, grid_bounds_[3] = y_max;
        grid_features_ = features;
      }
      if (grid_inputs_.cols() != m.input_dim())
        throw std::invalid_argument("evaluateGrid: the features give " + std::to_string(grid_inputs_.cols()) +
                                    " inputs but the model takes " + std::to_string(m.input_dim()));
      grid_out_.resize(n, m.output_dim());
      if (want_activations) grid_activations_.resize(size_t(activation_size));
      m.predict_into(grid_inputs_, grid_out_, want_activations ? grid_activations_.data() : nullptr);
      copy_into_js(out, grid_out_.data(), size_t(grid_out_.size()), "evaluateGrid: out");
      if (want_activations)
        copy_into_js(activations, grid_activations_.data(), grid_activations_.size(), "evaluateGrid: activations");
    });
  }

  // [loss, accuracy] over a whole data set.
  val evaluate(const val& x, int rows, int x_cols, const val& y, int y_cols) {
    return guarded_val([&] {
      const MatrixF mx = matrix_from_js(x, rows, x_cols, "x");
      const MatrixF my = matrix_from_js(y, rows, y_cols, "y");
      const auto [loss, accuracy] = model().evaluate(mx, my);
      val out = val::array();
      out.call<void>("push", loss);
      out.call<void>("push", accuracy);
      return out;
    });
  }

  // ---- weights ----
  // [{shape, data}, ...]: kernel [in, units], bias [units], as Keras's get_weights().
  val get_weights() {
    return guarded_val([&] {
      Model& m = model();
      const std::vector<MatrixF> weights = m.get_weights();
      const std::vector<nnplay::WeightShape> shapes = m.weight_shapes();
      val out = val::array();
      for (size_t w = 0; w < weights.size(); ++w) {
        const MatrixF& a = weights[w];
        val item = val::object();
        if (shapes[w].vector) {
          val shape = val::array();
          shape.call<void>("push", int(a.cols()));
          item.set("shape", shape);
        } else {
          item.set("shape", shape_of(a.rows(), a.cols()));
        }
        item.set("data", float32_copy(a.data(), size_t(a.size())));
        out.call<void>("push", item);
      }
      return out;
    });
  }

  // list: [{data: Float32Array, rows, cols}, ...] in get_weights() order.
  void set_weights(const val& list) {
    guarded_void([&] {
      const size_t count = js_length(list);
      std::vector<MatrixF> weights;
      weights.reserve(count);
      for (size_t i = 0; i < count; ++i) {
        const val item = list[i];
        const std::string what = "setWeights: array " + std::to_string(i);
        weights.push_back(matrix_from_js(item["data"], item["rows"].as<int>(), item["cols"].as<int>(), what.c_str()));
      }
      model().set_weights(weights);
    });
  }

 private:
  Model& model() {
    if (!model_) throw std::logic_error("the model has no layers yet; add a Dense layer with an inputShape first");
    return *model_;
  }
  std::unique_ptr<Model> model_;
  MatrixF val_x_, val_y_;
  std::vector<float> losses_;
  MatrixF predict_out_;
  int grid_res_ = 0;
  double grid_bounds_[4] = {0, 0, 0, 0};
  uint32_t grid_features_ = 0;
  MatrixF grid_raw_, grid_inputs_, grid_out_;
  std::vector<float> grid_activations_;
};

// ---- data: datasets, split, features, CSV ---------------------------------------------
val make_dataset(const std::string& name, int count, double noise, double seed, int classes) {
  return guarded_val([&] {
    nnplay::DatasetOptions o;
    o.count = count;
    o.noise = noise;
    o.seed = to_seed(seed);
    o.classes = classes;
    return dataset_to_js(nnplay::make_dataset(name, o));
  });
}

val split_dataset(const val& x, const val& y, int n, bool regression, int classes, double train_ratio, double seed) {
  return guarded_val([&] {
    const nnplay::Split s = nnplay::split_dataset(dataset_from_js(x, y, n, regression, classes), train_ratio, to_seed(seed));
    val out = val::object();
    out.set("train", dataset_to_js(s.train));
    out.set("test", dataset_to_js(s.test));
    return out;
  });
}

val dataset_names() {
  return guarded_val([] {
    val out = val::array();
    for (const std::string& name : nnplay::dataset_names()) {
      val item = val::object();
      item.set("name", name);
      item.set("regression", nnplay::is_regression_dataset(name));
      out.call<void>("push", item);
    }
    return out;
  });
}

// The layer registry: [{name, className, help, settings: [{name, kind, default,
// min, max, maxExclusive, optional, help}]}], from which the JS API makes nn.layers.*.
val layer_types() {
  return guarded_val([] {
    static const char* const kinds[] = {"integer", "number", "bool", "activation", "initializer"};
    val out = val::array();
    for (const nnplay::LayerType* t : nnplay::layer_types()) {
      val type = val::object();
      type.set("name", std::string(t->name));
      type.set("className", std::string(t->class_name));
      type.set("help", std::string(t->help));
      val settings = val::array();
      for (const nnplay::SettingSpec& s : t->settings) {
        val spec = val::object();
        spec.set("name", std::string(s.name));
        spec.set("kind", std::string(kinds[int(s.kind)]));
        spec.set("help", std::string(s.help));
        if (!s.optional) spec.set("default", setting_to_js(s.fallback));
        if (s.kind == nnplay::SettingSpec::Kind::Integer || s.kind == nnplay::SettingSpec::Kind::Number) {
          spec.set("min", s.min);
          spec.set("max", s.max);
          spec.set("maxExclusive", s.max_exclusive);
        }
        spec.set("optional", s.optional);
        settings.call<void>("push", spec);
      }
      type.set("settings", settings);
      out.call<void>("push", type);
    }
    return out;
  });
}

// The engine's vocabularies in one call, for the page's menus, schema and code
// generator (scripts/gen-tables.mjs writes them into a module at build time):
// {datasets: [{name, regression, usesClasses}], features, activations, losses,
// optimizers, initializers}, canonical names in the engine's table order, so a
// new entry in a names.cpp table shows up here without a change to this file.
template <class E>
val names_of(const std::vector<E>& values) {
  val out = val::array();
  for (E value : values) out.call<void>("push", std::string(nnplay::name_of(value)));
  return out;
}

val engine_tables() {
  return guarded_val([] {
    val datasets = val::array();
    for (const std::string& name : nnplay::dataset_names()) {
      val item = val::object();
      item.set("name", name);
      item.set("regression", nnplay::is_regression_dataset(name));
      item.set("usesClasses", nnplay::dataset_uses_classes(name));
      datasets.call<void>("push", item);
    }
    val features = val::array();
    for (const std::string& name : nnplay::feature_names()) features.call<void>("push", name);
    val out = val::object();
    out.set("datasets", datasets);
    out.set("features", features);
    out.set("activations", names_of(nnplay::all_activations()));
    out.set("losses", names_of(nnplay::all_losses()));
    out.set("optimizers", names_of(nnplay::all_optimizers()));
    out.set("initializers", names_of(nnplay::all_initializers()));
    return out;
  });
}

uint32_t parse_features(const std::string& names) {
  return guarded([&] { return nnplay::parse_features(names); }, [] { return 0u; });
}

val feature_names() {
  return guarded_val([] {
    val out = val::array();
    for (const std::string& name : nnplay::feature_names()) out.call<void>("push", name);
    return out;
  });
}

// raw [n, 2] -> a new Float32Array [n, feature_count(mask)].
val transform_features(const val& raw, int n, uint32_t mask) {
  return guarded_val([&] {
    const MatrixF out = nnplay::transform_features(matrix_from_js(raw, n, 2, "features.transform: x"), mask);
    return float32_copy(out.data(), size_t(out.size()));
  });
}

val parse_csv(const std::string& text, bool regression, int max_rows) {
  return guarded_val([&] {
    nnplay::CsvOptions o;
    o.problem = regression ? nnplay::Problem::Regression : nnplay::Problem::Classification;
    o.max_rows = max_rows;
    return dataset_to_js(nnplay::parse_csv(text, o));
  });
}

std::string to_csv(const val& x, const val& y, int n, bool regression, int classes) {
  return guarded([&] { return nnplay::to_csv(dataset_from_js(x, y, n, regression, classes)); },
                 [] { return std::string(); });
}

// Tests only: a deliberate trap, so the page's recovery from a broken module
// (web/src/worker/main.js) can be tested. Nothing else calls it.
void debug_trap() { __builtin_trap(); }

// nnplay/limits.hpp for JavaScript (nn.limits), read once when the module loads.
val limits_js() {
  const std::pair<const char*, int64_t> entries[] = {
      {"maxRows", limits::kMaxRows},           {"maxFeatures", limits::kMaxFeatures},
      {"maxUnits", limits::kMaxUnits},         {"maxLayers", limits::kMaxLayers},
      {"maxParameters", limits::kMaxParameters}, {"maxElements", limits::kMaxElements},
      {"maxGridRes", limits::kMaxGridRes},     {"maxDatasetPoints", limits::kMaxDatasetPoints},
      {"maxCsvRows", limits::kMaxCsvRows},     {"maxCsvLineBytes", limits::kMaxCsvLineBytes},
      {"maxCsvBytes", limits::kMaxCsvBytes},   {"maxJsonBytes", limits::kMaxJsonBytes},
  };
  val out = val::object();
  for (const auto& [name, value] : entries) out.set(name, double(value));
  return out;
}

// Bytes malloc has handed out and not got back, and the size of the wasm heap.
val heap_info() {
  const struct mallinfo info = mallinfo();
  val out = val::object();
  out.set("allocatedBytes", double(info.uordblks));
  out.set("heapBytes", double(emscripten_get_heap_size()));
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(nnplay) {
  using emscripten::class_;
  using emscripten::function;
  class_<Core>("Core")
      .constructor<>()
      .function("create", &Core::create)
      .function("loadJSON", &Core::load_json)
      .function("toJSON", &Core::to_json)
      .function("addLayer", &Core::add_layer)
      .function("compile", &Core::compile)
      .function("info", &Core::info)
      .function("summary", &Core::summary)
      .function("setTrainingData", &Core::set_training_data)
      .function("setValidationData", &Core::set_validation_data)
      .function("trainEpoch", &Core::train_epoch)
      .function("trainSteps", &Core::train_steps)
      .function("setLearningRate", &Core::set_learning_rate)
      .function("reinitialize", &Core::reinitialize)
      .function("predict", &Core::predict)
      .function("evaluateGrid", &Core::evaluate_grid)
      .function("evaluate", &Core::evaluate)
      .function("getWeights", &Core::get_weights)
      .function("setWeights", &Core::set_weights);
  function("errorFlagAddress", &error_flag_address);
  function("takeError", &take_error);
  function("makeDataset", &make_dataset);
  function("splitDataset", &split_dataset);
  function("datasetNames", &dataset_names);
  function("layerTypes", &layer_types);
  function("engineTables", &engine_tables);
  function("parseFeatures", &parse_features);
  function("featureNames", &feature_names);
  function("transformFeatures", &transform_features);
  function("parseCsv", &parse_csv);
  function("toCsv", &to_csv);
  function("heapInfo", &heap_info);
  function("debugTrap", &debug_trap);

  function("limits", &limits_js);
}
