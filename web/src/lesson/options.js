// The lesson's options (issue 11), the same names as element attributes and as
// URL-hash keys: preset, goal, max-layers, max-neurons, max-epochs, locked,
// mode, data-src, model-src, report-to (the iframe's parent) and, in a URL,
// hint / hint-en / hint-zh-CN (repeatable; an element's hints are its
// slot="hint" children). Parsed like the state: a bad value is ignored or
// clamped with a {key, params} warning, never thrown. No DOM.
import { CONTROL_NAMES, MAX_LAYERS, MAX_UNITS, LANGS, SCHEMA, parseHash, hiddenLayers, layersPatch } from '../state.js';
import { parseGoal } from './goal.js';
import { PRESET_NAMES, preset, presetState } from './presets.js';

export const MODES = ['train', 'hand-tune'];
const MAX_URL = 2000;
const MAX_HINT = 1000;
export const MAX_NEURONS = MAX_LAYERS * MAX_UNITS;
export const MAX_EPOCHS = SCHEMA.epochs.max;

/** A lesson with nothing set: a free playground. */
export function emptyLesson() {
  return {
    preset: null, goal: null, maxLayers: null, maxNeurons: null, maxEpochs: null,
    locked: [], mode: 'train', dataSrc: null, modelSrc: null, reportTo: null, hints: [],
  };
}

/** True when the lesson sets anything a learner would notice. */
export function isLesson(lesson) {
  return !!(lesson.preset || lesson.goal || lesson.maxLayers !== null || lesson.maxNeurons !== null ||
    lesson.maxEpochs !== null || lesson.locked.length || lesson.mode !== 'train' || lesson.hints.length);
}

const warning = (key, params) => ({ key, params });
const text = (raw) => (raw === null || raw === undefined ? '' : String(raw)).trim();

function limit(name, raw, min, max) {
  const t = text(raw);
  if (t === '' || t.toLowerCase() === 'none') return { value: null };
  if (!/^[-+]?\d+(\.\d+)?$/.test(t)) return { warning: warning('state.notNumber', { name, value: t.slice(0, 20) }) };
  const v = Math.round(Number(t));
  if (v < min || v > max) {
    const used = Math.min(max, Math.max(min, v));
    return { value: used, warning: warning('state.outOfRange', { name, value: t.slice(0, 20), range: `${min}..${max}`, used }) };
  }
  return { value: v };
}

/** An origin for postMessage, from "https://course.example" (a path is dropped); never '*'. */
export function parseOrigin(raw) {
  const t = text(raw);
  if (t === '*') return { warning: warning('lesson.reportStar', {}) };
  try {
    const url = new URL(t);
    if ((url.protocol === 'https:' || url.protocol === 'http:') && url.origin !== 'null') return { value: url.origin };
  } catch { /* below */ }
  return { warning: warning('lesson.badOrigin', { value: t.slice(0, 60) }) };
}

