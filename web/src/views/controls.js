// The controls: the run bar (run buttons, epoch counter), the settings bar, the
// data panel (dataset picker, sliders, point editing, CSV) and the settings
// placed in other cards (CONTROL_PLACES). Each control reads and writes one key
// of the page state, its widget and range from the state schema (state.js
// SCHEMA) and WIDGETS below; changes go out through onChange(patch) only.
//
// To add a control: its key in SCHEMA, its widget in WIDGETS, its key in a
// place of CONTROL_PLACES, its label in both string tables.
//
// Every control's outermost element carries data-control="<attribute name>",
// the name the embedding option `controls` uses (App.applyControls).

import { h, svg, setText, fmt } from '../dom.js';
import { HIDDEN_ACTIVATIONS, DATASETS, datasetInfo } from '../catalog.js';
import { SCHEMA, SPEEDS, LEARNING_RATES, REG_RATES, REGULARIZATIONS, attrName, nextPause } from '../state.js';
import { CLASS_COLORS, labelColor, rgb } from '../colors.js';
import { toPixel } from '../plane.js';

const REGRESSION_VALUES = [-1, -0.5, 0, 0.5, 1];
const pct = (v) => `${Math.round(v * 100)}%`;

const MIXED = 'mixed';  // the select's value while per-layer values differ

/**
 * How each settable key is shown. label: its strings-table key. widget:
 * 'select' (values: the schema's unless given; option(t, v): an option's
 * text), 'slider' (range and step from the schema; format(v)), 'number'
 * (unit, empty: strings shown after it / when 0), 'check'.
 */
const WIDGETS = {
  learningRate: { widget: 'select', label: 'control.learningRate', values: LEARNING_RATES, option: (t, v) => String(v) },
  activation: { widget: 'select', label: 'control.activationAll', values: HIDDEN_ACTIVATIONS, option: (t, v) => t(`activation.${v}`) },
  optimizer: { widget: 'select', label: 'control.optimizer', option: (t, v) => t(`optimizer.${v}`) },
  regularization: { widget: 'select', label: 'control.regularization', values: REGULARIZATIONS, option: (t, v) => t(`regularization.${v}`) },
  regRate: { widget: 'select', label: 'control.regRate', values: REG_RATES, option: (t, v) => String(v) },
  batchSize: { widget: 'slider', label: 'control.batchSize', format: String },
  speed: { widget: 'select', label: 'control.speed', values: SPEEDS, option: (t, v) => (v === 'max' ? t('speed.max') : t('speed.value', { n: v })) },
  epochs: { widget: 'number', label: 'control.epochs', unit: 'control.epochsSuffix', empty: 'control.epochsNever' },
  targetLoss: { widget: 'number', label: 'control.targetLoss', empty: 'control.targetOff' },
  targetMetric: { widget: 'number', label: 'control.targetMetric', empty: 'control.targetOff' },
  initializer: { widget: 'select', label: 'control.initializer', option: (t, v) => t(`initializer.${v}`) },
  seed: { widget: 'number', label: 'control.seed' },
  classes: { widget: 'slider', label: 'data.classes', format: String },
  trainRatio: { widget: 'slider', label: 'data.trainRatio', format: pct },
  noise: { widget: 'slider', label: 'data.noise', format: pct },
  points: { widget: 'slider', label: 'data.points', format: String },
  logScale: { widget: 'check', label: 'output.logScale' },
  showTest: { widget: 'check', label: 'output.showTest' },
  discretize: { widget: 'check', label: 'output.discretize' },
};

/**
 * Where each control sits: next to the run buttons, the settings bar, the data
 * card, the network card, under the loss chart, under the plot.
 */
export const CONTROL_PLACES = {
  run: ['speed', 'epochs'],
  target: ['targetLoss', 'targetMetric'],  // "Stop at a target", under "Pause every" (buildTargets)
  settings: ['learningRate', 'activation', 'optimizer', 'regularization', 'regRate'],
  data: ['classes', 'trainRatio', 'noise', 'points', 'batchSize'],
  network: ['initializer', 'seed'],
  chart: ['logScale'],
  plot: ['showTest', 'discretize'],
};

