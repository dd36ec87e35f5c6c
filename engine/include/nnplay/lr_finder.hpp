// The learning-rate range test (L. Smith 2015, fastai's lr_find): train a few
// hundred batches while the learning rate rises exponentially from min_lr to
// max_lr, record the loss of each batch, smooth it, and suggest the rate where
// the smoothed loss falls fastest (per decade of learning rate), before it
// blows up.
//
// It works on a model through its public API only and leaves it exactly as it
// was: the weights, the model's optimizer (slots, step count, learning rate),
// the training position and every random generator (shuffling, dropout). The
// run uses its own optimizer of the same kind and settings, started fresh, and
// its own shuffled batches of (x, y).
#pragma once
#include <cstdint>
#include <type_traits>
#include <vector>

#include "nnplay/model.hpp"

namespace nnplay {

struct LrFinderOptions {
  double min_lr = 1e-5;
  double max_lr = 10;
  int steps = 200;          // batches, one learning rate each (2..10000)
  int batch_size = 32;
  double smoothing = 0.98;  // exponential moving average of the loss, bias-corrected (fastai)
  double stop_factor = 4;   // stop once the smoothed loss exceeds this many times its minimum
};

struct LrFinderResult {
  std::vector<double> learning_rates;  // one per batch trained, rising
  std::vector<double> losses;          // the smoothed loss at each
  std::vector<double> raw_losses;      // each batch's own loss
  // The suggested learning rate, and its index in learning_rates. NaN and -1
  // when the loss never fell (no descent to suggest from).
  double suggestion = 0;
  int suggestion_index = -1;
  bool diverged = false;  // stopped early: the loss blew up (over stop_factor x its minimum, or NaN/Inf)
};

// x [n, input_dim], y as for fit(); the model must be compiled.
// Bad options or data -> std::invalid_argument; an uncompiled model -> std::logic_error.
// (T is deduced from the model alone; x and y convert to its matrix type.)
template <class T>
LrFinderResult find_learning_rate(Sequential<T>& model, const ConstMatrixRef<std::common_type_t<T>>& x,
                                  const ConstMatrixRef<std::common_type_t<T>>& y, const LrFinderOptions& options = {});

// The suggestion rule on its own (the index of the steepest fall of `losses`
// against log(learning_rates), searched before the loss's minimum), for tests
// and callers with their own curves. -1 when the curve never falls.
int steepest_descent_index(const std::vector<double>& learning_rates, const std::vector<double>& losses);

}  // namespace nnplay
