// The network diagram: input features, hidden layers and output as columns of
// neurons, each with a thumbnail of its activation over the input plane and its
// bias; links drawn by weight sign and size. Hover a neuron to show its map on
// the plot, hover a link or bias to read it, click it to edit it. Per-layer
// controls (neurons +/-, and one menu per per-layer setting: LAYER_CONTROLS)
// sit above each column. Columns keep the spacing their heads need, so labels
// and menus never overlap; a deep network scrolls sideways instead.
//
// Drawing: everything that changes per frame (links, neuron maps, biases) goes
// on ONE canvas; the DOM above it (node frames, buttons, labels) never changes
// while training. One canvas instead of dozens of canvases and hundreds of SVG
// paths keeps paint, layout and compositing per frame small (measured: the
// SVG + per-neuron-canvas version cost more than the whole frame budget with
// software rendering).

import { h, fmt, setText } from '../dom.js';
import { FEATURES, feature } from '../features.js';
import { HIDDEN_ACTIVATIONS } from '../catalog.js';
import { MAX_LAYERS, MAX_UNITS, DROPOUT_RATES, attrName } from '../state.js';
import { TILE_RES, cellCentre } from '../plane.js';
import { CLASS_COLORS, rgb } from '../colors.js';
import { ACTIVATION_LUT, LUT_LEN } from './heatmap.js';
import { Lifetime } from '../lifetime.js';

const POS = rgb(CLASS_COLORS[1]);
const NEG = rgb(CLASS_COLORS[0]);
const LABEL_W = 52;     // room left of the input column for the feature names
const COL_GAP = 12;     // px at least between two columns' heads
const HEAD_GAP = 10;    // px between the tallest column head and the first neuron
/**
 * A link's look as one byte: its width step (the stroke is 0.3 px + 1.1 px per
 * unit of |weight|, at most 5 px, in steps of 0.25 px) times 2, plus 1 when the
 * weight is positive; 0 for NaN (drawn grey, as before any weights arrive).
 */
function linkLook(v) {
  if (Number.isNaN(v)) return 0;
  return (Math.round(Math.min(5, 0.3 + Math.abs(v) * 1.1) * 4) << 1) | (v > 0 ? 1 : 0);
}

const HIT = 5;          // px: how near a link the mouse must be to pick it

/**
 * The per-layer settings shown as a menu above each hidden layer: state key ->
 * {values, option(t, v): an option's text, label: the menu's strings key ({l}
 * = the layer), showLocked(v): whether an embedding that does not offer the
 * control still shows its value (default: always)}. Each key is a SCHEMA entry
 * with perLayer: true.
 */
export const LAYER_CONTROLS = {
  activation: { values: HIDDEN_ACTIVATIONS, option: (t, v) => t(`activation.${v}`), label: 'network.layerActivation' },
  // A lesson that does not offer dropout shows it only where a layer has some.
  dropout: { values: DROPOUT_RATES, option: (t, v) => (v === 0 ? t('network.noDropout') : t('network.dropoutRate', { p: Math.round(v * 100) })),
    label: 'network.layerDropout', showLocked: (v) => v > 0 },
};

/**
 * Values of an input feature over an n x n grid of the plot, scaled to [-1, 1].
 * plane: {domain (the plot's, default the [-6, 6] plane), norm (the model's
 * input normalization {mean, std}, or null)}: the feature of what the model sees.
 */
export function featureMap(name, n, { domain, norm = null } = {}) {
  const out = new Float32Array(n * n);
  const f = feature(name).js;
  const input = norm ? ([a, b]) => [(a - norm.mean[0]) / norm.std[0], (b - norm.mean[1]) / norm.std[1]] : (p) => p;
  let max = 0;
  for (let r = 0; r < n; ++r)
    for (let c = 0; c < n; ++c) {
      const v = f(...input(cellCentre(r, c, n, domain)));
      out[r * n + c] = v;
      max = Math.max(max, Math.abs(v));
    }
  if (max > 0) for (let i = 0; i < out.length; ++i) out[i] /= max;
  return out;
}

