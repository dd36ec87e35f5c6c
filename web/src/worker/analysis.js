// The worker side of issue 12 (compare, replay, measure), attached to the
// Trainer with a few calls: the run's timeline of snapshots and the frames
// that replay them ("replay", "branch"), the pinned run A and "Same start"
// ("pin", "unpin", "sameStart"), the metrics panel's report ("metrics" after a
// frame, only while the panel is open), stop-at-target (state keys targetLoss
// and targetMetric, checked at every epoch end) and the learning-rate finder
// ("findLr"). Everything is computed by the engine; no DOM.

import { GRID_RES, DOMAIN } from '../plane.js';
import { mat } from './data.js';
import { Timeline, nextSnapshotEpoch } from './timeline.js';

const METRICS_MS = 200;   // the metrics report while training: at most this often
// Settings that change nothing about the run's result: with "Same start" on,
// changing any other restarts B from A's start.
const NEUTRAL_KEYS = ['speed', 'epochs', 'targetLoss', 'targetMetric'];
// What makes a run's initial weights: with these as A's, B starts from A's weights.
const START_KEYS = ['features', 'layers', 'seed', 'initializer'];
// What makes its points.
const DATA_KEYS = ['dataset', 'classes', 'points', 'noise', 'dataSeed', 'trainRatio'];
// The optimizer settings a snapshot's JSON carries; a branch under others rebuilds with them.
const OPTIMIZER_KEYS = ['optimizer', 'regularization', 'regRate'];
export const FINDER = { minLr: 1e-5, maxLr: 10, steps: 300 };

const same = (a, b, keys) => keys.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));

export class Analysis {
  /** @param {import('./trainer.js').Trainer} trainer */
  constructor(trainer) {
    this.trainer = trainer;
    this.timeline = new Timeline();
    this.replay = null;         // the epoch shown instead of the present, or null
    this.replayModel = null;    // a model of the run's architecture, for the replay frames
    this.replayKey = '';
    this.start = null;          // run A's start for "Same start": {state, weights, data}
    this.sameStart = false;
    this.metricsAt = 0;
    this.armed = true;          // stop-at-target watches (see armTargets)
  }

  get nn() { return this.trainer.nn; }

  /** The messages of issue 12 (protocol.js); the Trainer hands them over. */
  handle(msg) {
    switch (msg.type) {
      case 'replay': this.setReplay(msg.epoch); break;
      case 'branch': this.branch(msg.epoch); break;
      case 'pin': this.pin(msg.sameStart); break;
      case 'unpin': this.start = null; this.sameStart = false; break;
      case 'sameStart': this.setSameStart(msg.on); break;
      case 'findLr': this.findLearningRate(); break;
      default: throw new Error(`analysis: no handler for '${msg.type}'`);
    }
  }

  // ---- the timeline -------------------------------------------------------------------
  /**
   * A model was built: a fresh run starts a fresh timeline (keepWeights: the
   * same run goes on). The page drops a timeline of another run by itself.
   */
  modelBuilt(keepWeights) {
    if (keepWeights) return;
    this.timeline.clear();
    this.replay = null;
  }

  postTimeline() {
    const t = this.trainer;
    t.post({ type: 'timeline', run: t.run, epochs: this.timeline.epochs(), bytes: this.timeline.bytes });
  }

  snapshot() {
    const t = this.trainer;
    this.timeline.add(t.epoch, this.flatWeights(), t.model.toJSON(), { ...t.state });
    this.postTimeline();
  }

  /** The training model's weights as one Float32Array. */
  flatWeights() {
    const list = this.trainer.model.getWeights();
    const flat = new Float32Array(list.reduce((a, w) => a + w.size, 0));
    let o = 0;
    for (const w of list) {
      flat.set(w.dataSync(), o);
      o += w.size;
    }
    return flat;
  }

  /** The run's initial weights: its first snapshot's, or (not trained yet) the present ones. */
  initialWeights() {
    const first = this.timeline.snapshots[0];
    return first ? first.weights : this.flatWeights();
  }

  /**
   * Before a run of batches: the run's start (epoch 0, or where an imported
   * model stood) is snapshotted once, just before its first batch, so weights
   * edited before training are part of it.
   */
  beforeSteps() {
    const t = this.trainer;
    if (t.stepInEpoch === 0 && this.timeline.snapshots.length === 0) this.snapshot();
  }

  /** Batches to train before the next epoch that must be looked at (a snapshot, a target). */
  stepsToCheck() {
    const t = this.trainer;
    const next = this.targets() ? t.epoch + 1 : nextSnapshotEpoch(t.epoch);
    return (next - t.epoch) * t.bpe - t.stepInEpoch;
  }

