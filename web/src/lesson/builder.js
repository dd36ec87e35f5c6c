// The lesson builder ("Share / embed", the full page only): turns the current
// playground into a lesson. The teacher picks which controls the learner sees
// and which are locked, sets a goal, limits, the mode and hints in either
// language, and gets (1) a <nn-playground> snippet, (2) an iframe snippet and
// (3) a share link, each with a Copy button and a live preview. The learner's
// points and the trained weights can go with the lesson as files beside it
// (data-src="points.csv", model-src="start.json"), downloaded from here. A
// lesson started from a preset keeps it (preset="xor": its title, task and
// hints) and writes only what the teacher changed over it.

import { h, setText, copyText } from '../dom.js';
import { translator } from '../i18n/index.js';
import { CONTROL_NAMES, LANGS, defaults, stateEntries, formatOptions, hashOf } from '../state.js';
import { parseLesson, lessonEntries, lessonChanges, presetLesson, emptyLesson, MODES } from './options.js';
import { presetHints, presetState } from './presets.js';
import { describeLesson } from './goalCard.js';
import { Lifetime } from '../lifetime.js';

export const POINTS_FILE = 'points.csv';
export const MODEL_FILE = 'start.json';
const PREVIEW_MS = 700;
const IFRAME_HEIGHT = 760;

/** Each control name's label (strings keys): the control's own label where it has a short one. */
const CONTROL_LABELS = {
  dataset: 'builder.ctl.dataset', classes: 'data.classes', points: 'data.points', noise: 'data.noise',
  'train-ratio': 'data.trainRatio', 'data-seed': 'data.regenerate', features: 'features.title', normalize: 'control.normalize',
  layers: 'builder.ctl.layers', activation: 'control.activationAll', dropout: 'builder.ctl.dropout', optimizer: 'control.optimizer',
  'learning-rate': 'control.learningRate', 'batch-size': 'control.batchSize', regularization: 'control.regularization',
  'reg-rate': 'control.regRate', initializer: 'control.initializer', seed: 'control.seed', epochs: 'control.epochs',
  speed: 'control.speed', 'show-test': 'output.showTest', discretize: 'output.discretize', 'log-scale': 'output.logScale',
  run: 'builder.ctl.run', 'edit-data': 'data.edit', files: 'builder.ctl.files', lang: 'lang.label', learn: 'teach.title',
};

/** Text for an HTML attribute value in double quotes. */
const attr = (v) => String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
/** Text for HTML element content. */
const html = (v) => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The builder's settings, first taken from the playground's own lesson. */
function initialSettings(app) {
  const l = app.lesson.lesson;
  const hints = [];
  if (l.hints.length) {
    const by = (lang) => l.hints.filter((x) => x.lang === lang || x.lang === null).map((x) => x.text);
    const en = by('en'), zh = by('zh-CN');
    for (let i = 0; i < Math.max(en.length, zh.length); ++i) hints.push({ en: en[i] || '', 'zh-CN': zh[i] || '' });
  } else if (l.preset) {
    const en = presetHints(l.preset, translator('en')), zh = presetHints(l.preset, translator('zh-CN'));
    en.forEach((text, i) => hints.push({ en: text, 'zh-CN': zh[i] || '' }));
  }
  const controls = app.embed.controls;
  return {
    // a lesson from a preset keeps it (its title, task and hints), with what the teacher changed over it
    preset: l.preset, usePreset: !!l.preset,
    shown: new Set(Array.isArray(controls) ? controls : CONTROL_NAMES),
    locked: new Set(l.locked),
    goal: l.goal ? l.goal.text : '',
    maxLayers: l.maxLayers ?? '', maxNeurons: l.maxNeurons ?? '', maxEpochs: l.maxEpochs ?? '',
    mode: l.mode,
    hints,
    dataSrc: false,
    modelSrc: false,
    reportTo: '',
    preview: null,
  };
}

