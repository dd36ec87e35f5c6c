// The Sequential model of the nnplay JavaScript API: TensorFlow.js Layers names
// and semantics over one engine model in wasm. Each method is one (or a few)
// calls into wasm/bindings.cpp; fit() is one call per epoch, awaiting between
// epochs so callbacks and the page keep running.
import { Tensor, toArrayData, toMatrix, describe } from './tensor.js';
import { findLearningRate } from './lrFinder.js';

/** Thrown when the loss or a gradient became NaN/Inf; the model keeps its last good weights. */
export class DivergedError extends Error {
  constructor(message, epoch, batch) {
    super(message);
    this.name = 'DivergedError';
    this.diverged = true;
    this.epoch = epoch; // 1-based, as in the message
    this.batch = batch;
  }
}

// ---- argument checking: loud and specific (which argument, expected, given) ----------
// An options object: a plain object (or a class instance), not an array, typed
// array, Date, Map or boxed primitive (their keys would pass unnoticed). The tag
// test works across realms (an object from another frame or worker).
export function checkKeys(object, allowed, what) {
  if (object === undefined || object === null) return {};
  if (typeof object !== 'object' || Object.prototype.toString.call(object) !== '[object Object]')
    throw new Error(`${what} must be an object, got ${describe(object)}`);
  for (const key of Object.keys(object))
    if (!allowed.includes(key) && object[key] !== undefined)
      throw new Error(`${what}: unknown option "${key}"; expected one of: ${allowed.join(', ')}`);
  return object;
}
export function intArg(value, what, min = 0, max = 2 ** 31 - 1) {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${what} must be an integer in ${min}..${max}, got ${describe(value)}`);
  return value;
}
export function numArg(value, what) {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${what} must be a finite number, got ${describe(value)}`);
  return value;
}
export function strArg(value, what) {
  if (typeof value !== 'string') throw new Error(`${what} must be a string, got ${describe(value)}`);
  return value;
}
function boolArg(value, what) {
  if (typeof value !== 'boolean') throw new Error(`${what} must be true or false, got ${describe(value)}`);
  return value;
}
export function seedArg(value, what = 'seed') {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${what} must be a non-negative integer, got ${describe(value)}`);
  return value;
}

// ---- layers, regularizers, optimizers (the specs the model consumes) ---------------
const DENSE_KEYS = ['units', 'activation', 'inputShape', 'inputDim', 'batchInputShape', 'useBias',
  'kernelInitializer', 'biasInitializer', 'kernelRegularizer', 'name', 'trainable', 'dtype'];

/**
 * What every layer spec has: the engine's type name, its settings (checked by
 * the engine when the layer is added), the input width when it is a model's
 * first layer, and an optional name.
 */
export class LayerSpec {
  /**
   * @param {string} type a registered layer type ('dense', 'dropout', ...)
   * @param {object} settings the engine settings of that type
   * @param {number|null} inputDim from inputShape / batchInputShape / inputDim
   * @param {string|null} name
   */
  constructor(type, settings, inputDim = null, name = null) {
    this.type = type;
    this.settings = settings;
    this.inputDim = inputDim;
    this.name = name;
  }
}

// inputShape [features], batchInputShape [null, features] or inputDim -> features (or null).
function inputDimOf(c, what, limits) {
  let shape = null;
  if (c.inputShape != null) shape = c.inputShape;
  else if (c.batchInputShape != null) {
    if (!Array.isArray(c.batchInputShape) || c.batchInputShape.length !== 2)
      throw new Error(`${what}: batchInputShape must be [null, features], got ${describe(c.batchInputShape)}`);
    shape = [c.batchInputShape[1]];
  } else if (c.inputDim != null) shape = [c.inputDim];
  if (shape === null) return null;
  if (!Array.isArray(shape) || shape.length !== 1 || !Number.isInteger(shape[0]) || shape[0] < 1 || shape[0] > limits.maxFeatures)
    throw new Error(`${what}: inputShape must be [features] with an integer in 1..${limits.maxFeatures}, got ${describe(shape)}` +
                    (Array.isArray(shape) ? ` [${shape.map((d) => describe(d)).join(', ')}]` : ''));
  return shape[0];
}

const COMMON_KEYS = ['inputShape', 'inputDim', 'batchInputShape', 'name', 'trainable', 'dtype'];

/**
 * nn.layers.<type>(config) for a layer type the engine registers (see
 * engine/include/nnplay/layer.hpp): its settings by the engine's names, plus
 * inputShape and name. Dense has its own, TF.js-compatible spec below.
 * @param {{name: string, settings: {name: string}[]}} type from the engine's registry
 * @param {object} limits nn.limits
 */
export function layerFactory(type, limits) {
  const keys = [...type.settings.map((s) => s.name), ...COMMON_KEYS];
  const what = `layers.${type.name}`;
  return (config) => {
    checkKeys(config, keys, what);
    const c = config ?? {};
    if (c.trainable === false) throw new Error(`${what}: trainable: false is not supported by nnplay`);
    if (c.dtype != null && c.dtype !== 'float32') throw new Error(`${what}: dtype must be 'float32', got ${describe(c.dtype)}`);
    const settings = {};
    for (const s of type.settings) if (c[s.name] !== undefined) settings[s.name] = c[s.name];
    const name = c.name == null ? null : layerName(c.name, `${what}: name`);
    if (name !== null) settings.name = name;  // the engine keeps layer names
    return new LayerSpec(type.name, settings, inputDimOf(c, what, limits), name);
  };
}

/** A Dense layer spec, as tf.layers.dense(config). `limits` is nn.limits. */
export class DenseSpec extends LayerSpec {
  constructor(config, limits) {
    super('dense', null);
    checkKeys(config, DENSE_KEYS, 'layers.dense');
    if (config === undefined) throw new Error('layers.dense needs a config object with at least `units`');
    const c = config;
    this.units = intArg(c.units, 'layers.dense: units', 1, limits.maxUnits);
    this.activation = c.activation == null ? 'linear' : strArg(c.activation, 'layers.dense: activation');
    this.useBias = c.useBias == null ? true : boolArg(c.useBias, 'layers.dense: useBias');
    this.kernelInitializer = initializerName(c.kernelInitializer, 'glorotUniform', 'kernelInitializer');
    this.biasInitializer = initializerName(c.biasInitializer, 'zeros', 'biasInitializer');
    const reg = regularizerRates(c.kernelRegularizer);
    this.l1 = reg.l1;
    this.l2 = reg.l2;
    this.name = c.name == null ? null : layerName(c.name, 'layers.dense: name');
    if (c.trainable === false) throw new Error('layers.dense: trainable: false is not supported by nnplay');
    if (c.dtype != null && c.dtype !== 'float32') throw new Error(`layers.dense: dtype must be 'float32', got ${describe(c.dtype)}`);
    this.inputDim = inputDimOf(c, 'layers.dense', limits);
    this.settings = {
      units: this.units, activation: this.activation, useBias: this.useBias, kernelInitializer: this.kernelInitializer,
      biasInitializer: this.biasInitializer, l1: this.l1, l2: this.l2,
    };
    if (this.name !== null) this.settings.name = this.name;  // the engine keeps layer names
  }
}

// A layer name as TensorFlow.js allows one (its isValidTensorName): a letter or
// digit, then letters, digits, - . _ /. The engine checks it too, and that names
// are unique; it keeps them (model.layers, summary(), toJSON()).
export function layerName(value, what) {
  if (typeof value !== 'string' || !/^[A-Za-z0-9][-A-Za-z0-9._/]*$/.test(value) || value.length > 200)
    throw new Error(`${what} must start with a letter or digit and hold only letters, digits, - . _ / (at most 200), ` +
                    `got ${describe(value)}`);
  return value;
}

function initializerName(value, fallback, what) {
  if (value == null) return fallback;
  if (typeof value === 'string') return value;
  // tf.initializers.glorotUniform() and friends: use the class name.
  if (typeof value === 'object' && typeof value.getClassName === 'function') return value.getClassName();
  throw new Error(`layers.dense: ${what} must be a name like 'glorotUniform', got ${describe(value)}`);
}

/** A kernel regularizer, as tf.regularizers.l1/l2/l1l2: l1 * sum|W| + l2 * sum W^2 added to the loss. */
export class RegularizerSpec {
  constructor(l1, l2) {
    this.l1 = l1;
    this.l2 = l2;
  }
  getConfig() { return { l1: this.l1, l2: this.l2 }; }
}
export const regularizers = {
  l1: (config = {}) => new RegularizerSpec(numArg(checkKeys(config, ['l1'], 'regularizers.l1').l1 ?? 0.01, 'regularizers.l1: l1'), 0),
  l2: (config = {}) => new RegularizerSpec(0, numArg(checkKeys(config, ['l2'], 'regularizers.l2').l2 ?? 0.01, 'regularizers.l2: l2')),
  l1l2: (config = {}) => {
    checkKeys(config, ['l1', 'l2'], 'regularizers.l1l2');
    return new RegularizerSpec(numArg(config.l1 ?? 0.01, 'regularizers.l1l2: l1'), numArg(config.l2 ?? 0.01, 'regularizers.l1l2: l2'));
  },
};

function regularizerRates(value) {
  if (value == null) return { l1: 0, l2: 0 };
  if (typeof value === 'string') {  // Keras: 'l1' / 'l2' / 'l1_l2' with rate 0.01
    const key = value.replace(/[_\s]/g, '').toLowerCase();
    if (key === 'l1') return { l1: 0.01, l2: 0 };
    if (key === 'l2') return { l1: 0, l2: 0.01 };
    if (key === 'l1l2') return { l1: 0.01, l2: 0.01 };
    throw new Error(`layers.dense: unknown kernelRegularizer "${value}"; expected l1, l2 or l1l2`);
  }
  // Ours or tf.regularizers.* (read through getConfig), or a plain {l1, l2}. Any
  // other key ({l3: 1}) is an error: it would otherwise mean no regularization.
  if (typeof value === 'object' && !Array.isArray(value)) {
    const c = typeof value.getConfig === 'function' ? value.getConfig() : value;
    checkKeys(c, ['l1', 'l2'], 'layers.dense: kernelRegularizer');
    if (c.l1 == null && c.l2 == null)
      throw new Error('layers.dense: kernelRegularizer needs l1 and/or l2, e.g. {l2: 0.01} or nn.regularizers.l2()');
    return { l1: numArg(c.l1 ?? 0, 'kernelRegularizer.l1'), l2: numArg(c.l2 ?? 0, 'kernelRegularizer.l2') };
  }
  throw new Error(`layers.dense: kernelRegularizer must be nn.regularizers.l1/l2/l1l2(...), got ${describe(value)}`);
}

/** An optimizer and its settings, as returned by nn.train.*; undefined fields take the defaults. */
export class OptimizerSpec {
  constructor(name, settings) {
    this.name = name;
    Object.assign(this, settings);
  }
}
const optLr = (lr, what) => (lr === undefined ? undefined : numArg(lr, `${what}: learningRate`));
const optEps = (eps, what) => (eps == null ? undefined : numArg(eps, `${what}: epsilon`));
export const train = {
  sgd: (learningRate) => new OptimizerSpec('sgd', { learningRate: optLr(learningRate, 'train.sgd') }),
  momentum: (learningRate, momentum, useNesterov = false) => new OptimizerSpec('momentum', {
    learningRate: optLr(learningRate, 'train.momentum'),
    momentum: numArg(momentum, 'train.momentum: momentum'),
    nesterov: boolArg(useNesterov, 'train.momentum: useNesterov'),
  }),
  rmsprop: (learningRate, decay = 0.9, momentum = 0, epsilon = null, centered = false) => new OptimizerSpec('rmsprop', {
    learningRate: optLr(learningRate, 'train.rmsprop'),
    rho: numArg(decay, 'train.rmsprop: decay'),
    momentum: numArg(momentum, 'train.rmsprop: momentum'),
    epsilon: optEps(epsilon, 'train.rmsprop'),
    centered: boolArg(centered, 'train.rmsprop: centered'),
  }),
  adam: (learningRate, beta1 = 0.9, beta2 = 0.999, epsilon = null) => new OptimizerSpec('adam', {
    learningRate: optLr(learningRate, 'train.adam'),
    beta1: numArg(beta1, 'train.adam: beta1'),
    beta2: numArg(beta2, 'train.adam: beta2'),
    epsilon: optEps(epsilon, 'train.adam'),
  }),
};

// A compile() optimizer argument -> OptimizerSpec. Also accepts TensorFlow.js
// optimizer objects (tf.train.adam(0.01)), read through getConfig().
function optimizerSpec(value) {
  if (value instanceof OptimizerSpec) return value;
  if (typeof value === 'string') return new OptimizerSpec(value, {});
  if (value && typeof value.getConfig === 'function' && typeof value.getClassName === 'function') {
    const c = value.getConfig();
    const name = value.getClassName();
    const common = { learningRate: c.learningRate, epsilon: c.epsilon ?? undefined };
    switch (name) {
      case 'SGD': return new OptimizerSpec('sgd', { learningRate: c.learningRate });
      case 'Momentum': return new OptimizerSpec('momentum', { learningRate: c.learningRate, momentum: c.momentum, nesterov: !!c.useNesterov });
      case 'RMSProp': return new OptimizerSpec('rmsprop', { ...common, rho: c.decay, momentum: c.momentum, centered: !!c.centered });
      case 'Adam': return new OptimizerSpec('adam', { ...common, beta1: c.beta1, beta2: c.beta2 });
      default: throw new Error(`compile: optimizer ${name} is not supported; use sgd, momentum, rmsprop or adam`);
    }
  }
  throw new Error(`compile: optimizer must be a name ('sgd', 'adam', ...) or nn.train.*(...), got ${describe(value)}`);
}

// ---- callbacks -----------------------------------------------------------------------
const CALLBACK_HOOKS = ['onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onEpochEnd', 'onBatchBegin', 'onBatchEnd', 'onYield'];
// callbacks: an object of hooks ({onEpochEnd(epoch, logs) {...}}) or an array of
// them. A misspelt hook (onEpochEnds) or a hook that is not a function would be
// skipped silently, so both are errors; objects of a class (a TF.js-style
// callback instance) may carry other members.
function normalizeCallbacks(callbacks) {
  const list = callbacks == null ? [] : Array.isArray(callbacks) ? callbacks : [callbacks];
  list.forEach((c, i) => {
    const what = Array.isArray(callbacks) ? `fit: callbacks[${i}]` : 'fit: callbacks';
    if (c === null || typeof c !== 'object' || Array.isArray(c))
      throw new Error(`${what} must be an object of hooks like {onEpochEnd: (epoch, logs) => ...}, got ${describe(c)}`);
    const plain = Object.getPrototypeOf(c) === Object.prototype || Object.getPrototypeOf(c) === null;
    if (plain) checkKeys(c, CALLBACK_HOOKS, what);
    else if (!CALLBACK_HOOKS.some((hook) => typeof c[hook] === 'function'))
      throw new Error(`${what} has none of the hooks ${CALLBACK_HOOKS.join(', ')}; got ${describe(c)}`);
    for (const hook of CALLBACK_HOOKS)
      if (c[hook] != null && typeof c[hook] !== 'function')
        throw new Error(`${what}: ${hook} must be a function, got ${describe(c[hook])}`);
  });
  const hooks = {};
  for (const hook of CALLBACK_HOOKS) {
    const fns = list.map((c) => c && c[hook]).filter((f) => typeof f === 'function');
    hooks[hook] = fns.length === 0 ? null : async (...args) => { for (const f of fns) await f(...args); };
  }
  hooks.perBatch = hooks.onBatchBegin !== null || hooks.onBatchEnd !== null;
  return hooks;
}

// Gives the event loop a turn (a macrotask), so a page stays responsive.
const yieldToEventLoop = typeof setImmediate === 'function'
  ? () => new Promise((resolve) => setImmediate(resolve))
  : typeof MessageChannel === 'function'
    ? () => new Promise((resolve) => { const c = new MessageChannel(); c.port1.onmessage = () => { c.port1.close(); resolve(); }; c.port2.postMessage(0); })
    : () => new Promise((resolve) => setTimeout(resolve, 0));

// verbose: accepted for TensorFlow.js compatibility (nnplay logs nothing), but
// only with a value TF.js takes: true/false or 0, 1, 2.
function verboseArg(value, what) {
  if (value != null && typeof value !== 'boolean' && !(Number.isInteger(value) && value >= 0 && value <= 2))
    throw new Error(`${what}: verbose must be true, false, 0, 1 or 2, got ${describe(value)}`);
}
// predict/evaluate {batchSize, verbose}: checked, though the engine chunks rows itself.
function inferenceArgs(args, what) {
  const a = checkKeys(args, ['batchSize', 'verbose'], what);
  if (a.batchSize != null) intArg(a.batchSize, `${what}: batchSize`, 1);
  verboseArg(a.verbose, what);
}

const FIT_KEYS = ['epochs', 'batchSize', 'shuffle', 'validationSplit', 'validationData', 'callbacks', 'yieldEvery',
  'initialEpoch', 'verbose'];

// ---- the model --------------------------------------------------------------------------
let modelCounter = 0;

/** A Sequential model of Dense layers (tf.sequential). Create with nn.sequential(). */
export class Sequential {
  /** @internal use nn.sequential() / nn.models.fromJSON() */
  constructor(ctx, { seed, name, core } = {}) {
    this._ctx = ctx;
    this._core = core ?? null;
    this._seed = seed;
    this._info = null;
    this._fitting = false;
    this._gridFeatures = new Map();
    this.name = name ?? `sequential_${++modelCounter}`;
    /** Set to true in a callback to stop fit() after the current epoch (as in tfjs). */
    this.stopTraining = false;
    this.isDisposed = false;
    if (this._core) this._refresh();
  }

  // The live engine handle, or a clear Error after dispose().
  _live() {
    if (this.isDisposed) throw new Error('model has been disposed');
    if (!this._core) throw new Error('the model has no layers yet; add a Dense layer with an inputShape first');
    return this._core;
  }
  _refresh() { this._info = this._ctx.checked(this._core.info()); return this._info; }
  _infoNow() { this._live(); return this._refresh(); }

  /** Appends a layer from nn.layers.* (before the model is first compiled or used). */
  add(layer) {
    if (this.isDisposed) throw new Error('model has been disposed');
    if (!(layer instanceof LayerSpec)) throw new Error(`add: expected a layer from nn.layers.dense(...), nn.layers.dropout(...), ..., got ${describe(layer)}`);
    const { core: mod, checked } = this._ctx;
    if (!this._core) {
      if (layer.inputDim === null)
        throw new Error('the first layer of a sequential model needs an inputShape (e.g. inputShape: [2])');
      const core = new mod.Core();
      try {
        checked(core.create(layer.inputDim, this._seed));
      } catch (e) {
        core.delete();
        throw e;
      }
      this._core = core;
    } else if (layer.inputDim !== null && layer.inputDim !== this._info.outputDim) {
      throw new Error(`add: this layer's inputShape [${layer.inputDim}] does not match the previous layer's ${this._info.outputDim} units`);
    }
    checked(this._core.addLayer(layer.type, layer.settings));
    this._refresh();
  }

  /**
   * compile({optimizer, loss, metrics, fromLogits}): optimizer a name ('sgd', 'momentum',
   * 'rmsprop', 'adam') or nn.train.*(...); loss a tfjs or Keras name; metrics ['accuracy'].
   */
  compile(args) {
    const core = this._live();
    checkKeys(args, ['optimizer', 'loss', 'metrics', 'fromLogits'], 'compile');
    if (!args) throw new Error('compile needs {optimizer, loss}');
    if (args.loss === undefined) throw new Error("compile: loss is required, e.g. loss: 'binaryCrossentropy'");
    const loss = strArg(args.loss, 'compile: loss (nnplay accepts loss names only)');
    const opt = optimizerSpec(args.optimizer ?? 'rmsprop');
    let accuracy = false;
    const metrics = args.metrics == null ? [] : Array.isArray(args.metrics) ? args.metrics : [args.metrics];
    for (const m of metrics) {
      if (m === 'accuracy' || m === 'acc') accuracy = true;
      else throw new Error(`compile: unsupported metric ${describe(m)}; nnplay computes 'accuracy' (or 'acc')`);
    }
    const fromLogits = args.fromLogits == null ? false : boolArg(args.fromLogits, 'compile: fromLogits');
    const num = (v, what) => (v === undefined ? NaN : numArg(v, `compile: optimizer ${what}`));
    const flag = (v) => (v === undefined ? -1 : v ? 1 : 0);
    this._ctx.checked(core.compile(loss, fromLogits, accuracy, strArg(opt.name, 'compile: optimizer'),
      num(opt.learningRate, 'learningRate'), num(opt.momentum, 'momentum'), flag(opt.nesterov), num(opt.rho, 'decay'),
      flag(opt.centered), num(opt.beta1, 'beta1'), num(opt.beta2, 'beta2'), num(opt.epsilon, 'epsilon')));
    this._refresh();
  }

  // ---- description ----
  get inputShape() { return [null, this._infoNow().inputDim]; }
  get outputShape() { return [null, this._infoNow().outputDim]; }
  /** The seed the weights were initialized from (and the shuffling follows). */
  get seed() { return this._infoNow().seed; }
  get compiled() { return !this.isDisposed && this._core !== null && this._info.compiled; }
  /** Epochs completed by fit()/trainSteps()/trainEpoch() since creation or reinitialize(). */
  get epoch() { return this._infoNow().epoch; }
  get batchesPerEpoch() { return this._infoNow().batchesPerEpoch; }
  get neuronCount() { return this._infoNow().neurons; }
  countParams() { return this._infoNow().params; }
  /** The settings compile() resolved: {loss, fromLogits, accuracy, optimizer: {name, learningRate, ...}}. */
  getCompileConfig() {
    const i = this._infoNow();
    return i.compiled ? { loss: i.loss, fromLogits: i.fromLogits, accuracy: i.accuracy, optimizer: i.optimizer } : null;
  }
  /**
   * Layer views: {name, className, type, its settings (units, activation, ... /
   * rate, ...), outputDim, params, neurons, getWeights()}. A layer's name is the
   * one given (name: ...) or Keras's default, counted per type: dense_1, dropout_1, dense_2.
   */
  get layers() {
    const info = this._infoNow();
    let first = 0;
    return info.layers.map((l) => {
      const start = first;
      const count = l.weightCount;
      first += count;
      return { ...l, getWeights: () => this.getWeights().slice(start, start + count) };
    });
  }

  /** Prints the Keras-style summary (with console.log or printFn) and returns it. */
  summary(lineLength, positions, printFn) {
    const text = this._ctx.checked(this._live().summary());
    const print = [lineLength, positions, printFn].find((a) => typeof a === 'function') ?? console.log;
    print(text.replace(/\n$/, ''));
    return text;
  }

  /** The model as nnplay JSON (architecture, weights, compile settings, optimizer state); a string, like tfjs. */
  toJSON(unused, returnString = true) {
    const text = this._ctx.checked(this._live().toJSON(true));
    return returnString ? text : JSON.parse(text);
  }

  // ---- weights ----
  /** [kernel0 [in, units], bias0 [units], kernel1, ...] as Tensors (copies). */
  getWeights() {
    const list = this._ctx.checked(this._live().getWeights());
    return list.map((w) => new Tensor(w.data, w.shape));
  }

  /** Accepts getWeights()' list, TensorFlow.js tensors, nested arrays or Float32Array-backed tensors. */
  setWeights(weights) {
    const core = this._live();
    if (!Array.isArray(weights)) throw new Error(`setWeights expects an array of weight arrays, got ${describe(weights)}`);
    const list = weights.map((w, i) => {
      const { values, shape } = toArrayData(w, `setWeights: array ${i}`);
      if (shape.length === 2) return { data: values, rows: shape[0], cols: shape[1] };
      if (shape.length === 1) return { data: values, rows: 1, cols: shape[0] };
      throw new Error(`setWeights: array ${i} must be 1-D (bias) or 2-D (kernel), got shape [${shape}]`);
    });
    this._ctx.checked(core.setWeights(list));
  }

  /** New weights from `seed` (default: the model's seed); resets the optimizer and the epoch count. */
  reinitialize(seed) {
    const core = this._live();
    this._ctx.checked(core.reinitialize(seed === undefined ? this._info.seed : seedArg(seed)));
    this._refresh();
  }

  // ---- inference ----
  _x(x, what = 'x') {
    return toMatrix(x, what, this._info && this._info.inputDim === 1 ? 'column' : 'error');
  }

  /** predict(x) -> Tensor [samples, units]. Works before compile(), as in TF.js (weights are made on first use). */
  predict(x, args) {
    const core = this._live();
    inferenceArgs(args, 'predict');
    const X = this._x(x);
    const out = this._ctx.checked(core.predict(X.values, X.rows, X.cols));
    return new Tensor(out, [X.rows, this._info.outputDim]);
  }

  /** evaluate(x, y) -> [loss, accuracy] scalars (just loss without the accuracy metric), like tfjs. */
  evaluate(x, y, args) {
    const core = this._live();
    inferenceArgs(args, 'evaluate');
    const X = this._x(x);
    const Y = toMatrix(y, 'y', 'column');
    const [loss, accuracy] = this._ctx.checked(core.evaluate(X.values, X.rows, X.cols, Y.values, Y.cols));
    const lossT = new Tensor(Float32Array.of(loss), []);
    return this._info.accuracy ? [lossT, new Tensor(Float32Array.of(accuracy), [])] : lossT;
  }

  /**
   * Fills a res x res grid over [xMin, xMax] x [yMin, yMax] (row 0 at the top, cell
   * centres, inputs made by `features`) with the model's output [res*res, units] into
   * `out`, and every neuron's activation into `activations` (neuron j, counted over
   * all layers from the input side, at [j * res*res + i]) when given. One wasm call.
   */
  evaluateGrid(args) {
    const core = this._live();
    const g = this._gridArgs(args, 'evaluateGrid');
    this._ctx.checked(core.evaluateGrid(g.res, g.xMin, g.xMax, g.yMin, g.yMax, g.features, g.out, g.activations));
    return g.out;
  }

  /**
   * evaluateGrid without copying anything out of the engine: returns {out, activations},
   * views of the engine's own buffers ([res*res, units] and, when `activations` is true,
   * every neuron's map as evaluateGrid lays them out; otherwise null). They stay valid
   * only until the next call into this module (any model): read or copy what you keep
   * before then. For a caller that draws the maps at once; at 100 x 100 with 49 neurons
   * the copy evaluateGrid makes is 2 MB per frame.
   */
  evaluateGridViews(args) {
    const core = this._live();
    const g = this._gridArgs(args, 'evaluateGridViews', true);
    return this._ctx.checked(core.evaluateGridViews(g.res, g.xMin, g.xMax, g.yMin, g.yMax, g.features, g.activations));
  }

  // evaluateGrid's arguments, checked, with defaults and the feature mask. With
  // `views` (evaluateGridViews) there is no out, and activations is a boolean.
  _gridArgs(args, what, views = false) {
    checkKeys(args, ['res', 'xMin', 'xMax', 'yMin', 'yMax', 'features', ...(views ? [] : ['out']), 'activations'], what);
    const a = args ?? {};
    const { limits } = this._ctx;
    const res = intArg(a.res ?? 100, `${what}: res`, 1, limits.maxGridRes);
    const n = res * res;
    let out = null, activations;
    if (views) {
      activations = a.activations == null ? false : boolArg(a.activations, `${what}: activations`);
    } else {
      if (a.out == null && n * this._info.outputDim > limits.maxElements)
        throw new Error(`${what}: ${n} cells x ${this._info.outputDim} outputs exceed the limit of ${limits.maxElements} values`);
      out = a.out ?? new Float32Array(n * this._info.outputDim);
      if (!(out instanceof Float32Array)) throw new Error(`${what}: out must be a Float32Array, got ${describe(out)}`);
      activations = a.activations ?? null;
      if (activations !== null && !(activations instanceof Float32Array))
        throw new Error(`${what}: activations must be a Float32Array, got ${describe(activations)}`);
    }
    return {
      res, out, activations, features: this._featureMask(a.features ?? 3),
      xMin: numArg(a.xMin ?? -6, `${what}: xMin`), xMax: numArg(a.xMax ?? 6, `${what}: xMax`),
      yMin: numArg(a.yMin ?? -6, `${what}: yMin`), yMax: numArg(a.yMax ?? 6, `${what}: yMax`),
    };
  }

  _featureMask(features) {
    if (typeof features === 'number') return intArg(features, 'features mask', 1, 0x7f);
    let mask = this._gridFeatures.get(features);
    if (mask === undefined) {
      mask = this._ctx.featureMask(features);
      if (typeof features === 'string') this._gridFeatures.set(features, mask);
    }
    return mask;
  }

  // ---- the playground's step API ----
  /**
   * Copies the training set into the engine and starts a fresh epoch — unless
   * the model was loaded (models.fromJSON) mid-epoch and this is the data it was
   * saved with (same rows, batchSize, shuffle) and `resume` is not false: then
   * training continues exactly where the saved run stopped.
   */
  setTrainingData(x, y, args) {
    const core = this._live();
    checkKeys(args, ['batchSize', 'shuffle', 'resume'], 'setTrainingData');
    const a = args ?? {};
    const X = this._x(x);
    const Y = toMatrix(y, 'y', 'column');
    if (X.rows !== Y.rows) throw new Error(`x and y must have the same number of rows, got ${X.rows} and ${Y.rows}`);
    this._ctx.checked(core.setTrainingData(X.values, X.rows, X.cols, Y.values, Y.cols,
      intArg(a.batchSize ?? 32, 'batchSize', 1), a.shuffle == null ? true : boolArg(a.shuffle, 'shuffle'),
      a.resume == null ? true : boolArg(a.resume, 'resume')));
  }
  /** Trains n batches (continuing across epochs); returns their losses. */
  trainSteps(n = 1) {
    return this._trainCall(() => this._live().trainSteps(intArg(n, 'trainSteps: n', 0)));
  }
  /** Trains to the end of the current epoch; returns {epoch, loss, acc?}. */
  trainEpoch() {
    const logs = this._trainCall(() => this._live().trainEpoch());
    return { epoch: logs.epoch, ...this._tfLogs(logs) };
  }
  /** Changes the learning rate between steps without resetting the optimizer state. */
  setLearningRate(lr) {
    this._ctx.checked(this._live().setLearningRate(numArg(lr, 'learningRate')));
  }

  _trainCall(call) {
    return this._ctx.checked(call());
  }

  // Engine epoch logs -> TensorFlow.js log keys.
  _tfLogs(logs) {
    const out = { loss: logs.loss };
    if (this._info.accuracy) out.acc = logs.accuracy;
    if (logs.valLoss !== undefined) {
      out.val_loss = logs.valLoss;
      if (this._info.accuracy) out.val_acc = logs.valAccuracy;
    }
    return out;
  }

  /**
   * fit(x, y, {epochs, batchSize, shuffle, validationSplit, validationData, callbacks,
   * yieldEvery, initialEpoch}) -> History {epoch: [], history: {loss: [], acc: [], val_loss: [], ...}}.
   * Without per-epoch or per-batch callbacks, one engine call trains as many epochs as
   * fit before the next yield; otherwise one call per epoch. yieldEvery: 'auto' (default: let the event loop run at
   * most every 100 ms, checked at epoch ends), 'batch' (after every batch: one engine
   * call per batch), 'epoch', 'never', or a number of milliseconds.
   */
  async fit(x, y, args) {
    const core = this._live();
    if (this._fitting) throw new Error('fit: another fit() call on this model is still running');
    checkKeys(args, FIT_KEYS, 'fit');
    const a = args ?? {};
    const X = this._x(x);
    const Y = toMatrix(y, 'y', 'column');
    if (X.rows !== Y.rows) throw new Error(`x and y must have the same number of rows, got ${X.rows} and ${Y.rows}`);
    const epochs = intArg(a.epochs ?? 1, 'fit: epochs', 0);
    const initialEpoch = intArg(a.initialEpoch ?? 0, 'fit: initialEpoch', 0);
    const batchSize = intArg(a.batchSize ?? 32, 'fit: batchSize', 1);
    const shuffle = a.shuffle == null ? true : boolArg(a.shuffle, 'fit: shuffle');
    verboseArg(a.verbose, 'fit');
    const yieldMs = yieldInterval(a.yieldEvery);
    const yieldEveryBatch = yieldMs === 'batch';
    const cb = normalizeCallbacks(a.callbacks);

    // Training and validation rows. validationSplit takes the last fraction before
    // shuffling (Keras / tfjs).
    let train = { X, Y };
    let validation = null;
    if (a.validationData != null) {
      if (!Array.isArray(a.validationData) || a.validationData.length !== 2)
        throw new Error(`fit: validationData must be [xVal, yVal], got ${describe(a.validationData)}` +
                        (Array.isArray(a.validationData) && a.validationData.length === 3 ? ' (sample weights are not supported)' : ''));
      validation = { X: this._x(a.validationData[0], 'validation x'), Y: toMatrix(a.validationData[1], 'validation y', 'column') };
      if (validation.X.rows !== validation.Y.rows)
        throw new Error(`validation x and y must have the same number of rows, got ${validation.X.rows} and ${validation.Y.rows}`);
    } else if (a.validationSplit != null && a.validationSplit !== 0) {
      const split = a.validationSplit;
      if (typeof split !== 'number' || !(split > 0 && split < 1))
        throw new Error(`fit: validationSplit must be in [0, 1), got ${describe(split)}`);
      const at = Math.floor(X.rows * (1 - split));
      if (at < 1 || at >= X.rows)
        throw new Error(`fit: validationSplit ${split} leaves an empty ${at < 1 ? 'training' : 'validation'} set for ${X.rows} samples`);
      const rows = (m, from, to) => ({ values: m.values.subarray(from * m.cols, to * m.cols), rows: to - from, cols: m.cols });
      train = { X: rows(X, 0, at), Y: rows(Y, 0, at) };
      validation = { X: rows(X, at, X.rows), Y: rows(Y, at, X.rows) };
    }

    const { checked } = this._ctx;
    const history = {
      epoch: [],
      history: {},
      params: { epochs, initialEpoch, samples: train.X.rows, batchSize, doValidation: validation !== null,
        metrics: this._info.accuracy ? ['loss', 'acc'] : ['loss'] },
    };
    this._fitting = true;
    this.stopTraining = false;
    try {
      // fit's epochs are whole epochs: a loaded model's saved mid-epoch position is not resumed here.
      checked(core.setTrainingData(train.X.values, train.X.rows, train.X.cols, train.Y.values, train.Y.cols, batchSize, shuffle, false));
      if (validation) {
        checked(core.setValidationData(validation.X.values, validation.X.rows, validation.X.cols, validation.Y.values, validation.Y.cols));
      } else {
        checked(core.setValidationData(new Float32Array(0), 0, 0, new Float32Array(0), 0));
      }
      const batches = checked(core.info()).batchesPerEpoch;
      let lastYield = nowMs();
      let logs = null;
      if (cb.onTrainBegin) await cb.onTrainBegin();
      const record = (epoch, engineLogs) => {
        logs = this._tfLogs(engineLogs);
        history.epoch.push(epoch);
        for (const [key, value] of Object.entries(logs)) (history.history[key] ??= []).push(value);
      };
      // Without a per-epoch or per-batch hook, nothing needs control between
      // epochs: the engine trains as many as fit in the time left to the next
      // yield in one call (trainEpochs), as it would in C++.
      const manyPerCall = !cb.onEpochBegin && !cb.onEpochEnd && !cb.perBatch && !yieldEveryBatch;
      let msPerEpoch;
      for (let epoch = initialEpoch; epoch < epochs;) {
        if (manyPerCall) {
          // The first call trains one epoch and times it; later ones fill the time left.
          const left = yieldMs === Infinity ? Infinity : yieldMs - (nowMs() - lastYield);
          const fitting = msPerEpoch === undefined ? 1 : Math.floor(left / msPerEpoch);
          const count = Math.max(1, Math.min(epochs - epoch, MAX_EPOCHS_PER_CALL, fitting));
          const started = nowMs();
          let failure = null;
          try {
            this._trainCall(() => this._live().trainEpochs(count));
          } catch (error) {
            failure = error;
          }
          // The epochs completed before a failure (a divergence) still go into the history.
          let figures = new Float64Array(0);
          try {
            figures = this._live().epochLogs();
          } catch (error) {
            if (!failure) throw error;
          }
          for (let i = 0; i + 5 <= figures.length; i += 5) {  // epoch, loss, accuracy, valLoss, valAccuracy
            const engineLogs = { loss: figures[i + 1], accuracy: figures[i + 2] };
            if (validation) Object.assign(engineLogs, { valLoss: figures[i + 3], valAccuracy: figures[i + 4] });
            record(epoch++, engineLogs);
          }
          if (failure) throw failure;
          msPerEpoch = Math.max((nowMs() - started) / count, 1e-3);
        } else {
          if (cb.onEpochBegin) await cb.onEpochBegin(epoch);
          record(epoch, cb.perBatch || yieldEveryBatch
            ? await this._epochByBatch(cb, epoch, batches, Math.min(batchSize, train.X.rows), train.X.rows, yieldEveryBatch)
            : this._trainCall(() => this._live().trainEpoch()));
          if (cb.onEpochEnd) await cb.onEpochEnd(epoch, logs);
          ++epoch;
        }
        if (this.stopTraining) break;
        if (!yieldEveryBatch && yieldMs !== Infinity && nowMs() - lastYield >= yieldMs) {
          await yieldToEventLoop();
          if (cb.onYield) await cb.onYield(epoch - 1, batches - 1, logs);
          lastYield = nowMs();
          if (this.stopTraining) break;  // set by other code while we yielded
        }
        this._live();  // disposed from a callback or from other code while we yielded?
      }
      if (cb.onTrainEnd) await cb.onTrainEnd(logs);
      return history;
    } catch (error) {
      if (error instanceof DivergedError) error.history = history;
      throw error;
    } finally {
      this._fitting = false;
      if (!this.isDisposed) checked(core.setValidationData(new Float32Array(0), 0, 0, new Float32Array(0), 0));
    }
  }

  // One epoch batch by batch, for onBatchBegin/onBatchEnd and yieldEvery: 'batch'
  // (the event loop gets a turn after every batch). The last batch goes through
  // trainEpoch() so the epoch's logs (accuracy, validation) come from the engine.
  async _epochByBatch(cb, epoch, batches, batchSize, rows, yieldEveryBatch) {
    let lossSum = 0;
    for (let b = 0; b < batches; ++b) {
      const size = b < batches - 1 ? batchSize : rows - batchSize * (batches - 1);
      if (cb.onBatchBegin) await cb.onBatchBegin(b, { batch: b, size });
      let loss, epochLogs = null;
      if (b < batches - 1) {
        loss = this._trainCall(() => this._live().trainSteps(1))[0];
        lossSum += loss * size;
      } else {
        epochLogs = this._trainCall(() => this._live().trainEpoch());
        loss = (epochLogs.loss * rows - lossSum) / size;  // the last batch's own loss
      }
      if (cb.onBatchEnd) await cb.onBatchEnd(b, { batch: b, size, loss });
      if (yieldEveryBatch) {
        await yieldToEventLoop();
        if (cb.onYield) await cb.onYield(epoch, b, { loss });
        this._live();  // disposed while we yielded?
      }
      if (epochLogs) return epochLogs;
    }
    throw new Error('internal error: an epoch without batches');
  }

  // ---- looking inside the network (issue 13): engine/include/nnplay/diagnostics.hpp ----
  // "Per layer" means per layer with neurons (Dense): layers without neurons or
  // weights (Dropout) get no entry; each entry's `layer` is its index in
  // model.layers. No call changes the weights, the optimizer or the epoch.

  _xy(x, y, what) {
    const X = this._x(x, `${what}: x`);
    const Y = toMatrix(y, `${what}: y`, 'column');
    if (X.rows !== Y.rows) throw new Error(`${what}: x and y must have the same number of rows, got ${X.rows} and ${Y.rows}`);
    return { X, Y };
  }

  /**
   * Gradient flow and health of each layer with neurons, on all of (x, y). Needs compile().
   * @returns {{layer: number, name: string, units: number, activation: string, weightNorm: number,
   *   gradientNorm: number, biasGradientNorm: number, updateRatio: number, deadUnits: number,
   *   dead: number[], meanActivation: number}[]}
   *   weightNorm: ‖W‖ (the kernel's L2 norm); gradientNorm: ‖dLoss/dW‖ on (x, y), regularization
   *   included (biasGradientNorm the same for the bias); updateRatio: ‖ΔW‖/‖W‖ for the step the
   *   optimizer would take now with that gradient (not taken; Infinity when W = 0, NaN when the step
   *   would not be finite); dead: the ReLU units whose activation is 0 on every row of x (they get
   *   no gradient: they never learn again), deadUnits their number; meanActivation: over rows and units.
   */
  layerStats(x, y) {
    const core = this._live();
    const { X, Y } = this._xy(x, y, 'layerStats');
    return this._ctx.checked(core.layerStats(X.values, X.rows, X.cols, Y.values, Y.cols));
  }

  /**
   * The outputs of layer `layerIndex` (its index in model.layers; a Dropout layer gives its
   * input, as at inference) for every row of x. Works before compile().
   * @returns {Tensor} [rows, units]
   */
  activations(x, layerIndex) {
    const core = this._live();
    const info = this._infoNow();
    const index = intArg(layerIndex, 'activations: layerIndex', 0, info.layers.length - 1);
    const X = this._x(x, 'activations: x');
    const out = this._ctx.checked(core.activations(X.values, X.rows, X.cols, index));
    return new Tensor(out, [X.rows, info.layers[index].outputDim]);
  }

  /**
   * Histograms of each layer with neurons: its weights (kernel), biases and, when x is given,
   * activations over the rows of x. Each histogram is {min, max, counts: Uint32Array} with
   * `bins` equal bins over [min, max] (a constant v gets [v - 0.5, v + 0.5]).
   * @param {{bins?: number, x?: *}} [args] bins: 1..1000 (default 30)
   * @returns {{layer: number, name: string, weights: object, biases: object|null, activations: object|null}[]}
   */
  histograms(args) {
    const core = this._live();
    checkKeys(args, ['bins', 'x'], 'histograms');
    const a = args ?? {};
    const bins = intArg(a.bins ?? 30, 'histograms: bins', 1, 1000);
    const X = a.x == null ? { values: new Float32Array(0), rows: 0, cols: 0 } : this._x(a.x, 'histograms: x');
    return this._ctx.checked(core.histograms(bins, X.values, X.rows, X.cols));
  }

  /**
   * A 2-D slice of the training loss around the current weights θ: L(θ + α d1 + β d2) on a
   * resolution × resolution grid of α, β in [-span, span], d1 and d2 random directions drawn
   * from `seed` and filter-normalized (each neuron's part scaled to that neuron's weights;
   * biases not moved), as in Li et al. 2018. L is evaluate(x, y)'s loss. The weights are
   * unchanged afterwards. Needs compile().
   * @param {{resolution?: number, span?: number, seed?: number, path?: *}} [args]
   *   resolution 2..257 (default 41), span (default 1), seed (default 1); path: weight
   *   snapshots to project onto the slice: a Float32Array of k × countParams() values, or an
   *   array of snapshots (each a flat array of countParams() numbers, or a getWeights() list)
   * @returns {{alphas: Float32Array, betas: Float32Array, loss: Float32Array, resolution: number,
   *   span: number, seed: number, path: {alphas: Float32Array, betas: Float32Array, offSlice: Float32Array}|null}}
   *   loss[b * resolution + a] is the loss at (alphas[a], betas[b]); the middle of an odd
   *   resolution is θ itself. path.offSlice: how far each snapshot lies from the slice's plane,
   *   relative to its distance from θ (0: on it, 1: at right angles to it).
   */
  lossSurface(x, y, args) {
    const core = this._live();
    checkKeys(args, ['resolution', 'span', 'seed', 'path'], 'lossSurface');
    const a = args ?? {};
    const { X, Y } = this._xy(x, y, 'lossSurface');
    const resolution = intArg(a.resolution ?? 41, 'lossSurface: resolution', 2, 257);
    const span = numArg(a.span ?? 1, 'lossSurface: span');
    const seed = seedArg(a.seed ?? 1, 'lossSurface: seed');
    const { values: path, rows: pathRows } = this._snapshots(a.path, 'lossSurface: path');
    return this._ctx.checked(core.lossSurface(X.values, X.rows, X.cols, Y.values, Y.cols, resolution, span, seed, path, pathRows));
  }

  // Weight snapshots -> one flat Float32Array [k, params].
  _snapshots(path, what) {
    const params = this._infoNow().params;
    if (path == null) return { values: new Float32Array(0), rows: 0 };
    if (path instanceof Float32Array) {
      if (path.length % params !== 0) throw new Error(`${what}: a Float32Array of snapshots needs a multiple of ${params} values (countParams()), got ${path.length}`);
      return { values: path, rows: path.length / params };
    }
    if (!Array.isArray(path)) throw new Error(`${what} must be a Float32Array or an array of weight snapshots, got ${describe(path)}`);
    const values = new Float32Array(path.length * params);
    path.forEach((snapshot, i) => {
      let flat = snapshot;
      if (Array.isArray(snapshot) && snapshot.length > 0 && typeof snapshot[0] !== 'number') {
        flat = new Float32Array(params);
        let o = 0;
        for (const w of snapshot) {
          const v = toArrayData(w, `${what}[${i}]`).values;
          if (o + v.length > params) break;
          flat.set(v, o);
          o += v.length;
        }
        if (o !== params) throw new Error(`${what}[${i}]: the weights hold ${o} values, the model has ${params}`);
      }
      if (flat.length !== params) throw new Error(`${what}[${i}] must have ${params} values (countParams()), got ${describe(flat)}`);
      values.set(flat, i * params);
    });
    return { values, rows: path.length };
  }

  /**
   * The playground's per-frame call: the boundary grid (evaluateGrid's arguments, in `grid`,
   * or evaluateGridViews's, in `gridViews`: then the result's gridViews are views of the
   * engine's memory, valid until the next call into the module) and, over the same data, any
   * of: the hidden space of 2 or 3 neurons (`space`), layerStats (`stats: true`, needs y),
   * histograms with activations (`bins`). One wasm call.
   * @param {{grid?: object, gridViews?: object, x?: *, y?: *, space?: {layer: number,
   *   neurons: number[], lines?: number, samples?: number}, stats?: boolean, bins?: number}} args
   *   space: layer is an index in model.layers; its points are x's activations of those neurons,
   *   its image the activations along `lines` horizontal, then `lines` vertical, lines of the
   *   grid's plane with `samples` points each (defaults 13 and 49).
   * @returns {{grid?: Float32Array, gridViews?: {out: Float32Array, activations: Float32Array|null},
   *   space?: {points: Float32Array, image: Float32Array, k: number,
   *   line: number[]|null, lineExact: boolean}, stats?: object[], histograms?: object[]}}
   *   space.points [rows, k] and space.image [2 * lines * samples, k], row-major; line [w_1..w_k, c]:
   *   the output's decision boundary w · a + c = 0 in that space (class 1 where > 0), for the last
   *   hidden layer of a binary classifier (exact when the layer has k units; otherwise its other
   *   units are held at their mean over x, lineExact false), else null.
   */
  inspect(args) {
    const core = this._live();
    checkKeys(args, ['grid', 'gridViews', 'x', 'y', 'space', 'stats', 'bins'], 'inspect');
    const a = args ?? {};
    const request = {};
    let grid = null;
    if (a.grid != null && a.gridViews != null) throw new Error('inspect: give grid or gridViews, not both');
    if (a.grid != null) {
      grid = this._gridArgs(a.grid, 'inspect: grid');
      request.grid = grid;
    } else if (a.gridViews != null) {
      grid = this._gridArgs(a.gridViews, 'inspect: gridViews', true);
      request.grid = { ...grid, views: true };
    }
    if (a.x != null) {
      const X = this._x(a.x, 'inspect: x');
      Object.assign(request, { x: X.values, rows: X.rows, cols: X.cols });
      if (a.y != null) {
        const Y = toMatrix(a.y, 'inspect: y', 'column');
        if (Y.rows !== X.rows) throw new Error(`inspect: x and y must have the same number of rows, got ${X.rows} and ${Y.rows}`);
        Object.assign(request, { y: Y.values, yCols: Y.cols });
      }
    }
    if (a.space != null) {
      checkKeys(a.space, ['layer', 'neurons', 'lines', 'samples'], 'inspect: space');
      if (!grid) throw new Error('inspect: space needs grid or gridViews (its plane and features)');
      const neurons = a.space.neurons;
      if (!Array.isArray(neurons) || (neurons.length !== 2 && neurons.length !== 3))
        throw new Error(`inspect: space.neurons must be 2 or 3 unit indices, got ${describe(neurons)}`);
      request.space = {
        layer: intArg(a.space.layer, 'inspect: space.layer', 0),
        neurons: neurons.map((n, i) => intArg(n, `inspect: space.neurons[${i}]`, 0)),
        lines: intArg(a.space.lines ?? 13, 'inspect: space.lines', 2, 101),
        samples: intArg(a.space.samples ?? 49, 'inspect: space.samples', 2, 1001),
      };
    }
    if (a.stats) {
      if (request.y === undefined) throw new Error('inspect: stats needs x and y');
      request.stats = true;
    }
    if (a.bins != null) request.bins = intArg(a.bins, 'inspect: bins', 1, 1000);
    const out = this._ctx.checked(core.inspect(request));
    if (a.grid != null) out.grid = grid.out;
    return out;
  }

  /**
   * The learning-rate range test (issue 12): trains `steps` batches of (x, y) while raising the
   * learning rate exponentially from minLr to maxLr, then restores the model exactly (weights,
   * optimizer state, training position). See lrFinder.js for what it returns.
   * @returns {{learningRates: number[], losses: number[], rawLosses: number[], suggestion: number|null, suggestionIndex: number, diverged: boolean}}
   */
  findLearningRate(x, y, args) {
    return findLearningRate(this, x, y, args);
  }

  /** Frees the engine model. Later calls throw "model has been disposed". */
  dispose() {
    if (this.isDisposed) return;
    this.isDisposed = true;
    if (this._core) this._core.delete();
    this._core = null;
    this._info = null;
  }
}

// fit(): at most this many epochs in one engine call (trainEpochs), so that a
// call's figures stay a few KB and fit's stopTraining is looked at now and then.
const MAX_EPOCHS_PER_CALL = 1000;
const nowMs = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

// yieldEvery -> milliseconds between yields at epoch ends, or 'batch'.
function yieldInterval(value) {
  if (value === undefined || value === 'auto') return 100;
  if (value === 'never') return Infinity;
  if (value === 'epoch') return 0;
  if (value === 'batch') return 'batch';
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  throw new Error(`fit: yieldEvery must be 'auto', 'batch', 'epoch', 'never' or milliseconds, got ${describe(value)}`);
}
