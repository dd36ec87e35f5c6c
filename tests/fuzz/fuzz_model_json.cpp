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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
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
