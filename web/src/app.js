// The playground page: owns the page state, mirrors it to the URL hash, sends
// every change to the worker and draws the frames the worker sends back (one
// per animation frame, acknowledged after drawing). It mounts into any
// element, so the <nn-playground> element can reuse it. Each App has its own
// translator (its language), handed to every view it builds.

import { h, download, fmt } from './dom.js';
import { translator, say, pageLanguage, storeLanguage } from './i18n/index.js';
import { Bridge } from './bridge.js';
import {
  defaults, copyState, parseEntries, toHash, normalize, changedKeys, hiddenLayers, layersPatch,
  trainingState, LAYER_KEYS, TRAINING_KEYS, MAX_LAYERS, MAX_UNITS,
} from './state.js';
import { datasetInfo, PICKED_CLASSES, FEATURES } from './catalog.js';
import { Controls } from './views/controls.js';
import { Heatmap } from './views/heatmap.js';
import { LossChart } from './views/lossChart.js';
import { NetworkView, featureMap, activationRange } from './views/network.js';
import { Legend } from './views/legend.js';
import { Metrics } from './views/metrics.js';
import { Notices } from './views/notices.js';
import { Lifetime } from './lifetime.js';
import { TeachPanel } from './teach/panel.js';
import { Lesson } from './lesson/lesson.js';
import { emptyLesson, parseLessonHash, lessonEntries } from './lesson/options.js';
import { InsidePanel } from './inside/panel.js';
import { TimelineView } from './views/timeline.js';
import { AnalysisCard } from './views/analysis.js';
import { COMPARED_KEYS } from './views/compare.js';
import { languagePicker } from './teach/language.js';
import { GRID_RES, DOMAIN, PLANE_DOMAIN, pointsOutside } from './plane.js';

const MAX_FILE_BYTES = 20 * 1024 * 1024;
const DESCRIBE_MS = 1000;  // text alternatives change at most this often while training
// The epoch counter and the loss/accuracy figures change at most this often while
// training (10 times a second still reads as live). Each change of their text makes
// Chromium lay out and repaint the chain of boxes up to the page's root: with four
// playgrounds on a lesson page, written every frame, that was 5 of the main thread's
// 20 ms per frame (layout 2.3 ms, paint 3 ms).
const FIGURES_MS = 100;

export class App {
  /**
   * @param {HTMLElement} root where to build the page
   * @param {object} [options]
   * @param {boolean} [options.hash] keep the state in the URL hash (the full page)
   * @param {object} [options.state] initial settings by name (e.g. element attributes), validated like the hash
   * @param {URL|string} [options.workerUrl]
   * @param {Bridge} [options.bridge] a worker bridge already started (see main.js)
   * @param {{state: object, warnings: object[], options?: object}} [options.initial] the parsed hash, if already parsed
   * @param {object} [options.embed] embedding options (state.js parseOptions): controls, autoplay, lang, ...
   * @param {string} [options.lang] the language when embed.lang does not say (default: pageLanguage())
   * @param {HTMLElement} [options.langSlot] where the language chooser goes (default: the settings bar)
   * @param {object[]} [options.attrWarnings] warnings ({key, params}) about the element's attributes
   * @param {(f: object) => void} [options.onFrame] called with each frame's figures (before drawing)
   * @param {(m: object) => void} [options.onDiverged]
   * @param {(e: Error) => void} [options.onError] an exception while handling a worker message or drawing
   *   (default: thrown); the element shows it inside the instance
   * @param {object} [options.lesson] the lesson (lesson/options.js), if not in options.initial
   * @param {object} [options.lessonHooks] lesson/lesson.js hooks: hintNodes, onGoal, baseUrl
   * @param {(app: App, t: Function) => {el: HTMLElement}} [options.builder] the page's lesson builder (Share / embed)
   */
  constructor(root, options = {}) {
    this.root = root;
    this.useHash = options.hash !== false;
    this.hooks = options;
    this.visible = true;   // false: frames are acknowledged without drawing (off-screen)
    this.drawn = 0;
    this.frames = 0;
    this.run = -1;
    this.focus = null;
    this.embed = { ...(options.initial && options.initial.options), ...options.embed };
    this.lang = this.embed.lang || options.lang || pageLanguage();
    this.t = translator(this.lang);

    let warnings = [];
    let lesson = options.lesson || (options.initial && options.initial.lesson) || null;
    if (options.initial) ({ state: this.state, warnings } = options.initial);
    else if (options.state) ({ state: this.state, warnings } = parseEntries(Object.entries(options.state)));
    else if (this.useHash) ({ state: this.state, warnings, lesson } = parseLessonHash(location.hash));
    else this.state = defaults();
    this.lesson = new Lesson(this, lesson || emptyLesson(), options.lessonHooks);
    // The worker first: it loads the engine while the page builds its DOM.
    this.bridge = options.bridge || App.startWorker(this.state, options.workerUrl);
    this.bridge.around = (fn) => this.guard(fn);
    this.life = new Lifetime();  // the app's own timers, frames and window listeners

    this.build();
    this.listen();
    this.bridge.send({ type: 'view', view: { weights: true } });  // the teaching panels need them even when the diagram is off-screen
    this.bridge.release();
    this.lesson.start();
    if (this.embed.autoplay && this.lesson.allowCommand('play')) this.bridge.send({ type: 'play' });
    if (this.useHash) {
      this.writeHash(false);
      const onHash = () => this.fromHash();
      this.life.listen(window, 'popstate', onHash);
      this.life.listen(window, 'hashchange', onHash);
    }
    this.warn(warnings, 'state.warning', 'link');
    this.warn(options.attrWarnings || [], 'embed.attrWarning', 'attributes');
  }

