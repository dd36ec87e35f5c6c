// The Dense layer's settings as a typed struct, for C++ callers
// (model.add(DenseConfig{8, Activation::Tanh})). The layer itself is in
// engine/src/layers/dense.cpp: a = g(x W + b), kernel W [in, units], bias b [units].
#pragma once
#include "nnplay/layer.hpp"
#include "nnplay/names.hpp"

namespace nnplay {

struct DenseConfig {
  int units = 1;
  Activation activation = Activation::Linear;
  bool use_bias = true;
  Initializer kernel_initializer = Initializer::GlorotUniform;
  Initializer bias_initializer = Initializer::Zeros;
  double l1 = 0.0;  // kernel regularizer: l1 * sum|W| + l2 * sum W^2 (Keras)
  double l2 = 0.0;
};

// DenseConfig <-> the generic settings ("units", "activation", "useBias", ...).
LayerConfig to_layer_config(const DenseConfig& c);
DenseConfig dense_config(const LayerConfig& resolved);

}  // namespace nnplay
