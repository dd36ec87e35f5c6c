// The worker side of the page: owns the engine (the nnplay JS API over wasm),
// the data and the model, trains in time slices and posts one frame per UI
// frame (figures, the boundary grid, neuron grids, weights) as transferred
// Float32Arrays. Every UI action arrives as a message (see handle()).
// It knows nothing of the DOM, so it also runs under Node for tests.

import {
  FEATURES, DOMAIN, ACTIVATIONS, SCHEMA, parseEntries, changedKeys, layerActivation, featureMask, normalize,
} from './state.js';

export const GRID_RES = 100;       // the boundary heat map, cells per side
const SLICE_MS = 5;                // training per slice before looking at messages again
const UI_GRACE_MS = 12;            // 'max' speed: train at most this long while a frame is being drawn
const MAX_CLASSES = 6;

// Keys whose change regenerates the data / rebuilds the model from scratch /
// rebuilds it keeping the trained weights.
const DATA_KEYS = ['dataset', 'classes', 'points', 'noise', 'dataSeed'];
const MODEL_KEYS = ['features', 'layers', 'activation', 'initializer', 'seed'];
const KEEP_WEIGHTS_KEYS = ['optimizer', 'regularization', 'regRate'];

const now = () => performance.now();

/** A tensor-like view of a Float32Array, accepted by the API without copying. */
function mat(values, rows, cols) {
  return { shape: [rows, cols], dataSync: () => values };
}

/** Raw data: x [n, 2] and y [n] as Float32Arrays. */
function raw(x, y, n) {
  return { x, y, n };
}

function fromDataset(d) {
  return raw(d.x.dataSync().slice(), d.y.dataSync().slice(), d.n);
}

function concat(a, b) {
  const x = new Float32Array((a.n + b.n) * 2);
  x.set(a.x);
  x.set(b.x, a.n * 2);
  const y = new Float32Array(a.n + b.n);
  y.set(a.y);
  y.set(b.y, a.n);
  return raw(x, y, a.n + b.n);
}

function r2(pred, y, n) {
  if (n === 0) return NaN;
  let mean = 0;
  for (let i = 0; i < n; ++i) mean += y[i];
  mean /= n;
  let res = 0, tot = 0;
  for (let i = 0; i < n; ++i) {
    res += (y[i] - pred[i]) ** 2;
    tot += (y[i] - mean) ** 2;
  }
  return tot > 0 ? 1 - res / tot : NaN;
}

export class Trainer {
  /**
   * @param nn the namespace from loadNnplay()
   * @param post (message, transferList) => void
   */
  constructor(nn, post) {
    this.nn = nn;
    this.post = post;
    this.state = null;
    this.model = null;
    this.run = 0;                 // bumps on every fresh model: the UI clears its loss history
    this.running = false;
    this.awaitingAck = false;
    this.dirty = false;           // something changed that the UI has not seen
    this.stopAt = null;
    this.diverged = null;
    this.view = { neurons: false, nres: 24, focus: -1 };
    this.pool = new Map();        // free Float32Arrays by length, returned by the UI
    this.msPerStep = 0.05;
    this.scheduled = false;
    this.scheduler = null;        // set by the host: () => void that calls tick() soon
    // data
    this.source = null;           // the API Dataset the data came from while unedited
    this.custom = false;
    this.regression = false;
    this.classes = 2;
    this.train = raw(new Float32Array(0), new Float32Array(0), 0);
    this.test = raw(new Float32Array(0), new Float32Array(0), 0);
    this.trainX = null;
    this.testX = null;
    this.gridScratch = null;
  }

  // ---- messages from the UI -----------------------------------------------------------
  handle(msg) {
    try {
      switch (msg.type) {
        case 'state': this.applyState(msg.state); break;
        case 'play': this.play(); break;
        case 'pause': this.pause(); break;
        case 'toggle': this.running ? this.pause() : this.play(); break;
        case 'step': this.step(msg.unit); break;
        case 'reset': this.reset(); break;
        case 'regenerate': this.generate(); this.build(false); break;
        case 'ack': this.ack(msg.buffers || []); break;
        case 'view': Object.assign(this.view, msg.view); this.dirty = true; break;
        case 'addPoint': this.addPoint(msg.x1, msg.x2, msg.label); break;
        case 'removePoint': this.removePoint(msg.x1, msg.x2, msg.radius ?? 0.6); break;
        case 'importCsv': this.importCsv(msg.text); break;
        case 'exportCsv': this.post({ type: 'csv', text: this.nn.csv.format(this.userDataset()) }); break;
        case 'exportModel': this.exportModel(); break;
        case 'importModel': this.importModel(msg.text); break;
        case 'setWeight': this.setWeight(msg.index, msg.offset, msg.value); break;
        default: throw new Error(`unknown message type ${msg.type}`);
      }
    } catch (e) {
      // CSV and model-file errors were reported with their own message types.
      if (!e.csv && !e.reported) this.post({ type: 'error', message: e.message, request: msg.type });
    }
    this.schedule();
  }

