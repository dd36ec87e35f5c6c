// Loss and activation explainers: the formula of the current loss with a small
// plot of the loss against the prediction, and the chosen activation's g(z) and
// g'(z) on a small canvas. Formulas are DOM (sub/sup), plots are canvases with
// a text alternative.

import { h } from '../dom.js';
import { sym, line, G } from './math.js';
import { HIDDEN_ACTIVATIONS } from '../catalog.js';
import { CLASS_COLORS, rgb } from '../colors.js';

const W = 220, H = 130;

function frac(top, bottom) {
  return h('span', { class: 'np-frac' }, h('span', { class: 'np-frac-top' }, ...top), h('span', { class: 'np-frac-bottom' }, ...bottom));
}

function lossFormula(t, loss) {
  const y = h('var', { text: 'y' }), yh = () => h('var', { text: 'ŷ' });
  if (loss === 'binaryCrossentropy')
    return line('L(ŷ, y) = −[ ', h('var', { text: 'y' }), ' log ', yh(), ' + (1 − ', h('var', { text: 'y' }), ') log(1 − ', yh(), ') ]');
  if (loss === 'sparseCategoricalCrossentropy')
    return line('L = −', 'Σ', h('sub', { text: 'k' }), ' ', sym('y', { sub: 'k' }), ' log ', sym('ŷ', { sub: 'k' }), ' = −log ', sym('ŷ', { sub: 'y' }));
  return line('L(ŷ, y) = (', yh(), ' − ', y, ')', h('sup', { text: '2' }), '   ', t('explain.mseMean'));
}

function plot(canvas, curves, { xMin, xMax, yMin, yMax }) {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = W * dpr;
  canvas.height = H * dpr;
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, W, H);
  const X = (x) => ((x - xMin) / (xMax - xMin)) * (W - 8) + 4;
  const Y = (y) => H - 4 - ((y - yMin) / (yMax - yMin)) * (H - 8);
  ctx.strokeStyle = '#c4c9d0';
  ctx.lineWidth = 1;
  ctx.beginPath();
  if (yMin <= 0 && yMax >= 0) { ctx.moveTo(0, Y(0)); ctx.lineTo(W, Y(0)); }
  if (xMin <= 0 && xMax >= 0) { ctx.moveTo(X(0), 0); ctx.lineTo(X(0), H); }
  ctx.stroke();
  for (const c of curves) {
    ctx.strokeStyle = c.color;
    ctx.lineWidth = 2;
    ctx.setLineDash(c.dash || []);
    ctx.beginPath();
    for (let i = 0; i <= 200; ++i) {
      const x = xMin + ((xMax - xMin) * i) / 200;
      const y = Math.max(yMin - 1, Math.min(yMax + 1, c.f(x)));
      if (i) ctx.lineTo(X(x), Y(y)); else ctx.moveTo(X(x), Y(y));
    }
    ctx.stroke();
  }
  ctx.setLineDash([]);
}

export class Explainers {
  /** @param {Function} t the instance's translator */
  constructor(t) {
    this.t = t;
    this.lossTitle = h('h3', { class: 'np-subtitle' });
    this.lossFormula = h('div', { class: 'np-math', 'data-testid': 'loss-formula' });
    this.lossCanvas = h('canvas', { class: 'np-mini-plot', role: 'img' });
    this.lossNote = h('p', { class: 'np-help' });
    this.actSelect = h('select', { class: 'np-select', 'aria-label': t('explain.activation'), 'data-testid': 'explain-activation', on: { change: () => this.drawActivation(this.actSelect.value) } },
      HIDDEN_ACTIVATIONS.map((a) => h('option', { value: a, text: t(`activation.${a}`) })));
    this.actFormula = h('div', { class: 'np-math', 'data-testid': 'activation-formula' });
    this.actCanvas = h('canvas', { class: 'np-mini-plot', role: 'img' });
    this.el = h('div', { class: 'np-explainers' },
      h('div', { class: 'np-explainer' }, this.lossTitle, this.lossFormula, this.lossCanvas, this.lossNote),
      h('div', { class: 'np-explainer' },
        h('h3', { class: 'np-subtitle', text: t('explain.activationTitle') }),
        h('label', { class: 'np-field np-field-inline' }, h('span', { class: 'np-field-label', text: t('explain.activation') }), this.actSelect),
        this.actFormula, this.actCanvas,
        h('div', { class: 'np-row' },
          h('span', { class: 'np-line-key np-key-g', text: t('explain.g') }),
          h('span', { class: 'np-line-key np-key-dg', text: t('explain.dg') }))));
    this.loss = null;
  }

  setLoss(loss) {
    const t = this.t;
    if (loss === this.loss) return;
    this.loss = loss;
    this.lossTitle.textContent = t('explain.lossTitle', { loss: t(`loss.${loss}`) });
    this.lossFormula.replaceChildren(lossFormula(t, loss));
    const c0 = rgb(CLASS_COLORS[0]), c1 = rgb(CLASS_COLORS[1]);
    const log = (p) => -Math.log(Math.max(1e-6, p));
    if (loss === 'meanSquaredError') {
      plot(this.lossCanvas, [{ f: (e) => e * e, color: c1 }], { xMin: -2, xMax: 2, yMin: 0, yMax: 4 });
      this.lossNote.textContent = t('explain.lossMseNote');
    } else {
      plot(this.lossCanvas, [{ f: (p) => log(p), color: c1 }, { f: (p) => log(1 - p), color: c0, dash: [5, 3] }], { xMin: 0.001, xMax: 0.999, yMin: 0, yMax: 5 });
      this.lossNote.textContent = loss === 'binaryCrossentropy' ? t('explain.lossBceNote') : t('explain.lossCceNote');
    }
    this.lossCanvas.setAttribute('aria-label', this.lossNote.textContent);
  }

  setActivation(a) {
    if (!G[a]) return;
    this.actSelect.value = a;
    this.drawActivation(a);
  }

  drawActivation(a) {
    const t = this.t;
    const formulas = G[a].formula;
    this.actFormula.replaceChildren(...formulas.map((f) => line(f)));
    // Bounded activations on a tight range, unbounded ones on a wider one.
    const bounded = Math.abs(G[a].f(4)) <= 1 && Math.abs(G[a].f(-4)) <= 1;
    const range = bounded ? { yMin: -1.2, yMax: 1.2 } : { yMin: -2, yMax: 3 };
    plot(this.actCanvas, [{ f: G[a].f, color: '#202124' }, { f: G[a].d, color: rgb(CLASS_COLORS[1]), dash: [5, 3] }], { xMin: -4, xMax: 4, ...range });
    this.actCanvas.setAttribute('aria-label', t('explain.activationPlot', { name: t(`activation.${a}`), g: formulas[0], dg: formulas[1] }));
  }
}
