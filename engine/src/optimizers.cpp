// Optimizer defaults and validation (the update loops are in optimizers.hpp).
#include "nnplay/optimizers.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace nnplay {

OptimizerConfig default_optimizer(OptimizerKind kind) {
  OptimizerConfig c;
  c.kind = kind;
  c.learning_rate = kind == OptimizerKind::Sgd ? 0.01 : 0.001;
  if (kind == OptimizerKind::Momentum) c.momentum = 0.9;
  return c;
}

void validate(const OptimizerConfig& c) {
  auto fail = [](const std::string& what, double v) {
    throw std::invalid_argument("optimizer " + what + ", got " + number_text(v));
  };
  if (!(c.learning_rate > 0) || !std::isfinite(c.learning_rate)) fail("learningRate must be a finite number > 0", c.learning_rate);
  if (!(c.momentum >= 0 && c.momentum < 1)) fail("momentum must be in [0, 1)", c.momentum);
  if (!(c.rho >= 0 && c.rho < 1)) fail("rho (decay) must be in [0, 1)", c.rho);
  if (!(c.beta1 >= 0 && c.beta1 < 1)) fail("beta1 must be in [0, 1)", c.beta1);
  if (!(c.beta2 >= 0 && c.beta2 < 1)) fail("beta2 must be in [0, 1)", c.beta2);
  if (!(c.epsilon > 0) || !std::isfinite(c.epsilon)) fail("epsilon must be a finite number > 0", c.epsilon);
}

}  // namespace nnplay
