// The Code view's generators: the playground's current network as (1) Python/Keras
// code, (2) the equivalent nnplay JavaScript and (3) a NumPy forward pass with the
// current trained weights filled in. Pure functions over plain data: no DOM, no
// engine. The page shows the strings with textContent in a <pre>.
//
// Safety: nothing from the description is pasted into the code as text. Every name
// (feature, activation, loss, optimizer, initializer, data set) is checked against
// a fixed list and written in its canonical spelling; every number must be a
// finite number and is printed by this module. A bad description throws an Error
// that says which field is wrong.

/**
 * The network description the generators take (plain, serializable data).
 *
 * @typedef {object} NetworkDescription
 * @property {string[]} features  Input features, computed from each raw point (x1, x2).
 *   Any of 'x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)' (the engine's
 *   aliases such as 'x1²' or 'sin x1' work too). Listed in any order; the generated
 *   code always uses the engine's fixed order (the order above), which is the order
 *   of the kernel rows of the first layer.
 * @property {LayerDescription[]} layers  The Dense layers, hidden layers first, the
 *   output layer last (so at least one; one layer = no hidden layer).
 * @property {string} loss  'binaryCrossentropy' | 'meanSquaredError' |
 *   'sparseCategoricalCrossentropy' | 'categoricalCrossentropy' (or the engine's aliases
 *   'bce', 'mse', 'scce', 'cce'; snake_case works too).
 * @property {boolean} [fromLogits=false]  The loss takes logits (then the output layer
 *   is usually 'linear'; the description is followed as given).
 * @property {OptimizerDescription} optimizer
 * @property {number} [batchSize=32]  Positive integer.
 * @property {number} [epochs=100]  Epochs for the generated training code; 0 or
 *   missing means 100.
 * @property {number|number[]} [l1=0]  L1 kernel-regularization rate: one number for
 *   every layer, or one per layer (a layer's own `l1` wins).
 * @property {number|number[]} [l2=0]  L2 rate, likewise. The penalty added to the loss
 *   is l1 * Σ|W| + l2 * Σ W² per layer (Keras' and nnplay's definition).
 * @property {number} [seed]  The nnplay model seed (non-negative integer); also seeds Keras.
 * @property {string} [kernelInitializer='glorotUniform']  For every layer (a layer's own
 *   wins): 'glorotUniform' | 'glorotNormal' | 'heUniform' | 'heNormal' | 'lecunUniform' |
 *   'zeros' | 'ones'.
 * @property {Array<number[][]|number[]|ArrayLike<number>|{dataSync(): ArrayLike<number>}>} [weights]
 *   The current weights, as model.getWeights() orders them: [kernel1, bias1, kernel2,
 *   bias2, ...] with kernel l of shape [inputs, units] (Keras layout: column j holds the
 *   weights into neuron j) and bias l of shape [units]. Each entry may be a nested array
 *   (tensor.arraySync()), a flat row-major array or Float32Array, or a tensor (anything
 *   with dataSync()). Missing: the NumPy code gets zero placeholders.
 * @property {DatasetDescription} [dataset]  The data set for the generated nnplay
 *   JavaScript (default: circle for binary classification, blobs for several classes,
 *   plane for regression).
 * @property {boolean} [accuracy]  Track accuracy (default: true for the cross-entropy
 *   losses, false for meanSquaredError).
 *
 * @typedef {object} LayerDescription
 * @property {number} units  Positive integer.
 * @property {string} [activation='linear']  'linear' | 'sigmoid' | 'tanh' | 'relu' |
 *   'softmax' | 'leakyRelu' (slope 0.3 for z < 0, like Keras' LeakyReLU layer) |
 *   'elu' (alpha 1). Case, '_' and '-' are ignored ('leaky_relu' is fine).
 * @property {number} [l1]  This layer's L1 rate (overrides the description's).
 * @property {number} [l2]  This layer's L2 rate.
 * @property {string} [kernelInitializer]  This layer's initializer.
 *
 * @typedef {object} OptimizerDescription
 * @property {string} name  'sgd' | 'momentum' | 'rmsprop' | 'adam'.
 * @property {number} [learningRate]  Default: sgd/momentum 0.01, rmsprop/adam 0.001.
 * @property {number} [momentum=0.9]  For 'momentum'.
 *
 * @typedef {object} DatasetDescription
 * @property {string} name  'circle' | 'xor' | 'gauss' | 'spiral' | 'moons' | 'blobs' |
 *   'plane' | 'multiGauss'.
 * @property {number} [n=500]  Points.
 * @property {number} [noise=0]
 * @property {number} [seed=1]
 * @property {number} [classes]  For spiral and blobs.
 */

// ---- vocabularies ------------------------------------------------------------------

/** The engine's input features, in its fixed column order, with their formulas. */
export const FEATURE_FORMULAS = [
  { name: 'x1', aliases: ['x1'], py: 'x1', js: (x1) => x1 },
  { name: 'x2', aliases: ['x2'], py: 'x2', js: (x1, x2) => x2 },
  { name: 'x1^2', aliases: ['x1^2', 'x1²', 'x1sq'], py: 'x1**2', js: (x1) => x1 * x1 },
  { name: 'x2^2', aliases: ['x2^2', 'x2²', 'x2sq'], py: 'x2**2', js: (x1, x2) => x2 * x2 },
  { name: 'x1*x2', aliases: ['x1*x2', 'x1x2', 'x1·x2', 'x2*x1'], py: 'x1 * x2', js: (x1, x2) => x1 * x2 },
  { name: 'sin(x1)', aliases: ['sin(x1)', 'sinx1'], py: 'np.sin(x1)', js: (x1) => Math.sin(x1) },
  { name: 'sin(x2)', aliases: ['sin(x2)', 'sinx2'], py: 'np.sin(x2)', js: (x1, x2) => Math.sin(x2) },
];