export class LessonBuilder {
  /**
   * @param {import('../app.js').App} app
   * @param {Function} t the instance's translator
   */
  constructor(app, t) {
    this.app = app;
    this.t = t;
    // The teacher's choices survive a language switch (the views are rebuilt then).
    this.s = app.builderSettings ||= initialSettings(app);
    this.outputs = {};
    this.life = new Lifetime();  // the preview's and the copy message's timers
    const body = h('div', { class: 'np-builder-body' },
      h('p', { class: 'np-help', text: t('builder.help') }),
      h('div', { class: 'np-builder-grid' }, this.controlsTable(), h('div', {}, this.goalFields(), this.hintFields(), this.fileFields())),
      this.outputFields(),
      this.previewBox());
    this.el = h('details', { class: 'np-card np-builder', 'data-testid': 'builder', open: this.s.open || null },
      h('summary', { class: 'np-builder-summary' }, h('span', { class: 'np-card-title', text: t('builder.title') }),
        h('span', { class: 'np-help', text: t('builder.summary') })),
      body);
    this.el.addEventListener('toggle', () => {
      this.s.open = this.el.open;
      if (this.el.open) this.refresh();
    });
    if (this.s.open) queueMicrotask(() => this.refresh());
  }

  // ---- the teacher's fields ----
  controlsTable() {
    const t = this.t;
    const rows = CONTROL_NAMES.map((name) => {
      const box = (set, what) => {
        const input = h('input', { type: 'checkbox', 'data-builder': `${what}:${name}`, 'aria-label': t(`builder.${what}`, { name: t(CONTROL_LABELS[name]) }) });
        input.checked = set.has(name);
        input.addEventListener('change', () => {
          if (input.checked) set.add(name); else set.delete(name);
          this.changed();
        });
        return h('td', {}, h('label', { class: 'np-check np-builder-check' }, input));
      };
      return h('tr', {}, h('th', { scope: 'row', text: t(CONTROL_LABELS[name]) }), box(this.s.shown, 'shown'), box(this.s.locked, 'locked'));
    });
    return h('section', { class: 'np-builder-controls' },
      h('h3', { class: 'np-subtitle', text: t('builder.controlsTitle') }),
      h('p', { class: 'np-help', text: t('builder.controlsHelp') }),
      h('div', { class: 'np-builder-table-box' },
        h('table', { class: 'np-builder-table' },
          h('thead', {}, h('tr', {}, h('th', { text: t('builder.control') }), h('th', { text: t('builder.shownHead') }), h('th', { text: t('builder.lockedHead') }))),
          h('tbody', {}, rows))));
  }

  field(label, input) {
    return h('label', { class: 'np-field np-builder-field' }, h('span', { class: 'np-field-label', text: label }), input);
  }

  input(key, props) {
    const el = h('input', { class: 'np-input', 'data-builder': key, ...props });
    el.value = String(this.s[key] ?? '');
    el.addEventListener('input', () => {
      this.s[key] = el.value;
      this.changed();
    });
    return el;
  }

  goalFields() {
    const t = this.t;
    this.goalWords = h('p', { class: 'np-help np-builder-words', 'data-testid': 'builder-words', role: 'status' });
    const mode = h('select', { class: 'np-select', 'data-builder': 'mode' }, MODES.map((m) => h('option', { value: m, text: t(`builder.mode.${m}`) })));
    mode.value = this.s.mode;
    mode.addEventListener('change', () => { this.s.mode = mode.value; this.changed(); });
    const limit = (key, label, max) => this.field(label, this.input(key, { type: 'number', min: key === 'maxLayers' ? 0 : 1, max, step: 1, placeholder: t('builder.noLimit') }));
    const usePreset = h('input', { type: 'checkbox', 'data-builder': 'usePreset' });
    usePreset.checked = this.s.usePreset;
    usePreset.addEventListener('change', () => { this.s.usePreset = usePreset.checked; this.changed(); });
    return h('section', {},
      h('h3', { class: 'np-subtitle', text: t('builder.goalTitle') }),
      this.s.preset ? h('label', { class: 'np-check' }, usePreset,
        h('span', { text: t('builder.usePreset', { name: t(`preset.${this.s.preset}.title`), preset: this.s.preset }) })) : null,
      this.field(t('builder.goal'), this.input('goal', { type: 'text', placeholder: 'test-accuracy >= 0.95', spellcheck: 'false' })),
      h('p', { class: 'np-help', text: t('builder.goalHelp') }),
      this.goalWords,
      h('div', { class: 'np-builder-limits' },
        limit('maxLayers', t('builder.maxLayers'), 8), limit('maxNeurons', t('builder.maxNeurons'), 128), limit('maxEpochs', t('builder.maxEpochs'))),
      this.field(t('builder.mode'), mode));
  }

