// The Sequential model of the nnplay JavaScript API: TensorFlow.js Layers names
// and semantics over one engine model in wasm. Each method is one (or a few)
// calls into wasm/bindings.cpp; fit() is one call per epoch, awaiting between
// epochs so callbacks and the page keep running.
import { Tensor, toArrayData, toMatrix, describe } from './tensor.js';

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
    checkKeys(args, ['res', 'xMin', 'xMax', 'yMin', 'yMax', 'features', 'out', 'activations'], 'evaluateGrid');
    const a = args ?? {};
    const { limits } = this._ctx;
    const res = intArg(a.res ?? 100, 'evaluateGrid: res', 1, limits.maxGridRes);
    const n = res * res;
    if (a.out == null && n * this._info.outputDim > limits.maxElements)
      throw new Error(`evaluateGrid: ${n} cells x ${this._info.outputDim} outputs exceed the limit of ${limits.maxElements} values`);
    const out = a.out ?? new Float32Array(n * this._info.outputDim);
    if (!(out instanceof Float32Array)) throw new Error(`evaluateGrid: out must be a Float32Array, got ${describe(out)}`);
    const acts = a.activations ?? null;
    if (acts !== null && !(acts instanceof Float32Array))
      throw new Error(`evaluateGrid: activations must be a Float32Array, got ${describe(acts)}`);
    const mask = this._featureMask(a.features ?? 3);
    this._ctx.checked(core.evaluateGrid(res, numArg(a.xMin ?? -6, 'evaluateGrid: xMin'), numArg(a.xMax ?? 6, 'evaluateGrid: xMax'),
      numArg(a.yMin ?? -6, 'evaluateGrid: yMin'), numArg(a.yMax ?? 6, 'evaluateGrid: yMax'), mask, out, acts));
    return out;
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
   * One engine call per epoch. yieldEvery: 'auto' (default: let the event loop run at
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
      for (let epoch = initialEpoch; epoch < epochs; ++epoch) {
        if (cb.onEpochBegin) await cb.onEpochBegin(epoch);
        const engineLogs = cb.perBatch || yieldEveryBatch
          ? await this._epochByBatch(cb, epoch, batches, Math.min(batchSize, train.X.rows), train.X.rows, yieldEveryBatch)
          : this._trainCall(() => this._live().trainEpoch());
        logs = this._tfLogs(engineLogs);
        history.epoch.push(epoch);
        for (const [key, value] of Object.entries(logs)) (history.history[key] ??= []).push(value);
        if (cb.onEpochEnd) await cb.onEpochEnd(epoch, logs);
        if (this.stopTraining) break;
        if (!yieldEveryBatch && yieldMs !== Infinity && nowMs() - lastYield >= yieldMs) {
          await yieldToEventLoop();
          if (cb.onYield) await cb.onYield(epoch, batches - 1, logs);
          lastYield = nowMs();
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

  /** Frees the engine model. Later calls throw "model has been disposed". */
  dispose() {
    if (this.isDisposed) return;
    this.isDisposed = true;
    if (this._core) this._core.delete();
    this._core = null;
    this._info = null;
  }
}

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
