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

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <new>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "nnplay/data.hpp"
#include "nnplay/diagnostics.hpp"
#include "nnplay/layer.hpp"
#include "nnplay/limits.hpp"
#include "nnplay/lr_finder.hpp"
#include "nnplay/metrics.hpp"
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

// New Float64Array / Int32Array copies (the metrics and the learning-rate finder, issue 12).
val float64_copy(const std::vector<double>& v) {
  return val::global("Float64Array").new_(typed_memory_view(v.size(), v.data()));
}

val int32_copy(const int32_t* data, size_t n) { return val::global("Int32Array").new_(typed_memory_view(n, data)); }

void check_js_length(const val& target, size_t n, const char* what) {
  const int64_t length = js_length(target);
  if (length != int64_t(n))
    throw std::invalid_argument(std::string(what) + " must be a Float32Array of " + std::to_string(n) +
                                " values, got length " + std::to_string(length));
}

// m.resize(rows, cols), safe when the allocation throws: Eigen frees the old
// block first and, if the new one fails, keeps the freed pointer and old shape.
void resize_fresh(MatrixF& m, Eigen::Index rows, Eigen::Index cols) {
  if (m.size() != rows * cols) m.resize(0, 0);
  m.resize(rows, cols);
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
      const nnplay::EpochLogs logs = epoch_with_validation();
      val out = val::object();
      out.set("epoch", logs.epoch);
      out.set("loss", logs.loss);
      out.set("accuracy", logs.accuracy);
      if (logs.has_validation) {
        out.set("valLoss", logs.val_loss);
        out.set("valAccuracy", logs.val_accuracy);
      }
      return out;
    });
  }

  // fit()'s path when no callback needs control between epochs: `count` epochs
  // in one call, so that a tiny network's epoch (W1: 50 steps, ~60 us) does not
  // also pay for a JS crossing and a logs object built through emval. Each
  // epoch's figures are appended to epoch_logs_ as it ends (kEpochLogFields
  // doubles: epoch, loss, accuracy, valLoss, valAccuracy; NaN without
  // validation data), so that when an epoch throws (divergence) the epochs
  // before it are still there for epochLogs(). Returns the number trained.
  static constexpr int kEpochLogFields = 5;
  val train_epochs(int count) {
    epoch_logs_.clear();
    return guarded_val([&] {
      if (count < 0) throw std::invalid_argument("trainEpochs: count must be >= 0, got " + std::to_string(count));
      epoch_logs_.reserve(size_t(checked_product(count, kEpochLogFields, limits::kMaxElements, "trainEpochs: count")));
      for (int i = 0; i < count; ++i) {
        const nnplay::EpochLogs logs = epoch_with_validation();
        const double nan = std::numeric_limits<double>::quiet_NaN();
        epoch_logs_.insert(epoch_logs_.end(), {double(logs.epoch), logs.loss, logs.accuracy,
                                               logs.has_validation ? logs.val_loss : nan,
                                               logs.has_validation ? logs.val_accuracy : nan});
      }
      return val(count);
    });
  }
  // The figures of the epochs the last trainEpochs() call completed, as a new Float64Array.
  val epoch_logs() const { return float64_copy(epoch_logs_); }

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
    guarded_void([&] { grid_into(res, x_min, x_max, y_min, y_max, features, out, activations); });
  }

  // evaluate_grid without the copies: {out, activations} are views of the engine's
  // own buffers (activations null unless asked), valid until the next call into
  // the module. The maps are 2 MB at 100 x 100 for 49 neurons; copying them out
  // costs about as much as writing them (issue 14).
  val evaluate_grid_views(int res, double x_min, double x_max, double y_min, double y_max, uint32_t features,
                          bool with_activations) {
    return guarded_val([&] {
      grid_compute("evaluateGridViews", res, x_min, x_max, y_min, y_max, features, with_activations,
                   [](int64_t, int64_t) {});
      return grid_views(with_activations);
    });
  }

 private:
  // {out, activations}: views of the grid's buffers as the last grid_compute left them.
  // Made last in a call: an allocation after them could grow memory and empty them.
  val grid_views(bool with_activations) {
    val views = val::object();
    views.set("out", val(typed_memory_view(size_t(grid_out_.size()), grid_out_.data())));
    views.set("activations", with_activations
                                 ? val(typed_memory_view(grid_activations_.size(), grid_activations_.data()))
                                 : val::null());
    return views;
  }

  // evaluate_grid's work (throws); inspect() runs it in the same call as its diagnostics.
  void grid_into(int res, double x_min, double x_max, double y_min, double y_max, uint32_t features, val& out,
                 val& activations) {
    const bool want_activations = !activations.isUndefined() && !activations.isNull();
    grid_compute("evaluateGrid", res, x_min, x_max, y_min, y_max, features, want_activations,
                 [&](int64_t out_size, int64_t activation_size) {
                   check_js_length(out, size_t(out_size), "evaluateGrid: out");
                   if (want_activations) check_js_length(activations, size_t(activation_size), "evaluateGrid: activations");
                 });
    copy_into_js(out, grid_out_.data(), size_t(grid_out_.size()), "evaluateGrid: out");
    if (want_activations)
      copy_into_js(activations, grid_activations_.data(), grid_activations_.size(), "evaluateGrid: activations");
  }

  // The grid into grid_out_ and, when want_activations, grid_activations_ (throws).
  // check_sizes(out_size, activation_size) runs once every size is known and
  // checked, before anything is resized or written.
  template <class CheckSizes>
  void grid_compute(const std::string& what, int res, double x_min, double x_max, double y_min, double y_max, uint32_t features,
                    bool want_activations, const CheckSizes& check_sizes) {
    Model& m = model();
    if (res < 1 || res > limits::kMaxGridRes)
      throw std::invalid_argument(what + ": res must be in 1.." + std::to_string(limits::kMaxGridRes) +
                                  ", got " + std::to_string(res));
    if (!(std::isfinite(x_min) && std::isfinite(x_max) && std::isfinite(y_min) && std::isfinite(y_max)) ||
        !(x_min < x_max) || !(y_min < y_max))
      throw std::invalid_argument(what + ": need finite bounds with xMin < xMax and yMin < yMax");
    const int64_t n = checked_product(res, res, limits::kMaxElements, what + ": cells");
    const int64_t out_size = checked_product(n, m.output_dim(), limits::kMaxElements, what + ": out");
    const int64_t activation_size =
        want_activations ? checked_product(m.neuron_count(), n, limits::kMaxElements, what + ": activations") : 0;
    check_sizes(out_size, activation_size);
    if (res != grid_res_ || x_min != grid_bounds_[0] || x_max != grid_bounds_[1] || y_min != grid_bounds_[2] ||
        y_max != grid_bounds_[3] || features != grid_features_) {
      grid_res_ = 0;  // no cached grid until it is rebuilt in full (an allocation can throw)
      resize_fresh(grid_raw_, n, 2);
      for (int r = 0; r < res; ++r)
        for (int c = 0; c < res; ++c) {
          grid_raw_(r * res + c, 0) = float(x_min + (x_max - x_min) * (c + 0.5) / res);
          grid_raw_(r * res + c, 1) = float(y_max - (y_max - y_min) * (r + 0.5) / res);
        }
      resize_fresh(grid_inputs_, n, nnplay::feature_count(features));  // <= 7 * 2048^2 values
      nnplay::transform_features_into(grid_raw_, features, grid_inputs_);
      grid_res_ = res;
      grid_bounds_[0] = x_min, grid_bounds_[1] = x_max, grid_bounds_[2] = y_min, grid_bounds_[3] = y_max;
      grid_features_ = features;
    }
    if (grid_inputs_.cols() != m.input_dim())
      throw std::invalid_argument(what + ": the features give " + std::to_string(grid_inputs_.cols()) +
                                  " inputs but the model takes " + std::to_string(m.input_dim()));
    resize_fresh(grid_out_, n, m.output_dim());
    if (want_activations) grid_activations_.resize(size_t(activation_size));
    m.predict_into(grid_inputs_, grid_out_, want_activations ? grid_activations_.data() : nullptr);
  }

 public:
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

  // ---- looking inside the network (issue 13; engine/include/nnplay/diagnostics.hpp) ----
  // layerStats over (x, y): [{layer, units, activation, weightNorm, gradientNorm,
  // biasGradientNorm, updateRatio, deadUnits, dead: [unit, ...], meanActivation}].
  val layer_stats(const val& x, int rows, int x_cols, const val& y, int y_cols) {
    return guarded_val([&] {
      const MatrixF mx = matrix_from_js(x, rows, x_cols, "layerStats: x");
      const MatrixF my = matrix_from_js(y, rows, y_cols, "layerStats: y");
      return stats_to_js(nnplay::layer_stats(model(), mx, my));
    });
  }

  // Model layer `layer`'s outputs for x: a new Float32Array [rows, units].
  val activations(const val& x, int rows, int cols, int layer) {
    return guarded_val([&] {
      const MatrixF a = nnplay::layer_activations(model(), matrix_from_js(x, rows, cols, "activations: x"), layer);
      return float32_copy(a.data(), size_t(a.size()));
    });
  }

  // Per layer with neurons: {layer, weights, biases, activations}, each {min, max,
  // counts: Uint32Array} (biases null without a bias; activations null when rows = 0).
  val histograms(int bins, const val& x, int rows, int cols) {
    return guarded_val([&] {
      const MatrixF mx = rows > 0 ? matrix_from_js(x, rows, cols, "histograms: x") : MatrixF(0, 0);
      return histograms_to_js(nnplay::layer_histograms(model(), bins, mx));
    });
  }

  // The training loss over a resolution^2 grid of a filter-normalized random
  // slice through the weights: {alphas, betas, loss (Float32Array, row b = betas[b]),
  // path: {alphas, betas, offSlice} | null, resolution, span, seed}. path:
  // [pathRows, params] weight snapshots to project (pathRows 0: none).
  val loss_surface(const val& x, int rows, int x_cols, const val& y, int y_cols, int resolution, double span,
                   double seed, const val& path, int path_rows) {
    return guarded_val([&] {
      Model& m = model();
      const MatrixF mx = matrix_from_js(x, rows, x_cols, "lossSurface: x");
      const MatrixF my = matrix_from_js(y, rows, y_cols, "lossSurface: y");
      nnplay::LossSurfaceOptions o;
      o.resolution = resolution;
      o.span = span;
      o.seed = to_seed(seed, "lossSurface: seed");
      if (path_rows < 0) throw std::invalid_argument("lossSurface: path rows must be >= 0");
      nnplay::checked_product(path_rows, m.parameter_count(), nnplay::limits::kMaxElements, "lossSurface: path");
      const MatrixF mp = path_rows > 0 ? matrix_from_js(path, path_rows, int(m.parameter_count()), "lossSurface: path")
                                       : MatrixF(0, 0);
      const nnplay::LossSurface s = nnplay::loss_surface(m, mx, my, o, mp);
      val out = val::object();
      out.set("alphas", float32_from(s.alphas));
      out.set("betas", float32_from(s.betas));
      out.set("loss", float32_copy(s.loss.data(), s.loss.size()));
      if (path_rows > 0) {
        val p = val::object();
        p.set("alphas", float32_from(s.path_alphas));
        p.set("betas", float32_from(s.path_betas));
        p.set("offSlice", float32_from(s.path_off));
        out.set("path", p);
      } else {
        out.set("path", val::null());
      }
      out.set("resolution", resolution);
      out.set("span", span);
      out.set("seed", seed);
      return out;
    });
  }

  // ---- issue 12: the learning-rate finder ----
  // {learningRates, losses (smoothed), rawLosses: Float64Array, suggestion (NaN: none),
  // suggestionIndex, diverged}; the model is left exactly as it was (lr_finder.hpp).
  val find_learning_rate(const val& x, int rows, int x_cols, const val& y, int y_cols, double min_lr, double max_lr,
                         int steps, int batch_size) {
    return guarded_val([&] {
      const MatrixF mx = matrix_from_js(x, rows, x_cols, "x");
      const MatrixF my = matrix_from_js(y, rows, y_cols, "y");
      nnplay::LrFinderOptions o;
      o.min_lr = min_lr;
      o.max_lr = max_lr;
      o.steps = steps;
      o.batch_size = batch_size;
      const nnplay::LrFinderResult r = nnplay::find_learning_rate(model(), mx, my, o);
      val out = val::object();
      out.set("learningRates", float64_copy(r.learning_rates));
      out.set("losses", float64_copy(r.losses));
      out.set("rawLosses", float64_copy(r.raw_losses));
      out.set("suggestion", r.suggestion);
      out.set("suggestionIndex", r.suggestion_index);
      out.set("diverged", r.diverged);
      return out;
    });
  }

  // The playground's one call per frame: the boundary grid (as evaluateGrid) and,
  // over the same data x [rows, cols] (and y [rows, yCols]), what `request` asks:
  //   {grid?: {res, xMin, xMax, yMin, yMax, features, out, activations?}
  //      or {res, ..., features, views: true, activations: bool} (as evaluateGridViews),
  //    x?, rows, cols, y?, yCols,
  //    space?: {layer, neurons: [i, j(, k)], lines, samples}: x's activations of
  //      those neurons, and of `lines` horizontal then `lines` vertical lines of
  //      `samples` points each across the grid's bounds (the input plane's image),
  //    stats?: true (layerStats), bins?: n (histograms, activations over x)}
  // -> {space?: {points, image, k, line: [w..., c] | null, lineExact}, stats?, histograms?,
  //     gridViews?: {out, activations} (with views)}.
  val inspect(const val& request) {
    return guarded_val([&] {
      Model& m = model();
      const val grid = request["grid"];
      // grid.views (the JS API's gridViews): the grid stays in the engine's buffers and
      // views of them are returned, made after everything else (see grid_views).
      const bool views = present(grid) && present(grid["views"]) && grid["views"].as<bool>();
      const bool view_activations = views && grid["activations"].as<bool>();
      if (present(grid)) {
        const int res = int_field(grid, "res");
        const double x_min = num_field(grid, "xMin"), x_max = num_field(grid, "xMax");
        const double y_min = num_field(grid, "yMin"), y_max = num_field(grid, "yMax");
        const uint32_t features = uint32_t(int_field(grid, "features"));
        if (views) {
          grid_compute("inspect: gridViews", res, x_min, x_max, y_min, y_max, features, view_activations,
                       [](int64_t, int64_t) {});
        } else {
          val grid_out = grid["out"], grid_activations = grid["activations"];
          grid_into(res, x_min, x_max, y_min, y_max, features, grid_out, grid_activations);
        }
      }
      MatrixF x, y;
      const bool has_x = present(request["x"]), has_y = present(request["y"]);
      const int rows = has_x ? int_field(request, "rows") : 0;
      if (has_x) x = matrix_from_js(request["x"], rows, int_field(request, "cols"), "inspect: x");
      if (has_y) y = matrix_from_js(request["y"], rows, int_field(request, "yCols"), "inspect: y");
      val out = val::object();
      const val space = request["space"];
      if (present(space)) {
        if (!present(grid)) throw std::invalid_argument("inspect: space needs the grid's bounds and features");
        const val neurons_js = space["neurons"];
        std::vector<int> neurons;
        for (size_t i = 0, n = js_length(neurons_js); i < n && i < 4; ++i) neurons.push_back(neurons_js[i].as<int>());
        const MatrixF& lines = space_lines(int_field(space, "lines"), int_field(space, "samples"), grid);
        if (!has_x) x.resize(0, m.input_dim());
        const nnplay::HiddenSpace<float> h = nnplay::hidden_space(m, x, lines, int_field(space, "layer"), neurons);
        val result = val::object();  // [n, k] and [2 * lines * samples, k], row-major
        result.set("points", float32_copy(h.points.data(), size_t(h.points.size())));
        result.set("image", float32_copy(h.extra.data(), size_t(h.extra.size())));
        result.set("k", int(neurons.size()));
        result.set("line", h.has_line ? array_of(h.line) : val::null());
        result.set("lineExact", h.line_exact);
        out.set("space", result);
      }
      if (present(request["stats"]) && request["stats"].as<bool>()) {
        if (!has_x || !has_y) throw std::invalid_argument("inspect: stats needs x and y");
        out.set("stats", stats_to_js(nnplay::layer_stats(m, x, y)));
      }
      if (present(request["bins"])) out.set("histograms", histograms_to_js(nnplay::layer_histograms(m, int_field(request, "bins"), x)));
      if (views) out.set("gridViews", grid_views(view_activations));
      return out;
    });
  }

  static bool present(const val& v) { return !v.isUndefined() && !v.isNull(); }
  static double num_field(const val& object, const char* key) {
    const val v = object[key];
    if (v.typeOf().as<std::string>() != "number")
      throw std::invalid_argument(std::string("inspect: ") + key + " must be a number");
    return v.as<double>();
  }
  static int int_field(const val& object, const char* key) {
    const double v = num_field(object, key);
    if (v != std::floor(v) || v < -2147483648.0 || v > 2147483647.0)
      throw std::invalid_argument(std::string("inspect: ") + key + " must be an integer, got " + nnplay::number_text(v));
    return int(v);
  }
  static val array_of(const std::vector<double>& values) {
    val out = val::array();
    for (double v : values) out.call<void>("push", v);
    return out;
  }
  static val float32_from(const std::vector<double>& values) {
    const std::vector<float> f(values.begin(), values.end());
    return float32_copy(f.data(), f.size());
  }
  // Each item is named by the engine's layer name (model.layers[i].name).
  val stats_to_js(const std::vector<nnplay::LayerStats>& stats) {
    val out = val::array();
    for (const nnplay::LayerStats& s : stats) {
      val item = val::object();
      item.set("name", model().layer_name(s.layer));
      item.set("layer", s.layer);
      item.set("units", s.units);
      item.set("activation", std::string(nnplay::name_of(s.activation)));
      item.set("weightNorm", s.weight_norm);
      item.set("gradientNorm", s.gradient_norm);
      item.set("biasGradientNorm", s.bias_gradient_norm);
      item.set("updateRatio", s.update_ratio);
      item.set("deadUnits", int(s.dead.size()));
      val dead = val::array();
      for (int u : s.dead) dead.call<void>("push", u);
      item.set("dead", dead);
      item.set("meanActivation", s.mean_activation);
      out.call<void>("push", item);
    }
    return out;
  }
  static val histogram_to_js(const nnplay::Histogram& h) {
    val out = val::object();
    out.set("min", h.min);
    out.set("max", h.max);
    out.set("counts", val::global("Uint32Array").new_(typed_memory_view(h.counts.size(), h.counts.data())));
    return out;
  }
  val histograms_to_js(const std::vector<nnplay::LayerHistograms>& list) {
    val out = val::array();
    for (const nnplay::LayerHistograms& l : list) {
      val item = val::object();
      item.set("name", model().layer_name(l.layer));
      item.set("layer", l.layer);
      item.set("weights", histogram_to_js(l.kernel));
      item.set("biases", l.has_bias ? histogram_to_js(l.bias) : val::null());
      item.set("activations", l.has_activation ? histogram_to_js(l.activation) : val::null());
      out.call<void>("push", item);
    }
    return out;
  }
  // The input plane's grid lines over the grid's bounds, features applied
  // (cached: the same every frame). Rows: line l's samples, horizontal lines first.
  const MatrixF& space_lines(int lines, int samples, const val& grid) {
    if (lines < 2 || lines > 101 || samples < 2 || samples > 1001)
      throw std::invalid_argument("inspect: space.lines must be in 2..101 and space.samples in 2..1001");
    const double b[4] = {num_field(grid, "xMin"), num_field(grid, "xMax"), num_field(grid, "yMin"), num_field(grid, "yMax")};
    const uint32_t features = uint32_t(int_field(grid, "features"));
    const double key[7] = {double(lines), double(samples), b[0], b[1], b[2], b[3], double(features)};
    if (std::equal(key, key + 7, space_key_)) return space_inputs_;
    MatrixF raw(2 * lines * samples, 2);
    for (int l = 0; l < lines; ++l)
      for (int s = 0; s < samples; ++s) {
        const double u = double(l) / (lines - 1), v = double(s) / (samples - 1);
        const int h = l * samples + s, w = (lines + l) * samples + s;
        raw(h, 0) = float(b[0] + (b[1] - b[0]) * v), raw(h, 1) = float(b[2] + (b[3] - b[2]) * u);
        raw(w, 0) = float(b[0] + (b[1] - b[0]) * u), raw(w, 1) = float(b[2] + (b[3] - b[2]) * v);
      }
    space_inputs_.resize(raw.rows(), nnplay::feature_count(features));
    nnplay::transform_features_into(raw, features, space_inputs_);
    std::copy(key, key + 7, space_key_);
    return space_inputs_;
  }

 private:
  Model& model() {
    if (!model_) throw std::logic_error("the model has no layers yet; add a Dense layer with an inputShape first");
    return *model_;
  }
  std::unique_ptr<Model> model_;
  // One epoch, and the validation figures when validation data is set.
  nnplay::EpochLogs epoch_with_validation() {
    Model& m = model();
    nnplay::EpochLogs logs = m.train_epoch();
    if (val_x_.rows() > 0) {
      logs.has_validation = true;
      std::tie(logs.val_loss, logs.val_accuracy) = m.evaluate(val_x_, val_y_);
    }
    return logs;
  }

  MatrixF val_x_, val_y_;
  std::vector<float> losses_;
  std::vector<double> epoch_logs_;
  MatrixF predict_out_;
  int grid_res_ = 0;
  double grid_bounds_[4] = {0, 0, 0, 0};
  uint32_t grid_features_ = 0;
  MatrixF grid_raw_, grid_inputs_, grid_out_;
  std::vector<float> grid_activations_;
  double space_key_[7] = {0, 0, 0, 0, 0, 0, 0};  // inspect's grid lines: what space_inputs_ holds
  MatrixF space_inputs_;
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
// {datasets: [{name, regression, usesClasses, domain: [x1Min, x1Max, x2Min, x2Max]}],
// features, activations, losses,
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
      const nnplay::PlaneDomain d = nnplay::dataset_domain(name);
      val domain = val::array();
      for (double v : {d.x1_min, d.x1_max, d.x2_min, d.x2_max}) domain.call<void>("push", v);
      item.set("domain", domain);
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