  /** Starts the worker and sends it the initial state, before any DOM work. */
  static startWorker(state, workerUrl) {
    const bridge = new Bridge(workerUrl || new URL('./worker.js', import.meta.url));
    bridge.send({ type: 'state', state: trainingState(state) });
    return bridge;
  }

  // ---- layout ----
  /** Builds every view in this instance's language and puts them on the page. */
  build() {
    const t = this.t;
    this.destroyViews();
    this.unstableShown = false;  // the notices are new: the warning is shown again if it holds
    this.figuresSlice = undefined;  // the new views show the next frame's figures at once
    const lessonViews = this.lesson.build(t);
    this.controls = new Controls(t, {
      onChange: (patch) => this.learnerCommit(patch),
      onCommand: (type, extra) => this.command(type, extra),
      onDataset: (name) => this.pickDataset(name),
      onCsvText: (text) => this.importCsv(text),
      onCsvFile: (file) => this.learnerMay('edit-data') && this.readFile(file, (text) => {
        this.controls.setCsvText(text);
        this.importCsv(text);
      }, (msg) => this.controls.setCsvMessage(msg, true)),
      onCsvDownload: () => this.bridge.send({ type: 'exportCsv' }),
    });
    this.network = new NetworkView(t, {
      onToggleFeature: (name) => this.toggleFeature(name),
      onLayers: (delta) => this.changeLayers(delta),
      onUnits: (l, delta) => this.changeLayer(l, (layer) => { layer.units = Math.max(1, Math.min(MAX_UNITS, layer.units + delta)); }),
      onLayerOption: (l, key, value) => this.changeLayer(l, (layer) => { layer[key] = value; }),
      onFocus: (f) => this.setFocus(f),
      onEditWeight: (index, offset, value) => this.bridge.send({ type: 'setWeight', index, offset, value }),
      onVisible: (visible) => {
        this.bridge.send({ type: 'view', view: { neurons: visible } });
        this.inside.setDiagramVisible(visible);
      },
    }, this.controls.places.network);
    this.network.setLimits(this.lesson.limits());
    this.controls.setLessonEpochs(this.lesson.lesson.maxEpochs);
    this.teach = new TeachPanel(t, { onLayer: (column) => this.network.highlightColumn(column) });
    const previous = this.inside;  // rebuilt in another language: its histories carry over
    if (previous) previous.destroy();
    this.inside = new InsidePanel(t, {
      onChange: (patch) => this.commit(patch),
      onRequest: (inside) => this.bridge.send({ type: 'view', view: { inside } }),
      onLossSurface: (args) => this.bridge.send({ type: 'lossSurface', ...args }),
    }, previous);
    this.heatmap = new Heatmap(t, {
      onAdd: (x1, x2, other) => this.learnerMay('edit-data') && this.bridge.send({ type: 'addPoint', x1, x2, label: this.controls.labelToAdd(other) }),
      onRemove: (x1, x2) => this.learnerMay('edit-data') && this.bridge.send({ type: 'removePoint', x1, x2 }),
      onHover: (p) => this.teach.hoverPoint(p),
    });
    this.chart = new LossChart(t, this.chart ? this.chart.history() : null);
    this.legend = new Legend(t);
    this.metrics = new Metrics(t);
    this.notices = new Notices(t);
    this.buildAnalysis(t);
    // Every view that holds observers or timers: destroyed on a rebuild and on destroy().
    this.views = [this.controls, this.network, this.teach, this.heatmap, this.chart, this.legend, this.metrics, this.notices, this.analysis];
    this.langPicker = languagePicker(t, this.lang, (lang) => this.setLang(lang));
    this.divergedBox = h('div', { class: 'np-diverged', role: 'alert', hidden: true, 'data-testid': 'diverged' });

    const modelFile = h('input', { type: 'file', accept: '.json,application/json', class: 'np-visually-hidden', 'data-testid': 'model-file', 'aria-label': t('output.importModel'), tabindex: '-1' });
    modelFile.addEventListener('change', () => {
      const f = modelFile.files[0];
      modelFile.value = '';
      if (f && this.learnerMay('files')) this.readFile(f, (text) => this.bridge.send({ type: 'importModel', text }), (msg) => this.notices.show(t('output.modelBad', { message: msg }), { kind: 'error', topic: 'model' }));
    });
    const button = (action, text, click) => h('button', { class: 'np-button', type: 'button', 'data-action': action, text, on: { click } });
    const card = (cls, title, ...children) => h('section', { class: `np-card ${cls}`, 'data-control-box': cls === 'np-col-data' ? '' : null }, h('h2', { class: 'np-card-title' }, title), ...children);

    if (this.hooks.langSlot) this.hooks.langSlot.replaceChildren(this.langPicker.el);
    this.builder = this.hooks.builder ? this.hooks.builder(this, t) : null;
    if (this.builder) this.views.push(this.builder);  // its timers go with the views
    this.root.replaceChildren(h('div', { class: 'np-app', lang: this.lang },
      h('div', { class: 'np-bar' },
        h('div', { class: 'np-bar-inner' }, this.controls.runBar, this.controls.runSettings,
          h('div', { class: 'np-settings-box', 'data-control-box': '' }, this.controls.settingsBar),
          this.hooks.langSlot ? null : this.langPicker.el)),
      h('div', { class: 'np-main' },
        // The lesson's goal card heads the left column (phones: right after the output).
        h('div', { class: 'np-col-left' },
          lessonViews.card ? lessonViews.card.el : null,
          card('np-col-data', t('data.title'), this.controls.dataPanel)),
        card('np-col-network', t('features.title'), this.network.el, lessonViews.handTune ? lessonViews.handTune.el : null),
        card('np-col-output', [t('output.title'), ' · ', this.metrics.problem],
          this.divergedBox,
          h('div', { class: 'np-out-figures' },
            this.metrics.el,
            this.chart.el,
            h('div', { class: 'np-row' },
              h('span', { class: 'np-line-key np-line-test', text: t('output.lineTest') }),
              h('span', { class: 'np-line-key np-line-train', text: t('output.lineTrain') }),
              this.lineKeysA,
              this.controls.places.chart),
            this.timeline.el),
          h('div', { class: 'np-out-plot' },
            this.heatmap.el,
            this.legend.el,
            h('div', { class: 'np-row' }, this.controls.places.plot),
            h('div', { class: 'np-button-row', 'data-control': 'files' },
              button('export-png', t('output.exportPng'), () => this.exportPng()),
              button('export-model', t('output.exportModel'), () => this.bridge.send({ type: 'exportModel' })),
              button('import-model', t('output.importModel'), () => modelFile.click()),
              modelFile)))),
      this.analysis.el,
      this.teach.el,
      this.inside.el,
      this.builder ? this.builder.el : null,
      this.notices.el));
    this.controls.update(this.state);
    this.chart.setLog(this.state.logScale);
    this.heatmap.setShowTest(this.state.showTest);
    this.teach.setState(this.state);
    this.inside.setState(this.state);
    this.analysis.lr.setLearningRate(this.state.learningRate);
    this.applyControls();
    this.replayAnalysis();
  }

