// Property tests (fast-check) of the JS API's argument checks: a call with one
// argument or option replaced by a random wrong value must throw an Error with a
// message - never trap the module, throw a non-Error, hang, or be accepted
// silently - and afterwards the same module still trains XOR, with nn.memory()
// where it was (errors free what they allocated).
//
// "Wrong" is decided by each case's own validity rule below (written from the
// API's documentation, independent of its implementation); the generators draw
// from fc.anything() plus near misses, and keep only values the rule calls wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { nnplay, XOR_X, XOR_Y } from './helpers.mjs';

// ---- validity rules -------------------------------------------------------------------
const fold = (s) => s.replace(/[_\- ]/g, '').toLowerCase();
const nameIn = (list) => (v) => typeof v === 'string' && list.map(fold).includes(fold(v));
const isActivation = nameIn(['linear', 'sigmoid', 'tanh', 'relu', 'softmax', 'leakyRelu', 'elu']);
const isLoss = nameIn(['binaryCrossentropy', 'bce', 'meanSquaredError', 'mse', 'categoricalCrossentropy', 'cce',
  'sparseCategoricalCrossentropy', 'scce']);
const isOptimizer = nameIn(['sgd', 'momentum', 'rmsprop', 'adam']);
const isInitializer = nameIn(['glorotUniform', 'glorotNormal', 'heUniform', 'heNormal', 'lecunUniform', 'zeros', 'ones']);
const isInt = (v, min, max = 2 ** 31 - 1) => Number.isInteger(v) && v >= min && v <= max;
// Options are plain objects: not arrays, typed arrays, Dates, Maps or boxed primitives.
const isPlainObject = (v) => v !== null && typeof v === 'object' && Object.prototype.toString.call(v) === '[object Object]';
const isOwnPlain = (v) => isPlainObject(v) && [Object.prototype, null].includes(Object.getPrototypeOf(v));
const absent = (v) => v === undefined || v === null;
const isRate = (v) => absent(v) || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
const isLayerName = (v) => typeof v === 'string' && v.length <= 200 && /^[A-Za-z0-9][-A-Za-z0-9._/]*$/.test(v);
const isRegularizer = (v) => absent(v) ||
  (typeof v === 'string' && ['l1', 'l2', 'l1l2'].includes(v.replace(/[_\s]/g, '').toLowerCase())) ||
  (isPlainObject(v) && typeof v.getConfig !== 'function' && Object.keys(v).every((k) => ['l1', 'l2'].includes(k) || v[k] === undefined) &&
   (!absent(v.l1) || !absent(v.l2)) && isRate(v.l1) && isRate(v.l2));
// A sequence: an array without holes, or a typed array (not a DataView).
const isSequence = (v) => (Array.isArray(v) && Object.keys(v).length === v.length) ||
  (ArrayBuffer.isView(v) && !(v instanceof DataView));
const isValue = (e, min = -Infinity, max = Infinity) => typeof e === 'boolean' || (typeof e === 'number' && e >= min && e <= max);
// A [rows, 2] matrix of finite numbers or booleans, as nested sequences.
const isXorShapedX = (v) => isSequence(v) && !ArrayBuffer.isView(v) && v.length >= 1 &&
  Array.from(v).every((row) => isSequence(row) && row.length === 2 && Array.from(row).every((e) => isValue(e)));
// Four binary cross-entropy targets in [0, 1]: [4] or [4, 1].
const isTargets = (v, rows) => isSequence(v) && v.length === rows && Array.from(v).every((r) =>
  isValue(r, 0, 1) || (isSequence(r) && !ArrayBuffer.isView(v) && r.length === 1 && isValue(r[0], 0, 1)));

// ---- generators ------------------------------------------------------------------------
const anything = fc.anything({ withBigInt: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true,
  withBoxedValues: true, withObjectString: true, withDate: true, withMap: true, withSet: true, maxDepth: 3 });
const nearMisses = fc.constantFrom(0, -1, 1.5, -0.5, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 53, 65537, 4097, 1e308,
  '1', '', ' ', 'tanh ', 'x1', '0x10', true, false, null, [], [null], [2, 2], [[]], {}, { l3: 1 }, () => 1, new Float32Array(2));
/** Values the rule calls wrong. */
const wrong = (isValid) => fc.oneof(anything, nearMisses, fc.string(), fc.double()).filter((v) => {
  try { return !isValid(v); } catch { return true; }
});
const unknownKey = fc.string({ minLength: 1, maxLength: 12 });

// ---- the cases: [name, arbitrary of the wrong input, the call] ------------------------------
const DENSE_KEYS = ['units', 'activation', 'inputShape', 'inputDim', 'batchInputShape', 'useBias', 'kernelInitializer',
  'biasInitializer', 'kernelRegularizer', 'name', 'trainable', 'dtype'];
const baseDense = () => ({ units: 3, activation: 'tanh', inputShape: [2] });
const denseField = (key, isValid) => [`layers.dense ${key}`, wrong(isValid),
  (nn, v) => nn.sequential({ seed: 1, layers: [nn.layers.dense({ ...baseDense(), [key]: v })] })];

