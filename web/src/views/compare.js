// Compare two runs (issue 12): "Pin this run as A", "Same start", run A's
// boundary beside B's (two small plots with the data), and the settings that
// differ ("learning rate 0.03 → 0.3"). The pinned run lives in the page only
// (App.pinned): it survives a language switch and is not in the share link.

import { h, setText, fmt } from '../dom.js';
import { GRID_RES } from '../plane.js';
import { TRAINING_KEYS, sameValue } from '../state.js';
import { paintGrid, drawPointSet } from './heatmap.js';

/** The settings a comparison lists: every training setting but those that do not change the result. */
export const COMPARED_KEYS = TRAINING_KEYS.filter((k) => !['speed', 'epochs', 'targetLoss', 'targetMetric'].includes(k));
const START_KEYS = ['features', 'layers', 'seed', 'initializer'];
const PLOT_PX = 150;
const REDRAW_MS = 200;  // B's small plot while training

const pct = (v) => `${Math.round(v * 100)}%`;

/** A setting's value as the learner reads it, in the translator's language. */
export function settingText(t, key, value) {
  const list = (v, f) => (Array.isArray(v) ? v.map(f).join(', ') : f(v));
  switch (key) {
    case 'dataset': return t(`dataset.${value}`);
    case 'activation': return list(value, (v) => t(`activation.${v}`));
    case 'optimizer': return t(`optimizer.${value}`);
    case 'regularization': return t(`regularization.${value}`);
    case 'initializer': return t(`initializer.${value}`);
    case 'features': return list(value, (v) => t(`feature.${v}`));
    case 'noise': case 'trainRatio': return pct(value);
    default: return list(value, String);
  }
}

/** The settings that differ between A and B: [{key, from, to}] in schema order. */
export function settingsDiff(a, b) {
  return COMPARED_KEYS.filter((k) => !sameValue(a[k], b[k])).map((k) => ({ key: k, from: a[k], to: b[k] }));
}

// A small plot: the boundary (a res x res canvas scaled by CSS) under the points.
class SmallPlot {
  constructor(testid) {
    this.heat = h('canvas', { class: 'np-plot-heat', width: GRID_RES, height: GRID_RES });
    this.points = h('canvas', { class: 'np-plot-points', width: PLOT_PX * 2, height: PLOT_PX * 2 });
    this.box = h('div', { class: 'np-mini-boundary', role: 'img', 'data-testid': testid }, this.heat, this.points);
    this.image = this.heat.getContext('2d').createImageData(GRID_RES, GRID_RES);
    this.caption = h('figcaption', { class: 'np-help' });
    this.el = h('figure', { class: 'np-compare-plot' }, this.box, this.caption);
  }

  grid(grid, outDim, kind) {
    paintGrid(this.image.data, GRID_RES * GRID_RES, grid, outDim, kind);
    this.heat.getContext('2d').putImageData(this.image, 0, 0);
  }

  data(m) {
    const ctx = this.points.getContext('2d');
    ctx.setTransform(2, 0, 0, 2, 0, 0);
    ctx.clearRect(0, 0, PLOT_PX, PLOT_PX);
    if (m) drawPointSet(ctx, m.train, PLOT_PX, PLOT_PX, { regression: m.regression, radius: 1.8, outline: 0.4 });
  }
}

