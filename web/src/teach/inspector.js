// The neuron inspector: for one point (hovered on the plot, typed in, or pinned)
// and one neuron (hovered in the diagram or chosen here), the live arithmetic
//   z_j^[l] = w_j^[l] · a^[l-1] + b_j^[l],  a_j^[l] = g(z_j^[l])
// with the numbers, and the output ŷ (with the softmax formula for several
// classes). Layer 0 is the inputs. Math is built from elements (sub/sup) and
// text nodes only.

import { h, setText, patchChildren } from '../dom.js';
import { sym, num, line, lineC, netFromModel, forward, G } from './math.js';
import { PLANE_DOMAIN } from '../plane.js';

const MAX_TERMS = 16;

export class Inspector {
  /** @param {Function} t the instance's translator */
  constructor(t) {
    this.t = t;
    this.point = { x1: 1, x2: 1 };
    this.domain = PLANE_DOMAIN;   // the plot's [x1Min, x1Max, x2Min, x2Max]: typed points stay inside it
    this.pinned = false;
    this.layer = 1;   // 1..L+1
    this.unit = 0;    // 0-based
    this.model = null;
    this.weights = null;
    this.shown = true;   // the panel turns it off while another tab is open
    const numberInput = (key) => {
      const el = h('input', { type: 'number', class: 'np-input np-num', 'data-testid': `inspect-${key}`, 'aria-label': t(`inspect.${key}`) });
      el.addEventListener('change', () => {
        const v = Number(el.value);
        const [min, max] = this.range(key);
        if (Number.isFinite(v)) { this.point = { ...this.point, [key]: Math.max(min, Math.min(max, v)) }; this.pin(true); }
      });
      return el;
    };
    this.x1 = numberInput('x1');
    this.x2 = numberInput('x2');
    this.pinButton = h('button', { class: 'np-button', type: 'button', 'aria-pressed': 'false', 'data-testid': 'inspect-pin', text: t('inspect.pin'), on: { click: () => this.pin(!this.pinned) } });
    this.layerSelect = h('select', { class: 'np-select', 'aria-label': t('inspect.layer'), 'data-testid': 'inspect-layer', on: { change: () => { this.layer = Number(this.layerSelect.value); this.unit = 0; this.fillUnits(); this.render(); } } });
    this.unitSelect = h('select', { class: 'np-select', 'aria-label': t('inspect.neuron'), 'data-testid': 'inspect-neuron', on: { change: () => { this.unit = Number(this.unitSelect.value); this.render(); } } });
    this.body = h('div', { class: 'np-math', 'data-testid': 'inspector-math', 'aria-live': 'off' });
    this.el = h('div', { class: 'np-inspector' },
      h('p', { class: 'np-help', text: t('inspect.help') }),
      h('div', { class: 'np-row np-inspect-controls' },
        h('label', { class: 'np-field np-field-inline' }, h('span', { class: 'np-field-label', text: 'x₁' }), this.x1),
        h('label', { class: 'np-field np-field-inline' }, h('span', { class: 'np-field-label', text: 'x₂' }), this.x2),
        this.pinButton,
        h('label', { class: 'np-field np-field-inline' }, h('span', { class: 'np-field-label', text: t('inspect.layer') }), this.layerSelect),
        h('label', { class: 'np-field np-field-inline' }, h('span', { class: 'np-field-label', text: t('inspect.neuron') }), this.unitSelect)),
      this.body);
    this.setDomain(PLANE_DOMAIN);
  }

  /** [min, max] of one input on the plot ('x1' or 'x2'). */
  range(key) {
    return key === 'x1' ? this.domain.slice(0, 2) : this.domain.slice(2, 4);
  }

