// "Inside the network" in the JS API (issue 13): layerStats' gradient norms
// against TensorFlow.js (tf.variableGrads of the same loss on the same weights),
// activations against a hand forward pass, histograms, lossSurface (its centre
// is evaluate's loss, the weights are unchanged, a path projects), inspect's
// one call against the separate ones, and the error messages.
//
// Tolerance for the TF.js parity: float32 in both, summed in different orders;
// tfjs computes cross-entropy from clipped probabilities where nnplay uses the
// fused logit form (the same gradient while no probability is clipped). Stated:
// a relative 1e-4; observed about 1e-6.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { nnplay, assertClose } from './helpers.mjs';
import { loadNnplay } from '../../dist/nnplay.js';

await tf.setBackend('cpu');

// The same network in both libraries; nnplay takes tfjs's initial weights.
// tfjs's initializers are seeded so that every run checks the same weights:
// unseeded, they come from Math.random, and the deep-sigmoid case's ratio of
// the first layer's gradient to the last hidden layer's ranged from 3x to
// thousands over 200 draws (a CI run drew one under 10x).
function twins(nn, { hidden, units, output, loss, reg }) {
  const kernelInitializer = (i) => tfl.initializers.glorotUniform({ seed: 11 + i });
  const tfModel = tfl.sequential();
  const nnLayers = [];
  hidden.forEach((activation, i) => {
    const regularizer = reg && i === 0 ? reg : undefined;
    tfModel.add(tfl.layers.dense({ units: 6, activation, inputShape: i === 0 ? [2] : undefined, kernelInitializer: kernelInitializer(i),
      kernelRegularizer: regularizer && tfl.regularizers.l1l2(regularizer) }));
    nnLayers.push(nn.layers.dense({ units: 6, activation, inputShape: i === 0 ? [2] : undefined,
      kernelRegularizer: regularizer && nn.regularizers.l1l2(regularizer) }));
    if (i === 0) {
      tfModel.add(tfl.layers.dropout({ rate: 0.3 }));
      nnLayers.push(nn.layers.dropout({ rate: 0.3 }));
    }
  });
  tfModel.add(tfl.layers.dense({ units, activation: output, kernelInitializer: kernelInitializer(hidden.length) }));
  nnLayers.push(nn.layers.dense({ units, activation: output }));
  const model = nn.sequential({ seed: 3, layers: nnLayers });
  model.compile({ optimizer: nn.train.sgd(0.1), loss });
  model.setWeights(tfModel.getWeights());
  return { tfModel, model };
}

// tfjs: the Keras loss (mean over samples, plus the kernel regularization) and its gradient per kernel and bias.
function tfGradients(tfModel, x, y, { loss, reg }) {
  const dense = tfModel.layers.filter((l) => l.getClassName() === 'Dense');
  const vars = dense.flatMap((l) => [l.kernel.read(), l.bias.read()]);
  const { grads } = tf.variableGrads(() => tf.tidy(() => {
    const pred = tfModel.apply(x, { training: false });
    const target = loss === 'sparseCategoricalCrossentropy' ? tf.oneHot(tf.cast(tf.squeeze(y, [1]), 'int32'), pred.shape[1]) : y;
    const perSample = loss === 'binaryCrossentropy' ? tfl.metrics.binaryCrossentropy(target, pred)
      : loss === 'sparseCategoricalCrossentropy' ? tfl.metrics.categoricalCrossentropy(target, pred)
        : tfl.metrics.meanSquaredError(target, pred);
    let value = tf.mean(perSample);
    if (reg) {
      const k = dense[0].kernel.read();
      value = tf.add(value, tf.add(tf.mul(tf.sum(tf.abs(k)), reg.l1 ?? 0), tf.mul(tf.sum(tf.square(k)), reg.l2 ?? 0)));
    }
    return value;
  }), vars);
  const norm = (v) => Math.sqrt(tf.sum(tf.square(grads[v.name])).dataSync()[0]);
  const out = dense.map((l) => ({ kernel: norm(l.kernel.read()), bias: norm(l.bias.read()) }));
  for (const g of Object.values(grads)) g.dispose();
  return out;
}

