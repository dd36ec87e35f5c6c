// Step mode: one forward pass on a chosen training point, layer by layer (the
// active layer highlighted with its z and a), then the loss, then one backward
// pass showing each layer's error signal δ^[l] = ∂L/∂z^[l], and finally the
// weight update of one batch (the first batchSize training points, plain
// gradient descent: W ← W − α·mean(∂L/∂W)). A "Next" button walks through it.
// The numbers are computed here from the weights (the nets are tiny).

import { h, setText, fmt } from '../dom.js';
import { sym, num, line, netFromModel, forward, backward, batchGradients, lossOf } from './math.js';

const SHOW = 8;

const vec = (values, digits = 3) => ['(', ...Array.from(values).slice(0, SHOW).flatMap((v, k) => [k ? ', ' : '', num(v, { digits })]), values.length > SHOW ? ', …' : '', ')'];

/**
 * The significant digits that show every change from `before` to `after`
 * (at least 3, at most 9): a small update must not print as "1.04 → 1.04".
 */
export function digitsForChange(before, after) {
  let digits = 3;
  for (let k = 0; k < Math.min(before.length, SHOW); ++k) {
    if (before[k] === after[k]) continue;
    while (digits < 9 && fmt(before[k], digits) === fmt(after[k], digits)) digits += 1;
  }
  return digits;
}

export class StepMode {
  /**
   * @param {Function} t the instance's translator
   * @param {(column: number) => void} [onLayer] marks the diagram's column (0 = inputs) of the active layer; -1 clears
   */
  constructor(t, onLayer = () => {}) {
    this.t = t;
    this.onLayer = onLayer;
    this.model = null;
    this.weights = null;
    this.data = null;
    this.pointIndex = 0;
    this.phase = -1;
    this.learningRate = 0.03;
    this.batchSize = 10;
    this.next = h('button', { class: 'np-button np-button-primary', type: 'button', 'data-action': 'step-next', text: t('step.start'), on: { click: () => this.advance() } });
    this.restart = h('button', { class: 'np-button', type: 'button', 'data-action': 'step-restart', text: t('step.restart'), on: { click: () => this.reset() } });
    this.other = h('button', { class: 'np-button', type: 'button', 'data-action': 'step-point', text: t('step.otherPoint'), on: { click: () => { this.pointIndex += 1; this.reset(); } } });
    this.strip = h('div', { class: 'np-step-strip', 'data-testid': 'step-strip' });
    this.detail = h('div', { class: 'np-math', 'data-testid': 'step-detail', 'aria-live': 'polite' });
    this.el = h('div', { class: 'np-step' },
      h('p', { class: 'np-help', text: t('step.help') }),
      h('div', { class: 'np-button-row' }, this.next, this.restart, this.other),
      this.strip, this.detail);
  }

  setModel(model) {
    this.model = model;
    this.reset();
  }

  setData(m) {
    this.data = m.train;
    this.regression = m.regression;
  }

  setSettings(state) {
    this.learningRate = state.learningRate;
    this.batchSize = state.batchSize;
  }

  setWeights(w) {
    if (!w) return;
    this.weights = w;
    if (this.phase < 0) this.renderStrip(null);
  }

  reset() {
    const t = this.t;
    this.phase = -1;
    this.snapshot = null;
    setText(this.next, t('step.start'));
    this.next.disabled = false;
    this.detail.replaceChildren();
    this.renderStrip(null);
    this.el.dataset.phase = '-1';
  }

  point() {
    const d = this.data;
    if (!d || !d.n) return { x1: 1, x2: 1, y: 1 };
    const i = this.pointIndex % d.n;
    return { x1: d.x[2 * i], x2: d.x[2 * i + 1], y: d.y[i] };
  }

  advance() {
    const t = this.t;
    if (this.phase < 0) {
      const net = netFromModel(this.model, this.weights);
      if (!net) { this.detail.replaceChildren(h('p', { class: 'np-help', text: t('inspect.waiting') })); return; }
      const p = this.point();
      const pass = forward(net, p.x1, p.x2);
      this.snapshot = { net, p, pass, back: backward(net, pass, p.y) };
    }
    const L = this.snapshot.net.layers.length;
    const last = 2 * L + 2;  // 0: inputs, 1..L forward, L+1 loss, L+2..2L+1 backward, 2L+2 update
    this.phase = Math.min(this.phase + 1, last);
    setText(this.next, this.phase >= last ? t('step.done') : t('step.next'));
    this.next.disabled = this.phase >= last;
    this.el.dataset.phase = String(this.phase);
    this.render();
  }