const LEAKY_RELU_ALPHA = 0.3;  // as the engine (and Keras' LeakyReLU layer)
const ELU_ALPHA = 1;

/** nnplay activation name -> Keras spelling and the NumPy function. */
const ACTIVATIONS = {
  linear: { keras: "'linear'", py: 'linear' },
  sigmoid: { keras: "'sigmoid'", py: 'sigmoid' },
  tanh: { keras: "'tanh'", py: 'tanh' },
  relu: { keras: "'relu'", py: 'relu' },
  softmax: { keras: "'softmax'", py: 'softmax' },
  // Keras 3's 'leaky_relu' string uses slope 0.2; nnplay uses 0.3, so the Keras
  // code defines its own function (see kerasLeakyReluHelper).
  leakyRelu: { keras: 'leaky_relu', py: 'leaky_relu' },
  elu: { keras: "'elu'", py: 'elu' },
};

const LOSSES = {
  binaryCrossentropy: { aliases: ['bce'], keras: 'BinaryCrossentropy', crossentropy: true },
  meanSquaredError: { aliases: ['mse'], keras: 'MeanSquaredError', crossentropy: false },
  sparseCategoricalCrossentropy: { aliases: ['scce'], keras: 'SparseCategoricalCrossentropy', crossentropy: true },
  categoricalCrossentropy: { aliases: ['cce'], keras: 'CategoricalCrossentropy', crossentropy: true },
};

const OPTIMIZERS = {
  sgd: { keras: 'SGD', defaultLr: 0.01 },
  momentum: { keras: 'SGD', defaultLr: 0.01 },
  rmsprop: { keras: 'RMSprop', defaultLr: 0.001 },
  adam: { keras: 'Adam', defaultLr: 0.001 },
};

const INITIALIZERS = {
  glorotUniform: 'glorot_uniform', glorotNormal: 'glorot_normal', heUniform: 'he_uniform',
  heNormal: 'he_normal', lecunUniform: 'lecun_uniform', zeros: 'zeros', ones: 'ones',
};

const DATASETS = ['circle', 'xor', 'gauss', 'spiral', 'moons', 'blobs', 'plane', 'multiGauss'];
const DATASETS_WITH_CLASSES = new Set(['spiral', 'blobs']);

// ---- checking the description -------------------------------------------------------------

const fold = (s) => s.replace(/[\s_-]/g, '').toLowerCase();
const show = (v) => {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

function pick(table, value, what) {
  if (typeof value !== 'string') throw new Error(`${what} must be a name, got ${show(value)}`);
  const key = fold(value);
  for (const [name, entry] of Object.entries(table)) {
    if (fold(name) === key || (entry.aliases ?? []).some((a) => fold(a) === key)) return name;
  }
  throw new Error(`unknown ${what} ${show(value)}; expected one of: ${Object.keys(table).join(', ')}`);
}

function finite(value, what, { min = -Infinity, integer = false } = {}) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value)))
    throw new Error(`${what} must be a${integer ? 'n integer' : ' finite number'}${min > -Infinity ? ` >= ${min}` : ''}, got ${show(value)}`);
  return value;
}

function canonicalFeatures(list) {
  if (!Array.isArray(list) || list.length === 0)
    throw new Error(`features must be a non-empty array of names like ['x1', 'x2'], got ${show(list)}`);
  const chosen = new Set();
  for (const f of list) {
    if (typeof f !== 'string') throw new Error(`features: every entry must be a name, got ${show(f)}`);
    const key = f.replace(/\s/g, '').toLowerCase();
    const found = FEATURE_FORMULAS.find((d) => d.aliases.includes(key));
    if (!found) throw new Error(`unknown feature ${show(f)}; expected one of: ${FEATURE_FORMULAS.map((d) => d.name).join(', ')}`);
    chosen.add(found.name);
  }
  return FEATURE_FORMULAS.filter((d) => chosen.has(d.name));
}

function perLayer(value, index, count, what) {
  if (value === undefined || value === null) return 0;
  if (Array.isArray(value)) {
    if (value.length !== count) throw new Error(`${what} has ${value.length} entries, but there are ${count} layers`);
    return finite(value[index] ?? 0, `${what}[${index}]`, { min: 0 });
  }
  return finite(value, what, { min: 0 });
}

// Any accepted weight array -> { values: number[] (row-major), shape }.
function weightArray(w, shape, what) {
  let flat;
  if (w && typeof w.dataSync === 'function') flat = Array.from(w.dataSync());
  else if (ArrayBuffer.isView(w)) flat = Array.from(w);
  else if (Array.isArray(w)) {
    if (shape.length === 2 && w.length === shape[0] && w.every((row) => Array.isArray(row) || ArrayBuffer.isView(row))) {
      flat = [];
      w.forEach((row, i) => {
        if (row.length !== shape[1]) throw new Error(`${what}: row ${i} has ${row.length} values, expected ${shape[1]}`);
        flat.push(...Array.from(row));
      });
    } else flat = w.slice();
  } else throw new Error(`${what} must be an array, a Float32Array or a tensor, got ${show(w)}`);
  const size = shape.reduce((a, b) => a * b, 1);
  if (flat.length !== size) throw new Error(`${what} must have shape [${shape}] (${size} values), got ${flat.length} values`);
  flat.forEach((v, i) => {
    if (typeof v !== 'number') throw new Error(`${what}: value ${i} must be a number, got ${show(v)}`);
  });
  return { values: flat, shape };
}