function icon(d) {
  return svg('svg', { viewBox: '0 0 24 24', width: '24', height: '24', 'aria-hidden': 'true', focusable: 'false' },
    svg('path', { d, fill: 'currentColor' }));
}
const ICONS = {
  play: 'M8 5v14l11-7z',
  pause: 'M6 5h4v14H6zm8 0h4v14h-4z',
  reset: 'M12 5V1L7 6l5 5V7c3.31 0 6 2.69 6 6s-2.69 6-6 6-6-2.69-6-6H4c0 4.42 3.58 8 8 8s8-3.58 8-8-3.58-8-8-8z',
  step: 'M6 18l8.5-6L6 6v12zM16 6v12h2V6h-2z',
  batch: 'M8 6l8 6-8 6z',
};

export class Controls {
  /**
   * @param {Function} t the instance's translator
   * @param handlers onChange(patch), onCommand(type, extra), onDataset(name),
   *   onCsvText(text), onCsvFile(file), onCsvDownload()
   */
  constructor(t, handlers) {
    this.t = t;
    this.handlers = handlers;
    this.writers = [];
    this.addClass = 0;
    this.epoch = 0;
    this.runBar = this.buildRunBar();
    this.byKey = new Map();
    this.places = {};
    for (const [place, keys] of Object.entries(CONTROL_PLACES)) {
      this.places[place] = keys.map((k) => this.control(k));
      keys.forEach((k, i) => this.byKey.set(k, this.places[place][i]));
    }
    this.runSettings = h('div', { class: 'np-run-settings', 'data-control-box': '' }, this.places.run, this.buildTargets());
    this.settingsBar = h('div', { class: 'np-settings', role: 'group', 'aria-label': t('control.settings') }, this.places.settings);
    this.dataPanel = this.buildDataPanel();
  }

  change(patch) {
    this.handlers.onChange(patch);
  }

  // ---- controls made from the schema ----
  /** The control of one state key, from its schema entry and WIDGETS. */
  control(key) {
    const t = this.t, spec = SCHEMA[key], w = WIDGETS[key];
    const name = attrName(key);
    const label = t(w.label);
    let el;
    if (w.widget === 'select') {
      const select = this.select(key, (w.values || spec.values).map((v) => [v, w.option(t, v)]));
      el = h('label', { class: 'np-field' }, h('span', { class: 'np-field-label', text: label }), select);
    } else if (w.widget === 'slider') {
      const out = h('output', { class: 'np-slider-value' });
      const input = h('input', { type: 'range', class: 'np-range', name: key, 'data-key': key, min: spec.min, max: spec.max, step: spec.step, 'aria-label': label });
      input.addEventListener('input', () => setText(out, w.format(Number(input.value))));
      input.addEventListener('change', () => this.change({ [key]: Number(input.value) }));
      this.writers.push((s) => { input.value = String(s[key]); setText(out, w.format(s[key])); });
      el = h('div', { class: 'np-field np-slider' }, h('span', { class: 'np-slider-label' }, h('span', { class: 'np-field-label', text: label }), out), input);
    } else if (w.widget === 'number') {
      const input = this.number(key, w.empty ? t(w.empty) : null);
      el = h('label', { class: 'np-field' }, h('span', { class: 'np-field-label', text: label }),
        h('span', { class: 'np-field-row' }, input, w.unit ? h('span', { class: 'np-field-unit', text: t(w.unit) }) : null));
    } else {
      const box = h('input', { type: 'checkbox', 'data-key': key, name: key });
      box.addEventListener('change', () => this.change({ [key]: box.checked }));
      this.writers.push((s) => { box.checked = s[key]; });
      el = h('label', { class: 'np-check' }, box, h('span', { text: label }));
    }
    el.setAttribute('data-control', name);
    return el;
  }

