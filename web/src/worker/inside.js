// The worker side of "Inside the network" (issue 13): what the open views ask
// for each frame (the hidden space, layer health, histograms), computed by the
// engine in the same wasm call as the boundary (model.inspect), the optimizer's
// path (weight snapshots, one per epoch), and the loss landscape on demand.
// No DOM: runs under Node in the tests.

import { mat } from './data.js';

const MAX_PATH = 300;  // snapshots kept; beyond, every other one goes and the interval doubles
// The hidden space's image of the input plane: lines 1 apart across [-6, 6]
// (13 each way, the middle ones the axes), each sampled at 49 points.
const SPACE_LINES = 13;
const SPACE_SAMPLES = 49;

export class InsideProbe {
  constructor() {
    /** What the page's open views need: {space: {layer, neurons} | null, stats, bins}. */
    this.request = { space: null, stats: false, bins: 0 };
    this.clearPath();
  }

  /** The page's `view.inside`: {space?: {layer (hidden layer, 0-based), neurons}, stats?, bins?}. */
  setRequest(inside) {
    const r = inside && typeof inside === 'object' ? inside : {};
    const space = r.space && Number.isInteger(r.space.layer) && Array.isArray(r.space.neurons) ? r.space : null;
    this.request = { space, stats: r.stats === true, bins: Number.isInteger(r.bins) && r.bins > 0 ? r.bins : 0 };
  }

  wanted() {
    const r = this.request;
    return r.space !== null || r.stats || r.bins > 0;
  }

  /**
   * The boundary grid (gridArgs as evaluateGridViews takes them) and what the views
   * asked for, all in one engine call on `model` (the trainer's, or a snapshot being
   * replayed: the frame's model): {gridViews, result}, the grid as views of the
   * engine's memory (copy them before the next engine call). null when nothing is
   * asked (the caller then runs evaluateGridViews alone).
   */
  frame(trainer, gridArgs, model = trainer.model) {
    if (!this.wanted() || !model) return null;
    const r = this.request;
    const train = trainer.data.train;
    const args = { gridViews: gridArgs };
    if (train.n > 0) {
      args.x = mat(trainer.trainX, train.n, trainer.inputDim);
      args.y = mat(train.y, train.n, 1);
    }
    let hidden = -1;
    if (r.space) {
      hidden = this.modelLayer(model, r.space.layer);
      const units = hidden >= 0 ? this.hiddenLayers[r.space.layer].units : 0;
      const neurons = r.space.neurons.filter((n, i, all) => Number.isInteger(n) && n >= 0 && n < units && all.indexOf(n) === i);
      if (hidden >= 0 && neurons.length >= 2) args.space = { layer: hidden, neurons: neurons.slice(0, 3), lines: SPACE_LINES, samples: SPACE_SAMPLES };
    }
    if (r.stats && train.n > 0) args.stats = true;
    if (r.bins > 0) args.bins = r.bins;
    if (!args.space && !args.stats && !args.bins) return null;  // e.g. a layer that is gone
    const out = model.inspect(args);
    const result = { stats: out.stats || null, histograms: out.histograms || null, space: null };
    if (out.space) result.space = { ...out.space, layer: r.space.layer, neurons: args.space.neurons, lines: SPACE_LINES };
    return { gridViews: out.gridViews, result };
  }

  /** The model's index of hidden layer `hidden` (Dropout layers sit between), or -1; cached per model. */
  modelLayer(model, hidden) {
    if (this.layersOf !== model) {
      this.layersOf = model;
      const layers = model.layers;
      this.hiddenLayers = [];
      for (let i = 0; i < layers.length - 1; ++i)
        if (layers[i].neurons > 0) this.hiddenLayers.push({ index: i, units: layers[i].units });
    }
    return hidden >= 0 && hidden < this.hiddenLayers.length ? this.hiddenLayers[hidden].index : -1;
  }

  // ---- the optimizer's path ----
  clearPath() {
    this.path = [];         // Float32Array snapshots
    this.pathEpochs = [];
    this.every = 1;         // epochs between snapshots
  }

  /**
   * Keeps a copy of the flat weights (an array, or a function giving one) at this
   * epoch, if it is the interval's length past the last snapshot.
   */
  record(epoch, weights) {
    const last = this.pathEpochs.length ? this.pathEpochs[this.pathEpochs.length - 1] : -Infinity;
    if (epoch === last || (this.pathEpochs.length && epoch < last + this.every)) return;
    this.path.push(Float32Array.from(typeof weights === 'function' ? weights() : weights));
    this.pathEpochs.push(epoch);
    if (this.path.length > MAX_PATH) {
      this.path = this.path.filter((_, i) => i % 2 === 0);
      this.pathEpochs = this.pathEpochs.filter((_, i) => i % 2 === 0);
      this.every *= 2;
    }
  }

  /**
   * The loss landscape around the current weights with the path projected on it
   * (the current weights end the path), posted as a 'lossSurface' message.
   */
  lossSurface(trainer, { resolution, span, seed }) {
    const m = trainer.model;
    const train = trainer.data.train;
    if (!m || train.n === 0) throw new Error('the loss landscape needs training data');
    const flat = new Float32Array(m.countParams());
    let o = 0;
    for (const w of m.getWeights()) {
      flat.set(w.dataSync(), o);
      o += w.size;
    }
    this.record(trainer.epoch, flat);
    const snapshots = this.path.slice();
    const epochs = this.pathEpochs.slice();
    if (epochs[epochs.length - 1] !== trainer.epoch) {
      snapshots.push(flat);
      epochs.push(trainer.epoch);
    }
    const t0 = performance.now();
    const s = m.lossSurface(mat(trainer.trainX, train.n, trainer.inputDim), mat(train.y, train.n, 1),
      { resolution, span, seed, path: snapshots });
    const ms = performance.now() - t0;
    const message = {
      type: 'lossSurface', run: trainer.run, epoch: trainer.epoch, ms, points: train.n, params: flat.length,
      alphas: s.alphas, betas: s.betas, loss: s.loss, resolution: s.resolution, span: s.span, seed: s.seed,
      path: { alphas: s.path.alphas, betas: s.path.betas, offSlice: s.path.offSlice, epochs },
    };
    trainer.post(message, [s.alphas.buffer, s.betas.buffer, s.loss.buffer, s.path.alphas.buffer, s.path.betas.buffer, s.path.offSlice.buffer]);
  }
}
