// The playground page: owns the page state, mirrors it to the URL hash, sends
// every change to the worker and draws the frames the worker sends back (one
// per animation frame, acknowledged after drawing). It mounts into any
// element, so the <nn-playground> element can reuse it.

import { h, setText, download, fmt } from './dom.js';
import { t, withLanguage, getLanguage, storeLanguage } from './strings.js';
import { Bridge } from './bridge.js';
import { defaults, parseHash, parseEntries, toHash, normalize, changedKeys, layerActivation, MAX_LAYERS, MAX_UNITS, SCHEMA } from './state.js';
import { Controls } from './views/controls.js';
import { Heatmap } from './views/heatmap.js';
import { LossChart } from './views/lossChart.js';
import { NetworkView, featureMap, activationRange } from './views/network.js';
import { Legend } from './views/legend.js';
import { TeachPanel } from './teach/panel.js';
import { languagePicker } from './teach/language.js';

const MAX_FILE_BYTES = 20 * 1024 * 1024;
// UI-only keys: the worker needs no rebuild for them (it still redraws).
const VIEW_KEYS = new Set(['showTest', 'discretize', 'logScale']);

export class App {
  /**
   * @param {HTMLElement} root where to build the page
   * @param {object} [options]
   * @param {boolean} [options.hash] keep the state in the URL hash (the full page)
   * @param {object} [options.state] initial settings by name (e.g. element attributes), validated like the hash
   * @param {URL|string} [options.workerUrl]
   * @param {Bridge} [options.bridge] a worker bridge already started (see main.js)
   * @param {{state: object, warnings: string[], options?: object}} [options.initial] the parsed hash, if already parsed
   * @param {object} [options.embed] embedding options (state.js parseOptions): controls, autoplay, lang, ...
   * @param {string[]} [options.warnings] more warnings to show as they are (e.g. about element attributes)
   * @param {(f: object) => void} [options.onFrame] called with each frame's figures (before drawing)
   * @param {(m: object) => void} [options.onDiverged]
   * @param {(e: Error) => void} [options.onError] an exception while handling a worker message or drawing
   *   (default: thrown); the element shows it inside the instance
   */
  constructor(root, options = {}) {
    this.root = root;
    this.useHash = options.hash !== false;
    this.hooks = options;
    this.visible = true;   // false: frames are acknowledged without drawing (off-screen)
    this.drawn = 0;
    this.embed = { ...(options.initial && options.initial.options), ...options.embed };
    this.lang = this.embed.lang || null;
    this.state = defaults();
    this.frames = 0;
    this.run = -1;
    this.focus = null;

    let warnings = [];
    if (options.initial) {
      this.state = options.initial.state;
      warnings = options.initial.warnings;
    } else if (options.state) {
      ({ state: this.state, warnings } = parseEntries(Object.entries(options.state)));
    } else if (this.useHash) {
      ({ state: this.state, warnings } = parseHash(location.hash));
    }
    // The worker first: it loads the engine while the page builds its DOM.
    this.bridge = options.bridge || App.startWorker(this.state, options.workerUrl);
    // Every string this instance shows is in its own language.
    this.bridge.around = (fn) => this.guard(() => this.inLang(fn));

    this.inLang(() => this.build());
    this.applyControls(this.embed.controls);
    this.listen();
    this.listenTeach();
    this.bridge.release();
    if (this.embed.autoplay) this.bridge.send({ type: 'play' });
    if (this.useHash) {
      this.writeHash(false);
      this.onHash = () => this.fromHash();
      window.addEventListener('popstate', this.onHash);
      window.addEventListener('hashchange', this.onHash);
    }
    this.controls.update(this.state);
    this.chart.setLog(this.state.logScale);
    this.heatmap.setShowTest(this.state.showTest);
    this.teach.setState(this.state);
    this.inLang(() => {
      for (const w of warnings) this.notice(t('state.warning', { message: w }), 'warning');
      for (const w of options.warnings || []) this.notice(w, 'warning');
    });
  }