// ---- issue 12: metrics (metrics.hpp) --------------------------------------------------
// Arrays arrive as Float32Arrays with their shapes; results leave as new typed
// arrays (class counts and indices as Int32Array).
nnplay::VectorF vector_from_js(const val& array, const char* what) {
  const int64_t length = js_length(array);  // checked here: an int cast of a huge length would wrap
  const int rows = length > limits::kMaxRows ? limits::kMaxRows + 1 : int(length);
  const MatrixF m = matrix_from_js(array, rows, 1, what);
  return m.col(0);
}

// tf.math.confusionMatrix: Int32Array [numClasses * numClasses], rows true, columns predicted.
val metrics_confusion_matrix(const val& labels, const val& predictions, int num_classes) {
  return guarded_val([&] {
    const nnplay::IntMatrix m = nnplay::confusion_matrix<float>(vector_from_js(labels, "confusionMatrix: labels"),
                                                                vector_from_js(predictions, "confusionMatrix: predictions"),
                                                                num_classes);
    return int32_copy(m.data(), size_t(m.size()));
  });
}

// kind: "precision" | "recall" (a number), "meanSquaredError" | "meanAbsoluteError"
// (Float32Array [rows], per sample), "regression" ({r2, mse, rmse, mae}).
val metrics_of(const std::string& kind, const val& y_true, int true_rows, int true_cols, const val& y_pred, int pred_rows,
               int pred_cols) {
  return guarded_val([&] {
    const MatrixF t = matrix_from_js(y_true, true_rows, true_cols, (kind + ": yTrue").c_str());
    const MatrixF p = matrix_from_js(y_pred, pred_rows, pred_cols, (kind + ": yPred").c_str());
    if (kind == "precision") return val(nnplay::precision<float>(t, p));
    if (kind == "recall") return val(nnplay::recall<float>(t, p));
    if (kind == "meanSquaredError" || kind == "meanAbsoluteError") {
      const nnplay::VectorF v = kind == "meanSquaredError" ? nnplay::mean_squared_error<float>(t, p)
                                                           : nnplay::mean_absolute_error<float>(t, p);
      return float32_copy(v.data(), size_t(v.size()));
    }
    if (kind == "regression") {
      const nnplay::RegressionReport r = nnplay::regression_report<float>(t, p);
      val out = val::object();
      out.set("r2", r.r2);
      out.set("mse", r.mse);
      out.set("rmse", r.rmse);
      out.set("mae", r.mae);
      return out;
    }
    throw std::invalid_argument("metrics: unknown metric \"" + kind.substr(0, 40) + "\"");
  });
}

