// The output plot: the model's prediction over the input plane as a heat map
// (a 100x100 ImageData scaled up by CSS), the data points on a canvas above it,
// and the mouse/keyboard editing of points. It only draws what it is given.

import { h, setText } from '../dom.js';
import { CLASS_COLORS, WHITE, mix, diverging, labelColor, rgb } from '../colors.js';
import { DOMAIN, GRID_RES, toPixel, toPlane } from '../plane.js';
import { Lifetime } from '../lifetime.js';

const LUT_SIZE = 256;

// Colour tables: value -> rgb, so a frame is one table lookup per cell.
function lut(fn) {
  const table = new Uint8ClampedArray(LUT_SIZE * 3);
  for (let i = 0; i < LUT_SIZE; ++i) {
    const c = fn(i / (LUT_SIZE - 1));
    table.set([c[0], c[1], c[2]], i * 3);
  }
  return table;
}
// Binary: u = p(class 1) in [0, 1]; white at 0.5.
const BINARY = lut((u) => {
  const s = 2 * u - 1;
  return mix(WHITE, s < 0 ? CLASS_COLORS[0] : CLASS_COLORS[1], Math.abs(s) * 0.62);
});
// Diverging for regression, and for neuron activations (orange < 0 < blue, like the links).
const REGRESSION = lut((u) => diverging(2 * u - 1));
const ACTIVATION = BINARY;
/** Orange (< 0) - white - blue (> 0) over u = (v + 1) / 2, for neuron maps. */
export const ACTIVATION_LUT = ACTIVATION;
export const LUT_LEN = LUT_SIZE;
// Multi-class: one table per class over confidence 0..1.
const MULTI = CLASS_COLORS.map((c) => lut((u) => mix(WHITE, c, 0.08 + 0.6 * u)));

const clamp01 = (v) => (v < 0 ? 0 : v > 1 ? 1 : v);

/**
 * Draws a set of points ({x [n, 2], y [n], n}) coloured by label on a canvas
 * of w x hgt CSS px. mark: null (as usual), 'dim' (all faded), or a mask:
 * faded except the masked points; ring: draw only the masked points, ringed;
 * outline: the width of each point's outline.
 */
export function drawPointSet(ctx, set, w, hgt, { regression = false, test = false, mark = null, ring = false, radius = null, outline = 1 } = {}) {
  const r = radius ?? (set.n > 1500 ? 2.5 : 3.5);
  ctx.lineWidth = test ? 1.4 * outline : outline;
  // regression values near 0 are near white: outline every point then
  ctx.strokeStyle = test ? '#202124' : regression ? 'rgba(32, 33, 36, 0.45)' : '#ffffff';
  for (let i = 0; i < set.n; ++i) {
    const on = mark !== null && mark !== 'dim' && mark[i] === 1;
    if (ring && !on) continue;
    const [x, y] = toPixel(set.x[2 * i], set.x[2 * i + 1], w, hgt);
    ctx.globalAlpha = mark !== null && !on ? 0.22 : 1;
    ctx.fillStyle = rgb(labelColor(regression ? set.y[i] : Math.round(set.y[i]), regression));
    ctx.beginPath();
    ctx.arc(x, y, ring ? r + 1 : r, 0, 2 * Math.PI);
    ctx.fill();
    if (ring) {
      ctx.save();
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = '#202124';
      ctx.stroke();
      ctx.restore();
    } else ctx.stroke();
  }
  ctx.globalAlpha = 1;
}

/**
 * Colours n cells of RGBA pixels `px` from a [n, outDim] grid of outputs (see
 * Heatmap.drawGrid); also used by the small plots of the compare panel.
 */
export function paintGrid(px, n, grid, outDim, kind, { discretize = false, shift = 0, scale = 1 } = {}) {
  if (kind === 'multi') {
    for (let i = 0; i < n; ++i) {
      let best = 0, pmax = grid[i * outDim];
      for (let k = 1; k < outDim; ++k) {
        const p = grid[i * outDim + k];
        if (p > pmax) { pmax = p; best = k; }
      }
      const conf = discretize ? 0.7 : clamp01((pmax - 1 / outDim) / (1 - 1 / outDim));
      const table = MULTI[best % MULTI.length];
      const j = ((conf * (LUT_SIZE - 1)) | 0) * 3;
      px[i * 4] = table[j]; px[i * 4 + 1] = table[j + 1]; px[i * 4 + 2] = table[j + 2]; px[i * 4 + 3] = 255;
    }
  } else {
    const table = kind === 'binary' ? BINARY : kind === 'regression' ? REGRESSION : ACTIVATION;
    for (let i = 0; i < n; ++i) {
      let u;
      const v = grid[i * outDim];
      if (kind === 'binary') u = discretize ? (v >= 0.5 ? 0.85 : 0.15) : v;
      else if (kind === 'regression') u = discretize ? (Math.round(Math.max(-1, Math.min(1, v)) * 4) / 4 + 1) / 2 : (v + 1) / 2;
      else u = ((v + shift) * scale + 1) / 2;
      const j = ((clamp01(u) * (LUT_SIZE - 1)) | 0) * 3;
      px[i * 4] = table[j]; px[i * 4 + 1] = table[j + 1]; px[i * 4 + 2] = table[j + 2]; px[i * 4 + 3] = 255;
    }
  }
}

