// Activation functions g and their backward passes, on whole batches.
// Templated on the scalar so the gradient checks can run in double precision.
// In float, tanh and sigmoid are fast_math.hpp's vectorized approximations
// (error bounds tested over every float); in double they are the exact functions.
#pragma once
#include <algorithm>
#include <cmath>
#include <type_traits>
#include <utility>

#include "nnplay/fast_math.hpp"
#include "nnplay/names.hpp"
#include "nnplay/packet_tail.hpp"
#include "nnplay/tensor.hpp"

namespace nnplay {

constexpr double kLeakyReluAlpha = 0.3;  // Keras LeakyReLU default
constexpr double kEluAlpha = 1.0;

// a = g(z), z and a: [n, units]. Any Eigen matrix or view; the engine passes
// contiguous Maps so that Eigen vectorizes over the whole block.
template <class Z, class A>
void activation_forward(Activation g, const Eigen::MatrixBase<Z>& z, const Eigen::MatrixBase<A>& a_out) {
  using T = typename Z::Scalar;
  auto& a = const_cast<Eigen::MatrixBase<A>&>(a_out);  // Eigen's idiom for output arguments
  switch (g) {
    case Activation::Linear: a = z; break;
    case Activation::Sigmoid:
      if constexpr (std::is_same_v<T, float>) a = z.unaryExpr(fast_math::SigmoidOp());
      else a = (T(1) + (-z.array()).exp()).inverse().matrix();  // exp(-z) = inf gives 0, never NaN
      break;
    case Activation::Tanh:
      if constexpr (std::is_same_v<T, float>) a = z.unaryExpr(fast_math::TanhOp());
      else a = z.array().tanh().matrix();
      break;
    case Activation::Relu: a = z.cwiseMax(T(0)); break;
    case Activation::LeakyRelu: a = (z.array() > T(0)).select(z.array(), T(kLeakyReluAlpha) * z.array()).matrix(); break;
    case Activation::Elu: a = (z.array() > T(0)).select(z.array(), T(kEluAlpha) * (z.array().exp() - T(1))).matrix(); break;
    case Activation::Softmax:
      // Row-wise, shifted by the row max so exp never overflows.
      for (Eigen::Index r = 0; r < z.rows(); ++r) {
        a.row(r) = (z.row(r).array() - z.row(r).maxCoeff()).exp().matrix();
        a.row(r) /= a.row(r).sum();
      }
      break;
  }
}

// dz = da * g'(z), using the cached z and a = g(z).
template <class Z, class A, class DA, class DZ>
void activation_backward(Activation g, const Eigen::MatrixBase<Z>& z, const Eigen::MatrixBase<A>& a,
                         const Eigen::MatrixBase<DA>& da, const Eigen::MatrixBase<DZ>& dz_out) {
  using T = typename Z::Scalar;
  auto& dz = const_cast<Eigen::MatrixBase<DZ>&>(dz_out);
  switch (g) {
    case Activation::Linear: dz = da; break;
    case Activation::Sigmoid: dz = (da.array() * a.array() * (T(1) - a.array())).matrix(); break;
    case Activation::Tanh: dz = (da.array() * (T(1) - a.array().square())).matrix(); break;
    case Activation::Relu: dz = (z.array() > T(0)).select(da.array(), T(0)).matrix(); break;
    case Activation::LeakyRelu: dz = (z.array() > T(0)).select(da.array(), T(kLeakyReluAlpha) * da.array()).matrix(); break;
    case Activation::Elu: dz = (z.array() > T(0)).select(da.array(), da.array() * (a.array() + T(kEluAlpha))).matrix(); break;
    case Activation::Softmax:
      // Jacobian-vector product: dz_i = a_i * (da_i - sum_j da_j a_j).
      for (Eigen::Index r = 0; r < z.rows(); ++r) {
        const T dot = da.row(r).dot(a.row(r));
        dz.row(r) = (a.row(r).array() * (da.row(r).array() - dot)).matrix();
      }
      break;
  }
}

// ---- the same on a flat block of `count` values ------------------------------------------
// What the Dense layer's fused kernels use: z, a, da and dz are contiguous
// [n, units] blocks, so an element-wise function runs over n * units values
// in packets, the leftover values through one padded packet, instead of
// Eigen's scalar prologue and epilogue (where fast_math's scalar form runs the
// whole packet code for one value). Same results as activation_forward /
// activation_backward, element for element. Not for softmax (row-wise).
// (map_packets: packet_tail.hpp.)

// a = g(z) over count values (g not softmax).
template <class T>
void activation_forward_flat(Activation g, const T* z, T* a, Eigen::Index count) {
  if constexpr (std::is_same_v<T, float> && Eigen::internal::packet_traits<float>::Vectorizable) {
    using Packet = fast_math::FloatPacket;
    if (g == Activation::Tanh) return map_packets<Packet>(a, count, [](const Packet& v) { return fast_math::ptanh(v); }, z);
    if (g == Activation::Sigmoid) return map_packets<Packet>(a, count, [](const Packet& v) { return fast_math::psigmoid(v); }, z);
    if (g == Activation::LeakyRelu) {
      const Packet zero = Eigen::internal::pset1<Packet>(0.0f), alpha = Eigen::internal::pset1<Packet>(float(kLeakyReluAlpha));
      return map_packets<Packet>(a, count, [&](const Packet& v) {
        return fast_math::pselect_mask(Eigen::internal::pcmp_lt(zero, v), v, Eigen::internal::pmul(alpha, v));
      }, z);
    }
  }
  if (g == Activation::Linear) {
    std::copy(z, z + count, a);
    return;
  }
  using Flat = Eigen::Matrix<T, 1, Eigen::Dynamic>;
  activation_forward(g, Eigen::Map<const Flat>(z, count), Eigen::Map<Flat>(a, count));
}

// dz = da * g'(z) over count values, from the cached z and a = g(z) (g not softmax).
template <class T>
void activation_backward_flat(Activation g, const T* z, const T* a, const T* da, T* dz, Eigen::Index count) {
  if constexpr (std::is_same_v<T, float> && Eigen::internal::packet_traits<float>::Vectorizable) {
    using namespace Eigen::internal;
    using Packet = fast_math::FloatPacket;
    const Packet one = pset1<Packet>(1.0f);
    if (g == Activation::Tanh)
      return map_packets<Packet>(dz, count, [&](const Packet& av, const Packet& dav) {
        return pmul(dav, psub(one, pmul(av, av)));
      }, a, da);
    if (g == Activation::Sigmoid)
      return map_packets<Packet>(dz, count, [&](const Packet& av, const Packet& dav) {
        return pmul(pmul(dav, av), psub(one, av));
      }, a, da);
    // ReLU: da where z > 0, else +0, as the select below (Eigen does not
    // vectorize select); the mask keeps da's bits or clears them.
    const Packet zero = pzero(one);
    if (g == Activation::Relu)
      return map_packets<Packet>(dz, count, [&](const Packet& zv, const Packet& dav) {
        return pand(pcmp_lt(zero, zv), dav);
      }, z, da);
    if (g == Activation::LeakyRelu) {
      const Packet alpha = pset1<Packet>(float(kLeakyReluAlpha));
      return map_packets<Packet>(dz, count, [&](const Packet& zv, const Packet& dav) {
        return fast_math::pselect_mask(pcmp_lt(zero, zv), dav, pmul(alpha, dav));
      }, z, da);
    }
  }
  if (g == Activation::Linear) {
    std::copy(da, da + count, dz);
    return;
  }
  using Flat = Eigen::Matrix<T, 1, Eigen::Dynamic>;
  activation_backward(g, Eigen::Map<const Flat>(z, count), Eigen::Map<const Flat>(a, count),
                      Eigen::Map<const Flat>(da, count), Eigen::Map<Flat>(dz, count));
}

}  // namespace nnplay