  /**
   * The plot's domain (the data message's): the typed point's limits and step,
   * and a point outside it (1, 1 on coffee roasting's °C and minutes) moves to its centre.
   */
  setDomain(domain) {
    this.domain = domain || PLANE_DOMAIN;
    for (const [key, input] of [['x1', this.x1], ['x2', this.x2]]) {
      const [min, max] = this.range(key);
      input.min = String(min);
      input.max = String(max);
      input.step = String(10 ** Math.floor(Math.log10((max - min) / 60)));  // 0.1 on the plane, 1 for °C
    }
    const inside = (key) => { const [min, max] = this.range(key); return this.point[key] >= min && this.point[key] <= max; };
    if (!inside('x1') || !inside('x2')) {
      const [a, b, c, d] = this.domain;
      this.point = { x1: (a + b) / 2, x2: (c + d) / 2 };
      this.render();
    }
    this.writePoint();
  }

  pin(on) {
    const t = this.t;
    this.pinned = on;
    this.pinButton.setAttribute('aria-pressed', on ? 'true' : 'false');
    setText(this.pinButton, on ? t('inspect.unpin') : t('inspect.pin'));
    this.writePoint();
    this.render();
  }

  writePoint() {
    const focused = this.el.getRootNode().activeElement;  // the shadow root's, inside <nn-playground>
    if (focused !== this.x1) this.x1.value = this.point.x1.toFixed(2);
    if (focused !== this.x2) this.x2.value = this.point.x2.toFixed(2);
  }

  /** The hovered point on the plot (ignored while pinned). */
  hoverPoint(p) {
    if (this.pinned || !p) return;
    this.point = { x1: p.x1, x2: p.x2 };
    this.writePoint();
    this.render();
  }

  /** Pins a point (a click with the inspector open, or a test). */
  pinPoint(p) {
    this.point = { x1: p.x1, x2: p.x2 };
    this.pin(true);
  }

  /** The hovered neuron in the diagram, by its index over all layers (hidden first). */
  focusNeuron(index) {
    if (!this.model || index === undefined || index < 0) return;
    const sizes = [...this.model.layers.map((l) => l.units), this.model.output.units];
    let i = index;
    for (let l = 0; l < sizes.length; ++l) {
      if (i < sizes[l]) {
        this.layer = l + 1;
        this.unit = i;
        this.fillLayers();
        this.render();
        return;
      }
      i -= sizes[l];
    }
  }

  setModel(model) {
    this.model = model;
    this.weights = null;
    const L = model.layers.length + 1;
    if (this.layer > L) { this.layer = L; this.unit = 0; }
    this.fillLayers();
    this.render();
  }

  setWeights(weights) {
    if (!weights) return;
    if (!this.weights || this.weights.length !== weights.length) this.weights = new Float32Array(weights.length);
    this.weights.set(weights);
  }

  layerSizes() {
    return this.model ? [...this.model.layers.map((l) => l.units), this.model.output.units] : [];
  }

  fillLayers() {
    const t = this.t;
    const sizes = this.layerSizes();
    this.layerSelect.replaceChildren(...sizes.map((_, i) => h('option', {
      value: String(i + 1), text: i === sizes.length - 1 ? t('inspect.layerOutput', { l: i + 1 }) : t('inspect.layerHidden', { l: i + 1 }),
    })));
    this.layerSelect.value = String(this.layer);
    this.fillUnits();
  }

  fillUnits() {
    const n = this.layerSizes()[this.layer - 1] || 1;
    if (this.unit >= n) this.unit = 0;
    this.unitSelect.replaceChildren(...Array.from({ length: n }, (_, j) => h('option', { value: String(j), text: String(j + 1) })));
    this.unitSelect.value = String(this.unit);
  }