/**
 * Checks a description and returns its canonical form (the generators' input):
 * { features: [{name, py, js}], inputDim, layers: [{units, activation, l1, l2,
 *   kernelInitializer}], loss, fromLogits, accuracy, optimizer: {name, learningRate,
 *   momentum?}, batchSize, epochs, seed, weights: [{kernel, bias}] | null, dataset }.
 * Throws an Error naming the bad field.
 * @param {NetworkDescription} desc
 */
export function normalizeDescription(desc) {
  if (desc === null || typeof desc !== 'object') throw new Error(`the network description must be an object, got ${show(desc)}`);
  const features = canonicalFeatures(desc.features);
  if (!Array.isArray(desc.layers) || desc.layers.length === 0)
    throw new Error(`layers must be a non-empty array of {units, activation} (the output layer last), got ${show(desc.layers)}`);
  const globalInit = desc.kernelInitializer == null ? 'glorotUniform' : pick(INITIALIZERS, desc.kernelInitializer, 'kernelInitializer');
  const layers = desc.layers.map((l, i) => {
    if (l === null || typeof l !== 'object') throw new Error(`layers[${i}] must be {units, activation}, got ${show(l)}`);
    const units = finite(l.units, `layers[${i}].units`, { min: 1, integer: true });
    const activation = l.activation == null ? 'linear' : pick(ACTIVATIONS, l.activation, `activation of layers[${i}]`);
    if (activation === 'softmax' && units < 2)
      throw new Error(`layers[${i}]: softmax over 1 unit always outputs 1; use sigmoid for one output`);
    const l1 = l.l1 != null ? finite(l.l1, `layers[${i}].l1`, { min: 0 }) : perLayer(desc.l1, i, desc.layers.length, 'l1');
    const l2 = l.l2 != null ? finite(l.l2, `layers[${i}].l2`, { min: 0 }) : perLayer(desc.l2, i, desc.layers.length, 'l2');
    const kernelInitializer = l.kernelInitializer == null ? globalInit
      : pick(INITIALIZERS, l.kernelInitializer, `kernelInitializer of layers[${i}]`);
    return { units, activation, l1, l2, kernelInitializer };
  });
  const loss = pick(LOSSES, desc.loss, 'loss');
  const outUnits = layers[layers.length - 1].units;
  if ((loss === 'sparseCategoricalCrossentropy' || loss === 'categoricalCrossentropy') && outUnits < 2)
    throw new Error(`loss ${loss} needs an output layer of at least 2 units (one per class), got ${outUnits}`);
  const fromLogits = desc.fromLogits == null ? false : desc.fromLogits === true;
  if (desc.fromLogits != null && typeof desc.fromLogits !== 'boolean')
    throw new Error(`fromLogits must be true or false, got ${show(desc.fromLogits)}`);
  const accuracy = desc.accuracy == null ? LOSSES[loss].crossentropy : desc.accuracy === true;

  const o = desc.optimizer ?? {};
  const optName = pick(OPTIMIZERS, typeof o === 'string' ? o : o.name, 'optimizer');
  const optimizer = {
    name: optName,
    learningRate: o.learningRate == null ? OPTIMIZERS[optName].defaultLr
      : finite(o.learningRate, 'optimizer.learningRate', { min: 0 }),
  };
  if (optName === 'momentum') optimizer.momentum = o.momentum == null ? 0.9 : finite(o.momentum, 'optimizer.momentum', { min: 0 });

  const batchSize = desc.batchSize == null ? 32 : finite(desc.batchSize, 'batchSize', { min: 1, integer: true });
  const epochs = desc.epochs == null || desc.epochs === 0 ? 100 : finite(desc.epochs, 'epochs', { min: 1, integer: true });
  const seed = desc.seed == null ? null : finite(desc.seed, 'seed', { min: 0, integer: true });

  let weights = null;
  if (desc.weights != null) {
    if (!Array.isArray(desc.weights) || desc.weights.length !== 2 * layers.length)
      throw new Error(`weights must be [kernel1, bias1, kernel2, bias2, ...] (${2 * layers.length} arrays for ` +
                      `${layers.length} layers), got ${Array.isArray(desc.weights) ? `${desc.weights.length} arrays` : show(desc.weights)}`);
    let inputs = features.length;
    weights = layers.map((l, i) => {
      const kernel = weightArray(desc.weights[2 * i], [inputs, l.units], `weights[${2 * i}] (kernel of layer ${i + 1})`);
      const bias = weightArray(desc.weights[2 * i + 1], [l.units], `weights[${2 * i + 1}] (bias of layer ${i + 1})`);
      inputs = l.units;
      return { kernel, bias };
    });
  }

  let dataset;
  if (desc.dataset != null) {
    const d = desc.dataset;
    const name = DATASETS.find((n) => fold(n) === fold(String(typeof d === 'string' ? d : d.name)));
    if (!name) throw new Error(`unknown dataset ${show(typeof d === 'string' ? d : d.name)}; expected one of: ${DATASETS.join(', ')}`);
    const dd = typeof d === 'string' ? {} : d;
    dataset = {
      name,
      n: dd.n == null ? 500 : finite(dd.n, 'dataset.n', { min: 1, integer: true }),
      noise: dd.noise == null ? 0 : finite(dd.noise, 'dataset.noise', { min: 0 }),
      seed: dd.seed == null ? 1 : finite(dd.seed, 'dataset.seed', { min: 0, integer: true }),
      classes: dd.classes == null ? null : finite(dd.classes, 'dataset.classes', { min: 2, integer: true }),
    };
  } else if (loss === 'meanSquaredError') {
    dataset = { name: 'plane', n: 500, noise: 0, seed: 1, classes: null };
  } else if (outUnits > 1) {
    dataset = { name: 'blobs', n: 500, noise: 0, seed: 1, classes: outUnits };
  } else {
    dataset = { name: 'circle', n: 500, noise: 0, seed: 1, classes: null };
  }
  if (dataset.classes == null && DATASETS_WITH_CLASSES.has(dataset.name) && outUnits > 1) dataset.classes = outUnits;

  return {
    features, inputDim: features.length, layers, loss, fromLogits, accuracy, optimizer,
    batchSize, epochs, seed, weights, dataset,
  };
}