  select(key, options) {
    const t = this.t;
    const el = h('select', { class: 'np-select', name: key, 'data-key': key },
      options.map(([value, label]) => h('option', { value: String(value), text: label })));
    const parse = typeof options[0][0] === 'number' ? Number : (v) => v;
    el.addEventListener('change', () => {
      if (el.value === MIXED) return;
      this.change({ [key]: Array.isArray(SCHEMA[key].default) ? [el.value] : parse(el.value) });
    });
    this.writers.push((s) => {
      const list = s[key];
      // A per-layer key with different values: "mixed" until one is picked for all.
      const v = Array.isArray(list) ? (list.every((x) => x === list[0]) ? String(list[0]) : MIXED) : String(list);
      if (![...el.options].some((o) => o.value === v)) {
        el.append(h('option', { value: v, text: v === MIXED ? t('control.mixed') : v, disabled: v === MIXED }));
      }
      el.value = v;
      for (const o of [...el.options]) if (o.value === MIXED && v !== MIXED) o.remove();
    });
    return el;
  }

  number(key, placeholder) {
    const spec = SCHEMA[key];
    const el = h('input', { type: 'number', class: 'np-input np-num', name: key, 'data-key': key, min: spec.min, max: spec.max, step: spec.step, placeholder });
    el.addEventListener('change', () => {
      const v = Number(el.value);
      if (spec.min === 0 && el.value.trim() === '') { this.change({ [key]: 0 }); return; }
      if (el.value.trim() === '' || !Number.isFinite(v)) { el.value = String(this.state[key]); return; }
      this.change({ [key]: Math.min(spec.max, Math.max(spec.min, spec.type === 'int' ? Math.round(v) : v)) });
    });
    this.writers.push((s) => {
      if (el.getRootNode().activeElement !== el) el.value = placeholder && s[key] === 0 ? '' : String(s[key]);
    });
    return el;
  }

