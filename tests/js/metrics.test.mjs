// nn.metrics and model.findLearningRate through the wasm API. confusionMatrix
// is checked against tf.math.confusionMatrix (TensorFlow.js, cpu backend) on
// random data and on the edge cases (a class that never occurs, a single
// class, no samples); precision, recall, r2Score, meanSquaredError and
// meanAbsoluteError against tf.metrics; the reports against hand-computed
// values; every bad argument with its message. The learning-rate finder: its
// result's shape, that the model is left exactly as it was, and its errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { nnplay, assertClose } from './helpers.mjs';

await tf.setBackend('cpu');
// tf.metrics.r2Score calls chained ops (yTrue.sub(...).square().sum()), which the
// @tensorflow/tfjs bundle registers and tfjs-core alone does not: the same, here.
for (const op of ['sub', 'square', 'sum', 'mean', 'div']) {
  const proto = Object.getPrototypeOf(tf.scalar(0));
  if (typeof proto[op] !== 'function') proto[op] = function chained(...args) { return tf[op](this, ...args); };
}
const nn = await nnplay();

// A seeded stream of integers (xorshift), so the cases are the same every run.
function randomInts(n, k, seed) {
  let s = seed >>> 0 || 1;
  return Array.from({ length: n }, () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s % k;
  });
}

const tfConfusion = (labels, predictions, k) =>
  tf.math.confusionMatrix(tf.tensor1d(labels, 'int32'), tf.tensor1d(predictions, 'int32'), k).arraySync();

test('confusionMatrix equals tf.math.confusionMatrix: rows true, columns predicted, an int32 tensor', () => {
  for (const [n, k, seed] of [[50, 2, 1], [200, 3, 2], [333, 6, 3], [1, 4, 4], [1000, 10, 5]]) {
    const labels = randomInts(n, k, seed), predictions = randomInts(n, k, seed + 100);
    const ours = nn.metrics.confusionMatrix(labels, predictions, k);
    assert.equal(ours.dtype, 'int32');
    assert.deepEqual(ours.shape, [k, k]);
    assert.ok(ours.dataSync() instanceof Int32Array);
    assert.deepEqual(ours.arraySync(), tfConfusion(labels, predictions, k), `n ${n}, k ${k}`);
  }
  // every input form: arrays, Float32Array, Int32Array, nnplay and tfjs tensors, [n, 1]
  const labels = [0, 1, 2, 2, 1, 0, 2], predictions = [0, 2, 2, 1, 1, 0, 2];
  const expected = [[2, 0, 0], [0, 1, 1], [0, 1, 2]];
  assert.deepEqual(tfConfusion(labels, predictions, 3), expected);
  for (const [l, p] of [[labels, predictions], [Float32Array.from(labels), Int32Array.from(predictions)],
    [nn.tensor1d(labels), tf.tensor1d(predictions, 'int32')], [labels.map((v) => [v]), nn.tensor2d(predictions, [7, 1])]])
    assert.deepEqual(nn.metrics.confusionMatrix(l, p, 3).arraySync(), expected);
  // tf.math's name too
  assert.deepEqual(nn.math.confusionMatrix(labels, predictions, 3).arraySync(), expected);
});

