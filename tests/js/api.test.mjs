// The TensorFlow.js-style API over the wasm engine: the Keras XOR example, every
// loss / activation / optimizer / initializer name, the accepted input forms,
// fit's History and callbacks, weights, JSON, and the playground's fast paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadNnplay as loadFromPackage } from 'nnplay';
import { nnplay, assertClose, XOR_X, XOR_Y } from './helpers.mjs';

await tf.setBackend('cpu');

function xorModel(nn, seed = 1, units = 8) {
  return nn.sequential({ seed, layers: [
    nn.layers.dense({ units, activation: 'tanh', inputShape: [2] }),
    nn.layers.dense({ units: 1, activation: 'sigmoid' }),
  ] });
}

test('the package export loads: import { loadNnplay } from "nnplay"', async () => {
  const nn = await loadFromPackage();
  assert.equal(typeof nn.sequential, 'function');
});

test('Keras XOR example learns XOR (sgd 0.1, batch 1)', async () => {
  const nn = await nnplay();
  const model = xorModel(nn);
  model.compile({ optimizer: nn.train.sgd(0.1), loss: 'binary_crossentropy', metrics: ['accuracy'] });
  const history = await model.fit(XOR_X, XOR_Y, { epochs: 500, batchSize: 1 });
  assert.equal(history.history.acc.at(-1), 1);
  assert.ok(history.history.loss.at(-1) < 0.05, `final loss ${history.history.loss.at(-1)}`);
  const p = model.predict(XOR_X).dataSync();
  assert.deepEqual(Array.from(p, (v) => Math.round(v)), [0, 1, 1, 0]);
  model.dispose();
});

