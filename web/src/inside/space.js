// The hidden layer's own space: every training point at its activations
// (a_i^[l], a_j^[l]) of two neurons, or three in a rotatable 3-D view, with the
// image of a regular grid of the input plane (the plane as the layers bend and
// fold it) and, for the last hidden layer of a binary classifier, the output's
// decision line (plane in 3-D), along which the output layer separates the
// classes. The worker computes the points, the grid's image and the line in the
// engine each frame (InsideProbe, model.inspect); this view only draws them.

import { h, fmt, setText } from '../dom.js';
import { CLASS_COLORS, labelColor } from '../colors.js';
import { fitCanvas, drawSymbol, neuronSymbol, ticks, DotLayer, FONT } from './draw.js';
import { sym } from '../teach/math.js';

const PAD = { left: 40, right: 10, top: 10, bottom: 30 };
const H_LINE = 'rgba(95, 99, 104, 0.55)';   // images of the horizontal input lines (x2 fixed)
const V_LINE = 'rgba(26, 115, 232, 0.38)';  // ... of the vertical ones (x1 fixed)
// Activations with a fixed range get fixed axes; the others follow the data.
const FIXED_RANGE = { tanh: [-1, 1], sigmoid: [0, 1] };

/** Clips polygon `poly` ([[x, y], ...]) to the half-plane w . p + c >= 0. */
function clipHalfPlane(poly, w0, w1, c) {
  const out = [];
  const side = (p) => w0 * p[0] + w1 * p[1] + c;
  for (let i = 0; i < poly.length; ++i) {
    const a = poly[i], b = poly[(i + 1) % poly.length];
    const sa = side(a), sb = side(b);
    if (sa >= 0) out.push(a);
    if ((sa >= 0) !== (sb >= 0)) {
      const u = sa / (sa - sb);
      out.push([a[0] + u * (b[0] - a[0]), a[1] + u * (b[1] - a[1])]);
    }
  }
  return out;
}

/** Where the line w0 x + w1 y + c = 0 crosses the box rx x ry: its two ends, or fewer points. */
function lineInBox(w0, w1, c, rx, ry) {
  const out = [];
  const add = (x, y) => {
    if (x >= rx[0] - 1e-9 && x <= rx[1] + 1e-9 && y >= ry[0] - 1e-9 && y <= ry[1] + 1e-9 &&
        !out.some((p) => Math.abs(p[0] - x) < 1e-9 && Math.abs(p[1] - y) < 1e-9)) out.push([x, y]);
  };
  if (w1 !== 0) for (const x of rx) add(x, -(w0 * x + c) / w1);
  if (w0 !== 0) for (const y of ry) add(-(w1 * y + c) / w0, y);
  return out;
}

export class SpaceView {
  /**
   * @param {Function} t the instance's translator
   * @param {{onChange: (patch: object) => void, onRedraw?: () => void}} hooks
   *   onChange: a state patch (spaceLayer, spaceNeurons) when the learner picks
   */
  constructor(t, { onChange }) {
    this.t = t;
    this.onChange = onChange;
    this.layerSelect = h('select', { class: 'np-select', 'data-testid': 'space-layer', on: { change: () => this.pick() } });
    this.axisSelects = [0, 1, 2].map((k) => h('select', { class: 'np-select', 'data-testid': `space-neuron-${k}`, on: { change: () => this.pick() } }));
    const field = (label, select) => h('label', { class: 'np-field' }, h('span', { class: 'np-field-label', text: label }), select);
    this.canvas = h('canvas', { class: 'np-inside-canvas', 'data-testid': 'space-canvas' });
    this.dotCanvas = h('canvas', { class: 'np-inside-canvas np-inside-dots', 'aria-hidden': 'true' });
    this.dotLayer = new DotLayer(this.dotCanvas);
    this.figure = h('div', {
      class: 'np-inside-figure np-space-figure', role: 'img', tabindex: '0', 'aria-label': t('inside.space.title'),
      on: { keydown: (e) => this.key(e) },
    }, this.canvas, this.dotCanvas);
    this.note = h('p', { class: 'np-help np-inside-note', 'data-testid': 'space-note' });
    this.hint3d = h('p', { class: 'np-help', text: t('inside.space.rotate'), hidden: true });
    this.el = h('div', { class: 'np-inside-view' },
      h('div', { class: 'np-inside-side' },
        h('p', { class: 'np-help' }, ...withSymbol(t('inside.space.help'), sym('a', { sup: '[l]' }))),
        h('div', { class: 'np-inside-controls' },
          field(t('inside.space.layer'), this.layerSelect),
          field(t('inside.space.axisX'), this.axisSelects[0]),
          field(t('inside.space.axisY'), this.axisSelects[1]),
          field(t('inside.space.axisZ'), this.axisSelects[2])),
        this.note, this.hint3d),
      this.figure);
    this.yaw = -0.6;
    this.pitch = 0.35;
    this.canvas.addEventListener('pointerdown', (e) => this.drag(e));
    this.layers = [];
    this.labels = null;
    this.space = null;
    this.range = null;
  }

