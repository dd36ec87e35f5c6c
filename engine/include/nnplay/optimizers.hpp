// Optimizers: each update is one loop over the flat parameter vector.
// Update formulas and defaults are TensorFlow.js's (tf.train.sgd / momentum /
// rmsprop / adam), so a run can be checked step by step against it.
#pragma once
#include <cmath>
#include <cstdint>

#include "nnplay/names.hpp"
#include "nnplay/tensor.hpp"

namespace nnplay {

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::Adam;
  double learning_rate = 0.001;
  double momentum = 0.0;   // momentum: its factor (tf.train.momentum); rmsprop: its momentum term
  bool nesterov = false;   // momentum only
  double rho = 0.9;        // rmsprop decay
  bool centered = false;   // rmsprop
  double beta1 = 0.9;      // adam
  double beta2 = 0.999;    // adam
  double epsilon = 1e-7;   // rmsprop, adam (TF.js backend epsilon)
};

// TF.js defaults per name: compile({optimizer: 'sgd'}) uses 0.01, the rest 0.001;
// tf.train.momentum requires a momentum, 0.9 is the conventional one.
OptimizerConfig default_optimizer(OptimizerKind kind);

// Throws std::invalid_argument on a non-positive / non-finite learning rate or
// out-of-range factors.
void validate(const OptimizerConfig& config);

template <class T>
class Optimizer {
 public:
  Optimizer() = default;
  Optimizer(const OptimizerConfig& config, Eigen::Index size) { reset(config, size); }

  void reset(const OptimizerConfig& config, Eigen::Index size) {
    validate(config);
    config_ = config;
    first_.setZero(size);
    second_.setZero(size);
    third_.setZero(size);
    for (Vector<T>& next : next_) next.setZero(size);
    iterations_ = 0;
    beta1_power_ = config.beta1;
    beta2_power_ = config.beta2;
  }
  // The learning rate can change between steps without resetting the state.
  void set_learning_rate(double lr) {
    OptimizerConfig c = config_;
    c.learning_rate = lr;
    validate(c);
    config_.learning_rate = lr;
  }

  // params -= update(grads), but only if every new value (weights and slots) is
  // finite: otherwise nothing at all is written (weights, slots, step count and
  // Adam's powers stay as they were) and it returns false. The new slots are
  // computed into spare vectors that are swapped in when all is finite, the new
  // weights likewise and then copied; each pass is one vectorized loop (the
  // check is a sum of value * 0, which is NaN exactly when a value is not
  // finite). No allocation.
  bool step(Eigen::Ref<Vector<T>> params, const Eigen::Ref<const Vector<T>>& grads) {
    const T lr = T(config_.learning_rate);
    const auto p = params.array();
    const auto g = grads.array();
    auto next_p = next_[3].array();
    switch (config_.kind) {
      case OptimizerKind::Sgd:
        // Nothing to keep but the weights: check the update in registers, then write it.
        if (!finite(p - lr * g)) return false;
        params.array() = p - lr * g;
        break;
      case OptimizerKind::Momentum: {
        // accumulation = m * accumulation + g
        // w -= lr * accumulation          (nesterov: w -= lr * (g + m * accumulation))
        const T m = T(config_.momentum);
        auto acc = next_[0].array();
        acc = m * first_.array() + g;
        if (config_.nesterov)
          next_p = p - lr * (g + m * acc);
        else
          next_p = p - lr * acc;
        if (!finite(acc) || !finite(next_p)) return false;
        first_.swap(next_[0]);
        break;
      }
      case OptimizerKind::RmsProp: {
        // ms = rho * ms + (1 - rho) g^2;  (centered: mg = rho * mg + (1 - rho) g)
        // mom = momentum * mom + lr * g / sqrt(ms [- mg^2] + eps);  w -= mom
        const T rho = T(config_.rho), m = T(config_.momentum), eps = T(config_.epsilon);
        auto ms = next_[0].array(), mom = next_[1].array(), mg = next_[2].array();
        ms = rho * first_.array() + (T(1) - rho) * g * g;
        if (config_.centered) {
          mg = rho * third_.array() + (T(1) - rho) * g;
          mom = m * second_.array() + lr * g / ((ms + eps) - mg * mg).sqrt();
        } else {
          mom = m * second_.array() + lr * g / (ms + eps).sqrt();
        }
        next_p = p - mom;
        if (!finite(ms) || !finite(mom) || !finite(next_p) || (config_.centered && !finite(mg))) return false;
        first_.swap(next_[0]);
        second_.swap(next_[1]);
        if (config_.centered) third_.swap(next_[2]);
        break;
      }
      case OptimizerKind::Adam: {
        // m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2
        // w -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
        const T b1 = T(config_.beta1), b2 = T(config_.beta2), eps = T(config_.epsilon);
        const T c1 = T(1) / T(1 - beta1_power_), c2 = T(1) / T(1 - beta2_power_);
        auto m1 = next_[0].array(), v = next_[1].array();
        m1 = b1 * first_.array() + (T(1) - b1) * g;
        v = b2 * second_.array() + (T(1) - b2) * g * g;
        next_p = p - lr * (m1 * c1) / ((v * c2).sqrt() + eps);
        if (!finite(m1) || !finite(v) || !finite(next_p)) return false;
        first_.swap(next_[0]);
        second_.swap(next_[1]);
        beta1_power_ *= config_.beta1;
        beta2_power_ *= config_.beta2;
        break;
      }
    }
    if (config_.kind != OptimizerKind::Sgd) params = next_[3];
    ++iterations_;
    return true;
  }

  const OptimizerConfig& config() const { return config_; }
  int64_t iterations() const { return iterations_; }

  // State for save/load: the slots and the step count (Adam's powers follow from it).
  Vector<T>& slot(int i) { return i == 0 ? first_ : i == 1 ? second_ : third_; }
  const Vector<T>& slot(int i) const { return i == 0 ? first_ : i == 1 ? second_ : third_; }
  void set_iterations(int64_t t) {
    iterations_ = t;
    beta1_power_ = std::pow(config_.beta1, double(t + 1));
    beta2_power_ = std::pow(config_.beta2, double(t + 1));
  }

 private:
  // Whether every value of an array expression is finite: inf * 0 and NaN * 0
  // are NaN, and a NaN anywhere makes the (vectorized) sum NaN.
  template <class Values>
  static bool finite(const Eigen::ArrayBase<Values>& values) {
    return (values * T(0)).sum() == T(0);
  }

  OptimizerConfig config_;
  Vector<T> first_, second_, third_;  // momentum/ms/m, rmsprop mom/v, rmsprop mg
  Vector<T> next_[4];                  // a step's new slots (swapped in when finite) and new weights
  int64_t iterations_ = 0;
  double beta1_power_ = 0.9, beta2_power_ = 0.999;  // b^(t+1), updated after each step
};

}  // namespace nnplay