test('confusionMatrix edge cases as TF.js: a class that never occurs, a single class, no samples', () => {
  // class 2 is in neither the labels nor the predictions: its row and column are zeros
  const missing = [[0, 1, 1, 3], [1, 1, 0, 3], 4];
  assert.deepEqual(nn.metrics.confusionMatrix(...missing).arraySync(), tfConfusion(...missing));
  assert.deepEqual(nn.metrics.confusionMatrix(...missing).arraySync(), [[0, 1, 0, 0], [1, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1]]);
  // a class predicted but never a label, and the reverse
  const oneSided = [[0, 0, 0], [0, 2, 0], 3];
  assert.deepEqual(nn.metrics.confusionMatrix(...oneSided).arraySync(), tfConfusion(...oneSided));
  // a single class among two, and numClasses 1 (TF.js refuses that one: its oneHot needs a depth of 2)
  const single = [[0, 0, 0, 0], [0, 0, 0, 0], 2];
  assert.deepEqual(nn.metrics.confusionMatrix(...single).arraySync(), tfConfusion(...single));
  assert.deepEqual(nn.metrics.confusionMatrix(...single).arraySync(), [[4, 0], [0, 0]]);
  assert.throws(() => tfConfusion([0, 0], [0, 0], 1), /depth must be >=2/);
  assert.deepEqual(nn.metrics.confusionMatrix([0, 0, 0, 0], [0, 0, 0, 0], 1).arraySync(), [[4]]);
  // every sample of one class among several
  const allOne = [[1, 1, 1], [1, 0, 1], 2];
  assert.deepEqual(nn.metrics.confusionMatrix(...allOne).arraySync(), tfConfusion(...allOne));
  // no samples
  assert.deepEqual(nn.metrics.confusionMatrix([], [], 2).arraySync(), [[0, 0], [0, 0]]);
});

test('confusionMatrix rejects what TF.js would silently miscount', () => {
  const m = nn.metrics;
  assert.throws(() => m.confusionMatrix([0, 3], [0, 1], 3), /confusionMatrix: labels\[1\] = 3 is not a class index \(an integer in \[0, 3\)\)/);
  assert.throws(() => m.confusionMatrix([0, 1], [0.5, 1], 2), /predictions\[0\] = 0\.5 is not a class index/);
  assert.throws(() => m.confusionMatrix([0, -1], [0, 1], 2), /labels\[1\] = -1/);
  assert.throws(() => m.confusionMatrix([0, NaN], [0, 1], 2), /labels\[1\] = nan/);
  assert.throws(() => m.confusionMatrix([0, 1], [0], 2), /same length, got 2 and 1/);
  assert.throws(() => m.confusionMatrix([0], [0], 0), /confusionMatrix: numClasses must be an integer in 1\.\./);
  assert.throws(() => m.confusionMatrix([0], [0], 2.5), /numClasses must be an integer/);
  assert.throws(() => m.confusionMatrix([[0, 1]], [0, 1], 2), /labels must be 1-D \[n\] \(or \[n, 1\]\), got shape \[1,2\]/);
  assert.throws(() => m.confusionMatrix('01', [0], 2), /labels must be an array/);
});

test('precision, recall, r2Score, meanSquaredError, meanAbsoluteError equal tf.metrics', () => {
  const yTrue = [[1], [1], [1], [1], [1], [0], [0]], yPred = [[1], [1], [0], [0], [0], [1], [0]];
  const t = (a) => tf.tensor2d(a);
  for (const name of ['precision', 'recall']) {
    const ours = nn.metrics[name](yTrue, yPred);
    assert.deepEqual(ours.shape, []);
    assertClose(ours.dataSync(), tfl.metrics[name](t(yTrue), t(yPred)).dataSync(), { atol: 1e-7, what: name });
  }
  assert.equal(nn.metrics.precision(yTrue, yPred).dataSync()[0], Math.fround(2 / 3));
  assert.equal(nn.metrics.recall(yTrue, yPred).dataSync()[0], Math.fround(2 / 5));
  // 2-D, several columns
  const a = [[1, 0, 1], [0, 1, 1]], b = [[1, 1, 0], [0, 1, 1]];
  for (const name of ['precision', 'recall']) assertClose(nn.metrics[name](a, b).dataSync(), tfl.metrics[name](t(a), t(b)).dataSync(), { atol: 1e-7, what: name });
  // nothing predicted positive: 0, as TF.js
  assert.equal(nn.metrics.precision([[1], [0]], [[0], [0]]).dataSync()[0], tfl.metrics.precision(t([[1], [0]]), t([[0], [0]])).dataSync()[0]);

  const y = [[1, 2], [3, 4], [-1, 0.5]], p = [[1.5, 0], [5, 5], [0, 0]];
  for (const name of ['meanSquaredError', 'meanAbsoluteError']) {
    const ours = nn.metrics[name](y, p), theirs = tfl.metrics[name](t(y), t(p));
    assert.deepEqual(ours.shape, theirs.shape, name);
    assertClose(ours.dataSync(), theirs.dataSync(), { atol: 1e-6, what: name });
  }
  const ry = [[1], [2], [3], [4]], rp = [[1.5], [2], [2.5], [4.5]];
  assertClose(nn.metrics.r2Score(ry, rp).dataSync(), tfl.metrics.r2Score(t(ry), t(rp)).dataSync(), { atol: 1e-6, what: 'r2Score' });
  assertClose(nn.metrics.r2Score(ry, rp).dataSync(), [0.85], { atol: 1e-7, what: 'r2Score by hand' });
  assertClose(nn.metrics.rootMeanSquaredError(ry, rp).dataSync(), [Math.sqrt(0.1875)], { atol: 1e-7, what: 'rmse' });
  // constant targets: R² is undefined
  assert.ok(Number.isNaN(nn.metrics.r2Score([2, 2, 2], [1, 2, 3]).dataSync()[0]));
});