  /** Starts the worker and sends it the initial state, before any DOM work. */
  static startWorker(state, workerUrl) {
    const bridge = new Bridge(workerUrl || new URL('./worker.js', import.meta.url));
    bridge.send({ type: 'state', state });
    return bridge;
  }

  // ---- layout ----
  build() {
    this.controls = new Controls({
      onChange: (patch, o) => this.commit(patch, o),
      onCommand: (type, extra) => this.command(type, extra),
      onDataset: (name) => this.pickDataset(name),
      onCsvText: (text) => this.importCsv(text),
      onCsvFile: (file) => this.readFile(file, (text) => {
        if (text.length < 200000) this.controls.csvText.value = text;
        this.importCsv(text);
      }, (msg) => this.controls.setCsvMessage(msg, true)),
      onCsvDownload: () => this.bridge.send({ type: 'exportCsv' }),
    });
    this.network = new NetworkView({
      onToggleFeature: (name) => this.toggleFeature(name),
      onLayers: (delta) => this.changeLayers(delta),
      onUnits: (l, delta) => this.changeUnits(l, delta),
      onActivation: (l, a) => this.changeActivation(l, a),
      onFocus: (f) => this.setFocus(f),
      onEditWeight: (index, offset, value) => this.bridge.send({ type: 'setWeight', index, offset, value }),
      onVisible: (visible) => this.bridge.send({ type: 'view', view: { neurons: visible } }),
    });
    this.heatmap = new Heatmap({
      onAdd: (x1, x2, other) => this.bridge.send({ type: 'addPoint', x1, x2, label: this.controls.labelToAdd(other) }),
      onRemove: (x1, x2) => this.bridge.send({ type: 'removePoint', x1, x2 }),
    });
    this.chart = new LossChart();
    this.legend = new Legend();
    // issue 6: the teaching panel and the language chooser (see the teaching section below)
    this.teach = new TeachPanel();
    this.teach.step.onLayer = (l) => this.highlightLayer(l);
    this.heatmap.plot.addEventListener('mousemove', (e) => this.teach.hoverPoint(this.heatmap.toData(e)));
    this.langPicker = languagePicker(this.lang || getLanguage(), (lang) => this.setLang(lang));
    this.controls.toolbar.querySelector('.np-toolbar-row-2').append(this.langPicker.el);

    const metric = (key, label) => {
      const value = h('span', { class: 'np-metric-value', 'data-testid': key, text: '–' });
      return { value, el: h('div', { class: 'np-metric' }, h('span', { class: 'np-metric-label', text: label }), value) };
    };
    this.testLoss = metric('test-loss', t('output.testLoss'));
    this.trainLoss = metric('train-loss', t('output.trainLoss'));
    this.testMetric = metric('test-metric', t('output.testAccuracy'));
    this.trainMetric = metric('train-metric', t('output.trainAccuracy'));

    const check = (key, label) => {
      const box = h('input', { type: 'checkbox', 'data-key': key, name: key });
      box.addEventListener('change', () => this.commit({ [key]: box.checked }));
      this.controls.writers.push((s) => { box.checked = s[key]; });
      return h('label', { class: 'np-check' }, box, h('span', { text: label }));
    };
    const modelFile = h('input', { type: 'file', accept: '.json,application/json', class: 'np-visually-hidden', 'data-testid': 'model-file', 'aria-label': t('output.importModel'), tabindex: '-1' });
    modelFile.addEventListener('change', () => {
      const f = modelFile.files[0];
      modelFile.value = '';
      if (f) this.readFile(f, (text) => this.bridge.send({ type: 'importModel', text }), (msg) => this.notice(msg, 'error'));
    });
    this.noticeArea = h('div', { class: 'np-notices', 'aria-live': 'polite' });
    this.divergedBox = h('div', { class: 'np-diverged', role: 'alert', hidden: true, 'data-testid': 'diverged' });

    const card = (cls, title, ...children) => h('section', { class: `np-card ${cls}` }, h('h2', { class: 'np-card-title', text: title }), ...children);
    this.root.replaceChildren(h('div', { class: 'np-app' },
      h('div', { class: 'np-bar' }, this.controls.toolbar),
      this.noticeArea,
      this.divergedBox,
      h('div', { class: 'np-main' },
        card('np-col-data', t('data.title'), this.controls.dataPanel),
        card('np-col-network', t('features.title'), this.network.el),
        card('np-col-output', t('output.title'),
          h('div', { class: 'np-out-figures' },
            h('div', { class: 'np-metrics' }, this.testLoss.el, this.trainLoss.el, this.testMetric.el, this.trainMetric.el),
            this.chart.el,
            h('div', { class: 'np-row' },
              h('span', { class: 'np-line-key np-line-test', text: t('output.lineTest') }),
              h('span', { class: 'np-line-key np-line-train', text: t('output.lineTrain') }),
              check('logScale', t('output.logScale')))),
          h('div', { class: 'np-out-plot' },
            this.heatmap.el,
            this.legend.el,
            h('div', { class: 'np-row' }, check('showTest', t('output.showTest')), check('discretize', t('output.discretize'))),
            h('div', { class: 'np-button-row' },
              h('button', { class: 'np-button', type: 'button', 'data-action': 'export-png', text: t('output.exportPng'), on: { click: () => this.exportPng() } }),
              h('button', { class: 'np-button', type: 'button', 'data-action': 'export-model', text: t('output.exportModel'), on: { click: () => this.bridge.send({ type: 'exportModel' }) } }),
              h('button', { class: 'np-button', type: 'button', 'data-action': 'import-model', text: t('output.importModel'), on: { click: () => modelFile.click() } }),
              modelFile)))),
      this.teach.el));
  }

