// libFuzzer target: the CSV reader (engine/src/csv.cpp). Byte 0 picks the
// problem and the row cap, the rest is the text. A rejected file must be a
// std::invalid_argument; an accepted one must have sane shapes and labels and
// round-trip through to_csv bit for bit.
#include <cstring>
#include <stdexcept>
#include <string>

#include "fuzz_support.hpp"
#include "nnplay/data.hpp"
#include "nnplay/limits.hpp"

using namespace nnplay;
using nnplay::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  CsvOptions options;
  options.problem = (data[0] & 1) ? Problem::Regression : Problem::Classification;
  if (data[0] & 2) options.max_rows = 1 + (data[0] >> 2);  // 1..64, so the cap is reached too
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);

  Dataset d;
  try {
    d = parse_csv(text, options);
  } catch (const std::invalid_argument&) {
    return 0;
  }
  const Eigen::Index n = d.x.rows();
  require(n >= 1 && n <= options.max_rows, "row count within 1..max_rows");
  require(d.x.cols() == 2 && d.y.rows() == n && d.y.cols() == 1, "shapes x [n, 2], y [n, 1]");
  require(d.x.allFinite() && d.y.allFinite(), "finite values");
  require(d.problem == options.problem, "problem kept");
  if (options.problem == Problem::Classification) {
    require(d.classes >= 2 && d.classes <= 1000, "2..1000 classes");
    for (Eigen::Index i = 0; i < n; ++i)
      require(d.y(i, 0) >= 0 && d.y(i, 0) < float(d.classes) && d.y(i, 0) == float(int(d.y(i, 0))),
              "labels are class indices");
  } else {
    require(d.classes == 0, "regression has no classes");
  }

  CsvOptions again = options;
  again.max_rows = int(limits::kMaxCsvRows);
  const Dataset back = parse_csv(to_csv(d), again);
  require(back.x.rows() == n && back.classes == d.classes, "round trip keeps rows and classes");
  require(std::memcmp(back.x.data(), d.x.data(), sizeof(float) * size_t(d.x.size())) == 0 &&
              std::memcmp(back.y.data(), d.y.data(), sizeof(float) * size_t(d.y.size())) == 0,
          "round trip is bit-exact");
  return 0;
}
