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
#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "nnplay/packet_tail.hpp"
#include "nnplay/tensor.hpp"

namespace nnplay {

constexpr int64_t kSmallKernel = 16 * 16;  // in * units at or below which loops win (measured: bench W1-W4)
constexpr int kSmallBatch = 64;        // above this many rows (inference over a grid) GEMM wins

// The packet type and its width, for the hand-written kernels below.
namespace narrow_detail {
template <class T>
using Packet = typename Eigen::internal::packet_traits<T>::type;
template <class T>
constexpr int kLanes = Eigen::internal::unpacket_traits<Packet<T>>::size;
}  // namespace narrow_detail

// ---- register-blocked products (the wasm build's wide layers) ----------------------
// out[i, c] = sum_k a(i, k) b[k, c] for i < rows, c < cols, k < depth, where
// a(i, k) = a[i * a_row + k * a_col] (so a can be read transposed) and b's
// rows are ldb apart: blocks of 4 rows x 2 packets of columns, 8 accumulators.
// Why, in wasm only: V8 spills Eigen's GEBP micro-kernel (8 accumulators, 2
// lhs packets, 4 broadcast rhs and a temporary: all 15 of the vector
// registers it allocates on x64; `perf` of V8's code shows the reloads from
// the stack among the kernel's hottest instructions), where GCC keeps them in
// registers. These blocks need 11. Each sum runs k ascending from zero with no
// fused multiply-add; Eigen's kernels split some sums over two sets of
// accumulators, so the values agree with Eigen's to rounding, not bit for bit
// (tests/native/test_kernels.cpp; TF.js sums in its own order too).
constexpr int kBlockedMaxDepth = 256;  // deeper products keep Eigen's cache-blocked GEMM

template <class T>
void blocked_product(T* __restrict out, Eigen::Index ldo, const T* __restrict a, Eigen::Index a_row,
                     Eigen::Index a_col, const T* __restrict b, Eigen::Index ldb, Eigen::Index rows,
                     Eigen::Index depth, Eigen::Index cols) {
  using namespace Eigen::internal;
  using Packet = narrow_detail::Packet<T>;
  constexpr int P = narrow_detail::kLanes<T>;
  const auto av = [&](Eigen::Index i, Eigen::Index k) { return a[i * a_row + k * a_col]; };
  // Rows r0 .. r0 + R - 1 by NP packets of columns from c0.
  const auto block = [&](auto rows_in_block, auto packets, Eigen::Index r0, Eigen::Index c0) {
    constexpr int R = decltype(rows_in_block)::value, NP = decltype(packets)::value;
    Packet acc[R][NP];
    for (int i = 0; i < R; ++i)
      for (int p = 0; p < NP; ++p) acc[i][p] = pset1<Packet>(T(0));
    for (Eigen::Index k = 0; k < depth; ++k) {
      Packet bk[NP];
      for (int p = 0; p < NP; ++p) bk[p] = ploadu<Packet>(b + k * ldb + c0 + p * P);
      for (int i = 0; i < R; ++i) {
        const Packet ai = pset1<Packet>(av(r0 + i, k));
        for (int p = 0; p < NP; ++p) acc[i][p] = padd(acc[i][p], pmul(ai, bk[p]));
      }
    }
    for (int i = 0; i < R; ++i)
      for (int p = 0; p < NP; ++p) pstoreu(out + (r0 + i) * ldo + c0 + p * P, acc[i][p]);
  };
  using std::integral_constant;
  Eigen::Index c0 = 0;
  for (; c0 + 2 * P <= cols; c0 += 2 * P) {
    Eigen::Index r0 = 0;
    for (; r0 + 4 <= rows; r0 += 4) block(integral_constant<int, 4>{}, integral_constant<int, 2>{}, r0, c0);
    for (; r0 < rows; ++r0) block(integral_constant<int, 1>{}, integral_constant<int, 2>{}, r0, c0);
  }
  for (; c0 + P <= cols; c0 += P) {
    Eigen::Index r0 = 0;
    for (; r0 + 4 <= rows; r0 += 4) block(integral_constant<int, 4>{}, integral_constant<int, 1>{}, r0, c0);
    for (; r0 < rows; ++r0) block(integral_constant<int, 1>{}, integral_constant<int, 1>{}, r0, c0);
  }
  for (; c0 < cols; ++c0)
    for (Eigen::Index r = 0; r < rows; ++r) {
      T sum = T(0);
      for (Eigen::Index k = 0; k < depth; ++k) sum += av(r, k) * b[k * ldb + c0];
      out[r * ldo + c0] = sum;
    }
}

// The wasm build uses blocked_product for the products Eigen's GEMM would do
// (see there); everywhere else Eigen's GEMM.
#if defined(__wasm_simd128__)
constexpr bool kBlockedProducts = true;
#else
constexpr bool kBlockedProducts = false;
#endif

// dst[c * dst_stride + r] = src[r * cols + c] for r < rows, c < cols: a
// row-major [rows, cols] block written column by column (neuron-major). 4x4
// blocks go through packet transposes where the packets have 4 lanes, the
// edges value by value. Used for the narrow backward pass's copy of W, the
// wasm input gradient's W^T and every neuron's activation over a grid.
template <class T>
void transpose_into(T* __restrict dst, Eigen::Index dst_stride, const T* __restrict src, Eigen::Index rows,
                    Eigen::Index cols) {
  using namespace Eigen::internal;
  using Packet = narrow_detail::Packet<T>;
  constexpr int P = narrow_detail::kLanes<T>;
  if (cols == 1) {
    // One column is a plain copy: by packets (a loop of values would become
    // memcpy, a call out of wasm: packet_tail.hpp). One-unit layers.
    Eigen::Index r = 0;
    for (; r + P <= rows; r += P) pstoreu(dst + r, ploadu<Packet>(src + r));
    if (r < rows) pstore_first(dst + r, pload_first<Packet>(src + r, rows - r), rows - r);
    return;
  }
  Eigen::Index r0 = 0;
  if constexpr (P == 4) {
    if (cols >= 4) {
      for (; r0 + 4 <= rows; r0 += 4) {
        Eigen::Index c0 = 0;
        for (; c0 + 4 <= cols; c0 += 4) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wignored-attributes"  // __m128's alignment attribute, as in Eigen's own PacketBlock uses
          PacketBlock<Packet, 4> block;
#pragma GCC diagnostic pop
          for (int i = 0; i < 4; ++i) block.packet[i] = ploadu<Packet>(src + (r0 + i) * cols + c0);
          ptranspose(block);
          for (int i = 0; i < 4; ++i) pstoreu(dst + (c0 + i) * dst_stride + r0, block.packet[i]);
        }
        for (; c0 < cols; ++c0)
          for (Eigen::Index r = r0; r < r0 + 4; ++r) dst[c0 * dst_stride + r] = src[r * cols + c0];
      }
    }
  }
  for (Eigen::Index r = r0; r < rows; ++r)
    for (Eigen::Index c = 0; c < cols; ++c) dst[c * dst_stride + r] = src[r * cols + c];
}

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
  if (kBlockedProducts && in <= kBlockedMaxDepth) {
    blocked_product(z, Eigen::Index(units), x, ldx, Eigen::Index(1), W, Eigen::Index(units), n, in, units);
  } else {
    Eigen::Map<const Matrix<T>, 0, Eigen::OuterStride<>> X(x, n, in, Eigen::OuterStride<>(ldx));
    Z.noalias() = X * Eigen::Map<const Matrix<T>>(W, in, units);
  }
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
  if (kBlockedProducts && n <= kBlockedMaxDepth) {
    blocked_product(dW, Eigen::Index(units), x, Eigen::Index(1), ldx, dz, Eigen::Index(units), in, n, units);
  } else {
    Eigen::Map<const Matrix<T>, 0, Eigen::OuterStride<>> X(x, n, in, Eigen::OuterStride<>(ldx));
    Eigen::Map<Matrix<T>>(dW, in, units).noalias() = X.transpose() * DZ;
  }
  if (db) Eigen::Map<RowVector<T>>(db, units).noalias() = DZ.colwise().sum();
}

