// Numerical parity with TensorFlow.js (cpu backend) as an independent reference:
// the same model in both, nnplay given tfjs's initial weights through
// setWeights(tfjs tensors), trained without shuffling, then per-epoch losses,
// accuracies and final weights compared.
//
// Tolerance: float32 everywhere, but the two libraries order their sums
// differently and tfjs computes sigmoid/softmax cross-entropy from clipped
// probabilities where nnplay uses the fused logit form, so results agree to
// float32 round-off amplified by a few optimizer steps. Stated tolerance:
// per-epoch losses to a relative 1e-4, weights to an absolute 1e-5, accuracy
// exactly. Observed: weights within 2e-6, losses within a relative 2.3e-5
// (Adam on MSE; most cases ~1e-7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { nnplay, assertClose, maxAbsDiff } from './helpers.mjs';

const LOSS_RTOL = 1e-4, WEIGHT_ATOL = 1e-5;
await tf.setBackend('cpu');

// Data for each loss: 50 rows, so batches of 16 end with a partial batch of 2.
function dataFor(nn, loss) {
  if (loss === 'meanSquaredError') {
    const d = nn.datasets.plane({ n: 50, noise: 0.2, seed: 4 });
    // No accuracy for regression: tfjs's binaryAccuracy compares real targets to 0/1.
    return { x: d.x.arraySync(), y: d.y.arraySync(), units: 1, output: 'linear', regression: true };
  }
  if (loss === 'binaryCrossentropy') {
    const d = nn.datasets.circle({ n: 50, noise: 0.2, seed: 4 });
    return { x: d.x.arraySync(), y: d.y.arraySync(), units: 1, output: 'sigmoid' };
  }
  const d = nn.datasets.blobs({ n: 50, noise: 0.3, seed: 4, classes: 3 });
  const labels = d.y.arraySync();
  const y = loss === 'categoricalCrossentropy' ? labels.map(([c]) => [0, 1, 2].map((k) => (k === c ? 1 : 0))) : labels;
  return { x: d.x.arraySync(), y, units: 3, output: 'softmax' };
}

const optimizers = {
  sgd: { nn: (nn) => nn.train.sgd(0.1), tf: () => tf.train.sgd(0.1) },
  momentum: { nn: (nn) => nn.train.momentum(0.05, 0.9), tf: () => tf.train.momentum(0.05, 0.9) },
  'momentum (nesterov)': { nn: (nn) => nn.train.momentum(0.05, 0.9, true), tf: () => tf.train.momentum(0.05, 0.9, true) },
  rmsprop: { nn: (nn) => nn.train.rmsprop(0.01), tf: () => tf.train.rmsprop(0.01) },
  // Not centered: tfjs 4.22's centered RMSProp divides by sqrt(ms - mg^2 - eps)
  // (eps subtracted) where TensorFlow and nnplay use sqrt(ms - mg^2 + eps).
  'rmsprop (decay, momentum, epsilon)': { nn: (nn) => nn.train.rmsprop(0.01, 0.8, 0.5, 1e-6), tf: () => tf.train.rmsprop(0.01, 0.8, 0.5, 1e-6) },
  adam: { nn: (nn) => nn.train.adam(0.01), tf: () => tf.train.adam(0.01) },
};
const losses = ['binaryCrossentropy', 'meanSquaredError', 'categoricalCrossentropy', 'sparseCategoricalCrossentropy'];

// Builds both models from one description; returns per-epoch logs and final weights of each.
async function trainBoth(nn, { loss, tfLoss, optimizer, data, hidden = 'tanh', tfHiddenLayers, fromLogits = false,
                               output, regularizer, epochs = 3 }) {
  // Seeded: every run compares the same initial weights (unseeded, tfjs draws
  // them from Math.random, and the Adam cases' largest weight difference moved
  // between 1.2e-6 and 1.5e-6 from run to run against the 2e-6 bound).
  const tfModel = tfl.sequential();
  tfModel.add(tfl.layers.dense({ units: 8, activation: tfHiddenLayers ? 'linear' : hidden, inputShape: [2],
    kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
    kernelRegularizer: regularizer ? tfl.regularizers.l1l2(regularizer) : undefined }));
  for (const layer of tfHiddenLayers ?? []) tfModel.add(layer);
  tfModel.add(tfl.layers.dense({ units: data.units, activation: output ?? data.output, kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) }));
  tfModel.compile({ optimizer: optimizer.tf(), loss: tfLoss ?? loss, metrics: tfLoss || data.regression ? [] : ['accuracy'] });

  const model = nn.sequential({ seed: 1, layers: [
    nn.layers.dense({ units: 8, activation: hidden, inputShape: [2], kernelRegularizer: regularizer && nn.regularizers.l1l2(regularizer) }),
    nn.layers.dense({ units: data.units, activation: output ?? data.output }),
  ] });
  model.compile({ optimizer: optimizer.nn(nn), loss, fromLogits, metrics: tfLoss || data.regression ? [] : ['accuracy'] });
  model.setWeights(tfModel.getWeights());  // tfjs tensors, duck-typed

  const x = tf.tensor2d(data.x), y = tf.tensor2d(data.y);
  const tfHistory = await tfModel.fit(x, y, { epochs, batchSize: 16, shuffle: false, verbose: 0 });
  const nnHistory = await model.fit(data.x, data.y, { epochs, batchSize: 16, shuffle: false });
  const result = {
    tf: { history: tfHistory.history, weights: tfModel.getWeights().map((w) => Array.from(w.dataSync())) },
    nn: { history: nnHistory.history, weights: model.getWeights().map((w) => Array.from(w.dataSync())) },
  };
  x.dispose(); y.dispose(); tfModel.dispose(); model.dispose();
  return result;
}

