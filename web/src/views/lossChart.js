// The loss chart: training and test loss per epoch on a canvas, linear or log
// scale, with a hover read-out. Keeps at most MAX_POINTS samples by halving
// its resolution when full, so long runs cost the same to draw. Issue 12: a
// pinned run A drawn under the current one (dashed, in its own colours), and
// the epoch the timeline replays marked by a line.

import { h, fmt, setText } from '../dom.js';
import { Lifetime } from '../lifetime.js';

const MAX_POINTS = 1200;
const TRAIN_COLOR = '#8c9bb0';
const TEST_COLOR = '#202124';
export const REF_TRAIN_COLOR = '#e8a951';  // run A (pinned): orange, dashed
export const REF_TEST_COLOR = '#b35c00';

export class LossChart {
  /**
   * @param {Function} t the instance's translator
   * @param {object} [history] a history() of an earlier chart to continue (e.g. after a language switch)
   */
  constructor(t, history = null) {
    this.t = t;
    this.canvas = h('canvas', { class: 'np-chart-canvas' });
    this.tip = h('div', { class: 'np-chart-tip', hidden: true });
    this.el = h('div', {
      class: 'np-chart', role: 'img', 'aria-label': t('output.chartLabel'),
      on: { mousemove: (e) => this.hoverAt(e), mouseleave: () => this.hoverAt(null) },
    }, this.canvas, this.tip);
    this.log = false;
    this.reference = null;  // run A: {epochs, train, test}
    this.cursor = null;     // the epoch the timeline shows, or null (the present)
    this.clear();
    if (history) Object.assign(this, history, { epochs: history.epochs.slice(), train: history.train.slice(), test: history.test.slice(), changed: true });
    // The element's size is read when it changes, not in draw(): draw() runs
    // every frame after the page has updated its figures, and reading
    // clientWidth there forced a layout of the whole page each frame
    // (0.6-0.7 ms of a frame's main thread, measured in a Chromium trace).
    this.width = 0;
    this.height = 0;
    this.life = new Lifetime();
    this.life.observe(new ResizeObserver(() => {
      this.width = this.el.clientWidth;
      this.height = this.el.clientHeight;
      this.draw();
    }), this.el);
  }

  /** Lets go of the observers (the view is rebuilt or removed). */
  destroy() {
    this.life.end();
  }

  clear() {
    this.epochs = [];
    this.train = [];
    this.test = [];
    this.stride = 1;     // keep one sample per `stride` pushes once decimated
    this.pending = 0;
    this.hover = null;
    this.changed = true;
  }

  /** The samples so far, for a new chart to continue from. */
  history() {
    const { epochs, train, test, stride, pending } = this;
    return { epochs, train, test, stride, pending };
  }

  /** Run A's history ({epochs, train, test}, as history() gives) drawn under this run's; null removes it. */
  setReference(history) {
    this.reference = history;
    this.changed = true;
    this.draw();
  }

  /** Marks the epoch the timeline replays (null: none). */
  setCursor(epoch) {
    if (this.cursor === epoch) return;
    this.cursor = epoch;
    this.changed = true;
    this.draw();
  }

  /** Forgets the samples after `epoch` (training went back to it: "Resume from here"). */
  truncate(epoch) {
    let keep = this.epochs.length;
    while (keep > 0 && this.epochs[keep - 1] > epoch) --keep;
    this.epochs.length = keep;
    this.train.length = keep;
    this.test.length = keep;
    this.pending = 0;
    this.changed = true;
  }

  /** The chart's text alternative (screen readers). */
  describe(text) {
    this.el.setAttribute('aria-label', text);
  }

  /** Adds a sample; the same epoch twice replaces the last one. */
  push(epoch, train, test) {
    const last = this.epochs.length - 1;
    if (last >= 0 && this.epochs[last] === epoch) {
      this.train[last] = train;
      this.test[last] = test;
      this.changed = true;
      return;
    }
    if (last >= 0 && epoch < this.epochs[last]) this.clear();
    if (++this.pending < this.stride && this.epochs.length > 1) {
      // between kept samples: overwrite the newest so the line ends at the current epoch
      this.epochs[last] = epoch;
      this.train[last] = train;
      this.test[last] = test;
      this.changed = true;
      return;
    }
    this.pending = 0;
    this.epochs.push(epoch);
    this.train.push(train);
    this.test.push(test);
    if (this.epochs.length > MAX_POINTS) {
      const keep = (a) => a.filter((_, i) => i % 2 === 0 || i === a.length - 1);
      this.epochs = keep(this.epochs);
      this.train = keep(this.train);
      this.test = keep(this.test);
      this.stride *= 2;
    }
    this.changed = true;
  }