  // ---- worker messages ----
  /** One handler per message type (protocol.js TO_PAGE); each feeds every view that needs it. */
  listen() {
    const b = this.bridge;
    b.on('ready', () => {});
    b.on('thumbnails', (m) => {
      this.lastThumbnails = m;
      this.afterFirstFrame(() => this.controls.setThumbnails(m.items));
    });
    b.on('data', (m) => this.showData(m));
    b.on('model', (m) => this.showModel(m));
    b.on('frame', (f) => {
      if (this.hooks.onFrame) this.hooks.onFrame(f);
      this.warnUnstable(f);
      this.lesson.frame(f);
      this.teach.frame(f);
      this.describe(f);
      this.pending = f;
      if (!this.raf) this.raf = this.life.frame((now) => this.guard(() => this.draw(now)));
    });
    b.on('diverged', (m) => {
      this.showDiverged(m);
      if (this.hooks.onDiverged) this.hooks.onDiverged(m);
    });
    b.on('csvError', (m) => {
      this.controls.setCsvMessage(this.t('data.csvError', { message: m.message }), true);
      this.lesson.fileAnswer('csvError', m);
    });
    b.on('csvLoaded', (m) => {
      this.controls.setCsvMessage(this.t('data.csvLoaded', {
        n: m.n, problem: m.regression ? this.t('problem.regression') : this.t('problem.multiclass', { k: m.classes }),
      }), false);
      this.lesson.fileAnswer('csvLoaded', m);
    });
    b.on('csv', (m) => download(this.takeName('exportCsv') || 'nnplay-data.csv', m.text, 'text/csv'));
    b.on('modelFile', (m) => download(this.takeName('exportModel') || 'nnplay-model.json', m.text, 'application/json'));
    b.on('modelImported', (m) => {
      // Only the settings the model changed: the view settings (show test data, log scale) stay.
      this.commit(m.patch);
      this.notices.show([this.t('output.modelImported'), ...m.warnings.map((w) => say(this.t, w))],
        { kind: m.warnings.length ? 'warning' : 'info', topic: 'model' });
      this.lesson.fileAnswer('modelImported', m);
    });
    b.on('modelError', (m) => {
      this.notices.show(this.t('output.modelBad', { message: m.message }), { kind: 'error', topic: 'model' });
      this.lesson.fileAnswer('modelError', m);
    });
    b.on('goalMet', (m) => this.lesson.goalMet(m));
    b.on('error', (m) => {
      if (m.request === 'lossSurface') this.inside.lossSurfaceFailed(m.message);
      this.notices.show(m.message, { kind: 'error', topic: 'error' });
    });
    b.on('lossSurface', (m) => this.inside.showSurface(m));
    b.on('recovered', (m) => this.notices.show(this.t('app.recovered', { message: m.message }), { kind: 'warning', topic: 'engine' }));
    b.on('fatal', (m) => this.notices.show(this.t('app.engineFailed', { message: m.message }), { kind: 'error', topic: 'engine' }));
    b.on('snapshot', () => {});  // the element's (element.js)
    this.listenAnalysis(b);
  }

