// Tests for the CSV reader and writer (engine/src/csv.cpp): accepted layouts,
// every error message with its line and column, the row cap and exact round trips.
#include <gtest/gtest.h>

#include "expect_error.hpp"

#include <cfloat>
#include <cstring>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "nnplay/data.hpp"

using namespace nnplay;

using nnplay::test_support::expect_invalid;
using nnplay::test_support::expect_error;
using nnplay::test_support::expect_logic;

namespace {

void expect_csv_error(const std::string& text, const std::string& part, Problem problem = Problem::Classification) {
  CsvOptions options;
  options.problem = problem;
  SCOPED_TRACE("input: " + text);
  expect_invalid([&] { parse_csv(text, options); }, {part});
}

CsvOptions regression() {
  CsvOptions o;
  o.problem = Problem::Regression;
  return o;
}

std::string rows_of(int n) {
  std::string text;
  for (int i = 0; i < n; ++i) text += std::to_string(i) + ",0.5," + std::to_string(i % 2) + "\n";
  return text;
}

}  // namespace

// ---- accepted input ------------------------------------------------------------

TEST(CsvParse, PlainRowsWithoutHeader) {
  const Dataset d = parse_csv("1,2,0\n-3.5,4e-1,1\n");
  ASSERT_EQ(d.x.rows(), 2);
  ASSERT_EQ(d.x.cols(), 2);
  ASSERT_EQ(d.y.cols(), 1);
  EXPECT_EQ(d.x(0, 0), 1.0f);
  EXPECT_EQ(d.x(0, 1), 2.0f);
  EXPECT_EQ(d.y(0, 0), 0.0f);
  EXPECT_EQ(d.x(1, 0), -3.5f);
  EXPECT_EQ(d.x(1, 1), 0.4f);
  EXPECT_EQ(d.y(1, 0), 1.0f);
  EXPECT_EQ(d.problem, Problem::Classification);
  EXPECT_EQ(d.classes, 2);
}

TEST(CsvParse, HeaderDetectedWhenNoCellIsANumber) {
  const Dataset d = parse_csv("x1,x2,label\n1,2,0\n3,4,1\n");
  EXPECT_EQ(d.x.rows(), 2);
  EXPECT_EQ(d.x(0, 0), 1.0f);
  EXPECT_EQ(parse_csv("a,b,class\n1,2,0\n3,4,1").x.rows(), 2);
  // A first line with some numbers is data, so its bad cell is reported.
  expect_csv_error("x1,2,0\n1,2,1\n", "CSV line 1, column 1: \"x1\" is not a number");
  // Only the first line may be a header.
  expect_csv_error("x1,x2,label\n1,2,0\nx1,x2,label\n", "CSV line 3, column 1: \"x1\" is not a number");
}

TEST(CsvParse, BlankLinesSpacesCrlfAndNoFinalNewline) {
  const std::string text = "\r\n  x1 , x2 , label \r\n\r\n 1 ,\t2, 0\r\n   \r\n3,4 ,1";
  const Dataset d = parse_csv(text);
  ASSERT_EQ(d.x.rows(), 2);
  EXPECT_EQ(d.x(0, 1), 2.0f);
  EXPECT_EQ(d.x(1, 0), 3.0f);
  EXPECT_EQ(d.x(1, 1), 4.0f);
  EXPECT_EQ(d.y(1, 0), 1.0f);
}

TEST(CsvParse, Utf8ByteOrderMarkIsSkipped) {
  EXPECT_EQ(parse_csv("\xEF\xBB\xBF" "1,2,0\n3,4,1\n").x(0, 0), 1.0f);
  EXPECT_EQ(parse_csv("\xEF\xBB\xBF" "x1,x2,label\n1,2,0\n3,4,1\n").x.rows(), 2);
}

TEST(CsvParse, ClassesIsLargestLabelPlusOne) {
  const Dataset d = parse_csv("0,0,0\n1,1,2\n2,2,0\n");
  EXPECT_EQ(d.classes, 3);  // label 1 absent, still counted
  EXPECT_EQ(parse_csv("0,0,1\n1,1,1.0\n2,2,999\n").classes, 1000);
  EXPECT_EQ(parse_csv("0,0,1e0\n0,0,0\n").y(0, 0), 1.0f);
}

TEST(CsvParse, RegressionTakesRealTargets) {
  const Dataset d = parse_csv("x1,x2,y\n1,2,-0.25\n3,4,17.5\n", regression());
  EXPECT_EQ(d.problem, Problem::Regression);
  EXPECT_EQ(d.classes, 0);
  EXPECT_EQ(d.y(0, 0), -0.25f);
  EXPECT_EQ(d.y(1, 0), 17.5f);
  // One row is enough, and all-equal targets are fine for regression.
  EXPECT_EQ(parse_csv("1,2,0\n", regression()).x.rows(), 1);
}

