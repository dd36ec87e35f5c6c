// Histograms of each layer's weights, biases and activations (on the training
// data) over time, drawn as a stacked "ridgeline" like TensorBoard's histogram
// view: the oldest slice at the back (top), the newest in front (bottom). At
// epoch 0 it shows what the initializer did (zeros: one spike; Glorot and He:
// spreads of different widths). The histograms come from the engine
// (model.histograms in the frame's inspect call); this view keeps slices over
// time and draws them.

import { h, fmt, setText } from '../dom.js';
import { tableCanvas, drawTableFrame, FONT } from './draw.js';

export const BINS = 30;
const MAX_SLICES = 12;
const HEAD_H = 22;
const ROW_H = 80;
const KINDS = ['weights', 'biases', 'activations'];

/** Mean and standard deviation of a histogram, from its bin centres. */
function moments(hist) {
  const n = hist.counts.length, width = (hist.max - hist.min) / n;
  let total = 0, sum = 0, sq = 0;
  for (let i = 0; i < n; ++i) {
    const c = hist.counts[i], x = hist.min + (i + 0.5) * width;
    total += c;
    sum += c * x;
    sq += c * x * x;
  }
  const mean = total ? sum / total : 0;
  return { mean, std: total ? Math.sqrt(Math.max(0, sq / total - mean * mean)) : 0 };
}

/**
 * A ridge's heights in [0, 1] from a histogram's counts: lightly smoothed
 * (1-2-1) and on a square-root scale, so that a layer of 16 weights is not a
 * row of needles and the tails stay visible next to a tall spike (ReLU's zeros).
 * Display only: the text alternative and the range use the exact counts.
 */
function displayHeights(counts) {
  const n = counts.length;
  const out = new Float32Array(n);
  let peak = 0;
  for (let i = 0; i < n; ++i) {
    const v = Math.sqrt((2 * counts[i] + (i > 0 ? counts[i - 1] : 0) + (i + 1 < n ? counts[i + 1] : 0)) / 4);
    out[i] = v;
    peak = Math.max(peak, v);
  }
  if (peak > 0) for (let i = 0; i < n; ++i) out[i] /= peak;
  return out;
}

export class HistogramsView {
  /** @param {Function} t the instance's translator */
  constructor(t) {
    this.t = t;
    this.canvas = h('canvas', { class: 'np-inside-canvas', 'data-testid': 'histograms-canvas' });
    this.figure = h('div', { class: 'np-inside-figure np-hist-figure', role: 'img', 'aria-label': t('inside.hist.title') }, this.canvas);
    this.span = h('p', { class: 'np-help np-inside-note' });
    this.el = h('div', { class: 'np-inside-view np-inside-wide' },
      h('p', { class: 'np-help', text: t('inside.hist.help') }),
      this.span,
      this.figure);
    this.rows = [];
    this.clear();
  }

  /** A model: a row per hidden layer and the output; `keep` the slices (the same run). */
  setModel(model, keep = false) {
    const t = this.t;
    const count = this.rows.length;
    this.rows = [...model.layers.map((l, i) => t('inside.layerName', { l: i + 1 })), t('inside.outputName')];
    if (!keep || count !== this.rows.length) this.clear();
  }

  /** Continues another view's slices (a rebuilt panel, same run). */
  adopt(other) {
    for (const key of ['rows', 'slices', 'current', 'every']) this[key] = other[key];
  }

  clear() {
    this.slices = [];   // [{epoch, layers: [{weights, biases, activations}]}], oldest first
    this.current = null;
    this.every = 1;
  }

  /** One frame's histograms (one entry per row): the front slice, kept as a slice every few epochs. */
  push(epoch, layers) {
    if (layers.length !== this.rows.length) return;
    const last = this.slices[this.slices.length - 1];
    if (last && epoch < last.epoch) this.clear();
    this.current = { epoch, layers };
    const newest = this.slices[this.slices.length - 1];
    if (!newest || epoch >= newest.epoch + this.every) {
      this.slices.push(this.current);
      if (this.slices.length > MAX_SLICES) {
        // keep the first (the initializer's) and every other one after it
        this.slices = this.slices.filter((_, i) => i === 0 || i % 2 === 1 || i === this.slices.length - 1);
        this.every *= 2;
      }
    }
  }