  showData(m) {
    this.lastData = m;
    this.heatmap.setDomain(m.domain, m.custom ? null : this.axisTitle());
    this.heatmap.setData(m);
    this.warnOutside(m);
    this.heatmap.setHighlight(null);
    this.analysis.compare.setData(m);
    this.controls.setDataInfo({ regression: m.regression, classes: m.classes, custom: m.custom, n: m.train.n + m.test.n });
    this.legend.set(m);
    this.teach.setData(m);
    this.inside.setData(m);
    // Generated data again: what was said about a CSV no longer applies.
    if (!m.custom) this.controls.setCsvMessage('', false);
  }

  showModel(m) {
    this.model = m;
    // The diagram's DOM can wait for the first boundary to be on screen.
    this.afterFirstFrame(() => {
      if (this.model !== m) return;
      this.network.setModel(m);
      this.applyControls();
    });
    this.metrics.setProblem(m.regression, m.classes);
    this.controls.setNormalization(m.normalization);
    this.lesson.model(m);
    this.teach.setModel(m);
    this.inside.setModel(m);
    if (this.focus && this.focus.neuron !== undefined) this.setFocus(null);
  }

  /** Runs fn now, or after the first frame is drawn if none has been yet. */
  afterFirstFrame(fn) {
    if (this.frames > 0) fn();
    else (this.deferred ||= []).push(fn);
  }

  /** Draws the latest frame (`now`: the animation frame's time), then hands its arrays back to the worker. */
  draw(now) {
    this.raf = 0;
    const f = this.pending;
    this.pending = null;
    if (!f) return;
    if (f.run !== this.run) {
      this.run = f.run;
      this.chart.clear();
      this.timeline.toPresent();
      this.figuresSlice = undefined;  // a new run's figures at once
    }
    if (!this.visible && this.frames > 0) {
      // Off-screen: keep the figures and the loss history, draw nothing.
      if ((f.replay ?? null) === null) this.chart.push(f.epoch, f.trainLoss, f.testLoss);
      this.setFigures(f);
      this.bridge.ack(f);
      return;
    }
    this.drawFrame(f, now);
    this.root.dataset.drawn = String(++this.drawn);
  }

  drawFrame(f, now) {
    this.writeFigures(f, now);
    this.controls.setRunning(f.running);
    const replay = f.replay ?? null;  // a snapshot shown by the timeline: the history stays as it is
    if (replay === null) this.chart.push(f.epoch, f.trainLoss, f.testLoss);
    this.chart.setCursor(replay);
    this.chart.draw();
    this.timeline.frame(f);
    // f.grid is null in a frame the worker made while the page was off screen (one can still be on its way back)
    if (f.grid && this.analysisView && this.analysisView.tab === 'compare' && this.analysisView.onScreen) this.analysis.compare.frame(f);

    if (this.focus && this.focus.neuron !== undefined && f.focus && f.focus.index === this.focus.neuron) {
      this.heatmap.drawGrid(f.focus.grid, 1, 'activation', activationRange(this.focus.activation, f.focus.grid));
    } else if (this.focus && this.focus.feature) {
      this.heatmap.drawGrid(featureMap(this.focus.feature, GRID_RES, this.plane()), 1, 'activation');
    } else if (f.grid) {
      const kind = f.regression ? 'regression' : f.classes > 2 ? 'multi' : 'binary';
      this.heatmap.drawGrid(f.grid, f.outDim, kind, { discretize: this.state.discretize });
    }
    this.network.setDead(this.inside.deadUnits(f));
    this.network.update(f);
    this.inside.frame(f);
    // only on a change: setting `hidden` each frame, even to its value, makes Chromium recalculate style
    if (!f.diverged && !this.divergedBox.hidden) this.divergedBox.hidden = true;

    this.setFigures(f);
    if (this.frames === 1) {
      performance.mark('nnplay-first-boundary');
      // after this frame is painted: the work deferred until then
      this.life.timeout(() => {
        for (const fn of this.deferred || []) fn();
        this.deferred = null;
        this.bridge.send({ type: 'view', view: {} });  // a fresh frame for the diagram just built
      }, 0);
    }
    this.bridge.ack(f);
  }