  // ---- worker messages ----
  listen() {
    const b = this.bridge;
    b.on('thumbnails', (m) => this.afterFirstFrame(() => this.controls.setThumbnails(m.items)));
    b.on('data', (m) => {
      this.heatmap.setData(m);
      this.controls.setDataInfo({ regression: m.regression, classes: m.classes, custom: m.custom, n: m.train.n + m.test.n });
      this.legend.set(m);
    });
    b.on('model', (m) => {
      this.model = m;
      // The diagram's DOM can wait for the first boundary to be on screen.
      this.afterFirstFrame(() => { if (this.model === m) this.network.setModel(m); });
      this.controls.setProblem(m.regression, m.classes);
      setText(this.testMetric.el.firstChild, m.regression ? t('output.testR2') : t('output.testAccuracy'));
      setText(this.trainMetric.el.firstChild, m.regression ? t('output.trainR2') : t('output.trainAccuracy'));
      if (this.focus && this.focus.neuron !== undefined) this.setFocus(null);
    });
    b.on('frame', (f) => {
      if (this.hooks.onFrame) this.hooks.onFrame(f);
      this.pending = f;
      if (!this.raf) this.raf = requestAnimationFrame(() => this.guard(() => this.draw()));
    });
    b.on('diverged', (m) => {
      this.showDiverged(m);
      if (this.hooks.onDiverged) this.hooks.onDiverged(m);
    });
    b.on('csvError', (m) => this.controls.setCsvMessage(t('data.csvError', { message: m.message }), true));
    b.on('csvLoaded', (m) => this.controls.setCsvMessage(t('data.csvLoaded', {
      n: m.n, problem: m.regression ? t('problem.regression') : t('problem.multiclass', { k: m.classes }),
    }), false));
    b.on('csv', (m) => download('nnplay-data.csv', m.text, 'text/csv'));
    b.on('modelFile', (m) => download('nnplay-model.json', m.text, 'application/json'));
    b.on('modelImported', (m) => {
      this.commit(m.state);
      this.notice(t('output.modelImported'), 'info');
      for (const w of m.warnings) this.notice(w, 'warning');
    });
    b.on('modelError', (m) => this.notice(t('output.modelBad', { message: m.message }), 'error'));
    b.on('error', (m) => this.notice(m.message, 'error'));
    b.on('fatal', (m) => this.notice(t('app.engineFailed', { message: m.message }), 'error'));
  }