// How many values of scratch dense_backward_input needs for a layer of in
// inputs and `units` (0: none): the wasm build's blocked product reads W^T.
inline Eigen::Index dense_backward_input_scratch(int in, int units) {
  const bool blocked = kBlockedProducts && int64_t(in) * units > kSmallKernel && units <= kBlockedMaxDepth;
  return blocked ? Eigen::Index(in) * units : 0;
}

// dx[n, in] = dz[n, units] W^T. scratch: dense_backward_input_scratch(in, units)
// values, owned by the caller (the layer), so that nothing is allocated here.
template <class T>
void dense_backward_input(T* __restrict dx, const T* __restrict dz, const T* __restrict W, int n, int in, int units,
                          T* __restrict scratch) {
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
  if (dense_backward_input_scratch(in, units) > 0) {
    // dx = dz W^T through a row-major copy of W^T [units, in] in scratch.
    transpose_into(scratch, Eigen::Index(in), W, Eigen::Index(in), Eigen::Index(units));
    blocked_product(dx, Eigen::Index(in), dz, Eigen::Index(units), Eigen::Index(1), scratch, Eigen::Index(in),
                    Eigen::Index(n), Eigen::Index(units), Eigen::Index(in));
    return;
  }
  Eigen::Map<Matrix<T>>(dx, n, in).noalias() =
      Eigen::Map<const Matrix<T>>(dz, n, units) * Eigen::Map<const Matrix<T>>(W, in, units).transpose();
}