const CASES = [
  { name: 'tanh + relu, sigmoid output, BCE, L1+L2', hidden: ['tanh', 'relu'], units: 1, output: 'sigmoid', loss: 'binaryCrossentropy', reg: { l1: 0.01, l2: 0.02 }, data: 'circle' },
  { name: 'deep sigmoid (vanishing gradient), BCE', hidden: ['sigmoid', 'sigmoid', 'sigmoid', 'sigmoid', 'sigmoid'], units: 1, output: 'sigmoid', loss: 'binaryCrossentropy', data: 'xor' },
  { name: 'elu, softmax output, sparse CCE', hidden: ['elu', 'tanh'], units: 3, output: 'softmax', loss: 'sparseCategoricalCrossentropy', data: 'blobs' },
  { name: 'relu, linear output, MSE, L2', hidden: ['relu'], units: 1, output: 'linear', loss: 'meanSquaredError', reg: { l1: 0, l2: 0.05 }, data: 'plane' },
];

for (const c of CASES) {
  test(`layerStats: gradientNorm equals tf.variableGrads' norm (${c.name})`, async (t) => {
    const nn = await nnplay();
    const d = nn.datasets[c.data]({ n: 80, noise: 0.2, seed: 5, ...(c.data === 'blobs' ? { classes: 3 } : {}) });
    const { tfModel, model } = twins(nn, c);
    const stats = model.layerStats(d.x, d.y);
    const x = tf.tensor2d(d.x.arraySync()), y = tf.tensor2d(d.y.arraySync());
    const reference = tfGradients(tfModel, x, y, c);
    assert.equal(stats.length, c.hidden.length + 1, 'one entry per Dense layer (the Dropout layer has none)');
    assert.equal(stats[1].layer, 2, 'entries name their model layer (index 1 is the Dropout)');
    assert.equal(stats[1].name, 'dense_2');
    let worst = 0;
    stats.forEach((s, i) => {
      assertClose([s.gradientNorm, s.biasGradientNorm], [reference[i].kernel, reference[i].bias], { atol: 1e-7, rtol: 1e-4, what: `layer ${i}` });
      worst = Math.max(worst, Math.abs(s.gradientNorm - reference[i].kernel) / reference[i].kernel);
    });
    t.diagnostic(`${c.name}: worst relative difference ${worst.toExponential(2)}; gradient norms ${stats.map((s) => s.gradientNorm.toExponential(2)).join(', ')}`);
    // Each sigmoid layer scales the gradient by at most 0.25 times its weights, so
    // it shrinks on the way back to the first layer: against the output layer's,
    // at least 13x in 200 unseeded draws, 735x in the median.
    if (c.hidden.length === 5) assert.ok(stats[0].gradientNorm < stats[5].gradientNorm / 10, 'deep sigmoid: the first layer\'s gradient vanishes');
    x.dispose(); y.dispose(); tfModel.dispose(); model.dispose();
  });
}

test('layerStats: SGD update ratio, dead ReLU units, weights unchanged', async () => {
  const nn = await nnplay();
  const model = nn.sequential({ seed: 2, layers: [nn.layers.dense({ units: 3, activation: 'relu', inputShape: [2] }), nn.layers.dense({ units: 1, activation: 'sigmoid' })] });
  model.compile({ optimizer: nn.train.sgd(0.5), loss: 'binaryCrossentropy' });
  // unit 1 never fires: zero weights, a negative bias
  model.setWeights([[[1, 0, 0.5], [0, 0, 0.5]], [0, -3, 1], [[1], [1], [1]], [0]]);
  const x = [[1, 1], [-1, 2], [2, -1], [-2, -2]], y = [[1], [0], [1], [0]];
  const before = model.getWeights().map((w) => Array.from(w.dataSync()));
  const stats = model.layerStats(x, y);
  assert.deepEqual(stats[0].dead, [1]);
  assert.equal(stats[0].deadUnits, 1);
  assert.equal(stats[1].deadUnits, 0);
  for (const s of stats) assertClose([s.updateRatio], [0.5 * s.gradientNorm / s.weightNorm], { rtol: 1e-5, what: 'update ratio' });
  assert.deepEqual(model.getWeights().map((w) => Array.from(w.dataSync())), before);
  assert.equal(model.epoch, 0);
});