  /** After a run of batches: snapshots, then the targets. True when a target paused training. */
  afterSteps() {
    const t = this.trainer;
    if (t.stepInEpoch !== 0 || t.diverged) return false;
    if (nextSnapshotEpoch(t.epoch - 1) === t.epoch && !this.timeline.has(t.epoch)) this.snapshot();
    return this.checkTargets();
  }

  // ---- replay ---------------------------------------------------------------------------
  setReplay(epoch) {
    const t = this.trainer;
    if (epoch === null || epoch >= t.epoch) {
      this.replay = null;
    } else {
      if (!this.timeline.at(epoch)) throw new Error(`replay: no snapshot at epoch ${epoch}`);
      if (t.running) t.pause();  // looking back stops the present
      this.replay = epoch;
    }
    t.dirty = true;
  }

  /** The model a frame shows: the replayed snapshot's weights, or the present. */
  frameModel() {
    const t = this.trainer;
    if (this.replay === null) return t.model;
    const snap = this.timeline.at(this.replay);
    if (!snap) {
      this.replay = null;
      return t.model;
    }
    const key = `${t.run}:${JSON.stringify(t.shapes)}`;
    if (this.replayKey !== key || !this.replayModel) {
      if (this.replayModel) this.replayModel.dispose();
      this.replayModel = this.nn.models.fromJSON(snap.json);
      this.replayKey = key;
    }
    this.replayModel.setWeights(this.weightList(snap.weights));
    return this.replayModel;
  }

