// The loss landscape: a 2-D slice of the training loss around the current
// weights θ along two random filter-normalized directions (Li et al., 2018),
// L(θ + α d1 + β d2), as a heat map with contour lines, the optimizer's path
// projected onto the slice and a dot for "now" (θ, the centre). The worker
// computes it in the engine on demand (model.lossSurface); a seed fixes the
// directions, so the same seed shows the same slice.

import { h, fmt, setText } from '../dom.js';
import { fitCanvas, viridis, ticks, FONT } from './draw.js';

const PAD = { left: 40, right: 10, top: 10, bottom: 30 };
export const RESOLUTION = 41;
const SPANS = [0.1, 0.25, 0.5, 1, 2, 5];
const LEVELS = 10;

/** Marching squares: the segments where the grid (res x res, row b = beta) crosses `level`, in grid units. */
function contour(values, res, level) {
  const out = [];
  const at = (a, b) => values[b * res + a];
  const cross = (a0, b0, a1, b1) => {
    const v0 = at(a0, b0), v1 = at(a1, b1);
    const u = (level - v0) / (v1 - v0);
    return [a0 + u * (a1 - a0), b0 + u * (b1 - b0)];
  };
  for (let b = 0; b + 1 < res; ++b)
    for (let a = 0; a + 1 < res; ++a) {
      const corners = [[a, b], [a + 1, b], [a + 1, b + 1], [a, b + 1]];
      const pts = [];
      for (let e = 0; e < 4; ++e) {
        const [p, q] = [corners[e], corners[(e + 1) % 4]];
        if ((at(p[0], p[1]) >= level) !== (at(q[0], q[1]) >= level)) pts.push(cross(p[0], p[1], q[0], q[1]));
      }
      if (pts.length === 2) out.push(pts);
      else if (pts.length === 4) out.push([pts[0], pts[1]], [pts[2], pts[3]]);
    }
  return out;
}

export class LandscapeView {
  /**
   * @param {Function} t the instance's translator
   * @param {{onChange: (patch: object) => void, onCompute: (args: {resolution, span, seed}) => void}} hooks
   */
  constructor(t, { onChange, onCompute }) {
    this.t = t;
    this.onCompute = onCompute;
    this.spanSelect = h('select', {
      class: 'np-select', 'data-testid': 'landscape-span',
      on: { change: () => onChange({ landscapeSpan: Number(this.spanSelect.value) }) },
    });
    this.seedInput = h('input', {
      class: 'np-input np-num', type: 'number', min: '0', step: '1', 'data-testid': 'landscape-seed',
      on: { change: () => { const v = Math.round(Number(this.seedInput.value)); if (Number.isFinite(v) && v >= 0) onChange({ landscapeSeed: v }); } },
    });
    this.button = h('button', { class: 'np-button np-button-primary', type: 'button', 'data-action': 'landscape', text: t('inside.land.compute'), on: { click: () => this.compute() } });
    const field = (label, input) => h('label', { class: 'np-field' }, h('span', { class: 'np-field-label', text: label }), input);
    this.canvas = h('canvas', { class: 'np-inside-canvas', 'data-testid': 'landscape-canvas' });
    this.figure = h('div', { class: 'np-inside-figure np-land-figure', role: 'img', 'aria-label': t('inside.land.title') }, this.canvas);
    this.status = h('p', { class: 'np-help np-inside-note', 'data-testid': 'landscape-status', text: t('inside.land.none') });
    this.legend = h('canvas', { class: 'np-land-legend', 'aria-hidden': 'true' });
    this.legendText = h('div', { class: 'np-legend-ticks' });
    this.el = h('div', { class: 'np-inside-view' },
      h('div', { class: 'np-inside-side' },
        h('p', { class: 'np-help', text: t('inside.land.help') }),
        h('div', { class: 'np-inside-controls' }, field(t('inside.land.span'), this.spanSelect), field(t('inside.land.seed'), this.seedInput), this.button),
        this.status,
        h('p', { class: 'np-note', text: t('inside.land.caveat') })),
      h('div', { class: 'np-land-plot' }, this.figure, this.legend, this.legendText));
    this.surface = null;
    this.busy = false;
  }

  setState(state) {
    const changed = this.state && (this.state.landscapeSpan !== state.landscapeSpan || this.state.landscapeSeed !== state.landscapeSeed);
    this.state = state;
    const spans = SPANS.includes(state.landscapeSpan) ? SPANS : [...SPANS, state.landscapeSpan].sort((a, b) => a - b);
    this.spanSelect.replaceChildren(...spans.map((s) => h('option', { value: String(s), text: `±${s}`, selected: s === state.landscapeSpan })));
    if (document.activeElement !== this.seedInput) this.seedInput.value = String(state.landscapeSeed);
    if (changed && this.surface) this.compute();
  }

