// nn.metrics: evaluation metrics computed by the engine (engine/src/metrics.cpp),
// named and shaped as in TensorFlow.js: confusionMatrix (tf.math.confusionMatrix,
// an int32 tensor), precision, recall, r2Score, meanSquaredError and
// meanAbsoluteError (tf.metrics.*), rootMeanSquaredError (Keras), plus the
// playground's one-call reports. Each function is one wasm call.
import { Tensor, toArrayData, toMatrix } from './tensor.js';
import { intArg } from './model.js';

/**
 * @param {{core: object, checked: Function}} ctx the engine and its error check (nnplay.js)
 * @returns the nn.metrics namespace
 */
export function makeMetrics({ core, checked }) {
  // [n] or [n, 1] -> a flat Float32Array of n values.
  const vector = (input, what) => {
    const { values, shape } = toArrayData(input, what);
    if (shape.length === 1 || (shape.length === 2 && shape[1] === 1)) return values;
    throw new Error(`${what} must be 1-D [n] (or [n, 1]), got shape [${shape}]`);
  };
  const numClassesArg = (k, what) => intArg(k, `${what}: numClasses`, 1);
  const pair = (yTrue, yPred, what) => [toMatrix(yTrue, `${what}: yTrue`, 'column'), toMatrix(yPred, `${what}: yPred`, 'column')];
  const call = (kind, yTrue, yPred) => {
    const [t, p] = pair(yTrue, yPred, kind);
    return checked(core.metricsOf(kind, t.values, t.rows, t.cols, p.values, p.rows, p.cols));
  };
  const scalar = (v) => new Tensor(Float32Array.of(v), []);

  /**
   * tf.math.confusionMatrix: counts[i][j] = samples with label i predicted as j
   * (rows true, columns predicted). labels and predictions: class indices [n]
   * (integers in [0, numClasses); anything else is an error, where TF.js would
   * silently drop the sample).
   * @returns {Tensor} int32 [numClasses, numClasses]
   */
  const confusionMatrix = (labels, predictions, numClasses) => {
    const k = numClassesArg(numClasses, 'confusionMatrix');
    const counts = checked(core.metricsConfusionMatrix(vector(labels, 'confusionMatrix: labels'),
      vector(predictions, 'confusionMatrix: predictions'), k));
    return new Tensor(counts, [k, k]);
  };

  return {
    confusionMatrix,
    /** tf.metrics.precision: tp / (tp + fp) over binary (0/1) arrays of one shape; 0 when nothing is predicted 1. A scalar Tensor. */
    precision: (yTrue, yPred) => scalar(call('precision', yTrue, yPred)),
    /** tf.metrics.recall: tp / (tp + fn) over binary (0/1) arrays of one shape; 0 when no label is 1. A scalar Tensor. */
    recall: (yTrue, yPred) => scalar(call('recall', yTrue, yPred)),
    /** tf.metrics.r2Score: 1 - SS_res / SS_tot over every element; NaN when every target is the same. A scalar Tensor. */
    r2Score: (yTrue, yPred) => scalar(call('regression', yTrue, yPred).r2),
    /** tf.metrics.meanSquaredError: per sample, the mean over the last axis: Tensor [n]. */
    meanSquaredError: (yTrue, yPred) => { const v = call('meanSquaredError', yTrue, yPred); return new Tensor(v, [v.length]); },
    /** tf.metrics.meanAbsoluteError: per sample, the mean over the last axis: Tensor [n]. */
    meanAbsoluteError: (yTrue, yPred) => { const v = call('meanAbsoluteError', yTrue, yPred); return new Tensor(v, [v.length]); },
    /** Keras RootMeanSquaredError: sqrt of the mean of every squared error. A scalar Tensor. */
    rootMeanSquaredError: (yTrue, yPred) => scalar(call('regression', yTrue, yPred).rmse),
    /**
     * All regression figures over every element in one call: {r2, mse, rmse, mae} (numbers; r2 NaN when the targets are constant).
     * @returns {{r2: number, mse: number, rmse: number, mae: number}}
     */
    regressionReport: (yTrue, yPred) => call('regression', yTrue, yPred),
    /**
     * A classifier's figures from its outputs in one call. scores: [n, numClasses]
     * (argmax) or [n, 1] probabilities for 2 classes (class 1 above 0.5).
     * Per class precision, recall and F1 are NaN where undefined (a class never
     * predicted, or absent from the labels).
     * @returns {{confusionMatrix: Tensor, predicted: Int32Array, precision: number[], recall: number[], f1: number[], support: number[], accuracy: number}}
     */
    classificationReport: (labels, scores, numClasses) => {
      const k = numClassesArg(numClasses, 'classificationReport');
      const s = toMatrix(scores, 'classificationReport: scores', 'column');
      const r = checked(core.metricsClassification(vector(labels, 'classificationReport: labels'), s.values, s.rows, s.cols, k));
      return {
        confusionMatrix: new Tensor(r.matrix, [k, k]), predicted: r.predicted, precision: Array.from(r.precision),
        recall: Array.from(r.recall), f1: Array.from(r.f1), support: Array.from(r.support), accuracy: r.accuracy,
      };
    },
  };
}

/** tf.math's confusionMatrix under its TF.js name too (nn.math.confusionMatrix). */
export const mathOf = (metrics) => ({ confusionMatrix: metrics.confusionMatrix });