/** How to bring an activation's values to [-1, 1] for colouring: v -> (v + shift) * scale. */
export function activationRange(activation, values) {
  if (activation === 'sigmoid' || activation === 'softmax') return { shift: -0.5, scale: 2 };
  if (activation === 'tanh') return { shift: 0, scale: 1 };
  let m = 0;
  for (let i = 0; i < values.length; ++i) m = Math.max(m, Math.abs(values[i]));
  return { shift: 0, scale: m > 0 ? 1 / m : 1 };
}

/** Colours n*n values into RGBA pixels starting at byte `at` of `px`. */
function paintInto(px, at, values, { shift = 0, scale = 1 } = {}) {
  for (let i = 0; i < values.length; ++i) {
    let u = ((values[i] + shift) * scale + 1) / 2;
    u = u < 0 ? 0 : u > 1 ? 1 : u;
    const j = ((u * (LUT_LEN - 1)) | 0) * 3;
    const o = at + i * 4;
    px[o] = ACTIVATION_LUT[j];
    px[o + 1] = ACTIVATION_LUT[j + 1];
    px[o + 2] = ACTIVATION_LUT[j + 2];
    px[o + 3] = 255;
  }
}

// Distance from (x, y) to the segment a-b.
function segmentDistance(x, y, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const len = dx * dx + dy * dy;
  const u = len > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len)) : 0;
  return Math.hypot(x - (ax + u * dx), y - (ay + u * dy));
}

export class NetworkView {
  /**
   * @param {Function} t the instance's translator
   * @param handlers onToggleFeature(name), onLayers(delta), onUnits(layer, delta),
   *   onLayerOption(layer, key, value), onFocus({neuron, name, activation} | {feature} | null),
   *   onEditWeight(index, offset, value), onVisible(bool)
   * @param {HTMLElement[]} [settings] controls shown under the header (e.g. initializer, seed)
   */
  constructor(t, handlers, settings = []) {
    this.t = t;
    this.handlers = handlers;
    this.nres = TILE_RES;
    this.layerCount = h('span', { class: 'np-net-count' });
    this.limitText = h('span', { class: 'np-net-limits', 'data-testid': 'net-limits' });
    this.limits = { maxLayers: null, maxNeurons: null };
    this.removeLayer = h('button', { class: 'np-icon-btn', type: 'button', 'aria-label': t('network.removeLayer'), title: t('network.removeLayer'), text: '−', 'data-control': 'layers', on: { click: () => handlers.onLayers(-1) } });
    this.addLayer = h('button', { class: 'np-icon-btn', type: 'button', 'aria-label': t('network.addLayer'), title: t('network.addLayer'), text: '+', 'data-control': 'layers', on: { click: () => handlers.onLayers(1) } });
    this.params = h('span', { class: 'np-net-params' });
    this.canvas = h('canvas', { class: 'np-net-canvas', 'aria-hidden': 'true' });
    this.tip = h('div', { class: 'np-tip', hidden: true, role: 'tooltip' });
    this.editor = h('input', {
      class: 'np-edit', type: 'text', inputmode: 'decimal', hidden: true, 'aria-label': t('network.edit'),
      on: { keydown: (e) => this.editKey(e), blur: () => this.closeEditor() },
    });
    this.body = h('div', { class: 'np-net-body' }, this.canvas, this.tip, this.editor);
    this.scroller = h('div', { class: 'np-net-scroll' }, this.body);
    this.outputInfo = h('div', { class: 'np-net-output-info' });
    this.el = h('div', { class: 'np-network' },
      h('div', { class: 'np-net-header' }, this.removeLayer, this.addLayer, this.layerCount, this.limitText, this.params),
      settings.length ? h('div', { class: 'np-net-settings' }, settings) : null,
      this.scroller,
      this.outputInfo);
    this.canvas.addEventListener('mousemove', (e) => this.linkHover(e));
    this.canvas.addEventListener('mouseleave', () => { this.hoverLink = null; this.hideTip(); });
    this.canvas.addEventListener('click', (e) => this.linkClick(e));
    this.life = new Lifetime();
    this.life.observe(new ResizeObserver(() => this.layout()), this.scroller);
    this.life.observe(new IntersectionObserver((entries) => handlers.onVisible(entries.some((e) => e.isIntersecting))), this.scroller);
    this.model = null;
    this.weights = null;
    this.atlas = null;      // detached canvas: one nres x nres tile per neuron, stacked
    this.inputAtlas = this.buildInputAtlas();
  }