  /** Runs fn now, or after the first frame is drawn if none has been yet. */
  afterFirstFrame(fn) {
    if (this.frames > 0) fn();
    else (this.deferred ||= []).push(fn);
  }

  /** Draws the latest frame, then hands its arrays back to the worker. */
  draw() {
    this.raf = 0;
    const f = this.pending;
    this.pending = null;
    if (!f) return;
    if (f.run !== this.run) {
      this.run = f.run;
      this.chart.clear();
    }
    if (!this.visible && this.frames > 0) {
      // Off-screen: keep the figures and the loss history, draw nothing.
      this.chart.push(f.epoch, f.trainLoss, f.testLoss);
      this.setFigures(f);
      this.bridge.ack(f);
      return;
    }
    this.inLang(() => this.drawFrame(f));
    this.root.dataset.drawn = String(++this.drawn);
  }

  drawFrame(f) {
    this.controls.setEpoch(f.epoch);
    this.controls.setRunning(f.running);
    setText(this.testLoss.value, fmt(f.testLoss));
    setText(this.trainLoss.value, fmt(f.trainLoss));
    const pct = (v) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');
    const metricText = f.regression ? fmt : pct;
    setText(this.testMetric.value, metricText(f.testMetric));
    setText(this.trainMetric.value, metricText(f.trainMetric));
    this.chart.push(f.epoch, f.trainLoss, f.testLoss);
    this.chart.draw();

    if (this.focus && this.focus.neuron !== undefined && f.focus && f.focus.index === this.focus.neuron) {
      this.heatmap.drawGrid(f.focus.grid, 1, 'activation', activationRange(this.focus.activation, f.focus.grid));
    } else if (this.focus && this.focus.feature) {
      this.heatmap.drawGrid(featureMap(this.focus.feature, 100), 1, 'activation');
    } else {
      const kind = f.regression ? 'regression' : f.classes > 2 ? 'multi' : 'binary';
      this.heatmap.drawGrid(f.grid, f.outDim, kind, { discretize: this.state.discretize });
    }
    this.network.update(f);
    if (!f.diverged) this.divergedBox.hidden = true;

    this.setFigures(f);
    if (this.frames === 1) {
      performance.mark('nnplay-first-boundary');
      // after this frame is painted: the work deferred until then
      setTimeout(() => {
        for (const fn of this.deferred || []) fn();
        this.deferred = null;
        this.bridge.send({ type: 'view', view: {} });  // a fresh frame for the diagram just built
      }, 0);
    }
    this.bridge.ack(f);
  }

  /** The latest figures as data- attributes of the root (read by tests and hosts). */
  setFigures(f) {
    const d = this.root.dataset;
    d.epoch = String(f.epoch);
    d.step = String(f.stepInEpoch);
    d.trainLoss = String(f.trainLoss);
    d.testLoss = String(f.testLoss);
    d.testMetric = String(f.testMetric);
    d.running = String(f.running);
    d.frames = String(++this.frames);
  }

  // ---- embedding ----
  /** Runs fn; an exception goes to options.onError if given. */
  guard(fn) {
    if (!this.hooks.onError) return fn();
    try {
      return fn();
    } catch (e) {
      this.hooks.onError(e);
      return undefined;
    }
  }

  /** Runs fn with this instance's language for t(). */
  inLang(fn) {
    return this.lang ? withLanguage(this.lang, fn) : fn();
  }