// ---- errors --------------------------------------------------------------------

TEST(CsvErrors, NotANumberNamesLineColumnAndCell) {
  expect_csv_error("1,2,0\n3,4,1\n5,abc,0\n", "CSV line 3, column 2: \"abc\" is not a number");
  expect_csv_error("1,2,0\n1 2,4,1\n", "CSV line 2, column 1: \"1 2\" is not a number");
  expect_csv_error("1,2,0\n0x,4,1\n", "CSV line 2, column 1: \"0x\" is not a number");
  expect_csv_error("1,2,0\n1,,1\n", "CSV line 2, column 2: empty cell, expected a number");
  expect_csv_error("1,2,0\n1,2,one\n", "CSV line 2, column 3: \"one\" is not a number", Problem::Regression);
}

TEST(CsvErrors, LineNumbersCountHeaderAndBlankLines) {
  expect_csv_error("x1,x2,label\n\n1,2,0\n\n  \n1,z,1\n", "CSV line 6, column 2: \"z\"");
  expect_csv_error("1,2,0\r\n3,4,1\r\n5,?,0\r\n", "CSV line 3, column 2: \"?\" is not a number");
}

TEST(CsvErrors, LongCellIsShortenedInTheMessage) {
  const std::string cell(500, 'q');
  CsvOptions options;
  try {
    parse_csv("1,2,0\n" + cell + ",1,1\n", options);
    ADD_FAILURE() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("CSV line 2, column 1: \"" + std::string(40, 'q') + "...\""), std::string::npos) << message;
    EXPECT_LT(message.size(), 120u);
  }
}

TEST(CsvErrors, WrongCellCount) {
  expect_csv_error("1,2,0\n1,2,1\n3,4,0\n1,2,0\n5,6,1\n7,8,0\n9,10\n", "CSV line 7: expected 3 cells (x1,x2,label), found 2");
  expect_csv_error("1,2,0\n1,2,1,\n", "CSV line 2: expected 3 cells (x1,x2,label), found 4");
  expect_csv_error("1,2,0\n5\n", "CSV line 2: expected 3 cells (x1,x2,label), found 1");
  // A semicolon-separated first line is not a header (issue 10: it was taken as one).
  expect_csv_error("x;y;label\n1;2;0\n", "CSV line 1: expected 3 cells (x1,x2,label), found 1 (cells must be separated by commas)");
}

TEST(CsvErrors, NanAndInfRejectedWithPlace) {
  expect_csv_error("1,2,0\nnan,1,1\n", "CSV line 2, column 1: \"nan\" is not a finite number");
  expect_csv_error("1,2,0\n1,-inf,1\n", "CSV line 2, column 2: \"-inf\" is not a finite number");
  expect_csv_error("1,2,0\n1,2,NaN\n", "CSV line 2, column 3: \"NaN\" is not a finite number", Problem::Regression);
  expect_csv_error("1,2,0\n1,Infinity,1\n", "CSV line 2, column 2: \"Infinity\" is not a finite number");
  expect_csv_error("1,2,0\n1e999,2,1\n", "CSV line 2, column 1: \"1e999\" is too large for a 32-bit float");
  expect_csv_error("1,2,0\n1,-4e38,1\n", "CSV line 2, column 2: \"-4e38\" is too large for a 32-bit float");
  EXPECT_EQ(parse_csv("3e38,0,0\n0,0,1\n").x(0, 0), 3e38f);
  // Just above FLT_MAX still rounds to it (to_csv writes FLT_MAX this way); from
  // FLT_MAX + half an ulp = 340282356779733661637539395458142568448 (2^128 - 2^103)
  // on it overflows; FLT_MAX + 2^103 - 2^80 (second line below) does not.
  EXPECT_EQ(parse_csv("3.40282347e+38,0,0\n0,0,1\n").x(0, 0), FLT_MAX);
  EXPECT_EQ(parse_csv("340282356779732452711719780828967862272,0,0\n0,0,1\n").x(0, 0), FLT_MAX);
  expect_csv_error("340282356779733661637539395458142568448,0,0\n", "is too large for a 32-bit float");
}