// ---- narrow layers: units a compile-time constant ------------------------------------
// For units <= kNarrowMaxUnits (the playground's layers) one row's U sums stay
// in registers, as U / P packets of P lanes plus U % P scalars: U is a template
// argument, so the loops over units unroll and nothing is set up per call. The
// backward pass makes one pass over the batch for the weight, bias and input
// gradients. Every value is computed with the same operations in the same
// order as the loops above (products added one by one, k or r ascending; no
// fused multiply-add), so the results do not depend on the packet size.
constexpr int kNarrowMaxUnits = 16;

// z[n, U] = x[n, in] W[in, U] + b[U] (b may be null). x rows are ldx apart.
template <int U, class T>
void narrow_forward(T* __restrict z, const T* __restrict x, Eigen::Index ldx, const T* __restrict W,
                    const T* __restrict b, int n, int in) {
  using namespace Eigen::internal;
  using Packet = narrow_detail::Packet<T>;
  constexpr int P = narrow_detail::kLanes<T>, NP = U / P, R = U % P;
  Packet bias[NP > 0 ? NP : 1];
  T bias_rest[R > 0 ? R : 1];
  for (int p = 0; p < NP; ++p) bias[p] = b ? ploadu<Packet>(b + p * P) : pset1<Packet>(T(0));
  for (int j = 0; j < R; ++j) bias_rest[j] = b ? b[NP * P + j] : T(0);
  for (int r = 0; r < n; ++r) {
    const T* xr = x + r * ldx;
    Packet sum[NP > 0 ? NP : 1];
    T rest[R > 0 ? R : 1];
    for (int p = 0; p < NP; ++p) sum[p] = bias[p];
    for (int j = 0; j < R; ++j) rest[j] = bias_rest[j];
    for (int k = 0; k < in; ++k) {
      const T* wk = W + Eigen::Index(k) * U;
      const Packet xv = pset1<Packet>(xr[k]);
      for (int p = 0; p < NP; ++p) sum[p] = padd(sum[p], pmul(xv, ploadu<Packet>(wk + p * P)));
      for (int j = 0; j < R; ++j) rest[j] += xr[k] * wk[NP * P + j];
    }
    T* zr = z + Eigen::Index(r) * U;
    for (int p = 0; p < NP; ++p) pstoreu(zr + p * P, sum[p]);
    for (int j = 0; j < R; ++j) zr[NP * P + j] = rest[j];
  }
}

// Wt [U, stride] = W^T, each row padded to `stride` (a multiple of the packet
// size, >= in) with zeros that the layer writes once: the narrow backward
// pass's copy of the kernel.
template <class T>
Eigen::Index narrow_transposed_stride(int in) {
  constexpr int P = narrow_detail::kLanes<T>;
  return (Eigen::Index(in) + P - 1) / P * P;
}