  /** The lesson's limits ({maxLayers, maxNeurons}, null = none): the + buttons stop there, the header says so. */
  setLimits(limits) {
    this.limits = { ...limits };
  }

  buildInputAtlas(plane = {}) {
    const n = this.nres;
    const c = document.createElement('canvas');
    c.width = n;
    c.height = n * FEATURES.length;
    const ctx = c.getContext('2d');
    const image = ctx.createImageData(n, n * FEATURES.length);
    FEATURES.forEach((name, k) => paintInto(image.data, k * n * n * 4, featureMap(name, n, plane)));
    ctx.putImageData(image, 0, 0);
    return c;
  }

  /** Rebuilds the diagram for a model ({features, layers: [{units, ...per-layer values}], output, shapes, params}). */
  setModel(model) {
    const t = this.t;
    this.model = model;
    this.weights = null;
    this.neurons = null;
    for (const el of [...this.body.children]) if (el !== this.canvas && el !== this.tip && el !== this.editor) el.remove();
    const L = model.layers.length;
    setText(this.layerCount, L === 1 ? t('network.hiddenLayer1') : t('network.hiddenLayers', { n: L }));
    setText(this.params, t('network.params', { n: model.params }));
    // The input tiles show the features over the plot as the model sees them (units, normalization).
    const planeKey = JSON.stringify([model.domain, model.normalization]);
    if (planeKey !== this.planeKey) {
      this.planeKey = planeKey;
      this.inputAtlas = this.buildInputAtlas({ domain: model.domain, norm: model.normalization });
    }
    const { maxLayers, maxNeurons } = this.limits;
    const neurons = model.layers.reduce((a, l) => a + l.units, 0);
    this.fullNeurons = maxNeurons !== null && neurons >= maxNeurons;
    this.removeLayer.disabled = L === 0;
    this.addLayer.disabled = L >= Math.min(MAX_LAYERS, maxLayers ?? MAX_LAYERS) || this.fullNeurons;
    const limitTexts = [];
    if (maxLayers !== null) limitTexts.push(t('network.limitLayers', { max: maxLayers }));
    if (maxNeurons !== null) limitTexts.push(t('network.limitNeurons', { n: neurons, max: maxNeurons }));
    setText(this.limitText, limitTexts.join(' · '));
    setText(this.outputInfo, t('network.outputInfo', {
      activation: t(`activation.${model.output.activation}`), loss: t(`loss.${model.output.loss}`),
    }));

    const maxRows = Math.max(FEATURES.length, model.output.units, ...model.layers.map((l) => l.units));
    this.rows = maxRows;
    this.size = maxRows > 10 ? 22 : maxRows > 8 ? 26 : 32;
    this.gap = maxRows > 10 ? 5 : 8;

    // columns: 0 = inputs, 1..L hidden, L+1 output
    this.columns = [];
    const inputs = FEATURES.map((name, k) => {
      const on = model.features.includes(name);
      const node = h('button', {
        type: 'button', class: `np-node np-node-input${on ? '' : ' np-off'}`, 'data-control': 'features', 'data-control-lock': '',
        'aria-pressed': on ? 'true' : 'false', 'aria-label': t('features.toggle', { name: t(`feature.${name}`) }),
        title: t('features.help'),
        on: {
          click: () => this.handlers.onToggleFeature(name),
          mouseenter: () => on && this.handlers.onFocus({ feature: name }),
          mouseleave: () => this.handlers.onFocus(null),
        },
      });
      const label = h('span', { class: `np-node-label${on ? '' : ' np-off'}`, text: t(`feature.${name}`) });
      this.body.append(node, label);
      return { node, label, on, name, tile: k };
    });
    this.columns.push({ nodes: inputs });

    let neuron = 0;
    const all = [...model.layers.map((l) => ({ ...l, hidden: true })), { ...model.output, hidden: false }];
    all.forEach((layer, l) => {
      const nodes = [];
      for (let j = 0; j < layer.units; ++j) {
        const index = neuron++;
        const name = layer.hidden ? t('network.neuronName', { l: l + 1, j: j + 1 }) : t('network.outputName', { j: j + 1 });
        const bias = h('div', { class: 'np-bias' });
        const show = () => { this.handlers.onFocus({ neuron: index, name, activation: layer.activation }); this.showTip(node, t('network.neuron', { name })); };
        const hide = () => { this.handlers.onFocus(null); this.hideTip(); };
        // keyboard: focusing a neuron shows it as hovering does
        const node = h('div', {
          class: `np-node${layer.hidden ? '' : ' np-node-output'}`, 'aria-label': name, role: 'button', tabindex: '0',
          on: { mouseenter: show, mouseleave: hide, focus: show, blur: hide },
        }, bias);
        bias.addEventListener('mouseenter', (e) => { e.stopPropagation(); this.showBiasTip(bias, l, j, name); });
        bias.addEventListener('mouseleave', () => this.hideTip());
        bias.addEventListener('click', (e) => { e.stopPropagation(); this.openEditor(bias, 2 * l + 1, j); });
        this.body.append(node);
        nodes.push({ node, bias, index, name, activation: layer.activation, layer: l, unit: j });
      }
      const col = { nodes, layer };
      if (layer.hidden) col.head = this.layerHead(l, layer);
      else col.head = h('div', { class: 'np-col-head' }, h('div', { class: 'np-col-title', text: t('network.output') }));
      this.body.append(col.head);
      this.columns.push(col);
    });
    this.neuronCount = neuron;
    const n = this.nres;
    this.atlas = document.createElement('canvas');
    this.atlas.width = n;
    this.atlas.height = n * neuron;
    this.atlasImage = this.atlas.getContext('2d').createImageData(n, n * neuron);

    // links: kernel l is [in, units]; its input rows are the enabled features in FEATURES order
    this.offsets = [];
    let o = 0;
    for (const shape of model.shapes) {
      this.offsets.push(o);
      o += shape.reduce((a, b) => a * b, 1);
    }
    this.linkList = [];
    for (let l = 0; l < all.length; ++l) {
      const from = l === 0 ? inputs.filter((x) => x.on) : this.columns[l].nodes;
      const to = this.columns[l + 1].nodes;
      from.forEach((a, i) => to.forEach((b, j) => {
        this.linkList.push({ a, b, index: 2 * l, offset: i * to.length + j, flat: this.offsets[2 * l] + i * to.length + j });
      }));
    }
    this.layout();
  }