test('metrics reject probabilities where 0/1 is expected, shape mismatches, NaN', () => {
  assert.throws(() => nn.metrics.precision([1, 0], [0.7, 0]), /precision: yPred must hold only 0 and 1 \(binary predictions: threshold the probabilities first\), got 0\.7 at row 0/);
  assert.throws(() => nn.metrics.recall([[1, 0]], [[1], [0]]), /same shape, got \[1, 2\] and \[2, 1\]/);
  assert.throws(() => nn.metrics.r2Score([1, 2], [1, NaN]), /yPred contains NaN at row 1, column 0/);
  assert.throws(() => nn.metrics.meanSquaredError([], []), /empty/);
});

test('classificationReport and regressionReport: every figure in one call, by hand', () => {
  const scores = [[.7, .2, .1], [.5, .3, .2], [.2, .6, .2], [.1, .8, .1], [.3, .4, .3], [.4, .3, .3]];
  const r = nn.metrics.classificationReport([0, 0, 0, 1, 1, 2], scores, 3);
  assert.deepEqual(r.confusionMatrix.arraySync(), [[2, 1, 0], [0, 2, 0], [1, 0, 0]]);
  assert.deepEqual(Array.from(r.predicted), [0, 0, 1, 1, 1, 0]);
  assert.deepEqual(r.support, [3, 2, 1]);
  assertClose(r.precision.slice(0, 2), [2 / 3, 2 / 3], { atol: 1e-12, what: 'precision' });
  assert.ok(Number.isNaN(r.precision[2]), 'a class never predicted has no precision');
  assertClose(r.recall, [2 / 3, 1, 0], { atol: 1e-12, what: 'recall' });
  assertClose(r.f1.slice(0, 2), [2 / 3, 0.8], { atol: 1e-12, what: 'f1' });
  assert.ok(Number.isNaN(r.f1[2]));
  assert.equal(r.accuracy, 4 / 6);
  // the same matrix as confusionMatrix on the argmax
  assert.deepEqual(r.confusionMatrix.arraySync(), nn.metrics.confusionMatrix([0, 0, 0, 1, 1, 2], r.predicted, 3).arraySync());
  // a sigmoid column
  const b = nn.metrics.classificationReport([1, 0, 1, 1], [0.9, 0.2, 0.5, 0.51], 2);
  assert.deepEqual(b.confusionMatrix.arraySync(), [[1, 0], [1, 2]]);
  assert.throws(() => nn.metrics.classificationReport([0, 1], [[1, 0], [0, 1]], 3), /numClasses \(3\) columns/);

  const g = nn.metrics.regressionReport([1, 2, 3, 4], [1.5, 2, 2.5, 4.5]);
  assertClose([g.r2, g.mse, g.rmse, g.mae], [0.85, 0.1875, Math.sqrt(0.1875), 0.375], { atol: 1e-12, what: 'regression report' });
});

