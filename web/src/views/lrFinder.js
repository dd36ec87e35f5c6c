// The learning-rate finder panel (issue 12): "Find a learning rate" asks the
// worker for the range test (the engine's findLearningRate from the run's
// initial weights), then plots the smoothed loss against the learning rate on
// a log axis, marks the suggestion (the steepest descent before the loss blows
// up) and the current rate, and applies the suggestion with one click.

import { h, setText, fmt } from '../dom.js';

const W = 360, H = 170, PAD = { left: 40, right: 10, top: 10, bottom: 30 };
const LOG_MIN = -5, LOG_MAX = 1;  // 1e-5 .. 10, the finder's range
const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹', SUPERSCRIPT_MINUS = '⁻';  // tick labels 10⁻⁵, 10⁻⁴

/** A learning rate rounded to 2 significant digits (what the suggestion applies). */
export function roundRate(lr) {
  return Number(lr.toPrecision(2));
}

export class LrFinderView {
  /**
   * @param {Function} t the instance's translator
   * @param {{onFind: () => void, onApply: (lr: number) => void}} handlers
   */
  constructor(t, { onFind, onApply }) {
    this.t = t;
    this.result = null;
    this.learningRate = null;
    this.findButton = h('button', {
      class: 'np-button np-button-primary', type: 'button', 'data-action': 'find-lr', text: t('lr.find'),
      on: { click: () => { this.setBusy(true); onFind(); } },
    });
    this.status = h('span', { class: 'np-help np-lr-status', role: 'status', 'data-testid': 'lr-status' });
    this.canvas = h('canvas', { class: 'np-lr-canvas', width: W * 2, height: H * 2, role: 'img', 'aria-label': t('lr.chartEmpty'), 'data-testid': 'lr-chart' });
    this.suggestion = h('p', { class: 'np-lr-suggestion', 'data-testid': 'lr-suggestion' });
    this.applyButton = h('button', {
      class: 'np-button', type: 'button', 'data-action': 'apply-lr', hidden: true,
      on: { click: () => { if (this.result && this.result.suggestion !== null) onApply(roundRate(this.result.suggestion)); } },
    });
    this.el = h('div', { class: 'np-lr-finder' },
      h('p', { class: 'np-help', text: t('lr.help') }),
      h('div', { class: 'np-button-row np-lr-actions' }, this.findButton, this.status),
      this.canvas,
      h('div', { class: 'np-button-row np-lr-actions' }, this.suggestion, this.applyButton));
    this.draw();
  }

  setBusy(busy) {
    this.findButton.disabled = busy;
    setText(this.status, busy ? this.t('lr.running') : '');
  }

  /** The worker's 'lrFound' message. */
  show(m) {
    const t = this.t;
    this.result = m;
    this.stale = false;
    this.setBusy(false);
    const lr = m.suggestion === null ? null : roundRate(m.suggestion);
    setText(this.suggestion, lr === null ? t('lr.none') : t('lr.suggested', { lr: String(lr) }));
    this.applyButton.hidden = lr === null;
    if (lr !== null) setText(this.applyButton, t('lr.apply', { lr: String(lr) }));
    let low = 0;
    m.losses.forEach((v, i) => { if (v < m.losses[low]) low = i; });
    this.canvas.setAttribute('aria-label', m.losses.length ? t('lr.chartLabel', {
      from: fmt(m.learningRates[0]), to: fmt(m.learningRates[m.learningRates.length - 1]),
      low: fmt(m.losses[low]), lowLr: fmt(m.learningRates[low]), lr: lr === null ? '–' : String(lr),
    }) : t('lr.chartEmpty'));
    this.draw();
  }

  /** Says so once the settings the curve was made with have changed. */
  settingsChanged() {
    if (!this.result || this.stale) return;
    this.stale = true;
    setText(this.status, this.t('lr.stale'));
  }

  /** The applied rate, after a click on "Use …". */
  applied(lr) {
    setText(this.status, this.t('lr.applied', { lr: String(lr) }));
  }

  /** The current learning rate (a grey line on the plot). */
  setLearningRate(lr) {
    if (this.learningRate === lr) return;
    this.learningRate = lr;
    this.draw();
  }

  draw() {
    const t = this.t;
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(2, 0, 0, 2, 0, 0);
    ctx.clearRect(0, 0, W, H);
    const x = (lr) => PAD.left + ((Math.log10(lr) - LOG_MIN) / (LOG_MAX - LOG_MIN)) * (W - PAD.left - PAD.right);
    const m = this.result;
    const losses = m ? m.losses : [];
    let lo = Infinity, hi = -Infinity;
    for (const v of losses) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
    hi = Math.min(hi, lo + 4 * Math.max(losses[0] - lo, 1e-6));  // the blow-up goes off the top
    if (hi - lo < 1e-9) hi = lo + 1;
    const y = (v) => PAD.top + (1 - (Math.min(v, hi) - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
    // axes and decade ticks
    ctx.strokeStyle = '#c4c9d0';
    ctx.lineWidth = 1;
    ctx.strokeRect(PAD.left + 0.5, PAD.top + 0.5, W - PAD.left - PAD.right, H - PAD.top - PAD.bottom);
    ctx.fillStyle = '#5f6368';
    ctx.font = '10px system-ui, sans-serif';
    ctx.textAlign = 'center';
    for (let d = LOG_MIN; d <= LOG_MAX; ++d) {
      const px = Math.round(x(10 ** d)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(px, H - PAD.bottom);
      ctx.lineTo(px, H - PAD.bottom + 4);
      ctx.stroke();
      ctx.fillText(d < -3 ? `10${SUPERSCRIPT_MINUS}${SUPERSCRIPTS[-d]}` : String(10 ** d), px, H - PAD.bottom + 14);
    }
    ctx.fillText(t('lr.axis'), PAD.left + (W - PAD.left - PAD.right) / 2, H - 3);
    ctx.textAlign = 'right';
    ctx.fillText(fmt(hi), PAD.left - 4, PAD.top + 8);
    ctx.fillText(fmt(lo), PAD.left - 4, H - PAD.bottom);
    // a dashed vertical line at learning rate lr
    const mark = (lr, color, dash) => {
      const px = Math.round(x(lr)) + 0.5;
      ctx.strokeStyle = color;
      ctx.setLineDash(dash);
      ctx.beginPath();
      ctx.moveTo(px, PAD.top);
      ctx.lineTo(px, H - PAD.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      return px;
    };
    // the current learning rate
    if (this.learningRate) {
      const px = mark(this.learningRate, '#9aa0a6', [2, 3]);
      ctx.textAlign = 'left';
      ctx.fillText(t('lr.current', { lr: fmt(this.learningRate) }), px + 3, PAD.top + 10);
    }
    if (!m || losses.length === 0) return;
    // the smoothed loss
    ctx.strokeStyle = '#1f3a60';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    losses.forEach((v, i) => {
      const px = x(m.learningRates[i]), py = y(v);
      if (i === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    });
    ctx.stroke();
    // the suggestion
    if (m.suggestion !== null) {
      const px = mark(m.suggestion, '#d93025', [4, 3]), py = y(losses[m.suggestionIndex]);
      ctx.fillStyle = '#d93025';
      ctx.beginPath();
      ctx.arc(px, py, 4.5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.textAlign = px > W - 90 ? 'right' : 'left';
      ctx.fillText(String(roundRate(m.suggestion)), px + (px > W - 90 ? -7 : 7), py - 7);
    }
  }
}
