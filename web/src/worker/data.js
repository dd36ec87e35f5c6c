// The worker's data: the points the model trains and is tested on. They come
// from a generator (the state's dataset), from a CSV, or from the learner's
// edits (points added and removed on the plot); the train/test split is the
// engine's seeded split. No DOM: runs in the worker and under Node.

import { DATASETS, THUMBNAIL, datasetInfo } from '../catalog.js';
import { SCHEMA } from '../state.js';

/** A tensor-like view of a Float32Array, accepted by the API without copying. */
export function mat(values, rows, cols) {
  return { shape: [rows, cols], dataSync: () => values };
}

/** Raw points: x [n, 2] and y [n] as Float32Arrays. */
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

/** Generator options: `classes` only for the generators that honour it (the engine refuses it elsewhere). */
function makeOptions(name, { classes, ...rest }) {
  return datasetInfo(name).usesClasses ? { ...rest, classes } : rest;
}

/** An Error whose message the page shows as the CSV's problem (message 'csvError'). */
export class CsvError extends Error {}

export class PlaygroundData {
  /** @param nn the namespace from loadNnplay() */
  constructor(nn) {
    this.nn = nn;
    this.source = null;           // the API Dataset the points came from while unedited
    this.custom = false;          // a CSV or edited points, not the generator's
    this.regression = false;
    this.classes = 2;
    this.train = raw(new Float32Array(0), new Float32Array(0), 0);
    this.test = raw(new Float32Array(0), new Float32Array(0), 0);
  }

  /** The generator's points for the state's dataset settings, split by its ratio. */
  generate(state) {
    const ds = this.nn.datasets.make(state.dataset, makeOptions(state.dataset, { n: state.points, noise: state.noise, seed: state.dataSeed, classes: state.classes }));
    this.setSource(ds, false, state);
  }

  setSource(ds, custom, state) {
    this.source = ds;
    this.custom = custom;
    this.regression = ds.regression;
    this.classes = ds.regression ? 0 : ds.classes;
    this.split(state);
  }

  /** Splits the current points (generated, loaded or edited) into train and test. */
  split(state) {
    const parts = this.nn.datasets.split(this.source || this.userDataset(), state.trainRatio, state.dataSeed);
    this.train = fromDataset(parts.train);
    this.test = fromDataset(parts.test);
  }

  /** All current points (train and test, as edited) as an API Dataset. */
  userDataset() {
    const all = concat(this.train, this.test);
    return this.nn.datasets.fromArrays(mat(all.x, all.n, 2), mat(all.y, all.n, 1),
      { problem: this.regression ? 'regression' : 'classification' });
  }

  /** The points are the learner's now, no longer the generator's. */
  edited() {
    this.source = null;
    this.custom = true;
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

  /** Removes the point nearest (x1, x2) within radius; false if there is none. */
  removePoint(x1, x2, radius) {
    let best = null;
    for (const name of ['train', 'test']) {
      const set = this[name];
      for (let i = 0; i < set.n; ++i) {
        const d = Math.hypot(set.x[2 * i] - x1, set.x[2 * i + 1] - x2);
        if (d <= radius && (!best || d < best.d)) best = { d, name, i };
      }
    }
    if (!best) return false;
    const set = this[best.name];
    if (best.name === 'train' && set.n <= 1) throw new Error('the training set needs at least one point');
    const x = new Float32Array((set.n - 1) * 2), y = new Float32Array(set.n - 1);
    x.set(set.x.subarray(0, best.i * 2));
    x.set(set.x.subarray(best.i * 2 + 2), best.i * 2);
    y.set(set.y.subarray(0, best.i));
    y.set(set.y.subarray(best.i + 1), best.i);
    this[best.name] = raw(x, y, set.n - 1);
    this.edited();
    return true;
  }

  /** Uses a CSV text (x1,x2,label rows) as the data; throws CsvError. */
  importCsv(text, state) {
    let ds;
    try {
      ds = this.nn.csv.parse(text, { problem: 'classification' });
    } catch (e) {
      // Real-valued labels: a regression data set. Any other problem is reported as is.
      if (!/class|integer/i.test(e.message)) throw new CsvError(e.message);
      try {
        ds = this.nn.csv.parse(text, { problem: 'regression' });
      } catch {
        throw new CsvError(e.message);
      }
    }
    const max = SCHEMA.classes.max;
    if (!ds.regression && ds.classes > max)
      throw new CsvError(`the labels name ${ds.classes} classes; the playground shows at most ${max} (labels 0..${max - 1})`);
    if (ds.n < 2) throw new CsvError('need at least 2 data rows');
    this.setSource(ds, true, state);
    return ds;
  }

  /** The points and where they came from, as plain JS (kept across a new wasm module). */
  snapshot() {
    return { source: this.source, custom: this.custom, regression: this.regression, classes: this.classes, train: this.train, test: this.test };
  }

  /** Takes a snapshot() back (on another engine instance: the Dataset keeps only JS arrays). */
  restore(s) {
    Object.assign(this, { source: s.source, custom: s.custom, regression: s.regression, classes: s.classes, train: s.train, test: s.test });
  }

  /** The 'data' message. */
  message() {
    return { type: 'data', train: this.train, test: this.test, regression: this.regression, classes: this.classes, custom: this.custom };
  }
}

/** The dataset picker's thumbnails: every generator with the same small settings. */
export function thumbnails(nn) {
  return DATASETS.map((name) => {
    const d = nn.datasets.make(name, makeOptions(name, THUMBNAIL));
    return { name, x: d.x.dataSync().slice(), y: d.y.dataSync().slice(), n: d.n, regression: d.regression, classes: d.classes };
  });
}