  /** Rendering on/off (the element turns it off while scrolled out of view). */
  setVisible(visible) {
    if (this.visible === visible) return;
    this.visible = visible;
    if (visible) this.bridge.send({ type: 'view', view: {} });  // a fresh frame to draw
  }

  /**
   * Shows only the controls named (state.js CONTROL_NAMES): null = all, [] = none.
   * The run buttons ('run') come with any list that is not empty.
   */
  applyControls(list) {
    const all = list === null || list === undefined;
    const shown = new Set(all ? [] : list);
    if (!all && shown.size > 0) shown.add('run');
    const show = (name) => all || shown.has(name);
    const app = this.root.querySelector('.np-app');
    if (!app) return;
    // Parts of the diagram (rebuilt on every model) are hidden by classes.
    app.classList.toggle('np-controls-limited', !all);
    for (const name of ['layers', 'activation', 'features', 'edit-data', 'run']) app.classList.toggle(`np-hide-${name}`, !show(name));
    const hide = (el, off) => { if (el) el.classList.toggle('np-ctl-hidden', off); };
    for (const el of app.querySelectorAll('[data-key]')) {
      const name = el.getAttribute('data-key').replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
      hide(el.closest('.np-field, .np-slider-row, .np-check') || el, !show(name));
    }
    hide(app.querySelector('.np-run-buttons'), !show('run'));
    const picker = app.querySelector('.np-datasets');
    hide(picker, !show('dataset'));
    if (picker) hide(picker.previousElementSibling, !show('dataset'));
    hide(app.querySelector('[data-action=regenerate]'), !show('data-seed'));
    // The data editing part of the data panel: from its subtitle to the end.
    const sub = app.querySelector('.np-data > .np-subtitle');
    for (let el = sub; el; el = el.nextElementSibling) hide(el, !show('edit-data'));
    hide(app.querySelector('.np-lang'), !show('lang'));
    hide(app.querySelector('.np-teach'), !show('learn'));
    const files = app.querySelector('[data-action=export-png]');
    if (files) hide(files.parentElement, !show('files'));
    // A data card with nothing left in it goes away.
    const data = app.querySelector('.np-col-data');
    if (data) {
      const dataNames = ['dataset', 'classes', 'points', 'noise', 'train-ratio', 'data-seed', 'edit-data'];
      hide(data, !all && !dataNames.some((n) => shown.has(n)));
    }
    // Toolbar rows with nothing shown collapse.
    for (const row of app.querySelectorAll('.np-toolbar-row')) {
      const visible = [...row.children].some((c) => !c.hidden && !c.classList.contains('np-ctl-hidden') &&
        !c.classList.contains('np-epoch') && !c.querySelector('[data-testid=problem]'));
      row.classList.toggle('np-row-empty', !visible);
    }
  }

  /** Stops the worker and the listeners (the element was removed). */
  destroy() {
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.bridge.terminate();
    if (this.onHash) {
      window.removeEventListener('popstate', this.onHash);
      window.removeEventListener('hashchange', this.onHash);
    }
  }

  // ---- teaching layer (issue 6) ----
  /** Feeds the teaching panel and the text alternatives; keeps what a language switch replays. */
  listenTeach() {
    const b = this.bridge;
    this.markLang();
    b.send({ type: 'view', view: { weights: true } });  // the inspector and code view need them even when the diagram is off-screen
    b.on('thumbnails', (m) => { this.lastThumbnails = m; });
    b.on('data', (m) => { this.lastData = m; this.teach.setData(m); });
    b.on('model', (m) => this.teach.setModel(m));
    b.on('frame', (f) => {
      this.teach.frame(f);
      this.describe(f);
    });
  }

  /** Step mode: marks the diagram's column l (0 = inputs) as the active layer; -1 clears. */
  highlightLayer(l) {
    const columns = this.network.columns || [];
    columns.forEach((col, c) => { for (const n of col.nodes) n.node.classList.toggle('np-step-layer', c === l); });
  }