// The backward pass of a narrow layer, in two orders with the same arithmetic.
// From dz[n, U]: dW[in, U] = x^T dz, db[U] = column sums of dz (db may be null)
// and dx[n, in] = dz W^T (dx may be null); n >= 1 (narrow_backward below
// zeroes dW and db for n = 0).
// Wt: U * narrow_transposed_stride(in) values, zero-padded (see above); dx's
// row r is the sum over u of dz[r, u] times row u of Wt, P inputs at a time.
// Every sum starts from zero and adds its products one by one, rows (r) or
// units (u) ascending, so both orders give the plain loops' values bit for bit.
//
// By rows: one pass over the batch, four rows at a time, their dz packets
// held in registers while dW is updated (one load and store of dW per four
// rows). Fewest loads and stores; needs up to 15 live packets.
template <int U, class T>
void narrow_backward_rows(T* __restrict dW, T* __restrict db, T* __restrict dx, T* __restrict Wt, const T* __restrict x,
                          Eigen::Index ldx, const T* __restrict dz, const T* __restrict W, int n, int in) {
  using namespace Eigen::internal;
  using Packet = narrow_detail::Packet<T>;
  constexpr int P = narrow_detail::kLanes<T>, NP = U / P, R = U % P;
  const Eigen::Index stride = narrow_transposed_stride<T>(in);
  if (dx) transpose_into(Wt, stride, W, in, U);
  Packet bias_sum[NP > 0 ? NP : 1];
  T bias_rest[R > 0 ? R : 1];
  for (int p = 0; p < NP; ++p) bias_sum[p] = pset1<Packet>(T(0));
  for (int j = 0; j < R; ++j) bias_rest[j] = T(0);

  // Rows r0 .. r0 + B - 1; `first`: dW starts from zero instead of its old value.
  const auto rows = [&](auto rows_in_block, int r0, bool first) {
    constexpr int B = decltype(rows_in_block)::value;
    Packet d[B][NP > 0 ? NP : 1];
    const T* dzr[B];
    const T* xr[B];
    for (int i = 0; i < B; ++i) {
      dzr[i] = dz + Eigen::Index(r0 + i) * U;
      xr[i] = x + (r0 + i) * ldx;
      for (int p = 0; p < NP; ++p) {
        d[i][p] = ploadu<Packet>(dzr[i] + p * P);
        bias_sum[p] = padd(bias_sum[p], d[i][p]);
      }
      for (int j = 0; j < R; ++j) bias_rest[j] += dzr[i][NP * P + j];
    }
    for (int k = 0; k < in; ++k) {
      T* dwk = dW + Eigen::Index(k) * U;
      for (int p = 0; p < NP; ++p) {
        Packet sum = first ? pset1<Packet>(T(0)) : ploadu<Packet>(dwk + p * P);
        for (int i = 0; i < B; ++i) sum = padd(sum, pmul(pset1<Packet>(xr[i][k]), d[i][p]));
        pstoreu(dwk + p * P, sum);
      }
      for (int j = 0; j < R; ++j) {
        T sum = first ? T(0) : dwk[NP * P + j];
        for (int i = 0; i < B; ++i) sum += xr[i][k] * dzr[i][NP * P + j];
        dwk[NP * P + j] = sum;
      }
    }
    if (!dx) return;
    for (int i = 0; i < B; ++i) {
      Packet du[U];
      for (int u = 0; u < U; ++u) du[u] = pset1<Packet>(dzr[i][u]);
      T* dxr = dx + Eigen::Index(r0 + i) * in;
      for (Eigen::Index k = 0; k < stride; k += P) {
        Packet sum = pset1<Packet>(T(0));  // from +0, as the plain loop: -0 products sum to +0
        for (int u = 0; u < U; ++u) sum = padd(sum, pmul(du[u], ploadu<Packet>(Wt + u * stride + k)));
        if (k + P <= in)
          pstoreu(dxr + k, sum);
        else
          pstore_first(dxr + k, sum, in - k);
      }
    }
  };
  int r0 = 0;
  for (; r0 + 4 <= n; r0 += 4) rows(std::integral_constant<int, 4>{}, r0, r0 == 0);
  for (; r0 < n; ++r0) rows(std::integral_constant<int, 1>{}, r0, r0 == 0);
  if (db) {
    for (int p = 0; p < NP; ++p) pstoreu(db + p * P, bias_sum[p]);
    for (int j = 0; j < R; ++j) db[NP * P + j] = bias_rest[j];
  }
}