export class Heatmap {
  /**
   * @param {Function} t the instance's translator
   * @param {object} o
   * @param {(x1: number, x2: number, other: boolean) => void} o.onAdd
   * @param {(x1: number, x2: number) => void} o.onRemove
   * @param {(p: {x1: number, x2: number}) => void} [o.onHover] the point under the mouse
   */
  constructor(t, { onAdd, onRemove, onHover = () => {} }) {
    this.onAdd = onAdd;
    this.onRemove = onRemove;
    this.res = GRID_RES;
    this.heat = h('canvas', { class: 'np-plot-heat', width: this.res, height: this.res });
    this.points = h('canvas', { class: 'np-plot-points' });
    this.badge = h('div', { class: 'np-plot-badge', hidden: true });
    this.plot = h('div', {
      class: 'np-plot', tabindex: '0', role: 'img', 'aria-label': t('output.heatmapLabel'),
      on: {
        click: (e) => this.click(e),
        contextmenu: (e) => this.contextmenu(e),
        mousemove: (e) => { this.hover = this.toData(e); onHover(this.hover); },
        mouseleave: () => { this.hover = null; },
        keydown: (e) => this.key(e),
      },
    }, this.heat, this.points, this.badge);
    const ticks = [-DOMAIN, -DOMAIN / 2, 0, DOMAIN / 2, DOMAIN];
    this.el = h('div', { class: 'np-plot-frame', 'data-control': 'edit-data', 'data-control-lock': '' },
      h('div', { class: 'np-axis np-axis-y', 'aria-hidden': 'true' }, ticks.slice().reverse().map((v) => h('span', { text: String(v) }))),
      this.plot,
      h('div', { class: 'np-axis np-axis-x', 'aria-hidden': 'true' }, ticks.map((v) => h('span', { text: String(v) }))));
    this.ctx = this.heat.getContext('2d');
    this.image = this.ctx.createImageData(this.res, this.res);
    this.data = null;
    this.showTest = false;
    this.highlight = null;  // {set: 'train' | 'test', mask: Uint8Array}: those points stand out
    this.hover = null;
    this.life = new Lifetime();
    this.life.observe(new ResizeObserver(() => this.drawPoints()), this.plot);
  }

  /** Lets go of the observers (the view is rebuilt or removed). */
  destroy() {
    this.life.end();
  }

  // ---- coordinates ----
  toData(e) {
    const r = this.plot.getBoundingClientRect();
    const [x1, x2] = toPlane(e.clientX - r.left, e.clientY - r.top, r.width, r.height);
    return { x1, x2 };
  }

  /** The plot's text alternative (screen readers). */
  describe(text) {
    this.plot.setAttribute('aria-label', text);
  }

  click(e) {
    if (e.button !== 0) return;
    const p = this.toData(e);
    this.onAdd(p.x1, p.x2, e.shiftKey);
  }

  contextmenu(e) {
    e.preventDefault();
    const p = this.toData(e);
    this.onRemove(p.x1, p.x2);
  }

  key(e) {
    if ((e.key === 'Delete' || e.key === 'Backspace') && this.hover) {
      e.preventDefault();
      this.onRemove(this.hover.x1, this.hover.x2);
    }
  }

  // ---- the heat map ----
  /**
   * Draws a [res*res, outDim] grid of outputs (row 0 at the top).
   * kind: 'binary' | 'multi' | 'regression' | 'activation'; for 'activation',
   * values v are coloured at (v + shift) * scale in [-1, 1].
   */
  drawGrid(grid, outDim, kind, options) {
    paintGrid(this.image.data, this.res * this.res, grid, outDim, kind, options);
    this.ctx.putImageData(this.image, 0, 0);
  }

  /** A caption over the plot (e.g. which neuron is shown), or null. */
  setBadge(text) {
    this.badge.hidden = !text;
    setText(this.badge, text || '');
  }

  // ---- the points ----
  setData(data) {
    this.data = data;
    this.drawPoints();
  }

  /**
   * Makes some points stand out (ringed, the others faded): mask[i] = 1 for
   * point i of the training or test set (the confusion matrix's hovered cell).
   * null: all points as usual.
   */
  setHighlight(highlight) {
    this.highlight = highlight;
    this.drawPoints();
  }

  setShowTest(show) {
    if (this.showTest === show) return;
    this.showTest = show;
    this.drawPoints();
  }

  drawPoints() {
    const canvas = this.points;
    const w = this.plot.clientWidth, hgt = this.plot.clientHeight;
    if (!w || !hgt) return;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(hgt * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(hgt * dpr);
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, hgt);
    if (!this.data) return;
    const hl = this.highlight;
    const mark = (name) => (!hl ? null : hl.set === name && hl.mask.length === this.data[name].n ? hl.mask : 'dim');
    this.drawSet(ctx, this.data.train, w, hgt, false, mark('train'));
    if (this.showTest || (hl && hl.set === 'test')) this.drawSet(ctx, this.data.test, w, hgt, true, mark('test'));
    if (hl) {
      // the highlighted points on top, ringed
      const set = this.data[hl.set];
      if (hl.mask.length === set.n) this.drawSet(ctx, set, w, hgt, hl.set === 'test', hl.mask, true);
    }
  }

  drawSet(ctx, set, w, hgt, test, mark = null, ring = false) {
    drawPointSet(ctx, set, w, hgt, { regression: this.data.regression, test, mark, ring });
  }

  /** The plot as a PNG blob (heat map + points), `size` pixels square. */
  toPng(size = 600) {
    const c = document.createElement('canvas');
    c.width = size;
    c.height = size;
    const ctx = c.getContext('2d');
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(this.heat, 0, 0, size, size);
    ctx.drawImage(this.points, 0, 0, size, size);
    return new Promise((resolve) => c.toBlob(resolve, 'image/png'));
  }
}