export class CompareView {
  /**
   * @param {Function} t the instance's translator
   * @param {{onPin: (sameStart: boolean) => void, onUnpin: () => void, onSameStart: (on: boolean) => void}} handlers
   */
  constructor(t, { onPin, onUnpin, onSameStart }) {
    this.t = t;
    this.pinned = null;
    this.state = null;
    this.pinButton = h('button', {
      class: 'np-button np-button-primary', type: 'button', 'data-action': 'pin-run', text: t('compare.pin'),
      on: { click: () => (this.pinned ? onUnpin() : onPin(this.sameStart.checked)) },
    });
    this.sameStart = h('input', { type: 'checkbox', checked: true, 'data-testid': 'same-start' });
    this.sameStart.addEventListener('change', () => { if (this.pinned) onSameStart(this.sameStart.checked); });
    this.a = new SmallPlot('compare-a');
    this.b = new SmallPlot('compare-b');
    this.diffList = h('ul', { class: 'np-diff-list', 'data-testid': 'compare-diff' });
    this.startNote = h('p', { class: 'np-note', hidden: true });
    this.body = h('div', { class: 'np-compare-body', hidden: true },
      h('div', { class: 'np-compare-plots' }, this.a.el, this.b.el),
      h('h3', { class: 'np-subtitle', text: t('compare.diffTitle') }),
      this.diffList,
      this.startNote);
    this.empty = h('p', { class: 'np-help', text: t('compare.none') });
    this.el = h('div', { class: 'np-compare' },
      h('p', { class: 'np-help', text: t('compare.help') }),
      h('div', { class: 'np-button-row np-compare-actions' },
        this.pinButton,
        h('label', { class: 'np-check', title: t('compare.sameStartHelp') }, this.sameStart, h('span', { text: t('compare.sameStart') }))),
      h('p', { class: 'np-help', text: t('compare.sameStartHelp') }),
      h('p', { class: 'np-help np-compare-private', text: t('compare.notShared') }),
      this.empty,
      this.body);
  }

  /**
   * Run A, or null: {epoch, grid, res, outDim, kind, settings, figures, sameStart}
   * (App.pinned), or null when nothing is pinned.
   */
  setPinned(pinned) {
    const t = this.t;
    this.pinned = pinned;
    this.body.hidden = !pinned;
    this.empty.hidden = !!pinned;
    setText(this.pinButton, pinned ? t('compare.unpin') : t('compare.pin'));
    this.pinButton.classList.toggle('np-button-primary', !pinned);
    if (!pinned) return;
    this.sameStart.checked = pinned.sameStart;
    this.a.grid(pinned.grid, pinned.outDim, pinned.kind);
    this.a.data(pinned.data);
    setText(this.a.caption, t('compare.captionA', { epoch: pinned.epoch, loss: fmt(pinned.figures.testLoss) }));
    this.a.box.setAttribute('aria-label', t('compare.plotA', { epoch: pinned.epoch }));
    this.update(this.state);
  }

  /** The points (B's; A's are the ones it was pinned with). */
  setData(m) {
    this.b.data(m);
  }

  /** The current settings: the list of what differs from A. */
  update(state) {
    this.state = state;
    if (!this.pinned || !state) return;
    const t = this.t;
    const diff = settingsDiff(this.pinned.settings, state);
    this.diffList.replaceChildren(...(diff.length
      ? diff.map((d) => h('li', { text: `${t(`compare.key.${d.key}`)} ${settingText(t, d.key, d.from)} → ${settingText(t, d.key, d.to)}` }))
      : [h('li', { class: 'np-help', text: t('compare.noDiff') })]));
    const ownStart = this.sameStart.checked && START_KEYS.some((k) => !sameValue(this.pinned.settings[k], state[k]));
    this.startNote.hidden = !ownStart;
    setText(this.startNote, ownStart ? t('compare.ownStart') : '');
  }

  /** A frame of B: its boundary and caption (while the panel is shown; a few times a second while training). */
  frame(f) {
    if (!this.pinned || f.replay != null) return;
    const now = performance.now();
    if (f.running && now - (this.drawnAt || 0) < REDRAW_MS) return;
    this.drawnAt = now;
    const kind = f.regression ? 'regression' : f.classes > 2 ? 'multi' : 'binary';
    this.b.grid(f.grid, f.outDim, kind);
    setText(this.b.caption, this.t('compare.captionB', { epoch: f.epoch, loss: fmt(f.testLoss) }));
    this.b.box.setAttribute('aria-label', this.t('compare.plotB', { epoch: f.epoch }));
  }
}