  /** Above hidden layer l: neurons -/+, its size, one menu per per-layer setting (LAYER_CONTROLS). */
  layerHead(l, layer) {
    const t = this.t;
    const menus = Object.entries(LAYER_CONTROLS).map(([key, c]) => h('select', {
      class: 'np-select np-select-small', 'aria-label': t(c.label, { l: l + 1 }), 'data-control': attrName(key), 'data-control-lock': !c.showLocked || c.showLocked(layer[key]),
      'data-layer-key': key, on: { change: (e) => this.handlers.onLayerOption(l, key, c.values.find((v) => String(v) === e.target.value)) },
    }, c.values.map((v) => h('option', { value: String(v), text: c.option(t, v), selected: v === layer[key] }))));
    const button = (text, label, disabled, delta) => h('button', {
      class: 'np-icon-btn np-icon-small', type: 'button', text, 'aria-label': label, title: label, disabled,
      on: { click: () => this.handlers.onUnits(l, delta) },
    });
    return h('div', { class: 'np-col-head' },
      h('div', { class: 'np-col-buttons', 'data-control': 'layers' },
        button('−', t('network.removeNeuron', { l: l + 1 }), layer.units <= 1, -1),
        button('+', t('network.addNeuron', { l: l + 1 }), layer.units >= MAX_UNITS || this.fullNeurons, 1)),
      h('div', { class: 'np-col-title', text: layer.units === 1 ? t('network.neuron1') : t('network.neurons', { n: layer.units }) }),
      menus);
  }

