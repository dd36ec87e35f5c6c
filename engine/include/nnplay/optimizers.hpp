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
  // Adam's powers stay as they were) and it returns false. Two passes over the
  // vector, the first only checking, cost less than copying the state aside
  // for a rollback. No allocation.
  bool step(Eigen::Ref<Vector<T>> params, const Eigen::Ref<const Vector<T>>& grads) {
    const T lr = T(config_.learning_rate);
    const Eigen::Index n = params.size();
    bool applied = false;
    switch (config_.kind) {
      case OptimizerKind::Sgd:
        applied = apply(n, [&](Eigen::Index i, bool write) {
          const T p = params[i] - lr * grads[i];
          if (write) params[i] = p;
          return std::isfinite(p);
        });
        break;
      case OptimizerKind::Momentum: {
        // accumulation = m * accumulation + g
        // w -= lr * accumulation          (nesterov: w -= lr * (g + m * accumulation))
        const T m = T(config_.momentum);
        applied = apply(n, [&](Eigen::Index i, bool write) {
          const T acc = m * first_[i] + grads[i];
          const T p = params[i] - lr * (config_.nesterov ? grads[i] + m * acc : acc);
          if (write) first_[i] = acc, params[i] = p;
          return std::isfinite(acc) && std::isfinite(p);
        });
        break;
      }
      case OptimizerKind::RmsProp: {
        // ms = rho * ms + (1 - rho) g^2;  (centered: mg = rho * mg + (1 - rho) g)
        // mom = momentum * mom + lr * g / sqrt(ms [- mg^2] + eps);  w -= mom
        const T rho = T(config_.rho), m = T(config_.momentum), eps = T(config_.epsilon);
        applied = apply(n, [&](Eigen::Index i, bool write) {
          const T g = grads[i];
          const T ms = rho * first_[i] + (T(1) - rho) * g * g;
          T denominator = ms + eps;
          T mg = third_[i];
          if (config_.centered) {
            mg = rho * mg + (T(1) - rho) * g;
            denominator -= mg * mg;
          }
          const T mom = m * second_[i] + lr * g / std::sqrt(denominator);
          const T p = params[i] - mom;
          if (write) first_[i] = ms, third_[i] = mg, second_[i] = mom, params[i] = p;
          return std::isfinite(ms) && std::isfinite(mg) && std::isfinite(mom) && std::isfinite(p);
        });
        break;
      }
      case OptimizerKind::Adam: {
        // m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2
        // w -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
        const T b1 = T(config_.beta1), b2 = T(config_.beta2), eps = T(config_.epsilon);
        const T c1 = T(1) / T(1 - beta1_power_), c2 = T(1) / T(1 - beta2_power_);
        applied = apply(n, [&](Eigen::Index i, bool write) {
          const T g = grads[i];
          const T m1 = b1 * first_[i] + (T(1) - b1) * g;
          const T v = b2 * second_[i] + (T(1) - b2) * g * g;
          const T p = params[i] - lr * (m1 * c1) / (std::sqrt(v * c2) + eps);
          if (write) first_[i] = m1, second_[i] = v, params[i] = p;
          return std::isfinite(m1) && std::isfinite(v) && std::isfinite(p);
        });
        if (applied) {
          beta1_power_ *= config_.beta1;
          beta2_power_ *= config_.beta2;
        }
        break;
      }
    }
    if (applied) ++iterations_;
    return applied;
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
  // update(i, write) computes element i's new values, stores them if `write`,
  // and says whether they are all finite.
  template <class Update>
  static bool apply(Eigen::Index n, Update&& update) {
    for (Eigen::Index i = 0; i < n; ++i)
      if (!update(i, false)) return false;
    for (Eigen::Index i = 0; i < n; ++i) update(i, true);
    return true;
  }

  OptimizerConfig config_;
  Vector<T> first_, second_, third_;  // momentum/ms/m, rmsprop mom/v, rmsprop mg
  int64_t iterations_ = 0;
  double beta1_power_ = 0.9, beta2_power_ = 0.999;  // b^(t+1), updated after each step
};

}  // namespace nnplay