  /** Keeps another view's angle and axes (a rebuilt panel). */
  adopt(other) {
    Object.assign(this, { yaw: other.yaw, pitch: other.pitch, range: other.range, rangeKey: other.rangeKey, space: other.space });
  }

  // ---- what to show ----
  /** The hidden layers ({units, activation}) and the output of a new model. */
  setModel(model) {
    this.model = model;
    this.layers = model.layers;
    this.range = null;
    this.space = null;
    this.fillLayers();
  }

  /** The training points' labels (the frame's points are in the same order). */
  setData(m) {
    this.labels = m.train.y;
    this.regression = m.regression;
  }

  setState(state) {
    this.state = state;
    this.fillLayers();
  }

  /** The hidden layer (0-based) and neurons (0-based, distinct, 2 or 3) the state asks for, or null. */
  choice() {
    const L = this.layers.length;
    if (!this.state || L === 0) return null;
    const l = this.state.spaceLayer === 0 ? L - 1 : Math.min(L, this.state.spaceLayer) - 1;
    const units = this.layers[l].units;
    if (units < 2) return { layer: l, neurons: null };
    const neurons = [];
    for (const n of this.state.spaceNeurons) {
      const j = Math.min(units, n) - 1;
      if (!neurons.includes(j)) neurons.push(j);
    }
    for (let j = 0; neurons.length < 2; ++j) if (!neurons.includes(j)) neurons.push(j);
    return { layer: l, neurons: neurons.slice(0, units >= 3 ? 3 : 2) };
  }

  fillLayers() {
    const t = this.t;
    const c = this.choice();
    if (!c) {
      this.layerSelect.replaceChildren();
      for (const s of this.axisSelects) s.replaceChildren();
      return;
    }
    const option = (value, text, selected) => h('option', { value: String(value), text, selected });
    this.layerSelect.replaceChildren(...this.layers.map((l, i) => option(i + 1, t('inside.space.layerOption', { l: i + 1 }), i === c.layer)));
    const units = this.layers[c.layer].units;
    const neurons = c.neurons || [];
    this.axisSelects.forEach((s, k) => {
      const items = [];
      if (k === 2) items.push(option(0, t('inside.space.none'), neurons.length < 3));
      for (let j = 0; j < units; ++j) items.push(option(j + 1, t('inside.space.neuronOption', { j: j + 1 }), neurons[k] === j));
      s.replaceChildren(...items);
      s.disabled = units < 2 || (k === 2 && units < 3);
    });
    this.hint3d.hidden = neurons.length < 3;
  }

  pick() {
    const l = Number(this.layerSelect.value);
    const L = this.layers.length;
    const neurons = this.axisSelects.map((s) => Number(s.value)).filter((v) => v > 0);
    this.onChange({ spaceLayer: l === L ? 0 : l, spaceNeurons: neurons.length >= 2 ? neurons : [1, 2] });
  }

