// The metrics panel (issue 12), from the worker's 'metrics' message (the
// engine's classificationReport / regressionReport of the model shown, on the
// training or test points). Classification: the confusion matrix (counts or
// row percentages, class colours; hovering or focusing a cell highlights its
// points on the plot), per-class precision, recall and F1, and accuracy.
// Regression: R², RMSE, MAE and a plot of prediction against target. The
// tables are real tables (headers and captions) and the plot has a text
// alternative.

import { h, setText, fmt } from '../dom.js';
import { CLASS_COLORS, labelColor, rgb } from '../colors.js';

const PLOT_PX = 220;
const pct = (v) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');

// A radio group of small toggle buttons: [[value, label]], onChange(value).
function toggles(label, items, value, onChange) {
  const buttons = items.map(([v, text]) => h('button', {
    class: 'np-chip', type: 'button', role: 'radio', 'data-value': v, 'aria-checked': v === value ? 'true' : 'false', text,
    on: { click: () => select(v) },
  }));
  function select(v) {
    for (const b of buttons) b.setAttribute('aria-checked', b.getAttribute('data-value') === v ? 'true' : 'false');
    onChange(v);
  }
  return h('div', { class: 'np-field np-field-inline' }, h('span', { class: 'np-field-label', text: label }),
    h('div', { class: 'np-chips', role: 'radiogroup', 'aria-label': label }, buttons));
}