// ---- number printing ---------------------------------------------------------------------------

/** A hyperparameter as code: the shortest text that reads back as the same number. */
function num(v) {
  return String(v);
}

/**
 * A float32 value as the shortest decimal that rounds back to the same float32
 * (at most 9 significant digits), e.g. 0.1f -> "0.1". Non-finite values become
 * NumPy names.
 */
export function float32Text(v) {
  const f = Math.fround(v);
  if (Number.isNaN(f)) return 'np.nan';
  if (f === Infinity) return 'np.inf';
  if (f === -Infinity) return '-np.inf';
  if (Object.is(f, -0)) return '-0.0';
  for (let p = 1; p <= 9; ++p) {
    const text = String(Number(f.toPrecision(p)));
    if (Math.fround(Number(text)) === f) return text;
  }
  return String(f);  // not reached: 9 digits always round-trip a float32
}

// ---- shared text helpers -------------------------------------------------------------------

/** Python expressions of the feature columns, e.g. "x1, x2, x1**2". */
const pyFeatureList = (n) => n.features.map((f) => f.py).join(', ');
const featureNames = (n) => n.features.map((f) => f.name).join(', ');
const jsFeatureArray = (n) => `[${n.features.map((f) => `'${f.name}'`).join(', ')}]`;
const units = (k) => `${k} unit${k === 1 ? '' : 's'}`;
const numClasses = (n) => n.layers[n.layers.length - 1].units;

/**
 * Code lines with trailing comments lined up; when the code is too wide for that,
 * each comment goes on its own line above its code.
 */
function alignComments(pairs, indent = '', marker = '#') {
  const width = Math.max(...pairs.map(([code]) => code.length));
  if (width > 64) return pairs.flatMap(([code, comment]) => (comment ? [`${indent}${marker} ${comment}`] : []).concat(`${indent}${code}`));
  return pairs.map(([code, comment]) => (comment ? `${indent}${code.padEnd(width)}  ${marker} ${comment}` : `${indent}${code}`));
}

/** What the output layer's numbers mean. */
function outputMeaning(n) {
  const out = n.layers[n.layers.length - 1];
  const k = out.units;
  if (n.fromLogits) {
    if (n.loss === 'binaryCrossentropy') return 'logits z (sigmoid(z) = P(class 1))';
    return 'logits z (softmax(z) = class probabilities)';
  }
  if (n.loss === 'meanSquaredError') return k === 1 ? 'the predicted value ŷ' : 'the predicted values ŷ';
  if (out.activation === 'softmax') return `ŷ_j = P(class j), j = 0..${k - 1}`;
  if (out.activation === 'sigmoid' && k === 1) return 'ŷ = P(class 1)';
  return 'ŷ';
}

function layerRole(n, i) {
  return i === n.layers.length - 1 ? 'output layer' : 'hidden layer';
}

// ---- (1) Python / Keras ---------------------------------------------------------------------------

/**
 * The network as Python/Keras (TensorFlow 2) code: data loading, the feature
 * transform, Sequential([...]), compile() and fit().
 * @param {NetworkDescription} desc
 * @returns {string}
 */