  // ---- drawing ----
  /** A frame's space ({points, image, k, line, lineExact, layer, neurons}) or null. */
  frame(space) {
    this.space = space;
    this.draw();
  }

  draw() {
    const t = this.t;
    const w = this.figure.clientWidth;
    if (!w) return;
    const ctx = fitCanvas(this.canvas, w, w);
    const c = this.choice();
    const s = this.space;
    if (!c || !c.neurons || !s || !this.labels) {
      const text = !this.layers.length ? t('inside.space.noLayer') : c && !c.neurons ? t('inside.space.oneUnit') : t('inside.waiting');
      setText(this.note, text);
      this.dotLayer.draw(w, w, new Float32Array(0), null, null);
      ctx.fillStyle = '#5f6368';
      ctx.font = `13px ${FONT}`;
      ctx.textAlign = 'center';
      ctx.fillText(text, w / 2, w / 2, w - 20);
      return;
    }
    const k = s.k;
    this.updateRange(s, k);
    if (k === 3) this.draw3d(ctx, w, s);
    else this.draw2d(ctx, w, s);
    const last = s.layer === this.layers.length - 1;
    const line = k === 3 ? (s.lineExact ? t('inside.space.planeExact') : t('inside.space.planeMean'))
      : s.lineExact ? t('inside.space.lineExact') : t('inside.space.lineMean');
    setText(this.note, s.line ? line : last && !this.regression && this.model.classes <= 2 ? '' : t('inside.space.noLine'));
  }