// WCAG relative luminance of an sRGB colour.
const luminance = (c) => {
  const [r, g, b] = c.map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

// The cell's background: the true class's colour, stronger for a larger share
// of the row; text black or white, whichever contrasts more (one of the two
// always reaches 4.5:1).
function shade(cell, klass, share) {
  const c = CLASS_COLORS[klass % CLASS_COLORS.length];
  const a = 0.08 + 0.8 * share;
  const mixed = c.map((v) => Math.round(255 + (v - 255) * a));
  cell.style.backgroundColor = rgb(mixed);
  const l = luminance(mixed);
  cell.style.color = (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

export class EvaluationView {
  /**
   * @param {Function} t the instance's translator
   * @param {{onSet: (set: 'train'|'test') => void, onHighlight: (h: {set: string, mask: Uint8Array}|null) => void}} handlers
   */
  constructor(t, { onSet, onHighlight }) {
    this.t = t;
    this.onHighlight = onHighlight;
    this.set = 'test';
    this.mode = 'counts';
    this.last = null;
    this.classes = 0;
    this.help = h('p', { class: 'np-help' });
    const setToggle = toggles(t('metrics.data'), [['train', t('metrics.train')], ['test', t('metrics.test')]], this.set, (v) => {
      this.set = v;
      onSet(v);
    });
    this.modeToggle = toggles(t('metrics.show'), [['counts', t('metrics.counts')], ['rows', t('metrics.rowPercent')]], this.mode, (v) => {
      this.mode = v;
      if (this.last) this.render(this.last);
    });
    this.matrix = h('table', { class: 'np-confusion', 'data-testid': 'confusion' });
    this.accuracy = h('p', { class: 'np-metrics-accuracy', 'data-testid': 'metrics-accuracy' });
    this.perClass = h('table', { class: 'np-per-class', 'data-testid': 'per-class' });
    this.classification = h('div', { class: 'np-eval-classification' },
      h('div', { class: 'np-eval-block' }, this.matrix, this.accuracy),
      h('div', { class: 'np-eval-block' },
        h('p', { class: 'np-help', text: t('metrics.perClassHelp') }),
        this.perClass,
        h('p', { class: 'np-help', text: t('metrics.undefined') })));
    this.figures = h('div', { class: 'np-metrics np-eval-figures', 'data-testid': 'regression-figures' });
    this.canvas = h('canvas', { class: 'np-residual', width: PLOT_PX * 2, height: PLOT_PX * 2, role: 'img', 'data-testid': 'residual-plot' });
    this.regression = h('div', { class: 'np-eval-regression', hidden: true },
      h('div', { class: 'np-eval-block' }, this.figures),
      h('div', { class: 'np-eval-block' }, h('h3', { class: 'np-field-label', text: t('metrics.residualTitle') }), this.canvas));
    this.none = h('p', { class: 'np-help', hidden: true });
    this.el = h('div', { class: 'np-evaluation' },
      this.help,
      h('div', { class: 'np-row np-eval-controls' }, setToggle, this.modeToggle),
      this.none, this.classification, this.regression);
    setText(this.help, t('metrics.help'));
  }

  /** The worker's 'metrics' message. */
  show(m) {
    this.last = m;
    this.render(m);
  }

  render(m) {
    const t = this.t;
    setText(this.help, m.regression ? t('metrics.helpRegression') : t('metrics.help'));
    this.modeToggle.hidden = m.regression;
    const setName = m.set === 'train' ? t('metrics.train') : t('metrics.test');
    this.none.hidden = !!m.report;
    setText(this.none, m.report ? '' : t('metrics.none', { set: setName }));
    this.classification.hidden = m.regression || !m.report;
    this.regression.hidden = !m.regression || !m.report;
    if (!m.report) return;
    if (m.regression) this.renderRegression(m, setName);
    else this.renderClassification(m, setName);
  }

  // ---- classification ----
  renderClassification(m, setName) {
    const t = this.t, r = m.report, k = m.classes;
    if (this.classes !== k || !this.cells) this.buildTables(k);
    this.matrixCaption.textContent = t('metrics.caption', { set: setName, epoch: m.epoch });
    for (let i = 0; i < k; ++i) {
      let row = 0;
      for (let j = 0; j < k; ++j) row += r.confusionMatrix[i * k + j];
      for (let j = 0; j < k; ++j) {
        const n = r.confusionMatrix[i * k + j];
        const share = row > 0 ? n / row : 0;
        const cell = this.cells[i][j];
        setText(cell, this.mode === 'rows' ? (row > 0 ? `${Math.round(share * 100)}%` : '–') : String(n));
        cell.setAttribute('aria-label', t('metrics.cell', { n, true: i, pred: j, pct: row > 0 ? `${Math.round(share * 100)}%` : '–' }));
        shade(cell, i, share);
      }
    }
    const correct = r.confusionMatrix.reduce((a, v, idx) => a + (idx % (k + 1) === 0 ? v : 0), 0);
    setText(this.accuracy, t('metrics.accuracy', { value: pct(r.accuracy), correct, n: m.n }));
    for (let c = 0; c < k; ++c) {
      const cells = this.classCells[c];
      setText(cells[0], pct(r.precision[c]));
      setText(cells[1], pct(r.recall[c]));
      setText(cells[2], pct(r.f1[c]));
      setText(cells[3], String(r.support[c]));
    }
    if (this.hovered) this.highlight(...this.hovered);
  }

  buildTables(k) {
    const t = this.t;
    this.classes = k;
    const swatch = (c) => {
      const s = h('span', { class: 'np-swatch', 'aria-hidden': 'true' });
      s.style.backgroundColor = rgb(labelColor(c, false));
      return s;
    };
    const classHead = (c, scope) => h('th', { scope }, swatch(c), ` ${c}`);
    this.matrixCaption = h('caption', { class: 'np-help' });
    this.cells = [];
    const rows = [];
    for (let i = 0; i < k; ++i) {
      const cells = [];
      for (let j = 0; j < k; ++j) {
        const cell = h('td', {
          tabindex: '0', class: i === j ? 'np-cell-diagonal' : null, 'data-cell': `${i},${j}`,
          on: { mouseenter: () => this.highlight(i, j), focus: () => this.highlight(i, j), mouseleave: () => this.highlight(null), blur: () => this.highlight(null) },
        });
        cells.push(cell);
      }
      this.cells.push(cells);
      rows.push(h('tr', null, classHead(i, 'row'), cells));
    }
    this.matrix.replaceChildren(this.matrixCaption,
      h('thead', null, h('tr', null, h('th', { scope: 'col', class: 'np-confusion-corner', text: t('metrics.trueClass') }),
        Array.from({ length: k }, (_, j) => classHead(j, 'col')))),
      h('tbody', null, rows));
    this.classCells = [];
    const body = [];
    for (let c = 0; c < k; ++c) {
      const cells = [h('td'), h('td'), h('td'), h('td')];
      this.classCells.push(cells);
      body.push(h('tr', null, classHead(c, 'row'), cells));
    }
    this.perClass.replaceChildren(
      h('thead', null, h('tr', null, ['class', 'precision', 'recall', 'f1', 'support'].map((key) => h('th', { scope: 'col', text: t(`metrics.${key}`) })))),
      h('tbody', null, body));
  }

  /** Highlights on the plot the points of cell (true i, predicted j); highlight(null) clears. */
  highlight(i, j) {
    const m = this.last;
    if (i === null || !m || !m.report || m.regression) {
      this.hovered = null;
      this.onHighlight(null);
      return;
    }
    this.hovered = [i, j];
    const { predicted, labels } = m.report;
    const mask = new Uint8Array(predicted.length);
    for (let p = 0; p < predicted.length; ++p) mask[p] = labels[p] === i && predicted[p] === j ? 1 : 0;
    this.onHighlight({ set: m.set, mask });
  }

  // ---- regression ----
  renderRegression(m, setName) {
    const t = this.t, r = m.report;
    const figure = (label, value) => h('div', { class: 'np-metric' }, h('span', { class: 'np-metric-label', text: label }),
      h('span', { class: 'np-metric-value', text: value }));
    this.figures.replaceChildren(figure(t('metrics.r2'), fmt(r.r2)), figure(t('metrics.rmse'), fmt(r.rmse)), figure(t('metrics.mae'), fmt(r.mae)));
    this.canvas.setAttribute('aria-label', t('metrics.residualLabel', { n: m.n, set: setName, epoch: m.epoch, r2: fmt(r.r2), rmse: fmt(r.rmse), mae: fmt(r.mae) }));
    this.drawResiduals(r.targets, r.predictions);
  }

  drawResiduals(targets, predictions) {
    const t = this.t;
    const ctx = this.canvas.getContext('2d');
    const w = PLOT_PX, pad = 44;
    ctx.setTransform(2, 0, 0, 2, 0, 0);
    ctx.clearRect(0, 0, w, w);
    let lo = Infinity, hi = -Infinity;
    for (const a of [targets, predictions]) for (const v of a) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (!(hi > lo)) { lo -= 1; hi += 1; }
    const [low, high] = [lo, hi];
    const span = hi - lo;
    lo -= span * 0.05;
    hi += span * 0.05;
    const px = (v) => pad + ((v - lo) / (hi - lo)) * (w - pad - 6);
    const py = (v) => w - pad - ((v - lo) / (hi - lo)) * (w - pad - 6);
    ctx.strokeStyle = '#c4c9d0';
    ctx.lineWidth = 1;
    ctx.strokeRect(pad + 0.5, 6.5, w - pad - 6, w - pad - 6);
    ctx.setLineDash([4, 3]);
    ctx.strokeStyle = '#5f6368';
    ctx.beginPath();
    ctx.moveTo(px(lo), py(lo));
    ctx.lineTo(px(hi), py(hi));
    ctx.stroke();
    ctx.setLineDash([]);
    for (let i = 0; i < targets.length; ++i) {
      ctx.fillStyle = rgb(labelColor(targets[i], true));
      ctx.strokeStyle = 'rgba(32, 33, 36, 0.45)';
      ctx.beginPath();
      ctx.arc(px(targets[i]), py(predictions[i]), 2.5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
    ctx.fillStyle = '#5f6368';
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText(t('metrics.target'), pad + (w - pad) / 2, w - 6);
    ctx.fillText(fmt(low), px(low), w - pad + 12);
    ctx.fillText(fmt(high), px(high), w - pad + 12);
    ctx.textAlign = 'right';
    ctx.fillText(fmt(low), pad - 3, py(low) + 3);
    ctx.fillText(fmt(high), pad - 3, py(high) + 8);
    ctx.textAlign = 'center';
    ctx.save();
    ctx.translate(10, (w - pad) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(t('metrics.prediction'), 0, 0);
    ctx.restore();
  }
}
