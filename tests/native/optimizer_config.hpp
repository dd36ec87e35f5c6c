// A test helper shared by the model tests: an optimizer's defaults with another learning rate.
#pragma once
#include "nnplay/optimizers.hpp"

namespace nnplay::test_support {

inline OptimizerConfig optimizer(OptimizerKind kind, double lr) {
  OptimizerConfig c = default_optimizer(kind);
  c.learning_rate = lr;
  return c;
}

}  // namespace nnplay::test_support