  setLog(log) {
    if (this.log !== log) {
      this.log = log;
      this.changed = true;
      this.draw();
    }
  }

  /** Redraws if something changed since the last draw. */
  draw() {
    const w = this.width, hgt = this.height;
    if (!w || !hgt) return;
    const dpr = window.devicePixelRatio || 1;
    const c = this.canvas;
    if (c.width !== Math.round(w * dpr) || c.height !== Math.round(hgt * dpr)) {
      c.width = Math.round(w * dpr);
      c.height = Math.round(hgt * dpr);
      this.changed = true;
    }
    if (!this.changed) return;
    this.changed = false;
    const ctx = c.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, hgt);
    const n = this.epochs.length;
    if (n === 0 && !this.reference) return;
    const s = this.scales(w, hgt);
    // faint grid
    ctx.strokeStyle = '#eceff3';
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let k = 1; k < 4; ++k) {
      const y = Math.round((hgt * k) / 4) + 0.5;
      ctx.moveTo(0, y);
      ctx.lineTo(w, y);
    }
    ctx.stroke();
    const ref = this.reference;
    if (ref) {
      ctx.setLineDash([4, 3]);
      this.line(ctx, ref.train, REF_TRAIN_COLOR, s, ref.epochs);
      this.line(ctx, ref.test, REF_TEST_COLOR, s, ref.epochs);
      ctx.setLineDash([]);
    }
    this.line(ctx, this.train, TRAIN_COLOR, s);
    this.line(ctx, this.test, TEST_COLOR, s);
    if (this.cursor !== null) {
      const x = Math.round(s.x(this.cursor)) + 0.5;
      ctx.strokeStyle = '#1a73e8';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(x, 0);
      ctx.lineTo(x, hgt);
      ctx.stroke();
    }
    if (this.hover !== null && this.hover < n) {
      const x = s.x(this.epochs[this.hover]);
      ctx.strokeStyle = '#9aa0a6';
      ctx.setLineDash([3, 3]);
      ctx.beginPath();
      ctx.moveTo(x + 0.5, 0);
      ctx.lineTo(x + 0.5, hgt);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }

  scales(w, hgt) {
    const n = this.epochs.length;
    const ref = this.reference;
    const ends = [...(n ? [this.epochs[0], this.epochs[n - 1]] : []), ...(ref && ref.epochs.length ? [ref.epochs[0], ref.epochs[ref.epochs.length - 1]] : [])];
    const first = Math.min(...ends), lastEpoch = Math.max(...ends);
    const f = (v) => (this.log ? Math.log10(Math.max(v, 1e-6)) : v);
    let lo = Infinity, hi = -Infinity;
    for (const a of [this.train, this.test, ...(ref ? [ref.train, ref.test] : [])])
      for (const v of a)
        if (Number.isFinite(v)) {
          lo = Math.min(lo, f(v));
          hi = Math.max(hi, f(v));
        }
    if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
    if (!this.log) lo = Math.min(lo, 0);
    if (hi - lo < 1e-9) hi = lo + 1;
    const pad = 3;
    return {
      x: (e) => (lastEpoch === first ? w : ((e - first) / (lastEpoch - first)) * (w - 2)) + 1,
      y: (v) => pad + (1 - (f(v) - lo) / (hi - lo)) * (hgt - 2 * pad),
    };
  }

  line(ctx, values, color, s, epochs = this.epochs) {
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let started = false;
    for (let i = 0; i < values.length; ++i) {
      const v = values[i];
      if (!Number.isFinite(v)) { started = false; continue; }
      const x = s.x(epochs[i]), y = s.y(v);
      if (started) ctx.lineTo(x, y);
      else { ctx.moveTo(x, y); started = true; }
    }
    ctx.stroke();
  }

  hoverAt(e) {
    const n = this.epochs.length;
    if (!e || n === 0) {
      this.hover = null;
      this.tip.hidden = true;
    } else {
      const r = this.el.getBoundingClientRect();
      const s = this.scales(r.width, r.height);
      const x = e.clientX - r.left;
      let best = 0;
      for (let i = 1; i < n; ++i) if (Math.abs(s.x(this.epochs[i]) - x) < Math.abs(s.x(this.epochs[best]) - x)) best = i;
      this.hover = best;
      this.tip.hidden = false;
      setText(this.tip, this.t('output.chartTip', { epoch: this.epochs[best], train: fmt(this.train[best]), test: fmt(this.test[best]) }));
      // kept inside the chart by its measured width (its text is longer in some languages and figures)
      const left = Math.max(0, Math.min(s.x(this.epochs[best]) - 60, r.width - this.tip.offsetWidth));
      this.tip.style.left = `${left}px`;
    }
    this.changed = true;
    this.draw();
  }
}