function compare(t, r, what) {
  assertClose(r.nn.history.loss, r.tf.history.loss, { atol: 1e-7, rtol: LOSS_RTOL, what: `${what}: loss per epoch` });
  if (r.tf.history.acc) assertClose(r.nn.history.acc, r.tf.history.acc, { atol: 1e-6, what: `${what}: accuracy per epoch` });
  assert.equal(r.nn.weights.length, r.tf.weights.length);
  r.nn.weights.forEach((w, i) => assertClose(w, r.tf.weights[i], { atol: WEIGHT_ATOL, what: `${what}: weights[${i}]` }));
  const worst = Math.max(...r.nn.weights.map((w, i) => maxAbsDiff(w, r.tf.weights[i])));
  const lossRel = Math.max(...r.nn.history.loss.map((l, i) => Math.abs(l - r.tf.history.loss[i]) / Math.abs(r.tf.history.loss[i])));
  t.diagnostic(`${what}: max |nnplay - tfjs| weight ${worst.toExponential(2)}, loss relative ${lossRel.toExponential(2)}`);
}

for (const loss of losses) {
  for (const [name, optimizer] of Object.entries(optimizers)) {
    test(`tfjs parity: ${loss} with ${name}`, async (t) => {
      const nn = await nnplay();
      compare(t, await trainBoth(nn, { loss, optimizer, data: dataFor(nn, loss) }), `${loss}/${name}`);
    });
  }
}

for (const hidden of ['linear', 'sigmoid', 'tanh', 'relu', 'elu', 'softmax']) {
  test(`tfjs parity: hidden activation ${hidden}`, async (t) => {
    const nn = await nnplay();
    const loss = 'binaryCrossentropy';
    compare(t, await trainBoth(nn, { loss, hidden, optimizer: optimizers.adam, data: dataFor(nn, loss) }), hidden);
  });
}

test('tfjs parity: leakyRelu (alpha 0.3) against a tfjs LeakyReLU layer', async (t) => {
  const nn = await nnplay();
  const loss = 'sparseCategoricalCrossentropy';
  compare(t, await trainBoth(nn, { loss, hidden: 'leakyRelu', tfHiddenLayers: [tfl.layers.leakyReLU({ alpha: 0.3 })],
    optimizer: optimizers.sgd, data: dataFor(nn, loss) }), 'leakyRelu');
});

test('tfjs parity: L1 + L2 kernel regularization', async (t) => {
  const nn = await nnplay();
  const loss = 'binaryCrossentropy';
  compare(t, await trainBoth(nn, { loss, optimizer: optimizers.adam, regularizer: { l1: 0.01, l2: 0.02 }, data: dataFor(nn, loss) }), 'l1l2');
});

test('tfjs parity: fromLogits (BCE and softmax CE on a linear output)', async (t) => {
  const nn = await nnplay();
  let data = dataFor(nn, 'binaryCrossentropy');
  compare(t, await trainBoth(nn, { loss: 'binaryCrossentropy', fromLogits: true, output: 'linear', optimizer: optimizers.adam, data,
    tfLoss: (yTrue, yPred) => tf.losses.sigmoidCrossEntropy(yTrue, yPred) }), 'bce fromLogits');
  data = dataFor(nn, 'categoricalCrossentropy');
  compare(t, await trainBoth(nn, { loss: 'categoricalCrossentropy', fromLogits: true, output: 'linear', optimizer: optimizers.rmsprop, data,
    tfLoss: (yTrue, yPred) => tf.losses.softmaxCrossEntropy(yTrue, yPred) }), 'cce fromLogits');
});