  renderStrip(active) {
    const t = this.t;
    this.onLayer(active ? active.layer : -1);
    const s = this.snapshot;
    const sizes = this.model ? [this.model.features.length, ...this.model.layers.map((l) => l.units), this.model.output.units] : [];
    this.strip.replaceChildren(...sizes.map((n, l) => {
      const values = s ? (active && active.kind === 'delta' ? s.back.delta[l] : (this.phase >= l ? s.pass.a[l] : null)) : null;
      const on = active && active.layer === l;
      return h('div', { class: `np-step-col${on ? ' np-step-active' : ''}`, 'aria-current': on ? 'step' : null },
        h('div', { class: 'np-step-col-title' }, l === 0 ? t('step.inputs') : sym('a', { sup: `[${l}]` })),
        Array.from({ length: n }, (_, j) => h('div', { class: 'np-step-cell', text: values && values[j] !== undefined ? fmt(values[j]) : '·' })));
    }));
  }

  render() {
    const t = this.t;
    const { net, p, pass, back } = this.snapshot;
    const L = net.layers.length, ph = this.phase;
    const rows = [];
    if (ph === 0) {
      this.renderStrip({ layer: 0 });
      rows.push(line(t('step.point', { x1: fmt(p.x1), x2: fmt(p.x2), y: fmt(p.y) })));
      rows.push(line(sym('a', { sup: '[0]' }), ' = ', ...vec(pass.a[0])));
    } else if (ph <= L) {
      const l = ph;
      this.renderStrip({ layer: l });
      rows.push(line(t('step.forward', { l })));
      rows.push(line(sym('z', { sup: `[${l}]` }), ' = ', sym('W', { sup: `[${l}]` }), h('sup', { text: 'T' }), ' ', sym('a', { sup: `[${l - 1}]` }), ' + ', sym('b', { sup: `[${l}]` }), ' = ', ...vec(pass.z[l])));
      rows.push(line(sym('a', { sup: `[${l}]` }), ' = g(', sym('z', { sup: `[${l}]` }), ') = ', ...vec(pass.a[l]), '   ', t('step.activation', { g: t(`activation.${net.layers[l - 1].activation}`) })));
    } else if (ph === L + 1) {
      this.renderStrip({ layer: L });
      rows.push(line(t('step.loss')));
      rows.push(line(h('var', { text: 'ŷ' }), ' = ', ...vec(pass.a[L]), '   ', h('var', { text: 'y' }), ' = ', num(p.y)));
      rows.push(line('L = ', num(lossOf(net.loss, pass.a[L], p.y))));
    } else if (ph <= 2 * L + 1) {
      const l = L - (ph - L - 2);
      this.renderStrip({ layer: l, kind: 'delta' });
      rows.push(line(t('step.backward', { l })));
      if (l === L) rows.push(line(sym('δ', { sup: `[${l}]` }), ' = ∂L/∂', sym('z', { sup: `[${l}]` }), ' = ',
        net.loss === 'meanSquaredError' ? '2(ŷ − y)' : 'ŷ − y', ' = ', ...vec(back.delta[l])));
      else rows.push(line(sym('δ', { sup: `[${l}]` }), ' = (', sym('W', { sup: `[${l + 1}]` }), ' ', sym('δ', { sup: `[${l + 1}]` }), ') ⊙ g′(', sym('z', { sup: `[${l}]` }), ') = ', ...vec(back.delta[l])));
      const g = back.grads[l - 1];
      rows.push(line('∂L/∂', sym('W', { sup: `[${l}]` }), ' = ', sym('a', { sup: `[${l - 1}]` }), ' ', sym('δ', { sup: `[${l}]` }), h('sup', { text: 'T' }), ' = ', ...vec(g.dW)));
      rows.push(line('∂L/∂', sym('b', { sup: `[${l}]` }), ' = ', sym('δ', { sup: `[${l}]` }), ' = ', ...vec(g.db)));
    } else {
      this.renderStrip(null);
      const d = this.data;
      const n = d ? Math.min(this.batchSize, d.n) : 0;
      const batch = Array.from({ length: n }, (_, i) => ({ x1: d.x[2 * i], x2: d.x[2 * i + 1], y: d.y[i] }));
      const grads = batchGradients(net, batch);
      const lr = this.learningRate;
      rows.push(line(t('step.update', { n, lr: fmt(lr) })));
      rows.push(line(sym('W', { sup: '[l]' }), ' ← ', sym('W', { sup: '[l]' }), ' − α · ', t('step.mean'), '(∂L/∂', sym('W', { sup: '[l]' }), ')'));
      net.layers.forEach((layer, i) => {
        const dW = Array.from(grads[i].dW, (v) => -lr * v);
        const after = Array.from(layer.W, (v, k) => v + dW[k]);
        const digits = digitsForChange(layer.W, after);
        rows.push(line(sym('ΔW', { sup: `[${i + 1}]` }), ' = −α · ', t('step.mean'), '(∂L/∂', sym('W', { sup: `[${i + 1}]` }), ') = ', ...vec(dW)));
        rows.push(h('div', { class: 'np-math-line', 'data-testid': `step-update-${i + 1}` },
          sym('W', { sup: `[${i + 1}]` }), ' : ', ...vec(layer.W, digits), ' → ', ...vec(after, digits)));
      });
      rows.push(h('p', { class: 'np-math-note', text: t('step.optimizerNote') }));
    }
    this.detail.replaceChildren(...rows);
  }
}
