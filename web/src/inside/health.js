// Gradient flow and the health of each layer, over time: one row per layer
// with neurons, one small chart per signal: the norm of the loss gradient for
// its weights ‖∂L/∂W‖, the size of the optimizer's next step relative to the
// weights ‖ΔW‖/‖W‖ (both on a log scale shared down the column, so a gradient
// vanishing towards the first layers shows as lower lines there), and the
// share of dead ReLU units. The numbers come from the engine (model.layerStats
// over the training data, in the frame's inspect call); this view draws them.

import { h, fmt } from '../dom.js';
import { tableCanvas, logTicks, powerText, drawTableFrame, FONT } from './draw.js';

const MAX_SAMPLES = 400;
const HEAD_H = 36;
const ROW_H = 52;
const LINE = '#1a73e8';
const DEAD = '#d93025';
// ‖ΔW‖/‖W‖ between these is the usual healthy range (about 1e-3 per step).
const HEALTHY = [1e-4, 1e-2];

export class HealthView {
  /** @param {Function} t the instance's translator */
  constructor(t) {
    this.t = t;
    this.canvas = h('canvas', { class: 'np-inside-canvas', 'data-testid': 'health-canvas' });
    this.figure = h('div', { class: 'np-inside-figure np-health-figure', role: 'img', 'aria-label': t('inside.health.title') }, this.canvas);
    const signal = (name, text) => h('li', {}, h('strong', { text: name }), ' ', text);
    this.el = h('div', { class: 'np-inside-view np-inside-wide' },
      h('p', { class: 'np-help', text: t('inside.health.help') }),
      this.figure,
      h('ul', { class: 'np-inside-signals' },
        signal(t('inside.health.gradient'), t('inside.health.gradientHelp')),
        signal(t('inside.health.ratio'), t('inside.health.ratioHelp')),
        signal(t('inside.health.dead'), t('inside.health.deadHelp'))));
    this.rows = [];
    this.clear();
  }

  /** A model: one row per hidden layer and the output; `keep` the history (the same run, e.g. after a language switch). */
  setModel(model, keep = false) {
    const t = this.t;
    const count = this.rows.length;
    this.rows = [
      ...model.layers.map((l, i) => ({ name: t('inside.layerName', { l: i + 1 }), activation: l.activation, units: l.units })),
      { name: t('inside.outputName'), activation: model.output.activation, units: model.output.units },
    ];
    if (!keep || count !== this.rows.length) this.clear();
  }

  /** Continues another view's history (a rebuilt panel, same run). */
  adopt(other) {
    for (const key of ['rows', 'epochs', 'series', 'stride', 'pending', 'last']) this[key] = other[key];
  }

  clear() {
    this.epochs = [];
    this.series = this.rows.map(() => ({ gradient: [], ratio: [], dead: [] }));
    this.stride = 1;
    this.pending = 0;
    this.last = null;
  }

  /** One frame's layerStats (one entry per row). */
  push(epoch, stats) {
    if (stats.length !== this.rows.length) return;
    this.last = { epoch, stats };
    const n = this.epochs.length;
    const put = (i) => stats.forEach((s, r) => {
      const row = this.series[r];
      row.gradient[i] = s.gradientNorm;
      row.ratio[i] = s.updateRatio;
      row.dead[i] = s.deadUnits / s.units;
    });
    if (n && epoch < this.epochs[n - 1]) this.clear();
    if (n && (this.epochs[n - 1] === epoch || ++this.pending < this.stride)) {
      this.epochs[n - 1] = epoch;
      put(n - 1);
      return;
    }
    this.pending = 0;
    this.epochs.push(epoch);
    put(this.epochs.length - 1);
    if (this.epochs.length > MAX_SAMPLES) {
      const keep = (a) => a.filter((_, i) => i % 2 === 0 || i === a.length - 1);
      this.epochs = keep(this.epochs);
      for (const row of this.series) for (const k of ['gradient', 'ratio', 'dead']) row[k] = keep(row[k]);
      this.stride *= 2;
    }
  }