  schedule() {
    if (this.scheduled || !this.scheduler) return;
    if (!this.running && !(this.dirty && !this.awaitingAck)) return;
    this.scheduled = true;
    this.scheduler();
  }

  /** One turn of the loop: a slice of training, then a frame if the UI is ready for one. */
  tick() {
    this.scheduled = false;
    // 'max' speed: while the page is late drawing the last frame, leave it the
    // CPU (on a 2-core machine the worker otherwise competes with rendering).
    if (this.running && this.awaitingAck && this.state.speed === 'max' && now() - this.framePostedAt > UI_GRACE_MS) {
      this.waitingForUi = true;
      return;
    }
    if (this.running) this.trainSlice();
    if (!this.awaitingAck && (this.dirty || this.frameReady())) this.sendFrame();
    if (this.running && !this.targetReached()) this.schedule();
    else if (this.dirty && !this.awaitingAck) this.schedule();
  }

  speedSteps() {
    const s = this.state.speed;
    return s === 'max' ? Infinity : Number(s) * this.bpe;
  }

  targetReached() {
    return this.stepsSinceFrame >= this.speedSteps();
  }

  frameReady() {
    return this.running && this.stepsSinceFrame > 0 && (this.state.speed === 'max' || this.targetReached());
  }

  ack(buffers) {
    this.awaitingAck = false;
    this.waitingForUi = false;
    for (const b of buffers) {
      if (!(b instanceof Float32Array)) continue;
      const list = this.pool.get(b.length) || [];
      if (list.length < 4) list.push(b);
      this.pool.set(b.length, list);
    }
  }

  buffer(length) {
    const list = this.pool.get(length);
    return list && list.length ? list.pop() : new Float32Array(length);
  }

  // ---- state -------------------------------------------------------------------------
  applyState(next) {
    const state = parseEntries(Object.entries(next), this.state || undefined).state;
    const old = this.state;
    this.state = state;
    if (!old) {
      this.generate();
      this.build(false);
      return;
    }
    const changed = new Set(changedKeys(old, state));
    if (changed.size === 0) return;
    const any = (keys) => keys.some((k) => changed.has(k));
    if (any(DATA_KEYS)) {
      this.generate();
      this.build(false);
    } else if (changed.has('trainRatio')) {
      this.split();
      this.build(false);
    } else if (any(MODEL_KEYS)) {
      this.build(false);
    } else if (any(KEEP_WEIGHTS_KEYS)) {
      this.build(true);
    } else {
      if (changed.has('learningRate')) this.model.setLearningRate(state.learningRate);
      if (changed.has('batchSize')) this.setTrainingData();
    }
    if (changed.has('epochs')) this.stopAt = state.epochs > this.epoch ? state.epochs : null;
    this.dirty = true;
  }

  // ---- data --------------------------------------------------------------------------
  generate() {
    const s = this.state;
    const ds = this.nn.datasets.make(s.dataset, { n: s.points, noise: s.noise, seed: s.dataSeed, classes: s.classes });
    this.setSource(ds, false);
  }

  setSource(ds, custom) {
    this.source = ds;
    this.custom = custom;
    this.regression = ds.regression;
    this.classes = ds.regression ? 0 : ds.classes;
    this.split();
  }

  split() {
    const s = this.state;
    if (this.source) {
      const parts = this.nn.datasets.split(this.source, s.trainRatio, s.dataSeed);
      this.train = fromDataset(parts.train);
      this.test = fromDataset(parts.test);
    } else {
      const parts = this.nn.datasets.split(this.userDataset(), s.trainRatio, s.dataSeed);
      this.train = fromDataset(parts.train);
      this.test = fromDataset(parts.test);
    }
    this.postData();
  }