  /**
   * Marks dead ReLU units (issue 13): `lists` has, per layer with neurons (hidden
   * layers, then the output), the indices of its dead units; null clears. Drawn
   * with the next frame.
   */
  setDead(lists) {
    if (!lists || !this.columns) {
      this.dead = null;
      return;
    }
    this.dead = new Set();
    lists.forEach((units, l) => {
      const col = this.columns[l + 1];
      if (col) for (const j of units) if (col.nodes[j]) this.dead.add(col.nodes[j].index);
    });
  }

  /** Lets go of the observers (the view is rebuilt or removed). */
  destroy() {
    this.life.end();
    // the links layer is off the page; give its pixels back now, not at the next collection
    if (this.links) this.links.canvas.width = this.links.canvas.height = 0;
    this.links = null;
  }

  /** Step mode: marks column c (0 = inputs) as the active layer; -1 clears. */
  highlightColumn(c) {
    (this.columns || []).forEach((col, k) => { for (const n of col.nodes) n.node.classList.toggle('np-step-layer', k === c); });
  }

  /**
   * Positions every node and column head for the current width, then redraws.
   * Neighbouring columns are at least as far apart as their heads (title and
   * menus, at their natural width) need, plus COL_GAP; room left over is shared
   * out evenly, and a network too deep for the width scrolls sideways. The
   * neurons start below the tallest head as it is laid out (its buttons and
   * menus are taller on touch screens).
   */
  layout() {
    if (!this.model) return;
    const available = this.scroller.clientWidth;
    if (!available) return;
    const S = this.size, G = this.gap;
    const cols = this.columns;
    const widths = cols.map((col) => {
      if (!col.head) return S;
      Object.assign(col.head.style, { left: '0px', top: '0px', width: 'max-content' });
      return Math.max(S, col.head.offsetWidth);
    });
    const steps = widths.slice(1).map((w, c) => (widths[c] + w) / 2 + COL_GAP);
    const left = LABEL_W + S / 2;
    const natural = left + steps.reduce((a, b) => a + b, 0) + widths[widths.length - 1] / 2 + 8;
    const extra = steps.length ? Math.max(0, available - natural) / steps.length : 0;
    const xs = [left];
    for (const step of steps) xs.push(xs[xs.length - 1] + step + extra);
    const width = Math.max(available, natural);
    let header = 0;
    cols.forEach((col, c) => {
      if (!col.head) return;
      Object.assign(col.head.style, { left: `${xs[c] - widths[c] / 2}px`, width: `${widths[c]}px` });
      header = Math.max(header, col.head.offsetHeight);
    });
    header += HEAD_GAP;
    const height = header + this.rows * (S + G);
    this.body.style.width = `${width}px`;
    this.body.style.height = `${height}px`;
    cols.forEach((col, c) => {
      col.nodes.forEach((n, j) => {
        n.x = xs[c];
        n.y = header + j * (S + G) + S / 2;
        Object.assign(n.node.style, { left: `${n.x - S / 2}px`, top: `${n.y - S / 2}px`, width: `${S}px`, height: `${S}px` });
        if (n.label) Object.assign(n.label.style, { left: '0px', top: `${n.y - 8}px`, width: `${n.x - S / 2 - 6}px` });
      });
    });
    // each link as a polyline of its curve, for drawing and hit-testing
    for (const link of this.linkList) {
      const x1 = link.a.x + S / 2, y1 = link.a.y, x2 = link.b.x - S / 2, y2 = link.b.y;
      link.p = [x1, y1, (x1 + x2) / 2, y1, (x1 + x2) / 2, y2, x2, y2];
      const pts = [];
      for (let k = 0; k <= 12; ++k) {
        const u = k / 12, v = 1 - u;
        pts.push(v * v * v * x1 + 3 * v * v * u * link.p[2] + 3 * v * u * u * link.p[4] + u * u * u * x2,
          v * v * v * y1 + 3 * v * v * u * y1 + 3 * v * u * u * y2 + u * u * u * y2);
      }
      link.poly = pts;
    }
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    this.dpr = dpr;
    if (this.links) this.links.moved = true;  // the links moved: stroke them now
    this.draw();
  }