  /** Shows another view's slice (a rebuilt panel, same run). */
  adopt(other) {
    if (other.surface) this.show(other.surface);
  }

  /** A new model (another run): the old slice no longer applies. */
  setModel() {
    this.surface = null;
    if (this.busy) this.again = true;  // the one in flight is for the old model
    this.staleRun = true;
    setText(this.status, this.t('inside.land.none'));
    this.draw();
  }

  /** Asks the worker for a slice with the state's span and seed (once the one in flight is back, if any). */
  compute() {
    if (!this.state) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.again = false;
    this.busy = true;
    this.button.disabled = true;
    setText(this.status, this.t('inside.land.computing'));
    this.onCompute({ resolution: RESOLUTION, span: this.state.landscapeSpan, seed: this.state.landscapeSeed });
  }

  /** Computes once when shown without a slice for this run. */
  shown() {
    if (!this.surface && !this.busy) this.compute();
    else this.draw();
  }

  /** An answer for a model that is gone: ask again for the current one, if one was asked for meanwhile. */
  discard() {
    this.busy = false;
    this.button.disabled = false;
    if (this.again) this.compute();
  }

  /** The worker's 'lossSurface' answer. */
  show(m) {
    this.busy = false;
    this.button.disabled = false;
    if (this.again) {
      this.compute();  // the span or seed changed while this one was computed
      return;
    }
    this.button.textContent = this.t('inside.land.recompute');
    this.surface = m;
    this.staleRun = false;
    this.updateStatus(m.epoch);
    this.draw();
  }

  /** Failed in the worker (e.g. no training data): say so, let the learner try again. */
  failed(message) {
    this.again = false;
    this.busy = false;
    this.button.disabled = false;
    setText(this.status, message);
  }

  /** Status text: when and how fast it was computed; stale once training moved on. */
  updateStatus(epoch) {
    const m = this.surface;
    if (!m) return;
    const t = this.t;
    let off = 0;
    for (const v of m.path.offSlice) off += v;
    off = m.path.offSlice.length > 1 ? off / (m.path.offSlice.length - 1) : 0;  // the last point is θ itself
    const parts = [t('inside.land.status', { epoch: m.epoch, ms: Math.round(m.ms), n: m.resolution, points: m.points, params: m.params })];
    if (m.path.alphas.length > 1) parts.push(t('inside.land.offSlice', { pct: Math.round(off * 100) }));
    if (epoch !== undefined && epoch !== m.epoch) parts.push(t('inside.land.stale', { epoch }));
    setText(this.status, parts.join(' '));
  }

  /** Each frame's epoch: the slice says when it is out of date. */
  frame(epoch) {
    if (this.surface && epoch !== this.lastEpoch) {
      this.lastEpoch = epoch;
      this.updateStatus(epoch);
    }
  }