  hintFields() {
    const t = this.t;
    this.hintRows = h('div', { class: 'np-builder-hints' });
    this.drawHints();
    return h('section', {},
      h('h3', { class: 'np-subtitle', text: t('builder.hintsTitle') }),
      h('p', { class: 'np-help', text: t('builder.hintsHelp') }),
      this.hintRows,
      h('button', { class: 'np-button', type: 'button', 'data-action': 'builder-add-hint', text: t('builder.addHint'),
        on: { click: () => { this.s.hints.push({ en: '', 'zh-CN': '' }); this.drawHints(); this.changed(); } } }));
  }

  drawHints() {
    const t = this.t;
    this.hintRows.replaceChildren(...this.s.hints.map((hint, i) => h('div', { class: 'np-builder-hint' },
      ...LANGS.map((lang) => {
        const area = h('textarea', { class: 'np-csv-text', rows: '3', 'data-builder': `hint-${lang}-${i}`, lang, 'aria-label': t('builder.hintIn', { n: i + 1, lang: t(lang === 'en' ? 'lang.en' : 'lang.zhCN') }) });
        area.value = hint[lang] || '';
        area.addEventListener('input', () => { hint[lang] = area.value; this.changed(); });
        return this.field(t('builder.hintIn', { n: i + 1, lang: t(lang === 'en' ? 'lang.en' : 'lang.zhCN') }), area);
      }),
      h('button', { class: 'np-button', type: 'button', 'data-action': 'builder-remove-hint', text: t('builder.removeHint'),
        on: { click: () => { this.s.hints.splice(i, 1); this.drawHints(); this.changed(); } } }))));
  }

  fileFields() {
    const t = this.t;
    const check = (key, label) => {
      const box = h('input', { type: 'checkbox', 'data-builder': key });
      box.checked = this.s[key];
      box.addEventListener('change', () => { this.s[key] = box.checked; this.changed(); });
      return h('label', { class: 'np-check' }, box, h('span', { text: label }));
    };
    const button = (action, text, click) => h('button', { class: 'np-button', type: 'button', 'data-action': action, text, on: { click } });
    return h('section', {},
      h('h3', { class: 'np-subtitle', text: t('builder.filesTitle') }),
      h('p', { class: 'np-help', text: t('builder.filesHelp') }),
      check('dataSrc', t('builder.dataSrc', { file: POINTS_FILE })),
      h('div', { class: 'np-button-row' }, button('builder-download-csv', t('builder.downloadCsv', { file: POINTS_FILE }), () => this.app.download('exportCsv', POINTS_FILE))),
      check('modelSrc', t('builder.modelSrc', { file: MODEL_FILE })),
      h('div', { class: 'np-button-row' }, button('builder-download-model', t('builder.downloadModel', { file: MODEL_FILE }), () => this.app.download('exportModel', MODEL_FILE))),
      this.field(t('builder.reportTo'), this.input('reportTo', { type: 'url', placeholder: 'https://course.example', spellcheck: 'false' })),
      h('p', { class: 'np-help', text: t('builder.reportHelp') }));
  }

  outputFields() {
    const t = this.t;
    this.status = h('span', { class: 'np-copy-status', role: 'status', 'aria-live': 'polite' });
    const out = (kind, rows) => {
      const area = h(rows ? 'textarea' : 'input', { class: rows ? 'np-csv-text np-builder-code' : 'np-input np-builder-link', readonly: '', rows: rows || null, 'data-testid': `builder-${kind}`, spellcheck: 'false', 'aria-label': t(`builder.out.${kind}`) });
      this.outputs[kind] = area;
      return h('div', { class: 'np-builder-output' },
        h('h3', { class: 'np-subtitle', text: t(`builder.out.${kind}`) }),
        area,
        h('div', { class: 'np-button-row' },
          h('button', { class: 'np-button', type: 'button', 'data-action': `builder-copy-${kind}`, text: t('code.copy'), on: { click: () => this.copy(kind) } }),
          h('button', { class: 'np-button', type: 'button', 'data-action': `builder-preview-${kind}`, text: t('builder.preview'), on: { click: () => this.showPreview(kind) } })));
    };
    return h('section', { class: 'np-builder-outputs' }, out('element', 9), out('iframe', 3), out('link', 0), this.status);
  }