  /** Per-frame update from the worker: neuron maps and weights. */
  update(frame) {
    if (!this.model || !frame.neurons || !frame.weights || frame.nres !== this.nres) return;
    // Big diagrams (thousands of links) are redrawn on every 2nd or 3rd frame
    // only: their neuron maps and, when links change, their links cost a
    // software-rasterized canvas the page's 60 fps (an 8 x 16 network at speed 1
    // without this: 14-16 ms of main thread per frame against 10-13).
    const every = this.linkList.length > 1200 ? 3 : this.linkList.length > 600 ? 2 : 1;
    this.frameCount = (this.frameCount || 0) + 1;
    if (every > 1 && this.frameCount % every !== 0 && frame.running) return;
    const cells = this.nres * this.nres;
    if (frame.neurons.length !== this.neuronCount * cells) return;
    if (!this.weights || this.weights.length !== frame.weights.length) this.weights = new Float32Array(frame.weights.length);
    this.weights.set(frame.weights);
    const px = this.atlasImage.data;
    for (let c = 1; c < this.columns.length; ++c)
      for (const node of this.columns[c].nodes) {
        const values = frame.neurons.subarray(node.index * cells, (node.index + 1) * cells);
        paintInto(px, node.index * cells * 4, values, activationRange(node.activation, values));
      }
    this.atlas.getContext('2d').putImageData(this.atlasImage, 0, 0);
    this.neurons = true;
    this.draw(frame.running);
  }

