// The controls: the top toolbar (run buttons, epoch counter, training
// settings) and the data panel (dataset picker, sliders, point editing, CSV).
// Each control reads from and writes to one key of the page state; changes go
// out through onChange(patch, {push}) and nothing else.

import { h, svg, setText, fmt } from '../dom.js';
import { t } from '../strings.js';
import {
  SCHEMA, DATASETS, MULTICLASS_DATASETS, OPTIMIZERS, ACTIVATIONS, REGULARIZATIONS, INITIALIZERS, SPEEDS,
  LEARNING_RATES, REG_RATES,
} from '../state.js';
import { CLASS_COLORS, labelColor, rgb } from '../colors.js';

const REGRESSION_VALUES = [-1, -0.5, 0, 0.5, 1];

function icon(d, label) {
  return svg('svg', { viewBox: '0 0 24 24', width: '24', height: '24', 'aria-hidden': 'true', focusable: 'false' },
    svg('path', { d, fill: 'currentColor' }), label ? svg('title', { text: label }) : null);
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
   * handlers: onChange(patch, {push}), onCommand(type, extra), onAddClass(k),
   * onCsvText(text), onCsvFile(file), onCsvDownload(), onDataset(name)
   */
  constructor(handlers) {
    this.handlers = handlers;
    this.writers = [];
    this.addClass = 0;
    this.toolbar = this.buildToolbar();
    this.dataPanel = this.buildDataPanel();
  }

  change(patch, push = true) {
    this.handlers.onChange(patch, { push });
  }

  // ---- generic controls ----
  field(label, control, extraClass = '') {
    return h('label', { class: `np-field ${extraClass}` }, h('span', { class: 'np-field-label', text: label }), control);
  }

  select(key, options, { parse = (v) => v, cls = '' } = {}) {
    const el = h('select', { class: `np-select ${cls}`, name: key, 'data-key': key },
      options.map(([value, label]) => h('option', { value: String(value), text: label })));
    el.addEventListener('change', () => this.change({ [key]: parse(el.value) }));
    this.writers.push((s) => {
      const v = String(key === 'activation' ? s.activation[0] : s[key]);
      if (![...el.options].some((o) => o.value === v)) el.append(h('option', { value: v, text: v }));
      el.value = v;
    });
    return el;
  }

  slider(key, { min, max, step, format, toValue = Number, fromValue = Number }) {
    const out = h('output', { class: 'np-slider-value' });
    const el = h('input', { type: 'range', class: 'np-range', name: key, 'data-key': key, min, max, step });
    el.addEventListener('input', () => setText(out, format(toValue(el.value))));
    el.addEventListener('change', () => this.change({ [key]: toValue(el.value) }));
    this.writers.push((s) => {
      el.value = String(fromValue(s[key]));
      setText(out, format(s[key]));
    });
    return { el, out };
  }

  number(key, { min, max, step = 1, width = 'np-num' }) {
    const el = h('input', { type: 'number', class: `np-input ${width}`, name: key, 'data-key': key, min, max, step });
    el.addEventListener('change', () => {
      const v = Number(el.value);
      const spec = SCHEMA[key];
      if (key === 'epochs' && el.value.trim() === '') { this.change({ epochs: 0 }); return; }
      if (el.value.trim() === '' || !Number.isFinite(v)) { el.value = String(this.state[key]); return; }
      this.change({ [key]: Math.min(spec.max, Math.max(spec.min, Math.round(v))) });
    });
    this.writers.push((s) => {
      if (el.getRootNode().activeElement !== el) el.value = key === 'epochs' && s[key] === 0 ? '' : String(s[key]);
    });
    return el;
  }

  // ---- the toolbar ----
  buildToolbar() {
    const cmd = (type, extra) => () => this.handlers.onCommand(type, extra);
    this.playButton = h('button', { class: 'np-play', type: 'button', 'data-action': 'play', 'aria-label': t('toolbar.play'), title: t('toolbar.play'), on: { click: cmd('toggle') } }, icon(ICONS.play));
    const reset = h('button', { class: 'np-round', type: 'button', 'data-action': 'reset', 'aria-label': t('toolbar.reset'), title: t('toolbar.reset'), on: { click: cmd('reset') } }, icon(ICONS.reset));
    const stepEpoch = h('button', { class: 'np-round', type: 'button', 'data-action': 'step-epoch', 'aria-label': t('toolbar.stepEpoch'), title: t('toolbar.stepEpoch'), on: { click: cmd('step', { unit: 'epoch' }) } }, icon(ICONS.step));
    const stepBatch = h('button', { class: 'np-round np-round-small', type: 'button', 'data-action': 'step-batch', 'aria-label': t('toolbar.stepBatch'), title: t('toolbar.stepBatch'), on: { click: cmd('step', { unit: 'batch' }) } }, icon(ICONS.batch));
    this.epochValue = h('span', { class: 'np-epoch-value', 'data-testid': 'epoch', text: '000,000' });
    this.problemValue = h('span', { class: 'np-problem-value', 'data-testid': 'problem' });

    const lrs = LEARNING_RATES.map((v) => [v, String(v)]);
    const regRates = REG_RATES.map((v) => [v, String(v)]);
    const batch = this.slider('batchSize', { min: 1, max: 100, step: 1, format: (v) => String(v) });
    const speeds = SPEEDS.map((v) => [v, v === 'max' ? t('speed.max') : t('speed.value', { n: v })]);
    const stopAfter = this.number('epochs', { min: 0, max: SCHEMA.epochs.max, step: 100, width: 'np-num-wide' });
    stopAfter.setAttribute('placeholder', t('control.epochsNever'));

    const row1 = h('div', { class: 'np-toolbar-row' },
      h('div', { class: 'np-run-buttons' }, reset, this.playButton, stepEpoch, stepBatch),
      h('div', { class: 'np-field np-epoch' }, h('span', { class: 'np-field-label', text: t('toolbar.epoch') }), this.epochValue),
      this.field(t('control.learningRate'), this.select('learningRate', lrs, { parse: Number })),
      this.field(t('control.activationAll'), this.select('activation', ACTIVATIONS.map((a) => [a, t(`activation.${a}`)]), { parse: (v) => [v] })),
      this.field(t('control.optimizer'), this.select('optimizer', OPTIMIZERS.map((o) => [o, t(`optimizer.${o}`)]))),
      this.field(t('control.regularization'), this.select('regularization', REGULARIZATIONS.map((r) => [r, t(`regularization.${r}`)]))),
      this.field(t('control.regRate'), this.select('regRate', regRates, { parse: Number })),
      h('div', { class: 'np-field' }, h('span', { class: 'np-field-label', text: t('control.problem') }), this.problemValue));
    const row2 = h('div', { class: 'np-toolbar-row np-toolbar-row-2' },
      h('label', { class: 'np-field np-field-inline' }, h('span', { class: 'np-field-label', text: t('control.batchSize') }), batch.el, batch.out),
      this.field(t('control.initializer'), this.select('initializer', INITIALIZERS.map((i) => [i, t(`initializer.${i}`)])), 'np-field-inline'),
      this.field(t('control.seed'), this.number('seed', { min: 0, max: SCHEMA.seed.max }), 'np-field-inline'),
      this.field(t('control.speed'), this.select('speed', speeds), 'np-field-inline'),
      h('label', { class: 'np-field np-field-inline' }, h('span', { class: 'np-field-label', text: t('control.epochs') }), stopAfter,
        h('span', { class: 'np-field-unit', text: t('control.epochsSuffix') })));
    return h('div', { class: 'np-toolbar' }, row1, row2);
  }

  // ---- the data panel ----
  buildDataPanel() {
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

    const pct = (v) => `${Math.round(v * 100)}%`;
    const classes = this.slider('classes', { min: 2, max: 6, step: 1, format: String });
    const ratio = this.slider('trainRatio', { min: 10, max: 90, step: 5, format: pct, toValue: (v) => Number(v) / 100, fromValue: (v) => Math.round(v * 100) });
    const noise = this.slider('noise', { min: 0, max: 100, step: 5, format: pct, toValue: (v) => Number(v) / 100, fromValue: (v) => Math.round(v * 100) });
    const points = this.slider('points', { min: 50, max: 2000, step: 50, format: String });
    const row = (label, s) => {
      s.el.setAttribute('aria-label', label);  // the slider sits outside its visible label
      return h('div', { class: 'np-slider-row' }, h('label', { class: 'np-slider-label' }, h('span', { text: label }), s.out), s.el);
    };
    this.classesRow = row(t('data.classes'), classes);
    this.writers.push((s) => { this.classesRow.hidden = !MULTICLASS_DATASETS.has(s.dataset); });

    this.customNote = h('p', { class: 'np-note', hidden: true });
    this.addChips = h('div', { class: 'np-chips', role: 'radiogroup', 'aria-label': t('data.addClass') });
    this.addHelp = h('p', { class: 'np-help' });
    this.csvText = h('textarea', { class: 'np-csv-text', rows: '4', spellcheck: 'false', placeholder: t('data.csvPlaceholder'), 'aria-label': t('data.csv') });
    const file = h('input', { type: 'file', accept: '.csv,text/csv,text/plain', class: 'np-visually-hidden', 'data-testid': 'csv-file', 'aria-label': t('data.csvUpload'), tabindex: '-1' });
    file.addEventListener('change', () => { if (file.files[0]) this.handlers.onCsvFile(file.files[0]); file.value = ''; });
    this.csvMessage = h('p', { class: 'np-message', role: 'status', 'data-testid': 'csv-message' });
    const regenerate = h('button', { class: 'np-button', type: 'button', 'data-action': 'regenerate', text: t('data.regenerate'), on: { click: () => this.change({ dataSeed: (this.state.dataSeed + 1) % SCHEMA.dataSeed.max }) } });

    return h('div', { class: 'np-data' },
      h('p', { class: 'np-help', text: t('data.which') }),
      picker,
      this.customNote,
      this.classesRow,
      row(t('data.trainRatio'), ratio),
      row(t('data.noise'), noise),
      row(t('data.points'), points),
      regenerate,
      h('h3', { class: 'np-subtitle', text: t('data.edit') }),
      this.addChips,
      this.addHelp,
      h('label', { class: 'np-field-label', text: t('data.csv') }),
      this.csvText,
      h('div', { class: 'np-button-row' },
        h('button', { class: 'np-button', type: 'button', 'data-action': 'csv-load', text: t('data.csvLoad'), on: { click: () => this.handlers.onCsvText(this.csvText.value) } }),
        h('button', { class: 'np-button', type: 'button', 'data-action': 'csv-upload', text: t('data.csvUpload'), on: { click: () => file.click() } }),
        h('button', { class: 'np-button', type: 'button', 'data-action': 'csv-download', text: t('data.csvDownload'), on: { click: () => this.handlers.onCsvDownload() } }),
        file),
      this.csvMessage);
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
        const x = ((d.x[2 * i] + 6) / 12) * c.width, y = ((6 - d.x[2 * i + 1]) / 12) * c.height;
        ctx.fillStyle = rgb(labelColor(d.regression ? d.y[i] : Math.round(d.y[i]), d.regression));
        ctx.beginPath();
        ctx.arc(x, y, 1.6, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
  }

  /** The point-adding chips for the current data: classes, or values for regression. */
  setDataInfo({ regression, classes, custom, n }) {
    this.custom = custom;
    this.customNote.hidden = !custom;
    setText(this.customNote, custom ? t('data.custom', { n }) : '');
    const key = `${regression}:${classes}`;
    if (this.chipsKey !== key) {
      this.chipsKey = key;
      this.addClass = regression ? 4 : 0;  // regression: the index of +1 in REGRESSION_VALUES
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
    for (const w of this.writers) w(this.state);
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

  setCsvMessage(text, isError) {
    setText(this.csvMessage, text);
    this.csvMessage.classList.toggle('np-error', !!isError);
  }

  /** Writes the whole state into the controls. */
  update(state) {
    this.state = state;
    for (const w of this.writers) w(state);
  }

  setProblem(regression, classes) {
    setText(this.problemValue, regression ? t('problem.regression') : classes > 2 ? t('problem.multiclass', { k: classes }) : t('problem.classification'));
  }

  setRunning(running) {
    if (this.running === running) return;
    this.running = running;
    this.playButton.replaceChildren(icon(running ? ICONS.pause : ICONS.play));
    this.playButton.classList.toggle('np-playing', running);
    const label = running ? t('toolbar.pause') : t('toolbar.play');
    this.playButton.setAttribute('aria-label', label);
    this.playButton.setAttribute('title', label);
  }

  setEpoch(epoch) {
    setText(this.epochValue, String(epoch).padStart(6, '0').replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  }
}
