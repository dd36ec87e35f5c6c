// libFuzzer target: the model JSON loader (engine/src/model_io.cpp), then what a
// user does next: one training step and a predict. A rejected file must be an
// engine error (std::logic_error / std::runtime_error family, with a message);
// anything else escaping - std::bad_alloc, a JSON library exception - is a crash.
// An accepted model must save and load back to the same JSON.
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "nnplay/limits.hpp"
#include "nnplay/model.hpp"
#include "nnplay/model_io.hpp"

using namespace nnplay;
using nnplay::fuzz::require;

namespace {

// Four rows of inputs and targets that suit the model's loss.
void training_data(const Model& m, uint32_t seed, MatrixF& x, MatrixF& y) {
  const int rows = 4, units = m.output_dim();
  x.resize(rows, m.input_dim());
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = float(int((seed + 7 * i) % 13) - 6) / 3.0f;
  const LossKind loss = m.compile_config().loss;
  if (loss == LossKind::SparseCategoricalCrossentropy) {
    y.resize(rows, 1);
    for (int r = 0; r < rows; ++r) y(r, 0) = float((seed + r) % uint32_t(units));
  } else {
    y = MatrixF::Zero(rows, units);
    for (int r = 0; r < rows; ++r) {
      if (loss == LossKind::MeanSquaredError) y.row(r).setConstant(float(r) - 1.5f);
      else if (loss == LossKind::CategoricalCrossentropy) y(r, (seed + r) % uint32_t(units)) = 1;
      else y.row(r).setConstant(float((seed + r) % 2));
    }
  }
}

// OPEN DEFECTS HANDED TO THE LEAD (issue 10 item 2; the inputs and what they do
// are in tests/fuzz/crashes-for-lead/). Until model_io.cpp / model.cpp validate
// before they allocate, these inputs crash at once, and libFuzzer would stop
// there every time; so the target passes over them, and the fuzzer looks for
// everything else. Set NNPLAY_FUZZ_ALL=1 to fuzz without this filter (to check a
// fix). Delete this function when the fixes land.
bool open_defect_for_lead(const std::string& text) {
  using json = nlohmann::json;
  json parsed;
  try {
    parsed = json::parse(text);
  } catch (const json::out_of_range&) {
    return true;  // "number overflow" (1e999) escapes as a JSON library exception
  } catch (const json::exception&) {
    return false;  // a syntax error: the loader reports it
  }
  const json& in = parsed;  // const: operator[] never inserts
  if (!in.is_object()) return false;
  // A float where an integer is read: get<int>() of 7.8e38 is undefined behaviour.
  auto float_field = [](const json& object, const char* key) {
    return object.is_object() && object.contains(key) && object[key].is_number_float();
  };
  if (float_field(in, "version") || float_field(in, "inputDim") || float_field(in, "seed")) return true;
  if (in.contains("compile") && in["compile"].is_object() && in["compile"].contains("optimizer")) {
    const json& optimizer = in["compile"]["optimizer"];
    if (float_field(optimizer, "iterations")) return true;
    // An optimizer slot beyond float range loads as Inf, and the saved file
    // (Inf written as null) no longer loads.
    if (optimizer.is_object() && optimizer.contains("slots") && optimizer["slots"].is_array())
      for (const json& slot : optimizer["slots"])
        if (slot.is_array())
          for (const json& v : slot)
            if (v.is_number() && !(std::fabs(v.get<double>()) <= double(FLT_MAX))) return true;
  }
  // Sizes beyond nnplay/limits.hpp: allocated (gigabytes, minutes) before any check.
  int64_t in_dim = in.contains("inputDim") && in["inputDim"].is_number_integer() ? in["inputDim"].get<int64_t>() : 1;
  if (in_dim > limits::kMaxFeatures) return true;
  if (!in.contains("layers") || !in["layers"].is_array()) return false;
  if (int64_t(in["layers"].size()) > limits::kMaxLayers) return true;
  int64_t parameters = 0;
  for (const json& layer : in["layers"]) {
    if (float_field(layer, "units")) return true;
    if (!layer.is_object() || !layer.contains("units") || !layer["units"].is_number_integer()) continue;
    const int64_t units = layer["units"].get<int64_t>();
    if (units > limits::kMaxUnits) return true;
    if (units < 1 || in_dim < 1) continue;
    parameters += (in_dim + 1) * units;
    if (parameters > limits::kMaxParameters) return true;
    in_dim = units;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  static const bool skip_open_defects = std::getenv("NNPLAY_FUZZ_ALL") == nullptr;
  if (skip_open_defects && open_defect_for_lead(text)) return 0;

  std::unique_ptr<Model> model;
  try {
    model = model_from_json(text);
  } catch (const std::logic_error&) {  // invalid_argument and friends: reported errors
    return 0;
  } catch (const std::runtime_error&) {
    return 0;
  }

  // Save and load again: the same model, the same text.
  const std::string saved = model_to_json(*model);
  std::string resaved;
  try {
    resaved = model_to_json(*model_from_json(saved));
  } catch (const std::exception& e) {
    nnplay::fuzz::property_failed(std::string("a saved model does not load: ") + e.what());
  }
  require(saved == resaved, "save -> load -> save gives the same JSON");

  Model& m = *model;
  try {
    if (!m.compiled()) {
      CompileConfig c;  // mean squared error with the default optimizer settings
      m.compile(c);
    }
    MatrixF x, y;
    training_data(m, uint32_t(size), x, y);
    m.set_training_data(x, y, 2, true);
    float loss = 0;
    m.train_steps(1, &loss);
    const MatrixF out = m.predict(x);
    require(out.rows() == x.rows() && out.cols() == m.output_dim(), "predict shape");
  } catch (const DivergedError&) {
    // Wild weights may diverge; the engine reports it and keeps the last good weights.
  } catch (const std::logic_error&) {
    // e.g. softmax output with a sparse loss mismatch, reported with a message
  }
  return 0;
}
