// Matrix types shared by the whole engine.
// Layout, stated once: rows = samples (batch-major), row-major storage, so a
// [rows, cols] Float32Array from JavaScript maps onto a Matrix without copying.
// A Dense kernel is [in, units] (Keras layout), a bias is [units].
#pragma once
#include <Eigen/Core>

namespace nnplay {

template <class T>
using Matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <class T>
using Vector = Eigen::Matrix<T, Eigen::Dynamic, 1>;
template <class T>
using RowVector = Eigen::Matrix<T, 1, Eigen::Dynamic>;

// Views into a matrix (a whole matrix, or its top rows for a short last batch).
template <class T>
using MatrixRef = Eigen::Ref<Matrix<T>>;
template <class T>
using ConstMatrixRef = Eigen::Ref<const Matrix<T>>;

using MatrixF = Matrix<float>;
using VectorF = Vector<float>;

}  // namespace nnplay
