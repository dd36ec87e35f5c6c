// "Inside the network" (issue 13): a card under the playground with four views
// of the live network — the hidden layer's own space, gradient flow and the
// health of each layer, histograms over time, and the loss landscape. It tells
// the worker what the open view needs (a `view` message with {inside}) only
// while the card is on screen, feeds the views from each frame, and marks the
// dead ReLU units for the network diagram. The state keys inside, spaceLayer,
// spaceNeurons, landscapeSeed and landscapeSpan (state.js) choose what it shows.

import { h } from '../dom.js';
import { Lifetime } from '../lifetime.js';
import { tabs } from '../teach/tabs.js';
import { INSIDE_VIEWS } from '../state.js';
import { SpaceView } from './space.js';
import { HealthView } from './health.js';
import { HistogramsView, BINS } from './histograms.js';
import { LandscapeView } from './landscape.js';

const REDRAW_MS = 400;    // health and histograms: at most this often while training
const DESCRIBE_MS = 1000; // text alternatives: at most once a second while training

export class InsidePanel {
  /**
   * @param {Function} t the instance's translator
   * @param {object} hooks
   * @param {(patch: object) => void} hooks.onChange a state patch (the view keys above)
   * @param {(inside: object) => void} hooks.onRequest what the frames should carry ({space?, stats?, bins?})
   * @param {(args: object) => void} hooks.onLossSurface asks the worker for a loss landscape
   * @param {InsidePanel} [previous] the panel this one replaces (a language switch): its
   *   histories, landscape and 3-D angle carry over
   */
  constructor(t, { onChange, onRequest, onLossSurface }, previous = null) {
    this.t = t;
    this.onChange = onChange;
    this.onRequest = onRequest;
    this.space = new SpaceView(t, { onChange });
    this.health = new HealthView(t);
    this.histograms = new HistogramsView(t);
    this.landscape = new LandscapeView(t, { onChange, onCompute: onLossSurface });
    this.views = { space: this.space, health: this.health, histograms: this.histograms, landscape: this.landscape };
    this.building = true;
    this.tabs = tabs(INSIDE_VIEWS.map((key) => ({ key, label: t(`inside.tab.${key}`), panel: this.views[key].el })), {
      label: t('inside.title'), id: 'inside',
      onSelect: (key) => {
        if (this.building) return;
        if (!this.state || this.state.inside !== key) onChange({ inside: key });
      },
    });
    this.building = false;
    this.el = h('section', { class: 'np-card np-inside', 'data-testid': 'inside', 'data-control': 'inside', 'aria-label': t('inside.title') },
      h('h2', { class: 'np-card-title', text: t('inside.title') }), this.tabs.el);
    this.state = null;
    this.model = null;
    this.run = -1;
    this.diagram = false;      // is the network diagram on screen (dead units are marked there)
    this.onScreen = false;
    this.sent = '';
    this.drawnAt = 0;
    this.describedAt = 0;
    if (previous) {
      for (const key of Object.keys(this.views)) this.views[key].adopt(previous.views[key]);
      this.model = previous.model;
      this.run = previous.run;
      this.frameRun = previous.frameRun;
    }
    this.life = new Lifetime();  // its observers, ended by destroy()
    if (typeof IntersectionObserver !== 'undefined') {
      this.life.observe(new IntersectionObserver((entries) => {
        const on = entries.some((e) => e.isIntersecting);
        if (on === this.onScreen) return;
        this.onScreen = on;
        this.request();
        if (on) this.opened();
      }), this.el);
    } else this.onScreen = true;
    this.life.observe(new ResizeObserver(() => this.redraw(true)), this.el);
  }

  /**
   * Stops observing (the views are rebuilt, e.g. in another language, or the
   * playground is removed): no more requests from this panel.
   */
  destroy() {
    this.life.end();
    this.onRequest = () => {};
    this.onScreen = false;
  }

  /** The open view's name. */
  get open() {
    return this.state ? this.state.inside : INSIDE_VIEWS[0];
  }