  draw() {
    const w = this.figure.clientWidth;
    if (!w) return;
    const ctx = fitCanvas(this.canvas, w, w);
    const m = this.surface;
    if (!m) {
      ctx.fillStyle = '#f6f8fa';
      ctx.fillRect(PAD.left, PAD.top, w - PAD.left - PAD.right, w - PAD.top - PAD.bottom);
      return;
    }
    const res = m.resolution;
    // colours on log(loss), which spans decades around a minimum
    const logs = new Float32Array(m.loss.length);
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < logs.length; ++i) {
      const v = Math.log10(Math.max(m.loss[i], 1e-12));
      logs[i] = Number.isFinite(v) ? v : 12;
      lo = Math.min(lo, logs[i]);
      hi = Math.max(hi, logs[i]);
    }
    if (!(hi > lo)) hi = lo + 1;
    const image = document.createElement('canvas');
    image.width = res;
    image.height = res;
    const ictx = image.getContext('2d');
    const px = ictx.createImageData(res, res);
    for (let b = 0; b < res; ++b)
      for (let a = 0; a < res; ++a) {
        const c = viridis((logs[b * res + a] - lo) / (hi - lo));
        const o = ((res - 1 - b) * res + a) * 4;  // beta grows upwards
        px.data[o] = c[0];
        px.data[o + 1] = c[1];
        px.data[o + 2] = c[2];
        px.data[o + 3] = 255;
      }
    ictx.putImageData(px, 0, 0);
    const W = w - PAD.left - PAD.right, H = w - PAD.top - PAD.bottom;
    const span = m.span;
    const X = (alpha) => PAD.left + ((alpha + span) / (2 * span)) * W;
    const Y = (beta) => PAD.top + (1 - (beta + span) / (2 * span)) * H;
    ctx.imageSmoothingEnabled = true;
    // cell centres sit at the grid's values: stretch the image half a cell past them
    const cell = W / (res - 1);
    ctx.save();
    ctx.beginPath();
    ctx.rect(PAD.left, PAD.top, W, H);
    ctx.clip();
    ctx.drawImage(image, PAD.left - cell / 2, PAD.top - cell / 2, W + cell, H + cell);
    // contours
    const G = (ga, gb) => [PAD.left + (ga / (res - 1)) * W, PAD.top + (1 - gb / (res - 1)) * H];
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.55)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let k = 1; k < LEVELS; ++k) {
      for (const [p, q] of contour(logs, res, lo + ((hi - lo) * k) / LEVELS)) {
        const a = G(...p), b = G(...q);
        ctx.moveTo(a[0], a[1]);
        ctx.lineTo(b[0], b[1]);
      }
    }
    ctx.stroke();
    // the path, then its start and "now"
    const pa = m.path.alphas, pb = m.path.betas;
    if (pa.length > 1) {
      for (const [color, width] of [['rgba(32,33,36,0.8)', 4], ['#ffffff', 2]]) {
        ctx.strokeStyle = color;
        ctx.lineWidth = width;
        ctx.beginPath();
        for (let i = 0; i < pa.length; ++i) (i ? ctx.lineTo(X(pa[i]), Y(pb[i])) : ctx.moveTo(X(pa[i]), Y(pb[i])));
        ctx.stroke();
      }
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(X(pa[0]), Y(pb[0]), 4.5, 0, 2 * Math.PI);
      ctx.stroke();
    }
    const now = pa.length ? [pa[pa.length - 1], pb[pb.length - 1]] : [0, 0];
    ctx.fillStyle = '#d93025';
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(X(now[0]), Y(now[1]), 5.5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    ctx.restore();
    // axes
    ctx.fillStyle = '#5f6368';
    ctx.font = `10px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of ticks(-span, span, 4)) ctx.fillText(fmt(v, 2), X(v), w - PAD.bottom + 3);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of ticks(-span, span, 4)) ctx.fillText(fmt(v, 2), PAD.left - 3, Y(v));
    ctx.font = `italic 13px Georgia, serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'alphabetic';
    ctx.fillText('α', PAD.left + W / 2, w - 3);
    ctx.fillText('β', 10, PAD.top + H / 2);
    this.drawLegend(lo, hi);
  }

  drawLegend(lo, hi) {
    const w = this.figure.clientWidth - PAD.left - PAD.right;
    const ctx = fitCanvas(this.legend, w, 10);
    for (let x = 0; x < w; ++x) {
      const c = viridis(x / (w - 1));
      ctx.fillStyle = `rgb(${c[0] | 0},${c[1] | 0},${c[2] | 0})`;
      ctx.fillRect(x, 0, 1, 10);
    }
    this.legendText.replaceChildren(h('span', { text: fmt(10 ** lo, 3) }), h('span', { text: this.t('inside.land.legend') }), h('span', { text: fmt(10 ** hi, 3) }));
  }

  /** The text alternative: the loss now, the slice's lowest and highest, where the path starts. */
  describe() {
    const t = this.t, m = this.surface;
    if (!m) return t('inside.land.title');
    const res = m.resolution, mid = (res - 1) / 2;
    let min = 0, max = 0;
    for (let i = 0; i < m.loss.length; ++i) {
      if (m.loss[i] < m.loss[min]) min = i;
      if (m.loss[i] > m.loss[max]) max = i;
    }
    const at = (i) => `(${fmt(m.alphas[i % res], 2)}, ${fmt(m.betas[Math.floor(i / res)], 2)})`;
    const parts = [t('inside.land.describe', {
      epoch: m.epoch, now: fmt(m.loss[mid * res + mid], 3), min: fmt(m.loss[min], 3), minAt: at(min), max: fmt(m.loss[max], 3),
    })];
    if (m.path.alphas.length > 1)
      parts.push(t('inside.land.describePath', { n: m.path.alphas.length, start: `(${fmt(m.path.alphas[0], 2)}, ${fmt(m.path.betas[0], 2)})` }));
    return parts.join(' ');
  }
}
