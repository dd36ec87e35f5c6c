// The CSV reader and writer for user data: rows of x1,x2,label with an optional
// header. Every reader error names the line (and column) so a user can fix the file.
#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "nnplay/data.hpp"
#include "nnplay/limits.hpp"
#include "nnplay/names.hpp"

namespace nnplay {
namespace {

constexpr int kMaxClassLabel = 999;  // a label above this is far more likely a wrong column

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// A cell as spreadsheets may write it: surrounding spaces, and optionally one
// pair of double quotes around the value ("1.5").
std::string_view cell_value(std::string_view cell) {
  cell = trim(cell);
  if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') cell = trim(cell.substr(1, cell.size() - 2));
  return cell;
}

// The first three cells of a line (fewer if the line has fewer) and how many
// cells it has in all. Nothing is allocated, so a line of a million commas costs
// one pass over it, not a million cells.
struct Cells {
  std::string_view first[3];
  size_t count = 0;
};

Cells split_cells(std::string_view line) {
  Cells cells;
  while (true) {
    const size_t comma = line.find(',');
    if (cells.count < 3) cells.first[cells.count] = cell_value(line.substr(0, comma));
    ++cells.count;
    if (comma == std::string_view::npos) return cells;
    line.remove_prefix(comma + 1);
  }
}

enum class Parsed { Ok, NotANumber, NotFinite, TooLarge };

// "nan", "-inf", "Infinity": named in their own message.
bool is_non_finite_word(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  std::string lower;
  for (char c : s.substr(0, 9)) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s.size() <= 8 && (lower == "nan" || lower == "inf" || lower == "infinity");
}

// The whole cell must be a decimal number (is_decimal_number: strtod alone would
// also take hex "0x10" = 16, "infinity" and "nan(...)"). strtod (in the "C" locale, which
// nothing here changes) needs a terminated string, hence the copy; a cell is at
// most one line, which is capped at limits::kMaxCsvLineBytes.
Parsed parse_number(std::string_view cell, double& value) {
  if (!is_decimal_number(cell)) return is_non_finite_word(cell) ? Parsed::NotFinite : Parsed::NotANumber;
  const std::string text(cell);
  errno = 0;
  value = std::strtod(text.c_str(), nullptr);
  if (std::isinf(value)) return Parsed::TooLarge;
  // FLT_MAX printed with 9 digits reads back slightly above FLT_MAX, yet rounds to
  // it; only from FLT_MAX + half an ulp (2^103) on does the float overflow to Inf.
  static const double kFloatOverflow = static_cast<double>(FLT_MAX) + std::ldexp(1.0, 103);
  if (std::fabs(value) >= kFloatOverflow) return Parsed::TooLarge;
  return Parsed::Ok;
}

// A header names the three columns: exactly three cells, none empty and none a
// number (quoted or not). Anything else on the first line is data, so a
// semicolon-separated or quoted numeric line is reported, not silently dropped.
bool is_header(const Cells& cells) {
  if (cells.count != 3) return false;
  double ignored = 0;
  for (std::string_view cell : cells.first)
    if (cell.empty() || parse_number(cell, ignored) != Parsed::NotANumber) return false;
  return true;
}

// Quotes a cell for a message, cut short so a runaway cell cannot flood it.
std::string quoted(std::string_view cell) {
  constexpr size_t kMax = 40;
  if (cell.size() <= kMax) return "\"" + std::string(cell) + "\"";
  return "\"" + std::string(cell.substr(0, kMax)) + "...\"";
}

[[noreturn]] void fail_cell(int line, int column, const std::string& what) {
  throw std::invalid_argument("CSV line " + std::to_string(line) + ", column " +
                              std::to_string(column) + ": " + what);
}

}  // namespace

Dataset parse_csv(const std::string& text_in, const CsvOptions& options) {
  if (options.max_rows < 1 || options.max_rows > limits::kMaxCsvRows)
    throw std::invalid_argument("parse_csv: options.max_rows must be in 1.." + std::to_string(limits::kMaxCsvRows) +
                                ", got " + std::to_string(options.max_rows));
  if (int64_t(text_in.size()) > limits::kMaxCsvBytes)
    throw std::invalid_argument("CSV input has " + std::to_string(text_in.size()) + " bytes; the limit is " +
                                std::to_string(limits::kMaxCsvBytes));
  const bool classification = options.problem == Problem::Classification;

  std::string_view text(text_in);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // spreadsheets' UTF-8 BOM

  std::vector<float> values;  // x1, x2, label per row
  int line_no = 0;
  int rows = 0;
  bool seen_content = false;
  bool has_header = false;
  double max_label = -1;

  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (int64_t(line.size()) > limits::kMaxCsvLineBytes)
      throw std::invalid_argument("CSV line " + std::to_string(line_no) + " has " + std::to_string(line.size()) +
                                  " characters; the limit is " + std::to_string(limits::kMaxCsvLineBytes) +
                                  " (expected short lines of x1,x2,label)");
    if (trim(line).empty()) continue;

    const Cells cells = split_cells(line);
    if (!seen_content) {
      seen_content = true;
      if (is_header(cells)) {  // only the first line may be a header
        has_header = true;
        continue;
      }
    }

    if (cells.count != 3) {
      std::string message = "CSV line " + std::to_string(line_no) +
                            ": expected 3 cells (x1,x2,label), found " + std::to_string(cells.count);
      if (cells.count == 1 && (line.find(';') != std::string_view::npos || line.find('\t') != std::string_view::npos))
        message += " (cells must be separated by commas)";
      throw std::invalid_argument(message);
    }
    if (rows == options.max_rows)
      throw std::invalid_argument("CSV has more than " + std::to_string(options.max_rows) +
                                  " data rows (limit " + std::to_string(options.max_rows) + ")");

    for (int c = 0; c < 3; ++c) {
      const int column = c + 1;
      const std::string_view cell = cells.first[c];
      double value = 0;
      switch (parse_number(cell, value)) {
        case Parsed::Ok:
          break;
        case Parsed::NotANumber:
          fail_cell(line_no, column, cell.empty() ? std::string("empty cell, expected a number")
                                                  : quoted(cell) + " is not a number");
        case Parsed::NotFinite:
          fail_cell(line_no, column, quoted(cell) + " is not a finite number (NaN and Inf are not allowed)");
        case Parsed::TooLarge:
          fail_cell(line_no, column, quoted(cell) + " is too large for a 32-bit float (limit about 3.4e38)");
      }
      if (c == 2 && classification) {
        if (!(value >= 0 && value <= kMaxClassLabel && value == std::floor(value)))
          fail_cell(line_no, column, "class label " + quoted(cell) + " must be a whole number from 0 to " +
                                         std::to_string(kMaxClassLabel));
        if (value > max_label) max_label = value;
      }
      values.push_back(static_cast<float>(value));
    }
    ++rows;
  }