function fileUrl(name, raw) {
  const t = text(raw);
  if (t === '') return { value: null };
  if (t.length > MAX_URL || /[\s<>"]/.test(t)) return { warning: warning('lesson.badFile', { name, value: t.slice(0, 40) }) };
  return { value: t };
}

/** A hint language from a URL name: hint -> null (any), hint-zh-cn -> 'zh-CN'. */
function hintLang(name) {
  if (name === 'hint') return { lang: null };
  const tag = name.slice('hint-'.length).toLowerCase();
  const lang = LANGS.find((l) => l.toLowerCase() === tag || l.split('-')[0].toLowerCase() === tag);
  return lang ? { lang } : { warning: warning('state.notOneOf', { name, value: tag, allowed: LANGS.join(', ') }) };
}

const PARSERS = {
  preset(raw) {
    const t = text(raw).toLowerCase();
    if (t === '') return { value: null };
    return PRESET_NAMES.includes(t) ? { value: t } : { warning: warning('state.notOneOf', { name: 'preset', value: t.slice(0, 30), allowed: PRESET_NAMES.join(', ') }) };
  },
  goal(raw) {
    if (text(raw) === '') return { value: null };
    const r = parseGoal(raw);
    return r.goal ? { value: r.goal } : { warning: r.warning };
  },
  'max-layers': (raw) => limit('max-layers', raw, 0, MAX_LAYERS),
  'max-neurons': (raw) => limit('max-neurons', raw, 1, MAX_NEURONS),
  'max-epochs': (raw) => limit('max-epochs', raw, 1, MAX_EPOCHS),
  locked(raw) {
    const t = text(raw).toLowerCase();
    if (t === '' || t === 'none') return { value: [] };
    const list = [];
    const warnings = [];
    for (const item of t.split(',').map((x) => x.trim()).filter(Boolean)) {
      if (CONTROL_NAMES.includes(item)) { if (!list.includes(item)) list.push(item); }
      else warnings.push(warning('state.notOneOf', { name: 'locked', value: item.slice(0, 20), allowed: CONTROL_NAMES.join(', ') }));
    }
    return { value: list, warnings };
  },
  mode(raw) {
    const t = text(raw).toLowerCase();
    if (t === '') return { value: 'train' };
    return MODES.includes(t) ? { value: t } : { warning: warning('state.notOneOf', { name: 'mode', value: t.slice(0, 20), allowed: MODES.join(', ') }) };
  },
  'data-src': (raw) => fileUrl('data-src', raw),
  'model-src': (raw) => fileUrl('model-src', raw),
  'report-to': (raw) => (text(raw) === '' ? { value: null } : parseOrigin(raw)),
};

const FIELDS = {
  preset: 'preset', goal: 'goal', 'max-layers': 'maxLayers', 'max-neurons': 'maxNeurons', 'max-epochs': 'maxEpochs',
  locked: 'locked', mode: 'mode', 'data-src': 'dataSrc', 'model-src': 'modelSrc', 'report-to': 'reportTo',
};

/**
 * Reads lesson entries ([name, raw] pairs) over `base` (default: emptyLesson()).
 * Hints (hint, hint-<lang>) are added in order. Returns {lesson, warnings}.
 */
export function parseLesson(entries, base = emptyLesson()) {
  const lesson = { ...base, locked: base.locked.slice(), hints: base.hints.slice() };
  const warnings = [];
  for (const [name, raw] of entries) {
    if (name === 'hint' || /^hint-/i.test(name)) {
      const r = hintLang(name);
      if (r.warning) { warnings.push(r.warning); continue; }
      const t = text(raw).slice(0, MAX_HINT);
      if (t) lesson.hints.push({ lang: r.lang, text: t });
      continue;
    }
    if (!Object.hasOwn(PARSERS, name)) { warnings.push(warning('state.unknown', { name: String(name).slice(0, 30) })); continue; }
    const r = PARSERS[name](raw);
    if (r.warning) warnings.push(r.warning);
    if (r.warnings) warnings.push(...r.warnings);
    if ('value' in r) lesson[FIELDS[name]] = r.value;
  }
  return { lesson, warnings };
}

/** The lesson as [name, text] pairs for a URL hash or attributes (hints: hint-<lang> pairs when withHints). */
export function lessonEntries(lesson, { withHints = true } = {}) {
  const out = [];
  if (lesson.preset) out.push(['preset', lesson.preset]);
  if (lesson.goal) out.push(['goal', lesson.goal.text]);
  if (lesson.maxLayers !== null) out.push(['max-layers', String(lesson.maxLayers)]);
  if (lesson.maxNeurons !== null) out.push(['max-neurons', String(lesson.maxNeurons)]);
  if (lesson.maxEpochs !== null) out.push(['max-epochs', String(lesson.maxEpochs)]);
  if (lesson.locked.length) out.push(['locked', lesson.locked.join(',')]);
  if (lesson.mode !== 'train') out.push(['mode', lesson.mode]);
  if (lesson.dataSrc) out.push(['data-src', lesson.dataSrc]);
  if (lesson.modelSrc) out.push(['model-src', lesson.modelSrc]);
  if (lesson.reportTo) out.push(['report-to', lesson.reportTo]);
  if (withHints) for (const h of lesson.hints) out.push([h.lang ? `hint-${h.lang}` : 'hint', h.text]);
  return out;
}

/**
 * The lesson as [name, text] pairs over a base lesson (a preset's, presetLesson):
 * only what differs, with '' (goal) or 'none' where the lesson drops what the
 * base sets. Hints apart (the lesson builder decides whether to write them).
 */
export function lessonChanges(lesson, base) {
  const out = [];
  const goal = (l) => (l.goal ? l.goal.text : '');
  if (goal(lesson) !== goal(base)) out.push(['goal', goal(lesson)]);
  for (const [name, key] of [['max-layers', 'maxLayers'], ['max-neurons', 'maxNeurons'], ['max-epochs', 'maxEpochs']]) {
    if (lesson[key] !== base[key]) out.push([name, lesson[key] === null ? 'none' : String(lesson[key])]);
  }
  const locked = (l) => [...l.locked].sort().join(',');
  if (locked(lesson) !== locked(base)) out.push(['locked', lesson.locked.join(',') || 'none']);
  if (lesson.mode !== base.mode) out.push(['mode', lesson.mode]);
  // the files and report-to: a preset sets none of them
  out.push(...lessonEntries({ ...emptyLesson(), dataSrc: lesson.dataSrc, modelSrc: lesson.modelSrc, reportTo: lesson.reportTo }));
  return out;
}

/** A preset's lesson (its goal, limits, locks, mode; preset = its name) as {lesson, warnings}, or null for an unknown name. */
export function presetLesson(name) {
  const p = preset(name);
  return p ? parseLesson(p.lesson, { ...emptyLesson(), preset: name }) : null;
}

/**
 * The state and lesson of a playground from its settings entries and lesson
 * entries: the preset first (if one is named), then everything else over it.
 * Returns {state, lesson, warnings}.
 * @param {[string, string][]} lessonEntries lesson names (LESSON_NAMES)
 * @param {(base: object) => {state: object, warnings: object[]}} readState parses the settings over a base state
 */
export function readLesson(lessonEntries, readState) {
  const warnings = [];
  const presetEntry = lessonEntries.filter(([n]) => n === 'preset').at(-1);
  let base = emptyLesson();
  let stateBase;
  if (presetEntry) {
    const r = PARSERS.preset(presetEntry[1]);
    if (r.warning) warnings.push(r.warning);
    if (r.value) {
      const ps = presetState(r.value);
      warnings.push(...ps.warnings);
      stateBase = ps.state;
      const pl = presetLesson(r.value);
      warnings.push(...pl.warnings);
      base = pl.lesson;
    }
  }
  const s = readState(stateBase);
  const l = parseLesson(lessonEntries.filter(([n]) => n !== 'preset'), base);
  const fitted = fitConstraints(s.state, l.lesson);
  return { state: fitted.state, lesson: l.lesson, warnings: [...warnings, ...s.warnings, ...l.warnings, ...fitted.warnings] };
}

/** parseHash plus the lesson (preset applied first): {state, options, lesson, warnings}. */
export function parseLessonHash(hash) {
  const first = parseHash(hash);
  const r = readLesson(first.lesson, (base) => (base ? parseHash(hash, base) : first));
  return { state: r.state, options: first.options, lesson: r.lesson, warnings: r.warnings };
}

/** The worker's part of a lesson (the 'lesson' message, worker/lessonRules.js). */
export function workerRules(lesson) {
  return {
    goal: lesson.goal ? lesson.goal.text : null, maxEpochs: lesson.maxEpochs, maxLayers: lesson.maxLayers,
    maxNeurons: lesson.maxNeurons, locked: lesson.locked.slice(), handTune: lesson.mode === 'hand-tune',
  };
}

/** Total neurons over the hidden layers. */
export function hiddenNeurons(state) {
  return state.layers.reduce((a, b) => a + b, 0);
}

/**
 * Why a state breaks the lesson's limits ({key, params} for the strings
 * table), or null: too many hidden layers or neurons.
 */
export function limitBroken(state, lesson) {
  if (lesson.maxLayers !== null && state.layers.length > lesson.maxLayers) return warning('lesson.maxLayersHit', { max: lesson.maxLayers });
  if (lesson.maxNeurons !== null && hiddenNeurons(state) > lesson.maxNeurons) return warning('lesson.maxNeuronsHit', { max: lesson.maxNeurons });
  return null;
}

/**
 * A starting state cut down to the lesson's limits (the author asked for more
 * than the lesson allows): drops the last layers, then neurons from the last
 * layers, with a warning. {state, warnings}.
 */
export function fitConstraints(state, lesson) {
  const warnings = [];
  const broken = limitBroken(state, lesson);
  if (!broken) return { state, warnings };
  let layers = hiddenLayers(state);
  if (lesson.maxLayers !== null && layers.length > lesson.maxLayers) layers = layers.slice(0, lesson.maxLayers);
  if (lesson.maxNeurons !== null) {
    let over = layers.reduce((a, l) => a + l.units, 0) - lesson.maxNeurons;
    for (let i = layers.length - 1; i >= 0 && over > 0; --i) {
      const cut = Math.min(over, layers[i].units - 1);
      layers[i] = { ...layers[i], units: layers[i].units - cut };
      over -= cut;
    }
    while (over > 0 && layers.length) over -= layers.pop().units;
  }
  const next = layersPatch(state, layers);
  warnings.push(warning('lesson.fitted', { layers: next.layers.join(',') || '–' }));
  return { state: next, warnings };
}