  setState(state) {
    const before = this.state;
    this.state = state;
    if (!before || before.inside !== state.inside) this.tabs.select(state.inside);
    this.space.setState(state);
    this.landscape.setState(state);
    this.request();
    if (!before || before.inside !== state.inside) this.opened();
    else this.redraw(true);
  }

  setModel(model) {
    const same = model.run === this.run;  // the same run: e.g. the optimizer changed, or the language
    this.model = model;
    this.space.setModel(model);
    this.health.setModel(model, same);
    this.histograms.setModel(model, same);
    if (!same) this.landscape.setModel(model);
    this.run = model.run;
    this.request();
    if (this.open === 'landscape' && this.onScreen) this.landscape.shown();
  }

  setData(m) {
    this.space.setData(m);
  }

  /** Whether the network diagram is on screen: it shows dead units when the network has ReLU layers. */
  setDiagramVisible(visible) {
    this.diagram = visible;
    this.request();
  }

  /** What the frames must carry for the open view (and the diagram's dead units); sent when it changes. */
  request() {
    const r = {};
    const open = this.onScreen && this.state && this.model;
    if (open && this.open === 'space') {
      const c = this.space.choice();
      if (c && c.neurons) r.space = { layer: c.layer, neurons: c.neurons };
    }
    const relu = this.model && this.model.layers.some((l) => l.activation === 'relu');
    if ((open && this.open === 'health') || (this.diagram && relu)) r.stats = true;
    if (open && this.open === 'histograms') r.bins = BINS;
    const text = JSON.stringify(r);
    if (text === this.sent) return;
    this.sent = text;
    this.onRequest(r);
  }

  opened() {
    if (!this.onScreen) return;
    if (this.open === 'landscape') this.landscape.shown();
    this.redraw(true);
  }

  /** A frame from the worker: feeds the views (its arrays go back to the worker afterwards). */
  frame(f) {
    if (f.run !== this.frameRun) {
      this.frameRun = f.run;
      this.health.clear();
      this.histograms.clear();
    }
    const inside = f.inside;
    // A replayed snapshot (issue 12's timeline) shows in the hidden space and on the
    // diagram; the histories over time keep to the live run.
    const live = f.replay === null || f.replay === undefined;
    if (live && inside && inside.stats) this.health.push(f.epoch, inside.stats);
    if (live && inside && inside.histograms) this.histograms.push(f.epoch, inside.histograms);
    this.landscape.frame(f.epoch);
    if (!this.onScreen) return;
    if (this.open === 'space') {
      if (inside && inside.space) this.space.frame(inside.space);
    } else this.redraw(!f.running);
    this.describe(!f.running);
  }

  /** Redraws the open health/histogram view, at most every REDRAW_MS unless forced. */
  redraw(force) {
    if (!this.onScreen || !this.state) return;
    const now = performance.now();
    if (!force && now - this.drawnAt < REDRAW_MS) return;
    this.drawnAt = now;
    this.views[this.open].draw();
  }

  /** The open view's text alternative, at most once a second while training. */
  describe(force) {
    const now = performance.now();
    if (!force && now - this.describedAt < DESCRIBE_MS) return;
    this.describedAt = now;
    const view = this.views[this.open];
    view.figure.setAttribute('aria-label', `${this.t(`inside.tab.${this.open}`)}. ${view.describe()}`);
  }

  /** The worker's loss landscape. */
  showSurface(m) {
    if (this.model && m.run !== this.run) {  // from a model that is gone
      this.landscape.discard();
      if (this.open === 'landscape' && this.onScreen) this.landscape.shown();
      return;
    }
    this.landscape.show(m);
    this.describe(true);
  }

  lossSurfaceFailed(message) {
    this.landscape.failed(message);
  }

  /** The latest stats for the network diagram: dead unit flags per layer, or null. */
  deadUnits(f) {
    return f.inside && f.inside.stats ? f.inside.stats.map((s) => s.dead) : null;
  }
}