// By columns: three short passes (dW one input k at a time down a chunk of
// rows, then db, then dx row by row), each with a handful of live values (at
// most U / P + 3 packets) and reloading dz from L1 instead.
template <int U, class T>
void narrow_backward_columns(T* __restrict dW, T* __restrict db, T* __restrict dx, T* __restrict Wt,
                             const T* __restrict x, Eigen::Index ldx, const T* __restrict dz, const T* __restrict W, int n, int in) {
  using namespace Eigen::internal;
  using Packet = narrow_detail::Packet<T>;
  constexpr int P = narrow_detail::kLanes<T>, NP = U / P, R = U % P;
  const Eigen::Index stride = narrow_transposed_stride<T>(in);
  // dW row k = sum over rows r (ascending, from zero) of x[r, k] dz[r, :], in
  // chunks of kRows rows so that the chunk's x (read down its columns) stays
  // in L1 for wide inputs and large batches; each later chunk continues the
  // sums from dW.
  constexpr int kRows = 32;
  for (int r0 = 0; r0 < n; r0 += kRows) {
    const int r1 = std::min(n, r0 + kRows);
    for (int k = 0; k < in; ++k) {
      T* dwk = dW + Eigen::Index(k) * U;
      Packet sum[NP > 0 ? NP : 1];
      T rest[R > 0 ? R : 1];
      for (int p = 0; p < NP; ++p) sum[p] = r0 == 0 ? pset1<Packet>(T(0)) : ploadu<Packet>(dwk + p * P);
      for (int j = 0; j < R; ++j) rest[j] = r0 == 0 ? T(0) : dwk[NP * P + j];
      for (int r = r0; r < r1; ++r) {
        const T xv = x[r * ldx + k];
        const T* dzr = dz + Eigen::Index(r) * U;
        const Packet xp = pset1<Packet>(xv);
        for (int p = 0; p < NP; ++p) sum[p] = padd(sum[p], pmul(xp, ploadu<Packet>(dzr + p * P)));
        for (int j = 0; j < R; ++j) rest[j] += xv * dzr[NP * P + j];
      }
      for (int p = 0; p < NP; ++p) pstoreu(dwk + p * P, sum[p]);
      for (int j = 0; j < R; ++j) dwk[NP * P + j] = rest[j];
    }
  }
  if (db) {
    Packet sum[NP > 0 ? NP : 1];
    T rest[R > 0 ? R : 1];
    for (int p = 0; p < NP; ++p) sum[p] = pset1<Packet>(T(0));
    for (int j = 0; j < R; ++j) rest[j] = T(0);
    for (int r = 0; r < n; ++r) {
      const T* dzr = dz + Eigen::Index(r) * U;
      for (int p = 0; p < NP; ++p) sum[p] = padd(sum[p], ploadu<Packet>(dzr + p * P));
      for (int j = 0; j < R; ++j) rest[j] += dzr[NP * P + j];
    }
    for (int p = 0; p < NP; ++p) pstoreu(db + p * P, sum[p]);
    for (int j = 0; j < R; ++j) db[NP * P + j] = rest[j];
  }
  if (!dx) return;
  transpose_into(Wt, stride, W, in, U);
  for (int r = 0; r < n; ++r) {
    const T* dzr = dz + Eigen::Index(r) * U;
    T* dxr = dx + Eigen::Index(r) * in;
    for (Eigen::Index k = 0; k < stride; k += P) {
      Packet sum = pset1<Packet>(T(0));  // from +0, as the plain loop: -0 products sum to +0
      for (int u = 0; u < U; ++u) sum = padd(sum, pmul(pset1<Packet>(dzr[u]), ploadu<Packet>(Wt + u * stride + k)));
      if (k + P <= in)
        pstoreu(dxr + k, sum);
      else
        pstore_first(dxr + k, sum, in - k);
    }
  }
}

// Which order: by rows natively, where GCC keeps the row blocks in registers.
// In wasm, V8's register allocator spills them (`perf` of V8's code for
// narrow_backward<8>: a third of its instructions addressed the stack frame),
// and by columns is faster for two or more units and inputs up to
// kColumnsMaxIn: measured kernel by kernel in one process (n = 10), 0.71-0.79x
// the time for 2-8 units. One unit keeps the rows (1.15x by columns over 8
// inputs, W2's last layer, though 0.79x over 2), and so do wide inputs over
// large batches, where the column walks leave L1.
#if defined(__wasm_simd128__)
constexpr bool kColumnsBackward = true;
#else
constexpr bool kColumnsBackward = false;
#endif
constexpr int kColumnsMaxIn = 16;