  // The flat weights as the list setWeights takes, in the run's shapes.
  weightList(flat) {
    let o = 0;
    return this.trainer.shapes.map((shape) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const view = flat.subarray(o, o + size);
      o += size;
      return { shape, dataSync: () => view };
    });
  }

  /** Play: training goes on from the present; the targets not met yet are watched. */
  played() {
    this.replay = null;
    this.armTargets();
  }

  /** "Resume from here": the run continues from the snapshot at `epoch`; the later ones go. */
  branch(epoch) {
    const t = this.trainer;
    const snap = this.timeline.at(epoch);
    if (!snap) throw new Error(`branch: no snapshot at epoch ${epoch}`);
    if (same(snap.settings, t.state, OPTIMIZER_KEYS)) {
      // Exactly as the run was then: weights, optimizer state, shuffle and dropout generators.
      const model = this.nn.models.fromJSON(snap.json);
      t.model.dispose();
      t.model = model;
      model.setLearningRate(t.state.learningRate);
      t.setTrainingData();
    } else {
      t.build(true, this.weightList(snap.weights));  // today's optimizer settings, from the snapshot's weights
    }
    t.epoch = epoch;
    t.stepInEpoch = 0;
    t.diverged = null;
    t.version += 1;          // the element's model snapshot follows the weights
    t.stability.reset();     // the unstable-loss watch starts over from the branch point
    t.rules.restart();       // and so does a lesson goal's count of epochs held
    this.timeline.dropAfter(epoch);
    this.replay = null;
    this.postTimeline();
    t.post({ type: 'branched', run: t.run, epoch });
    t.play();
  }

  // ---- compare: run A and "Same start" ---------------------------------------------------
  /** Pins the current run as A: answers with its boundary; with sameStart, B restarts from A's start. */
  pin(sameStart) {
    const t = this.trainer;
    const grid = new Float32Array(GRID_RES * GRID_RES * t.outputSpec().units);
    t.model.evaluateGrid({ res: GRID_RES, xMin: -DOMAIN, xMax: DOMAIN, yMin: -DOMAIN, yMax: DOMAIN, features: t.mask, out: grid });
    const data = t.data;
    this.start = {
      state: { ...t.state },
      weights: this.initialWeights(),
      data: { source: data.source, custom: data.custom, regression: data.regression, classes: data.classes, train: data.train, test: data.test },
    };
    t.post({ type: 'pinned', run: t.run, epoch: t.epoch, grid, res: GRID_RES, outDim: t.outputSpec().units,
      regression: t.data.regression, classes: t.data.classes });
    this.sameStart = !!sameStart;
    if (this.sameStart) this.restartB();
  }

  setSameStart(on) {
    this.sameStart = !!on && this.start !== null;
    if (this.sameStart) this.restartB();
  }

  /**
   * Settings changed while "Same start" is on: B restarts from A's start, so
   * only the settings changed differ. Returns true if it rebuilt (the Trainer
   * then does nothing more), false for the usual handling.
   */
  stateChanged(changed) {
    if (changed.some((k) => k === 'targetLoss' || k === 'targetMetric')) this.armTargets();
    if (!this.sameStart || !this.start || changed.every((k) => NEUTRAL_KEYS.includes(k))) return false;
    const t = this.trainer;
    if (changed.some((k) => DATA_KEYS.includes(k))) {
      if (changed.some((k) => k !== 'trainRatio' && DATA_KEYS.includes(k))) t.data.generate(t.state);
      else t.data.split(t.state);
      t.post(t.data.message());
    }
    this.restartB();
    return true;
  }

  // B from A's start: A's points (when B's data settings are A's) and A's initial
  // weights (when B's network, seed and initializer are A's), at epoch 0.
  restartB() {
    const t = this.trainer;
    const a = this.start;
    if (same(a.state, t.state, DATA_KEYS)) {
      Object.assign(t.data, a.data);
      t.post(t.data.message());
    }
    const weights = same(a.state, t.state, START_KEYS) ? this.weightList(a.weights) : null;
    const running = t.running;
    t.running = false;
    t.build(false, weights);
    if (running) t.play();
  }

  // ---- stop at a target -------------------------------------------------------------------
  // A target stops a run that crosses it: one already met when Play is pressed
  // (or when it is set) does not stop that Play, so Play can train on past it.
  targets() {
    const s = this.trainer.state;
    return s.targetLoss > 0 || s.targetMetric > 0;
  }

  /** The first target the present model meets ({kind, value, target}), or null. */
  reached() {
    const t = this.trainer;
    if (!this.targets()) return null;
    const f = t.metrics();
    const s = t.state;
    // Without test points, the training figures.
    const loss = Number.isFinite(f.testLoss) ? f.testLoss : f.trainLoss;
    const metric = Number.isFinite(f.testMetric) ? f.testMetric : f.trainMetric;
    if (s.targetLoss > 0 && loss < s.targetLoss) return { kind: 'loss', value: loss, target: s.targetLoss };
    if (s.targetMetric > 0 && metric >= s.targetMetric) return { kind: 'metric', value: metric, target: s.targetMetric };
    return null;
  }

  armTargets() {
    this.armed = this.reached() === null;
  }

  /** At an epoch end: pauses and says so when the test loss or metric reached its target. */
  checkTargets() {
    const t = this.trainer;
    if (!this.targets() || !t.running || !this.armed) return false;
    const hit = this.reached();
    if (!hit) return false;
    t.pause();
    this.armed = false;
    t.post({ type: 'targetReached', epoch: t.epoch, regression: t.data.regression, ...hit });
    return true;
  }

  // ---- the metrics panel ------------------------------------------------------------------
  /** After a frame: the report of the shown model on the chosen set, while the panel is open. */
  frameSent(model) {
    const t = this.trainer;
    const set = t.view.metrics;
    if (set !== 'train' && set !== 'test') return;
    if (t.running && performance.now() - this.metricsAt < METRICS_MS) return;
    this.metricsAt = performance.now();
    const d = t.data[set];
    const x = set === 'train' ? t.trainX : t.testX;
    const base = { type: 'metrics', run: t.run, epoch: this.replay ?? t.epoch, replay: this.replay, set, n: d.n,
      regression: t.data.regression, classes: t.data.classes };
    if (d.n === 0) {
      t.post({ ...base, report: null });
      return;
    }
    const out = model.predict(mat(x, d.n, t.inputDim));
    const m = this.nn.metrics;
    if (t.data.regression) {
      const predictions = out.dataSync();
      t.post({ ...base, report: { ...m.regressionReport(mat(d.y, d.n, 1), out), targets: d.y, predictions } });
    } else {
      const r = m.classificationReport(d.y, out, t.data.classes);
      t.post({ ...base, report: { ...r, confusionMatrix: r.confusionMatrix.dataSync(), labels: d.y } });
    }
  }

  // ---- the learning-rate finder -------------------------------------------------------------
  /** From the run's initial weights, with today's settings and data: the range test, then 'lrFound'. */
  findLearningRate() {
    const t = this.trainer;
    const model = this.nn.models.fromJSON(t.model.toJSON());
    try {
      model.setWeights(this.weightList(this.initialWeights()));
      const train = t.data.train;
      const r = model.findLearningRate(mat(t.trainX, train.n, t.inputDim), mat(train.y, train.n, 1),
        { ...FINDER, batchSize: Math.min(t.state.batchSize, Math.max(1, train.n)) });
      t.post({ type: 'lrFound', run: t.run, learningRates: r.learningRates, losses: r.losses, suggestion: r.suggestion,
        suggestionIndex: r.suggestionIndex, diverged: r.diverged, learningRate: t.state.learningRate, optimizer: t.state.optimizer });
    } finally {
      model.dispose();
    }
  }
}
