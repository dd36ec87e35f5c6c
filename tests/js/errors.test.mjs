// Bad input gives a JS Error carrying the engine's message (not an abort, a
// number or an Embind BindingError), errors leak nothing, and the module keeps
// working afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nnplay, XOR_X, XOR_Y } from './helpers.mjs';

function model(nn, { compiled = true, seed = 1 } = {}) {
  const m = nn.sequential({ seed, layers: [
    nn.layers.dense({ units: 4, activation: 'tanh', inputShape: [2] }), nn.layers.dense({ units: 1, activation: 'sigmoid' })] });
  if (compiled) m.compile({ optimizer: nn.train.sgd(0.5), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return m;
}

// Asserts fn throws (or rejects with) an Error (not a BindingError) whose message matches.
async function rejects(fn, pattern) {
  let error = null;
  try { await fn(); } catch (e) { error = e; }
  assert.ok(error, `expected an error matching ${pattern}`);
  assert.ok(error instanceof Error, `not an Error: ${error}`);
  assert.notEqual(error.name, 'BindingError', error.message);
  assert.match(error.message, pattern);
  return error;
}

// Every bad-input case, as [description, action, expected message], and a
// dispose() for the models the cases use.
function badInputs(nn) {
  const m = model(nn);
  const fresh = model(nn, { compiled: false });
  const noData = model(nn);
  const sparse = nn.sequential({ seed: 1, layers: [nn.layers.dense({ units: 3, activation: 'softmax', inputShape: [2] })] });
  sparse.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
  const dispose = () => { for (const x of [m, fresh, noData, sparse]) x.dispose(); };
  const cases = [
    ['x with the wrong column count', () => m.fit([[1, 2, 3]], [[1]]), /x must have 2 columns \(the model's input size\), got shape \[1, 3\]/],
    ['x and y row counts differ', () => m.fit(XOR_X, [[1], [0]]), /same number of rows, got 4 and 2/],
    ['y with the wrong column count', () => m.fit(XOR_X, [[1, 0], [0, 1], [1, 0], [0, 1]]), /y must have 1 columns .* got shape \[4, 2\]/],
    ['predict with the wrong width', () => m.predict([[1, 2, 3]]), /x must have 2 columns/],
    ['1-D x', () => m.predict([1, 2]), /x must be 2-D \[samples, features\], got shape \[2\]/],
    ['ragged x', () => m.predict([[1, 2], [3]]), /x\[1\] must be an array of 2 values/],
    ['a string in x', () => m.predict([[1, 'a']]), /x\[0\]\[1\] must be a number, got "a"/],
    ['empty x', () => m.fit([], []), /empty|2-D/],
    ['setWeights with a wrong shape', () => m.setWeights([[[1, 2, 3, 4]], [0, 0, 0, 0], [[1], [1], [1], [1]], [0]]), /layer 0 kernel \(array 0\) must have shape \[2, 4\], got \[1, 4\]/],
    ['setWeights with too few arrays', () => m.setWeights([[[1]]]), /expects 4 arrays/],
    ['a class index out of range', () => sparse.fit([[0, 0]], [5]), /class index 5.* not an integer in \[0, 2\]/],
    ['a fractional class index', () => sparse.fit([[0, 0]], [1.5]), /class index 1\.5/],
    ['NaN in x (fit)', () => m.fit([[0, NaN]], [[1]]), /x contains NaN at row 0, column 1/],
    ['NaN in x (predict)', () => m.predict([[NaN, 0]]), /x must be finite, but has NaN at row 0, column 0/],
    ['NaN in x (evaluate)', () => m.evaluate([[0, 0], [NaN, 1]], [[0], [1]]), /x contains NaN at row 1/],
    ['Inf in y', () => m.fit([[0, 0]], [[Infinity]]), /y contains Inf at row 0/],
    ['unknown loss', () => m.compile({ optimizer: 'sgd', loss: 'hinge' }), /unknown loss "hinge"; expected one of: binaryCrossentropy/],
    ['unknown optimizer', () => m.compile({ optimizer: 'adagrad', loss: 'mse' }), /unknown optimizer "adagrad"; expected one of: sgd, momentum, rmsprop, adam/],
    ['unknown activation', () => nn.sequential({ layers: [nn.layers.dense({ units: 2, activation: 'swish', inputShape: [2] })] }), /unknown activation "swish"/],
    ['unknown initializer', () => nn.sequential({ layers: [nn.layers.dense({ units: 2, kernelInitializer: 'orthogonal', inputShape: [2] })] }), /unknown initializer "orthogonal"/],
    ['unknown dataset', () => nn.datasets.make('donut', {}), /unknown dataset "donut"; expected one of: circle/],
    ['unknown feature', () => nn.features.transform([[1, 2]], 'x3'), /x3/],
    ['unknown fit option (typo)', () => m.fit(XOR_X, XOR_Y, { epoch: 3 }), /fit: unknown option "epoch"/],
    ['unknown metric', () => m.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['auc'] }), /unsupported metric "auc"/],
    ['zero units', () => nn.layers.dense({ units: 0, inputShape: [2] }), /units must be an integer in 1\.\.65536, got number 0/],
    ['a first layer without inputShape', () => nn.sequential({ layers: [nn.layers.dense({ units: 2 })] }), /needs an inputShape/],
    ['softmax over one unit', () => nn.sequential({ layers: [nn.layers.dense({ units: 1, activation: 'softmax', inputShape: [2] })] }), /softmax over 1 unit/],
    ['categorical loss on one unit', () => m.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' }), /needs an output layer of at least 2 units/],
    ['negative learning rate', () => m.compile({ optimizer: nn.train.sgd(-1), loss: 'mse' }), /learningRate must be a finite number > 0/],
    ['batchSize 0', () => m.fit(XOR_X, XOR_Y, { batchSize: 0 }), /batchSize must be an integer in 1\.\./],
    ['bad validationSplit', () => m.fit(XOR_X, XOR_Y, { validationSplit: 1.5 }), /validationSplit must be in \[0, 1\)/],
    ['malformed CSV', () => nn.csv.parse('x1,x2,label\n1,2,0\n1,oops,1\n'), /line 3, column 2/],
    ['malformed model JSON', () => nn.models.fromJSON('{"format":"nnplay-model"'), /model JSON is malformed/],
    ['model JSON of the wrong format', () => nn.models.fromJSON({ format: 'keras' }), /"format" must be "nnplay-model"/],
    ['evaluate before compile', () => fresh.evaluate(XOR_X, XOR_Y), /evaluate needs a compiled model/],
    ['fit before compile', () => fresh.fit(XOR_X, XOR_Y), /training needs a compiled model/],
    ['trainSteps before setTrainingData', () => noData.trainSteps(3), /no training data/],
    ['evaluateGrid with a short out array', () => m.evaluateGrid({ res: 4, out: new Float32Array(15) }), /out must be a Float32Array of 16 values, got length 15/],
    ['evaluateGrid with features that do not fit', () => m.evaluateGrid({ res: 4, features: 'x1,x2,x1^2' }), /features give 3 inputs but the model takes 2/],
    ['a non-integer seed', () => nn.sequential({ seed: 1.5 }), /seed must be a non-negative integer/],
  ];
  return { cases, dispose };
}

test('bad input: each case gives an Error with a specific message', async () => {
  const nn = await nnplay();
  const { cases, dispose } = badInputs(nn);
  for (const [what, action, pattern] of cases) {
    await test(what, async () => { await rejects(action, pattern); });
  }
  dispose();
});

test('use after dispose: a clear Error from every method, not a BindingError', async () => {
  const nn = await nnplay();
  const m = model(nn);
  m.dispose();
  m.dispose();  // twice is fine
  const calls = [() => m.predict(XOR_X), () => m.fit(XOR_X, XOR_Y), () => m.evaluate(XOR_X, XOR_Y), () => m.getWeights(),
    () => m.setWeights([]), () => m.summary(), () => m.toJSON(), () => m.compile({ optimizer: 'sgd', loss: 'mse' }),
    () => m.trainSteps(1), () => m.trainEpoch(), () => m.setTrainingData(XOR_X, XOR_Y), () => m.evaluateGrid({}),
    () => m.setLearningRate(0.1), () => m.reinitialize(1), () => m.countParams(), () => m.add(nn.layers.dense({ units: 1 }))];
  for (const call of calls) await rejects(call, /^model has been disposed$/);
});

test('dispose during fit stops it with the disposed Error', async () => {
  const nn = await nnplay();
  const m = model(nn);
  await rejects(() => m.fit(XOR_X, XOR_Y, { epochs: 10, callbacks: { onEpochEnd: (e) => { if (e === 2) m.dispose(); } } }),
    /model has been disposed/);
});

test('a diverged run raises DivergedError, keeps finite weights, and can continue at a lower rate', async () => {
  const nn = await nnplay();
  const data = nn.datasets.plane({ n: 64, seed: 1 });
  const m = nn.sequential({ seed: 1, layers: [nn.layers.dense({ units: 8, activation: 'relu', inputShape: [2] }), nn.layers.dense({ units: 1 })] });
  m.compile({ optimizer: nn.train.sgd(1e4), loss: 'mse' });
  const error = await rejects(() => m.fit(data.x, data.y, { epochs: 50, batchSize: 8 }), /training diverged at epoch \d+, batch \d+/);
  assert.ok(error instanceof nn.DivergedError);
  assert.equal(error.name, 'DivergedError');
  assert.equal(error.diverged, true);
  assert.ok(error.epoch >= 1 && error.batch >= 1);
  assert.ok(Array.isArray(error.history.epoch));
  assert.ok(m.getWeights().every((w) => w.dataSync().every(Number.isFinite)));
  m.reinitialize(1);
  m.setLearningRate(0.01);
  const h = await m.fit(data.x, data.y, { epochs: 3, batchSize: 8 });
  assert.ok(h.history.loss.every(Number.isFinite));
  // The step API reports it the same way.
  m.setLearningRate(1e4);
  m.setTrainingData(data.x, data.y, { batchSize: 8 });
  const stepError = await rejects(() => { for (let i = 0; i < 100; ++i) m.trainSteps(10); }, /diverged/);
  assert.ok(stepError instanceof nn.DivergedError);
  m.dispose();
});

test('errors leak nothing: 200 rounds of every bad input leave the heap and Embind handles unchanged', async () => {
  const nn = await nnplay();
  const round = async () => {
    const { cases, dispose } = badInputs(nn);
    for (const [, action] of cases) { try { await action(); } catch { /* expected */ } }
    dispose();
  };
  await round();  // warm-up: one-time allocations (name tables, error message buffer)
  const before = nn.memory();
  for (let i = 0; i < 200; ++i) await round();
  const after = nn.memory();
  assert.equal(after.allocatedBytes, before.allocatedBytes, 'wasm heap bytes leaked by errors');
  assert.equal(after.jsHandles, before.jsHandles, 'Embind handles leaked by errors');
});

test('after all those errors the same module still trains XOR', async () => {
  const nn = await nnplay();
  const m = model(nn, { seed: 2 });
  const h = await m.fit(XOR_X, XOR_Y, { epochs: 300, batchSize: 4 });
  assert.equal(h.history.acc.at(-1), 1);
  m.dispose();
});