  /** All current points (train and test, as edited) as an API Dataset. */
  userDataset() {
    const all = concat(this.train, this.test);
    return this.nn.datasets.fromArrays(mat(all.x, all.n, 2), mat(all.y, all.n, 1),
                                       { problem: this.regression ? 'regression' : 'classification' });
  }

  postData() {
    this.post({
      type: 'data',
      train: this.train,
      test: this.test,
      regression: this.regression,
      classes: this.classes,
      custom: this.custom,
    });
  }

  transform() {
    const f = this.nn.features;
    const mask = featureMask(this.state.features);
    this.mask = mask;
    this.inputDim = this.state.features.length;
    this.trainX = this.train.n ? f.transform(mat(this.train.x, this.train.n, 2), mask).dataSync() : new Float32Array(0);
    this.testX = this.test.n ? f.transform(mat(this.test.x, this.test.n, 2), mask).dataSync() : new Float32Array(0);
  }

  setTrainingData() {
    this.model.setTrainingData(mat(this.trainX, this.train.n, this.inputDim), mat(this.train.y, this.train.n, 1),
      { batchSize: Math.min(this.state.batchSize, Math.max(1, this.train.n)), shuffle: true });
    this.bpe = this.model.batchesPerEpoch;
    this.stepInEpoch = 0;
  }

  // Points edited by the user: the data is no longer the generator's.
  edited() {
    this.source = null;
    this.custom = true;
    this.transform();
    this.setTrainingData();
    this.postData();
    this.dirty = true;
  }

  addPoint(x1, x2, label) {
    if (![x1, x2, label].every(Number.isFinite)) throw new Error('addPoint: x1, x2 and label must be finite numbers');
    if (!this.regression && !(Number.isInteger(label) && label >= 0 && label < this.classes))
      throw new Error(`addPoint: label must be a class in 0..${this.classes - 1}, got ${label}`);
    const t = this.train;
    const x = new Float32Array(t.n * 2 + 2);
    x.set(t.x);
    x[t.n * 2] = x1;
    x[t.n * 2 + 1] = x2;
    const y = new Float32Array(t.n + 1);
    y.set(t.y);
    y[t.n] = label;
    this.train = raw(x, y, t.n + 1);
    this.edited();
  }

  removePoint(x1, x2, radius) {
    let best = null;
    for (const [set, name] of [[this.train, 'train'], [this.test, 'test']]) {
      for (let i = 0; i < set.n; ++i) {
        const d = Math.hypot(set.x[2 * i] - x1, set.x[2 * i + 1] - x2);
        if (d <= radius && (!best || d < best.d)) best = { d, name, i };
      }
    }
    if (!best) return;
    const set = this[best.name];
    if (best.name === 'train' && set.n <= 1) throw new Error('the training set needs at least one point');
    const x = new Float32Array((set.n - 1) * 2), y = new Float32Array(set.n - 1);
    x.set(set.x.subarray(0, best.i * 2));
    x.set(set.x.subarray(best.i * 2 + 2), best.i * 2);
    y.set(set.y.subarray(0, best.i));
    y.set(set.y.subarray(best.i + 1), best.i);
    this[best.name] = raw(x, y, set.n - 1);
    this.edited();
  }

  importCsv(text) {
    let ds;
    try {
      ds = this.nn.csv.parse(text, { problem: 'classification' });
    } catch (e) {
      // Real-valued labels: a regression data set. Any other problem is reported as is.
      if (!/class|integer/i.test(e.message)) throw this.csvError(e);
      try {
        ds = this.nn.csv.parse(text, { problem: 'regression' });
      } catch {
        throw this.csvError(e);
      }
    }
    if (!ds.regression && ds.classes > MAX_CLASSES) {
      throw this.csvError(new Error(`the labels name ${ds.classes} classes; the playground shows at most ${MAX_CLASSES} (labels 0..${MAX_CLASSES - 1})`));
    }
    if (ds.n < 2) throw this.csvError(new Error('need at least 2 data rows'));
    this.setSource(ds, true);
    this.build(false);
    this.post({ type: 'csvLoaded', n: ds.n, regression: ds.regression, classes: ds.classes });
  }

