// Loss functions, following the TensorFlow.js / Keras definitions: the mean over
// the batch of a per-sample loss; BCE and MSE also average over output units.
//
// `out` is what the loss sees: probabilities (the output layer's activation), or
// logits. Logits are used when the user asks for fromLogits, and also — the
// numerically stable fused form — when a sigmoid output meets binary
// cross-entropy or a softmax output meets (sparse) categorical cross-entropy:
// then the model passes the output layer's pre-activation z, and the gradient
// returned is dL/dz directly. This is what Keras does with TensorFlow, and it is
// why logits of ±1000 give a finite loss.
//
// y: [n, units] targets, or [n, 1] class indices for the sparse loss (validated
// by the model before training, so these functions do not check).
#pragma once
#include <algorithm>
#include <cmath>
#include <type_traits>

#include "nnplay/fast_math.hpp"
#include "nnplay/names.hpp"
#include "nnplay/packet_tail.hpp"
#include "nnplay/tensor.hpp"

namespace nnplay {

constexpr double kEpsilon = 1e-7;  // Keras/TF.js backend epsilon (probability clipping)

namespace detail {

// Binary cross-entropy on logits in float, vectorized: z, y and grad are
// contiguous blocks of `count` values. Per value, as the scalar loop in
// loss_forward_backward: loss max(z,0) - z t + log1p(e) and gradient
// scale * (sigmoid(z) - t), where e = e^-|z| is computed once (fast_math's exp,
// the one its sigmoid uses) and gives both; the log1p is Eigen's packet
// log1p. Adds the number of values whose thresholded prediction (z > 0)
// equals the target to *correct when it is not null. Returns the sum of the
// per-value losses.
inline float bce_logits_packets(const float* z, const float* y, float* grad, Eigen::Index count, float scale,
                                double* correct) {
  using namespace Eigen::internal;
  using Packet = fast_math::FloatPacket;
  constexpr int P = packet_traits<float>::size;
  const Packet zero = pset1<Packet>(0.0f), one = pset1<Packet>(1.0f), pscale = pset1<Packet>(scale);
  Packet loss_sum = zero, hits = zero;
  // One packet: its losses and hits (1 where the prediction is right) into *loss and *hit.
  const auto packet = [&](const Packet& zv, const Packet& t, Packet& dz, Packet& loss, Packet& hit) {
    const Packet e = fast_math::pexp_nonpositive(pnegate(pabs(zv)));
    loss = padd(psub(fast_math::pmax_first(zv, zero), pmul(zv, t)), plog1p(e));
    dz = pmul(pscale, psub(fast_math::psigmoid_from_exp(zv, e), t));
    hit = pand(pcmp_eq(pand(pcmp_lt(zero, zv), one), t), one);
  };
  Eigen::Index i = 0;
  for (; i + P <= count; i += P) {
    Packet dz, loss, hit;
    packet(ploadu<Packet>(z + i), ploadu<Packet>(y + i), dz, loss, hit);
    pstoreu(grad + i, dz);
    loss_sum = padd(loss_sum, loss);
    hits = padd(hits, hit);
  }
  float total = predux(loss_sum);
  double right = double(predux(hits));
  if (i < count) {
    // The last values, through a zero-padded packet; only their own lanes count.
    alignas(64) float losst[P], hitt[P];
    const Eigen::Index rest = count - i;
    Packet dz, loss, hit;
    packet(pload_first<Packet>(z + i, rest), pload_first<Packet>(y + i, rest), dz, loss, hit);
    pstore_first(grad + i, dz, rest);
    pstore(losst, loss);
    pstore(hitt, hit);
    for (Eigen::Index j = 0; j < rest; ++j) {
      total += losst[j];
      right += double(hitt[j]);
    }
  }
  if (correct) *correct += right;
  return total;
}


// e^v in place over count values, all <= 0 (or NaN), in packets: fast_math's
// exp, the one its sigmoid uses (error: tests/native/test_fast_math.cpp).
inline void exp_nonpositive_in_place(float* v, Eigen::Index count) {
  using Packet = fast_math::FloatPacket;
  map_packets<Packet>(v, count, [](const Packet& x) { return fast_math::pexp_nonpositive(x); }, v);
}

// Softmax cross-entropy on logits in float, over a contiguous [n, k] block x:
// per row, loss sum_c t_c (lse - x_c) and gradient scale * (e^(x_c - lse) sum(t) - t_c)
// with lse = m + log(sum_c e^(x_c - m)), m the row's largest logit: the scalar
// loop's formulas (loss_forward_backward), with both exps in packets over the
// whole block rather than 2k scalar std::exp calls per row (in wasm a call into
// musl's expf each: W3's loss took 2.3x its native time). Both arguments are
// <= 0. grad [n, k] holds the intermediate values. Targets: y's rows, ldy
// apart, each k values, or (Sparse) one class index.
// Returns the sum of the per-row losses.
template <bool Sparse>
inline float softmax_ce_logits_packets(const float* x, const float* y, Eigen::Index ldy, float* grad, Eigen::Index n,
                                       Eigen::Index k, float scale) {
  const auto row_max = [&](const float* xr) {
    float m = xr[0];
    for (Eigen::Index c = 1; c < k; ++c) m = std::max(m, xr[c]);
    return m;
  };
  // t_c of row r, and sum_c t_c.
  const auto target = [&](Eigen::Index r, Eigen::Index c) {
    if constexpr (Sparse) return float(static_cast<Eigen::Index>(y[r * ldy]) == c ? 1 : 0);
    else return y[r * ldy + c];
  };
  for (Eigen::Index r = 0; r < n; ++r) {
    const float* xr = x + r * k;
    const float m = row_max(xr);
    for (Eigen::Index c = 0; c < k; ++c) grad[r * k + c] = xr[c] - m;
  }
  exp_nonpositive_in_place(grad, n * k);
  float total = 0;
  for (Eigen::Index r = 0; r < n; ++r) {
    const float* xr = x + r * k;
    float* gr = grad + r * k;
    float sum_exp = 0;
    for (Eigen::Index c = 0; c < k; ++c) sum_exp += gr[c];
    const float lse = row_max(xr) + std::log(sum_exp);
    for (Eigen::Index c = 0; c < k; ++c) {
      total += target(r, c) * (lse - xr[c]);
      gr[c] = xr[c] - lse;
    }
  }
  exp_nonpositive_in_place(grad, n * k);
  for (Eigen::Index r = 0; r < n; ++r) {
    float* gr = grad + r * k;
    float target_sum = 1;
    if constexpr (!Sparse) {
      target_sum = 0;
      for (Eigen::Index c = 0; c < k; ++c) target_sum += target(r, c);
    }
    for (Eigen::Index c = 0; c < k; ++c) gr[c] = scale * (gr[c] * target_sum - target(r, c));
  }
  return total;
}

}  // namespace detail

// Fills grad (same shape as out) with dL/d(out) and returns the mean loss.
template <class T>
T loss_forward_backward(LossKind kind, bool logits, const ConstMatrixRef<T>& out, const ConstMatrixRef<T>& y,
                        MatrixRef<T> grad) {
  const Eigen::Index n = out.rows(), k = out.cols();
  const T eps = T(kEpsilon);
  T total = 0;
  switch (kind) {
    case LossKind::MeanSquaredError: {
      const T scale = T(1) / T(n * k);
      grad = (T(2) * scale) * (out - y);
      return (out - y).squaredNorm() * scale;
    }
    case LossKind::BinaryCrossentropy: {
      const T scale = T(1) / T(n * k);
      if constexpr (std::is_same_v<T, float> && Eigen::internal::packet_traits<float>::Vectorizable) {
        if (logits && out.outerStride() == k && y.outerStride() == k && grad.outerStride() == k)
          return detail::bce_logits_packets(out.data(), y.data(), grad.data(), n * k, scale, nullptr) * scale;
      }
      for (Eigen::Index r = 0; r < n; ++r)
        for (Eigen::Index c = 0; c < k; ++c) {
          const T v = out(r, c), t = y(r, c);
          if (logits) {
            // max(x,0) - x*t + log(1 + e^{-|x|}): exact and overflow-free. The
            // same e^{-|x|} gives sigmoid(x) without a second exp.
            const T e = std::exp(-std::abs(v));
            total += std::max(v, T(0)) - v * t + std::log1p(e);
            const T sigmoid = v >= T(0) ? T(1) / (T(1) + e) : e / (T(1) + e);
            grad(r, c) = scale * (sigmoid - t);
          } else {
            // TF.js clips p to [eps, 1-eps]; the clip has zero gradient outside.
            const T p = std::clamp(v, eps, T(1) - eps);
            total += -(t * std::log(p) + (T(1) - t) * std::log(T(1) - p));
            grad(r, c) = (v > eps && v < T(1) - eps) ? scale * (p - t) / (p * (T(1) - p)) : T(0);
          }
        }
      return total * scale;
    }
    case LossKind::CategoricalCrossentropy:
    case LossKind::SparseCategoricalCrossentropy: {
      const bool sparse = kind == LossKind::SparseCategoricalCrossentropy;
      const T scale = T(1) / T(n);
      // target(r, c): one-hot from the class index when sparse.
      auto target = [&](Eigen::Index r, Eigen::Index c) {
        return sparse ? T(static_cast<Eigen::Index>(y(r, 0)) == c ? 1 : 0) : y(r, c);
      };
      if constexpr (std::is_same_v<T, float> && Eigen::internal::packet_traits<float>::Vectorizable) {
        if (logits && out.outerStride() == k && grad.outerStride() == k)
          return (sparse ? detail::softmax_ce_logits_packets<true>(out.data(), y.data(), y.outerStride(), grad.data(), n, k, scale)
                         : detail::softmax_ce_logits_packets<false>(out.data(), y.data(), y.outerStride(), grad.data(), n, k, scale)) *
                 scale;
      }
      for (Eigen::Index r = 0; r < n; ++r) {
        T target_sum = 0;
        for (Eigen::Index c = 0; c < k; ++c) target_sum += target(r, c);
        if (logits) {
          // sum_c t_c * (logsumexp(x) - x_c); gradient softmax(x) * sum(t) - t.
          const T m = out.row(r).maxCoeff();
          const T sum_exp = (out.row(r).array() - m).exp().sum();
          const T lse = m + std::log(sum_exp);
          for (Eigen::Index c = 0; c < k; ++c) {
            const T t = target(r, c);
            total += t * (lse - out(r, c));
            grad(r, c) = scale * (std::exp(out(r, c) - lse) * target_sum - t);
          }
        } else {
          // TF.js: normalise the row to sum 1, clip to [eps, 1-eps], -sum t log p.
          const T s = out.row(r).sum();
          T dot = 0;  // sum_c dq_c * q_c, for the normalisation's backward pass
          for (Eigen::Index c = 0; c < k; ++c) {
            const T q = out(r, c) / s;
            const T p = std::clamp(q, eps, T(1) - eps);
            const T t = target(r, c);
            total += -t * std::log(p);
            const T dq = (q > eps && q < T(1) - eps) ? -t / p : T(0);
            grad(r, c) = dq;
            dot += dq * q;
          }
          for (Eigen::Index c = 0; c < k; ++c) grad(r, c) = scale * (grad(r, c) - dot) / s;
        }
      }
      return total * scale;
    }
  }
  return total;
}

// Fraction of correct predictions, as TF.js's 'accuracy' metric resolves for
// each loss: binaryAccuracy per output unit for BCE and single-unit MSE (the
// prediction thresholded at 0.5, or 0 on logits, to 0/1 and compared with the
// target for equality, so a soft target like 0.7 never counts as correct);
// argmax match for categorical losses and multi-unit MSE.
template <class T>
double accuracy_count(LossKind kind, bool logits, const ConstMatrixRef<T>& out, const ConstMatrixRef<T>& y) {
  const Eigen::Index n = out.rows(), k = out.cols();
  double correct = 0;
  const bool binary = kind == LossKind::BinaryCrossentropy || (kind == LossKind::MeanSquaredError && k == 1);
  if (binary) {
    const T threshold = logits ? T(0) : T(0.5);
    for (Eigen::Index r = 0; r < n; ++r)
      for (Eigen::Index c = 0; c < k; ++c)
        correct += (out(r, c) > threshold ? T(1) : T(0)) == y(r, c) ? 1.0 / double(k) : 0.0;
    return correct;
  }
  for (Eigen::Index r = 0; r < n; ++r) {
    Eigen::Index predicted, expected;
    out.row(r).maxCoeff(&predicted);
    if (kind == LossKind::SparseCategoricalCrossentropy)
      expected = static_cast<Eigen::Index>(y(r, 0));
    else
      y.row(r).maxCoeff(&expected);
    correct += predicted == expected ? 1.0 : 0.0;
  }
  return correct;
}

// loss_forward_backward and accuracy_count in one call: returns the mean loss,
// fills grad and, when correct is not null, sets *correct to the number of
// correct predictions. Sigmoid outputs with binary cross-entropy (the
// playground's classifier) take one vectorized pass for all three in float.
template <class T>
T loss_and_accuracy(LossKind kind, bool logits, const ConstMatrixRef<T>& out, const ConstMatrixRef<T>& y,
                    MatrixRef<T> grad, double* correct) {
  const Eigen::Index n = out.rows(), k = out.cols();
  if constexpr (std::is_same_v<T, float> && Eigen::internal::packet_traits<float>::Vectorizable) {
    if (kind == LossKind::BinaryCrossentropy && logits && out.outerStride() == k && y.outerStride() == k &&
        grad.outerStride() == k) {
      const T scale = T(1) / T(n * k);
      double hits = 0;
      const T loss = detail::bce_logits_packets(out.data(), y.data(), grad.data(), n * k, scale, &hits) * scale;
      if (correct) *correct = hits / double(k);
      return loss;
    }
  }
  const T loss = loss_forward_backward<T>(kind, logits, out, y, grad);
  if (correct) *correct = accuracy_count<T>(kind, logits, out, y);
  return loss;
}

}  // namespace nnplay