  draw() {
    const t = this.t;
    const table = tableCanvas(this.figure, this.canvas, this.rows.length, { headH: HEAD_H, rowH: ROW_H });
    if (!table) return;
    const { w, labelW, ctx } = table;
    // one log scale per column, shared by every layer
    const range = (key) => {
      let lo = Infinity, hi = -Infinity;
      for (const row of this.series) for (const v of row[key]) if (v > 0 && Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      if (!(hi >= lo)) return [1e-4, 1];
      const a = Math.floor(Math.log10(lo)), b = Math.ceil(Math.log10(hi));
      return [10 ** a, 10 ** Math.max(b, a + 1)];
    };
    const scales = [range('gradient'), range('ratio')];
    // column heads: the signal, and its scale (log scales: the decades they span)
    const colW = drawTableFrame(ctx, w, {
      heads: [t('inside.health.gradient'), t('inside.health.ratio'), t('inside.health.dead')],
      subheads: [...scales.map(([a, b]) => `${powerText(Math.round(Math.log10(a)))} … ${powerText(Math.round(Math.log10(b)))}`), '0 … 100%'],
      rows: this.rows.map((row) => [row.name, t(`activation.${row.activation}`)]),
      labelW, headH: HEAD_H, rowH: ROW_H,
    });
    this.rows.forEach((row, r) => {
      const y0 = HEAD_H + r * ROW_H;
      const s = this.series[r];
      this.cell(ctx, labelW, y0, colW, s.gradient, scales[0], LINE);
      this.cell(ctx, labelW + colW, y0, colW, s.ratio, scales[1], LINE, HEALTHY);
      if (row.activation === 'relu') this.cell(ctx, labelW + 2 * colW, y0, colW, s.dead, null, DEAD);
      else {
        ctx.fillStyle = '#9aa0a6';
        ctx.font = `11px ${FONT}`;
        ctx.textAlign = 'center';
        ctx.fillText(t('inside.health.notRelu'), labelW + 2.5 * colW, y0 + ROW_H / 2 + 4, colW - 8);
      }
    });
  }

  /** One signal of one layer: a line over the epochs (log scale when `scale` is given, else 0..1), its latest value. */
  cell(ctx, x0, y0, w, values, scale, color, band = null) {
    const left = x0 + 4, right = x0 + w - 4, top = y0 + 15, bottom = y0 + ROW_H - 6;
    ctx.fillStyle = '#f6f8fa';
    ctx.fillRect(left, top, right - left, bottom - top);
    const n = values.length;
    const Y = scale
      ? (v) => bottom - ((Math.log10(Math.max(v, scale[0])) - Math.log10(scale[0])) / (Math.log10(scale[1]) - Math.log10(scale[0]))) * (bottom - top)
      : (v) => bottom - v * (bottom - top);
    if (band && scale) {
      const a = Math.max(top, Math.min(bottom, Y(band[1]))), b = Math.max(top, Math.min(bottom, Y(band[0])));
      ctx.fillStyle = 'rgba(19, 115, 51, 0.08)';
      ctx.fillRect(left, a, right - left, b - a);
    }
    if (scale) {
      // a faint line at each decade (the column head says which decades)
      ctx.fillStyle = '#e3e6ea';
      for (const e of logTicks(scale[0], scale[1], 8)) {
        const y = Math.round(Y(10 ** e));
        if (y > top && y < bottom) ctx.fillRect(left, y, right - left, 1);
      }
    }
    if (n) {
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.2;
      ctx.beginPath();
      let started = false;
      for (let i = 0; i < n; ++i) {
        const v = values[i];
        if (!Number.isFinite(v)) { started = false; continue; }
        const x = n === 1 ? right : left + ((right - left) * i) / (n - 1);
        const y = Y(v);
        if (started) ctx.lineTo(x, y);
        else ctx.moveTo(x, y);
        started = true;
      }
      ctx.stroke();
      const last = values[n - 1];
      ctx.fillStyle = '#202124';
      ctx.font = `11px ${FONT}`;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'alphabetic';
      ctx.fillText(scale ? fmt(last, 2) : `${Math.round(last * 100)}%`, right, y0 + 12);
    }
  }

  /** The text alternative: each layer's latest figures. */
  describe() {
    const t = this.t;
    if (!this.last) return t('inside.health.title');
    const parts = [t('inside.health.describe', { epoch: this.last.epoch })];
    this.last.stats.forEach((s, r) => {
      parts.push(t('inside.health.describeLayer', {
        name: this.rows[r].name, gradient: fmt(s.gradientNorm, 2), ratio: fmt(s.updateRatio, 2),
        dead: this.rows[r].activation === 'relu' ? t('inside.health.deadCount', { n: s.deadUnits, units: s.units }) : t('inside.health.notRelu'),
      }));
    });
    return parts.join(' ');
  }
}
