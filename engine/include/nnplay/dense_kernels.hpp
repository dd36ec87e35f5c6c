// The three matrix products of a Dense layer, forward and backward.
// Sizes: n = samples, in = input width, units = output width; all row-major.
// Every buffer is capped by limits.hpp (at most kMaxElements values, in * units
// at most kMaxParameters), so int sizes and Eigen::Index offsets cannot overflow,
// even where Eigen::Index is 32 bits (wasm32).
//
// Why not always Eigen's product: the playground's networks are tiny (2-8-8-1,
// batch 10), where Eigen's coefficient-based product spends more time building
// expression objects than multiplying. Below kSmallKernel multiply-adds per
// sample we run plain loops whose inner loop walks a contiguous row (the
// compiler vectorizes it); above it, Eigen's blocked GEMM wins and we use it.
#pragma once
#include <cstdint>

#include "nnplay/tensor.hpp"

namespace nnplay {

constexpr int64_t kSmallKernel = 16 * 16;  // in * units at or below which loops win (measured: bench W1-W4)
constexpr int kSmallBatch = 64;        // above this many rows (inference over a grid) GEMM wins

// z[n, units] = x[n, in] W[in, units] + b[units] (b may be null). x rows are ldx apart.
template <class T>
void dense_forward(T* __restrict z, const T* __restrict x, Eigen::Index ldx, const T* __restrict W, const T* __restrict b, int n, int in, int units) {
  if (int64_t(in) * units <= kSmallKernel && n <= kSmallBatch) {
    if (units < 4) {
      for (int r = 0; r < n; ++r)
        for (int u = 0; u < units; ++u) {
          T sum = b ? b[u] : T(0);
          for (int k = 0; k < in; ++k) sum += x[r * ldx + k] * W[Eigen::Index(k) * units + u];
          z[Eigen::Index(r) * units + u] = sum;
        }
      return;
    }
    for (int r = 0; r < n; ++r) {
      T* zr = z + Eigen::Index(r) * units;
      const T* xr = x + r * ldx;
      for (int u = 0; u < units; ++u) zr[u] = b ? b[u] : T(0);
      for (int k = 0; k < in; ++k) {
        const T xv = xr[k];
        const T* wk = W + Eigen::Index(k) * units;
        for (int u = 0; u < units; ++u) zr[u] += xv * wk[u];
      }
    }
    return;
  }
  Eigen::Map<Matrix<T>> Z(z, n, units);
  Eigen::Map<const Matrix<T>, 0, Eigen::OuterStride<>> X(x, n, in, Eigen::OuterStride<>(ldx));
  Z.noalias() = X * Eigen::Map<const Matrix<T>>(W, in, units);
  if (b) Z.rowwise() += Eigen::Map<const RowVector<T>>(b, units);
}

// dW[in, units] = x^T dz; db[units] = column sums of dz (db may be null).
template <class T>
void dense_backward_weights(T* __restrict dW, T* __restrict db, const T* __restrict x, Eigen::Index ldx, const T* __restrict dz, int n, int in, int units) {
  if (int64_t(in) * units <= kSmallKernel) {
    if (units < 4) {
      // Too narrow to vectorize along units: plain dot products along the batch.
      for (int k = 0; k < in; ++k)
        for (int u = 0; u < units; ++u) {
          T sum = 0;
          for (int r = 0; r < n; ++r) sum += x[r * ldx + k] * dz[Eigen::Index(r) * units + u];
          dW[Eigen::Index(k) * units + u] = sum;
        }
      if (db)
        for (int u = 0; u < units; ++u) {
          T sum = 0;
          for (int r = 0; r < n; ++r) sum += dz[Eigen::Index(r) * units + u];
          db[u] = sum;
        }
      return;
    }
    for (Eigen::Index i = 0; i < Eigen::Index(in) * units; ++i) dW[i] = T(0);
    if (db)
      for (int u = 0; u < units; ++u) db[u] = T(0);
    for (int r = 0; r < n; ++r) {
      const T* xr = x + r * ldx;
      const T* dzr = dz + Eigen::Index(r) * units;
      for (int k = 0; k < in; ++k) {
        const T xv = xr[k];
        T* dwk = dW + Eigen::Index(k) * units;
        for (int u = 0; u < units; ++u) dwk[u] += xv * dzr[u];
      }
      if (db)
        for (int u = 0; u < units; ++u) db[u] += dzr[u];
    }
    return;
  }
  Eigen::Map<const Matrix<T>> DZ(dz, n, units);
  Eigen::Map<const Matrix<T>, 0, Eigen::OuterStride<>> X(x, n, in, Eigen::OuterStride<>(ldx));
  Eigen::Map<Matrix<T>>(dW, in, units).noalias() = X.transpose() * DZ;
  if (db) Eigen::Map<RowVector<T>>(db, units).noalias() = DZ.colwise().sum();
}

// dx[n, in] = dz[n, units] W^T.
template <class T>
void dense_backward_input(T* __restrict dx, const T* __restrict dz, const T* __restrict W, int n, int in, int units) {
  if (int64_t(in) * units <= kSmallKernel) {
    for (int r = 0; r < n; ++r) {
      const T* dzr = dz + Eigen::Index(r) * units;
      T* dxr = dx + Eigen::Index(r) * in;
      for (int k = 0; k < in; ++k) {
        const T* wk = W + Eigen::Index(k) * units;
        T sum = 0;
        for (int u = 0; u < units; ++u) sum += dzr[u] * wk[u];
        dxr[k] = sum;
      }
    }
    return;
  }
  Eigen::Map<Matrix<T>>(dx, n, in).noalias() =
      Eigen::Map<const Matrix<T>>(dz, n, units) * Eigen::Map<const Matrix<T>>(W, in, units).transpose();
}

}  // namespace nnplay
