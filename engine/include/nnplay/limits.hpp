// Every size limit on what the engine accepts from outside, in one place, and
// the checked 64-bit size arithmetic that enforces them. The limits keep any
// request inside a wasm32 heap (4 GiB address space, and a heap that never
// shrinks once grown): a hostile model file or grid request is refused with a
// clear message before anything is allocated. The JS API exports them as
// nn.limits and the README lists them.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>

namespace nnplay {
namespace limits {

constexpr int64_t kMaxRows = 1000000;        // samples in one data set, batch or prediction call
constexpr int64_t kMaxFeatures = 4096;       // a model's input width
constexpr int64_t kMaxUnits = 65536;         // units of one layer
constexpr int64_t kMaxLayers = 256;          // layers of one model
constexpr int64_t kMaxParameters = 1 << 20;  // trainable parameters of one model (1,048,576)
constexpr int64_t kMaxElements = 1 << 26;    // floats in any one buffer (67,108,864 = 256 MiB)
constexpr int64_t kMaxGridRes = 2048;        // cells per side of a boundary grid
constexpr int64_t kMaxDatasetPoints = 100000;  // points a generator makes
constexpr int64_t kMaxCsvRows = 100000;      // data rows of one CSV file
constexpr int64_t kMaxCsvLineBytes = 4096;   // characters in one CSV line
constexpr int64_t kMaxCsvBytes = 64 << 20;   // characters of one CSV file (64 MiB)
constexpr int64_t kMaxJsonBytes = 64 << 20;  // characters of one model JSON (64 MiB)

}  // namespace limits

// a * b in 64 bits, refused (std::invalid_argument naming `what`) when the
// product or an operand is negative or the product exceeds `cap`.
inline int64_t checked_product(int64_t a, int64_t b, int64_t cap, const std::string& what) {
  if (a < 0 || b < 0) throw std::invalid_argument(what + ": negative size");
  if (a != 0 && b > cap / a)
    throw std::invalid_argument(what + ": " + std::to_string(a) + " x " + std::to_string(b) +
                                " values exceed the limit of " + std::to_string(cap));
  return a * b;
}

}  // namespace nnplay