  /**
   * The canvas of the links (the size of the diagram's canvas), stroked again
   * only when a link's look changed: its sign or its width step (0.25 px), or
   * the layout. Links are batched by that look, so each batch is one path and
   * one stroke. With `lagOk` (a frame of a running training) a change may wait
   * one drawing: early in training some link changes every frame, and stroking
   * them on every other drawing halves that cost; a paused diagram, a new
   * layout and the first drawing are exact.
   */
  linksLayer(lagOk = false) {
    const list = this.linkList, w = this.weights;
    let layer = this.links;
    if (!layer || layer.canvas.width !== this.canvas.width || layer.canvas.height !== this.canvas.height || layer.keys.length !== list.length) {
      const canvas = layer?.canvas || document.createElement('canvas');
      canvas.width = this.canvas.width;
      canvas.height = this.canvas.height;
      layer = this.links = { canvas, keys: new Uint8Array(list.length), stale: false, moved: true, waited: false };
    }
    for (let i = 0; i < list.length; ++i) {
      const key = w ? linkLook(w[list[i].flat]) : 0;
      if (layer.keys[i] !== key) layer.keys[i] = key, layer.stale = true;
    }
    if (layer.moved) layer.moved = false;
    else if (!layer.stale) return layer.canvas;
    else if (lagOk && !layer.waited) {
      layer.waited = true;
      return layer.canvas;
    }
    layer.stale = layer.waited = false;
    const batches = new Map();
    list.forEach((link, i) => {
      const key = layer.keys[i];
      let batch = batches.get(key);
      if (!batch) batches.set(key, (batch = { color: key === 0 ? '#d5d9df' : key & 1 ? POS : NEG, width: key === 0 ? 1 : (key >> 1) / 4, links: [] }));
      batch.links.push(link);
    });
    const ctx = layer.canvas.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, layer.canvas.width, layer.canvas.height);
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.lineCap = 'round';
    ctx.globalAlpha = 0.75;
    for (const batch of batches.values()) {
      ctx.strokeStyle = batch.color;
      ctx.lineWidth = batch.width;
      ctx.beginPath();
      for (const { p } of batch.links) {
        ctx.moveTo(p[0], p[1]);
        ctx.bezierCurveTo(p[2], p[3], p[4], p[5], p[6], p[7]);
      }
      ctx.stroke();
    }
    return layer.canvas;
  }

  /** Draws the diagram; `running`: drawn for a frame of a running training (see linksLayer). */
  draw(running = false) {
    if (!this.model || !this.linkList[0] || this.linkList[0].p === undefined) return;
    const ctx = this.canvas.getContext('2d');
    const S = this.size, n = this.nres, w = this.weights;
    // The links come from their own canvas, stroked again only when one of them
    // changes colour or width: stroking hundreds of wide curves costs a software-
    // rasterized canvas about 5 ms (W2's diagram), a copy of the layer well under 1.
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.drawImage(this.linksLayer(running), 0, 0);
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.lineCap = 'round';  // the hovered link and a dead unit's cross
    if (this.hoverLink) {
      const p = this.hoverLink.p;
      ctx.strokeStyle = '#202124';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(p[0], p[1]);
      ctx.bezierCurveTo(p[2], p[3], p[4], p[5], p[6], p[7]);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    ctx.imageSmoothingEnabled = true;
    // inputs: static maps, faded when off
    for (const node of this.columns[0].nodes) {
      ctx.globalAlpha = node.on ? 1 : 0.3;
      ctx.drawImage(this.inputAtlas, 0, node.tile * n, n, n, node.x - S / 2, node.y - S / 2, S, S);
    }
    ctx.globalAlpha = 1;
    for (let c = 1; c < this.columns.length; ++c) {
      const biases = this.offsets[2 * (c - 1) + 1];
      this.columns[c].nodes.forEach((node, j) => {
        const x = node.x - S / 2, y = node.y - S / 2;
        if (this.neurons) ctx.drawImage(this.atlas, 0, node.index * n, n, n, x, y, S, S);
        else {
          ctx.fillStyle = '#f3f4f6';
          ctx.fillRect(x, y, S, S);
        }
        if (this.dead && this.dead.has(node.index)) {
          // a dead ReLU unit: greyed out and crossed
          ctx.fillStyle = 'rgba(60, 64, 67, 0.55)';
          ctx.fillRect(x, y, S, S);
          ctx.strokeStyle = '#ffffff';
          ctx.lineWidth = 2;
          ctx.beginPath();
          ctx.moveTo(x + 5, y + 5);
          ctx.lineTo(x + S - 5, y + S - 5);
          ctx.moveTo(x + S - 5, y + 5);
          ctx.lineTo(x + 5, y + S - 5);
          ctx.stroke();
        }
        if (w) {
          const b = w[biases + j];
          ctx.globalAlpha = 0.25 + 0.75 * Math.min(1, Math.abs(b));
          ctx.fillStyle = b > 0 ? POS : NEG;
          ctx.fillRect(x - 4, y + S - 4, 8, 8);
          ctx.globalAlpha = 1;
        }
      });
    }
  }

  // ---- tooltips and editing ----
  showTip(anchor, text) {
    setText(this.tip, text);
    this.tip.hidden = false;
    const b = this.body.getBoundingClientRect(), r = anchor.getBoundingClientRect();
    this.placeTip(r.right - b.left + 6, r.top - b.top);
  }

  placeTip(x, y) {
    const maxX = this.body.clientWidth - this.tip.offsetWidth - 4;
    this.tip.style.left = `${Math.max(0, Math.min(x, maxX))}px`;
    this.tip.style.top = `${Math.max(0, y)}px`;
  }

  hideTip() {
    this.tip.hidden = true;
  }

  showBiasTip(bias, l, j, name) {
    if (!this.weights) return;
    const b = this.weights[this.offsets[2 * l + 1] + j];
    this.showTip(bias, this.t('network.bias', { value: fmt(b, 4), to: name }));
  }

  /** The link nearest to the mouse (within HIT px), or null. */
  linkAt(e) {
    if (!this.linkList) return null;
    const r = this.body.getBoundingClientRect();
    const x = e.clientX - r.left, y = e.clientY - r.top;
    let best = null, bestD = HIT;
    for (const link of this.linkList) {
      const p = link.poly;
      if (x < p[0] - HIT || x > p[p.length - 2] + HIT) continue;
      for (let k = 0; k + 3 < p.length; k += 2) {
        const d = segmentDistance(x, y, p[k], p[k + 1], p[k + 2], p[k + 3]);
        if (d < bestD) { bestD = d; best = link; }
      }
    }
    return best;
  }

  linkHover(e) {
    const link = this.linkAt(e);
    if (link !== this.hoverLink) {
      this.hoverLink = link;
      this.canvas.classList.toggle('np-pointer', !!link);
      this.draw();
    }
    if (!link || !this.weights) { this.hideTip(); return; }
    const from = link.a.index === undefined ? this.t(`feature.${link.a.name}`) : link.a.name;
    setText(this.tip, this.t('network.weight', { value: fmt(this.weights[link.flat], 4), from, to: link.b.name }));
    this.tip.hidden = false;
    const b = this.body.getBoundingClientRect();
    this.placeTip(e.clientX - b.left + 12, e.clientY - b.top + 12);
  }

  linkClick(e) {
    const link = this.linkAt(e);
    if (!link) return;
    const b = this.body.getBoundingClientRect();
    this.openEditor({ x: e.clientX - b.left, y: e.clientY - b.top + 8 }, link.index, link.offset, link.flat);
  }

  openEditor(anchor, index, offset, flat = this.offsets[index] + offset) {
    if (!this.weights) return;
    let x, y;
    if (anchor instanceof Element) {
      const b = this.body.getBoundingClientRect(), r = anchor.getBoundingClientRect();
      x = r.left - b.left;
      y = r.bottom - b.top + 4;
    } else ({ x, y } = anchor);
    this.editing = { index, offset };
    this.editor.value = fmt(this.weights[flat], 6);
    this.editor.hidden = false;
    this.editor.style.left = `${Math.max(0, Math.min(x, this.body.clientWidth - 90))}px`;
    this.editor.style.top = `${y}px`;
    this.editor.focus();
    this.editor.select();
    this.hideTip();
  }

  editKey(e) {
    if (e.key === 'Escape') this.closeEditor();
    if (e.key !== 'Enter') return;
    const v = Number(this.editor.value.replace('−', '-'));
    if (!Number.isFinite(v) || this.editor.value.trim() === '') {
      this.editor.setCustomValidity(this.t('network.editBad'));
      this.editor.reportValidity();
      return;
    }
    const { index, offset } = this.editing;
    this.closeEditor();
    this.handlers.onEditWeight(index, offset, v);
  }

  closeEditor() {
    this.editor.setCustomValidity('');
    this.editor.hidden = true;
    this.editing = null;
  }
}
