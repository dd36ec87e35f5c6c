// The worker side of the page: owns the engine (the nnplay JS API over wasm),
// the model and the data (data.js), trains in time slices and posts one frame
// per UI frame (figures, the boundary grid, neuron grids, weights) as
// transferred Float32Arrays. Every UI action arrives as a protocol.js message
// (see handle()). It knows nothing of the DOM, so it also runs under Node.

import { outputSpec } from '../catalog.js';
import { GRID_RES, TILE_RES } from '../plane.js';
import { TO_WORKER, checkMessage } from '../protocol.js';
import { parseEntries, changedKeys, featureMask, hiddenLayers, trainingState, nextPause, TRAINING_KEYS, LAYER_KEYS } from '../state.js';
import { PlaygroundData, CsvError, mat } from './data.js';
import { modelFileText, readModelFile } from './modelFile.js';
import { InsideProbe } from './inside.js';
import { StabilityWatch } from './stability.js';
import { inputStats, normalized, modelBounds } from './inputs.js';
import { LessonRules } from './lessonRules.js';
import { Analysis } from './analysis.js';

const SLICE_MS = 5;                // training per slice before looking at messages again
const UI_GRACE_MS = 12;            // 'max' speed: train at most this long while a frame is being drawn

// Keys whose change regenerates the data / re-splits it / rebuilds the model
// from scratch / rebuilds it keeping the trained weights. The rest (learning
// rate, batch size, speed, epochs) apply in place.
const DATA_KEYS = ['dataset', 'classes', 'points', 'noise', 'dataSeed'];
const SPLIT_KEYS = ['trainRatio'];
const MODEL_KEYS = ['features', 'normalize', 'layers', ...LAYER_KEYS, 'initializer', 'seed'];
const KEEP_WEIGHTS_KEYS = ['optimizer', 'regularization', 'regRate'];

const now = () => performance.now();

export class Trainer {
  /**
   * @param nn the namespace from loadNnplay()
   * @param post (message, transferList) => void
   */
  constructor(nn, post) {
    this.nn = nn;
    this.post = post;
    this.state = null;            // the training state (state.js trainingState: no view keys)
    this.model = null;
    this.data = new PlaygroundData(nn);
    this.stability = new StabilityWatch();  // a finite loss that explodes: a warning, not a pause
    this.version = 0;             // counts every change of the weights (the element's model snapshot follows it)
    this.goodWeights = null;      // the weights of the last frame (restored after a wasm trap)
    this.run = 0;                 // bumps on every fresh model: the UI clears its loss history
    this.epoch = 0;
    this.running = false;
    this.awaitingAck = false;
    this.dirty = false;           // something changed that the UI has not seen
    this.stopAt = null;           // the epoch at which running training pauses (state.epochs), or null
    this.diverged = null;
    // boundary: false while the page does not draw (its playground scrolled out of view)
    this.view = { neurons: false, focus: -1, weights: false, metrics: null, boundary: true };
    this.pool = new Map();        // free Float32Arrays by length, returned by the UI
    this.msPerStep = 0.05;
    this.scheduled = false;
    this.scheduler = null;        // set by the host: () => void that calls tick() soon
    this.trainX = null;
    this.testX = null;
    this.norm = null;             // the input normalization ({mean, std} of x1, x2) while state.normalize
    this.rules = new LessonRules();
    this.inside = new InsideProbe();  // "Inside the network" views: hidden space, health, histograms, landscape
    this.analysis = new Analysis(this);  // issue 12: timeline, compare, metrics, targets, LR finder
  }