  csvError(e) {
    const err = new Error(e.message);
    err.csv = true;
    this.post({ type: 'csvError', message: e.message });
    return err;
  }

  // ---- the model ---------------------------------------------------------------------
  outputSpec() {
    if (this.regression) return { units: 1, activation: 'linear', loss: 'meanSquaredError' };
    if (this.classes > 2) return { units: this.classes, activation: 'softmax', loss: 'sparseCategoricalCrossentropy' };
    return { units: 1, activation: 'sigmoid', loss: 'binaryCrossentropy' };
  }

  optimizer() {
    const { optimizer, learningRate } = this.state;
    const t = this.nn.train;
    switch (optimizer) {
      case 'sgd': return t.sgd(learningRate);
      case 'momentum': return t.momentum(learningRate, 0.9);
      case 'rmsprop': return t.rmsprop(learningRate);
      default: return t.adam(learningRate);
    }
  }

  /** Builds the model from the state; keepWeights copies the current weights over. */
  build(keepWeights, weights = null) {
    const s = this.state;
    const nn = this.nn;
    this.transform();
    const reg = s.regularization === 'none' ? undefined : { [s.regularization]: s.regRate };
    const out = this.outputSpec();
    const units = [...s.layers, out.units];
    const layers = units.map((u, i) => nn.layers.dense({
      units: u,
      activation: i < s.layers.length ? layerActivation(s, i) : out.activation,
      inputShape: i === 0 ? [this.inputDim] : undefined,
      kernelInitializer: s.initializer,
      kernelRegularizer: reg,
    }));
    const previous = this.model;
    if (keepWeights && previous && !weights) weights = previous.getWeights();
    const model = nn.sequential({ seed: s.seed, layers });
    try {
      model.compile({ optimizer: this.optimizer(), loss: out.loss, metrics: this.regression ? [] : ['accuracy'] });
      if (weights) model.setWeights(weights);
    } catch (e) {
      model.dispose();
      throw e;
    }
    if (previous) previous.dispose();
    this.model = model;
    this.setTrainingData();
    this.shapes = model.getWeights().map((w) => w.shape);
    this.neuronCount = units.reduce((a, b) => a + b, 0);
    if (!keepWeights) {
      this.run += 1;
      this.epoch = 0;
      this.diverged = null;
      this.stopAt = s.epochs > 0 ? s.epochs : null;
    }
    this.post({
      type: 'model',
      run: this.run,
      features: s.features.slice(),
      layers: s.layers.map((u, i) => ({ units: u, activation: layerActivation(s, i) })),
      output: out,
      params: model.countParams(),
      shapes: this.shapes,
      regression: this.regression,
      classes: this.classes,
    });
    this.stepsSinceFrame = 0;
    this.dirty = true;
  }

  reset() {
    this.running = false;
    this.build(false);
  }

  play() {
    if (this.diverged) this.diverged = null;
    this.running = true;
    if (this.stopAt !== null && this.epoch >= this.stopAt) this.stopAt = null;  // play on past the limit
    this.dirty = true;
  }

  pause() {
    this.running = false;
    this.dirty = true;
  }

  step(unit) {
    this.running = false;
    this.train_(unit === 'batch' ? 1 : this.bpe - this.stepInEpoch);
    this.dirty = true;
  }

  trainSlice() {
    let limit = this.state.speed === 'max' ? Infinity : this.speedSteps() - this.stepsSinceFrame;
    if (this.stopAt !== null) limit = Math.min(limit, (this.stopAt - this.epoch) * this.bpe - this.stepInEpoch);
    if (limit <= 0) {
      if (this.stopAt !== null && this.epoch >= this.stopAt) this.pause();
      return;
    }
    const steps = Math.max(1, Math.min(limit, Math.round(SLICE_MS / this.msPerStep)));
    const t0 = now();
    this.train_(steps);
    const dt = (now() - t0) / steps;
    if (dt > 0) this.msPerStep = 0.7 * this.msPerStep + 0.3 * dt;
    if (this.stopAt !== null && this.epoch >= this.stopAt) this.pause();
  }