  // ---- stop at a target (issue 12) ----
  // A disclosure under "Pause every": its summary says the targets set, its
  // body (over the page on a laptop, in place on a phone) holds the two fields.
  buildTargets() {
    const t = this.t;
    this.targetSummary = h('summary', { class: 'np-target-summary', 'data-testid': 'target-summary' });
    const box = h('details', { class: 'np-target', 'data-control-box': '' }, this.targetSummary,
      h('div', { class: 'np-target-body' }, h('p', { class: 'np-help', text: t('control.targetHelp') }), this.places.target));
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && box.open) {
        box.open = false;
        this.targetSummary.focus();
      }
    });
    this.writers.push((s) => this.writeTargets(s));
    return box;
  }

  writeTargets(s) {
    const t = this.t;
    const metricLabel = this.byKey.get('targetMetric').querySelector('.np-field-label');
    setText(metricLabel, this.regression ? t('control.targetR2') : t('control.targetMetric'));
    const parts = [];
    if (s.targetLoss > 0) parts.push(t('control.targetLossShort', { v: s.targetLoss }));
    if (s.targetMetric > 0) parts.push(t(this.regression ? 'control.targetR2Short' : 'control.targetMetricShort', { v: s.targetMetric }));
    setText(this.targetSummary, parts.length ? t('control.targetSet', { what: parts.join(', ') }) : t('control.target'));
  }

  // ---- the run bar ----
  buildRunBar() {
    const t = this.t;
    const button = (action, cls, label, path, command, extra) => h('button', {
      class: cls, type: 'button', 'data-action': action, 'aria-label': label, title: label,
      on: { click: () => this.handlers.onCommand(command, extra) },
    }, icon(path));
    this.playButton = button('play', 'np-play', t('toolbar.play'), ICONS.play, 'toggle');
    this.epochValue = h('span', { class: 'np-epoch-value', 'data-testid': 'epoch', text: '000,000' });
    this.pauseHint = h('span', { class: 'np-field-hint', 'data-testid': 'next-pause' });
    this.writers.push(() => this.writePauseHint());
    return h('div', { class: 'np-runbar' },
      h('div', { class: 'np-run-buttons', 'data-control': 'run' },
        button('reset', 'np-round', t('toolbar.reset'), ICONS.reset, 'reset'),
        this.playButton,
        button('step-epoch', 'np-round', t('toolbar.stepEpoch'), ICONS.step, 'step', { unit: 'epoch' }),
        button('step-batch', 'np-round', t('toolbar.stepBatch'), ICONS.batch, 'step', { unit: 'batch' })),
      h('div', { class: 'np-field np-epoch' }, h('span', { class: 'np-field-label', text: t('toolbar.epoch') }), this.epochValue, this.pauseHint));
  }

  // ---- the data panel ----
  buildDataPanel() {
    const t = this.t;
    this.thumbs = new Map();
    const picker = h('div', { class: 'np-datasets', role: 'group', 'aria-label': t('data.which') },
      DATASETS.map((name) => {
        const canvas = h('canvas', { width: 64, height: 64 });
        const b = h('button', {
          class: 'np-dataset', type: 'button', 'data-dataset': name, title: t(`dataset.${name}`), 'aria-label': t(`dataset.${name}`),
          on: { click: () => this.handlers.onDataset(name) },
        }, canvas);
        this.thumbs.set(name, { button: b, canvas });
        return b;
      }));
    this.writers.push((s) => {
      for (const [name, { button }] of this.thumbs) {
        const on = name === s.dataset && !this.custom;
        button.classList.toggle('np-selected', on);
        button.setAttribute('aria-pressed', on ? 'true' : 'false');
      }
    });
    const classesRow = this.byKey.get('classes');
    this.writers.push((s) => { classesRow.hidden = !datasetInfo(s.dataset)?.usesClasses; });

    this.customNote = h('p', { class: 'np-note', hidden: true });
    this.addChips = h('div', { class: 'np-chips', role: 'radiogroup', 'aria-label': t('data.addClass') });
    this.addHelp = h('p', { class: 'np-help' });
    this.csvText = h('textarea', { class: 'np-csv-text', rows: '4', spellcheck: 'false', placeholder: t('data.csvPlaceholder'), 'aria-label': t('data.csv') });
    const file = h('input', { type: 'file', accept: '.csv,text/csv,text/plain', class: 'np-visually-hidden', 'data-testid': 'csv-file', 'aria-label': t('data.csvUpload'), tabindex: '-1' });
    file.addEventListener('change', () => { if (file.files[0]) this.handlers.onCsvFile(file.files[0]); file.value = ''; });
    this.csvMessage = h('p', { class: 'np-message', role: 'status', 'data-testid': 'csv-message' });
    const action = (name, text, fn) => h('button', { class: 'np-button', type: 'button', 'data-action': name, text, on: { click: fn } });

    return h('div', { class: 'np-data' },
      h('div', { 'data-control': 'dataset' }, h('p', { class: 'np-help', text: t('data.which') }), picker),
      this.customNote,
      ...this.places.data,
      h('div', { 'data-control': 'data-seed' },
        action('regenerate', t('data.regenerate'), () => this.change({ dataSeed: (this.state.dataSeed + 1) % SCHEMA.dataSeed.max }))),
      h('div', { class: 'np-data-edit', 'data-control': 'edit-data' },
        h('h3', { class: 'np-subtitle', text: t('data.edit') }),
        this.addChips,
        this.addHelp,
        h('label', { class: 'np-field-label', text: t('data.csv') }),
        this.csvText,
        h('div', { class: 'np-button-row' },
          action('csv-load', t('data.csvLoad'), () => this.handlers.onCsvText(this.csvText.value)),
          action('csv-upload', t('data.csvUpload'), () => file.click()),
          action('csv-download', t('data.csvDownload'), () => this.handlers.onCsvDownload()),
          file),
        this.csvMessage));
  }

  /** Draws the picker thumbnails from the worker's small data sets. */
  setThumbnails(items) {
    for (const d of items) {
      const thumb = this.thumbs.get(d.name);
      if (!thumb) continue;
      const c = thumb.canvas, ctx = c.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, c.width, c.height);
      for (let i = 0; i < d.n; ++i) {
        const [x, y] = toPixel(d.x[2 * i], d.x[2 * i + 1], c.width, c.height);
        ctx.fillStyle = rgb(labelColor(d.regression ? d.y[i] : Math.round(d.y[i]), d.regression));
        ctx.beginPath();
        ctx.arc(x, y, 1.6, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
  }

  /** The point-adding chips for the current data: classes, or values for regression. */
  setDataInfo({ regression, classes, custom, n }) {
    const t = this.t;
    this.custom = custom;
    this.customNote.hidden = !custom;
    setText(this.customNote, custom ? t('data.custom', { n }) : '');
    const key = `${regression}:${classes}`;
    if (this.chipsKey !== key) {
      this.chipsKey = key;
      this.addClass = regression ? REGRESSION_VALUES.indexOf(1) : 0;
      const items = regression ? REGRESSION_VALUES : Array.from({ length: classes }, (_, k) => k);
      this.addChips.setAttribute('aria-label', regression ? t('data.addValue') : t('data.addClass'));
      this.addChips.replaceChildren(...items.map((v, i) => {
        const color = regression ? labelColor(v, true) : CLASS_COLORS[v % CLASS_COLORS.length];
        const chip = h('button', {
          class: 'np-chip', type: 'button', role: 'radio', 'data-value': String(v),
          on: { click: () => { this.addClass = i; this.markChips(); } },
        }, h('span', { class: 'np-chip-dot' }), regression ? fmt(v) : t('output.legendClass', { k: v }));
        chip.firstChild.style.backgroundColor = rgb(color);
        return chip;
      }));
      setText(this.addHelp, regression ? t('data.addHelpRegression') : t('data.addHelp'));
      this.markChips();
    }
    this.regression = regression;
    this.classes = classes;
    if (this.state) this.update(this.state);
  }

  markChips() {
    [...this.addChips.children].forEach((c, i) => c.setAttribute('aria-checked', i === this.addClass ? 'true' : 'false'));
  }

  /** The label a click adds (other = shift-click: the other class / the opposite value). */
  labelToAdd(other) {
    if (this.regression) {
      const v = REGRESSION_VALUES[this.addClass];
      return other ? -v : v;
    }
    if (other && this.classes === 2) return 1 - this.addClass;
    return this.addClass;
  }

  /** The CSV box's status line ('' clears it). */
  setCsvMessage(text, isError) {
    setText(this.csvMessage, text);
    this.csvMessage.classList.toggle('np-error', !!isError);
  }

  /** Puts a loaded file's text into the CSV box (if it is small enough to edit there). */
  setCsvText(text) {
    if (text.length < 200000) this.csvText.value = text;
  }

  /** Writes the whole state into the controls. */
  update(state) {
    this.state = state;
    for (const w of this.writers) w(state);
  }

  setRunning(running) {
    if (this.running === running) return;
    this.running = running;
    this.playButton.replaceChildren(icon(running ? ICONS.pause : ICONS.play));
    this.playButton.classList.toggle('np-playing', running);
    const label = running ? this.t('toolbar.pause') : this.t('toolbar.play');
    this.playButton.setAttribute('aria-label', label);
    this.playButton.setAttribute('title', label);
  }

  setEpoch(epoch) {
    this.epoch = epoch;
    setText(this.epochValue, String(epoch).padStart(6, '0').replace(/\B(?=(\d{3})+(?!\d))/g, ','));
    this.writePauseHint();
  }

  /** Under "Pause every N epochs": the epoch at which Play will pause next. */
  writePauseHint() {
    if (!this.state) return;
    const at = nextPause(this.epoch, this.state.epochs);
    setText(this.pauseHint, at === null ? '' : this.t('control.nextPause', { epoch: at }));
  }
}
