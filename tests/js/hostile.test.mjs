// Issue 10 regressions in the JS API and the bindings: each case was accepted
// silently (or trapped the module) before, and must now throw a clear Error,
// leaving the module working. Also nn.limits, which the README's table lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nnplay, XOR_X, XOR_Y } from './helpers.mjs';

function xorModel(nn, { seed = 1, units = 4, names = [] } = {}) {
  const m = nn.sequential({ seed, layers: [
    nn.layers.dense({ units, activation: 'tanh', inputShape: [2], name: names[0] }),
    nn.layers.dense({ units: 1, activation: 'sigmoid', name: names[1] })] });
  m.compile({ optimizer: nn.train.adam(0.05), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return m;
}

// The module still trains XOR after whatever went before.
async function stillTrainsXor(nn) {
  const m = xorModel(nn, { seed: 3, units: 8 });
  await m.fit(XOR_X, XOR_Y, { epochs: 300, batchSize: 4 });
  const p = m.predict(XOR_X).dataSync();
  m.dispose();
  assert.deepEqual(Array.from(p, (v) => (v > 0.5 ? 1 : 0)), [0, 1, 1, 0]);
}

test('nn.limits: every engine limit, frozen', async () => {
  const nn = await nnplay();
  assert.deepEqual({ ...nn.limits }, {
    maxRows: 1000000, maxFeatures: 4096, maxUnits: 65536, maxLayers: 256, maxParameters: 1048576,
    maxElements: 67108864, maxGridRes: 2048, maxDatasetPoints: 100000, maxCsvRows: 100000,
    maxCsvLineBytes: 4096, maxCsvBytes: 67108864, maxJsonBytes: 67108864,
  });
  assert.ok(Object.isFrozen(nn.limits));
});

test('item 1: a 2-1024-1 grid of 2048 x 2048 with activations is refused, not written out of bounds', async () => {
  const nn = await nnplay();
  const m = nn.sequential({ seed: 1, layers: [
    nn.layers.dense({ units: 1024, activation: 'tanh', inputShape: [2] }), nn.layers.dense({ units: 1, activation: 'sigmoid' })] });
  m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
  const n = 2048 * 2048;
  // 1025 neurons x 4194304 cells wrapped around 2^32 to exactly 4194304 in 32-bit
  // size_t, so this array passed the length check and the write trapped.
  assert.throws(() => m.evaluateGrid({ res: 2048, out: new Float32Array(n), activations: new Float32Array(n) }),
    /evaluateGrid: activations: 1025 x 4194304 values exceed the limit of 67108864/);
  // Without activations the grid is within the limits and works.
  const out = m.evaluateGrid({ res: 2048, out: new Float32Array(n) });
  assert.ok(out.every((v) => v > 0 && v < 1));
  // An output layer too wide for the grid: refused in JS before allocating, and in C++.
  const wide = nn.sequential({ seed: 1, layers: [nn.layers.dense({ units: 65536, inputShape: [2] })] });
  wide.compile({ optimizer: 'sgd', loss: 'mse' });
  assert.throws(() => wide.evaluateGrid({ res: 2048 }), /evaluateGrid: 4194304 cells x 65536 outputs exceed the limit of 67108864 values/);
  assert.throws(() => wide.evaluateGrid({ res: 2048, out: new Float32Array(4) }), /evaluateGrid: out: 4194304 x 65536 values exceed the limit/);
  assert.throws(() => m.evaluateGrid({ res: 2049 }), /res must be an integer in 1\.\.2048/);
  // The views (no arrays of the caller's to check): the engine refuses before allocating.
  assert.throws(() => m.evaluateGridViews({ res: 2048, activations: true }),
    /evaluateGridViews: activations: 1025 x 4194304 values exceed the limit of 67108864/);
  assert.throws(() => wide.evaluateGridViews({ res: 2048 }), /evaluateGridViews: out: 4194304 x 65536 values exceed the limit/);
  wide.dispose();
  m.dispose();
  await stillTrainsXor(nn);
});

test('item 1: a shape whose size wraps in 32 bits is refused by the bindings', async () => {
  const nn = await nnplay();
  const m = xorModel(nn);
  // The binding's own contract, below the JS API's checks: 65537 x 65537 wraps
  // to 131073 in a 32-bit size_t, so this array's length used to match.
  const { checked } = m._ctx;
  assert.throws(() => checked(m._core.predict(new Float32Array(131073), 65537, 65537)),
    /x: 65537 x 65537 values exceed the limit of 67108864/);
  assert.throws(() => checked(m._core.predict(new Float32Array(0), 2000000, 0)), /x has 2000000 rows; the limit is 1000000/);
  assert.throws(() => checked(m._core.trainSteps(2 ** 31 - 1)), /trainSteps: steps: 2147483647 x 1 values exceed the limit/);
  m.dispose();
  await stillTrainsXor(nn);
});

test('item 9: tensor2d with nested values and a different shape throws instead of reshaping', async () => {
  const nn = await nnplay();
  assert.throws(() => nn.tensor2d([[1, 2], [3, 4]], [4, 1]),
    /tensor2d: the values have shape \[2,2\], which does not match the given shape \[4,1\]/);
  assert.throws(() => nn.tensor([[1, 2, 3], [4, 5, 6]], [3, 2]), /does not match the given shape \[3,2\]/);
  // As in TensorFlow.js: flat values take any shape of their size, and the
  // innermost given dimension may be flat.
  assert.deepEqual(nn.tensor2d([1, 2, 3, 4], [4, 1]).shape, [4, 1]);
  assert.deepEqual(nn.tensor2d([[1, 2], [3, 4]], [2, 2]).arraySync(), [[1, 2], [3, 4]]);
  assert.deepEqual(nn.tensor([[1, 2, 3, 4]], [1, 2, 2]).arraySync(), [[[1, 2], [3, 4]]]);
  assert.deepEqual(nn.tensor2d(new Float32Array([1, 2, 3, 4]), [2, 2]).shape, [2, 2]);
});

test('item 9: layer names are kept, shown on model.layers, saved, and checked', async () => {
  const nn = await nnplay();
  const m = xorModel(nn, { names: ['hidden', undefined] });
  assert.deepEqual(m.layers.map((l) => l.name), ['hidden', 'dense_2']);
  const back = nn.models.fromJSON(m.toJSON());
  assert.deepEqual(back.layers.map((l) => l.name), ['hidden', 'dense_2']);
  assert.equal(JSON.parse(m.toJSON()).layers[0].name, 'hidden');
  assert.deepEqual(nn.models.fromJSON(JSON.parse(m.toJSON())).layers.map((l) => l.name), ['hidden', 'dense_2']);
  assert.throws(() => xorModel(nn, { names: ['same', 'same'] }), /layer 1 \(dense\): the name "same" is already used by layer 0; layer names must be unique/);
  for (const bad of ['', ' hidden', 'a b', 42, {}])
    assert.throws(() => nn.layers.dense({ units: 2, name: bad }), /layers\.dense: name must start with a letter or digit/);
  const json = JSON.parse(m.toJSON());
  json.layers[1].name = 'hidden';
  assert.throws(() => nn.models.fromJSON(json), /layers\[1\]: layer 1 \(dense\): the name "hidden" is already used by layer 0/);
  json.layers[1].name = 'bad name';
  assert.throws(() => nn.models.fromJSON(json), /layers\[1\]: layer 1 \(dense\): name must start with a letter or digit/);
  m.dispose();
  back.dispose();
});

test('item 9: kernelRegularizer with an unknown key or no rate throws', async () => {
  const nn = await nnplay();
  assert.throws(() => nn.layers.dense({ units: 2, inputShape: [2], kernelRegularizer: { l3: 1 } }),
    /layers\.dense: kernelRegularizer: unknown option "l3"; expected one of: l1, l2/);
  assert.throws(() => nn.layers.dense({ units: 2, kernelRegularizer: {} }), /kernelRegularizer needs l1 and\/or l2/);
  assert.throws(() => nn.layers.dense({ units: 2, kernelRegularizer: [0.1] }), /kernelRegularizer must be/);
  assert.throws(() => nn.layers.dense({ units: 2, kernelRegularizer: { getConfig: () => ({ l1: 0.1, scale: 2 }) } }),
    /unknown option "scale"/);
  const d = nn.layers.dense({ units: 2, kernelRegularizer: { l2: 0.25 } });
  assert.deepEqual([d.l1, d.l2], [0, 0.25]);
});

test('item 9: datasets refuse `classes` where it does not apply', async () => {
  const nn = await nnplay();
  assert.throws(() => nn.datasets.circle({ classes: 99 }),
    /make_dataset\("circle"\): options\.classes \(99\) applies only to spiral and blobs; circle always makes 2 classes/);
  assert.throws(() => nn.datasets.plane({ classes: 3 }), /plane is a regression dataset/);
  assert.throws(() => nn.datasets.spiral({ classes: 99 }), /options\.classes must be in 2\.\.6, got 99/);
  assert.equal(nn.datasets.circle({ classes: 2, n: 10 }).classes, 2);
  assert.equal(nn.datasets.blobs({ classes: 5, n: 10 }).classes, 5);
});

test('item 9: a third validationData entry (sample weights) throws', async () => {
  const nn = await nnplay();
  const m = xorModel(nn);
  await assert.rejects(m.fit(XOR_X, XOR_Y, { validationData: [XOR_X, XOR_Y, [1, 1, 1, 1]] }),
    /fit: validationData must be \[xVal, yVal\], got an array of length 3 \(sample weights are not supported\)/);
  await assert.rejects(m.fit(XOR_X, XOR_Y, { validationData: [XOR_X] }), /validationData must be \[xVal, yVal\]/);
  m.dispose();
});

test('item 9: cross-entropy targets outside [0, 1] throw (binary label 7)', async () => {
  const nn = await nnplay();
  const m = xorModel(nn);
  const bad = [[0], [1], [7], [0]];
  const message = /y row 2, column 0: 7 is not a valid binaryCrossentropy target; targets must be in \[0, 1\]/;
  await assert.rejects(m.fit(XOR_X, bad), message);
  assert.throws(() => m.evaluate(XOR_X, bad), message);
  assert.throws(() => m.setTrainingData(XOR_X, [[0], [-0.5], [1], [0]]), /y row 1, column 0: -0\.5 is not a valid/);
  await assert.rejects(m.fit(XOR_X, XOR_Y, { validationData: [XOR_X, bad] }), /validation data: y row 2, column 0: 7 is not a valid binaryCrossentropy target/);
  await m.fit(XOR_X, [[0], [0.9], [1], [0.1]], { epochs: 1 });  // soft labels are probabilities: fine
  const cce = nn.sequential({ seed: 1, layers: [nn.layers.dense({ units: 3, activation: 'softmax', inputShape: [2] })] });
  cce.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
  assert.throws(() => cce.evaluate([[0, 0]], [[0, 2, 0]]), /column 1: 2 is not a valid categoricalCrossentropy target/);
  cce.dispose();
  // Regression targets are unchecked.
  const mse = nn.sequential({ seed: 1, layers: [nn.layers.dense({ units: 1, inputShape: [2] })] });
  mse.compile({ optimizer: 'sgd', loss: 'mse' });
  await mse.fit(XOR_X, bad, { epochs: 1 });
  mse.dispose();
  m.dispose();
});

test("item 9: yieldEvery: 'batch' yields after every batch and trains like per-epoch", async () => {
  const nn = await nnplay();
  const x = [...XOR_X, ...XOR_X], y = [...XOR_Y, ...XOR_Y];
  const a = xorModel(nn, { seed: 5 }), b = xorModel(nn, { seed: 5 });
  const yields = [];
  let ticks = 0, ticking = true;
  const tick = () => { if (ticking) { ++ticks; setImmediate(tick); } };
  setImmediate(tick);
  const ha = await a.fit(x, y, { epochs: 3, batchSize: 2, yieldEvery: 'batch',
    callbacks: { onYield: (epoch, batch) => yields.push([epoch, batch]) } });
  ticking = false;
  const hb = await b.fit(x, y, { epochs: 3, batchSize: 2, yieldEvery: 'never' });
  assert.deepEqual(yields, [0, 1, 2].flatMap((e) => [0, 1, 2, 3].map((batch) => [e, batch])));
  assert.ok(ticks >= 12, `the event loop ran ${ticks} times during 12 batches`);
  assert.deepEqual(ha.history.loss, hb.history.loss);
  await assert.rejects(a.fit(x, y, { yieldEvery: 'sometimes' }), /yieldEvery must be 'auto', 'batch', 'epoch', 'never' or milliseconds/);
  a.dispose();
  b.dispose();
});

test('items 2 and 5 through JS: CSV and model texts beyond the limits never reach the heap', async () => {
  const nn = await nnplay();
  const before = nn.memory().heapBytes;
  assert.throws(() => nn.csv.parse('1,2,0\n'.padEnd(nn.limits.maxCsvBytes + 1, '\n')),
    /csv\.parse: text has 67108865 characters; the limit is 67108864/);
  assert.throws(() => nn.models.fromJSON(' '.repeat(nn.limits.maxJsonBytes + 1)),
    /models\.fromJSON: the model JSON has 67108865 characters; the limit is 67108864/);
  assert.equal(nn.memory().heapBytes, before, 'the wasm heap grew');
  assert.throws(() => nn.csv.parse('1,2,0\n0x10,4,1\n'), /CSV line 2, column 1: "0x10" is not a number/);
  assert.throws(() => nn.csv.parse('1;2;0\n'), /CSV line 1: expected 3 cells .* \(cells must be separated by commas\)/);
  assert.equal(nn.csv.parse('"1","2","0"\n3,4,1\n').n, 2);
  assert.throws(() => nn.csv.parse('1,2,0\n', { maxRows: 100001 }), /maxRows must be an integer in 1\.\.100000/);
  assert.throws(() => nn.csv.parse(`1,2,0\n${','.repeat(5000)}\n`), /CSV line 2 has 5000 characters; the limit is 4096/);
  await stillTrainsXor(nn);
});
