// <nn-playground>: the playground as a custom element for lesson pages.
//
//   <script type="module" src="nn-playground.js"></script>
//   <nn-playground dataset="xor" layers="3" activation="sigmoid" seed="7"></nn-playground>
//
// Each element mounts its own App (app.js) into its own shadow root, with its
// own worker, state and seed. Attributes: every state key (state.js SCHEMA) by
// its kebab-case name, as in the page's URL hash, read at start and applied
// live when changed; plus controls, autoplay, lang, height, compact. Values are
// validated like the URL hash: a bad one is clamped or ignored and a warning
// naming it shows inside that instance only.
//
// Script API: play(), pause(), reset(), step(unit), getModel(), model, state,
// lesson; events nn-epoch {epoch, trainLoss, testLoss, accuracy, ...},
// nn-goal {goal, met, epoch, trainLoss, testLoss, accuracy, state} and
// nn-diverged. Lessons (issue 11): preset, goal, max-layers, max-neurons,
// max-epochs, locked, mode, data-src, model-src, and slot="hint" children,
// revealed one at a time (the author's elements, assigned to our slot).
// See web/examples/lesson.html and exercise.html.

import { loadNnplay } from 'nnplay';
import { App } from './app.js';
import { h } from './dom.js';
import { translator, pageLanguage } from './i18n/index.js';
import { KEYS, SCHEMA, LESSON_NAMES, attrName, keyOf, parseEntries, parseOptions } from './state.js';
import { readLesson, parseLesson, fitConstraints } from './lesson/options.js';
import { epochDetail, divergedDetail } from './lesson/report.js';
import pageCss from '../style.css';  // bundled as text (esbuild --loader:.css=text)

const STATE_ATTRS = KEYS.map(attrName);
const OPTION_ATTRS = ['controls', 'autoplay', 'lang', 'height', 'compact'];
// The lesson's attributes (report-to is the iframe mode's; hints are children).
const LESSON_ATTRS = LESSON_NAMES.filter((n) => n !== 'report-to' && n !== 'hint');