test('activations: a hand forward pass, Dropout as the identity, [n, units]', async () => {
  const nn = await nnplay();
  const model = nn.sequential({ seed: 4, layers: [
    nn.layers.dense({ units: 3, activation: 'tanh', inputShape: [2] }), nn.layers.dropout({ rate: 0.5 }),
    nn.layers.dense({ units: 1, activation: 'sigmoid' })] });
  const x = [[0.5, -1], [2, 0.25]];
  const [k, b] = model.getWeights().map((w) => w.arraySync());
  const hand = x.map((row) => k[0].map((_, j) => Math.tanh(row[0] * k[0][j] + row[1] * k[1][j] + b[j])));
  const a = model.activations(x, 0);
  assert.deepEqual(a.shape, [2, 3]);
  assertClose(a.dataSync(), hand.flat(), { atol: 1e-6, what: 'layer 0' });
  assert.deepEqual(Array.from(model.activations(x, 1).dataSync()), Array.from(a.dataSync()));
  assertClose(model.activations(x, 2).dataSync(), model.predict(x).dataSync(), { atol: 1e-7, what: 'last layer = predict' });
  assert.throws(() => model.activations(x, 3), /activations: layerIndex must be an integer in 0\.\.2, got number 3/);
});

test('histograms: every weight counted between min and max; zeros in one bin; activations over x', async () => {
  const nn = await nnplay();
  const model = nn.sequential({ seed: 1, layers: [
    nn.layers.dense({ units: 8, activation: 'relu', inputShape: [2], kernelInitializer: 'zeros' }),
    nn.layers.dense({ units: 8, activation: 'relu', kernelInitializer: 'heUniform' }),
    nn.layers.dense({ units: 1, activation: 'sigmoid', useBias: false })] });
  const x = nn.datasets.circle({ n: 50, seed: 2 }).x;
  const h = model.histograms({ bins: 10, x });
  assert.equal(h.length, 3);
  const sum = (c) => c.reduce((a, b) => a + b, 0);
  assert.equal(sum(h[0].weights.counts), 16);
  assert.deepEqual([h[0].weights.min, h[0].weights.max], [-0.5, 0.5]);
  assert.equal(Math.max(...h[0].weights.counts), 16, 'zeros: one spike');
  assert.equal(sum(h[1].weights.counts), 64);
  const w1 = model.getWeights()[2].dataSync();
  assertClose([h[1].weights.min, h[1].weights.max], [Math.min(...w1), Math.max(...w1)], { atol: 1e-7, what: 'He range' });
  assert.equal(h[2].biases, null);
  assert.equal(sum(h[1].activations.counts), 50 * 8);
  assert.ok(h[1].weights.counts instanceof Uint32Array);
  assert.equal(model.histograms().at(0).activations, null);
});

test('lossSurface: the centre is evaluate(), weights unchanged, the path ends at the centre', async (t) => {
  const nn = await nnplay();
  // W2's network and data size
  const d = nn.datasets.spiral({ n: 500, noise: 0, seed: 1 });
  const model = nn.sequential({ seed: 1, layers: [
    ...[0, 1, 2, 3, 4, 5].map((i) => nn.layers.dense({ units: 8, activation: 'tanh', inputShape: i === 0 ? [2] : undefined })),
    nn.layers.dense({ units: 1, activation: 'sigmoid' })] });
  model.compile({ optimizer: nn.train.sgd(0.03), loss: 'binaryCrossentropy' });
  const start = model.getWeights();
  await model.fit(d.x, d.y, { epochs: 3, batchSize: 10 });
  const before = model.getWeights().map((w) => Array.from(w.dataSync()));
  const t0 = performance.now();
  const s = model.lossSurface(d.x, d.y, { resolution: 41, path: [start, model.getWeights()] });
  t.diagnostic(`41 x 41 loss surface of W2 over 500 points: ${(performance.now() - t0).toFixed(0)} ms in Node (wasm)`);
  assert.equal(s.loss.length, 41 * 41);
  assert.equal(s.alphas[20], 0);
  assert.equal(s.loss[20 * 41 + 20], model.evaluate(d.x, d.y).dataSync()[0]);
  assert.deepEqual(model.getWeights().map((w) => Array.from(w.dataSync())), before);
  assert.equal(s.path.alphas.length, 2);
  assert.deepEqual([s.path.alphas[1], s.path.betas[1], s.path.offSlice[1]], [0, 0, 0]);
  assert.ok(s.path.offSlice[0] > 0.5, 'random directions are nearly orthogonal to the path');
  const again = model.lossSurface(d.x, d.y, { resolution: 5, span: 0.5, seed: 9 });
  assert.deepEqual(Array.from(again.alphas), [-0.5, -0.25, 0, 0.25, 0.5]);
  assert.equal(again.path, null);
  assert.deepEqual(Array.from(model.lossSurface(d.x, d.y, { resolution: 5, span: 0.5, seed: 9 }).loss), Array.from(again.loss));
});