  /** The app element's lang attribute, for screen readers (the page's may differ). */
  markLang() {
    const app = this.root.querySelector('.np-app');
    if (app) app.setAttribute('lang', this.lang || getLanguage());
  }

  /** Text alternatives of the loss chart and the plot (epoch, losses, accuracy), at most once a second. */
  describe(f, force = false) {
    const now = performance.now();
    if (!force && f.running && now - (this.describedAt || 0) < 1000) return;
    this.describedAt = now;
    this.inLang(() => {
      const v = (x) => fmt(x);
      const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '–');
      this.chart.el.setAttribute('aria-label', `${t('output.chartLabel')}. ${t('output.chartSummary', { epoch: f.epoch, train: v(f.trainLoss), test: v(f.testLoss) })}`);
      this.heatmap.plot.setAttribute('aria-label', `${t('output.heatmapLabel')}. ${t('output.plotSummary', {
        epoch: f.epoch, metric: f.regression ? 'R²' : t('output.accuracy'), train: f.regression ? v(f.trainMetric) : pct(f.trainMetric), test: f.regression ? v(f.testMetric) : pct(f.testMetric),
      })}`);
    });
  }

  /**
   * Switches the interface language at any time: rebuilds this instance's DOM in
   * it and replays what the worker has sent (data, model, loss history); the
   * training run goes on untouched. remember: store it as the learner's choice;
   * focus: move the focus to the language picker (when the learner picked it there).
   */
  setLang(lang, { remember = true, focus = true } = {}) {
    this.lang = lang;
    this.embed.lang = lang;
    if (remember) storeLanguage(lang);
    const oldChart = this.chart;
    this.inLang(() => this.build());
    this.applyControls(this.embed.controls);
    Object.assign(this.chart, { epochs: oldChart.epochs, train: oldChart.train, test: oldChart.test, stride: oldChart.stride, pending: oldChart.pending, changed: true });
    this.controls.update(this.state);
    this.chart.setLog(this.state.logScale);
    this.heatmap.setShowTest(this.state.showTest);
    this.teach.setState(this.state);
    for (const m of [this.lastThumbnails, this.lastData, this.model]) if (m) this.bridge.dispatch(m);
    this.bridge.send({ type: 'view', view: {} });  // a fresh frame for the new views
    if (this.useHash) {
      document.documentElement.lang = lang;
      this.inLang(() => { for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.getAttribute('data-i18n')); });
      this.writeHash(false);
    }
    this.markLang();
    if (focus) this.langPicker.select.focus();
  }

  // ---- state ----
  /** Applies a patch to the state; push makes a browser-history entry. */
  commit(patch, { push = true } = {}) {
    const next = normalize({ ...this.state, ...patch });
    const changed = changedKeys(this.state, next);
    if (changed.length === 0) return;
    this.setState(next);
    this.writeHash(push);
  }

  setState(next) {
    const changed = changedKeys(this.state, next);
    this.state = next;
    this.controls.update(next);
    this.chart.setLog(next.logScale);
    this.heatmap.setShowTest(next.showTest);
    this.teach.setState(next);
    if (changed.some((k) => !VIEW_KEYS.has(k)) || changed.includes('discretize')) this.bridge.send({ type: 'state', state: next });
  }

  writeHash(push) {
    if (!this.useHash) return;
    const hash = toHash(this.state, this.embed);
    this.lastHash = hash;
    if (location.hash === hash) return;
    if (push) history.pushState(null, '', hash);
    else history.replaceState(null, '', hash);
  }

  fromHash() {
    if (location.hash === this.lastHash) return;
    this.lastHash = location.hash;
    const { state, warnings, options } = parseHash(location.hash);
    for (const w of warnings) this.notice(t('state.warning', { message: w }), 'warning');
    if ('controls' in options && String(options.controls) !== String(this.embed.controls)) {
      this.embed.controls = options.controls;
      this.applyControls(options.controls);
    }
    this.setState(state);
  }

  // ---- actions ----
  command(type, extra = {}) {
    if (type === 'reset' || type === 'toggle' || type === 'step') this.divergedBox.hidden = true;
    this.bridge.send({ type, ...extra });
  }

  pickDataset(name) {
    if (name === this.state.dataset && this.controls.custom) {
      this.bridge.send({ type: 'regenerate' });
      return;
    }
    const patch = { dataset: name };
    if (name === 'blobs' && this.state.classes === 2) patch.classes = 4;
    this.commit(patch);
  }

  toggleFeature(name) {
    const on = this.state.features.includes(name);
    if (on && this.state.features.length === 1) {
      this.notice(t('features.atLeastOne'), 'warning');
      return;
    }
    const features = on ? this.state.features.filter((f) => f !== name) : [...this.state.features, name];
    this.commit({ features: SCHEMA.features.of.filter((f) => features.includes(f)) });
  }

  perLayer() {
    return this.state.layers.map((_, i) => layerActivation(this.state, i));
  }

  changeLayers(delta) {
    const layers = this.state.layers.slice();
    const acts = this.perLayer();
    if (delta > 0 && layers.length < MAX_LAYERS) {
      layers.push(layers.length ? layers[layers.length - 1] : 4);
      acts.push(acts.length ? acts[acts.length - 1] : this.state.activation[0]);
    } else if (delta < 0 && layers.length > 0) {
      layers.pop();
      acts.pop();
    } else return;
    this.commit({ layers, activation: acts.length ? acts : [this.state.activation[0]] });
  }

  changeUnits(l, delta) {
    const layers = this.state.layers.slice();
    layers[l] = Math.max(1, Math.min(MAX_UNITS, layers[l] + delta));
    this.commit({ layers });
  }

  changeActivation(l, a) {
    const acts = this.perLayer();
    acts[l] = a;
    this.commit({ activation: acts });
  }

  setFocus(f) {
    this.focus = f;
    const neuron = f && f.neuron !== undefined ? f.neuron : -1;
    this.bridge.send({ type: 'view', view: { focus: neuron } });
    if (neuron >= 0) this.teach.focusNeuron(neuron);
    this.heatmap.setBadge(f ? t('network.showing', { name: f.feature ? t(`feature.${f.feature}`) : f.name }) : null);
  }

  importCsv(text) {
    this.controls.setCsvMessage('', false);
    this.bridge.send({ type: 'importCsv', text });
  }

  readFile(file, ok, fail) {
    if (file.size > MAX_FILE_BYTES) {
      fail(t('data.csvTooLarge', { max: MAX_FILE_BYTES / 1024 / 1024 }));
      return;
    }
    file.text().then(ok, (e) => fail(e.message));
  }

  async exportPng() {
    const blob = await this.heatmap.toPng();
    if (blob) download('nnplay-heatmap.png', blob);
  }

  showDiverged(m) {
    const suggest = fmt(m.learningRate / 10);
    this.divergedBox.replaceChildren(
      h('strong', { text: t('diverged.title') }),
      h('span', { text: ' ' + t('diverged.body', { epoch: m.epoch, suggest }) }));
    this.divergedBox.hidden = false;
  }

  notice(text, kind = 'info') {
    const close = h('button', { class: 'np-notice-close', type: 'button', 'aria-label': t('state.dismiss'), text: '×' });
    const el = h('div', { class: `np-notice np-notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, h('span', { text }), close);
    close.addEventListener('click', () => el.remove());
    this.noticeArea.append(el);
    if (kind === 'info') setTimeout(() => el.remove(), 6000);
    while (this.noticeArea.children.length > 5) this.noticeArea.firstChild.remove();
  }
}
