// The network description the code generators take: its documented shape, the
// check that turns it into the canonical form the generators read (every name
// checked against the engine's tables, every number finite), and the
// descriptions of the page's network and of a model's JSON.
//
// Safety: nothing from the description is pasted into code as text. Every name
// is written in its canonical spelling, every number is printed by text.js.

import { ACTIVATIONS, LOSSES, OPTIMIZERS, INITIALIZERS, DATASETS, datasetInfo } from '../../catalog.js';
import { FEATURE_TABLE } from '../../features.js';

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
 * @property {{mean: number[], std: number[]}|null} [normalization]  Input normalization
 *   (z-score, like Keras' Normalization layer): each raw input x1, x2 becomes
 *   (x - mean) / std before the features are computed. Two finite means, two positive stds.
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


// ---- vocabularies: the engine's names (catalog.js), plus what a description needs ----

/** The description's loss names: the engine's, with the usual short aliases. */
const LOSS_ALIASES = { binaryCrossentropy: ['bce'], meanSquaredError: ['mse'], sparseCategoricalCrossentropy: ['scce'], categoricalCrossentropy: ['cce'] };
/** Losses that compare probabilities (accuracy makes sense; Keras takes from_logits). */
export const CROSSENTROPY = new Set(['binaryCrossentropy', 'sparseCategoricalCrossentropy', 'categoricalCrossentropy']);
/** The learning rate a description without one gets (Keras' defaults). */
const DEFAULT_LR = { sgd: 0.01, momentum: 0.01, rmsprop: 0.001, adam: 0.001 };

const table = (names, aliases = {}) => new Map(names.map((name) => [name, aliases[name] || []]));
const ACTIVATION_NAMES = table(ACTIVATIONS);
const LOSS_NAMES = table(LOSSES, LOSS_ALIASES);
const OPTIMIZER_NAMES = table(OPTIMIZERS);
const INITIALIZER_NAMES = table(INITIALIZERS);

// ---- checking the description -------------------------------------------------------------

const fold = (s) => s.replace(/[\s_-]/g, '').toLowerCase();
const show = (v) => {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

function pick(names, value, what) {
  if (typeof value !== 'string') throw new Error(`${what} must be a name, got ${show(value)}`);
  const key = fold(value);
  for (const [name, aliases] of names) {
    if (fold(name) === key || aliases.some((a) => fold(a) === key)) return name;
  }
  throw new Error(`unknown ${what} ${show(value)}; expected one of: ${[...names.keys()].join(', ')}`);
}

function finite(value, what, { min = -Infinity, integer = false } = {}) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value)))
    throw new Error(`${what} must be a${integer ? 'n integer' : ' finite number'}${min > -Infinity ? ` >= ${min}` : ''}, got ${show(value)}`);
  return value;
}

/** Feature names (any accepted spelling) -> their FEATURE_TABLE entries, in the engine's order. */
export function canonicalFeatures(list) {
  if (!Array.isArray(list) || list.length === 0)
    throw new Error(`features must be a non-empty array of names like ['x1', 'x2'], got ${show(list)}`);
  const chosen = new Set();
  for (const f of list) {
    if (typeof f !== 'string') throw new Error(`features: every entry must be a name, got ${show(f)}`);
    const key = f.replace(/\s/g, '').toLowerCase();
    const found = FEATURE_TABLE.find((d) => d.name === key || d.aliases.includes(key));
    if (!found) throw new Error(`unknown feature ${show(f)}; expected one of: ${FEATURE_TABLE.map((d) => d.name).join(', ')}`);
    chosen.add(found.name);
  }
  return FEATURE_TABLE.filter((d) => chosen.has(d.name));
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
 *   kernelInitializer, dropout}], loss, fromLogits, accuracy, optimizer: {name, learningRate,
 *   momentum?}, batchSize, epochs, seed, weights: [{kernel, bias}] | null, dataset }.
 * Throws an Error naming the bad field.
 * @param {NetworkDescription} desc
 */