template <int U, class T>
void narrow_backward(T* __restrict dW, T* __restrict db, T* __restrict dx, T* __restrict Wt, const T* __restrict x,
                     Eigen::Index ldx, const T* __restrict dz, const T* __restrict W, int n, int in) {
  if (n < 1) {
    std::fill(dW, dW + Eigen::Index(in) * U, T(0));
    if (db) std::fill(db, db + U, T(0));
    return;
  }
  if (kColumnsBackward && U >= 2 && in <= kColumnsMaxIn)
    narrow_backward_columns<U, T>(dW, db, dx, Wt, x, ldx, dz, W, n, in);
  else
    narrow_backward_rows<U, T>(dW, db, dx, Wt, x, ldx, dz, W, n, in);
}

// ---- inference over many rows, neuron-major (the boundary grid) ----------------------
// out[u * ldo + r] = g(b[u] + sum_k x[k * ldx + r] W[k, u]) for r < n: the layer on
// feature-major rows, P rows per packet. Each unit's values over the rows
// are one contiguous row, so every neuron's map over a grid is written where
// the caller wants it (no transposition), and g runs on whole packets for any
// width, one unit included. Unit by unit and kBlock rows at a time: z into a
// block on the stack (unit u's IN weights splatted once, in registers; IN,
// the input width, is a template argument), then g from there into the row.
// Two passes rather than g applied to each z as it is made: each packet's z
// is a chain of IN dependent adds and g's polynomials and divide another, and
// only the short independent iterations of separate passes let the processor
// overlap enough of them (measured: fused, G was 1.7x slower natively). The
// arithmetic is narrow_forward's (the bias, then the products added k
// ascending, no fused multiply-add), so with g = activation_forward_flat
// every value equals the row-major path's bit for bit.
// G: g(const T* z, T* a, Eigen::Index count).
template <int IN, class T, class G>
void neuron_major_forward(T* __restrict out, Eigen::Index ldo, const T* __restrict x, Eigen::Index ldx,
                          const T* __restrict W, const T* __restrict b, Eigen::Index n, int units, const G& g) {
  using namespace Eigen::internal;
  using Packet = narrow_detail::Packet<T>;
  constexpr int P = narrow_detail::kLanes<T>;
  constexpr Eigen::Index kBlock = 256;
  alignas(64) T z[kBlock];
  for (int u = 0; u < units; ++u) {
    Packet w[IN];
    for (int k = 0; k < IN; ++k) w[k] = pset1<Packet>(W[Eigen::Index(k) * units + u]);
    const Packet bias = pset1<Packet>(b ? b[u] : T(0));
    for (Eigen::Index r0 = 0; r0 < n; r0 += kBlock) {
      const Eigen::Index rows = std::min(kBlock, n - r0), full = rows / P * P;
      const T* const xr = x + r0;
      for (Eigen::Index r = 0; r < full; r += P) {
        Packet zp = bias;
        for (int k = 0; k < IN; ++k) zp = padd(zp, pmul(ploadu<Packet>(xr + k * ldx + r), w[k]));
        pstore(z + r, zp);
      }
      if (full < rows) {  // the last rows % P rows, through a zero-padded packet
        Packet zp = bias;
        for (int k = 0; k < IN; ++k) zp = padd(zp, pmul(pload_first<Packet>(xr + k * ldx + full, rows - full), w[k]));
        pstore_first(z + full, zp, rows - full);
      }
      g(static_cast<const T*>(z), out + u * ldo + r0, rows);
    }
  }
}

// The narrow kernels for a layer of `units`, chosen once when the layer is
// bound; null when the layer is too wide (then dense_forward and friends).
template <class T>
struct NarrowKernels {
  void (*forward)(T*, const T*, Eigen::Index, const T*, const T*, int, int) = nullptr;
  void (*backward)(T*, T*, T*, T*, const T*, Eigen::Index, const T*, const T*, int, int) = nullptr;
};

template <class T, int... U>
NarrowKernels<T> narrow_kernels_for(int units, std::integer_sequence<int, U...>) {
  NarrowKernels<T> kernels;
  ((units == U + 1 ? (kernels.forward = &narrow_forward<U + 1, T>, kernels.backward = &narrow_backward<U + 1, T>) : nullptr),
   ...);
  return kernels;
}

template <class T>
NarrowKernels<T> narrow_kernels(int in, int units) {
  if (units > kNarrowMaxUnits || int64_t(in) * units > kSmallKernel) return {};
  return narrow_kernels_for<T>(units, std::make_integer_sequence<int, kNarrowMaxUnits>{});
}

}  // namespace nnplay