const compiled = (nn) => {
  const m = nn.sequential({ seed: 1, layers: [nn.layers.dense({ units: 4, activation: 'tanh', inputShape: [2] }),
    nn.layers.dense({ units: 1, activation: 'sigmoid' })] });
  m.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return m;
};
const withModel = (fn) => async (nn, v) => {
  const m = compiled(nn);
  try { return await fn(m, v, nn); } finally { m.dispose(); }
};
const FIT_KEYS = ['epochs', 'batchSize', 'shuffle', 'validationSplit', 'validationData', 'callbacks', 'yieldEvery', 'initialEpoch', 'verbose'];
const fitOption = (key, isValid) => [`fit ${key}`, wrong(isValid),
  withModel((m, v) => m.fit(XOR_X, XOR_Y, { epochs: 1, batchSize: 4, [key]: v }))];
const isSplit = (v) => absent(v) || v === 0 || (typeof v === 'number' && v > 0 && v < 1 &&
  Math.floor(4 * (1 - v)) >= 1 && Math.floor(4 * (1 - v)) < 4);
const HOOKS = ['onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onEpochEnd', 'onBatchBegin', 'onBatchEnd', 'onYield'];
const isCallbacks = (v) => absent(v) || (Array.isArray(v) ? v : [v]).every((c) => (isOwnPlain(c) &&
  Object.keys(c).every((k) => (HOOKS.includes(k) && typeof c[k] === 'function') || c[k] === undefined)) ||
  (c !== null && typeof c === 'object' && !Array.isArray(c) && HOOKS.some((h) => typeof c[h] === 'function')));

const cases = [
  denseField('units', (v) => isInt(v, 1, 65536)),
  denseField('activation', (v) => absent(v) || isActivation(v)),
  denseField('inputShape', (v) => Array.isArray(v) && v.length === 1 && isInt(v[0], 1, 4096)),
  denseField('useBias', (v) => absent(v) || typeof v === 'boolean'),
  denseField('kernelInitializer', (v) => absent(v) || isInitializer(v)),
  denseField('kernelRegularizer', isRegularizer),
  denseField('name', (v) => absent(v) || isLayerName(v)),
  denseField('dtype', (v) => absent(v) || v === 'float32'),
  ['layers.dense unknown option', unknownKey.filter((k) => !DENSE_KEYS.includes(k)),
    (nn, k) => nn.layers.dense({ ...baseDense(), [k]: 1 })],
  ['compile loss', wrong(isLoss), withModel((m, v) => m.compile({ optimizer: 'sgd', loss: v }))],
  ['compile optimizer', wrong((v) => absent(v) || isOptimizer(v)), withModel((m, v) => m.compile({ optimizer: v, loss: 'bce' }))],
  ['compile metrics', wrong((v) => absent(v) || ['accuracy', 'acc'].includes(v) ||
    (Array.isArray(v) && v.every((e) => ['accuracy', 'acc'].includes(e)))),
    withModel((m, v) => m.compile({ optimizer: 'sgd', loss: 'bce', metrics: v }))],
  ['compile fromLogits', wrong((v) => absent(v) || typeof v === 'boolean'),
    withModel((m, v) => m.compile({ optimizer: 'sgd', loss: 'bce', fromLogits: v }))],
  fitOption('epochs', (v) => absent(v) || isInt(v, 0)),
  fitOption('batchSize', (v) => absent(v) || isInt(v, 1)),
  fitOption('shuffle', (v) => absent(v) || typeof v === 'boolean'),
  fitOption('validationSplit', isSplit),
  fitOption('yieldEvery', (v) => v === undefined || ['auto', 'batch', 'epoch', 'never'].includes(v) ||
    (typeof v === 'number' && Number.isFinite(v) && v >= 0)),
  fitOption('initialEpoch', (v) => absent(v) || isInt(v, 0)),
  fitOption('verbose', (v) => absent(v) || typeof v === 'boolean' || isInt(v, 0, 2)),
  fitOption('callbacks', isCallbacks),
  fitOption('validationData', (v) => absent(v) || (Array.isArray(v) && v.length === 2 && isXorShapedX(v[0]) &&
    isTargets(v[1], v[0].length))),
  ['fit unknown option', unknownKey.filter((k) => !FIT_KEYS.includes(k)),
    withModel((m, k) => m.fit(XOR_X, XOR_Y, { epochs: 1, [k]: 1 }))],
  ['fit y', wrong((v) => isTargets(v, 4)), withModel((m, v) => m.fit(XOR_X, v, { epochs: 1 }))],
  ['predict x', wrong(isXorShapedX), withModel((m, v) => m.predict(v))],
  ['predict options', wrong((v) => absent(v) || (isPlainObject(v) && Object.keys(v).every((k) =>
    (k === 'batchSize' && (absent(v[k]) || isInt(v[k], 1))) || (k === 'verbose' && (absent(v[k]) || typeof v[k] === 'boolean' || isInt(v[k], 0, 2))) ||
    v[k] === undefined))), withModel((m, v) => m.predict(XOR_X, v))],
  ['evaluateGrid res', wrong((v) => absent(v) || isInt(v, 1, 2048)), withModel((m, v) => m.evaluateGrid({ res: v }))],
  ['evaluateGrid bounds', wrong((v) => absent(v) || (typeof v === 'number' && Number.isFinite(v) && v < 6)),
    withModel((m, v) => m.evaluateGrid({ res: 4, xMin: v }))],
  ['setWeights', wrong(() => false), withModel((m, v) => m.setWeights(v))],  // no random value has the 4 right shapes
  ['trainSteps', wrong((v) => v === undefined || isInt(v, 0)), withModel((m, v) => { m.setTrainingData(XOR_X, XOR_Y); m.trainSteps(v); })],
  ['tensor2d shape', wrong((v) => absent(v) || (Array.isArray(v) && v.length === 2 && v[0] === 2 && v[1] === 2)),
    (nn, v) => nn.tensor2d([[1, 2], [3, 4]], v)],
  ['datasets.make name', wrong((v) => typeof v === 'string' && ['circle', 'xor', 'gauss', 'spiral', 'moons', 'blobs', 'plane',
    'multigauss'].includes(fold(v))), (nn, v) => nn.datasets.make(v, { n: 10 })],
  ['datasets n', wrong((v) => absent(v) || isInt(v, 1, 100000)), (nn, v) => nn.datasets.circle({ n: v })],
  ['datasets noise', wrong((v) => absent(v) || (typeof v === 'number' && v >= 0 && v <= 1)), (nn, v) => nn.datasets.xor({ n: 10, noise: v })],
  ['datasets classes', wrong((v) => absent(v) || v === 2), (nn, v) => nn.datasets.circle({ n: 10, classes: v })],
  ['csv.parse maxRows', wrong((v) => absent(v) || isInt(v, 1, 100000)), (nn, v) => nn.csv.parse('1,2,0\n3,4,1\n', { maxRows: v })],
  ['csv.parse text', wrong((v) => typeof v === 'string'), (nn, v) => nn.csv.parse(v)],
  ['models.fromJSON', wrong(() => false), (nn, v) => nn.models.fromJSON(v)],
];