  /** Redraws the formulas (call after new weights; cheap for the playground's sizes). */
  render() {
    const t = this.t;
    if (!this.shown) return;
    const net = netFromModel(this.model, this.weights);
    if (!net) {
      this.body.replaceChildren(h('p', { class: 'np-help', text: t('inspect.waiting') }));
      return;
    }
    const { x1, x2 } = this.point;
    const pass = forward(net, x1, x2);
    const l = this.layer, j = this.unit, J = String(j + 1);
    const layer = net.layers[l - 1];
    const prev = pass.a[l - 1];
    const rows = [];
    // the point and its input features: a^[0]
    rows.push(line(sym('a', { sup: '[0]' }), ' = (', ...net.features.flatMap((f, k) => [k ? ', ' : '', t(`feature.${f}`)]), ') = (',
      ...pass.a[0].flatMap((v, k) => [k ? ', ' : '', num(v)]), ')'));
    if (l > 1) rows.push(line(sym('a', { sup: `[${l - 1}]` }), ' = (', ...prev.flatMap((v, k) => [k ? ', ' : '', num(v)]), ')'));
    // the symbolic formula
    rows.push(lineC('np-math-formula', sym('z', { sub: 'j', sup: '[l]' }), ' = ', sym('w', { sub: 'j', sup: '[l]' }), ' · ',
      sym('a', { sup: '[l−1]' }), ' + ', sym('b', { sub: 'j', sup: '[l]' })));
    // with this neuron's numbers
    const w = Array.from({ length: layer.inputs }, (_, k) => layer.W[k * layer.units + j]);
    rows.push(line(sym('w', { sub: J, sup: `[${l}]` }), ' = (', ...w.flatMap((v, k) => [k ? ', ' : '', num(v)]), ');   ',
      sym('b', { sub: J, sup: `[${l}]` }), ' = ', num(layer.b[j])));
    const terms = [];
    w.slice(0, MAX_TERMS).forEach((v, k) => terms.push(k ? ' + ' : '', num(v, { paren: true }), '·', num(prev[k], { paren: true })));
    if (w.length > MAX_TERMS) terms.push(' + …');
    const z = pass.z[l][j];
    rows.push(line(sym('z', { sub: J, sup: `[${l}]` }), ' = ', ...terms, ' + ', num(layer.b[j], { paren: true }), ' = ', h('strong', {}, num(z))));
    const a = pass.a[l][j];
    if (layer.activation === 'softmax') {
      rows.push(line(sym('a', { sub: 'j', sup: '[l]' }), ' = ', frac([sup('e', sym('z', { sub: 'j' }))], ['Σ', h('sub', { text: 'k' }), ' ', sup('e', sym('z', { sub: 'k' }))])));
      const zs = pass.z[l];
      rows.push(line(sym('a', { sub: J, sup: `[${l}]` }), ' = ',
        frac([sup('e', num(z))], zs.flatMap((v, k) => [k ? ' + ' : '', sup('e', num(v))])), ' = ', h('strong', {}, num(a))));
    } else {
      rows.push(line(sym('a', { sub: J, sup: `[${l}]` }), ' = g(', sym('z', { sub: J, sup: `[${l}]` }), ') = ',
        G[layer.activation].symbol || t(`activation.${layer.activation}`), '(', num(z), ') = ', h('strong', {}, num(a))));
    }
    rows.push(h('p', { class: 'np-math-note', text: t('inspect.where', { g: t(`activation.${layer.activation}`) }) }));
    // the output
    const out = pass.a[pass.a.length - 1];
    rows.push(lineC('np-math-output', h('var', { text: 'ŷ' }), ' = ', sym('a', { sup: `[${net.layers.length}]` }), ' = ',
      out.length === 1 ? num(out[0]) : ['(', ...out.flatMap((v, k) => [k ? ', ' : '', num(v)]), ')'],
      '  ', h('span', { class: 'np-math-note', text: outputMeaning(t, net, out) })));
    patchChildren(this.body, rows);
    this.body.dataset.z = String(z);
    this.body.dataset.a = String(a);
    this.body.dataset.yhat = out.join(',');
  }
}

function outputMeaning(t, net, out) {
  if (net.loss === 'meanSquaredError') return t('inspect.meanRegression');
  if (out.length === 1) return t('inspect.meanBinary', { p: (out[0] * 100).toFixed(1) });
  let best = 0;
  out.forEach((v, k) => { if (v > out[best]) best = k; });
  return t('inspect.meanMulti', { k: best, p: (out[best] * 100).toFixed(1) });
}

function sup(base, exp) {
  return h('span', { class: 'np-sym' }, h('var', { text: base }), h('sup', {}, exp));
}

function frac(top, bottom) {
  return h('span', { class: 'np-frac' }, h('span', { class: 'np-frac-top' }, ...top), h('span', { class: 'np-frac-bottom' }, ...bottom));
}