export function normalizeDescription(desc) {
  if (desc === null || typeof desc !== 'object') throw new Error(`the network description must be an object, got ${show(desc)}`);
  const features = canonicalFeatures(desc.features);
  if (!Array.isArray(desc.layers) || desc.layers.length === 0)
    throw new Error(`layers must be a non-empty array of {units, activation} (the output layer last), got ${show(desc.layers)}`);
  const globalInit = desc.kernelInitializer == null ? 'glorotUniform' : pick(INITIALIZER_NAMES, desc.kernelInitializer, 'kernelInitializer');
  const layers = desc.layers.map((l, i) => {
    if (l === null || typeof l !== 'object') throw new Error(`layers[${i}] must be {units, activation}, got ${show(l)}`);
    const units = finite(l.units, `layers[${i}].units`, { min: 1, integer: true });
    const activation = l.activation == null ? 'linear' : pick(ACTIVATION_NAMES, l.activation, `activation of layers[${i}]`);
    if (activation === 'softmax' && units < 2)
      throw new Error(`layers[${i}]: softmax over 1 unit always outputs 1; use sigmoid for one output`);
    const l1 = l.l1 != null ? finite(l.l1, `layers[${i}].l1`, { min: 0 }) : perLayer(desc.l1, i, desc.layers.length, 'l1');
    const l2 = l.l2 != null ? finite(l.l2, `layers[${i}].l2`, { min: 0 }) : perLayer(desc.l2, i, desc.layers.length, 'l2');
    const kernelInitializer = l.kernelInitializer == null ? globalInit
      : pick(INITIALIZER_NAMES, l.kernelInitializer, `kernelInitializer of layers[${i}]`);
    // Dropout after this layer (a rate in [0, 1), 0 = none): active only while training.
    const dropout = l.dropout == null ? 0 : finite(l.dropout, `layers[${i}].dropout`, { min: 0 });
    if (dropout >= 1) throw new Error(`layers[${i}].dropout must be in [0, 1), got ${dropout}`);
    return { units, activation, l1, l2, kernelInitializer, dropout };
  });
  const loss = pick(LOSS_NAMES, desc.loss, 'loss');
  const outUnits = layers[layers.length - 1].units;
  if ((loss === 'sparseCategoricalCrossentropy' || loss === 'categoricalCrossentropy') && outUnits < 2)
    throw new Error(`loss ${loss} needs an output layer of at least 2 units (one per class), got ${outUnits}`);
  const fromLogits = desc.fromLogits == null ? false : desc.fromLogits === true;
  if (desc.fromLogits != null && typeof desc.fromLogits !== 'boolean')
    throw new Error(`fromLogits must be true or false, got ${show(desc.fromLogits)}`);
  const accuracy = desc.accuracy == null ? CROSSENTROPY.has(loss) : desc.accuracy === true;

  const o = desc.optimizer ?? {};
  const optName = pick(OPTIMIZER_NAMES, typeof o === 'string' ? o : o.name, 'optimizer');
  const optimizer = {
    name: optName,
    learningRate: o.learningRate == null ? DEFAULT_LR[optName]
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
  if (dataset.classes == null && datasetInfo(dataset.name).usesClasses && outUnits > 1) dataset.classes = outUnits;

  let normalization = null;
  if (desc.normalization != null) {
    const z = desc.normalization;
    const pair = (v, what, min) => {
      if (!Array.isArray(v) || v.length !== 2) throw new Error(`normalization.${what} must be two numbers (x1, x2), got ${show(v)}`);
      return v.map((x, i) => finite(x, `normalization.${what}[${i}]`, { min }));
    };
    normalization = { mean: pair(z.mean, 'mean'), std: pair(z.std, 'std', Number.MIN_VALUE) };
  }

  return {
    features, inputDim: features.length, layers, loss, fromLogits, accuracy, optimizer,
    batchSize, epochs, seed, weights, dataset, normalization,
  };
}

/** The description of the page's network: state + the worker's `model` message + the frame's flat weights. */
export function pageDescription(state, model, weights) {
  const specs = [...model.layers, { units: model.output.units, activation: model.output.activation }];
  let list;
  if (weights) {
    list = [];
    let o = 0;
    for (const shape of model.shapes) {
      const size = shape.reduce((a, b) => a * b, 1);
      list.push(Array.from(weights.subarray ? weights.subarray(o, o + size) : weights.slice(o, o + size)));
      o += size;
    }
  }
  const reg = state.regularization;
  const desc = {
    features: model.features,
    normalization: model.normalization || null,
    layers: specs.map((l) => ({ units: l.units, activation: l.activation, dropout: l.dropout ?? 0 })),
    loss: model.output.loss,
    optimizer: { name: state.optimizer, learningRate: state.learningRate, ...(state.optimizer === 'momentum' ? { momentum: 0.9 } : {}) },
    batchSize: state.batchSize,
    epochs: state.epochs || 100,
    seed: state.seed,
    kernelInitializer: state.initializer,
    l1: reg === 'l1' ? state.regRate : 0,
    l2: reg === 'l2' ? state.regRate : 0,
    dataset: { name: state.dataset, n: state.points, noise: state.noise, seed: state.dataSeed, ...(model.classes > 2 ? { classes: model.classes } : {}) },
  };
  if (list) desc.weights = list;
  return desc;
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
  // Dense layers carry the weights; a Dropout becomes its preceding layer's `dropout`.
  const layers = [];
  for (const l of m.layers) {
    if ((l.type ?? 'dense') === 'dense') layers.push(l);
    else if (l.type === 'dropout' && layers.length > 0) layers[layers.length - 1] = { ...layers.at(-1), dropout: l.rate };
    else throw new Error(`descriptionFromModelJSON: a ${l.type} layer cannot be described`);
  }
  const desc = {
    features: extra.features,
    layers: layers.map((l) => ({ units: l.units, activation: l.activation, l1: l.l1 ?? 0, l2: l.l2 ?? 0,
      kernelInitializer: l.kernelInitializer, dropout: l.dropout ?? 0 })),
    loss: c ? c.loss : 'meanSquaredError',
    fromLogits: c ? !!c.fromLogits : false,
    optimizer: c ? { name: c.optimizer.name, learningRate: c.optimizer.learningRate,
      ...(c.optimizer.name === 'momentum' ? { momentum: c.optimizer.momentum } : {}) } : { name: 'adam' },
    seed: m.seed,
    weights: layers.flatMap((l) => [l.kernel, l.bias ?? new Array(l.units).fill(0)]),
  };
  if (c) desc.accuracy = (c.metrics ?? []).includes('accuracy');
  for (const key of ['batchSize', 'epochs', 'dataset']) if (extra[key] !== undefined) desc[key] = extra[key];
  return desc;
}