// labels [rows], scores [rows, cols] -> {matrix, predicted: Int32Array, precision,
// recall, f1, support: Float64Array (NaN: undefined), accuracy}.
val metrics_classification(const val& labels, const val& scores, int rows, int cols, int num_classes) {
  return guarded_val([&] {
    const nnplay::ClassificationReport r = nnplay::classification_report<float>(
        vector_from_js(labels, "classificationReport: labels"),
        matrix_from_js(scores, rows, cols, "classificationReport: scores"), num_classes);
    val out = val::object();
    out.set("matrix", int32_copy(r.matrix.data(), size_t(r.matrix.size())));
    out.set("predicted", int32_copy(r.predicted.data(), r.predicted.size()));
    out.set("precision", float64_copy(r.precision));
    out.set("recall", float64_copy(r.recall));
    out.set("f1", float64_copy(r.f1));
    out.set("support", float64_copy(std::vector<double>(r.support.begin(), r.support.end())));
    out.set("accuracy", r.accuracy);
    return out;
  });
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
      .function("trainEpochs", &Core::train_epochs)
      .function("epochLogs", &Core::epoch_logs)
      .function("setLearningRate", &Core::set_learning_rate)
      .function("reinitialize", &Core::reinitialize)
      .function("predict", &Core::predict)
      .function("evaluateGrid", &Core::evaluate_grid)
      .function("evaluateGridViews", &Core::evaluate_grid_views)
      .function("evaluate", &Core::evaluate)
      .function("getWeights", &Core::get_weights)
      .function("setWeights", &Core::set_weights)
      .function("layerStats", &Core::layer_stats)
      .function("activations", &Core::activations)
      .function("histograms", &Core::histograms)
      .function("lossSurface", &Core::loss_surface)
      .function("inspect", &Core::inspect)
      .function("findLearningRate", &Core::find_learning_rate);  // issue 12
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
  // issue 12: metrics
  function("metricsConfusionMatrix", &metrics_confusion_matrix);
  function("metricsOf", &metrics_of);
  function("metricsClassification", &metrics_classification);
}