  train_(steps) {
    if (steps <= 0) return;
    try {
      this.model.trainSteps(steps);
    } catch (e) {
      if (!e.diverged) throw e;
      this.running = false;
      this.diverged = { message: e.message, epoch: this.epoch + 1 };
      this.dirty = true;
      this.post({ type: 'diverged', message: e.message, epoch: this.epoch + 1, learningRate: this.state.learningRate });
      return;
    }
    this.stepsSinceFrame += steps;
    this.stepInEpoch += steps;
    while (this.stepInEpoch >= this.bpe) {
      this.stepInEpoch -= this.bpe;
      this.epoch += 1;
    }
  }

  // ---- frames ------------------------------------------------------------------------
  metrics() {
    const m = this.model;
    const out = { trainLoss: NaN, testLoss: NaN, trainMetric: NaN, testMetric: NaN };
    const one = (X, d, prefix) => {
      if (d.n === 0) return;
      const x = mat(X, d.n, this.inputDim), y = mat(d.y, d.n, 1);
      const r = m.evaluate(x, y);
      if (Array.isArray(r)) {
        out[prefix + 'Loss'] = r[0].dataSync()[0];
        out[prefix + 'Metric'] = r[1].dataSync()[0];
      } else {
        out[prefix + 'Loss'] = r.dataSync()[0];
        out[prefix + 'Metric'] = r2(m.predict(x).dataSync(), d.y, d.n);
      }
    };
    one(this.trainX, this.train, 'train');
    one(this.testX, this.test, 'test');
    return out;
  }

  sendFrame() {
    const m = this.model;
    const outDim = this.outputSpec().units;
    const n = GRID_RES * GRID_RES;
    const grid = this.buffer(n * outDim);
    const transfer = [grid.buffer];
    const bounds = { xMin: -DOMAIN, xMax: DOMAIN, yMin: -DOMAIN, yMax: DOMAIN, features: this.mask };
    let focus = null;
    const focusIndex = this.view.focus;
    if (focusIndex >= 0 && focusIndex < this.neuronCount) {
      const acts = this.gridActs && this.gridActs.length === this.neuronCount * n ? this.gridActs : new Float32Array(this.neuronCount * n);
      this.gridActs = acts;
      m.evaluateGrid({ res: GRID_RES, ...bounds, out: grid, activations: acts });
      focus = { index: focusIndex, grid: this.buffer(n) };
      focus.grid.set(acts.subarray(focusIndex * n, (focusIndex + 1) * n));
      transfer.push(focus.grid.buffer);
    } else {
      m.evaluateGrid({ res: GRID_RES, ...bounds, out: grid });
    }
    let neurons = null, weights = null;
    const nres = this.view.nres;
    if (this.view.neurons) {
      const scratchLen = nres * nres * outDim;
      if (!this.gridScratch || this.gridScratch.length !== scratchLen) this.gridScratch = new Float32Array(scratchLen);
      neurons = this.buffer(this.neuronCount * nres * nres);
      m.evaluateGrid({ res: nres, ...bounds, out: this.gridScratch, activations: neurons });
    }
    // The weights go with every frame the diagram or a teaching panel needs them for.
    if (this.view.neurons || this.view.weights) {
      const list = m.getWeights();
      weights = this.buffer(list.reduce((a, w) => a + w.size, 0));
      let o = 0;
      for (const w of list) {
        weights.set(w.dataSync(), o);
        o += w.size;
      }
      transfer.push(weights.buffer);
      if (neurons) transfer.push(neurons.buffer);
    }
    const frame = {
      type: 'frame',
      run: this.run,
      epoch: this.epoch,
      stepInEpoch: this.stepInEpoch,
      batchesPerEpoch: this.bpe,
      running: this.running,
      diverged: this.diverged,
      regression: this.regression,
      classes: this.classes,
      ...this.metrics(),
      res: GRID_RES,
      outDim,
      grid,
      nres,
      neurons,
      weights,
      focus,
    };
    this.awaitingAck = true;
    this.framePostedAt = now();
    this.dirty = false;
    this.stepsSinceFrame = 0;
    this.post(frame, transfer);
    if (this.afterFirstFrame) {
      const after = this.afterFirstFrame;
      this.afterFirstFrame = null;
      setTimeout(after, 0);
    }
  }