TEST(CsvErrors, ClassLabelMustBeWholeNumberBelow1000) {
  const std::string rule = "must be a whole number from 0 to 999";
  expect_csv_error("1,2,0\n1,2,1.5\n", "CSV line 2, column 3: class label \"1.5\" " + rule);
  expect_csv_error("1,2,0\n1,2,-1\n", "CSV line 2, column 3: class label \"-1\" " + rule);
  expect_csv_error("1,2,0\n1,2,1000\n", "CSV line 2, column 3: class label \"1000\" " + rule);
  // The same values are fine as regression targets.
  EXPECT_EQ(parse_csv("1,2,0\n1,2,-1.5\n1,2,1000\n", regression()).y(2, 0), 1000.0f);
}

TEST(CsvErrors, NeedsTwoClasses) {
  expect_csv_error("1,2,0\n3,4,0\n", "CSV needs at least 2 classes (labels 0 and 1) for classification, but every label is 0");
}

TEST(CsvErrors, EmptyInputAndHeaderOnly) {
  expect_csv_error("", "CSV input is empty");
  expect_csv_error("\n  \r\n\t\n", "CSV input is empty");
  expect_csv_error("x1,x2,label\n\n", "CSV has a header line but no data rows");
}

TEST(CsvErrors, RowCap) {
  CsvOptions small;
  small.max_rows = 3;
  EXPECT_EQ(parse_csv(rows_of(3), small).x.rows(), 3);
  expect_invalid([&] { parse_csv(rows_of(4), small); }, {"CSV has more than 3 data rows (limit 3)"});
  // A header and blank lines are not data rows.
  EXPECT_EQ(parse_csv("x1,x2,label\n\n" + rows_of(3) + "\n\n", small).x.rows(), 3);

  EXPECT_EQ(parse_csv(rows_of(100000)).x.rows(), 100000);
  expect_invalid([] { parse_csv(rows_of(100001)); }, {"CSV has more than 100000 data rows (limit 100000)"});

  CsvOptions none;
  none.max_rows = 0;
  expect_invalid([&] { parse_csv("1,2,0\n3,4,1\n", none); }, {"options.max_rows", "must be in 1..100000", "got 0"});
}

// ---- writing and round trips ---------------------------------------------------

TEST(CsvWrite, HeaderAndShortestExactFloats) {
  Dataset d;
  d.x.resize(2, 2);
  d.y.resize(2, 1);
  d.x << 1.5f, -2.0f,
         0.1f, 1e-3f;
  d.y << 1.0f, 0.0f;
  EXPECT_EQ(to_csv(d), "x1,x2,label\n1.5,-2,1\n0.100000001,0.00100000005,0\n");
}

TEST(CsvWrite, RejectsNonFiniteAndBadShapes) {
  Dataset d;
  d.x = MatrixF::Zero(2, 2);
  d.y = MatrixF::Zero(2, 1);
  d.y(1, 0) = std::numeric_limits<float>::quiet_NaN();
  expect_invalid([&] { to_csv(d); }, {"to_csv: data.y", "NaN", "row 1"});
  d.y = MatrixF::Zero(3, 1);
  expect_invalid([&] { to_csv(d); }, {"to_csv", "x [2, 2]", "y [3, 1]"});
}

TEST(CsvRoundTrip, EveryDatasetReproducedExactly) {
  for (const auto& name : dataset_names()) {
    SCOPED_TRACE(name);
    DatasetOptions o;
    o.count = 400;
    o.noise = 0.3;
    o.seed = 12;
    o.classes = (name == "spiral" || name == "blobs") ? 4 : 2;
    const Dataset d = make_dataset(name, o);
    CsvOptions options;
    options.problem = d.problem;
    const Dataset back = parse_csv(to_csv(d), options);
    EXPECT_EQ(back.problem, d.problem);
    EXPECT_EQ(back.classes, d.classes);
    ASSERT_EQ(back.x.rows(), d.x.rows());
    EXPECT_TRUE(back.x == d.x);
    EXPECT_TRUE(back.y == d.y);
  }
}

TEST(CsvRoundTrip, AwkwardFloatsBitExact) {
  const std::vector<float> values = {0.1f, 1.0f / 3.0f, -0.0f, FLT_MAX, -FLT_MAX, FLT_MIN,
                                     std::numeric_limits<float>::denorm_min(), 16777217.0f, 1e-7f, -123456.789f};
  Dataset d;
  d.problem = Problem::Regression;
  d.classes = 0;
  d.x.resize(static_cast<Eigen::Index>(values.size()), 2);
  d.y.resize(static_cast<Eigen::Index>(values.size()), 1);
  for (size_t i = 0; i < values.size(); ++i) {
    const auto r = static_cast<Eigen::Index>(i);
    d.x(r, 0) = values[i];
    d.x(r, 1) = -values[i];
    d.y(r, 0) = values[(i + 3) % values.size()];
  }
  const Dataset back = parse_csv(to_csv(d), regression());
  ASSERT_EQ(back.x.rows(), d.x.rows());
  for (Eigen::Index i = 0; i < d.x.rows(); ++i) {
    for (int c = 0; c < 2; ++c) {
      uint32_t a, b;
      std::memcpy(&a, &d.x(i, c), 4);
      std::memcpy(&b, &back.x(i, c), 4);
      EXPECT_EQ(a, b) << "row " << i << " column " << c << ": " << d.x(i, c);
    }
    EXPECT_EQ(back.y(i, 0), d.y(i, 0)) << "row " << i;
  }
}

