// Save and load a model as versioned JSON: architecture, weights, the compile
// settings and the optimizer's state, so training resumes where it stopped.
#pragma once
#include <memory>
#include <string>

#include "nnplay/model.hpp"

namespace nnplay {

// Version 2 adds "training" (where training stood); version 1 files still load.
constexpr int kModelFormatVersion = 2;

// Floats are written with enough digits to read back bit-identical.
std::string model_to_json(Model& model, bool include_optimizer_state = true);
// Malformed JSON, a wrong format/version, missing fields or shapes that do not
// fit -> std::invalid_argument saying what and where.
std::unique_ptr<Model> model_from_json(const std::string& json);

}  // namespace nnplay