  // ---- messages from the UI -----------------------------------------------------------
  /** Handles one message from the page (protocol.js TO_WORKER); an unknown one is an error. */
  handle(msg) {
    try {
      checkMessage(TO_WORKER, msg, 'worker');
      switch (msg.type) {
        case 'state': this.applyState(msg.state); break;
        case 'play': this.play(); break;
        case 'pause': this.pause(); break;
        case 'toggle': if (this.running) this.pause(); else this.play(); break;
        case 'step': this.step(msg.unit); break;
        case 'reset': this.reset(); break;
        case 'regenerate': this.data.generate(this.state); this.dataChanged(); break;
        case 'ack': this.ack(msg.buffers || []); break;
        case 'view': this.setView(msg.view); break;
        case 'addPoint': this.data.addPoint(msg.x1, msg.x2, msg.label); this.edited(); break;
        case 'removePoint': if (this.data.removePoint(msg.x1, msg.x2, msg.radius ?? 0.6)) this.edited(); break;
        case 'importCsv': this.importCsv(msg.text); break;
        case 'exportCsv': this.post({ type: 'csv', text: this.nn.csv.format(this.data.userDataset()) }); break;
        case 'exportModel': this.post({ type: 'modelFile', text: modelFileText(this.state, this.epoch, this.model, this.norm) }); break;
        case 'importModel': this.importModel(msg.text); break;
        case 'setWeight': this.setWeight(msg.index, msg.offset, msg.value); break;
        case 'snapshot': this.snapshot(msg.id); break;
        case 'lossSurface': this.inside.lossSurface(this, msg); break;
        case 'debugTrap': this.nn._debugTrap(); break;  // tests: a deliberate wasm trap (see worker/main.js)
        case 'lesson': this.setLesson(msg.lesson); break;
        case 'replay': case 'branch': case 'pin': case 'unpin': case 'sameStart': case 'findLr': this.analysis.handle(msg); break;
        default: throw new Error(`worker: no handler for message '${msg.type}'`);
      }
    } catch (e) {
      // A trap leaves the wasm module unusable: worker/main.js starts a new one.
      if (isTrap(e)) throw e;
      this.post({ type: 'error', message: e.message, request: msg && typeof msg.type === 'string' ? msg.type : String(msg) });
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

  setView(view) {
    for (const key of ['neurons', 'weights', 'focus', 'metrics', 'boundary']) if (Object.hasOwn(view, key)) this.view[key] = view[key];
    if (Object.hasOwn(view, 'inside')) this.inside.setRequest(view.inside);
    this.dirty = true;
  }

  // ---- state -------------------------------------------------------------------------
  applyState(next) {
    const entries = TRAINING_KEYS.filter((k) => Object.hasOwn(next, k)).map((k) => [k, next[k]]);
    const state = trainingState(parseEntries(entries, this.state || undefined).state);
    const old = this.state;
    this.state = state;
    if (!old) {
      this.data.generate(state);
      this.dataChanged();
      return;
    }
    const changed = new Set(changedKeys(old, state, TRAINING_KEYS));
    if (changed.size === 0) return;
    if (this.analysis.stateChanged([...changed])) {  // "Same start": B restarts from A's start
      this.dirty = true;
      return;
    }
    const any = (keys) => keys.some((k) => changed.has(k));
    if (any(DATA_KEYS)) {
      this.data.generate(state);
      this.dataChanged();
    } else if (any(SPLIT_KEYS)) {
      this.data.split(state);
      this.dataChanged();
    } else if (any(MODEL_KEYS)) {
      this.build(false);
    } else if (any(KEEP_WEIGHTS_KEYS)) {
      this.build(true);
    } else {
      if (changed.has('learningRate')) this.model.setLearningRate(state.learningRate);
      if (changed.has('batchSize')) this.setTrainingData();
    }
    if (changed.has('epochs') && this.running) this.stopAt = this.rules.stopAt(nextPause(this.epoch, state.epochs));
    this.dirty = true;
  }

  // ---- data --------------------------------------------------------------------------
  /** New points (generated, split, loaded): tell the page and start a fresh model. */
  dataChanged() {
    this.post(this.data.message());
    this.build(false);
  }

  /** Points edited by the learner: the model keeps training on them. */
  edited() {
    this.transform();
    this.setTrainingData();
    this.post(this.data.message());
    this.dirty = true;
  }

  importCsv(text) {
    let ds;
    try {
      ds = this.data.importCsv(text, this.state);
    } catch (e) {
      if (!(e instanceof CsvError)) throw e;
      this.post({ type: 'csvError', message: e.message });
      return;
    }
    this.dataChanged();
    this.post({ type: 'csvLoaded', n: ds.n, regression: ds.regression, classes: ds.classes });
  }

  transform() {
    const f = this.nn.features;
    const { train, test } = this.data;
    const mask = featureMask(this.state.features);
    this.mask = mask;
    this.inputDim = this.state.features.length;
    // Normalized inputs (when on) first, then the features of them.
    const inputs = (d) => mat(normalized(d.x, d.n, this.norm), d.n, 2);
    this.trainX = train.n ? f.transform(inputs(train), mask).dataSync() : new Float32Array(0);
    this.testX = test.n ? f.transform(inputs(test), mask).dataSync() : new Float32Array(0);
  }

  setTrainingData() {
    const train = this.data.train;
    this.model.setTrainingData(mat(this.trainX, train.n, this.inputDim), mat(train.y, train.n, 1),
      { batchSize: Math.min(this.state.batchSize, Math.max(1, train.n)), shuffle: true });
    this.batchSize = Math.min(this.state.batchSize, Math.max(1, train.n));
    this.bpe = this.model.batchesPerEpoch;
    this.stability.restartEpoch();
    this.stepInEpoch = 0;
  }

  // ---- the model ---------------------------------------------------------------------
  outputSpec() {
    return outputSpec(this.data.regression, this.data.classes);
  }

  optimizer() {
    const { optimizer, learningRate } = this.state;
    // Each nn.train.* factory takes the learning rate first and has Keras'
    // defaults for the rest (momentum needs its coefficient: Keras' usual 0.9).
    return optimizer === 'momentum' ? this.nn.train.momentum(learningRate, 0.9) : this.nn.train[optimizer](learningRate);
  }

  /**
   * Builds the model from the state; keepWeights copies the current weights
   * over; weights (and norm, the input normalization they were trained with)
   * come from a model file.
   */
  build(keepWeights, weights = null, norm = undefined) {
    const s = this.state;
    const nn = this.nn;
    // The normalization is adapted once per model, to its training points (as
    // Keras' adapt()); points edited later keep it.
    if (norm !== undefined && s.normalize) this.norm = norm;
    else if (!keepWeights || !this.norm !== !s.normalize) this.norm = s.normalize ? inputStats(this.data.train.x, this.data.train.n) : null;
    this.transform();
    const reg = s.regularization === 'none' ? undefined : { [s.regularization]: s.regRate };
    const out = this.outputSpec();
    const hidden = hiddenLayers(s);
    const specs = [...hidden, { units: out.units, activation: out.activation }];
    // Each hidden layer's Dense, then its Dropout when it has a rate.
    const layers = specs.flatMap((l, i) => [
      nn.layers.dense({
        units: l.units,
        activation: l.activation,
        inputShape: i === 0 ? [this.inputDim] : undefined,
        kernelInitializer: s.initializer,
        kernelRegularizer: reg,
      }),
      ...(l.dropout > 0 ? [nn.layers.dropout({ rate: l.dropout })] : []),
    ]);
    const previous = this.model;
    if (keepWeights && previous && !weights) weights = previous.getWeights();
    const model = nn.sequential({ seed: s.seed, layers });
    try {
      model.compile({ optimizer: this.optimizer(), loss: out.loss, metrics: this.data.regression ? [] : ['accuracy'] });
      if (weights) model.setWeights(weights);
    } catch (e) {
      model.dispose();
      throw e;
    }
    if (previous) previous.dispose();
    this.model = model;
    this.setTrainingData();
    this.shapes = model.getWeights().map((w) => w.shape);
    this.neuronCount = specs.reduce((a, l) => a + l.units, 0);
    this.version += 1;
    if (!keepWeights) {
      this.inside.clearPath();
      this.stability.reset();
      this.run += 1;
      this.epoch = 0;
      this.diverged = null;
      this.stopAt = this.running ? this.rules.stopAt(nextPause(0, s.epochs)) : null;
      this.rules.restart();
    }
    this.post({
      type: 'model',
      run: this.run,
      features: s.features.slice(),
      layers: hidden,
      output: out,
      params: model.countParams(),
      shapes: this.shapes,
      regression: this.data.regression,
      classes: this.data.classes,
      normalization: this.norm,
      domain: this.data.domain,
    });
    this.stepsSinceFrame = 0;
    this.dirty = true;
    this.analysis.modelBuilt(keepWeights);
  }

  reset() {
    this.running = false;
    this.build(false);
  }

  /** Plays until the next multiple of state.epochs (if set): "pause every N epochs". */
  play() {
    this.dirty = true;
    if (!this.rules.canTrain(this.epoch)) return;  // hand-tuning, or the lesson's last epoch reached
    if (this.diverged) this.diverged = null;
    this.running = true;
    this.stopAt = this.rules.stopAt(nextPause(this.epoch, this.state.epochs));
    this.analysis.played();
    this.dirty = true;
  }

  pause() {
    this.running = false;
    this.stopAt = null;
    this.dirty = true;
  }

  step(unit) {
    if (unit !== 'epoch' && unit !== 'batch') throw new Error(`step: unit must be 'epoch' or 'batch', got ${JSON.stringify(unit)}`);
    this.running = false;
    this.dirty = true;
    if (!this.rules.canTrain(this.epoch)) return;
    this.train_(unit === 'batch' ? 1 : this.bpe - this.stepInEpoch);
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

  // Trains in runs that end where the analysis looks (snapshot epochs, epoch
  // ends while a stop-at-target is set); a target reached pauses.
  train_(steps) {
    this.analysis.beforeSteps();
    for (let left = steps; left > 0;) {
      let n = Math.min(left, this.analysis.stepsToCheck());
      // With a goal, training stops at each epoch's end: the goal is checked after each.
      const perEpoch = this.rules.perEpoch();
      if (perEpoch) n = Math.min(n, this.bpe - this.stepInEpoch);
      const epoch = this.epoch;
      if (!this.trainBatches(n)) return;
      left -= n;
      if (perEpoch && this.epoch > epoch) this.epochDone();
      if (this.analysis.afterSteps()) return;
    }
  }

  /** After each completed epoch (with a goal): the goal's figures, and 'goalMet' once it is met. */
  epochDone() {
    const figures = { ...this.metrics(), epoch: this.epoch, regression: this.data.regression };
    if (this.rules.epoch(figures)) this.goalMet(figures);
  }

  goalMet(f) {
    this.post({
      type: 'goalMet', goal: this.rules.goalText, epoch: f.epoch, trainLoss: f.trainLoss, testLoss: f.testLoss,
      trainMetric: f.trainMetric, testMetric: f.testMetric, regression: f.regression, state: trainingState(this.state),
    });
  }

  /** Trains `steps` batches; false if training diverged. */
  trainBatches(steps) {
    if (steps <= 0) return true;
    try {
      const losses = this.model.trainSteps(steps);
      this.version += 1;
      this.stability.addBatches(losses, this.stepInEpoch, this.bpe, this.batchSize, this.data.train.n);
    } catch (e) {
      if (!e.diverged) throw e;
      this.running = false;
      // The epoch the counter shows (the last one completed).
      this.diverged = { message: e.message, epoch: this.epoch };
      this.dirty = true;
      this.post({ type: 'diverged', message: e.message, epoch: this.epoch, learningRate: this.state.learningRate });
      return false;
    }
    this.stepsSinceFrame += steps;
    this.stepInEpoch += steps;
    while (this.stepInEpoch >= this.bpe) {
      this.stepInEpoch -= this.bpe;
      this.epoch += 1;
    }
    return true;
  }

  // ---- frames ------------------------------------------------------------------------
  metrics(m = this.model) {
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
        try {
          out[prefix + 'Metric'] = this.nn.metrics.regressionReport(y, m.predict(x)).r2;
        } catch {
          out[prefix + 'Metric'] = NaN;  // predictions beyond float range after a blow-up: no R²
        }
      }
    };
    one(this.trainX, this.data.train, 'train');
    one(this.testX, this.data.test, 'test');
    return out;
  }

  // The boundary over the GRID_RES grid, the focused neuron's map (when one is
  // focused) and the inside views' data, all from one engine call. The grid stays in
  // the engine's memory: only the boundary and the focused map are copied out, not
  // every map (2 MB at 49 neurons).
  boundaryFrame(m, bounds, outDim, transfer) {
    const focusIndex = this.view.focus;
    const focused = focusIndex >= 0 && focusIndex < this.neuronCount;
    // Nothing to draw (off screen): no grid. A lesson's playgrounds out of view then leave
    // the CPU to the one being read (its page, the compositor and its worker share 2 cores).
    if (!this.view.boundary && !focused && !this.inside.wanted()) return { grid: null, focus: null, inside: null };
    const n = GRID_RES * GRID_RES;
    const gridArgs = { res: GRID_RES, ...bounds, activations: focused };
    const inside = this.inside.frame(this, gridArgs, m);
    // Views of the engine's memory, valid until the next engine call: copied out at once.
    const views = inside ? inside.gridViews : m.evaluateGridViews(gridArgs);
    if (views.out.length !== n * outDim || (focused && views.activations.length !== this.neuronCount * n))
      throw new Error(`the frame's model gives ${views.out.length} outputs and ${views.activations?.length ?? 0} map values, not ${n * outDim} and ${focused ? this.neuronCount * n : 0}`);
    const grid = this.buffer(n * outDim);
    grid.set(views.out);
    transfer.push(grid.buffer);
    let focus = null;
    if (focused) {
      focus = { index: focusIndex, grid: this.buffer(n) };
      focus.grid.set(views.activations.subarray(focusIndex * n, (focusIndex + 1) * n));
      transfer.push(focus.grid.buffer);
    }
    return { grid, focus, inside: inside ? inside.result : null };
  }

  // Every neuron's activation map at TILE_RES, for the network diagram: copied
  // from the engine's memory straight into the buffer the frame transfers.
  neuronTiles(m, bounds, transfer) {
    const views = m.evaluateGridViews({ res: TILE_RES, ...bounds, activations: true });
    const neurons = this.buffer(views.activations.length);  // before anything else calls the engine
    neurons.set(views.activations);
    transfer.push(neurons.buffer);
    return neurons;
  }

  // A getWeights() list in one transferable buffer, in its order.
  flatWeights(list, transfer) {
    const weights = this.buffer(list.reduce((a, w) => a + w.size, 0));
    let o = 0;
    for (const w of list) {
      weights.set(w.dataSync(), o);
      o += w.size;
    }
    transfer.push(weights.buffer);
    return weights;
  }

  sendFrame() {
    const m = this.analysis.frameModel();  // the present, or a snapshot being replayed
    // The present's weights, read once per frame: what a recovery would restore
    // (see recoveryPoint), and the frame's weights when the present is shown.
    const present = !this.diverged || m === this.model ? this.model.getWeights() : null;
    if (!this.diverged) this.goodWeights = present.map((w) => ({ shape: w.shape.slice(), values: w.dataSync().slice() }));
    const outDim = this.outputSpec().units;
    const transfer = [];
    // The plot's domain, as the model sees it (normalized when normalization is on).
    const bounds = { ...modelBounds(this.data.domain, this.norm), features: this.mask };
    const { grid, focus, inside } = this.boundaryFrame(m, bounds, outDim, transfer);
    const neurons = this.view.neurons ? this.neuronTiles(m, bounds, transfer) : null;
    // The weights go with every frame the diagram or a teaching panel needs them for.
    const weights = this.view.neurons || this.view.weights
      ? this.flatWeights(m === this.model ? present : m.getWeights(), transfer) : null;
    const figures = this.metrics(m);
    // hand-tuning: the goal is checked on the weights as set (never on a replayed snapshot)
    if (m === this.model && this.rules.check({ ...figures, epoch: this.epoch, regression: this.data.regression }))
      this.goalMet({ ...figures, epoch: this.epoch, regression: this.data.regression });
    // The optimizer's path: the present's weights (not a replayed snapshot's).
    this.inside.record(this.epoch, () => (m === this.model && weights) || this.model.getWeights().flatMap((w) => Array.from(w.dataSync())));
    const frame = {
      type: 'frame',
      run: this.run,
      epoch: this.epoch,
      stepInEpoch: this.stepInEpoch,
      batchesPerEpoch: this.bpe,
      running: this.running,
      stopAt: this.stopAt,
      diverged: this.diverged,
      unstable: this.stability.report(),
      version: this.version,
      regression: this.data.regression,
      classes: this.data.classes,
      ...figures,
      res: GRID_RES,
      outDim,
      grid,
      nres: TILE_RES,
      neurons,
      weights,
      focus,
      goal: this.rules.progress(),
      inside,
      replay: this.analysis.replay,
    };
    this.awaitingAck = true;
    this.framePostedAt = now();
    this.dirty = false;
    this.stepsSinceFrame = 0;
    this.post(frame, transfer);
    this.analysis.frameSent(m);
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
    this.version += 1;
    this.dirty = true;
  }

  /**
   * Imports a model file (modelFile.js). The network settings follow the model;
   * the data stays. The page gets only the settings that changed.
   */
  importModel(text) {
    let file;
    try {
      file = readModelFile(this.nn, text, this.state, this.outputSpec());
    } catch (e) {
      this.post({ type: 'modelError', message: e.message });
      return;
    }
    const refused = this.rules.refuse(file.patch, file.state);
    if (refused) {
      this.post({ type: 'modelError', message: refused });
      return;
    }
    const before = this.state;
    this.state = file.state;
    try {
      this.build(false, file.weights, file.normalization || undefined);
    } catch (e) {
      this.state = before;
      this.post({ type: 'modelError', message: e.message });
      return;
    }
    if (file.epoch !== null) this.epoch = file.epoch;
    this.post({ type: 'modelImported', patch: file.patch, warnings: file.warnings });
  }

  /** The lesson's rules (lessonRules.js); a new goal starts over, training stops if it is no longer allowed. */
  setLesson(lesson) {
    this.lessonRules = lesson;
    this.rules.set(lesson);
    if (this.running && !this.rules.canTrain(this.epoch)) this.pause();
    if (this.running) this.stopAt = this.rules.stopAt(nextPause(this.epoch, this.state.epochs));
    this.dirty = true;
  }

  /** The model as nnplay JSON, for a main-thread copy (<nn-playground>.model). */
  snapshot(id) {
    let text = null, message = null;
    try {
      text = this.model ? this.model.toJSON() : null;
    } catch (e) {
      message = e.message;
    }
    this.post({ type: 'snapshot', id, text, message, epoch: this.epoch, version: this.version });
  }

  // ---- recovery from a wasm trap ---------------------------------------------------------
  /**
   * What a new Trainer on a fresh wasm module needs to go on where this one
   * stood: the settings, the learner's points (held in JS, so a trap cannot
   * touch them) and the weights of the last frame drawn.
   */
  recoveryPoint() {
    return { state: this.state, data: this.data.snapshot(), weights: this.goodWeights, epoch: this.epoch, run: this.run,
      lesson: this.lessonRules || {}, norm: this.norm, view: { ...this.view }, inside: this.inside.request };
  }

  /** A Trainer on engine `nn` restored to `point` (paused), announced to the page. */
  static restore(nn, post, point) {
    const t = new Trainer(nn, post);
    t.state = point.state;
    if (point.view) t.view = { ...point.view };       // what the page's open views asked for
    if (point.inside) t.inside.request = point.inside;
    t.data.restore(point.data);
    t.setLesson(point.lesson || {});
    t.run = point.run - 1;  // build() counts it up again: the page keeps its loss history
    const weights = point.weights && point.weights.map((w) => ({ shape: w.shape, dataSync: () => w.values }));
    t.build(false, weights, point.norm || undefined);
    t.epoch = point.epoch;
    t.post(t.data.message());
    return t;
  }
}

/** True for a WebAssembly trap (or an Emscripten abort): the module cannot be used again. */
export function isTrap(e) {
  return typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError;
}
