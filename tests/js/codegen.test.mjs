// The Code view's generators (web/src/teach/codegen.js): the Keras code names the
// description's layers, loss, optimizer and training settings (read back with
// regexes, and run in Python against a stand-in `tensorflow` module that records
// the calls); the nnplay JavaScript runs and builds the described model; the NumPy
// forward pass, run by Debian's python3 + numpy, reproduces model.predict and the
// exact float32 weights.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  generateKeras, generateJs, generateNumpy, generateAll, normalizeDescription, forwardPass, computeFeatures,
  float32Text, descriptionFromModelJSON,
} from '../../web/src/teach/codegen.js';
import { nnplay, assertClose } from './helpers.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PYTHON = '/usr/bin/python3';  // Debian's, with python3-numpy (scripts/setup.sh)

// ---- descriptions covering the cases the page produces ---------------------------------------
const BINARY = {
  features: ['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)'],
  layers: [{ units: 8, activation: 'tanh', dropout: 0.2 }, { units: 4, activation: 'relu' }, { units: 1, activation: 'sigmoid' }],
  loss: 'binaryCrossentropy',
  optimizer: { name: 'adam', learningRate: 0.03 },
  batchSize: 10, epochs: 7, seed: 5,
  dataset: { name: 'circle', n: 120, noise: 0.1, seed: 2 },
};
const REGRESSION_NO_HIDDEN = {
  features: ['x2', 'x1'],  // any order: the code uses the engine's order
  layers: [{ units: 1, activation: 'linear' }],
  loss: 'meanSquaredError',
  optimizer: { name: 'sgd', learningRate: 0.003 },
  batchSize: 25, epochs: 4, seed: 1,
  dataset: { name: 'plane', n: 80, noise: 0.2, seed: 3 },
};
const SOFTMAX = {
  features: ['x1', 'x2'],
  layers: [{ units: 6, activation: 'elu' }, { units: 3, activation: 'softmax' }],
  loss: 'sparseCategoricalCrossentropy',
  optimizer: { name: 'rmsprop', learningRate: 0.01 },
  batchSize: 16, epochs: 3, seed: 11, l1: 0.001,
  dataset: { name: 'spiral', n: 90, noise: 0, seed: 4, classes: 3 },
};
const LOGITS_ONE_HOT = {
  features: ['x1', 'x2', 'x1*x2'],
  layers: [{ units: 5, activation: 'leakyRelu', l2: 0.01 }, { units: 4, activation: 'linear' }],
  loss: 'categoricalCrossentropy', fromLogits: true,
  optimizer: { name: 'momentum', learningRate: 0.1, momentum: 0.8 },
  batchSize: 8, epochs: 2, seed: 9,
  kernelInitializer: 'heNormal',
  dataset: { name: 'blobs', n: 60, noise: 0.1, seed: 5, classes: 4 },
};
const BINARY_LOGITS_PER_LAYER_REG = {
  features: ['sin(x1)', 'x2'],
  layers: [{ units: 3, activation: 'sigmoid' }, { units: 1, activation: 'linear' }],
  loss: 'bce', fromLogits: true,
  optimizer: { name: 'adam', learningRate: 0.001 },
  batchSize: 1, epochs: 1, seed: 0, l1: [0.003, 0], l2: [0, 0.03],
  dataset: { name: 'xor', n: 40, seed: 1 },
};
const ALL = { BINARY, REGRESSION_NO_HIDDEN, SOFTMAX, LOGITS_ONE_HOT, BINARY_LOGITS_PER_LAYER_REG };

// The expected values, written out independently of the module's tables.
const KERAS_ACTIVATION = { linear: 'linear', sigmoid: 'sigmoid', tanh: 'tanh', relu: 'relu', softmax: 'softmax', leakyRelu: 'leaky_relu', elu: 'elu' };
const KERAS_LOSS = {
  binaryCrossentropy: 'BinaryCrossentropy', bce: 'BinaryCrossentropy', meanSquaredError: 'MeanSquaredError',
  sparseCategoricalCrossentropy: 'SparseCategoricalCrossentropy', categoricalCrossentropy: 'CategoricalCrossentropy',
};
const KERAS_OPTIMIZER = { sgd: 'SGD', momentum: 'SGD', rmsprop: 'RMSprop', adam: 'Adam' };
const ENGINE_LOSS = { bce: 'binaryCrossentropy' };
const ENGINE_ORDER = ['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)'];
const PY_FEATURE = { x1: 'x1', x2: 'x2', 'x1^2': 'x1**2', 'x2^2': 'x2**2', 'x1*x2': 'x1 * x2', 'sin(x1)': 'np.sin(x1)', 'sin(x2)': 'np.sin(x2)' };

const inOrder = (features) => ENGINE_ORDER.filter((f) => features.includes(f));
const rate = (desc, key, i) => desc.layers[i][key] ?? (Array.isArray(desc[key]) ? desc[key][i] : desc[key] ?? 0);
const isClassification = (desc) => desc.loss !== 'meanSquaredError';

function python(args, input, cwd) {
  const r = spawnSync(PYTHON, args, { input, cwd, encoding: 'utf8', timeout: 60000 });
  if (r.error) throw r.error;
  return r;
}

