// The standard workloads W1-W4 and G (see the README's performance section),
// shared by the native benchmark and anything else that measures the engine.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "nnplay/data.hpp"
#include "nnplay/model.hpp"

namespace nnplay::bench {

struct Workload {
  const char* id;
  const char* dataset;
  int points;
  int classes;
  std::vector<int> hidden;
  Activation hidden_activation;
  OptimizerKind optimizer;
  double learning_rate;
  int batch;
  int epochs;
};

inline const std::vector<Workload>& workloads() {
  static const std::vector<Workload> all = {
      {"W1_circle_small", "circle", 500, 2, {4, 2}, Activation::Tanh, OptimizerKind::Sgd, 0.03, 10, 200},
      {"W2_spiral_deep", "spiral", 500, 2, {8, 8, 8, 8, 8, 8}, Activation::Tanh, OptimizerKind::Sgd, 0.03, 10, 100},
      {"W3_blobs_multiclass", "blobs", 1000, 5, {32, 32}, Activation::Relu, OptimizerKind::Adam, 0.01, 32, 50},
      {"W4_wide", "circle", 2000, 2, {64, 64, 64}, Activation::Relu, OptimizerKind::Adam, 0.001, 64, 20},
  };
  return all;
}

// The model of a workload: hidden layers, then sigmoid+BCE for two classes or
// softmax+sparse CCE for more.
inline std::unique_ptr<Model> make_model(const Workload& w, uint64_t seed = 1) {
  auto model = std::make_unique<Model>(2, seed);
  for (int units : w.hidden) model->add({units, w.hidden_activation});
  CompileConfig compile;
  if (w.classes == 2) {
    model->add({1, Activation::Sigmoid});
    compile.loss = LossKind::BinaryCrossentropy;
  } else {
    model->add({w.classes, Activation::Softmax});
    compile.loss = LossKind::SparseCategoricalCrossentropy;
  }
  compile.optimizer = default_optimizer(w.optimizer);
  compile.optimizer.learning_rate = w.learning_rate;
  model->compile(compile);
  return model;
}

inline Dataset make_data(const Workload& w, uint64_t seed = 1) {
  DatasetOptions options;
  options.count = w.points;
  options.classes = w.classes;
  options.seed = seed;
  options.noise = 0.1;
  return make_dataset(w.dataset, options);
}

// A res x res grid over [-6, 6]^2, row 0 at the top (y = 6).
inline MatrixF make_grid(int res) {
  MatrixF grid(res * res, 2);
  for (int r = 0; r < res; ++r)
    for (int c = 0; c < res; ++c) {
      grid(r * res + c, 0) = float(-6.0 + 12.0 * (c + 0.5) / res);
      grid(r * res + c, 1) = float(6.0 - 12.0 * (r + 0.5) / res);
    }
  return grid;
}

}  // namespace nnplay::bench