  /**
   * The epoch counter and the figures under the chart: a frame that is not training
   * (paused, a step, a replayed snapshot) at once; while training, the first frame of
   * each FIGURES_MS slice of the page's clock. `now` is the animation frame's time, the
   * same for every playground on the page, so those that draw in that frame all write
   * in it (one layout a slice for the page, not one per playground).
   */
  writeFigures(f, now) {
    const slice = Math.floor(now / FIGURES_MS);
    if (f.running && slice === this.figuresSlice) return;
    this.figuresSlice = slice;
    this.controls.setEpoch(f.epoch);
    this.metrics.update(f);
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
    this.lastFigures = { epoch: f.epoch, trainLoss: f.trainLoss, testLoss: f.testLoss, trainMetric: f.trainMetric, testMetric: f.testMetric };
  }

  /** Text alternatives of the loss chart and the plot (epoch, losses, accuracy), at most once a second. */
  describe(f, force = false) {
    const now = performance.now();
    if (!force && f.running && now - (this.describedAt || 0) < DESCRIBE_MS) return;
    this.describedAt = now;
    const t = this.t;
    const metric = this.metrics.metricText(f);
    const a = this.pinned;  // run A, drawn dashed
    this.chart.describe(`${t('output.chartLabel')}. ${t('output.chartSummary', { epoch: f.epoch, train: fmt(f.trainLoss), test: fmt(f.testLoss) })}` +
      (a ? ` ${t('compare.chartSummaryA', { epoch: a.epoch, train: fmt(a.figures.trainLoss), test: fmt(a.figures.testLoss) })}` : ''));
    this.heatmap.describe(`${t('output.heatmapLabel')}. ${t('output.plotSummary', {
      epoch: f.epoch, metric: f.regression ? 'R²' : t('output.accuracy'), train: metric(f.trainMetric), test: metric(f.testMetric),
    })}`);
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

  /** Rendering on/off (the element turns it off while scrolled out of view). */
  setVisible(visible) {
    if (this.visible === visible) return;
    this.visible = visible;
    // off screen the worker computes no boundary; back on screen, a fresh frame with one to draw
    this.bridge.send({ type: 'view', view: { boundary: visible } });
  }

  /**
   * Shows only the controls named (state.js CONTROL_NAMES): null = all, [] = none.
   * The run buttons ('run') come with any list that is not empty. Every view
   * marks its controls with data-control="<name>" (data-control-lock: shown but
   * not usable when off); a [data-control-box] with no control left goes away.
   */
  applyControls(list = this.embed.controls) {
    const app = this.root.querySelector('.np-app');
    if (!app) return;
    const all = list === null || list === undefined;
    const shown = new Set(all ? [] : list);
    if (!all && shown.size > 0) shown.add('run');
    app.classList.toggle('np-controls-limited', !all);
    for (const el of app.querySelectorAll('[data-control]')) {
      const off = !all && !shown.has(el.getAttribute('data-control'));
      if (el.hasAttribute('data-control-lock')) {
        el.classList.toggle('np-ctl-locked', off);
        if (off) el.setAttribute('tabindex', '-1');
        else if (el.getAttribute('tabindex') === '-1') el.removeAttribute('tabindex');
      } else el.classList.toggle('np-ctl-hidden', off);
    }
    for (const box of app.querySelectorAll('[data-control-box]'))
      box.classList.toggle('np-ctl-hidden', !box.querySelector('[data-control]:not(.np-ctl-hidden)'));
    this.lesson.applyLocks(app);
    // Hand-tuning: no training, so no Play or Step (Reset brings back the initial weights),
    // and no timeline or stop-at-a-target, which only mean something for a training run.
    for (const b of app.querySelectorAll('[data-action=play], [data-action=step-epoch], [data-action=step-batch], [data-control=replay], .np-target'))
      b.classList.toggle('np-ctl-hidden', this.lesson.handTune);
  }

  /** Stops the worker and the listeners (the element was removed). */
  destroy() {
    this.destroyed = true;
    this.raf = 0;
    this.life.end();
    this.destroyViews();
    if (this.inside) this.inside.destroy();
    this.bridge.terminate();
  }

  /** Ends the views' observers and timers (before a rebuild, and on destroy). */
  destroyViews() {
    for (const view of this.views || []) if (view && typeof view.destroy === 'function') view.destroy();
    this.views = [];
  }

  // ---- language ----
  /**
   * Switches the interface language at any time: rebuilds this instance's views
   * with a new translator and replays what the worker has sent (data, model,
   * thumbnails, loss history); the training run goes on untouched. remember:
   * store it as the learner's choice; focus: move the focus to the language
   * picker (when the learner picked it there).
   */
  /** Rebuilds the views in the same language (the lesson changed); training goes on. */
  rebuild() {
    this.setLang(this.lang, { remember: false, focus: false });
  }

  setLang(lang, { remember = true, focus = true } = {}) {
    this.t = translator(lang);
    this.lang = this.t.lang;
    this.embed.lang = this.lang;
    if (remember) storeLanguage(this.lang);
    const wasFrames = this.frames;
    this.build();
    if (this.lastData) this.showData(this.lastData);
    if (this.model) this.showModel(this.model);
    if (this.lastThumbnails && wasFrames > 0) this.controls.setThumbnails(this.lastThumbnails.items);
    this.bridge.send({ type: 'view', view: {} });  // a fresh frame for the new views
    if (this.useHash) {
      document.documentElement.lang = this.lang;
      for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = this.t(el.getAttribute('data-i18n'));
      this.writeHash(false);
    }
    if (focus) this.langPicker.select.focus();
  }

  /** Shows warnings ({key, params}) as one notice, each line wrapped by the strings key `wrap`. */
  warn(warnings, wrap, topic) {
    const t = this.t;
    this.notices.show(warnings.map((w) => t(wrap, { message: say(t, w) })), { kind: 'warning', topic });
  }

  // ---- state ----
  /** Applies a patch to the state; push makes a browser-history entry. */
  commit(patch, { push = true } = {}) {
    const next = normalize({ ...copyState(this.state), ...patch });
    if (changedKeys(this.state, next).length === 0) return;
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
    if (this.builder) this.builder.stateChanged();
    this.inside.setState(next);
    this.analysis.compare.update(next);
    this.analysis.lr.setLearningRate(next.learningRate);
    if (changed.some((k) => COMPARED_KEYS.includes(k) && k !== 'learningRate')) this.analysis.lr.settingsChanged();
    if (changed.some((k) => TRAINING_KEYS.includes(k))) this.bridge.send({ type: 'state', state: trainingState(next) });
    else if (changed.includes('discretize')) this.bridge.send({ type: 'view', view: {} });  // a frame to colour anew
  }

  writeHash(push) {
    if (!this.useHash) return;
    const hash = toHash(this.state, this.embed, lessonEntries(this.lesson.lesson));
    this.lastHash = hash;
    if (location.hash === hash) return;
    if (push) history.pushState(null, '', hash);
    else history.replaceState(null, '', hash);
  }

  fromHash() {
    if (location.hash === this.lastHash) return;
    this.lastHash = location.hash;
    const { state, warnings, options, lesson } = parseLessonHash(location.hash);
    if ('controls' in options && String(options.controls) !== String(this.embed.controls)) {
      this.embed.controls = options.controls;
      this.applyControls();
    }
    // The settings first: a new lesson rebuilds the views and writes the hash from them.
    this.setState(state);
    if (JSON.stringify(lesson) !== JSON.stringify(this.lesson.lesson)) this.lesson.update(lesson);
    this.warn(warnings, 'state.warning', 'link');
  }

  // ---- actions ----
  /** A settings change by the learner: as far as the lesson allows (locks, limits). */
  learnerCommit(patch) {
    const allowed = this.lesson.allow(patch, this.state);
    if (Object.keys(allowed).length) this.commit(allowed);
  }

  /** False (with a notice) when the lesson locked the control `name`. */
  learnerMay(name) {
    if (!this.lesson.locked(name)) return true;
    this.lesson.refuse({ key: 'lesson.lockedHit', params: { name } });
    return false;
  }

  /** The plane the plot shows: the data's domain, and the model's input normalization. */
  plane() {
    return { domain: this.lastData ? this.lastData.domain : undefined, norm: this.model ? this.model.normalization : null };
  }

  /** The plot's axis caption for the current dataset ('' when it has none: the plain plane). */
  axisTitle() {
    const name = this.state.dataset;
    return this.t.has(`axis.${name}`) ? this.t(`axis.${name}`) : '';
  }

  command(type, extra = {}) {
    if (!this.lesson.allowCommand(type) || (type !== 'reset' && !this.learnerMay('run'))) return;
    if (type === 'reset' || type === 'toggle' || type === 'step') this.divergedBox.hidden = true;
    if (type === 'toggle') this.notices.clear('target');
    this.bridge.send({ type, ...extra });
  }

  pickDataset(name) {
    if (!this.learnerMay('dataset')) return;
    if (name === this.state.dataset && this.controls.custom) {
      this.bridge.send({ type: 'regenerate' });
      return;
    }
    const patch = { dataset: name };
    if (datasetInfo(name).usesClasses && this.state.classes < PICKED_CLASSES) patch.classes = PICKED_CLASSES;
    this.learnerCommit(patch);
  }

  toggleFeature(name) {
    const on = this.state.features.includes(name);
    if (on && this.state.features.length === 1) {
      this.notices.show(this.t('features.atLeastOne'), { kind: 'warning', topic: 'features' });
      return;
    }
    this.notices.clear('features');
    const features = on ? this.state.features.filter((f) => f !== name) : [...this.state.features, name];
    this.learnerCommit({ features: FEATURES.filter((f) => features.includes(f)) });
  }

  /** Adds (delta > 0) or removes the last hidden layer; a new one copies the last one's settings. */
  changeLayers(delta) {
    const layers = hiddenLayers(this.state);
    if (delta > 0 && layers.length < MAX_LAYERS) {
      const fresh = { units: 4 };
      for (const key of LAYER_KEYS) fresh[key] = this.state[key][0];
      layers.push(layers.length ? { ...layers[layers.length - 1] } : fresh);
    } else if (delta < 0 && layers.length > 0) {
      layers.pop();
    } else return;
    this.learnerCommit(layersPatch(this.state, layers));
  }

  /** Changes hidden layer l ({units, ...per-layer settings}) with edit(layer). */
  changeLayer(l, edit) {
    const layers = hiddenLayers(this.state);
    edit(layers[l]);
    this.learnerCommit(layersPatch(this.state, layers));
  }

  setFocus(f) {
    this.focus = f;
    const neuron = f && f.neuron !== undefined ? f.neuron : -1;
    this.bridge.send({ type: 'view', view: { focus: neuron } });
    if (neuron >= 0) this.teach.focusNeuron(neuron);
    this.heatmap.setBadge(f ? this.t('network.showing', { name: f.feature ? this.t(`feature.${f.feature}`) : f.name }) : null);
  }

  importCsv(text) {
    if (!this.learnerMay('edit-data')) return;
    this.controls.setCsvMessage('', false);
    this.bridge.send({ type: 'importCsv', text });
  }

  readFile(file, ok, fail) {
    if (file.size > MAX_FILE_BYTES) {
      fail(this.t('data.csvTooLarge', { max: MAX_FILE_BYTES / 1024 / 1024 }));
      return;
    }
    file.text().then(ok, (e) => fail(e.message));
  }

  /** Asks the worker for the points ('exportCsv') or the model file ('exportModel'), downloaded as `filename`. */
  download(type, filename) {
    (this.fileNames ||= {})[type] = filename;
    this.bridge.send({ type });
  }

  takeName(type) {
    const name = this.fileNames && this.fileNames[type];
    if (name) delete this.fileNames[type];
    return name;
  }

  async exportPng() {
    const blob = await this.heatmap.toPng();
    if (blob) download('nnplay-heatmap.png', blob);
  }

  /** Points the plot cannot show (it covers the input plane -DOMAIN..DOMAIN): say how many and where they are. */
  warnOutside(m) {
    // A dataset in its own units (m.domain) holds every point by construction (worker/inputs.js domainFor).
    const plane = !m.domain || m.domain.every((v, i) => v === PLANE_DOMAIN[i]);
    const out = plane ? pointsOutside([m.train, m.test], DOMAIN) : { count: 0 };
    if (out.count === 0) {
      this.notices.clear('extent');
      return;
    }
    this.notices.show(this.t('data.outside', {
      n: out.count, total: m.train.n + m.test.n, x1: `${fmt(out.min[0])} … ${fmt(out.max[0])}`,
      x2: `${fmt(out.min[1])} … ${fmt(out.max[1])}`, domain: DOMAIN,
    }), { kind: 'warning', topic: 'extent' });
  }

  /** A finite loss that keeps exploding: a warning that stays while it holds; training goes on. */
  warnUnstable(f) {
    const on = !!f.unstable && !f.diverged;
    if (on === !!this.unstableShown) return;
    this.unstableShown = on;
    if (!on) {
      this.notices.clear('unstable');
      return;
    }
    this.notices.show(this.t('diverged.unstable', { best: fmt(f.unstable.best), loss: fmt(f.unstable.loss), suggest: fmt(this.state.learningRate / 10) }),
      { kind: 'warning', topic: 'unstable' });
  }

  // ---- issue 12: compare, replay, measure ----
  /** The timeline under the loss chart, the "Compare · replay · measure" card and run A's line keys. */
  buildAnalysis(t) {
    this.timeline = new TimelineView(t, {
      onScrub: (epoch) => this.bridge.send({ type: 'replay', epoch }),
      onResume: (epoch) => this.bridge.send({ type: 'branch', epoch }),
    });
    this.analysis = new AnalysisCard(t, {
      onPin: (sameStart) => this.pin(sameStart),
      onUnpin: () => this.unpin(),
      onSameStart: (on) => {
        if (this.pinned) this.pinned.sameStart = on;
        this.bridge.send({ type: 'sameStart', on });
      },
      onSet: () => {},  // the card reports the new set through onView
      onHighlight: (hl) => this.heatmap.setHighlight(hl),
      onFind: () => this.bridge.send({ type: 'findLr' }),
      onApply: (lr) => {
        this.commit({ learningRate: lr });
        this.analysis.lr.applied(lr);
      },
      onView: (v) => this.setAnalysisView(v),
    });
    // One key for run A's two dashed lines (darker: test, lighter: training, as for B).
    this.lineKeysA = [h('span', { class: 'np-line-key np-line-a', text: t('compare.lineA'), title: t('compare.lineAHelp'), hidden: true })];
  }

  listenAnalysis(b) {
    b.on('timeline', (m) => {
      this.lastTimeline = m;
      this.timeline.setSnapshots(m.run, m.epochs, m.bytes);
    });
    b.on('branched', (m) => {
      this.chart.truncate(m.epoch);
      this.timeline.toPresent();
    });
    b.on('pinned', (m) => {
      this.pinned = { ...this.pendingPin, epoch: m.epoch, grid: m.grid, outDim: m.outDim,
        kind: m.regression ? 'regression' : m.classes > 2 ? 'multi' : 'binary' };
      this.showPinned();
    });
    b.on('metrics', (m) => this.analysis.evaluation.show(m));
    b.on('targetReached', (m) => this.notices.show(this.t(m.kind === 'loss' ? 'target.loss' : m.regression ? 'target.metricRegression' : 'target.metric',
      { epoch: m.epoch, value: fmt(m.value), target: fmt(m.target) }), { kind: 'info', topic: 'target' }));
    b.on('lrFound', (m) => {
      this.lastLr = m;
      this.analysis.lr.show(m);
    });
  }

  /** After the views are (re)built, e.g. in another language: the pinned run, the timeline, the last finder curve. */
  replayAnalysis() {
    if (this.analysisView) this.analysis.select(this.analysisView.tab);
    this.analysis.report();
    if (this.pinned) this.showPinned();
    if (this.lastTimeline) this.timeline.setSnapshots(this.lastTimeline.run, this.lastTimeline.epochs, this.lastTimeline.bytes);
    if (this.lastLr) this.analysis.lr.show(this.lastLr);
  }

  /** Pins the current run as A (its loss history and settings now; its boundary comes back as 'pinned'). */
  pin(sameStart) {
    const history = this.chart.history();
    this.pendingPin = {
      history: { epochs: history.epochs.slice(), train: history.train.slice(), test: history.test.slice() },
      settings: trainingState(this.state),
      figures: { ...this.lastFigures },
      data: this.lastData,
      sameStart,
    };
    this.bridge.send({ type: 'pin', sameStart });
  }

  unpin() {
    this.pinned = null;
    this.bridge.send({ type: 'unpin' });
    this.showPinned();
  }

  showPinned() {
    const p = this.pinned || null;
    this.chart.setReference(p ? p.history : null);
    for (const key of this.lineKeysA) key.hidden = !p;
    this.analysis.compare.setPinned(p);
    this.analysis.compare.update(this.state);
  }

  /** The card's open tab: the worker computes the metrics while that panel is seen. */
  setAnalysisView(v) {
    const drawn = this.analysisView && this.analysisView.tab === 'compare' && this.analysisView.onScreen;
    this.analysisView = v;
    // B's small plot is drawn from frames: a fresh one when it comes into view (also while paused)
    if (!drawn && v.tab === 'compare' && v.onScreen) this.bridge.send({ type: 'view', view: {} });
    const metrics = v.onScreen && v.tab === 'metrics' ? v.set : null;
    if (v.tab !== 'metrics') this.heatmap.setHighlight(null);
    if (metrics === this.metricsSet) return;
    this.metricsSet = metrics;
    this.bridge.send({ type: 'view', view: { metrics } });
  }

  showDiverged(m) {
    const suggest = fmt(m.learningRate / 10);
    this.divergedBox.replaceChildren(
      h('strong', { text: this.t('diverged.title') }),
      h('span', { text: ' ' + this.t('diverged.body', { epoch: m.epoch, suggest }) }));
    this.divergedBox.hidden = false;
  }
}