let pythonChecked = false;
function requireNumpy() {
  if (pythonChecked) return;
  const r = spawnSync(PYTHON, ['-c', 'import numpy'], { encoding: 'utf8' });
  if (r.error || r.status !== 0)
    assert.fail(`${PYTHON} with numpy is needed (apt-get install python3-numpy; scripts/setup.sh does it): ${r.error ?? r.stderr}`);
  pythonChecked = true;
}

// ---- (1) Keras ---------------------------------------------------------------------------------

/** Reads the settings back out of generated Keras code with regexes. */
function parseKeras(code) {
  const input = code.match(/^\s*Input\(shape=\((\d+),\)\),/m);
  const shared = code.match(/^regularizer = tf\.keras\.regularizers\.l1_l2\(l1=([^,]+), l2=([^)]+)\)$/m);
  const dense = [...code.matchAll(/^\s*Dense\(units=(\d+), activation=('?)(\w+)\2(?:, kernel_initializer='(\w+)')?(?:, kernel_regularizer=(regularizer|tf\.keras\.regularizers\.l1_l2\(l1=([^,]+), l2=([^)]+)\)))?\),/gm)]
    .map((m) => {
      let l1 = 0, l2 = 0;
      if (m[5] === 'regularizer') {
        assert.ok(shared, 'kernel_regularizer=regularizer without a `regularizer = ...` line');
        l1 = Number(shared[1]);
        l2 = Number(shared[2]);
      } else if (m[5]) {
        l1 = Number(m[6]);
        l2 = Number(m[7]);
      }
      return { units: Number(m[1]), activation: m[3], quoted: m[2] === "'", initializer: m[4] ?? 'glorot_uniform', l1, l2 };
    });
  const loss = code.match(/^\s*loss=tf\.keras\.losses\.(\w+)\((?:from_logits=(True|False))?\),$/m);
  const opt = code.match(/^\s*optimizer=tf\.keras\.optimizers\.(\w+)\(learning_rate=([-\d.e]+)(?:, momentum=([-\d.e]+))?\),$/m);
  const fit = code.match(/^model\.fit\(X, y, epochs=(\d+), batch_size=(\d+)\)$/m);
  const feats = code.match(/^\s*return np\.column_stack\(\[(.*)\]\)\.astype\(np\.float32\)$/m);
  const seed = code.match(/^tf\.keras\.utils\.set_random_seed\((\d+)\)/m);
  // Which Dense (1-based) each Dropout follows, and its rate.
  const order = [...code.matchAll(/^\s*(Dense|Dropout)\((?:([\d.]+)\))?/gm)];
  const dropouts = [];
  let denseSoFar = 0;
  for (const m of order) {
    if (m[1] === 'Dense') denseSoFar += 1;
    else dropouts.push({ after: denseSoFar, rate: Number(m[2]) });
  }
  return {
    inputDim: input && Number(input[1]),
    dense,
    dropouts,
    loss: loss && { name: loss[1], fromLogits: loss[2] === undefined ? null : loss[2] === 'True' },
    optimizer: opt && { name: opt[1], learningRate: Number(opt[2]), momentum: opt[3] === undefined ? null : Number(opt[3]) },
    epochs: fit && Number(fit[1]),
    batchSize: fit && Number(fit[2]),
    features: feats && feats[1].split(', '),
    accuracy: /^\s*metrics=\['accuracy'\],$/m.test(code),
    seed: seed && Number(seed[1]),
  };
}

function assertKerasMatches(desc, code, name) {
  const k = parseKeras(code);
  const features = inOrder(desc.features);
  assert.equal(k.inputDim, features.length, `${name}: Input shape`);
  assert.deepEqual(k.features, features.map((f) => PY_FEATURE[f]), `${name}: feature columns`);
  assert.equal(k.dense.length, desc.layers.length, `${name}: number of Dense layers`);
  desc.layers.forEach((l, i) => {
    const d = k.dense[i];
    assert.equal(d.units, l.units, `${name}: units of layer ${i + 1}`);
    assert.equal(d.activation, KERAS_ACTIVATION[l.activation], `${name}: activation of layer ${i + 1}`);
    // leaky_relu is the code's own function (slope 0.3); every other activation a Keras string.
    assert.equal(d.quoted, l.activation !== 'leakyRelu', `${name}: activation of layer ${i + 1} quoted`);
    assert.equal(d.l1, rate(desc, 'l1', i), `${name}: l1 of layer ${i + 1}`);
    assert.equal(d.l2, rate(desc, 'l2', i), `${name}: l2 of layer ${i + 1}`);
    const init = l.kernelInitializer ?? desc.kernelInitializer ?? 'glorotUniform';
    assert.equal(d.initializer, init.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()), `${name}: initializer of layer ${i + 1}`);
  });
  const expectedDropouts = desc.layers.flatMap((l, i) => (l.dropout > 0 ? [{ after: i + 1, rate: l.dropout }] : []));
  assert.deepEqual(k.dropouts, expectedDropouts, `${name}: Dropout layers`);
  if (expectedDropouts.length) assert.match(code, /^from tensorflow\.keras\.layers import Dense, Dropout, Input$/m, `${name}: Dropout imported`);
  if (desc.layers.some((l) => l.activation === 'leakyRelu'))
    assert.match(code, /^def leaky_relu\(z\):\n(?:\s+#.*\n)?\s+return tf\.nn\.leaky_relu\(z, alpha=0\.3\)$/m, `${name}: leaky_relu helper`);
  assert.equal(k.loss?.name, KERAS_LOSS[desc.loss], `${name}: loss class`);
  assert.equal(k.loss.fromLogits, desc.loss === 'meanSquaredError' ? null : !!desc.fromLogits, `${name}: from_logits`);
  assert.equal(k.optimizer?.name, KERAS_OPTIMIZER[desc.optimizer.name], `${name}: optimizer class`);
  assert.equal(k.optimizer.learningRate, desc.optimizer.learningRate, `${name}: learning rate`);
  assert.equal(k.optimizer.momentum, desc.optimizer.name === 'momentum' ? desc.optimizer.momentum : null, `${name}: momentum`);
  assert.equal(k.epochs, desc.epochs, `${name}: epochs`);
  assert.equal(k.batchSize, desc.batchSize, `${name}: batch size`);
  assert.equal(k.accuracy, isClassification(desc), `${name}: metrics`);
  assert.equal(k.seed, desc.seed, `${name}: seed`);
}

test('Keras code names the same layers, activations, loss, optimizer, batch size and epochs', () => {
  for (const [name, desc] of Object.entries(ALL)) assertKerasMatches(desc, generateKeras(desc), name);
});

test('the Keras checks fail on a code that differs from its description', () => {
  const code = generateKeras(BINARY);
  const wrong = [
    code.replace("Dense(units=4, activation='relu')", "Dense(units=4, activation='tanh')"),
    code.replace("Dense(units=8,", 'Dense(units=9,'),
    code.replace('Adam(learning_rate=0.03)', 'Adam(learning_rate=0.3)'),
    code.replace('batch_size=10', 'batch_size=32'),
    code.replace('BinaryCrossentropy(from_logits=False)', 'BinaryCrossentropy(from_logits=True)'),
  ];
  for (const w of wrong) {
    assert.notEqual(w, code, 'the mutation applies');
    assert.throws(() => assertKerasMatches(BINARY, w, 'mutated'), assert.AssertionError);
  }
  assert.throws(() => assertKerasMatches({ ...BINARY, epochs: 8 }, code, 'other epochs'), assert.AssertionError);
});

// A stand-in `tensorflow` package: records Input/Dense/compile/fit so the generated
// script can run without TensorFlow; the calls come back as JSON.
const FAKE_TF = String.raw`
import json, sys, types
import numpy as np
calls = {'layers': [], 'compile': None, 'fit': None, 'seed': None, 'predict': None}
def record(kind):
    def make(*args, **kw):
        return {'kind': kind, 'args': list(args), **kw}
    return make
def layer(kind):
    def make(*args, **kw):
        act = kw.get('activation')
        if callable(act):
            kw['activation'] = {'function': act.__name__, 'at_minus_2': float(act(np.float32(-2.0))), 'at_3': float(act(np.float32(3.0)))}
        entry = {'kind': kind, **kw}
        if args:
            entry['args'] = list(args)
        return entry
    return make
class Sequential:
    def __init__(self, layers):
        calls['layers'] = layers
    def compile(self, **kw):
        calls['compile'] = kw
    def summary(self):
        pass
    def fit(self, X, y, **kw):
        calls['fit'] = {'X_shape': list(X.shape), 'X_dtype': str(X.dtype), 'y_shape': list(np.shape(y)), 'y_first': np.asarray(y)[:3].tolist(), **kw}
    def predict(self, X):
        calls['predict'] = list(X.shape)
        return np.zeros((X.shape[0], 1))
def to_categorical(y, num_classes):
    return np.eye(num_classes, dtype=np.float32)[np.asarray(y).astype(int)]
def set_random_seed(s):
    calls['seed'] = s
def leaky_relu(z, alpha=0.2):
    return np.where(z > 0, z, alpha * z)
tf = types.ModuleType('tensorflow')
keras = types.ModuleType('tensorflow.keras')
layers = types.ModuleType('tensorflow.keras.layers')
tf.keras = keras
keras.Sequential = Sequential
keras.layers = layers
layers.Dense = layer('Dense')
layers.Dropout = layer('Dropout')
layers.Input = layer('Input')
keras.utils = types.SimpleNamespace(set_random_seed=set_random_seed, to_categorical=to_categorical)
keras.losses = types.SimpleNamespace(**{n: record(n) for n in ['BinaryCrossentropy', 'MeanSquaredError', 'SparseCategoricalCrossentropy', 'CategoricalCrossentropy']})
keras.optimizers = types.SimpleNamespace(**{n: record(n) for n in ['SGD', 'RMSprop', 'Adam']})
keras.regularizers = types.SimpleNamespace(l1_l2=record('l1_l2'))
tf.nn = types.SimpleNamespace(leaky_relu=leaky_relu)
sys.modules.update({'tensorflow': tf, 'tensorflow.keras': keras, 'tensorflow.keras.layers': layers})
code = open(sys.argv[1], encoding='utf-8').read()
exec(compile(code, sys.argv[1], 'exec'), {'__name__': '__main__'})
print(json.dumps(calls))
`;

test('the Keras code runs in Python (against a recording stand-in for tensorflow) with the described settings', () => {
  requireNumpy();
  const dir = mkdtempSync(join(tmpdir(), 'nnplay-keras-'));
  try {
    writeFileSync(join(dir, 'fake_tf.py'), FAKE_TF);
    // The page's CSV export: header, then x1,x2,label rows.
    writeFileSync(join(dir, 'nnplay-data.csv'), 'x1,x2,label\n0.5,-1,0\n2,3,1\n-4,1.5,2\n1,1,1\n');
    for (const [name, desc] of Object.entries(ALL)) {
      writeFileSync(join(dir, 'model.py'), generateKeras(desc));
      const r = python(['fake_tf.py', 'model.py'], '', dir);
      assert.equal(r.status, 0, `${name}: the Keras code failed in Python:\n${r.stderr}`);
      const calls = JSON.parse(r.stdout.trim().split('\n').at(-1));
      const features = inOrder(desc.features);
      const [input, ...rest] = calls.layers;
      assert.deepEqual(input, { kind: 'Input', shape: [features.length] }, `${name}: Input`);
      // Dropout(rate) right after each Dense that has one.
      const expectedKinds = desc.layers.flatMap((l) => (l.dropout > 0 ? ['Dense', 'Dropout'] : ['Dense']));
      assert.deepEqual(rest.map((l) => l.kind), expectedKinds, `${name}: layer kinds`);
      const drops = rest.filter((l) => l.kind === 'Dropout').map((l) => l.args[0]);
      assert.deepEqual(drops, desc.layers.filter((l) => l.dropout > 0).map((l) => l.dropout), `${name}: dropout rates`);
      const dense = rest.filter((l) => l.kind === 'Dense');
      assert.equal(dense.length, desc.layers.length, `${name}: Dense layers`);
      desc.layers.forEach((l, i) => {
        assert.equal(dense[i].kind, 'Dense');
        assert.equal(dense[i].units, l.units, `${name}: units of layer ${i + 1}`);
        if (l.activation === 'leakyRelu') {
          assert.equal(dense[i].activation.function, 'leaky_relu', `${name}: activation of layer ${i + 1}`);
          assertClose([dense[i].activation.at_minus_2, dense[i].activation.at_3], [-0.6, 3], { atol: 1e-6, what: `${name}: leaky_relu slope 0.3` });
        } else {
          assert.equal(dense[i].activation, KERAS_ACTIVATION[l.activation], `${name}: activation of layer ${i + 1}`);
        }
        const reg = dense[i].kernel_regularizer;
        const l1 = rate(desc, 'l1', i), l2 = rate(desc, 'l2', i);
        if (l1 || l2) assert.deepEqual(reg, { kind: 'l1_l2', args: [], l1, l2 }, `${name}: regularizer of layer ${i + 1}`);
        else assert.equal(reg, undefined, `${name}: no regularizer on layer ${i + 1}`);
      });
      const c = calls.compile;
      assert.equal(c.loss.kind, KERAS_LOSS[desc.loss], `${name}: loss`);
      if (desc.loss !== 'meanSquaredError') assert.equal(c.loss.from_logits, !!desc.fromLogits, `${name}: from_logits`);
      assert.equal(c.optimizer.kind, KERAS_OPTIMIZER[desc.optimizer.name], `${name}: optimizer`);
      assert.equal(c.optimizer.learning_rate, desc.optimizer.learningRate, `${name}: learning rate`);
      assert.equal(c.optimizer.momentum, desc.optimizer.momentum, `${name}: momentum`);
      assert.deepEqual(c.metrics, isClassification(desc) ? ['accuracy'] : undefined, `${name}: metrics`);
      assert.equal(calls.seed, desc.seed, `${name}: seed`);
      // fit(X, y): X is the float32 feature matrix of the 4 CSV rows; y as the loss wants it.
      assert.deepEqual(calls.fit.X_shape, [4, features.length], `${name}: X`);
      assert.equal(calls.fit.X_dtype, 'float32');
      assert.equal(calls.fit.epochs, desc.epochs);
      assert.equal(calls.fit.batch_size, desc.batchSize);
      const units = desc.layers.at(-1).units;
      if (desc.loss === 'categoricalCrossentropy') {
        assert.deepEqual(calls.fit.y_shape, [4, units], `${name}: one-hot y`);
        assert.deepEqual(calls.fit.y_first[2], [0, 0, 1, 0], `${name}: class 2 one-hot`);
      } else {
        assert.deepEqual(calls.fit.y_shape, [4], `${name}: y`);
        assert.deepEqual(calls.fit.y_first, [0, 1, 2], `${name}: y values`);
      }
      assert.deepEqual(calls.predict, [2, features.length], `${name}: predict on new points`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---- (2) nnplay JavaScript -----------------------------------------------------------------------

test('the generated nnplay JavaScript runs as written (import from "nnplay") and builds the described model', async (t) => {
  // Inside the repository, so that `import ... from 'nnplay'` resolves to this package
  // (package.json "exports"), exactly as a user's project would; build* is git-ignored.
  mkdirSync(join(ROOT, 'build'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'build', 'codegen-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, desc] of Object.entries(ALL)) {
    const code = generateJs(desc);
    assert.equal(code.match(/^import .*$/gm).join('\n'), "import { loadNnplay } from 'nnplay';", `${name}: the one import`);
    const file = join(dir, `${name}.mjs`);
    writeFileSync(file, `${code}\nexport { nn, model, history, x, y };\n`);
    const log = console.log;
    const printed = [];
    console.log = (...args) => printed.push(args.join(' '));
    let mod;
    try {
      mod = await import(pathToFileURL(file).href);
    } finally {
      console.log = log;
    }
    const { model, history } = mod;
    try {
      const json = model.toJSON(null, false);
      // A Dropout follows each layer with a rate; the checks below are on the Dense layers.
      const kinds = desc.layers.flatMap((l) => (l.dropout > 0 ? [['dense'], ['dropout', l.dropout]] : [['dense']]));
      assert.deepEqual(json.layers.map((l) => (l.type === 'dropout' ? [l.type, l.rate] : [l.type])), kinds, `${name}: layer types`);
      json.layers = json.layers.filter((l) => l.type === 'dense');
      const features = inOrder(desc.features);
      assert.equal(json.inputDim, features.length, `${name}: input size`);
      assert.equal(json.seed, desc.seed, `${name}: seed`);
      assert.deepEqual(json.layers.map((l) => [l.units, l.activation]), desc.layers.map((l) => [l.units, l.activation]),
        `${name}: layer sizes and activations`);
      json.layers.forEach((l, i) => {
        assert.ok(Math.abs(l.l1 - rate(desc, 'l1', i)) < 1e-12, `${name}: l1 of layer ${i + 1}: ${l.l1}`);
        assert.ok(Math.abs(l.l2 - rate(desc, 'l2', i)) < 1e-12, `${name}: l2 of layer ${i + 1}: ${l.l2}`);
        assert.equal(l.kernelInitializer, desc.layers[i].kernelInitializer ?? desc.kernelInitializer ?? 'glorotUniform');
      });
      assert.equal(json.compile.loss, ENGINE_LOSS[desc.loss] ?? desc.loss, `${name}: loss`);
      assert.equal(json.compile.fromLogits, !!desc.fromLogits, `${name}: fromLogits`);
      assert.equal(json.compile.optimizer.name, desc.optimizer.name, `${name}: optimizer`);
      assert.ok(Math.abs(json.compile.optimizer.learningRate - desc.optimizer.learningRate) < 1e-9, `${name}: learning rate`);
      if (desc.optimizer.name === 'momentum') assert.ok(Math.abs(json.compile.optimizer.momentum - desc.optimizer.momentum) < 1e-9);
      assert.deepEqual(json.compile.metrics, isClassification(desc) ? ['accuracy'] : [], `${name}: metrics`);
      // It trained for the described epochs on the described data.
      assert.equal(history.epoch.length, desc.epochs, `${name}: epochs trained`);
      assert.equal(history.params.batchSize, desc.batchSize, `${name}: batch size`);
      assert.equal(history.params.samples, desc.dataset.n, `${name}: samples`);
      assert.ok(history.history.loss.every(Number.isFinite), `${name}: finite losses`);
      assert.ok(printed.some((line) => line.startsWith('loss after training:')), `${name}: printed the loss`);
    } finally {
      model.dispose();
    }
  }
});

test('the generated JavaScript with the default data set per problem also runs', async (t) => {
  const dir = mkdtempSync(join(ROOT, 'build', 'codegen-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, desc] of Object.entries(ALL)) {
    const { dataset, ...rest } = desc;
    const file = join(dir, `${name}.mjs`);
    writeFileSync(file, `${generateJs({ ...rest, epochs: 1 })}\nexport { model, history, x };\n`);
    const log = console.log;
    console.log = () => {};
    let mod;
    try {
      mod = await import(pathToFileURL(file).href);
    } finally {
      console.log = log;
    }
    assert.equal(mod.history.epoch.length, 1, name);
    assert.equal(mod.x.shape[1], inOrder(desc.features).length, name);
    mod.model.dispose();
  }
});

// ---- (3) NumPy forward pass -----------------------------------------------------------------------

// Runs generated NumPy code plus a harness: predictions for `points` and every weight
// array as float64 lists (float32 -> float64 is exact), as JSON.
function runNumpy(code, points, layerCount) {
  const weightNames = Array.from({ length: layerCount }, (_, i) => [`W${i + 1}`, `b${i + 1}`]).flat();
  const harness = `
import json as _json, sys as _sys
_points = np.array(_json.load(_sys.stdin), dtype=np.float64)
_out = predict(_points)
_sys.stdout.write(_json.dumps({
    'dtype': str(_out.dtype),
    'predictions': _out.astype(np.float64).tolist(),
    'weights': [np.asarray(w).astype(np.float64).ravel().tolist() for w in [${weightNames.join(', ')}]],
}))
`;
  const r = python(['-c', code.replace("if __name__ == '__main__':", 'if False:') + harness], JSON.stringify(points));
  assert.equal(r.status, 0, `the NumPy code failed in Python:\n${r.stderr}`);
  assert.equal(r.stderr, '', 'no warnings from NumPy');
  return JSON.parse(r.stdout);
}

const POINTS = [[0, 0], [1, -2], [-3, 2.5], [5.5, -5.9], [0.123, 4.567], [-6, -6], [2.2, 0.7], [-0.9, -3.3]];

// Trains a real model for `desc` with the JS API; returns it with its description
// (weights from model.getWeights()).
async function trainedModel(nn, desc, weightsAs) {
  const features = desc.features;
  const model = nn.sequential({
    seed: desc.seed,
    layers: desc.layers.map((l, i) => nn.layers.dense({
      units: l.units, activation: l.activation, inputShape: i === 0 ? [nn.features.count(features)] : undefined,
      kernelRegularizer: rate(desc, 'l1', i) || rate(desc, 'l2', i) ? { l1: rate(desc, 'l1', i), l2: rate(desc, 'l2', i) } : undefined,
    })),
  });
  model.compile({ optimizer: nn.train[desc.optimizer.name](desc.optimizer.learningRate, desc.optimizer.momentum),
    loss: desc.loss, fromLogits: !!desc.fromLogits, metrics: isClassification(desc) ? ['accuracy'] : [] });
  const d = desc.dataset;
  const data = nn.datasets.make(d.name, { n: d.n, noise: d.noise ?? 0, seed: d.seed, classes: d.classes ?? 2 });
  const x = nn.features.transform(data.x, features);
  let y = data.y;
  if (desc.loss === 'categoricalCrossentropy') {
    const k = desc.layers.at(-1).units;
    y = Array.from(data.y.dataSync(), (c) => Array.from({ length: k }, (_, j) => (j === c ? 1 : 0)));
  }
  await model.fit(x, y, { epochs: desc.epochs, batchSize: desc.batchSize });
  const tensors = model.getWeights();
  const weights = weightsAs === 'nested' ? tensors.map((w) => w.arraySync())
    : weightsAs === 'flat' ? tensors.map((w) => w.dataSync())
      : tensors;
  return { model, desc: { ...desc, weights } };
}

test('the NumPy forward pass, run by python3 + numpy, matches model.predict to 1e-5 and carries the exact float32 weights', async () => {
  requireNumpy();
  const nn = await nnplay();
  const modes = ['tensors', 'nested', 'flat'];
  let m = 0;
  for (const [name, base] of Object.entries(ALL)) {
    const { model, desc } = await trainedModel(nn, base, modes[m++ % modes.length]);
    try {
      const code = generateNumpy(desc);
      const out = runNumpy(code, POINTS, desc.layers.length);
      const expected = model.predict(nn.features.transform(POINTS, desc.features));
      assert.deepEqual(expected.shape, [POINTS.length, desc.layers.at(-1).units]);
      assert.equal(out.dtype, 'float32', `${name}: float32 throughout`);
      assertClose(out.predictions.flat(), expected.dataSync(), { atol: 1e-5, what: `${name}: NumPy predict vs model.predict` });
      // The literals reproduce the float32 weights bit for bit.
      model.getWeights().forEach((w, i) => assert.deepEqual(out.weights[i], Array.from(w.dataSync()), `${name}: weight array ${i}`));
      // The JS evaluation of the description agrees too.
      assertClose(forwardPass(desc, POINTS).flat(), expected.dataSync(), { atol: 1e-5, what: `${name}: forwardPass vs model.predict` });
    } finally {
      model.dispose();
    }
  }
});

test('the NumPy comparison can fail: a changed weight or activation is caught', async () => {
  requireNumpy();
  const nn = await nnplay();
  const { model, desc } = await trainedModel(nn, BINARY, 'nested');
  try {
    const expected = model.predict(nn.features.transform(POINTS, desc.features)).dataSync();
    const weights = desc.weights.map((w) => structuredClone(w));
    weights[5][0] += 0.001;  // the output neuron's bias
    const changed = runNumpy(generateNumpy({ ...desc, weights }), POINTS, 3).predictions.flat();
    assert.throws(() => assertClose(changed, expected, { atol: 1e-5 }), assert.AssertionError);
    const relu = { ...desc, layers: desc.layers.map((l, i) => (i === 0 ? { ...l, activation: 'relu' } : l)) };
    const other = runNumpy(generateNumpy(relu), POINTS, 3).predictions.flat();
    assert.throws(() => assertClose(other, expected, { atol: 1e-5 }), assert.AssertionError);
  } finally {
    model.dispose();
  }
});

test('the NumPy code runs as a script and prints predictions and classes; without weights it has zero placeholders', () => {
  requireNumpy();
  const weights = [[[0.5], [-0.25]], [0.125]];
  const r = python(['-c', generateNumpy({ ...REGRESSION_NO_HIDDEN, loss: 'binaryCrossentropy', layers: [{ units: 1, activation: 'sigmoid' }], weights })]);
  assert.equal(r.status, 0, r.stderr);
  // Points (0,0), (1,-2), (-3,2.5): z = 0.125, 1.125, -2.0 -> sigmoid; classes by >= 0.5.
  const sig = (z) => 1 / (1 + Math.exp(-z));
  const numbers = r.stdout.match(/-?\d+\.\d+(?:e-?\d+)?/g).map(Number);
  assertClose(numbers, [0.125, 1.125, -2].map(sig), { atol: 1e-6, what: 'printed ŷ' });
  assert.match(r.stdout, /class: \[1 1 0\]/);

  const softmax = python(['-c', generateNumpy(SOFTMAX)]);
  assert.equal(softmax.status, 0, softmax.stderr);
  assert.match(softmax.stdout, /class: \[0 0 0\]/, 'zeros: uniform softmax, argmax 0');
  const code = generateNumpy(SOFTMAX);
  assert.match(code, /No trained weights were given/);
  assert.match(code, /^W1 = np\.zeros\(\(2, 6\), dtype=np\.float32\)$/m);
});

test('the NumPy code is written as the course writes it', () => {
  const code = generateNumpy({ ...BINARY, weights: undefined });
  assert.match(code, /^def dense\(a_in, W, b, g\):\n(?:\s+#.*\n)*\s+return g\(a_in @ W \+ b\)$/m);
  assert.match(code, /z_j\^\[l\] = w_j\^\[l\] · a\^\[l-1\] \+ b_j\^\[l\]/);
  assert.match(code, /a_j\^\[l\] = g\(z_j\^\[l\]\)/);
  // One dense call per layer, chained, each commented with its a^[l].
  const calls = [...code.matchAll(/^\s+a(\d) = dense\(a(\d), W(\d), b(\d), (\w+)\)\s+# a\^\[(\d)\]: layer (\d)/gm)];
  assert.deepEqual(calls.map((c) => [c[1], c[2], c[3], c[4], c[5], c[6], c[7]]),
    [['1', '0', '1', '1', 'tanh', '1', '1'], ['2', '1', '2', '2', 'relu', '2', '2'], ['3', '2', '3', '3', 'sigmoid', '3', '3']]);
  // Only the activations the network uses are defined; sigmoid is the stable form.
  assert.deepEqual([...code.matchAll(/^def (\w+)\(z\):/gm)].map((m) => m[1]).sort(), ['relu', 'sigmoid', 'tanh']);
  assert.match(code, /np\.exp\(-np\.abs\(z\)\)/);
  assert.match(generateNumpy(SOFTMAX), /np\.exp\(z - np\.max\(z, axis=-1, keepdims=True\)\)/);
});

test('extreme inputs: the NumPy activations neither overflow nor warn', () => {
  requireNumpy();
  // Huge weights drive z to +-1e6: stable sigmoid / softmax / elu stay finite and silent.
  const desc = {
    features: ['x1', 'x2'],
    layers: [{ units: 3, activation: 'elu' }, { units: 3, activation: 'softmax' }],
    loss: 'sparseCategoricalCrossentropy', optimizer: { name: 'adam', learningRate: 0.01 },
    weights: [[[1e5, -1e5, 0], [0, 0, 1e5]], [0, 0, 0], [[100, -100, 0], [0, 0, 0], [0, 100, -100]], [0, 0, 0]],
  };
  const out = runNumpy(generateNumpy(desc), POINTS, 2);
  assertClose(out.predictions.flat(), forwardPass(desc, POINTS).flat(), { atol: 1e-6, what: 'extreme softmax' });
  const sig = { ...desc, layers: [{ units: 3, activation: 'linear' }, { units: 1, activation: 'sigmoid' }], loss: 'binaryCrossentropy',
    weights: [desc.weights[0], desc.weights[1], [[1], [1], [-1]], [0]] };
  const s = runNumpy(generateNumpy(sig), POINTS, 2);
  assert.ok(s.predictions.flat().every((v) => v >= 0 && v <= 1));
  assertClose(s.predictions.flat(), forwardPass(sig, POINTS).flat(), { atol: 1e-6, what: 'extreme sigmoid' });
});

// ---- helpers and input checking ----------------------------------------------------------------------

test('float32Text prints the shortest decimal that reads back as the same float32', () => {
  assert.equal(float32Text(0.1), '0.1');
  assert.equal(float32Text(Math.fround(0.1)), '0.1');
  assert.equal(float32Text(1), '1');
  assert.equal(float32Text(-2.5), '-2.5');
  assert.equal(float32Text(Math.fround(1 / 3)), '0.33333334');
  assert.equal(float32Text(1e-8), '1e-8');
  assert.equal(float32Text(Math.fround(3.4e38)), '3.4e+38');
  assert.equal(float32Text(-0), '-0.0');
  assert.equal(float32Text(NaN), 'np.nan');
  assert.equal(float32Text(-Infinity), '-np.inf');
  // Random float32 bit patterns (finite): exact round trip, and no shorter text would do.
  const bits = new Uint32Array(1), f = new Float32Array(bits.buffer);
  let state = 12345;
  for (let i = 0; i < 20000; ++i) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bits[0] = state;
    if (!Number.isFinite(f[0])) continue;
    const text = float32Text(f[0]);
    assert.ok(Object.is(Math.fround(Number(text)), f[0]) || (f[0] === 0 && Number(text) === 0), `${f[0]} -> ${text}`);
    const digits = text.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;
    if (digits > 1) {
      const shorter = Number(f[0].toPrecision(digits - 1));
      assert.notEqual(Math.fround(shorter), f[0], `${text} is not the shortest for ${f[0]}`);
    }
  }
});

test('computeFeatures and forwardPass follow the engine', async () => {
  const nn = await nnplay();
  const feats = ['sin(x2)', 'x1*x2', 'x1', 'x2^2', 'x1^2', 'x2', 'sin(x1)'];
  assertClose(computeFeatures(feats, POINTS).flat(), nn.features.transform(POINTS, feats).dataSync(),
    { atol: 1e-5, rtol: 1e-6, what: 'features' });
  // a^[0] .. a^[L] per point
  const desc = { ...REGRESSION_NO_HIDDEN, weights: [[[2], [3]], [1]] };
  assert.deepEqual(forwardPass(desc, [[1, 10]], { all: true }), [[[1, 10], [33]]]);
});

test('descriptionFromModelJSON reads the layers, compile settings, seed and weights of a model', async () => {
  const nn = await nnplay();
  const { model } = await trainedModel(nn, LOGITS_ONE_HOT, 'tensors');
  try {
    const desc = descriptionFromModelJSON(model.toJSON(), { features: LOGITS_ONE_HOT.features, batchSize: 8, epochs: 2 });
    assert.deepEqual(desc.layers.map((l) => [l.units, l.activation]), [[5, 'leakyRelu'], [4, 'linear']]);
    assertClose(desc.layers.map((l) => l.l2), [0.01, 0], { atol: 1e-9, what: 'l2 rates' });
    assert.equal(desc.loss, 'categoricalCrossentropy');
    assert.equal(desc.fromLogits, true);
    assert.equal(desc.optimizer.name, 'momentum');
    assert.equal(desc.seed, 9);
    assertClose(forwardPass(desc, POINTS).flat(), model.predict(nn.features.transform(POINTS, desc.features)).dataSync(),
      { atol: 1e-5, what: 'forwardPass of the JSON description' });
    assertKerasMatches({ ...LOGITS_ONE_HOT, kernelInitializer: undefined, layers: desc.layers }, generateKeras(desc), 'from JSON');
  } finally {
    model.dispose();
  }
});

test('bad descriptions throw errors naming the field; nothing unchecked reaches the code', () => {
  const bad = [
    [{ ...BINARY, features: ["x1'); import os #"] }, /unknown feature/],
    [{ ...BINARY, features: [] }, /features must be a non-empty array/],
    [{ ...BINARY, layers: [] }, /layers must be a non-empty array/],
    [{ ...BINARY, layers: [{ units: 2, activation: "relu'), __import__('os'" }] }, /unknown activation/],
    [{ ...BINARY, layers: [{ units: 0, activation: 'relu' }] }, /layers\[0\]\.units must be an integer >= 1/],
    [{ ...BINARY, layers: [{ units: 1, activation: 'softmax' }] }, /softmax over 1 unit/],
    [{ ...BINARY, loss: 'hinge' }, /unknown loss "hinge"/],
    [{ ...BINARY, loss: 'sparseCategoricalCrossentropy' }, /at least 2 units/],
    [{ ...BINARY, optimizer: { name: 'adagrad' } }, /unknown optimizer/],
    [{ ...BINARY, optimizer: { name: 'adam', learningRate: '0.1; rm -rf' } }, /optimizer\.learningRate must be a finite number/],
    [{ ...BINARY, optimizer: { name: 'adam', learningRate: NaN } }, /learningRate/],
    [{ ...BINARY, batchSize: 2.5 }, /batchSize must be an integer/],
    [{ ...BINARY, l2: [0.1] }, /l2 has 1 entries, but there are 3 layers/],
    [{ ...BINARY, seed: -1 }, /seed/],
    [{ ...BINARY, fromLogits: 'yes' }, /fromLogits must be true or false/],
    [{ ...BINARY, kernelInitializer: 'orthogonal' }, /unknown kernelInitializer/],
    [{ ...BINARY, dataset: { name: '<script>' } }, /unknown dataset/],
    [{ ...BINARY, weights: [[[1]]] }, /weights must be \[kernel1, bias1/],
    [{ ...REGRESSION_NO_HIDDEN, weights: [[[1, 2]], [0]] }, /kernel of layer 1\) must have shape \[2,1\]/],
    [{ ...REGRESSION_NO_HIDDEN, weights: [[[1], ['2']], [0]] }, /must be a number/],
    [null, /must be an object/],
  ];
  for (const [desc, message] of bad) {
    for (const generate of [generateKeras, generateJs, generateNumpy]) assert.throws(() => generate(desc), message);
  }
  // Aliases are accepted and written canonically.
  const n = normalizeDescription({ ...BINARY, features: ['SIN X1', 'x1²'], loss: 'binary_crossentropy',
    layers: [{ units: 2, activation: 'leaky_relu' }, { units: 1, activation: 'Sigmoid' }] });
  assert.deepEqual(n.features.map((f) => f.name), ['x1^2', 'sin(x1)']);
  assert.deepEqual(n.layers.map((l) => l.activation), ['leakyRelu', 'sigmoid']);
  assert.equal(n.loss, 'binaryCrossentropy');
  const all = generateAll({ ...BINARY, features: ['SIN X1', 'x1²'] });
  assert.ok(!/SIN X1|²/.test(all.keras + all.js + all.numpy), 'aliases are written in canonical form');
  assert.match(all.js, /const features = \['x1\^2', 'sin\(x1\)'\];/);
});