  previewBox() {
    this.previewTitle = h('h3', { class: 'np-subtitle', hidden: true });
    this.previewNote = h('p', { class: 'np-help', hidden: true });
    this.frame = h('iframe', { class: 'np-builder-frame', title: this.t('builder.previewTitle'), hidden: true, 'data-testid': 'builder-frame' });
    return h('div', { class: 'np-builder-preview' }, this.previewTitle, this.previewNote, this.frame);
  }

  // ---- what it makes ----
  /** The lesson the fields describe, checked like an attribute: {lesson, warnings}. */
  lesson() {
    const s = this.s;
    const entries = [['goal', s.goal], ['max-layers', s.maxLayers], ['max-neurons', s.maxNeurons], ['max-epochs', s.maxEpochs],
      ['locked', [...s.locked].join(',')], ['mode', s.mode]];
    if (s.dataSrc) entries.push(['data-src', POINTS_FILE]);
    if (s.modelSrc) entries.push(['model-src', MODEL_FILE]);
    for (const hint of s.hints) for (const lang of LANGS) if ((hint[lang] || '').trim()) entries.push([`hint-${lang}`, hint[lang].trim()]);
    return parseLesson(entries, emptyLesson());
  }

  /** The controls option: null (every one) or the list shown. */
  controls() {
    return CONTROL_NAMES.every((n) => this.s.shown.has(n)) ? null : CONTROL_NAMES.filter((n) => this.s.shown.has(n));
  }

  /** The preset the lesson keeps, or null. */
  presetName() {
    return this.s.preset && this.s.usePreset ? this.s.preset : null;
  }

  /** The hints to write: none when they are the kept preset's own (it brings them, in every language). */
  ownHints(lesson) {
    const name = this.presetName();
    if (name) {
      const theirs = Object.fromEntries(LANGS.map((lang) => [lang, presetHints(name, translator(lang))]));
      const same = this.s.hints.length === theirs.en.length &&
        this.s.hints.every((hint, i) => LANGS.every((lang) => (hint[lang] || '').trim() === theirs[lang][i]));
      if (same) return [];
    }
    return lesson.hints;
  }

  /**
   * The settings, the embedding options and the lesson as [name, text] pairs
   * (hints apart); over the kept preset, only what differs from it.
   */
  pairs(lesson, { embed = false, withHints = true, reportTo = false } = {}) {
    const options = { controls: this.controls(), embed };
    const name = this.presetName();
    const hints = withHints ? this.ownHints(lesson).map((x) => [x.lang ? `hint-${x.lang}` : 'hint', x.text]) : [];
    const pairs = name
      ? [['preset', name], ...stateEntries(this.app.state, presetState(name).state), ...formatOptions(options), ...lessonChanges(lesson, presetLesson(name).lesson), ...hints]
      : [...stateEntries(this.app.state, defaults()), ...formatOptions(options), ...lessonEntries(lesson, { withHints: false }), ...hints];
    if (reportTo && this.s.reportTo.trim()) {
      const r = parseLesson([['report-to', this.s.reportTo]]);
      if (r.lesson.reportTo) pairs.push(['report-to', r.lesson.reportTo]);
    }
    return pairs;
  }

  /** The page's own address (the share link and the iframe point at it). */
  pageUrl() {
    return location.origin + location.pathname;
  }