// The page's sheet, scoped to the shadow root: :root/body become :host and the
// width breakpoints follow the element's width (container queries), not the
// window's. Then the element's own rules: host isolation and the compact layout.
function compactRules(p) {
  return `
${p} .np-bar-inner { padding: 6px 10px; flex-wrap: wrap; gap: 6px 14px; }
${p} .np-main { grid-template-columns: minmax(0, 1fr) minmax(0, 250px); padding: 10px; gap: 10px; }
${p} .np-col-left { grid-column: 1 / -1; }
${p} .np-col-output { grid-column: auto; display: block; }
${p} .np-card { padding: 10px 12px 12px; }
${p} .np-datasets { grid-template-columns: repeat(8, minmax(0, 52px)); gap: 6px; }
${p} .np-data { display: flex; flex-wrap: wrap; gap: 0 16px; align-items: flex-end; }
${p} .np-data > * { flex: 1 1 140px; }
${p} .np-data > [data-control=dataset], ${p} .np-data > .np-note, ${p} .np-data > .np-data-edit { flex-basis: 100%; }
`;
}
const ELEMENT_CSS = `
:host {
  all: initial;
  display: block;
  container: np / inline-size;
  /* layout and style, not paint: a paint-contained host clips its content to its
     rounded corners, and without a GPU Chromium composites each such clip over
     a canvas as its own masked pass (a trace of the four-playground lesson:
     62 -> 40 ms per compositor frame without it). The bar rounds its own corners. */
  contain: layout style;
  background: var(--np-bg);
  color: var(--np-text);
  font: 14px/1.45 var(--np-font);
  text-align: left;
  border-radius: 10px;
  border: 1px solid var(--np-line);
}
:host([hidden]) { display: none; }
/* The host's inner corners (its radius less its border; set by fitCorners, 10px less 1px
   by default): the shell's, and the first row's own top corners (the phone layout's
   first row is the run bar). */
.np-shell {
  border-top-left-radius: var(--np-inner-top-left, 9px);
  border-top-right-radius: var(--np-inner-top-right, 9px);
  border-bottom-right-radius: var(--np-inner-bottom-right, 9px);
  border-bottom-left-radius: var(--np-inner-bottom-left, 9px);
}
.np-bar, .np-runbar {
  border-radius: 0;
  border-top-left-radius: var(--np-inner-top-left, 9px);
  border-top-right-radius: var(--np-inner-top-right, 9px);
}
/* At the foot of the playground a notice keeps clear of the host's border, shadow included
   (the host does not clip: see contain above). */
.np-notices:not(:empty) { padding-bottom: 10px; }
.np-notice { box-shadow: 0 2px 8px rgba(20, 33, 61, 0.22); }
.np-shell.np-fixed-height { overflow: auto; }  /* height="…": the playground scrolls inside its box */
.np-failed { margin: 12px; padding: 10px 12px; border-radius: 8px; background: #fce8e6; color: #a50e0e; font-size: 14px; }
@container np (min-width: 561px) and (max-width: 900px) { ${compactRules('.np-shell')} }
${compactRules('.np-shell.np-compact')}
`;
let sheet = null;
function styleSheet() {
  if (!sheet) {
    const scoped = pageCss
      .replace(/:root\b/g, ':host')
      .replace(/(^|\})\s*body\s*\{/g, '$1 .np-shell {')
      .replace(/@media\s*\(max-width/g, '@container np (max-width');
    sheet = new CSSStyleSheet();
    sheet.replaceSync(scoped + ELEMENT_CSS);
  }
  return sheet;
}

// Instances off-screen stop drawing (training and events go on).
let observer = null;
function visibility() {
  if (!observer && typeof IntersectionObserver === 'function') {
    observer = new IntersectionObserver((entries) => {
      for (const e of entries) e.target.setVisible(e.isIntersecting);
    }, { rootMargin: '100px' });
  }
  return observer;
}

// A page may round or border the element its own way: the shell follows the host's
// inner corners, read again whenever the host's size changes (percentages follow it).
let resizer = null;
function cornerWatch() {
  if (!resizer && typeof ResizeObserver === 'function') {
    resizer = new ResizeObserver((entries) => { for (const e of entries) e.target.fitCorners(); });
  }
  return resizer;
}
const CORNERS = [['top-left', 'left', 'top'], ['top-right', 'right', 'top'], ['bottom-right', 'right', 'bottom'], ['bottom-left', 'left', 'bottom']];

/**
 * Defines <nn-playground> (once).
 * @param {object} config
 * @param {URL|string} config.workerUrl the worker module (the bundle itself)
 * @param {object} [config.engineOptions] loadNnplay options for the main-thread
 *   engine behind `el.model` (e.g. {wasmBinary} in the single-file bundle)
 */
export function definePlayground(config) {
  if (customElements.get('nn-playground')) return customElements.get('nn-playground');
  let engine = null;
  const mainEngine = () => (engine ||= loadNnplay(config.engineOptions || {}));

  class NnPlayground extends HTMLElement {
    static get observedAttributes() {
      return [...STATE_ATTRS, ...OPTION_ATTRS, ...LESSON_ATTRS];
    }

    constructor() {
      super();
      // Manual slot assignment: the hints (slot="hint" children) are shown one at a time.
      this.attachShadow({ mode: 'open', slotAssignment: 'manual' });
      this.shadowRoot.adoptedStyleSheets = [styleSheet()];
      this.shell = h('div', { class: 'np-shell', part: 'shell' });
      this.mount = h('div', { class: 'np-root' });
      this.shell.append(this.mount);
      this.shadowRoot.append(this.shell);
      this.app = null;
      this.queued = [];
      this.snapshot = null;
      this.snapshotPromise = null;
      this.snapshotWaiters = new Map();
      this.snapshotId = 0;
      this.weightsVersion = 0;     // of the worker's weights (each frame says); the snapshot is stale when they differ
      this.snapshotVersion = -1;
      this.lastEpoch = -1;
      this.wasRunning = false;
      this.visible = true;
    }

    connectedCallback() {
      if (!this.app && !this.failed) this.start();
      const o = visibility();
      if (o) o.observe(this);
      const r = cornerWatch();
      if (r) r.observe(this);
      // Hints added or removed later (the page still parsing, or its script): shown anew.
      if (!this.childWatch) {
        this.childWatch = new MutationObserver(() => { if (this.app) this.app.lesson.hintsChanged(); });
        this.childWatch.observe(this, { childList: true });
      }
    }

    disconnectedCallback() {
      if (observer) observer.unobserve(this);
      if (resizer) resizer.unobserve(this);
      if (this.childWatch) this.childWatch.disconnect();
      this.childWatch = null;
      // Moving the element disconnects and reconnects it in one task: keep it.
      queueMicrotask(() => { if (!this.isConnected) this.stop(); });
    }

    /**
     * The shell's corner radii: the host's inner ones, per corner the outer radius
     * less the border's width (CSS's own rule for a box's inner curve), so that
     * nothing square-cornered shows past a page's border-radius.
     */
    fitCorners() {
      const s = getComputedStyle(this);
      const length = (v, of) => (v.endsWith('%') ? (parseFloat(v) / 100) * of : parseFloat(v));  // NaN for a calc()
      for (const [corner, side, edge] of CORNERS) {
        const [rx, ry = rx] = s.getPropertyValue(`border-${corner}-radius`).trim().split(/\s+/);
        const x = length(rx, this.offsetWidth) - (parseFloat(s.getPropertyValue(`border-${side}-width`)) || 0);
        const y = length(ry, this.offsetHeight) - (parseFloat(s.getPropertyValue(`border-${edge}-width`)) || 0);
        // a radius this cannot read (a calc() of % and px): the stylesheet's 9 px
        if (Number.isFinite(x) && Number.isFinite(y)) this.shell.style.setProperty(`--np-inner-${corner}`, `${Math.max(0, x)}px ${Math.max(0, y)}px`);
        else this.shell.style.removeProperty(`--np-inner-${corner}`);
      }
    }

    attributeChangedCallback(name, old, value) {
      if (!this.app || old === value) return;
      if (!this.changed) {
        this.changed = new Set();
        queueMicrotask(() => this.applyChanged());
      }
      this.changed.add(name);
    }

    // ---- life cycle ----
    start() {
      this.failed = false;
      this.stopped = false;
      this.lastEpoch = -1;
      this.wasRunning = false;
      const stateEntries = [];
      const optionEntries = [];
      const lessonEntries = [];
      for (const a of this.attributes) {
        if (STATE_ATTRS.includes(a.name)) stateEntries.push([a.name, a.value]);
        else if (OPTION_ATTRS.includes(a.name)) optionEntries.push([a.name, a.value]);
        else if (LESSON_ATTRS.includes(a.name)) lessonEntries.push([a.name, a.value]);
      }
      const opt = parseOptions(optionEntries);
      const options = opt.options;
      this.lang = options.lang || null;
      // The preset (if any) first, the attributes over it.
      const { state, lesson, warnings } = readLesson(lessonEntries, (base) => parseEntries(stateEntries, base));
      this.layout(options);
      try {
        this.app = new App(this.mount, {
          hash: false,
          initial: { state, warnings: [], options },
          attrWarnings: [...opt.warnings, ...warnings],
          workerUrl: config.workerUrl,
          lesson,
          lessonHooks: {
            hintNodes: () => [...this.children].filter((c) => c.getAttribute('slot') === 'hint'),
            onGoal: (detail) => this.emit('nn-goal', detail),
            baseUrl: document.baseURI,
          },
          onFrame: (f) => this.frame(f),
          onDiverged: (m) => this.emit('nn-diverged', divergedDetail(m)),
          // A failure while handling this instance's messages or frames stays in it.
          onError: (e) => this.fail(e),
        });
      } catch (e) {
        this.fail(e);
        return;
      }
      if (this.failed) {  // failed while the App was being built
        const broken = this.app;
        this.app = null;
        try { broken.destroy(); } catch { /* already broken */ }
        return;
      }
      const app = this.app;
      app.bridge.on('snapshot', (m) => {
        const waiter = this.snapshotWaiters.get(m.id);
        this.snapshotWaiters.delete(m.id);
        if (waiter) waiter.resolve(m);
      });
      app.setVisible(this.visible);
      for (const fn of this.queued.splice(0)) fn();
    }

    stop() {
      if (this.app) this.app.destroy();
      this.app = null;
      this.stopped = true;  // until it is put back into a page
      this.release(new Error('the playground was removed'));
    }

    /** Settles what waits on this instance and frees its main-thread model (removed or failed). */
    release(error) {
      for (const waiter of this.snapshotWaiters.values()) waiter.reject(error);
      this.snapshotWaiters.clear();
      for (const fn of this.queued.splice(0)) {
        try { fn(null); } catch { /* a queued call on a playground that is gone */ }
      }
      if (this.snapshot) this.snapshot.dispose();
      this.snapshot = null;
    }

    /** Shows an error inside this instance (and stops it); the page goes on. */
    fail(e) {
      const message = e && e.message ? e.message : String(e);
      try {
        if (this.app) this.app.destroy();
      } catch { /* already broken */ }
      this.app = null;
      this.failed = true;
      this.release(new Error(`the playground failed: ${message}`));
      const box = h('div', { class: 'np-failed', role: 'alert', 'data-testid': 'failed' },
        translator(this.lang || pageLanguage())('embed.failed', { message }));
      this.mount.replaceChildren(box);
      this.mount.dataset.failed = message;
      this.emit('nn-error', { message });
    }

    layout(options) {
      // CSSOM only (no style attributes): allowed under style-src 'self'.
      this.shell.style.height = options.height ? `${options.height}px` : '';
      this.shell.classList.toggle('np-fixed-height', !!options.height);
      this.shell.classList.toggle('np-compact', !!options.compact);
      if (options.lang) this.shell.setAttribute('lang', options.lang);
      else this.shell.removeAttribute('lang');
    }

    applyChanged() {
      const names = [...this.changed];
      this.changed = null;
      const app = this.app;
      if (!app) return;
      const warnings = [];
      if (names.includes('lang')) {
        // Every string changes; App.setLang rebuilds the views and the training run
        // goes on. An attribute is the host's choice, not the learner's: not remembered.
        const r = parseOptions([['lang', this.getAttribute('lang')]]);
        warnings.push(...r.warnings);
        this.lang = r.options.lang || null;
        app.setLang(this.lang || pageLanguage(), { remember: false, focus: false });
      }
      if (names.includes('preset')) {
        // Another preset: another lesson from the start.
        this.stop();
        this.start();
        return;
      }
      const stateNames = names.filter((n) => STATE_ATTRS.includes(n));
      const optionNames = names.filter((n) => OPTION_ATTRS.includes(n) && n !== 'lang');
      const lessonNames = names.filter((n) => LESSON_ATTRS.includes(n));
      if (lessonNames.length) {
        // A removed attribute means none (the preset's own value, if it has one, stays).
        const r = parseLesson(lessonNames.map((n) => [n, this.getAttribute(n) ?? '']), app.lesson.lesson);
        warnings.push(...r.warnings);
        app.lesson.update(r.lesson);
        const fitted = fitConstraints(app.state, r.lesson);
        warnings.push(...fitted.warnings);
        if (fitted.warnings.length) app.commit(fitted.state, { push: false });
      }
      if (stateNames.length) {
        // A removed attribute means the default.
        const entries = stateNames.map((n) => [n, this.hasAttribute(n) ? this.getAttribute(n) : SCHEMA[keyOf(n)].default]);
        const r = parseEntries(entries, app.state);
        warnings.push(...r.warnings);
        app.commit(r.state, { push: false });
      }
      if (optionNames.length) {
        const r = parseOptions(optionNames.map((n) => [n, this.getAttribute(n)]));
        warnings.push(...r.warnings);
        const o = r.options;
        Object.assign(app.embed, o);
        if ('controls' in o) app.applyControls();
        if (o.autoplay) app.bridge.send({ type: 'play' });
        const all = parseOptions(OPTION_ATTRS.filter((n) => this.hasAttribute(n)).map((n) => [n, this.getAttribute(n)])).options;
        this.layout(all);
      }
      app.warn(warnings, 'embed.attrWarning', 'attributes');
    }

    setVisible(visible) {
      this.visible = visible;
      if (this.app) this.app.setVisible(visible);
    }

    // ---- events ----
    frame(f) {
      if (f.epoch !== this.lastEpoch) {
        this.lastEpoch = f.epoch;
        this.emit('nn-epoch', epochDetail(f));
      }
      this.weightsVersion = f.version;
      this.wasRunning = f.running;
    }

    emit(type, detail) {
      this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
    }

    // ---- script API ----
    // Runs fn(app) now; before the playground has started (created, not yet in
    // the page), when it starts; on a removed or failed playground, fn(null) at once.
    call(fn) {
      if (this.app) fn(this.app);
      else if (this.failed || this.stopped) fn(null);
      else this.queued.push(() => fn(this.app));
    }

    /** Starts training. */
    play() { this.call((app) => app && app.bridge.send({ type: 'play' })); }

    /** Pauses training. */
    pause() { this.call((app) => app && app.bridge.send({ type: 'pause' })); }

    /** New initial weights (same seed: the same start), epoch 0. */
    reset() { this.call((app) => app && app.command('reset')); }

    /** Trains one epoch (or one batch: step('batch')) and pauses. */
    step(unit = 'epoch') {
      if (unit !== 'epoch' && unit !== 'batch')
        throw new Error(`nn-playground step: unit must be 'epoch' or 'batch', got ${typeof unit === 'string' ? JSON.stringify(unit) : String(unit)}`);
      this.call((app) => app && app.command('step', { unit }));
    }

    /** A copy of the current settings (camelCase keys, as in state.js). */
    get state() {
      return this.app ? JSON.parse(JSON.stringify(this.app.state)) : null;
    }

    /** A copy of the lesson (lesson/options.js: goal, limits, locked, mode, files, ...), or null. */
    get lesson() {
      return this.app ? JSON.parse(JSON.stringify(this.app.lesson.lesson)) : null;
    }

    /**
     * The JS API's model (an nnplay Sequential from nn.models.fromJSON) with the
     * worker's weights. The engine trains in the worker, so this is a
     * main-thread snapshot, and the element owns it: it is rebuilt only when it
     * is read after the weights changed (training, an edit, a reset), and the
     * snapshot it replaces is disposed then (as it is when the element is
     * removed). A read that finds it stale starts the rebuild and returns the
     * old snapshot meanwhile (null before the first); `await el.getModel()`
     * waits for a current one. To keep weights beyond that, copy them
     * (getWeights(), or nn.models.fromJSON(el.model.toJSON())).
     */
    get model() {
      if (this.snapshotStale() && !this.snapshotPromise && this.app) this.refreshModel().catch(() => {});
      return this.snapshot;
    }

    /** Resolves to a snapshot of the model with the current weights (see `model`); rejects if the playground failed or was removed. */
    getModel() {
      if (this.failed) return Promise.reject(new Error(`the playground failed: ${this.mount.dataset.failed || 'see its message'}`));
      if (!this.snapshotStale() && this.snapshot) return Promise.resolve(this.snapshot);
      return this.refreshModel();
    }

    snapshotStale() {
      return !this.snapshot || this.snapshotVersion !== this.weightsVersion;
    }

    refreshModel() {
      if (this.snapshotPromise) return this.snapshotPromise;
      const p = new Promise((resolve, reject) => {
        this.call((app) => {
          if (!app) { reject(new Error('the playground is not running')); return; }
          const id = ++this.snapshotId;
          this.snapshotWaiters.set(id, { resolve, reject });
          app.bridge.send({ type: 'snapshot', id });
        });
      }).then(async (m) => {
        if (!m.text) throw new Error(m.message || 'no model yet');
        const nn = await mainEngine();
        if (!this.app) throw new Error('the playground was removed');
        const model = nn.models.fromJSON(m.text);
        if (this.snapshot && this.snapshot !== model) this.snapshot.dispose();
        this.snapshot = model;
        this.snapshotEpoch = m.epoch;
        this.snapshotVersion = m.version;
        this.emit('nn-model', { epoch: m.epoch });
        return model;
      }).finally(() => { this.snapshotPromise = null; });
      this.snapshotPromise = p;
      return p;
    }
  }

  customElements.define('nn-playground', NnPlayground);
  return NnPlayground;
}