  draw() {
    const t = this.t;
    const table = tableCanvas(this.figure, this.canvas, this.rows.length, { headH: HEAD_H, rowH: ROW_H });
    if (!table) return;
    const { w, labelW, ctx } = table;
    const slices = this.current && this.slices[this.slices.length - 1] !== this.current ? [...this.slices, this.current] : this.slices;
    setText(this.span, slices.length
      ? t('inside.hist.span', { from: slices[0].epoch, to: slices[slices.length - 1].epoch }) : t('inside.waiting'));
    const colW = drawTableFrame(ctx, w, {
      heads: [t('inside.hist.weights'), t('inside.hist.biases'), t('inside.hist.activations')],
      rows: this.rows.map((name) => [name]), labelW, headH: HEAD_H, rowH: ROW_H,
    });
    this.rows.forEach((_, r) => {
      const y0 = HEAD_H + r * ROW_H;
      KINDS.forEach((kind, c) => this.ridges(ctx, labelW + c * colW, y0, colW, slices.map((s) => s.layers[r][kind])));
    });
  }

  /** The slices of one histogram, back (old) to front (new), on one x scale. */
  ridges(ctx, x0, y0, w, hists) {
    const left = x0 + 6, right = x0 + w - 6, bottom = y0 + ROW_H - 16, top = y0 + 4;
    const list = hists.filter(Boolean);
    if (!list.length) {
      ctx.fillStyle = '#9aa0a6';
      ctx.font = `11px ${FONT}`;
      ctx.textAlign = 'center';
      ctx.fillText('–', (left + right) / 2, (top + bottom) / 2);
      return;
    }
    let lo = Infinity, hi = -Infinity;
    for (const hist of list) { lo = Math.min(lo, hist.min); hi = Math.max(hi, hist.max); }
    const X = (v) => left + ((v - lo) / (hi - lo)) * (right - left);
    const n = list.length;
    const step = n > 1 ? ((bottom - top) * 0.55) / (n - 1) : 0;
    const height = (bottom - top) * 0.45;
    list.forEach((hist, i) => {
      const base = bottom - (n - 1 - i) * step;
      const bins = hist.counts.length, bw = (hist.max - hist.min) / bins;
      const heights = displayHeights(hist.counts);
      const shade = n > 1 ? i / (n - 1) : 1;   // 0: oldest, 1: newest
      ctx.beginPath();
      ctx.moveTo(X(hist.min), base);
      for (let b = 0; b < bins; ++b) ctx.lineTo(X(hist.min + (b + 0.5) * bw), base - heights[b] * height);
      ctx.lineTo(X(hist.max), base);
      ctx.closePath();
      // opaque fills (blending is what software rasterizing pays for)
      ctx.fillStyle = `rgb(${Math.round(232 - 200 * shade)}, ${Math.round(240 - 130 * shade)}, ${Math.round(252 - 20 * shade)})`;
      ctx.fill();
      // outlines: the front ridge, and every third behind it (strokes cost as much as fills)
      if (i === n - 1 || (n - 1 - i) % 3 === 0) {
        ctx.strokeStyle = `rgba(26, 67, 140, ${0.35 + 0.65 * shade})`;
        ctx.lineWidth = i === n - 1 ? 1.5 : 1;
        ctx.stroke();
      }
    });
    ctx.fillStyle = '#5f6368';
    ctx.font = `10px ${FONT}`;
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    const tidy = (v) => fmt(Math.abs(v) < (hi - lo) * 1e-3 ? 0 : v, 2);  // 7.7e-9 on a range of 1 reads as 0
    ctx.fillText(tidy(lo), left, bottom + 3);
    ctx.textAlign = 'right';
    ctx.fillText(tidy(hi), right, bottom + 3);
  }

  /** The text alternative: each layer's latest weights, biases and activations. */
  describe() {
    const t = this.t;
    if (!this.current) return t('inside.hist.title');
    const parts = [t('inside.hist.describe', { epoch: this.current.epoch })];
    const text = (hist) => {
      if (!hist) return '–';
      const m = moments(hist);
      return t('inside.hist.describeOne', { min: fmt(hist.min, 2), max: fmt(hist.max, 2), mean: fmt(m.mean, 2), std: fmt(m.std, 2) });
    };
    this.current.layers.forEach((l, r) => parts.push(t('inside.hist.describeLayer', {
      name: this.rows[r], weights: text(l.weights), biases: text(l.biases), activations: text(l.activations),
    })));
    return parts.join(' ');
  }
}