export function generateKeras(desc) {
  const n = normalizeDescription(desc);
  const L = [];
  const uses = (a) => n.layers.some((l) => l.activation === a);
  const K = numClasses(n);

  L.push('# The playground\'s network in Keras (TensorFlow 2).');
  L.push('# Layer l computes, for each of its neurons j:');
  L.push('#     z_j^[l] = w_j^[l] · a^[l-1] + b_j^[l]     a_j^[l] = g(z_j^[l])');
  L.push('# where a^[0] is the vector of input features and g the layer\'s activation.');
  L.push('import numpy as np');
  L.push('import tensorflow as tf');
  L.push('from tensorflow.keras import Sequential');
  L.push('from tensorflow.keras.layers import Dense, Input');
  L.push('');
  if (n.seed !== null) {
    L.push(`tf.keras.utils.set_random_seed(${n.seed})  # repeatable runs (Keras draws other initial weights than nnplay)`);
    L.push('');
  }
  if (uses('leakyRelu')) {
    L.push('def leaky_relu(z):');
    L.push(`    # g(z) = z for z > 0, ${num(LEAKY_RELU_ALPHA)} * z otherwise (the slope of nnplay and Keras' LeakyReLU layer)`);
    L.push(`    return tf.nn.leaky_relu(z, alpha=${num(LEAKY_RELU_ALPHA)})`);
    L.push('');
  }

  L.push('# ---- the data ----');
  L.push('# Download the playground\'s points ("Download CSV": rows x1,x2,label) and load them:');
  L.push("data = np.loadtxt('nnplay-data.csv', delimiter=',', skiprows=1, dtype=np.float32)");
  L.push('points = data[:, :2]  # one (x1, x2) per row');
  if (n.loss === 'meanSquaredError') L.push('y = data[:, 2]        # the target value of each point');
  else if (n.loss === 'categoricalCrossentropy') {
    L.push(`y = tf.keras.utils.to_categorical(data[:, 2], num_classes=${K})  # one-hot rows: class c -> 1 at index c`);
  } else if (n.loss === 'sparseCategoricalCrossentropy') L.push('y = data[:, 2].astype(np.int64)  # class indices 0, 1, ...');
  else L.push('y = data[:, 2]        # class 0 or 1');
  L.push('');
  L.push('# ---- the input features a^[0], computed from each point (x1, x2) ----');
  L.push('def features(points):');
  L.push('    x1, x2 = points[:, 0], points[:, 1]');
  L.push(`    return np.column_stack([${pyFeatureList(n)}]).astype(np.float32)`);
  L.push('');
  L.push(`X = features(points)  # shape (m, ${n.inputDim}): columns ${featureNames(n)}`);
  L.push('');

  L.push('# ---- the model ----');
  const regularized = n.layers.filter((l) => l.l1 > 0 || l.l2 > 0);
  const regCode = (l) => `tf.keras.regularizers.l1_l2(l1=${num(l.l1)}, l2=${num(l.l2)})`;
  // One shared regularizer (the playground's case) gets a name; otherwise each layer its own.
  const shared = regularized.length === n.layers.length && n.layers.every((l) => l.l1 === n.layers[0].l1 && l.l2 === n.layers[0].l2);
  if (regularized.length > 0) {
    L.push('# kernel_regularizer adds l1 * sum(|W|) + l2 * sum(W**2) of the layer\'s weights W to the loss.');
    if (shared) L.push(`regularizer = ${regCode(n.layers[0])}`);
  }
  const rows = [[`Input(shape=(${n.inputDim},)),`, `a^[0]: ${n.inputDim} input feature${n.inputDim === 1 ? '' : 's'} (${featureNames(n)})`]];
  n.layers.forEach((l, i) => {
    const args = [`units=${l.units}`, `activation=${ACTIVATIONS[l.activation].keras}`];
    if (l.kernelInitializer !== 'glorotUniform') args.push(`kernel_initializer='${INITIALIZERS[l.kernelInitializer]}'`);
    if (l.l1 > 0 || l.l2 > 0) args.push(`kernel_regularizer=${shared ? 'regularizer' : regCode(l)}`);
    const last = i === n.layers.length - 1;
    rows.push([`Dense(${args.join(', ')}),`, `layer ${i + 1} (${layerRole(n, i)}): a^[${i + 1}]${last ? `, ${outputMeaning(n)}` : ''}`]);
  });
  L.push('model = Sequential([');
  L.push(...alignComments(rows, '    '));
  L.push('])');
  L.push('');

  const lossArgs = LOSSES[n.loss].crossentropy ? `from_logits=${n.fromLogits ? 'True' : 'False'}` : '';
  const lossCode = `tf.keras.losses.${LOSSES[n.loss].keras}(${lossArgs})`;
  const optArgs = [`learning_rate=${num(n.optimizer.learningRate)}`];
  if (n.optimizer.name === 'momentum') optArgs.push(`momentum=${num(n.optimizer.momentum)}`);
  const optCode = `tf.keras.optimizers.${OPTIMIZERS[n.optimizer.name].keras}(${optArgs.join(', ')})`;
  if (n.fromLogits && n.layers[n.layers.length - 1].activation !== 'linear')
    L.push('# Note: from_logits=True expects the output layer to give logits (activation \'linear\').');
  L.push('model.compile(');
  L.push(`    loss=${lossCode},`);
  L.push(`    optimizer=${optCode},`);
  if (n.accuracy) L.push("    metrics=['accuracy'],");
  L.push(')');
  L.push('model.summary()');
  L.push('');
  L.push('# ---- training: one gradient step per batch, every example seen once per epoch ----');
  L.push(`model.fit(X, y, epochs=${n.epochs}, batch_size=${n.batchSize})`);
  L.push('');
  L.push('# To start from the playground\'s current weights instead, take W1, b1, ... from');
  L.push('# the NumPy tab and call model.set_weights([W1, b1, W2, b2, ...]) before fit().');
  L.push('');
  L.push('# ---- predictions for new points ----');
  L.push('new_points = np.array([[0.0, 0.0], [1.0, -2.0]], dtype=np.float32)');
  L.push(`print(model.predict(features(new_points)))  # ${outputMeaning(n)}`);
  return L.join('\n') + '\n';
}

// ---- (2) nnplay JavaScript ----------------------------------------------------------------------

/**
 * The network as nnplay JavaScript (the TF.js-style API): data, features,
 * nn.sequential(...), compile() and fit(). An ES module (top-level await).
 * @param {NetworkDescription} desc
 * @returns {string}
 */
