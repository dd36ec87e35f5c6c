// The page state: one plain, serializable object. Its schema below is the single
// source of truth for names, types, ranges, slider steps and defaults; the URL
// hash and the <nn-playground> element's attributes use the same names in
// kebab-case. Everything read from outside (hash, attributes, files) goes
// through parseEntries(), which clamps or ignores bad values and says why.
// Warnings are {key, params} (strings-table keys), put into words by each
// playground's own translator (i18n say()).

import { DATASETS, FEATURES, HIDDEN_ACTIVATIONS, OPTIMIZERS, INITIALIZERS, datasetInfo } from './catalog.js';
import { LANGUAGES } from './i18n/languages.js';

export const REGULARIZATIONS = ['none', 'l1', 'l2'];
export const SPEEDS = ['1', '2', '5', '10', '25', 'max'];
export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const REG_RATES = [0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const MAX_LAYERS = 8;
export const MAX_UNITS = 16;
export const DROPOUT_RATES = [0, 0.1, 0.2, 0.3, 0.5];
/** The "Inside the network" views (web/src/inside/). */
export const INSIDE_VIEWS = ['space', 'health', 'histograms', 'landscape'];

/**
 * key: {type, default, ...}. Types: enum (values), int/num (min, max; step: the
 * slider's or number field's step), bool, list (of: 'int' | 'num' | values;
 * minLength, maxLength, min, max). Flags:
 *  - perLayer: one value for every hidden layer, or one per hidden layer (a
 *    list); layerValue(state, key, i) reads it, the network diagram shows it per
 *    column (views/network.js LAYER_CONTROLS), the worker builds each layer with it.
 *  - view: drawn by the page only; never sent to the worker (it needs no rebuild).
 */
export const SCHEMA = {
  dataset: { type: 'enum', values: DATASETS, default: 'circle' },
  classes: { type: 'int', min: 2, max: 6, step: 1, default: 2 },
  points: { type: 'int', min: 10, max: 2000, step: 10, default: 500 },
  noise: { type: 'num', min: 0, max: 1, step: 0.05, default: 0 },
  trainRatio: { type: 'num', min: 0.1, max: 0.9, step: 0.05, default: 0.5 },
  dataSeed: { type: 'int', min: 0, max: 2147483647, step: 1, default: 1 },
  features: { type: 'list', of: FEATURES, minLength: 1, maxLength: FEATURES.length, unique: true, default: ['x1', 'x2'] },
  // Input normalization (z-score, as Keras' Normalization layer): each raw input
  // (x1, x2) minus its mean over the training points, divided by its standard
  // deviation, before the features are computed.
  normalize: { type: 'bool', default: false },
  layers: { type: 'list', of: 'int', min: 1, max: MAX_UNITS, minLength: 0, maxLength: MAX_LAYERS, default: [4, 2] },
  activation: { type: 'list', of: HIDDEN_ACTIVATIONS, minLength: 1, maxLength: MAX_LAYERS, perLayer: true, default: ['tanh'] },
  // Dropout after each hidden layer: the fraction of its outputs dropped while training (0 = none).
  dropout: { type: 'list', of: 'num', min: 0, max: 0.9, minLength: 1, maxLength: MAX_LAYERS, perLayer: true, default: [0] },
  optimizer: { type: 'enum', values: OPTIMIZERS, default: 'adam' },
  learningRate: { type: 'num', min: 1e-6, max: 10, default: 0.03 },
  batchSize: { type: 'int', min: 1, max: 100, step: 1, default: 10 },
  regularization: { type: 'enum', values: REGULARIZATIONS, default: 'none' },
  regRate: { type: 'num', min: 0, max: 10, default: 0.001 },
  initializer: { type: 'enum', values: INITIALIZERS, default: 'glorotUniform' },
  seed: { type: 'int', min: 0, max: 2147483647, step: 1, default: 1 },
  epochs: { type: 'int', min: 0, max: 10000000, step: 10, default: 0 },  // pause every N epochs; 0 = never
  speed: { type: 'enum', values: SPEEDS, default: '1' },                 // epochs per frame
  // Stop at a target (issue 12): Play pauses when the test loss falls below targetLoss or the
  // test accuracy (R² for regression) reaches targetMetric; 0 = no target.
  targetLoss: { type: 'num', min: 0, max: 100, step: 0.01, default: 0 },
  targetMetric: { type: 'num', min: 0, max: 1, step: 0.01, default: 0 },
  showTest: { type: 'bool', view: true, default: false },
  discretize: { type: 'bool', view: true, default: false },
  logScale: { type: 'bool', view: true, default: false },
  // Inside the network (issue 13): the open view; the hidden space's layer (1-based,
  // 0 = the last hidden layer) and its 2 or 3 neurons (1-based); the loss
  // landscape's directions (seed) and extent (alpha, beta in [-span, span]).
  inside: { type: 'enum', values: INSIDE_VIEWS, view: true, default: 'space' },
  spaceLayer: { type: 'int', min: 0, max: MAX_LAYERS, step: 1, view: true, default: 0 },
  spaceNeurons: { type: 'list', of: 'int', min: 1, max: MAX_UNITS, minLength: 2, maxLength: 3, view: true, default: [1, 2] },
  landscapeSeed: { type: 'int', min: 0, max: 2147483647, step: 1, view: true, default: 1 },
  landscapeSpan: { type: 'num', min: 0.05, max: 10, view: true, default: 1 },
};

export const KEYS = Object.keys(SCHEMA);
/** Keys with one value per hidden layer (see SCHEMA perLayer). */
export const LAYER_KEYS = KEYS.filter((k) => SCHEMA[k].perLayer);
/** Keys the worker needs (all but the view keys). */
export const TRAINING_KEYS = KEYS.filter((k) => !SCHEMA[k].view);

/** camelCase key -> the kebab-case name used in URLs and attributes. */
export function attrName(key) {
  return key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}
// Names from outside (hash, attributes, files) are looked up in a Map: a name
// like "constructor" or "__proto__" is just an unknown setting.
const KEY_OF_NAME = new Map([...KEYS.map((k) => [attrName(k), k]), ...KEYS.map((k) => [k, k])]);

/** The state key of an outside name (kebab- or camelCase), or undefined. */
export function keyOf(name) {
  return KEY_OF_NAME.get(name);
}

/** A warning for the strings table: {key, params}. */
function warning(key, params) {
  return { key, params };
}

/** A fresh state with every default. */
export function defaults() {
  const s = {};
  for (const k of KEYS) s[k] = clone(SCHEMA[k].default);
  return s;
}

function clone(v) {
  return Array.isArray(v) ? v.slice() : v;
}

/** A copy of a state (lists copied too). */
export function copyState(state) {
  const s = {};
  for (const k of KEYS) s[k] = clone(state[k]);
  return s;
}

function rangeText(spec) {
  return `${spec.min}..${spec.max}`;
}

function parseNumber(text) {
  if (typeof text === 'number') return text;
  if (typeof text !== 'string' || !/^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(text)) return NaN;
  return Number(text);
}

/** A short, printable form of a raw value for a warning. */
function shown(raw, length = 40) {
  let text;
  try {
    text = String(raw);
  } catch {
    text = Object.prototype.toString.call(raw);
  }
  return text.slice(0, length);
}

const findName = (values, raw) => {
  const text = shown(raw, 200).trim().toLowerCase();
  return values.find((v) => v.toLowerCase() === text);
};

/** A number within spec's range: {value} or {value, warning} (clamped) or {warning}. */
function parseRanged(name, spec, raw, integer) {
  let v = parseNumber(raw);
  if (!Number.isFinite(v)) return { warning: warning('state.notNumber', { name, value: shown(raw, 20) }) };
  if (integer) v = Math.round(v);
  if (v < spec.min || v > spec.max) {
    const used = Math.min(spec.max, Math.max(spec.min, v));
    return { value: used, warning: warning('state.outOfRange', { name, value: shown(raw, 20), range: rangeText(spec), used }) };
  }
  return { value: v };
}

/**
 * Validates one value (a string from a URL/attribute, or a JS value) for `key`.
 * Returns {value} or {value, warning} when clamped, or {warning} when ignored.
 */
export function parseValue(key, raw) {
  const spec = SCHEMA[key];
  const name = attrName(key);
  switch (spec.type) {
    case 'enum': {
      const match = findName(spec.values, raw);
      if (match === undefined) return { warning: warning('state.notOneOf', { name, value: shown(raw), allowed: spec.values.join(', ') }) };
      return { value: match };
    }
    case 'bool': {
      if (raw === true || raw === false) return { value: raw };
      const text = shown(raw).trim().toLowerCase();
      if (['', '1', 'true', 'yes', 'on'].includes(text)) return { value: true };
      if (['0', 'false', 'no', 'off'].includes(text)) return { value: false };
      return { warning: warning('state.notBool', { name, value: shown(raw) }) };
    }
    case 'int':
    case 'num':
      return parseRanged(name, spec, raw, spec.type === 'int');
    default: {  // list
      const items = Array.isArray(raw) ? raw.map((x) => shown(x, 200)) : shown(raw, 10000).split(',').map((s) => s.trim()).filter((s) => s !== '');
      const warnings = [];
      let out = [];
      for (const item of items) {
        if (spec.of === 'int' || spec.of === 'num') {
          const r = parseRanged(name, spec, item, spec.of === 'int');
          if (r.warning) warnings.push(r.warning);
          if ('value' in r) out.push(r.value);
        } else {
          const match = findName(spec.of, item);
          if (match === undefined) { warnings.push(warning('state.notOneOf', { name, value: item.slice(0, 20), allowed: spec.of.join(', ') })); continue; }
          if (spec.unique && out.includes(match)) continue;
          out.push(match);
        }
      }
      // Nothing valid in a non-empty list: ignore it (keep the current value).
      if (items.length > 0 && out.length === 0) return { warnings };
      if (out.length > spec.maxLength) {
        warnings.push(warning('state.tooMany', { name, max: spec.maxLength }));
        out = out.slice(0, spec.maxLength);
      }
      if (out.length < spec.minLength) {
        warnings.push(warning('state.tooFew', { name, min: spec.minLength }));
        return { warnings };
      }
      return { value: out, warnings };
    }
  }
}

/** Every warning of a parseValue result, as a list. */
export function warningsOf(r) {
  return r.warnings || (r.warning ? [r.warning] : []);
}

/**
 * Applies `entries` ([name, rawValue] pairs, names in kebab-case or camelCase)
 * over `base` (default: defaults()). Returns {state, warnings}. Never throws:
 * any name and any value give a valid state and, where something was wrong, a warning.
 */
export function parseEntries(entries, base = defaults()) {
  const state = copyState(base);
  const warnings = [];
  for (const [name, raw] of entries) {
    const key = keyOf(name);
    if (!key) {
      warnings.push(warning('state.unknown', { name: shown(name, 30) }));
      continue;
    }
    const r = parseValue(key, raw);
    warnings.push(...warningsOf(r));
    if ('value' in r) state[key] = r.value;
  }
  normalize(state);
  return { state, warnings };
}

/** Makes the per-layer lists consistent with the number of layers (one value for all, or one per layer). */
export function normalize(state) {
  for (const key of LAYER_KEYS) {
    let list = state[key];
    if (list.length > 1 && list.length !== state.layers.length) {
      list = state.layers.map((_, i) => list[Math.min(i, list.length - 1)]);
      if (list.length === 0) list = [state[key][0]];
    }
    if (list.length > 1 && list.every((v) => v === list[0])) list = [list[0]];
    state[key] = list;
  }
  return state;
}

/** The value of per-layer key `key` for hidden layer i. */
export function layerValue(state, key, i) {
  const list = state[key];
  return list.length === 1 ? list[0] : list[i];
}

/** The activation of hidden layer i. */
export function layerActivation(state, i) {
  return layerValue(state, 'activation', i);
}

/** Each hidden layer as {units, ...its per-layer values} (what the worker builds). */
export function hiddenLayers(state) {
  return state.layers.map((units, i) => {
    const layer = { units };
    for (const key of LAYER_KEYS) layer[key] = layerValue(state, key, i);
    return layer;
  });
}

/** The state patch for the hidden layers `layers` ([{units, ...per-layer values}]). */
export function layersPatch(state, layers) {
  const patch = { layers: layers.map((l) => l.units) };
  for (const key of LAYER_KEYS) {
    const values = layers.map((l) => l[key]);
    patch[key] = values.length ? values : [state[key][0]];
  }
  return normalize({ ...state, ...patch });
}

/**
 * Parses a URL hash ("#dataset=xor&layers=4,2&embed=1"): the state, plus the
 * embedding options (OPTION_NAMES) as {options}, plus the lesson's entries
 * (LESSON_NAMES, unparsed [name, text] pairs: lesson/options.js reads them) as
 * {lesson}. Never throws.
 */
export function parseHash(hash, base = defaults()) {
  const text = String(hash).startsWith('#') ? String(hash).slice(1) : String(hash);
  if (text.trim() === '') return { state: copyState(base), warnings: [], options: {}, lesson: [] };
  const entries = [...new URLSearchParams(text).entries()];
  const isOption = ([n]) => OPTION_NAMES.includes(n);
  const isLesson = ([n]) => isLessonName(n);
  const opt = parseOptions(entries.filter(isOption), HASH_OPTIONS);
  const r = parseEntries(entries.filter((e) => !isOption(e) && !isLesson(e)), base);
  return { state: r.state, warnings: [...opt.warnings, ...r.warnings], options: opt.options, lesson: entries.filter(isLesson) };
}

/**
 * The settings of `state` that differ from `base`, as [URL name, text] pairs in
 * schema order (what a link or an element's attributes need to give that state).
 */
export function stateEntries(state, base = defaults(), keys = KEYS) {
  return keys.filter((k) => !sameValue(state[k], base[k])).map((k) => [attrName(k), formatValue(k, state[k])]);
}

function formatValue(key, v) {
  const spec = SCHEMA[key];
  if (spec.type === 'bool') return v ? 'true' : 'false';
  if (spec.type === 'list') return v.join(',');
  return String(v);
}

/** A URL hash from [name, text] pairs (commas kept readable). */
export function hashOf(pairs) {
  return '#' + pairs.map(([name, value]) => `${name}=${encodeURIComponent(value).replace(/%2C/g, ',')}`).join('&');
}

/**
 * The URL hash for a state: every setting, in schema order, then the embedding
 * options given, then `extra` [name, text] pairs (the lesson's, lesson/options.js).
 */
export function toHash(state, options = {}, extra = []) {
  return hashOf([...KEYS.map((k) => [attrName(k), formatValue(k, state[k])]), ...formatOptions(options), ...extra]);
}

/** The state without the view keys (what the worker gets). */
export function trainingState(state) {
  const s = {};
  for (const k of TRAINING_KEYS) s[k] = clone(state[k]);
  return s;
}

/**
 * "Pause every N epochs": the epoch at which training started at `epoch` pauses
 * next (the next multiple of every), or null when every is 0 (never).
 */
export function nextPause(epoch, every) {
  return every > 0 ? (Math.floor(epoch / every) + 1) * every : null;
}

/** True for datasets whose labels are real targets. */
export function isRegression(state) {
  return !!datasetInfo(state.dataset)?.regression;
}

/** Number of classes the dataset generator gives (0 for regression). */
export function datasetClasses(state) {
  const info = datasetInfo(state.dataset);
  if (!info || info.regression) return 0;
  return info.usesClasses ? state.classes : 2;
}

/** Bit mask of the enabled features, in the engine's bit order. */
export function featureMask(features) {
  let mask = 0;
  for (const f of features) mask |= 1 << FEATURES.indexOf(f);
  return mask;
}

/** Shallow equality of two state values (lists compared item by item). */
export function sameValue(a, b) {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

/** Keys (of `keys`) whose values differ between two states. */
export function changedKeys(a, b, keys = KEYS) {
  return keys.filter((k) => !sameValue(a[k], b[k]));
}

// ---- embedding options --------------------------------------------------------------------
// Not training state: how one playground is shown. They are attributes of
// <nn-playground> and (except height and compact) URL-hash keys of the full page.

/** Names accepted by `controls` (besides "all" and "none"): a state key's
 * attribute name, or one of these groups. */
export const CONTROL_GROUPS = ['run', 'edit-data', 'files', 'lang', 'learn', 'replay', 'analysis'];
export const CONTROL_NAMES = [...KEYS.map(attrName), ...CONTROL_GROUPS];
export const LANGS = Object.keys(LANGUAGES);
export const OPTION_NAMES = ['controls', 'autoplay', 'embed', 'lang', 'height', 'compact'];
/**
 * The lesson's names (issue 11: goal, constraints, locks, hints, presets, files,
 * reporting), attributes and URL keys alike; lesson/options.js parses them.
 * `hint` and `hint-<lang>` (URL only) may repeat.
 */
export const LESSON_NAMES = ['preset', 'goal', 'max-layers', 'max-neurons', 'max-epochs', 'locked', 'mode', 'data-src', 'model-src', 'report-to', 'hint'];
/** True for a lesson name (LESSON_NAMES, or hint-en / hint-zh-CN). */
export function isLessonName(name) {
  return LESSON_NAMES.includes(name) || /^hint-[a-z]{2}(-[a-z]{2})?$/i.test(name);
}
const HASH_OPTIONS = ['controls', 'autoplay', 'embed', 'lang'];
export const MIN_HEIGHT = 320;
export const MAX_HEIGHT = 4000;

const OPTION_PARSERS = {
  controls(raw) {
    const text = shown(raw, 2000).trim().toLowerCase();
    if (text === '' || text === 'all') return { value: null };
    if (text === 'none') return { value: [] };
    const list = [];
    const warnings = [];
    const allowed = ['all', 'none', ...CONTROL_NAMES].join(', ');
    for (const item of text.split(',').map((x) => x.trim()).filter(Boolean)) {
      const match = CONTROL_NAMES.find((c) => c === item);
      if (match) { if (!list.includes(match)) list.push(match); }
      else warnings.push(warning('state.notOneOf', { name: 'controls', value: item.slice(0, 20), allowed }));
    }
    // Nothing recognisable: show every control rather than silently none.
    if (list.length === 0) return { value: null, warnings: [...warnings, warning('state.controlsAll', {})] };
    return { value: list, warnings };
  },
  lang(raw) {
    const text = shown(raw).trim();
    const match = LANGS.find((l) => l.toLowerCase() === text.toLowerCase()) ||
      LANGS.find((l) => l.split('-')[0].toLowerCase() === text.split('-')[0].toLowerCase());
    if (match) return { value: match };
    return { warnings: [warning('state.notOneOf', { name: 'lang', value: shown(raw), allowed: LANGS.join(', ') })] };
  },
  height(raw) {
    const text = shown(raw).trim().replace(/px$/i, '');
    const r = parseRanged('height', { min: MIN_HEIGHT, max: MAX_HEIGHT }, text === '' ? 'x' : text, true);
    return { value: r.value, warnings: warningsOf(r) };
  },
};

function parseFlag(name, raw) {
  const text = shown(raw).trim().toLowerCase();
  if (['', '1', 'true', 'yes', 'on', name].includes(text)) return { value: true };
  if (['0', 'false', 'no', 'off'].includes(text)) return { value: false };
  return { warnings: [warning('state.notBool', { name, value: shown(raw) })] };
}

/**
 * Validates embedding options ([name, raw] pairs, raw a string or null for
 * "absent"). Returns {options, warnings}; options has only the names given:
 * controls (null = all, else an array of CONTROL_NAMES, [] = none), autoplay,
 * embed, compact (booleans), lang (a LANGS entry, or null), height (px, or null).
 */
export function parseOptions(entries, allowed = OPTION_NAMES) {
  const options = {};
  const warnings = [];
  for (const [name, raw] of entries) {
    if (!allowed.includes(name)) {
      warnings.push(warning('state.unknown', { name: shown(name, 30) }));
      continue;
    }
    if (raw === null || raw === undefined) {
      options[name] = Object.hasOwn(OPTION_PARSERS, name) ? null : false;
      continue;
    }
    const r = Object.hasOwn(OPTION_PARSERS, name) ? OPTION_PARSERS[name](raw) : parseFlag(name, raw);
    warnings.push(...(r.warnings || []));
    if ('value' in r && r.value !== undefined) options[name] = r.value;
  }
  return { options, warnings };
}

/** [name, text] pairs for the hash: only options that differ from the defaults. */
export function formatOptions(options) {
  const out = [];
  if (options.embed) out.push(['embed', '1']);
  if (options.autoplay) out.push(['autoplay', '1']);
  if (Array.isArray(options.controls)) out.push(['controls', options.controls.length ? options.controls.join(',') : 'none']);
  if (options.lang) out.push(['lang', options.lang]);
  return out;
}