// fc.property over every case; each draw must end in a clean Error.
async function checkAll(nn, { numRuns, seed }) {
  for (const [name, arbitrary, call] of cases) {
    await fc.assert(fc.asyncProperty(arbitrary, async (value) => {
      let error = null;
      try {
        await call(nn, value);
      } catch (e) {
        error = e;
      }
      assert.ok(error !== null, `${name}: accepted ${fc.stringify(value)}`);
      assert.ok(error instanceof Error, `${name}: threw a non-Error ${fc.stringify(error)} for ${fc.stringify(value)}`);
      assert.ok(!(error instanceof WebAssembly.RuntimeError), `${name}: the module trapped (${error.message}) for ${fc.stringify(value)}`);
      assert.notEqual(error.name, 'BindingError', `${name}: Embind BindingError ${error.message}`);
      assert.ok(typeof error.message === 'string' && error.message.length > 10, `${name}: message "${error.message}"`);
    }), { numRuns, seed, endOnFailure: true });
  }
}

async function trainsXor(nn) {
  const m = nn.sequential({ seed: 3, layers: [nn.layers.dense({ units: 8, activation: 'tanh', inputShape: [2] }),
    nn.layers.dense({ units: 1, activation: 'sigmoid' })] });
  m.compile({ optimizer: nn.train.adam(0.05), loss: 'binaryCrossentropy' });
  await m.fit(XOR_X, XOR_Y, { epochs: 300, batchSize: 4 });
  const p = Array.from(m.predict(XOR_X).dataSync(), (v) => (v > 0.5 ? 1 : 0));
  m.dispose();
  return p;
}

test('random wrong arguments to the JS API give an Error; the module then trains XOR with flat memory', { timeout: 600000 }, async () => {
  const nn = await nnplay();
  await checkAll(nn, { numRuns: 10, seed: 1 });  // warm-up: first-use allocations and heap growth
  assert.deepEqual(await trainsXor(nn), [0, 1, 1, 0]);
  const before = nn.memory();
  await checkAll(nn, { numRuns: Number(process.env.NNPLAY_PROPERTY_RUNS ?? 150), seed: Number(process.env.NNPLAY_PROPERTY_SEED ?? 42) });
  assert.deepEqual(await trainsXor(nn), [0, 1, 1, 0]);
  const after = nn.memory();
  assert.equal(after.allocatedBytes, before.allocatedBytes, `live bytes ${before.allocatedBytes} -> ${after.allocatedBytes}`);
  assert.equal(after.heapBytes, before.heapBytes, 'the wasm heap grew');
  assert.equal(after.jsHandles, before.jsHandles, 'Embind handles leaked');
});