export function generateJs(desc) {
  const n = normalizeDescription(desc);
  const L = [];
  const K = numClasses(n);
  const d = n.dataset;

  L.push("// The playground's network in nnplay's JavaScript API (TensorFlow.js Layers style).");
  L.push('// Layer l computes, for each of its neurons j:');
  L.push('//     z_j^[l] = w_j^[l] · a^[l-1] + b_j^[l]     a_j^[l] = g(z_j^[l])');
  L.push("// where a^[0] is the vector of input features and g the layer's activation.");
  L.push("import { loadNnplay } from 'nnplay';");
  L.push('');
  L.push('const nn = await loadNnplay();');
  L.push('');
  L.push('// ---- the data: a playground data set (or nn.csv.parse(text) for your own x1,x2,label rows) ----');
  const opts = [`n: ${d.n}`, `noise: ${num(d.noise)}`, `seed: ${d.seed}`];
  if (d.classes !== null) opts.push(`classes: ${d.classes}`);
  L.push(`const data = nn.datasets.make('${d.name}', { ${opts.join(', ')} });`);
  L.push(`const features = ${jsFeatureArray(n)};`);
  L.push(`const x = nn.features.transform(data.x, features);  // a^[0] for every point: shape [m, ${n.inputDim}]`);
  if (n.loss === 'categoricalCrossentropy') {
    L.push(`// one-hot rows: class c -> 1 at index c of ${K}`);
    L.push(`const y = Array.from(data.y.dataSync(), (c) => Array.from({ length: ${K} }, (_, k) => (k === c ? 1 : 0)));`);
  } else if (n.loss === 'meanSquaredError') {
    L.push('const y = data.y;  // the target value of each point');
  } else if (n.loss === 'sparseCategoricalCrossentropy') {
    L.push('const y = data.y;  // class indices 0, 1, ...');
  } else {
    L.push('const y = data.y;  // class 0 or 1');
  }
  L.push('');
  L.push('// ---- the model ----');
  const seedPart = n.seed !== null ? `seed: ${n.seed}, ` : '';
  L.push(`const model = nn.sequential({ ${seedPart}layers: [`);
  const rows = n.layers.map((l, i) => {
    const args = [`units: ${l.units}`, `activation: '${l.activation}'`];
    if (i === 0) args.push(`inputShape: [${n.inputDim}]`);
    if (l.kernelInitializer !== 'glorotUniform') args.push(`kernelInitializer: '${l.kernelInitializer}'`);
    if (l.l1 > 0 && l.l2 > 0) args.push(`kernelRegularizer: nn.regularizers.l1l2({ l1: ${num(l.l1)}, l2: ${num(l.l2)} })`);
    else if (l.l1 > 0) args.push(`kernelRegularizer: nn.regularizers.l1({ l1: ${num(l.l1)} })`);
    else if (l.l2 > 0) args.push(`kernelRegularizer: nn.regularizers.l2({ l2: ${num(l.l2)} })`);
    const last = i === n.layers.length - 1;
    return [`nn.layers.dense({ ${args.join(', ')} }),`,
      `layer ${i + 1} (${layerRole(n, i)}): a^[${i + 1}]${last ? `, ${outputMeaning(n)}` : ''}`];
  });
  L.push(...alignComments(rows, '  ', '//'));
  L.push('] });');
  L.push('');
  const lr = num(n.optimizer.learningRate);
  const opt = n.optimizer.name === 'momentum' ? `nn.train.momentum(${lr}, ${num(n.optimizer.momentum)})`
    : `nn.train.${n.optimizer.name}(${lr})`;
  const compileArgs = [`optimizer: ${opt}`, `loss: '${n.loss}'`];
  if (n.fromLogits) compileArgs.push('fromLogits: true');
  if (n.accuracy) compileArgs.push("metrics: ['accuracy']");
  L.push('model.compile({');
  for (const a of compileArgs) L.push(`  ${a},`);
  L.push('});');
  L.push('model.summary();');
  L.push('');
  L.push('// ---- training: one gradient step per batch, every example seen once per epoch ----');
  L.push(`const history = await model.fit(x, y, { epochs: ${n.epochs}, batchSize: ${n.batchSize} });`);
  L.push("console.log('loss after training:', history.history.loss.at(-1));");
  L.push('');
  L.push('// ---- predictions for new points ----');
  L.push(`model.predict(nn.features.transform([[0, 0], [1, -2]], features)).print();  // ${outputMeaning(n)}`);
  return L.join('\n') + '\n';
}

// ---- (3) NumPy forward pass ---------------------------------------------------------------------------

const NUMPY_ACTIVATIONS = {
  linear: ['def linear(z):', '    return z'],
  sigmoid: [
    'def sigmoid(z):',
    '    # g(z) = 1 / (1 + e^-z), computed so that exp never overflows',
    '    e = np.exp(-np.abs(z))',
    '    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))',
  ],
  tanh: ['def tanh(z):', '    return np.tanh(z)'],
  relu: ['def relu(z):', '    # g(z) = max(0, z)', '    return np.maximum(0, z)'],
  leakyRelu: [
    'def leaky_relu(z):',
    `    # g(z) = z for z > 0, ${LEAKY_RELU_ALPHA} * z otherwise`,
    `    return np.where(z > 0, z, ${LEAKY_RELU_ALPHA} * z)`,
  ],
  elu: [
    'def elu(z):',
    `    # g(z) = z for z > 0, ${ELU_ALPHA} * (e^z - 1) otherwise`,
    `    return np.where(z > 0, z, ${ELU_ALPHA} * (np.exp(np.minimum(z, 0)) - 1))`,
  ],
  softmax: [
    'def softmax(z):',
    '    # a_j = e^(z_j) / sum_k e^(z_k) over the units of one example (one row);',
    '    # subtracting the row\'s largest z first changes nothing but avoids overflow',
    '    e = np.exp(z - np.max(z, axis=-1, keepdims=True))',
    '    return e / np.sum(e, axis=-1, keepdims=True)',
  ],
};

