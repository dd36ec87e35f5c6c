// Tests for the number helpers in names.hpp that error messages and the CSV
// reader rely on: number_text prints values the way a user wrote them (issue 10:
// small values used to print as 0.000000), is_decimal_number accepts plain
// decimals only (0x10 used to read as 16).
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <string>

#include "nnplay/names.hpp"
#include "nnplay/optimizers.hpp"
#include "expect_error.hpp"

using namespace nnplay;

TEST(NumberText, ShortestTextThatReadsBack) {
  EXPECT_EQ(number_text(3), "3");
  EXPECT_EQ(number_text(2.5), "2.5");
  EXPECT_EQ(number_text(-1e-9), "-1e-9");
  EXPECT_EQ(number_text(1e-7), "1e-7");
  EXPECT_EQ(number_text(1.0000001), "1.0000001");  // %g printed "1"
  EXPECT_EQ(number_text(0.1), "0.1");
  EXPECT_EQ(number_text(1e20), "1e20");
  EXPECT_EQ(number_text(123456789), "123456789");
  EXPECT_EQ(number_text(0), "0");
  EXPECT_EQ(number_text(-0.0), "-0");
  EXPECT_EQ(number_text(INFINITY), "inf");
  for (double v : {0.1, 1.0 / 3, DBL_MAX, DBL_MIN, 5e-324, -2.5e-300, 3.4028234663852886e38, 0.30000000000000004})
    EXPECT_EQ(std::strtod(number_text(v).c_str(), nullptr), v) << number_text(v);
}

TEST(NumberText, OptimizerErrorsShowTheValueAsGiven) {
  OptimizerConfig c = default_optimizer(OptimizerKind::Sgd);
  c.learning_rate = -1e-9;
  test_support::expect_invalid([&] { validate(c); }, {"learningRate must be a finite number > 0, got -1e-9"});
  c = default_optimizer(OptimizerKind::Adam);
  c.beta1 = 1.0000001;
  test_support::expect_invalid([&] { validate(c); }, {"beta1 must be in [0, 1), got 1.0000001"});
}

TEST(DecimalNumber, PlainDecimalsOnly) {
  for (const char* ok : {"0", "-1", "+2", "1.", ".5", "1.5e3", "1E-3", "-0.0", "007", "1e+05"})
    EXPECT_TRUE(is_decimal_number(ok)) << ok;
  for (const char* bad : {"", "+", "-", ".", "e3", "1e", "1e+", "0x10", "0X1p3", "inf", "-Infinity", "nan", "nan(1)",
                          " 1", "1 ", "1,5", "1.5.2", "--1", "1f", "١"})
    EXPECT_FALSE(is_decimal_number(bad)) << bad;
}