  /** Axis ranges: fixed for tanh/sigmoid, else following the data (growing at once, shrinking slowly). */
  updateRange(s, k) {
    const activation = this.layers[s.layer].activation;
    const fixed = FIXED_RANGE[activation];
    const target = [];
    for (let d = 0; d < k; ++d) {
      if (fixed) {
        const m = (fixed[1] - fixed[0]) * 0.06;
        target.push([fixed[0] - m, fixed[1] + m]);
        continue;
      }
      let lo = Infinity, hi = -Infinity;
      for (const arr of [s.points, s.image]) {
        for (let i = d; i < arr.length; i += k) {
          const v = arr[i];
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
      if (!(hi > lo)) { lo -= 1; hi += 1; }
      const m = (hi - lo) * 0.06;
      target.push([lo - m, hi + m]);
    }
    const key = `${s.layer}/${s.neurons.join(',')}/${activation}`;
    if (!this.range || this.rangeKey !== key || this.range.length !== k) {
      this.range = target;
      this.rangeKey = key;
      return;
    }
    this.range = this.range.map(([lo, hi], d) => {
      const [tl, th] = target[d];
      return [tl < lo ? tl : lo + (tl - lo) * 0.08, th > hi ? th : hi + (th - hi) * 0.08];
    });
  }

  draw2d(ctx, w, s) {
    const [rx, ry] = this.range;
    const W = w - PAD.left - PAD.right, H = w - PAD.top - PAD.bottom;
    const X = (v) => PAD.left + ((v - rx[0]) / (rx[1] - rx[0])) * W;
    const Y = (v) => PAD.top + (1 - (v - ry[0]) / (ry[1] - ry[0])) * H;
    ctx.save();
    ctx.beginPath();
    ctx.rect(PAD.left, PAD.top, W, H);
    ctx.clip();
    // the output's two sides, then its decision line
    if (s.line) {
      const [w0, w1, c] = s.line;
      const box = [[rx[0], ry[0]], [rx[1], ry[0]], [rx[1], ry[1]], [rx[0], ry[1]]];
      for (const [sign, color] of [[1, CLASS_COLORS[1]], [-1, CLASS_COLORS[0]]]) {
        const poly = clipHalfPlane(box, sign * w0, sign * w1, sign * c);
        if (poly.length < 3) continue;
        ctx.fillStyle = `rgba(${color[0]},${color[1]},${color[2]},0.13)`;
        ctx.beginPath();
        poly.forEach((p, i) => (i ? ctx.lineTo(X(p[0]), Y(p[1])) : ctx.moveTo(X(p[0]), Y(p[1]))));
        ctx.fill();
      }
    }
    this.drawImage(ctx, s, (i) => [X(s.image[i * 2]), Y(s.image[i * 2 + 1])]);
    if (s.line) {
      const [w0, w1, c] = s.line;
      const ends = lineInBox(w0, w1, c, rx, ry);
      if (ends.length >= 2) {
        ctx.strokeStyle = '#202124';
        ctx.lineWidth = 2;
        ctx.setLineDash([6, 4]);
        ctx.beginPath();
        ctx.moveTo(X(ends[0][0]), Y(ends[0][1]));
        ctx.lineTo(X(ends[1][0]), Y(ends[1][1]));
        ctx.stroke();
        ctx.setLineDash([]);
      }
    }
    const n = Math.min(this.labels.length, s.points.length / 2);
    const at = new Float32Array(2 * n);
    for (let i = 0; i < n; ++i) {
      at[2 * i] = X(s.points[2 * i]);
      at[2 * i + 1] = Y(s.points[2 * i + 1]);
    }
    ctx.restore();
    this.dots(at, null);
    this.axes2d(ctx, w, rx, ry, X, Y, s);
  }

  /**
   * The image of the input grid: `lines` horizontal then `lines` vertical
   * polylines, stroked in four batches (each direction: its lines, its axis).
   */
  drawImage(ctx, s, at) {
    const lines = s.lines, samples = s.image.length / s.k / (2 * lines);
    for (let group = 0; group < 2; ++group) {
      for (const axis of [false, true]) {
        ctx.strokeStyle = group === 0 ? H_LINE : V_LINE;
        ctx.lineWidth = axis ? 1.8 : 0.8;
        ctx.beginPath();
        for (let l = 0; l < lines; ++l) {
          if ((l === (lines - 1) / 2) !== axis) continue;  // the middle lines are the input plane's axes
          for (let p = 0; p < samples; ++p) {
            const [x, y] = at((group * lines + l) * samples + p);
            if (p) ctx.lineTo(x, y);
            else ctx.moveTo(x, y);
          }
        }
        ctx.stroke();
      }
    }
  }

  /** The points at pixel positions `at` ([x0, y0, ...]), in `order` (back to front) or as they come. */
  dots(at, order) {
    const w = this.figure.clientWidth;
    // regression values in 17 shades: a sprite each
    const value = (i) => (this.regression ? Math.round(Math.max(-1, Math.min(1, this.labels[i])) * 8) / 8 : Math.round(this.labels[i]));
    this.dotLayer.draw(w, w, at, order, (i) => labelColor(value(i), this.regression));
  }

  axes2d(ctx, w, rx, ry, X, Y, s) {
    ctx.strokeStyle = '#c4c9d0';
    ctx.lineWidth = 1;
    ctx.strokeRect(PAD.left + 0.5, PAD.top + 0.5, w - PAD.left - PAD.right - 1, w - PAD.top - PAD.bottom - 1);
    ctx.fillStyle = '#5f6368';
    ctx.font = `10px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of ticks(rx[0], rx[1], 4)) ctx.fillText(fmt(v, 2), X(v), w - PAD.bottom + 3);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of ticks(ry[0], ry[1], 4)) ctx.fillText(fmt(v, 2), PAD.left - 3, Y(v));
    const l = s.layer + 1;
    drawSymbol(ctx, PAD.left + (w - PAD.left - PAD.right) / 2, w - 3, neuronSymbol(l, s.neurons[0] + 1), { align: 'center', size: 13 });
    ctx.save();
    ctx.translate(12, PAD.top + (w - PAD.top - PAD.bottom) / 2);
    ctx.rotate(-Math.PI / 2);
    drawSymbol(ctx, 0, 0, neuronSymbol(l, s.neurons[1] + 1), { align: 'center', size: 13 });
    ctx.restore();
  }

  // ---- 3-D: orthographic with a little perspective, rotated by dragging ----
  project(w) {
    const cy = Math.cos(this.yaw), sy = Math.sin(this.yaw), cp = Math.cos(this.pitch), sp = Math.sin(this.pitch);
    const r = this.range, scale = w * 0.24;  // the box's corners stay inside the canvas at any angle
    return (a, b, c) => {
      // to [-1, 1]^3, then rotate about the vertical axis (yaw) and the horizontal one (pitch)
      const x = (2 * (a - r[0][0])) / (r[0][1] - r[0][0]) - 1;
      const y = (2 * (b - r[1][0])) / (r[1][1] - r[1][0]) - 1;
      const z = (2 * (c - r[2][0])) / (r[2][1] - r[2][0]) - 1;
      const x1 = cy * x + sy * z, z1 = -sy * x + cy * z;
      const y2 = cp * y - sp * z1, z2 = sp * y + cp * z1;
      const f = 6 / (6 + z2);
      return [w / 2 + x1 * scale * f, w / 2 - y2 * scale * f, z2];
    };
  }

  draw3d(ctx, w, s) {
    const P = this.project(w);
    const r = this.range;
    const corner = (i) => [r[0][i & 1], r[1][(i >> 1) & 1], r[2][(i >> 2) & 1]];
    // the box
    ctx.strokeStyle = '#d5d9df';
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let i = 0; i < 8; ++i)
      for (const bit of [1, 2, 4]) {
        if (i & bit) continue;
        const a = P(...corner(i)), b = P(...corner(i | bit));
        ctx.moveTo(a[0], a[1]);
        ctx.lineTo(b[0], b[1]);
      }
    ctx.stroke();
    // the decision plane: its polygon inside the box
    if (s.line) {
      const [w0, w1, w2, c] = s.line;
      const f = (p) => w0 * p[0] + w1 * p[1] + w2 * p[2] + c;
      const pts = [];
      for (let i = 0; i < 8; ++i)
        for (const bit of [1, 2, 4]) {
          if (i & bit) continue;
          const a = corner(i), b = corner(i | bit), fa = f(a), fb = f(b);
          if ((fa >= 0) === (fb >= 0)) continue;
          const u = fa / (fa - fb);
          pts.push(P(a[0] + u * (b[0] - a[0]), a[1] + u * (b[1] - a[1]), a[2] + u * (b[2] - a[2])));
        }
      if (pts.length >= 3) {
        const cx = pts.reduce((q, p) => q + p[0], 0) / pts.length, cy = pts.reduce((q, p) => q + p[1], 0) / pts.length;
        pts.sort((p, q) => Math.atan2(p[1] - cy, p[0] - cx) - Math.atan2(q[1] - cy, q[0] - cx));
        ctx.fillStyle = 'rgba(32, 33, 36, 0.12)';
        ctx.strokeStyle = 'rgba(32, 33, 36, 0.7)';
        ctx.setLineDash([6, 4]);
        ctx.beginPath();
        pts.forEach((p, i) => (i ? ctx.lineTo(p[0], p[1]) : ctx.moveTo(p[0], p[1])));
        ctx.closePath();
        ctx.fill();
        ctx.stroke();
        ctx.setLineDash([]);
      }
    }
    this.drawImage(ctx, s, (i) => P(s.image[i * 3], s.image[i * 3 + 1], s.image[i * 3 + 2]));
    // points (each class in one batch: depth order within a class only)
    const n = Math.min(this.labels.length, s.points.length / 3);
    const at = new Float32Array(2 * n), depth = new Float32Array(n);
    for (let i = 0; i < n; ++i) {
      const p = P(s.points[3 * i], s.points[3 * i + 1], s.points[3 * i + 2]);
      at[2 * i] = p[0];
      at[2 * i + 1] = p[1];
      depth[i] = p[2];
    }
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => depth[b] - depth[a]);
    this.dots(at, order);
    // axis names at the positive ends
    const l = s.layer + 1;
    const ends = [[r[0][1], r[1][0], r[2][0]], [r[0][0], r[1][1], r[2][0]], [r[0][0], r[1][0], r[2][1]]];
    ends.forEach((e, d) => {
      const p = P(...e);
      drawSymbol(ctx, p[0], p[1] + 4, neuronSymbol(l, s.neurons[d] + 1), { align: 'center', size: 13 });
    });
  }

  drag(e) {
    if (!this.space || this.space.k !== 3) return;
    const start = { x: e.clientX, y: e.clientY, yaw: this.yaw, pitch: this.pitch };
    this.canvas.setPointerCapture(e.pointerId);
    const move = (m) => {
      this.yaw = start.yaw + (m.clientX - start.x) * 0.01;
      this.pitch = Math.max(-1.5, Math.min(1.5, start.pitch + (m.clientY - start.y) * 0.01));
      this.draw();
    };
    const up = () => {
      this.canvas.removeEventListener('pointermove', move);
      this.canvas.removeEventListener('pointerup', up);
      this.canvas.removeEventListener('pointercancel', up);
    };
    this.canvas.addEventListener('pointermove', move);
    this.canvas.addEventListener('pointerup', up);
    this.canvas.addEventListener('pointercancel', up);
    e.preventDefault();
  }

  /** Arrow keys rotate the 3-D view, as dragging does. */
  key(e) {
    if (!this.space || this.space.k !== 3) return;
    const d = { ArrowLeft: [-0.15, 0], ArrowRight: [0.15, 0], ArrowUp: [0, -0.15], ArrowDown: [0, 0.15] }[e.key];
    if (!d) return;
    e.preventDefault();
    this.yaw += d[0];
    this.pitch = Math.max(-1.5, Math.min(1.5, this.pitch + d[1]));
    this.draw();
  }

  /** The text alternative: layer, neurons, where each class sits, and the line's share of correct sides. */
  describe() {
    const t = this.t, s = this.space;
    if (!s || !this.labels) return t('inside.space.title');
    const k = s.k, n = Math.min(this.labels.length, s.points.length / k);
    const l = s.layer + 1;
    const names = s.neurons.map((j) => `a${j + 1}[${l}]`).join(', ');
    const parts = [t('inside.space.describe', { l, neurons: names, n })];
    if (!this.regression) {
      const sums = new Map();
      for (let i = 0; i < n; ++i) {
        const c = Math.round(this.labels[i]);
        const e = sums.get(c) || { count: 0, at: new Array(k).fill(0) };
        e.count += 1;
        for (let d = 0; d < k; ++d) e.at[d] += s.points[i * k + d];
        sums.set(c, e);
      }
      for (const [c, e] of [...sums.entries()].sort((a, b) => a[0] - b[0]))
        parts.push(t('inside.space.describeClass', { k: c, at: `(${e.at.map((v) => fmt(v / e.count, 2)).join(', ')})` }));
    }
    if (s.line && !this.regression) {
      let right = 0;
      for (let i = 0; i < n; ++i) {
        let v = s.line[k];
        for (let d = 0; d < k; ++d) v += s.line[d] * s.points[i * k + d];
        if ((v > 0) === (Math.round(this.labels[i]) === 1)) right += 1;
      }
      parts.push(t('inside.space.describeLine', { pct: Math.round((100 * right) / Math.max(1, n)) }));
    }
    return parts.join(' ');
  }
}

// A translated text with its {symbol} placeholder replaced by a typeset symbol
// (a^[l] with a real superscript, as the Learn card writes it).
function withSymbol(text, symbol) {
  const [before, after = ''] = text.split('{symbol}');
  return [before, symbol, after];
}
