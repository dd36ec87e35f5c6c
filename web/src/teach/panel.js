// The teaching panel under the playground: tabs for the neuron inspector, the
// code view and the loss/activation explainers. It is fed by the page (model
// messages, frames, state, hovered point and neuron) and redraws only the open
// tab, at most a few times a second while training.

import { h } from '../dom.js';
import { Inspector } from './inspector.js';
import { CodeView } from './codeView.js';
import { Explainers } from './explainers.js';
import { StepMode } from './stepMode.js';
import { tabs } from './tabs.js';
import { Lifetime } from '../lifetime.js';

// The panel's redraws while training: a multiple of app.js's FIGURES_MS, so that they
// fall in a frame in which the page lays out for the figures anyway.
const REDRAW_MS = 300;

export class TeachPanel {
  /**
   * @param {Function} t the instance's translator
   * @param {{onLayer?: (column: number) => void}} [hooks] onLayer: step mode's active diagram column (-1: none)
   */
  constructor(t, { onLayer = () => {} } = {}) {
    this.inspector = new Inspector(t);
    this.code = new CodeView(t);
    this.explainers = new Explainers(t);
    this.step = new StepMode(t, onLayer);
    this.tabs = tabs([
      { key: 'inspect', label: t('teach.inspect'), panel: this.inspector.el },
      { key: 'step', label: t('teach.step'), panel: this.step.el },
      { key: 'code', label: t('teach.code'), panel: this.code.el },
      { key: 'explain', label: t('teach.explain'), panel: this.explainers.el },
    ], { label: t('teach.title'), id: 'teach', onSelect: (key) => { if (key !== 'step') onLayer(-1); this.refresh(true); } });
    this.el = h('section', { class: 'np-card np-teach', 'data-testid': 'teach', 'data-control': 'learn', 'aria-label': t('teach.title') },
      h('h2', { class: 'np-card-title', text: t('teach.title') }), this.tabs.el);
    this.state = null;
    this.model = null;
    this.weights = null;
    this.slice = -1;  // the slice of the page's clock (REDRAW_MS) of the last redraw
    // Nothing is redrawn while the card is scrolled out of view (the playground keeps its frame budget).
    this.onScreen = true;
    this.life = new Lifetime();
    this.life.whenSeen(this.el, (on) => {
      this.onScreen = on;
      if (on) this.refresh(true);
    });
  }

  /** Lets go of observers, timers and listeners (the view is rebuilt or removed). */
  destroy() {
    this.life.end();
    this.code.destroy();
  }

  setState(state) {
    const prev = this.state;
    this.state = state;
    if (!prev || prev.activation[0] !== state.activation[0]) this.explainers.setActivation(state.activation[0]);
    this.step.setSettings(state);
    this.refresh(true);
  }

  setModel(model) {
    this.model = model;
    this.weights = null;
    this.inspector.setModel(model);
    this.step.setModel(model);
    this.explainers.setLoss(model.output.loss);
    this.refresh(true);
  }

  setData(m) {
    this.inspector.setDomain(m.domain);
    this.step.setData(m);
  }

  /** A frame from the worker (its arrays go back to the worker after this returns). */
  frame(f) {
    if (!f.weights) return;
    if (!this.weights || this.weights.length !== f.weights.length) this.weights = new Float32Array(f.weights.length);
    this.weights.set(f.weights);
    this.dirty = true;
    this.refresh(false);
  }

  refresh(force) {
    if (!this.tabs || !this.onScreen) return;  // still being built, or off-screen
    // Slices of the page's clock, not of this panel's last redraw: every playground's
    // panel on a lesson page redraws at the same moment, so the page lays out once for them.
    const now = performance.now(), slice = Math.floor(now / REDRAW_MS);
    if (!force && slice === this.slice) {
      if (!this.timer) this.timer = this.life.timeout(() => { this.timer = 0; this.refresh(true); }, (slice + 1) * REDRAW_MS - now);
      return;
    }
    this.slice = slice;
    if (this.timer) this.life.clearTimeout(this.timer);  // this redraw is the one it waited for
    this.timer = 0;
    const tab = this.tabs.selected;
    this.inspector.shown = tab === 'inspect';
    if (tab === 'inspect') {
      this.inspector.setWeights(this.weights);
      this.inspector.render();
    } else if (tab === 'code') {
      this.code.update(this.state, this.model, this.weights);
    } else if (tab === 'step') {
      this.step.setWeights(this.weights);
    }
  }

  hoverPoint(p) {
    this.inspector.hoverPoint(p);
  }

  focusNeuron(index) {
    this.inspector.focusNeuron(index);
  }
}