function pyVector(values) {
  return `[${values.map(float32Text).join(', ')}]`;
}

// A kernel as aligned rows, each commented with the input it comes from.
function pyMatrix(name, values, rows, cols, rowLabels) {
  const texts = values.map(float32Text);
  const width = Math.max(...texts.map((t) => t.length));
  const lines = [`${name} = np.array([`];
  for (let r = 0; r < rows; ++r) {
    const cells = texts.slice(r * cols, (r + 1) * cols).map((t) => t.padStart(width));
    lines.push(`    [${cells.join(', ')}],  # row ${r}: from ${rowLabels[r]}`);
  }
  lines.push('], dtype=np.float32)');
  return lines;
}

/**
 * A NumPy forward pass of the network with its current weights: the activation
 * functions, dense(a_in, W, b, g), features(points), W1, b1, ... and predict(points).
 * Its predictions match nnplay's model.predict (float32 throughout).
 * @param {NetworkDescription} desc
 * @returns {string}
 */
export function generateNumpy(desc) {
  const n = normalizeDescription(desc);
  const L = [];
  const used = [...new Set(n.layers.map((l) => l.activation))];
  const fnName = (a) => ACTIVATIONS[a].py;

  L.push('# The playground\'s network as a NumPy forward pass, with its current trained weights.');
  L.push('# Needs only NumPy: predict(points) gives the same numbers as the playground.');
  L.push('#');
  L.push('# Notation: layer l = 1, 2, ...; a^[0] = the input features; for neuron j of layer l');
  L.push('#     z_j^[l] = w_j^[l] · a^[l-1] + b_j^[l]');
  L.push('#     a_j^[l] = g(z_j^[l])');
  L.push('# W1, W2, ... hold the vectors w_j^[l] as their columns (shape: inputs x units),');
  L.push('# b1, b2, ... the biases b_j^[l].');
  L.push('# Indices i, j count from 0, as NumPy does.');
  L.push('import numpy as np');
  L.push('');
  L.push('# ---- activation functions g ----');
  for (const a of used) L.push(...NUMPY_ACTIVATIONS[a], '', '');
  L.push('# ---- one dense layer ----');
  L.push('def dense(a_in, W, b, g):');
  L.push('    # All units of the layer at once (and every example: a_in may hold one per row):');
  L.push('    # z_j = W[:, j] · a_in + b[j] for every j, then a_out = g(z). One unit at a time:');
  L.push('    #     for j in range(W.shape[1]):');
  L.push('    #         z[j] = np.dot(W[:, j], a_in) + b[j]');
  L.push('    return g(a_in @ W + b)');
  L.push('');
  L.push('');
  L.push('# ---- the input features a^[0], computed from each point (x1, x2) ----');
  L.push('def features(points):');
  L.push('    points = np.asarray(points, dtype=np.float32).reshape(-1, 2)  # like nnplay: float32');
  L.push('    x1, x2 = points[:, 0], points[:, 1]');
  L.push(`    return np.column_stack([${pyFeatureList(n)}]).astype(np.float32)`);
  L.push('');
  L.push('');
  L.push('# ---- the weights (float32, exactly as in the playground) ----');
  if (!n.weights) L.push('# No trained weights were given: these zeros are placeholders.');
  let inputs = n.inputDim;
  let inputLabels = n.features.map((f) => f.name);
  n.layers.forEach((l, i) => {
    const layer = i + 1;
    L.push(`# Layer ${layer} (${layerRole(n, i)}, g = ${fnName(l.activation)}): ${inputs} input${inputs === 1 ? '' : 's'}, ${units(l.units)}.`);
    L.push(`# Column W${layer}[:, j] is w_j^[${layer}]; row i holds the weights from input i.`);
    if (n.weights) {
      const { kernel, bias } = n.weights[i];
      L.push(...pyMatrix(`W${layer}`, kernel.values, inputs, l.units, inputLabels));
      L.push(`b${layer} = np.array(${pyVector(bias.values)}, dtype=np.float32)  # b_j^[${layer}]`);
    } else {
      L.push(`W${layer} = np.zeros((${inputs}, ${l.units}), dtype=np.float32)`);
      L.push(`b${layer} = np.zeros(${l.units}, dtype=np.float32)  # b_j^[${layer}]`);
    }
    L.push('');
    inputLabels = Array.from({ length: l.units }, (_, k) => `a_${k}^[${layer}]`);
    inputs = l.units;
  });
  L.push('');
  L.push('# ---- the forward pass ----');
  L.push('def predict(points):');
  const outUnits = n.layers[n.layers.length - 1].units;
  L.push(`    """points: shape (m, 2), one (x1, x2) per row -> shape (m, ${outUnits}): ${outputMeaning(n)}."""`);
  const rows = [[`a0 = features(points)`, `a^[0]: shape (m, ${n.inputDim}), columns ${featureNames(n)}`]];
  n.layers.forEach((l, i) => {
    const k = i + 1;
    const last = i === n.layers.length - 1;
    rows.push([`a${k} = dense(a${i}, W${k}, b${k}, ${fnName(l.activation)})`,
      `a^[${k}]: layer ${k} (${last ? 'output' : 'hidden'}), ${units(l.units)}${last ? `: ${outputMeaning(n)}` : ''}`]);
  });
  L.push(...alignComments(rows, '    '));
  L.push(`    return a${n.layers.length}`);
  L.push('');
  L.push('');
  L.push("if __name__ == '__main__':");
  L.push('    points = np.array([[0.0, 0.0], [1.0, -2.0], [-3.0, 2.5]])');
  L.push('    y_hat = predict(points)');
  L.push('    print(y_hat)');
  const out = n.layers[n.layers.length - 1];
  if (n.loss === 'binaryCrossentropy' && outUnits === 1) {
    L.push(`    print('class:', (y_hat[:, 0] >= ${n.fromLogits ? '0' : '0.5'}).astype(int))  # ${n.fromLogits ? 'z >= 0' : 'ŷ >= 0.5'} means class 1`);
  } else if (LOSSES[n.loss].crossentropy && outUnits > 1 && (out.activation === 'softmax' || n.fromLogits)) {
    L.push("    print('class:', np.argmax(y_hat, axis=1))  # the most likely class");
  }
  return L.join('\n') + '\n';
}