  if (!seen_content) throw std::invalid_argument("CSV input is empty: expected lines of x1,x2,label");
  if (rows == 0)
    throw std::invalid_argument(has_header ? "CSV has a header line but no data rows"
                                           : "CSV has no data rows");
  if (classification && max_label < 1)
    throw std::invalid_argument(
        "CSV needs at least 2 classes (labels 0 and 1) for classification, but every label is 0");

  Dataset data;
  data.problem = options.problem;
  data.classes = classification ? static_cast<int>(max_label) + 1 : 0;
  data.x.resize(rows, 2);
  data.y.resize(rows, 1);
  for (int i = 0; i < rows; ++i) {
    data.x(i, 0) = values[3 * static_cast<size_t>(i)];
    data.x(i, 1) = values[3 * static_cast<size_t>(i) + 1];
    data.y(i, 0) = values[3 * static_cast<size_t>(i) + 2];
  }
  return data;
}

std::string to_csv(const Dataset& data) {
  if (data.x.cols() != 2 || data.y.cols() != 1 || data.y.rows() != data.x.rows())
    throw std::invalid_argument("to_csv: data must have x [n, 2] and y [n, 1], got x [" +
                                std::to_string(data.x.rows()) + ", " + std::to_string(data.x.cols()) +
                                "] and y [" + std::to_string(data.y.rows()) + ", " +
                                std::to_string(data.y.cols()) + "]");
  // A NaN would be written as "nan", which parse_csv rightly refuses.
  check_finite(data.x, "to_csv: data.x");
  check_finite(data.y, "to_csv: data.y");

  std::string out = "x1,x2,label\n";
  out.reserve(out.size() + static_cast<size_t>(data.x.rows()) * 40);
  char buf[96];
  for (Eigen::Index i = 0; i < data.x.rows(); ++i) {
    // 9 significant digits identify every float exactly, so parsing restores it.
    std::snprintf(buf, sizeof buf, "%.9g,%.9g,%.9g\n", static_cast<double>(data.x(i, 0)),
                  static_cast<double>(data.x(i, 1)), static_cast<double>(data.y(i, 0)));
    out += buf;
  }
  return out;
}

}  // namespace nnplay