  // ---- weights and model files -----------------------------------------------------------
  setWeight(index, offset, value) {
    if (!Number.isFinite(value)) throw new Error('a weight must be a finite number');
    const list = this.model.getWeights();
    if (!(index >= 0 && index < list.length) || !(offset >= 0 && offset < list[index].size))
      throw new Error(`setWeight: no weight ${index}/${offset}`);
    const values = list[index].dataSync().slice();
    values[offset] = value;
    list[index] = { shape: list[index].shape, dataSync: () => values };
    this.model.setWeights(list);
    this.dirty = true;
  }

  exportModel() {
    const file = {
      format: 'nnplay-playground',
      version: 1,
      state: this.state,
      epoch: this.epoch,
      model: JSON.parse(this.model.toJSON()),
    };
    this.post({ type: 'modelFile', text: JSON.stringify(file) });
  }

  /**
   * Imports a model file: ours ({format: 'nnplay-playground', state, model}) or a
   * bare nnplay model JSON. The page's network settings follow the model; the
   * data stays. The new state goes back to the UI.
   */
  importModel(text) {
    let file;
    try {
      file = JSON.parse(text);
    } catch (e) {
      throw this.modelError(`not JSON (${e.message})`);
    }
    if (!file || typeof file !== 'object') throw this.modelError('expected a JSON object');
    const ours = file.format === 'nnplay-playground';
    const modelJson = ours ? file.model : file;
    let loaded;
    try {
      loaded = this.nn.models.fromJSON(modelJson);
    } catch (e) {
      throw this.modelError(e.message);
    }
    const warnings = [];
    try {
      let base = this.state;
      if (ours && file.state && typeof file.state === 'object') {
        // Only the network and training settings: the data on the page stays.
        const keys = ['features', 'layers', 'activation', 'optimizer', 'learningRate', 'batchSize', 'regularization',
          'regRate', 'initializer', 'seed'];
        const entries = keys.filter((k) => k in file.state).map((k) => [k, file.state[k]]);
        const parsed = parseEntries(entries, base);
        warnings.push(...parsed.warnings);
        base = parsed.state;
      }
      const layers = loaded.layers;
      const hidden = layers.slice(0, -1);
      const output = layers[layers.length - 1];
      const want = this.outputSpec();
      if (output.units !== want.units || output.activation !== want.activation)
        throw new Error(`its output layer (${output.units} ${output.activation}) does not fit the data on the page, which needs ${want.units} ${want.activation}`);
      if (hidden.length > SCHEMA.layers.maxLength || hidden.some((l) => l.units > SCHEMA.layers.max))
        throw new Error(`the playground shows at most ${SCHEMA.layers.maxLength} hidden layers of ${SCHEMA.layers.max} neurons`);
      for (const l of hidden)
        if (!ACTIVATIONS.includes(l.activation)) throw new Error(`activation ${l.activation} is not one of ${ACTIVATIONS.join(', ')}`);
      const inputDim = loaded.inputShape[1];
      let features = base.features;
      if (features.length !== inputDim) {
        if (inputDim > FEATURES.length) throw new Error(`it takes ${inputDim} inputs; the playground has ${FEATURES.length} features`);
        features = FEATURES.slice(0, inputDim);
        warnings.push(`the model takes ${inputDim} inputs: using the features ${features.join(', ')}`);
      }
      const state = normalize({
        ...base,
        features,
        layers: hidden.map((l) => l.units),
        activation: hidden.length ? hidden.map((l) => l.activation) : base.activation,
      });
      const weights = loaded.getWeights();
      this.state = state;
      this.build(false, weights);
      if (ours && Number.isInteger(file.epoch)) this.epoch = file.epoch;
      this.post({ type: 'modelImported', state, warnings });
    } catch (e) {
      throw this.modelError(e.message);
    } finally {
      loaded.dispose();
    }
  }

  modelError(message) {
    this.post({ type: 'modelError', message });
    const err = new Error(message);
    err.reported = true;
    return err;
  }
}

/** Thumbnail data sets for the dataset picker. */
export function thumbnails(nn) {
  const items = [];
  for (const name of ['circle', 'xor', 'gauss', 'spiral', 'moons', 'blobs', 'plane', 'multiGauss']) {
    const d = nn.datasets.make(name, { n: 160, noise: name === 'moons' ? 0.3 : 0, seed: 3, classes: name === 'blobs' ? 4 : 2 });
    items.push({ name, x: d.x.dataSync().slice(), y: d.y.dataSync().slice(), n: d.n, regression: d.regression, classes: d.classes });
  }
  return items;
}