// ---- issue 10: hostile and misleading input ------------------------------------

TEST(CsvLimits, LongLineRefusedBeforeSplitting) {
  // 50 MB of commas used to be split into 50 million cells (1.15 GB) before the
  // cell count was checked. The line length is checked first now; run under
  // ASan this also shows no cell vector grows with the line.
  const std::string commas(50u << 20, ',');
  expect_csv_error("1,2,0\n" + commas + "\n", "CSV line 2 has 52428800 characters; the limit is 4096");
  const std::string longest(4096 - 5, ' ');
  EXPECT_EQ(parse_csv("1,2,0\n3,4," + longest + "1\n").x.rows(), 2);  // exactly 4096 characters is fine
  expect_csv_error("1,2,0\n3,4," + longest + " 1\n", "CSV line 2 has 4097 characters");
}

TEST(CsvLimits, RowsAndBytesCappedByLimits) {
  CsvOptions more;
  more.max_rows = 100001;
  expect_invalid([&] { parse_csv("1,2,0\n3,4,1\n", more); }, {"options.max_rows must be in 1..100000, got 100001"});
  const std::string huge((64u << 20) + 1, '\n');
  expect_csv_error(huge, "CSV input has 67108865 bytes; the limit is 67108864");
}

TEST(CsvNumbers, OnlyPlainDecimalsAreNumbers) {
  expect_csv_error("1,2,0\n0x10,4,1\n", "CSV line 2, column 1: \"0x10\" is not a number");
  expect_csv_error("1,2,0\n1,0X1p3,1\n", "CSV line 2, column 2: \"0X1p3\" is not a number");
  expect_csv_error("1,2,0\n1,2,0x1\n", "CSV line 2, column 3: \"0x1\" is not a number");
  expect_csv_error("1,2,0\n1e,2,1\n", "\"1e\" is not a number");
  expect_csv_error("1,2,0\n.,2,1\n", "\".\" is not a number");
  expect_csv_error("1,2,0\n1,nan(123),1\n", "\"nan(123)\" is not a number");
  expect_csv_error("1,2,0\n1,+-1,1\n", "\"+-1\" is not a number");
  const Dataset d = parse_csv("+1.,.5,0\n-2.5E+1,1e-3,1\n");
  EXPECT_EQ(d.x(0, 0), 1.0f);
  EXPECT_EQ(d.x(0, 1), 0.5f);
  EXPECT_EQ(d.x(1, 0), -25.0f);
  EXPECT_EQ(d.x(1, 1), 1e-3f);
}

TEST(CsvHeader, NumericFirstLineIsDataNotAHeader) {
  // Semicolons: one cell, so not a header; reported at line 1.
  expect_csv_error("1;2;0\n", "CSV line 1: expected 3 cells (x1,x2,label), found 1 (cells must be separated by commas)");
  expect_csv_error("1;2;0\n3,4,1\n5,6,0\n", "CSV line 1: expected 3 cells");
  // Quoted numbers are numbers: the first row is kept, not dropped as a header.
  const Dataset d = parse_csv("\"1\",\"2\",\"0\"\n3,4,1\n");
  ASSERT_EQ(d.x.rows(), 2);
  EXPECT_EQ(d.x(0, 0), 1.0f);
  EXPECT_EQ(d.y(0, 0), 0.0f);
  EXPECT_EQ(parse_csv(" \" 1.5 \" ,2,0\n3,4,1\n").x(0, 0), 1.5f);
  // A header needs three non-empty, non-numeric cells, quoted or not.
  EXPECT_EQ(parse_csv("\"x1\",\"x2\",\"label\"\n1,2,0\n3,4,1\n").x.rows(), 2);
  expect_csv_error("x1,x2\n1,2,0\n", "CSV line 1: expected 3 cells (x1,x2,label), found 2");
  expect_csv_error(",,\n1,2,0\n", "CSV line 1, column 1: empty cell");
  expect_csv_error("x1,x2,label,extra\n1,2,0\n", "CSV line 1: expected 3 cells (x1,x2,label), found 4");
}