test('inspect: the boundary grid and every diagnostic in one call, equal to the separate calls', async () => {
  const nn = await nnplay();
  const d = nn.datasets.xor({ n: 60, seed: 3 });
  const model = nn.sequential({ seed: 5, layers: [
    nn.layers.dense({ units: 4, activation: 'relu', inputShape: [2] }), nn.layers.dense({ units: 3, activation: 'tanh' }),
    nn.layers.dropout({ rate: 0.2 }), nn.layers.dense({ units: 1, activation: 'sigmoid' })] });
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  const grid = { res: 20, features: 'x1,x2' };
  const r = model.inspect({ grid, x: d.x, y: d.y, space: { layer: 1, neurons: [2, 0, 1], lines: 5, samples: 7 }, stats: true, bins: 12 });
  assert.deepEqual(Array.from(r.grid), Array.from(model.evaluateGrid(grid)));
  const a = model.activations(d.x, 1).arraySync();
  assert.equal(r.space.k, 3);
  assert.deepEqual(Array.from(r.space.points), a.flatMap((row) => [row[2], row[0], row[1]]).map(Math.fround));
  assert.equal(r.space.image.length, 2 * 5 * 7 * 3);
  // the image's first line: x2 = -6, x1 from -6 to 6
  const line = model.activations([[-6, -6], [-4, -6], [-2, -6], [0, -6], [2, -6], [4, -6], [6, -6]], 1).arraySync();
  assertClose(r.space.image.slice(0, 21), line.flatMap((row) => [row[2], row[0], row[1]]), { atol: 1e-6, what: 'grid line image' });
  assert.equal(r.space.line.length, 4);
  assert.equal(r.space.lineExact, true);
  assert.deepEqual(r.stats.map(({ name, ...s }) => s), model.layerStats(d.x, d.y).map(({ name, ...s }) => s));
  assert.deepEqual(r.histograms.map((h) => Array.from(h.activations.counts)), model.histograms({ bins: 12, x: d.x }).map((h) => Array.from(h.activations.counts)));
  assert.equal(model.inspect({ grid, x: d.x, space: { layer: 0, neurons: [0, 1] } }).space.line, null, 'not the last hidden layer');

  // gridViews: the same grid and every neuron's map, left in the engine's memory.
  const request = { x: d.x, y: d.y, space: { layer: 1, neurons: [2, 0, 1], lines: 5, samples: 7 }, stats: true, bins: 12 };
  const v = model.inspect({ gridViews: { ...grid, activations: true }, ...request });
  assert.equal(v.grid, undefined);
  const viewed = { out: Array.from(v.gridViews.out), maps: Array.from(v.gridViews.activations) };  // before the next call
  const activations = new Float32Array(model.neuronCount * 400);
  assert.deepEqual(viewed.out, Array.from(model.evaluateGrid({ ...grid, activations })));
  assert.deepEqual(viewed.maps, Array.from(activations));
  assert.deepEqual(v.space, r.space);
  assert.deepEqual(v.stats, r.stats);
  assert.equal(model.inspect({ gridViews: grid, bins: 4 }).gridViews.activations, null, 'no maps unless asked');
});

