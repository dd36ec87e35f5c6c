// Evaluation metrics (metrics.hpp) against values computed by hand: the
// confusion matrix (rows true, columns predicted, a class never seen, a single
// class), binary precision/recall, per-class precision/recall/F1 and accuracy,
// per-sample MSE/MAE, RMSE and R², and every rejected input with its message.
#include <gtest/gtest.h>

#include "expect_error.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include "nnplay/metrics.hpp"

using namespace nnplay;
using nnplay::test_support::expect_invalid;

namespace {

VectorF vec(std::vector<float> values) { return Eigen::Map<VectorF>(values.data(), Eigen::Index(values.size())); }

MatrixF mat(int rows, int cols, std::vector<float> values) {
  return Eigen::Map<MatrixF>(values.data(), rows, cols);
}

IntMatrix ints(int rows, int cols, std::vector<int32_t> values) {
  return Eigen::Map<IntMatrix>(values.data(), rows, cols);
}

}  // namespace

TEST(ConfusionMatrix, RowsAreLabelsColumnsArePredictions) {
  // (0,0) (1,2) (2,2) (2,1) (1,1) (0,0) (2,2)
  const IntMatrix m = confusion_matrix<float>(vec({0, 1, 2, 2, 1, 0, 2}), vec({0, 2, 2, 1, 1, 0, 2}), 3);
  EXPECT_EQ(m, ints(3, 3, {2, 0, 0, 0, 1, 1, 0, 1, 2}));
}