/**
 * All three: { keras, js, numpy }.
 * @param {NetworkDescription} desc
 */
export function generateAll(desc) {
  return { keras: generateKeras(desc), js: generateJs(desc), numpy: generateNumpy(desc) };
}

// ---- helpers for the page and the tests -------------------------------------------------------------

/**
 * The input features of raw points: [[x1, x2], ...] -> [[f1, f2, ...], ...] in the
 * engine's column order.
 * @param {string[]} features
 * @param {number[][]} points
 */
export function computeFeatures(features, points) {
  const list = canonicalFeatures(features);
  return points.map(([x1, x2]) => list.map((f) => f.js(x1, x2)));
}

const JS_ACTIVATIONS = {
  linear: (z) => z,
  sigmoid: (z) => z.map((v) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)))),
  tanh: (z) => z.map(Math.tanh),
  relu: (z) => z.map((v) => Math.max(0, v)),
  leakyRelu: (z) => z.map((v) => (v > 0 ? v : LEAKY_RELU_ALPHA * v)),
  elu: (z) => z.map((v) => (v > 0 ? v : ELU_ALPHA * (Math.exp(v) - 1))),
  softmax: (z) => {
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  },
};

/**
 * Evaluates the described network (with its `weights`) on raw points, in double
 * precision: [[x1, x2], ...] -> [[output units], ...]. Returns every layer's
 * activations too when `all` is true: [a^[0], a^[1], ...] per point.
 * @param {NetworkDescription} desc
 * @param {number[][]} points
 * @param {{all?: boolean}} [options]
 */
export function forwardPass(desc, points, { all = false } = {}) {
  const n = normalizeDescription(desc);
  if (!n.weights) throw new Error('forwardPass needs the description\'s weights');
  return points.map(([x1, x2]) => {
    let a = n.features.map((f) => f.js(x1, x2));
    const layers = [a];
    n.layers.forEach((l, i) => {
      const { kernel, bias } = n.weights[i];
      const z = [];
      for (let j = 0; j < l.units; ++j) {
        let s = bias.values[j];
        for (let k = 0; k < a.length; ++k) s += kernel.values[k * l.units + j] * a[k];
        z.push(s);
      }
      a = JS_ACTIVATIONS[l.activation](z);
      layers.push(a);
    });
    return all ? layers : a;
  });
}

/**
 * A description from an nnplay model's JSON (model.toJSON(null, false), or its
 * string) plus what the model does not know: { features, batchSize, epochs, dataset }.
 * Takes the layers, per-layer l1/l2 and initializers, the compile settings, the seed
 * and the current weights.
 * @param {object|string} json
 * @param {{features: string[], batchSize?: number, epochs?: number, dataset?: DatasetDescription}} extra
 * @returns {NetworkDescription}
 */
export function descriptionFromModelJSON(json, extra) {
  const m = typeof json === 'string' ? JSON.parse(json) : json;
  if (!m || !Array.isArray(m.layers)) throw new Error('descriptionFromModelJSON: expected the JSON of an nnplay model');
  const c = m.compile ?? null;
  const desc = {
    features: extra.features,
    layers: m.layers.map((l) => ({ units: l.units, activation: l.activation, l1: l.l1 ?? 0, l2: l.l2 ?? 0,
      kernelInitializer: l.kernelInitializer })),
    loss: c ? c.loss : 'meanSquaredError',
    fromLogits: c ? !!c.fromLogits : false,
    optimizer: c ? { name: c.optimizer.name, learningRate: c.optimizer.learningRate,
      ...(c.optimizer.name === 'momentum' ? { momentum: c.optimizer.momentum } : {}) } : { name: 'adam' },
    seed: m.seed,
    weights: m.layers.flatMap((l) => [l.kernel, l.bias ?? new Array(l.units).fill(0)]),
  };
  if (c) desc.accuracy = (c.metrics ?? []).includes('accuracy');
  for (const key of ['batchSize', 'epochs', 'dataset']) if (extra[key] !== undefined) desc[key] = extra[key];
  return desc;
}