test('inspect: gridViews made after everything the call allocates (memory growth would empty them)', async () => {
  const nn = await loadNnplay();  // its own heap, at its initial size (16 MiB)
  const model = nn.sequential({ seed: 2, layers: [
    nn.layers.dense({ units: 32, activation: 'tanh', inputShape: [2] }), nn.layers.dense({ units: 1, activation: 'sigmoid' })] });
  model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
  // Copying in x and y (a million rows, after the grid) outgrows it. The diagnostics after
  // them allocate too little to grow it (measured: stats or bins over 200,000 rows leave a
  // 16 MiB heap as it was), so views made anywhere before x's copy fail here; views made
  // between x's copy and the end would not.
  const before = nn.memory().heapBytes;
  const rows = 1e6;
  const x = new Float32Array(rows * 2).map((_, i) => Math.sin(i)), y = new Float32Array(rows).map((_, i) => i % 2);
  const v = model.inspect({ gridViews: { res: 30, activations: true }, x: nn.tensor2d(x, [rows, 2]), y: nn.tensor2d(y, [rows, 1]), stats: true });
  assert.ok(nn.memory().heapBytes > before, 'the call grew memory');
  assert.equal(v.gridViews.out.length, 900);
  assert.equal(v.gridViews.activations.length, 33 * 900);
  const out = Array.from(v.gridViews.out), maps = Array.from(v.gridViews.activations);
  const activations = new Float32Array(33 * 900);
  assert.deepEqual(out, Array.from(model.evaluateGrid({ res: 30, activations })));
  assert.deepEqual(maps, Array.from(activations));
  model.dispose();
});

test('inside: bad requests say what is wrong', async () => {
  const nn = await nnplay();
  const model = nn.sequential({ layers: [nn.layers.dense({ units: 2, activation: 'relu', inputShape: [2] }), nn.layers.dense({ units: 1, activation: 'sigmoid' })] });
  const x = [[0, 1]], y = [[1]];
  assert.throws(() => model.layerStats(x, y), /layerStats needs a compiled model/);
  assert.throws(() => model.lossSurface(x, y), /lossSurface needs a compiled model/);
  model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
  assert.throws(() => model.layerStats(x, [[1], [0]]), /layerStats: x and y must have the same number of rows, got 1 and 2/);
  assert.throws(() => model.lossSurface(x, y, { resolution: 1 }), /lossSurface: resolution must be an integer in 2\.\.257, got number 1/);
  assert.throws(() => model.lossSurface(x, y, { span: -2 }), /span must be a number in \(0, 1000\], got -2/);
  assert.throws(() => model.lossSurface(x, y, { path: new Float32Array(5) }), /needs a multiple of 9 values \(countParams\(\)\), got 5/);
  assert.throws(() => model.lossSurface(x, y, { path: [[1, 2, 3]] }), /path\[0\] must have 9 values/);
  assert.throws(() => model.lossSurface(x, y, { bogus: 1 }), /unknown option "bogus"/);
  assert.throws(() => model.histograms({ bins: 0 }), /histograms: bins must be an integer in 1\.\.1000, got number 0/);
  assert.throws(() => model.inspect({ x, space: { layer: 0, neurons: [0, 1] } }), /inspect: space needs grid/);
  assert.throws(() => model.inspect({ grid: {}, x, space: { layer: 0, neurons: [0, 0] } }), /neuron 0 is chosen twice/);
  assert.throws(() => model.inspect({ grid: {}, x, space: { layer: 0, neurons: [0, 5] } }), /neuron 5 is not in 0\.\.1/);
  assert.throws(() => model.inspect({ grid: {}, x, space: { layer: 1, neurons: [0, 1] } }), /neuron 1 is not in 0\.\.0/);
  assert.throws(() => model.activations([[Number.NaN, 0]], 0), /NaN/);
  assert.throws(() => model.inspect({ stats: true }), /inspect: stats needs x and y/);
  assert.throws(() => model.inspect({ grid: {}, gridViews: {}, bins: 2 }), /inspect: give grid or gridViews, not both/);
  assert.throws(() => model.inspect({ gridViews: { out: new Float32Array(4) } }), /unknown option "out"/);
  assert.throws(() => model.inspect({ gridViews: { activations: 1 } }), /inspect: gridViews: activations must be/);
  assert.throws(() => model.inspect({ gridViews: { res: 0 } }), /inspect: gridViews: res must be/);
  assert.throws(() => model.inspect({ gridViews: { features: 'x1,x2,x1^2' }, bins: 2 }), /inspect: gridViews: the features give 3 inputs but the model takes 2/);
});