function circleModel(opts = {}) {
  const d = nn.datasets.circle({ n: 200, noise: 0.1, seed: 3 });
  const model = nn.sequential({ seed: 5, layers: [
    nn.layers.dense({ units: 8, activation: 'tanh', inputShape: [2] }),
    nn.layers.dropout({ rate: 0.1 }),
    nn.layers.dense({ units: 1, activation: 'sigmoid' }),
  ] });
  model.compile({ optimizer: nn.train.adam(0.01), loss: 'binaryCrossentropy', metrics: ['accuracy'], ...opts });
  return { model, d };
}

test('findLearningRate: an exponential sweep, a smoothed curve, a suggestion; the model as it was', () => {
  const { model, d } = circleModel();
  model.setTrainingData(d.x, d.y, { batchSize: 16 });
  model.trainSteps(20);  // mid-epoch, Adam slots filled
  const before = model.toJSON();
  const r = model.findLearningRate(d.x, d.y, { minLr: 1e-5, maxLr: 10, steps: 150, batchSize: 16 });
  assert.equal(model.toJSON(), before, 'weights, optimizer state, position and generators unchanged');
  assert.equal(r.learningRates.length, r.losses.length);
  assert.equal(r.rawLosses.length, r.losses.length);
  assert.ok(r.learningRates.length >= 30, `${r.learningRates.length} points`);
  assert.equal(r.learningRates[0], 1e-5);
  for (let i = 1; i < r.learningRates.length; ++i) assert.ok(Math.abs(r.learningRates[i] / r.learningRates[i - 1] - 10 ** (6 / 149)) < 1e-9);
  assert.ok(r.suggestion > 1e-5 && r.suggestion < 10, `suggestion ${r.suggestion}`);
  assert.equal(r.suggestion, r.learningRates[r.suggestionIndex]);
  assert.ok(r.losses[r.suggestionIndex + 1] < r.losses[r.suggestionIndex - 1], 'the suggestion is on a falling stretch');
  // Training after the finder goes on as it would have without it: as a copy
  // saved before (given the same data, the copy resumes mid-epoch where the model is).
  const twin = nn.models.fromJSON(before);
  twin.setTrainingData(d.x, d.y, { batchSize: 16 });
  assert.deepEqual(Array.from(model.trainSteps(15)), Array.from(twin.trainSteps(15)));
  twin.dispose();
  model.dispose();
});

test('findLearningRate rejects bad options, an uncompiled model and mismatched data', () => {
  const { model, d } = circleModel();
  assert.throws(() => model.findLearningRate(d.x, d.y, { minLr: 0 }), /findLearningRate: minLr must be a number > 0, got 0/);
  assert.throws(() => model.findLearningRate(d.x, d.y, { minLr: 1, maxLr: 0.1 }), /maxLr must be a number > minLr \(1\), got 0\.1/);
  assert.throws(() => model.findLearningRate(d.x, d.y, { steps: 1 }), /steps must be an integer in 2\.\.10000, got 1/);
  assert.throws(() => model.findLearningRate(d.x, d.y, { steps: 2.5 }), /steps must be an integer, got number 2\.5/);
  assert.throws(() => model.findLearningRate(d.x, d.y, { rate: 1 }), /unknown option "rate"/);
  assert.throws(() => model.findLearningRate(d.x, [[0]]), /same number of rows, got 200 and 1/);
  assert.throws(() => model.findLearningRate(d.x, d.y.arraySync().map(([v]) => [v * 3])), /3 is not a valid binaryCrossentropy target; targets must be in \[0, 1\]/);
  const fresh = nn.sequential({ layers: [nn.layers.dense({ units: 1, inputShape: [2] })] });
  assert.throws(() => fresh.findLearningRate(d.x, d.y), /findLearningRate needs a compiled model; call compile\(\) first/);
  fresh.dispose();
  model.dispose();
});