test("the issue's example (sigmoid 3, adam 0.01, validationSplit, callbacks) learns a noisy XOR set", async () => {
  const nn = await nnplay();
  const data = nn.datasets.xor({ n: 200, noise: 0.1, seed: 2 });
  const x = data.x, y = data.y;
  const model = nn.sequential({ seed: 1, layers: [
    nn.layers.dense({ units: 3, activation: 'sigmoid', inputShape: [3] }),  // x1, x2, x1*x2
    nn.layers.dense({ units: 1, activation: 'sigmoid' }),
  ] });
  model.compile({ optimizer: nn.train.adam(0.01), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const seen = [];
  const history = await model.fit(nn.features.transform(x, 'x1,x2,x1*x2'), y, { epochs: 100, batchSize: 10, shuffle: true,
    validationSplit: 0.2, callbacks: { onEpochEnd: (epoch, logs) => { seen.push(epoch); assert.ok('val_acc' in logs); } } });
  assert.deepEqual(seen, [...Array(100).keys()]);
  assert.deepEqual(history.epoch, seen);
  assert.deepEqual(Object.keys(history.history).sort(), ['acc', 'loss', 'val_acc', 'val_loss']);
  assert.ok(history.history.acc.at(-1) > 0.9, `accuracy ${history.history.acc.at(-1)}`);
  assert.ok(history.history.val_acc.at(-1) > 0.85, `validation accuracy ${history.history.val_acc.at(-1)}`);
  model.dispose();
});

test('every loss name and alias compiles and trains', async () => {
  const nn = await nnplay();
  const names = {
    binaryCrossentropy: ['binaryCrossentropy', 'binary_crossentropy', 'BinaryCrossentropy', 'bce'],
    meanSquaredError: ['meanSquaredError', 'mean_squared_error', 'mse', 'MSE'],
    categoricalCrossentropy: ['categoricalCrossentropy', 'categorical_crossentropy', 'cce'],
    sparseCategoricalCrossentropy: ['sparseCategoricalCrossentropy', 'sparse_categorical_crossentropy', 'scce'],
  };
  for (const [canonical, aliases] of Object.entries(names)) {
    for (const loss of aliases) {
      const categorical = canonical.includes('ategorical');
      const model = nn.sequential({ seed: 3, layers: [
        nn.layers.dense({ units: 4, activation: 'relu', inputShape: [2] }),
        nn.layers.dense({ units: categorical ? 2 : 1, activation: categorical ? 'softmax' : 'sigmoid' }),
      ] });
      model.compile({ optimizer: 'adam', loss, metrics: ['acc'] });
      assert.equal(model.getCompileConfig().loss, canonical, loss);
      const y = canonical === 'categoricalCrossentropy' ? XOR_Y.map(([v]) => [1 - v, v]) : XOR_Y;
      const h = await model.fit(XOR_X, y, { epochs: 2 });
      assert.ok(h.history.loss.every(Number.isFinite), `${loss}: ${h.history.loss}`);
      model.dispose();
    }
  }
});

test('every activation name trains; every optimizer name and form compiles with its defaults', async () => {
  const nn = await nnplay();
  const activations = ['linear', 'sigmoid', 'tanh', 'relu', 'softmax', 'leakyRelu', 'leaky_relu', 'elu', 'ReLU', 'Tanh'];
  for (const activation of activations) {
    const model = nn.sequential({ seed: 1, layers: [
      nn.layers.dense({ units: 4, activation, inputShape: [2] }), nn.layers.dense({ units: 1, activation: 'sigmoid' })] });
    model.compile({ optimizer: 'sgd', loss: 'bce' });
    const h = await model.fit(XOR_X, XOR_Y, { epochs: 2 });
    assert.ok(h.history.loss.every(Number.isFinite), activation);
    assert.deepEqual(Object.keys(h.history), ['loss']);
    model.dispose();
  }
  const expected = {
    sgd: { name: 'sgd', learningRate: 0.01 }, SGD: { name: 'sgd', learningRate: 0.01 },
    momentum: { name: 'momentum', learningRate: 0.001, momentum: 0.9 },
    rmsprop: { name: 'rmsprop', learningRate: 0.001, rho: 0.9 }, RMSProp: { name: 'rmsprop', learningRate: 0.001 },
    adam: { name: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, Adam: { name: 'adam' },
  };
  const forms = [
    ...Object.entries(expected),
    [nn.train.sgd(0.5), { name: 'sgd', learningRate: 0.5 }],
    [nn.train.momentum(0.2, 0.8, true), { name: 'momentum', learningRate: 0.2, momentum: 0.8, nesterov: true }],
    [nn.train.rmsprop(0.02, 0.7, 0.1, 1e-5, true), { name: 'rmsprop', learningRate: 0.02, rho: 0.7, momentum: 0.1, epsilon: 1e-5, centered: true }],
    [nn.train.adam(0.03, 0.8, 0.9, 1e-6), { name: 'adam', learningRate: 0.03, beta1: 0.8, beta2: 0.9, epsilon: 1e-6 }],
    [tf.train.adam(0.04), { name: 'adam', learningRate: 0.04 }],  // a TensorFlow.js optimizer object
    [tf.train.momentum(0.05, 0.7), { name: 'momentum', learningRate: 0.05, momentum: 0.7 }],
  ];
  for (const [optimizer, want] of forms) {
    const model = xorModel(nn);
    model.compile({ optimizer, loss: 'mse' });
    const got = model.getCompileConfig().optimizer;
    for (const [k, v] of Object.entries(want)) assert.ok(Math.abs(got[k] - v) < 1e-9 || got[k] === v, `${JSON.stringify(want)}: ${k} = ${got[k]}`);
    await model.fit(XOR_X, XOR_Y, { epochs: 1 });
    model.dispose();
  }
});

test('initializers and regularizers: names, tfjs-style objects, defaults', async () => {
  const nn = await nnplay();
  for (const init of ['glorotUniform', 'glorotNormal', 'heUniform', 'heNormal', 'lecunUniform', 'zeros', 'ones', 'glorot_uniform', 'he_normal']) {
    const model = nn.sequential({ seed: 1, layers: [nn.layers.dense({ units: 3, inputShape: [2], kernelInitializer: init, biasInitializer: 'ones' })] });
    const [kernel, bias] = model.getWeights();
    assert.deepEqual(kernel.shape, [2, 3]);
    assert.deepEqual(Array.from(bias.dataSync()), [1, 1, 1]);
    if (init === 'zeros') assert.deepEqual(Array.from(kernel.dataSync()), [0, 0, 0, 0, 0, 0]);
    model.dispose();
  }
  const rates = (r) => {
    const m = nn.sequential({ seed: 1, layers: [nn.layers.dense({ units: 1, inputShape: [2], kernelRegularizer: r })] });
    const l = m.layers[0];
    m.dispose();
    return [l.l1, l.l2];
  };
  assert.deepEqual(rates(nn.regularizers.l1()), [0.01, 0]);
  assert.deepEqual(rates(nn.regularizers.l2({ l2: 0.5 })), [0, 0.5]);
  assert.deepEqual(rates(nn.regularizers.l1l2({ l1: 0.1, l2: 0.2 })), [0.1, 0.2]);
  assert.deepEqual(rates('l2'), [0, 0.01]);
});

test('x and y in every accepted form give identical training; sparse labels as [n] or [n, 1], int or float', async () => {
  const nn = await nnplay();
  const data = nn.datasets.blobs({ n: 60, classes: 3, seed: 5, noise: 0.2 });
  const xs = data.x.arraySync(), labels = data.y.arraySync().map(([c]) => c);
  const xForms = [xs, nn.tensor2d(data.x.dataSync(), [60, 2]), tf.tensor2d(xs), xs.map((r) => Float32Array.from(r))];
  const yForms = [labels, Int32Array.from(labels), labels.map((c) => [c]), nn.tensor1d(labels), tf.tensor1d(labels, 'int32'),
    tf.tensor2d(labels.map((c) => [c])), nn.tensor2d(Float32Array.from(labels), [60, 1])];
  const run = async (x, y) => {
    const model = nn.sequential({ seed: 9, layers: [
      nn.layers.dense({ units: 5, activation: 'relu', inputShape: [2] }), nn.layers.dense({ units: 3, activation: 'softmax' })] });
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const h = await model.fit(x, y, { epochs: 2, batchSize: 8 });
    const w = model.getWeights().map((t) => Array.from(t.dataSync()));
    model.dispose();
    return { loss: h.history.loss, w };
  };
  const reference = await run(xs, labels);
  for (const x of xForms) assert.deepEqual(await run(x, labels), reference);
  for (const y of yForms) assert.deepEqual(await run(xs, y), reference);
});

test('predict returns a tensor-like copy: shape, dataSync, arraySync, data(), dispose', async () => {
  const nn = await nnplay();
  const model = xorModel(nn);
  model.compile({ optimizer: 'sgd', loss: 'bce' });
  const p = model.predict(nn.tensor2d([0, 0, 1, 1], [2, 2]));
  assert.deepEqual(p.shape, [2, 1]);
  assert.ok(p.dataSync() instanceof Float32Array);
  assert.equal(p.arraySync().length, 2);
  assert.deepEqual(Array.from(await p.data()), Array.from(p.dataSync()));
  assert.deepEqual(await p.array(), p.arraySync());
  const kept = p.dataSync().slice();
  model.dispose();  // results never point into wasm memory
  assert.deepEqual(Array.from(p.dataSync()), Array.from(kept));
  p.dispose();
  assert.throws(() => p.dataSync(), /disposed/);
});

test('evaluate returns [loss, acc] scalars, or one loss scalar without metrics', async () => {
  const nn = await nnplay();
  const model = xorModel(nn);
  model.compile({ optimizer: 'sgd', loss: 'bce', metrics: ['accuracy'] });
  const [loss, acc] = model.evaluate(XOR_X, XOR_Y);
  assert.deepEqual(loss.shape, []);
  assert.ok(loss.dataSync()[0] > 0 && Number.isFinite(loss.arraySync()));
  assert.ok(acc.dataSync()[0] >= 0 && acc.dataSync()[0] <= 1);
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  const only = model.evaluate(XOR_X, XOR_Y);
  assert.ok(!Array.isArray(only) && only.rank === 0);
  model.dispose();
});

test('getWeights / setWeights: Keras layout, round trip, nested arrays, tfjs tensors', async () => {
  const nn = await nnplay();
  const a = xorModel(nn, 1, 3), b = xorModel(nn, 2, 3);
  for (const m of [a, b]) m.compile({ optimizer: 'sgd', loss: 'bce' });
  const w = a.getWeights();
  assert.deepEqual(w.map((t) => t.shape), [[2, 3], [3], [3, 1], [1]]);
  b.setWeights(w);
  assert.deepEqual(b.predict(XOR_X).dataSync(), a.predict(XOR_X).dataSync());
  b.setWeights([[[1, 2, 3], [4, 5, 6]], [0.1, 0.2, 0.3], [[1], [-1], [0.5]], [0.25]]);
  assert.deepEqual(b.getWeights()[1].arraySync().map((v) => +v.toFixed(6)), [0.1, 0.2, 0.3]);
  b.setWeights(w.map((t) => tf.tensor(t.dataSync(), t.shape)));
  assert.deepEqual(b.predict(XOR_X).dataSync(), a.predict(XOR_X).dataSync());
  assert.equal(a.layers[1].getWeights()[0].shape[0], 3);
  a.dispose(); b.dispose();
});

test('toJSON / models.fromJSON: same predictions, and training resumes identically (optimizer state kept)', async () => {
  const nn = await nnplay();
  const a = xorModel(nn, 4);
  a.compile({ optimizer: nn.train.adam(0.05), loss: 'bce', metrics: ['accuracy'] });
  await a.fit(XOR_X, XOR_Y, { epochs: 5, shuffle: false });
  const json = a.toJSON();
  assert.equal(typeof json, 'string');
  const b = nn.models.fromJSON(json);
  const c = nn.models.fromJSON(JSON.parse(json));
  assert.deepEqual(b.predict(XOR_X).dataSync(), a.predict(XOR_X).dataSync());
  await a.fit(XOR_X, XOR_Y, { epochs: 5, shuffle: false });
  await b.fit(XOR_X, XOR_Y, { epochs: 5, shuffle: false });
  assert.deepEqual(b.getWeights().map((t) => Array.from(t.dataSync())), a.getWeights().map((t) => Array.from(t.dataSync())));
  assert.equal(c.getCompileConfig().optimizer.name, 'adam');
  for (const m of [a, b, c]) m.dispose();
});

test('summary() prints and returns the Keras-style table', async () => {
  const nn = await nnplay();
  const model = xorModel(nn);
  let printed = '';
  const text = model.summary(undefined, undefined, (s) => { printed += s; });
  assert.match(text, /dense_1 \(Dense\)\s+tanh\s+\[null, 8\]\s+24/);
  assert.match(text, /Total params: 33/);
  assert.equal(printed.trim(), text.trim());
  assert.equal(model.countParams(), 33);
  assert.deepEqual(model.inputShape, [null, 2]);
  assert.deepEqual(model.outputShape, [null, 1]);
  model.dispose();
});

test('fit: callbacks in order, per-batch callbacks, stopTraining, validationData = validationSplit', async () => {
  const nn = await nnplay();
  const events = [];
  const model = xorModel(nn, 5);
  model.compile({ optimizer: 'adam', loss: 'bce', metrics: ['accuracy'] });
  const data = nn.datasets.xor({ n: 50, seed: 3 });
  const h = await model.fit(data.x, data.y, { epochs: 3, batchSize: 16, callbacks: [
    { onTrainBegin: () => events.push('trainBegin'), onEpochBegin: (e) => events.push(`epochBegin${e}`) },
    { onBatchEnd: (b, logs) => events.push(`batch${b}:${logs.size}`), onEpochEnd: async (e) => { events.push(`epochEnd${e}`); if (e === 1) model.stopTraining = true; },
      onTrainEnd: () => events.push('trainEnd') }] });
  assert.deepEqual(events, ['trainBegin', 'epochBegin0', 'batch0:16', 'batch1:16', 'batch2:16', 'batch3:2', 'epochEnd0',
    'epochBegin1', 'batch0:16', 'batch1:16', 'batch2:16', 'batch3:2', 'epochEnd1', 'trainEnd']);
  assert.deepEqual(h.epoch, [0, 1]);
  model.dispose();

  // Per-batch and per-epoch paths train identically; validationSplit = the last rows as validationData.
  const run = async (opts) => {
    const m = xorModel(nn, 6);
    m.compile({ optimizer: 'adam', loss: 'bce', metrics: ['accuracy'] });
    const r = await m.fit(data.x, data.y, { epochs: 3, batchSize: 16, ...opts });
    m.dispose();
    return r.history;
  };
  const split = await run({ validationSplit: 0.2 });
  const xs = data.x.arraySync(), ys = data.y.arraySync();
  const explicit = await (async () => {
    const m = xorModel(nn, 6);
    m.compile({ optimizer: 'adam', loss: 'bce', metrics: ['accuracy'] });
    const r = await m.fit(xs.slice(0, 40), ys.slice(0, 40), { epochs: 3, batchSize: 16, validationData: [xs.slice(40), ys.slice(40)] });
    m.dispose();
    return r.history;
  })();
  assert.deepEqual(split, explicit);
  const batched = await run({ validationSplit: 0.2, callbacks: { onBatchEnd: () => {} } });
  assertClose(batched.loss, split.loss, { atol: 1e-12, what: 'per-batch loss' });
  assert.deepEqual(batched.val_loss, split.val_loss);
});

test('step API: setTrainingData, trainSteps, trainEpoch, setLearningRate; equals fit for the same seed', async () => {
  const nn = await nnplay();
  const data = nn.datasets.circle({ n: 100, noise: 0.1, seed: 1 });
  const a = xorModel(nn, 7), b = xorModel(nn, 7);
  for (const m of [a, b]) m.compile({ optimizer: nn.train.sgd(0.03), loss: 'bce', metrics: ['accuracy'] });
  await a.fit(data.x, data.y, { epochs: 3, batchSize: 10 });
  b.setTrainingData(data.x, data.y, { batchSize: 10 });
  const losses = b.trainSteps(25);
  assert.ok(losses instanceof Float32Array && losses.length === 25);
  assert.equal(b.batchesPerEpoch, 10);
  assert.equal(b.epoch, 2);
  const logs = b.trainEpoch();  // finishes epoch 3 (5 batches)
  assert.equal(logs.epoch, 2);
  assert.ok(logs.loss > 0 && logs.acc >= 0);
  assert.deepEqual(b.getWeights().map((t) => Array.from(t.dataSync())), a.getWeights().map((t) => Array.from(t.dataSync())));
  b.setLearningRate(0.001);
  assert.equal(b.getCompileConfig().optimizer.learningRate, 0.001);
  b.reinitialize(7);
  assert.equal(b.epoch, 0);
  a.dispose(); b.dispose();
});

test('evaluateGrid fills out (= predict on the grid) and every neuron activation in one call', async () => {
  const nn = await nnplay();
  const model = nn.sequential({ seed: 2, layers: [
    nn.layers.dense({ units: 4, activation: 'tanh', inputShape: [3] }), nn.layers.dense({ units: 1, activation: 'sigmoid' })] });
  model.compile({ optimizer: 'sgd', loss: 'bce' });
  const res = 7, n = res * res;
  const out = new Float32Array(n), activations = new Float32Array(5 * n);
  const returned = model.evaluateGrid({ res, xMin: -2, xMax: 4, yMin: -1, yMax: 1, features: ['x1', 'x2', 'x1*x2'], out, activations });
  assert.equal(returned, out);
  const raw = [];
  for (let r = 0; r < res; ++r) for (let c = 0; c < res; ++c) raw.push([-2 + 6 * (c + 0.5) / res, 1 - 2 * (r + 0.5) / res]);
  const expected = model.predict(nn.features.transform(raw, 'x1,x2,x1*x2')).dataSync();
  assertClose(out, expected, { atol: 1e-6, what: 'grid output' });
  assertClose(activations.subarray(4 * n), out, { atol: 0, what: 'last neuron = output' });
  assert.ok(activations.subarray(0, 4 * n).every((v) => v >= -1 && v <= 1));
  const again = model.evaluateGrid({ res, xMin: -2, xMax: 4, yMin: -1, yMax: 1, features: 0b10011 });  // same mask as a number
  assert.deepEqual(again, out);
  model.dispose();
});

test('evaluateGridViews gives the same grid and maps as evaluateGrid, as views of the engine, without copying', async () => {
  const nn = await nnplay();
  // Three outputs: the views keep evaluateGrid's row-major [res*res, units] layout.
  const model = nn.sequential({ seed: 3, layers: [
    nn.layers.dense({ units: 5, activation: 'relu', inputShape: [2] }), nn.layers.dense({ units: 3, activation: 'softmax' })] });
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
  const res = 9, n = res * res, grid = { res, xMin: -3, xMax: 2, yMin: -1, yMax: 4 };
  const activations = new Float32Array(8 * n);
  const out = model.evaluateGrid({ ...grid, activations });
  const views = model.evaluateGridViews({ ...grid, activations: true });
  assert.ok(views.out instanceof Float32Array && views.activations instanceof Float32Array);
  assert.deepEqual(Array.from(views.out), Array.from(out));
  assert.deepEqual(Array.from(views.activations), Array.from(activations));
  assert.ok(activations.subarray(0, 5 * n).some((v) => v > 0), 'the relu maps are not all zero');
  // Views of the engine's memory: the next grid call writes into the same buffers.
  const kept = views.out.slice(), view = views.out;
  const other = model.evaluateGridViews({ ...grid, xMin: -30, xMax: 20, yMin: -10, yMax: 40 });
  assert.equal(other.activations, null, 'no maps unless asked');
  assert.equal(view.byteOffset, other.out.byteOffset);
  assert.notDeepEqual(Array.from(view), Array.from(kept));
  assert.throws(() => model.evaluateGridViews({ res, out: new Float32Array(3 * n) }), /evaluateGridViews: unknown option "out"/);
  assert.throws(() => model.evaluateGridViews({ res, activations: new Float32Array(8 * n) }), /evaluateGridViews: activations must be true or false/);
  assert.throws(() => model.evaluateGridViews({ res, xMin: 7 }), /evaluateGridViews: need finite bounds with xMin < xMax/);
  model.dispose();
});

test("the engine's tables: activation, loss, optimizer and initializer names, and each dataset's metadata", async () => {
  const nn = await nnplay();
  assert.deepEqual(nn.activations.names, ['linear', 'sigmoid', 'tanh', 'relu', 'softmax', 'leakyRelu', 'elu']);
  assert.deepEqual(nn.losses.names, ['binaryCrossentropy', 'meanSquaredError', 'categoricalCrossentropy', 'sparseCategoricalCrossentropy']);
  assert.deepEqual(nn.optimizers.names, ['sgd', 'momentum', 'rmsprop', 'adam']);
  assert.deepEqual(nn.initializers.names, ['glorotUniform', 'glorotNormal', 'heUniform', 'heNormal', 'lecunUniform', 'zeros', 'ones']);
  assert.deepEqual(nn.datasets.info.map((d) => d.name), nn.datasets.names);
  for (const d of nn.datasets.info) {
    assert.equal(d.regression, nn.datasets.isRegression(d.name), d.name);
    // usesClasses: the generator gives as many classes as asked for
    if (d.usesClasses) assert.equal(nn.datasets.make(d.name, { n: 30, classes: 4 }).classes, 4, d.name);
    else assert.throws(() => nn.datasets.make(d.name, { n: 30, classes: 4 }), /applies only to/, d.name);
  }
  assert.deepEqual(nn.datasets.info.filter((d) => d.usesClasses).map((d) => d.name), ['spiral', 'blobs']);
  // domain: where the generator draws its points (clean points lie inside it)
  for (const d of nn.datasets.info) {
    const [x1Min, x1Max, x2Min, x2Max] = d.domain;
    assert.ok(x1Min < x1Max && x2Min < x2Max, d.name);
    if (d.name === 'gauss' || d.name === 'blobs') continue;  // Gaussian tails
    const x = nn.datasets.make(d.name, { n: 200, ...(d.usesClasses ? { classes: 3 } : {}) }).x.arraySync();
    assert.ok(x.every(([a, b]) => a >= x1Min && a <= x1Max && b >= x2Min && b <= x2Max), d.name);
  }
  assert.deepEqual(nn.datasets.info.find((d) => d.name === 'coffeeRoasting').domain, [160, 320, 8, 20]);
  assert.deepEqual(nn.datasets.info.find((d) => d.name === 'circle').domain, [-6, 6, -6, 6]);
  // every name is one the API accepts
  for (const a of nn.activations.names) nn.layers.dense({ units: 2, activation: a, inputShape: [2] });
  for (const o of nn.optimizers.names) {
    const m = nn.sequential({ seed: 1, layers: [nn.layers.dense({ units: 1, inputShape: [2] })] });
    m.compile({ optimizer: o, loss: nn.losses.names[1] });
    m.dispose();
  }
  assert.ok(Object.isFrozen(nn.activations.names));
});

test('datasets: every generator, seeded, with split; features; CSV round trip', async () => {
  const nn = await nnplay();
  assert.deepEqual(nn.datasets.names, ['circle', 'xor', 'gauss', 'spiral', 'moons', 'blobs', 'and', 'or', 'coffeeRoasting', 'plane', 'multiGauss']);
  for (const name of nn.datasets.names) {
    const classes = name === 'spiral' || name === 'blobs' ? 3 : undefined;  // the others refuse `classes`
    const d = nn.datasets[name]({ n: 40, noise: 0.3, seed: 8, classes });
    assert.deepEqual(d.x.shape, [40, 2]);
    assert.deepEqual(d.y.shape, [40, 1]);
    assert.equal(d.problem, nn.datasets.isRegression(name) ? 'regression' : 'classification');
    assert.deepEqual(nn.datasets.make(name, { n: 40, noise: 0.3, seed: 8, classes }).x.dataSync(), d.x.dataSync());
    const { train, test } = nn.datasets.trainTestSplit(d, { trainRatio: 0.75, seed: 2 });
    assert.equal(train.n, 30);
    assert.equal(test.n, 10);
    const back = nn.csv.parse(nn.csv.format(d), { problem: d.problem });
    assert.deepEqual(back.x.dataSync(), d.x.dataSync());
    assert.deepEqual(back.y.dataSync(), d.y.dataSync());
  }
  assert.equal(nn.datasets.spiral({ n: 30, classes: 3 }).classes, 3);
  assert.deepEqual(nn.features.names, ['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)']);
  const t = nn.features.transform([[2, 3]], 'x1,x2,x1^2,x2^2,x1*x2,sin(x1),sin(x2)');
  assertClose(t.dataSync(), [2, 3, 4, 9, 6, Math.sin(2), Math.sin(3)], { atol: 1e-6 });
  assert.equal(nn.features.mask(['x1', 'x1*x2']), 0b10001);
  assert.equal(nn.features.count('x1,x2,sin(x1)'), 3);
  const parsed = nn.csv.parse('x1,x2,label\n1,2,0\n 3 , 4 , 1 \r\n');
  assert.deepEqual(parsed.x.arraySync(), [[1, 2], [3, 4]]);
});

test('datasets.fromArrays: user points split and format like generated ones; bad rows are named', async () => {
  const nn = await nnplay();
  const d = nn.datasets.fromArrays([[0, 1], [2, 3], [4, 5], [1, 1]], [0, 1, 2, 1]);
  assert.equal(d.n, 4);
  assert.equal(d.classes, 3);
  assert.equal(d.problem, 'classification');
  const { train, test } = nn.datasets.split(d, 0.5, 3);
  assert.deepEqual([train.n, test.n], [2, 2]);
  // The split is a permutation of the rows.
  const rows = (s) => s.x.arraySync().map((r, i) => `${r},${s.y.dataSync()[i]}`);
  assert.deepEqual([...rows(train), ...rows(test)].sort(), rows(d).sort());
  assert.equal(nn.csv.format(d), 'x1,x2,label\n0,1,0\n2,3,1\n4,5,2\n1,1,1\n');
  const r = nn.datasets.fromArrays(nn.tensor2d([0.5, -1], [1, 2]), [[0.25]], { problem: 'regression' });
  assert.equal(r.classes, 0);
  assert.equal(nn.csv.parse(nn.csv.format(r), { problem: 'regression' }).y.dataSync()[0], 0.25);
  assert.throws(() => nn.datasets.fromArrays([[0, NaN]], [0]), /row 0 contains NaN/);
  assert.throws(() => nn.datasets.fromArrays([[0, 1]], [0.5]), /class 0.5 is not an integer/);
  assert.throws(() => nn.datasets.fromArrays([[0, 1, 2]], [0]), /2 columns/);
  assert.throws(() => nn.datasets.fromArrays([[0, 1]], [0, 1]), /shape \[1\] or \[1, 1\]/);
  assert.throws(() => nn.datasets.fromArrays([[0, 1]], [0], { problem: 'ranking' }), /problem must be/);
});

test('the SINGLE_FILE build gives the same results', async () => {
  const nn = await nnplay();
  const single = await loadFromPackage({ singleFile: true });
  const run = async (lib) => {
    const m = xorModel(lib, 3);
    m.compile({ optimizer: 'adam', loss: 'bce' });
    await m.fit(XOR_X, XOR_Y, { epochs: 20, batchSize: 2 });
    const p = m.predict(XOR_X).dataSync();
    m.dispose();
    return p;
  };
  assert.deepEqual(await run(single), await run(nn));
});

test('tensor helpers: tensor1d / tensor2d / tensor / scalar', async () => {
  const nn = await nnplay();
  assert.deepEqual(nn.tensor2d([[1, 2], [3, 4]]).shape, [2, 2]);
  assert.deepEqual(nn.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]).arraySync(), [[1, 2], [3, 4], [5, 6]]);
  const source = new Float32Array([1, 2]);
  const t = nn.tensor1d(source);
  source[0] = 9;  // tensors copy their input, like tfjs
  assert.deepEqual(Array.from(t.dataSync()), [1, 2]);
  assert.equal(nn.scalar(3).arraySync(), 3);
  assert.deepEqual(nn.tensor([1, 2, 3, 4], [2, 2]).reshape([4]).shape, [4]);
  assert.throws(() => nn.tensor2d([1, 2, 3], [2, 2]), /needs 4 values, got 3/);
  assert.throws(() => nn.tensor1d([[1, 2]]), /1-D/);
});

// fit() without per-epoch hooks trains many epochs per engine call (trainEpochs);
// with an onEpochEnd hook it makes one call per epoch. Both must give the same run.
test('fit: many epochs per engine call give the same history, validation figures and divergence as one per epoch', async () => {
  const nn = await nnplay();
  const d = nn.datasets.circle({ n: 200, noise: 0.1, seed: 3 });
  const make = () => {
    const m = nn.sequential({ seed: 4, layers: [nn.layers.dense({ units: 4, activation: 'tanh', inputShape: [2] }), nn.layers.dense({ units: 1, activation: 'sigmoid' })] });
    m.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    return m;
  };
  const a = make(), b = make();
  const perEpoch = [];
  const ha = await a.fit(d.x, d.y, { epochs: 40, batchSize: 16, validationSplit: 0.25, yieldEvery: 'never',
    callbacks: { onEpochEnd: (epoch) => perEpoch.push(epoch) } });
  const hb = await b.fit(d.x, d.y, { epochs: 40, batchSize: 16, validationSplit: 0.25, yieldEvery: 'never' });
  assert.deepEqual(perEpoch, [...Array(40).keys()]);
  assert.deepEqual(hb.epoch, ha.epoch);
  assert.deepEqual(Object.keys(hb.history).sort(), ['acc', 'loss', 'val_acc', 'val_loss']);
  assert.deepEqual(hb.history, ha.history);
  a.dispose();
  b.dispose();

  // A linear regression at a learning rate just past stability grows until it
  // diverges in epoch 56, in the middle of one engine call: the 55 epochs
  // before it are in the error's history, as they are one call per epoch.
  const plane = nn.datasets.plane({ n: 64, seed: 1 });
  const diverge = async (callbacks) => {
    const m = nn.sequential({ seed: 1, layers: [nn.layers.dense({ units: 1, inputShape: [2] })] });
    m.compile({ optimizer: nn.train.sgd(0.1), loss: 'mse' });
    const error = await m.fit(plane.x, plane.y, { epochs: 400, batchSize: 64, shuffle: false, yieldEvery: 'never', callbacks })
      .then(() => null, (e) => e);
    m.dispose();
    return error;
  };
  const one = await diverge({ onEpochEnd: () => {} }), many = await diverge(undefined);
  assert.ok(many instanceof nn.DivergedError, String(many));
  assert.ok(one instanceof nn.DivergedError, String(one));
  assert.ok(many.history.epoch.length > 10, `diverged after ${many.history.epoch.length} epochs: pick a rate that diverges later`);
  assert.equal(many.epoch, one.epoch);
  assert.deepEqual(many.history, one.history);
});

test("fit: without hooks it still yields ('auto'), so stopTraining set from a timer stops it", async () => {
  const nn = await nnplay();
  const d = nn.datasets.circle({ n: 500, noise: 0.1, seed: 1 });
  const m = nn.sequential({ seed: 1, layers: [nn.layers.dense({ units: 4, activation: 'tanh', inputShape: [2] }), nn.layers.dense({ units: 1, activation: 'sigmoid' })] });
  m.compile({ optimizer: nn.train.sgd(0.03), loss: 'binaryCrossentropy' });
  setTimeout(() => { m.stopTraining = true; }, 30);
  const h = await m.fit(d.x, d.y, { epochs: 20000, batchSize: 10 });  // about 1 s if it never yielded
  assert.ok(h.epoch.length >= 1 && h.epoch.length < 20000, `trained ${h.epoch.length} epochs`);
  assert.equal(h.history.loss.length, h.epoch.length);
  m.dispose();
});