  /** {element, iframe, link}: the three outputs for the current playground and fields. */
  make() {
    const { lesson } = this.lesson();
    const attrs = this.pairs(lesson, { withHints: false });
    const hints = this.ownHints(lesson).map((x) => `  <p slot="hint"${x.lang ? ` lang="${x.lang}"` : ''}>${html(x.text)}</p>`);
    const open = `<nn-playground${attrs.map(([n, v]) => `\n    ${n}="${attr(v)}"`).join('')}>`;
    const element = ['<script type="module" src="nn-playground.js"></script>', open, ...hints, '</nn-playground>'].join('\n');
    const frameUrl = this.pageUrl() + hashOf(this.pairs(lesson, { embed: true, reportTo: true }));
    const iframe = `<iframe src="${attr(frameUrl)}" title="${attr(this.t('builder.iframeTitle'))}" width="100%" height="${IFRAME_HEIGHT}" loading="lazy"></iframe>`;
    const link = this.pageUrl() + hashOf(this.pairs(lesson));
    return { element, iframe, link, frameUrl };
  }

  // ---- updates ----
  changed() {
    this.refresh();
  }

  /** The playground's settings changed: the outputs follow (if the panel is open). */
  stateChanged() {
    if (this.el.open) this.refresh();
  }

  refresh() {
    if (!this.el.open) return;
    const t = this.t;
    const r = this.lesson();
    const words = describeLesson(t, r.lesson);
    const problems = r.warnings.map((w) => t(w.key, w.params));
    setText(this.goalWords, [words, ...problems].filter(Boolean).join(' ') || t('builder.noGoal'));
    this.goalWords.classList.toggle('np-error', problems.length > 0);
    this.made = this.make();
    for (const kind of ['element', 'iframe', 'link']) this.outputs[kind].value = this.made[kind];
    if (this.s.preview) {
      this.life.clearTimeout(this.previewTimer);
      this.previewTimer = this.life.timeout(() => this.showPreview(this.s.preview), PREVIEW_MS);
    }
  }

  async copy(kind) {
    const ok = await copyText(this.outputs[kind].value, this.outputs[kind]);
    setText(this.status, ok ? this.t('code.copied') : this.t('code.selected'));
    this.life.clearTimeout(this.statusTimer);
    this.statusTimer = this.life.timeout(() => setText(this.status, ''), 3000);
  }

  /** Lets go of the timers (the page is rebuilt in another language, or removed). */
  destroy() {
    this.life.end();
  }

  /**
   * Shows what the learner will see: the element snippet in a document of its
   * own (srcdoc, loading nn-playground.js from this site), or the iframe's or
   * the link's page. The lesson's files are not in the preview (they live
   * beside the lesson): it says so.
   */
  showPreview(kind) {
    const t = this.t;
    this.s.preview = kind;
    if (!this.made) this.made = this.make();
    const files = this.s.dataSrc || this.s.modelSrc;
    setText(this.previewTitle, t('builder.previewOf', { what: t(`builder.out.${kind}`) }));
    this.previewTitle.hidden = false;
    this.previewNote.hidden = !files;
    setText(this.previewNote, files ? t('builder.previewFiles') : '');
    this.frame.hidden = false;
    this.frame.classList.toggle('np-builder-frame-page', kind !== 'element');
    if (kind === 'element') {
      // Without the files' attributes: they would be looked for beside this page.
      const { lesson } = this.lesson();
      const previewLesson = { ...lesson, dataSrc: null, modelSrc: null };
      const attrs = this.pairs(previewLesson, { withHints: false });
      const hints = this.ownHints(lesson).map((x) => `<p slot="hint"${x.lang ? ` lang="${x.lang}"` : ''}>${html(x.text)}</p>`).join('');
      const doc = `<!doctype html><html lang="${this.app.lang}"><head><meta charset="utf-8"><script type="module" src="${attr(new URL('nn-playground.js', location.href).href)}"></script></head>` +
        `<body><nn-playground ${attrs.map(([n, v]) => `${n}="${attr(v)}"`).join(' ')}>${hints}</nn-playground></body></html>`;
      this.frame.removeAttribute('src');
      this.frame.srcdoc = doc;
    } else {
      this.frame.removeAttribute('srcdoc');
      const url = kind === 'iframe' ? this.made.frameUrl : this.made.link;
      // Same address, new hash: load it anew (a hash change alone would not rebuild the preview).
      this.frame.src = 'about:blank';
      queueMicrotask(() => { this.frame.src = url; });
    }
  }
}