TEST(ConfusionMatrix, AClassThatNeverOccursHasAnEmptyRowAndColumn) {
  const IntMatrix m = confusion_matrix<float>(vec({0, 1, 1, 3}), vec({1, 1, 0, 3}), 4);
  EXPECT_EQ(m, ints(4, 4, {0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
  EXPECT_EQ(m.row(2).sum() + m.col(2).sum(), 0);
}

TEST(ConfusionMatrix, OneClassAndNoSamples) {
  EXPECT_EQ(confusion_matrix<float>(vec({0, 0, 0}), vec({0, 0, 0}), 1), ints(1, 1, {3}));
  EXPECT_EQ(confusion_matrix<float>(vec({}), vec({}), 2), ints(2, 2, {0, 0, 0, 0}));
}

TEST(ConfusionMatrix, RejectsWhatIsNotAClassIndex) {
  expect_invalid([] { confusion_matrix<float>(vec({0, 3}), vec({0, 1}), 3); },
                 {"confusionMatrix", "labels[1] = 3", "integer in [0, 3)"});
  expect_invalid([] { confusion_matrix<float>(vec({0, 1}), vec({0.5f, 1}), 3); }, {"predictions[0] = 0.5"});
  expect_invalid([] { confusion_matrix<float>(vec({-1}), vec({0}), 3); }, {"labels[0] = -1"});
  expect_invalid([] { confusion_matrix<float>(vec({std::nanf("")}), vec({0}), 3); }, {"labels[0] = nan"});
  expect_invalid([] { confusion_matrix<float>(vec({0, 1}), vec({0}), 3); }, {"same length", "got 2 and 1"});
  expect_invalid([] { confusion_matrix<float>(vec({0}), vec({0}), 0); }, {"numClasses must be at least 1", "got 0"});
  expect_invalid([] { confusion_matrix<float>(vec({0}), vec({0}), 100000); }, {"numClasses", "exceed the limit"});
}

TEST(BinaryMetrics, PrecisionAndRecallAsTfMetrics) {
  // tp 2, fp 1, fn 3
  const MatrixF y = mat(7, 1, {1, 1, 1, 1, 1, 0, 0}), p = mat(7, 1, {1, 1, 0, 0, 0, 1, 0});
  EXPECT_DOUBLE_EQ(precision<float>(y, p), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(recall<float>(y, p), 2.0 / 5.0);
  // element by element over a 2-D array, too
  EXPECT_DOUBLE_EQ(precision<float>(mat(2, 2, {1, 0, 1, 1}), mat(2, 2, {1, 1, 0, 1})), 2.0 / 3.0);
  // nothing predicted positive / no positive labels: 0, as TF.js
  EXPECT_EQ(precision<float>(mat(2, 1, {1, 0}), mat(2, 1, {0, 0})), 0.0);
  EXPECT_EQ(recall<float>(mat(2, 1, {0, 0}), mat(2, 1, {1, 0})), 0.0);
}

TEST(BinaryMetrics, RejectProbabilitiesAndMismatchedShapes) {
  expect_invalid([] { precision<float>(mat(2, 1, {1, 0}), mat(2, 1, {0.7f, 0})); },
                 {"precision", "yPred must hold only 0 and 1", "threshold the probabilities", "got 0.7", "row 0"});
  expect_invalid([] { recall<float>(mat(2, 1, {2, 0}), mat(2, 1, {1, 0})); }, {"recall", "yTrue must hold only 0 and 1", "got 2"});
  expect_invalid([] { precision<float>(mat(2, 1, {1, 0}), mat(1, 2, {1, 0})); }, {"same shape", "[2, 1] and [1, 2]"});
  expect_invalid([] { recall<float>(mat(1, 1, {std::numeric_limits<float>::infinity()}), mat(1, 1, {1})); },
                 {"yTrue contains Inf at row 0, column 0"});
}

TEST(RegressionMetrics, PerSampleMeansOverTheLastAxis) {
  const MatrixF y = mat(2, 2, {1, 2, 3, 4}), p = mat(2, 2, {1, 0, 5, 5});  // errors 0, 2 | -2, -1
  const VectorF mse = mean_squared_error<float>(y, p), mae = mean_absolute_error<float>(y, p);
  ASSERT_EQ(mse.size(), 2);
  EXPECT_FLOAT_EQ(mse[0], 2.0f);
  EXPECT_FLOAT_EQ(mse[1], 2.5f);
  EXPECT_FLOAT_EQ(mae[0], 1.0f);
  EXPECT_FLOAT_EQ(mae[1], 1.5f);
  EXPECT_DOUBLE_EQ(root_mean_squared_error<float>(y, p), 1.5);  // sqrt((0 + 4 + 4 + 1) / 4)
}

TEST(RegressionMetrics, ReportMatchesHandComputedFigures) {
  const MatrixF y = mat(4, 1, {1, 2, 3, 4}), p = mat(4, 1, {1.5f, 2, 2.5f, 4.5f});
  // residuals .5 0 -.5 .5 -> SS_res .75; mean 2.5 -> SS_tot 5
  const RegressionReport r = regression_report<float>(y, p);
  EXPECT_DOUBLE_EQ(r.r2, 1 - 0.75 / 5);
  EXPECT_DOUBLE_EQ(r.mse, 0.1875);
  EXPECT_DOUBLE_EQ(r.rmse, std::sqrt(0.1875));
  EXPECT_DOUBLE_EQ(r.mae, 0.375);
  EXPECT_DOUBLE_EQ(r2_score<float>(y, p), r.r2);
  EXPECT_DOUBLE_EQ(r2_score<float>(y, y), 1.0);
  // predicting the mean scores 0; worse than the mean is negative
  EXPECT_DOUBLE_EQ(r2_score<float>(y, mat(4, 1, {2.5f, 2.5f, 2.5f, 2.5f})), 0.0);
  EXPECT_LT(r2_score<float>(y, mat(4, 1, {4, 3, 2, 1})), 0.0);
}

TEST(RegressionMetrics, ConstantTargetsGiveAnUndefinedR2) {
  EXPECT_TRUE(std::isnan(r2_score<float>(mat(3, 1, {2, 2, 2}), mat(3, 1, {1, 2, 3}))));
  expect_invalid([] { regression_report<float>(mat(0, 1, {}), mat(0, 1, {})); }, {"empty"});
  expect_invalid([] { r2_score<float>(mat(2, 1, {1, 2}), mat(2, 1, {1, std::nanf("")})); }, {"yPred contains NaN at row 1"});
}

TEST(ClassificationReport, PerClassFiguresFromScores) {
  // predictions by argmax: 0 0 1 1 1 0 against labels 0 0 0 1 1 2
  const MatrixF scores = mat(6, 3, {.7f, .2f, .1f, .5f, .3f, .2f, .2f, .6f, .2f, .1f, .8f, .1f, .3f, .4f, .3f, .4f, .3f, .3f});
  const ClassificationReport r = classification_report<float>(vec({0, 0, 0, 1, 1, 2}), scores, 3);
  EXPECT_EQ(r.matrix, ints(3, 3, {2, 1, 0, 0, 2, 0, 1, 0, 0}));
  EXPECT_EQ(r.predicted, (std::vector<int32_t>{0, 0, 1, 1, 1, 0}));
  EXPECT_EQ(r.support, (std::vector<int64_t>{3, 2, 1}));
  EXPECT_DOUBLE_EQ(r.precision[0], 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.precision[1], 2.0 / 3.0);
  EXPECT_TRUE(std::isnan(r.precision[2]));  // never predicted: undefined, not 0
  EXPECT_DOUBLE_EQ(r.recall[0], 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.recall[1], 1.0);
  EXPECT_DOUBLE_EQ(r.recall[2], 0.0);
  EXPECT_DOUBLE_EQ(r.f1[0], 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.f1[1], 2 * (2.0 / 3.0) / (2.0 / 3.0 + 1));
  EXPECT_TRUE(std::isnan(r.f1[2]));
  EXPECT_DOUBLE_EQ(r.accuracy, 4.0 / 6.0);
  // the matrix is the one confusion_matrix gives for the same predictions
  EXPECT_EQ(r.matrix, confusion_matrix<float>(vec({0, 0, 0, 1, 1, 2}), vec({0, 0, 1, 1, 1, 0}), 3));
}

TEST(ClassificationReport, OneSigmoidColumnIsThresholdedAtOneHalf) {
  const ClassificationReport r = classification_report<float>(vec({1, 0, 1, 1}), mat(4, 1, {.9f, .2f, .5f, .51f}), 2);
  EXPECT_EQ(r.predicted, (std::vector<int32_t>{1, 0, 0, 1}));  // 0.5 is not above 0.5
  EXPECT_EQ(r.matrix, ints(2, 2, {1, 0, 1, 2}));
  EXPECT_DOUBLE_EQ(r.precision[1], 1.0);
  EXPECT_DOUBLE_EQ(r.recall[1], 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.accuracy, 0.75);
}

TEST(ClassificationReport, RejectsMismatchedInput) {
  expect_invalid([] { classification_report<float>(vec({0, 1}), mat(2, 2, {1, 0, 0, 1}), 3); },
                 {"classificationReport", "numClasses (3) columns", "[2, 2]"});
  expect_invalid([] { classification_report<float>(vec({0}), mat(2, 1, {1, 0}), 2); }, {"1 labels for 2 rows"});
  expect_invalid([] { classification_report<float>(vec({0, 2}), mat(2, 1, {1, 0}), 2); }, {"labels[1] = 2"});
  expect_invalid([] { classification_report<float>(vec({0}), mat(1, 2, {std::nanf(""), 0}), 2); }, {"row 0 are not finite"});
}
