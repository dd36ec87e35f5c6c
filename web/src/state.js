// The page state: one plain, serializable object. Its schema below is the single
// source of truth for names, types, ranges and defaults; the URL hash (and, later,
// the <nn-playground> element's attributes) use the same names in kebab-case.
// Everything read from outside (hash, attributes, files) goes through parse(),
// which clamps or ignores bad values and says why (in the strings table's words).

import { t } from './strings.js';

export const DATASETS = ['circle', 'xor', 'gauss', 'spiral', 'moons', 'blobs', 'plane', 'multiGauss'];
export const REGRESSION_DATASETS = new Set(['plane', 'multiGauss']);
export const MULTICLASS_DATASETS = new Set(['spiral', 'blobs']);  // datasets that use `classes`
export const FEATURES = ['x1', 'x2', 'x1^2', 'x2^2', 'x1*x2', 'sin(x1)', 'sin(x2)'];
export const ACTIVATIONS = ['linear', 'sigmoid', 'tanh', 'relu'];
export const OPTIMIZERS = ['sgd', 'momentum', 'rmsprop', 'adam'];
export const REGULARIZATIONS = ['none', 'l1', 'l2'];
export const INITIALIZERS = ['glorotUniform', 'glorotNormal', 'heUniform', 'heNormal', 'lecunUniform', 'zeros'];
export const SPEEDS = ['1', '2', '5', '10', '25', 'max'];
export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const REG_RATES = [0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const MAX_LAYERS = 8;
export const MAX_UNITS = 16;
export const DOMAIN = 6;  // the input plane is [-DOMAIN, DOMAIN]^2

/**
 * key: {type, default, ...range}. Types: enum (values), int/num (min, max),
 * bool, list (of: 'int' | values, minLength, maxLength, min, max).
 */
export const SCHEMA = {
  dataset: { type: 'enum', values: DATASETS, default: 'circle' },
  classes: { type: 'int', min: 2, max: 6, default: 2 },
  points: { type: 'int', min: 10, max: 5000, default: 500 },
  noise: { type: 'num', min: 0, max: 1, default: 0 },
  trainRatio: { type: 'num', min: 0.1, max: 0.9, default: 0.5 },
  dataSeed: { type: 'int', min: 0, max: 2147483647, default: 1 },
  features: { type: 'list', of: FEATURES, minLength: 1, maxLength: FEATURES.length, unique: true, default: ['x1', 'x2'] },
  layers: { type: 'list', of: 'int', min: 1, max: MAX_UNITS, minLength: 0, maxLength: MAX_LAYERS, default: [4, 2] },
  // One name for every hidden layer, or one per hidden layer.
  activation: { type: 'list', of: ACTIVATIONS, minLength: 1, maxLength: MAX_LAYERS, default: ['tanh'] },
  optimizer: { type: 'enum', values: OPTIMIZERS, default: 'adam' },
  learningRate: { type: 'num', min: 1e-6, max: 10, default: 0.03 },
  batchSize: { type: 'int', min: 1, max: 500, default: 10 },
  regularization: { type: 'enum', values: REGULARIZATIONS, default: 'none' },
  regRate: { type: 'num', min: 0, max: 10, default: 0.001 },
  initializer: { type: 'enum', values: INITIALIZERS, default: 'glorotUniform' },
  seed: { type: 'int', min: 0, max: 2147483647, default: 1 },
  epochs: { type: 'int', min: 0, max: 10000000, default: 0 },  // stop after N epochs; 0 = never
  speed: { type: 'enum', values: SPEEDS, default: '1' },         // epochs per frame
  showTest: { type: 'bool', default: false },
  discretize: { type: 'bool', default: false },
  logScale: { type: 'bool', default: false },
};

export const KEYS = Object.keys(SCHEMA);

/** camelCase key -> the kebab-case name used in URLs and attributes. */
export function attrName(key) {
  return key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}
const KEY_OF_ATTR = Object.fromEntries(KEYS.map((k) => [attrName(k), k]));

/** A fresh state with every default. */
export function defaults() {
  const s = {};
  for (const k of KEYS) s[k] = clone(SCHEMA[k].default);
  return s;
}

function clone(v) {
  return Array.isArray(v) ? v.slice() : v;
}

function rangeText(spec) {
  return `${spec.min}..${spec.max}`;
}

function parseNumber(text) {
  if (typeof text === 'number') return text;
  if (typeof text !== 'string' || !/^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(text)) return NaN;
  return Number(text);
}

/**
 * Validates one value (a string from a URL/attribute, or a JS value) for `key`.
 * Returns {value} or {value, warning} when clamped, or {warning} when ignored.
 */
export function parseValue(key, raw) {
  const spec = SCHEMA[key];
  const name = attrName(key);
  const shown = String(raw).slice(0, 40);
  switch (spec.type) {
    case 'enum': {
      const text = String(raw).trim();
      const match = spec.values.find((v) => v.toLowerCase() === text.toLowerCase());
      if (match === undefined) return { warning: t('state.notOneOf', { name, value: shown, allowed: spec.values.join(', ') }) };
      return { value: match };
    }
    case 'bool': {
      if (raw === true || raw === false) return { value: raw };
      const text = String(raw).trim().toLowerCase();
      if (['', '1', 'true', 'yes', 'on'].includes(text)) return { value: true };
      if (['0', 'false', 'no', 'off'].includes(text)) return { value: false };
      return { warning: t('state.notBool', { name, value: shown }) };
    }
    case 'int':
    case 'num': {
      let v = parseNumber(raw);
      if (!Number.isFinite(v)) return { warning: t('state.notNumber', { name, value: shown }) };
      if (spec.type === 'int') v = Math.round(v);
      if (v < spec.min || v > spec.max) {
        const clamped = Math.min(spec.max, Math.max(spec.min, v));
        return { value: clamped, warning: t('state.outOfRange', { name, value: shown, range: rangeText(spec), used: clamped }) };
      }
      return { value: v };
    }
    case 'list': {
      const items = Array.isArray(raw) ? raw.map(String) : String(raw).split(',').map((s) => s.trim()).filter((s) => s !== '');
      const warnings = [];
      let out = [];
      for (const item of items) {
        if (spec.of === 'int') {
          let v = parseNumber(item);
          if (!Number.isFinite(v)) { warnings.push(t('state.notNumber', { name, value: item.slice(0, 20) })); continue; }
          v = Math.round(v);
          if (v < spec.min || v > spec.max) {
            const c = Math.min(spec.max, Math.max(spec.min, v));
            warnings.push(t('state.outOfRange', { name, value: v, range: rangeText(spec), used: c }));
            v = c;
          }
          out.push(v);
        } else {
          const match = spec.of.find((v) => v.toLowerCase() === item.toLowerCase());
          if (match === undefined) { warnings.push(t('state.notOneOf', { name, value: item.slice(0, 20), allowed: spec.of.join(', ') })); continue; }
          if (spec.unique && out.includes(match)) continue;
          out.push(match);
        }
      }
      // Nothing valid in a non-empty list: ignore it (keep the current value).
      if (items.length > 0 && out.length === 0) return { warning: warnings.join('; ') };
      if (out.length > spec.maxLength) {
        warnings.push(t('state.tooMany', { name, max: spec.maxLength }));
        out = out.slice(0, spec.maxLength);
      }
      if (out.length < spec.minLength) {
        warnings.push(t('state.tooFew', { name, min: spec.minLength }));
        return { warning: warnings.join('; ') };
      }
      return warnings.length ? { value: out, warning: warnings.join('; ') } : { value: out };
    }
    default:
      return { warning: t('state.unknown', { name }) };
  }
}

/**
 * Applies `entries` ([name, rawValue] pairs, names in kebab-case or camelCase)
 * over `base` (default: defaults()). Returns {state, warnings}.
 */
export function parseEntries(entries, base = defaults()) {
  const state = { ...base, features: base.features.slice(), layers: base.layers.slice(), activation: base.activation.slice() };
  const warnings = [];
  for (const [name, raw] of entries) {
    const key = KEY_OF_ATTR[name] || (SCHEMA[name] ? name : undefined);
    if (!key) {
      warnings.push(t('state.unknown', { name: String(name).slice(0, 30) }));
      continue;
    }
    const r = parseValue(key, raw);
    if (r.warning) warnings.push(r.warning);
    if ('value' in r) state[key] = r.value;
  }
  normalize(state);
  return { state, warnings };
}

/** Makes per-layer lists consistent with the number of layers. */
export function normalize(state) {
  if (state.activation.length > 1 && state.activation.length !== state.layers.length) {
    const a = state.activation;
    state.activation = state.layers.map((_, i) => a[Math.min(i, a.length - 1)]);
    if (state.activation.length === 0) state.activation = [a[0]];
  }
  if (state.activation.length > 1 && state.activation.every((a) => a === state.activation[0])) {
    state.activation = [state.activation[0]];
  }
  return state;
}

/** The activation of hidden layer i. */
export function layerActivation(state, i) {
  return state.activation.length === 1 ? state.activation[0] : state.activation[i];
}

/**
 * Parses a URL hash ("#dataset=xor&layers=4,2&embed=1"): the state, plus the
 * embedding options (OPTION_NAMES) as {options}.
 */
export function parseHash(hash, base = defaults()) {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.trim() === '') return { state: { ...base }, warnings: [], options: {} };
  const params = new URLSearchParams(text);
  const entries = [...params.entries()];
  const opt = parseOptions(entries.filter(([n]) => OPTION_NAMES.includes(n)), HASH_OPTIONS);
  const r = parseEntries(entries.filter(([n]) => !OPTION_NAMES.includes(n)), base);
  return { state: r.state, warnings: [...opt.warnings, ...r.warnings], options: opt.options };
}

function formatValue(key, v) {
  const spec = SCHEMA[key];
  if (spec.type === 'bool') return v ? 'true' : 'false';
  if (spec.type === 'list') return v.join(',');
  return String(v);
}

/** The URL hash for a state: every setting, in schema order (then the embedding options given). */
export function toHash(state, options = {}) {
  const params = KEYS.map((k) => `${attrName(k)}=${encodeURIComponent(formatValue(k, state[k])).replace(/%2C/g, ',')}`);
  for (const [name, value] of formatOptions(options)) params.push(`${name}=${encodeURIComponent(value).replace(/%2C/g, ',')}`);
  return '#' + params.join('&');
}

/** True for datasets whose labels are real targets. */
export function isRegression(state) {
  return REGRESSION_DATASETS.has(state.dataset);
}

/** Number of classes the dataset generator gives (0 for regression). */
export function datasetClasses(state) {
  if (isRegression(state)) return 0;
  return MULTICLASS_DATASETS.has(state.dataset) ? state.classes : 2;
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

/** Keys whose values differ between two states. */
export function changedKeys(a, b) {
  return KEYS.filter((k) => !sameValue(a[k], b[k]));
}

// ---- embedding options --------------------------------------------------------------------
// Not training state: how one playground is shown. They are attributes of
// <nn-playground> and (except height) URL-hash keys of the full page.

/** Names accepted by `controls` (besides "all" and "none"): a state key's
 * attribute name, or one of these groups. */
export const CONTROL_GROUPS = ['run', 'edit-data', 'files', 'lang', 'learn'];
export const CONTROL_NAMES = [...KEYS.map(attrName), ...CONTROL_GROUPS];
export const LANGS = ['en', 'zh-CN'];
export const OPTION_NAMES = ['controls', 'autoplay', 'embed', 'lang', 'height', 'compact'];
const HASH_OPTIONS = ['controls', 'autoplay', 'embed', 'lang'];
export const MIN_HEIGHT = 320;
export const MAX_HEIGHT = 4000;

/**
 * Validates embedding options ([name, raw] pairs, raw a string or null for
 * "absent"). Returns {options, warnings}; options has only the names given:
 * controls (null = all, else an array of CONTROL_NAMES, [] = none), autoplay,
 * embed, compact (booleans), lang (a LANGS entry), height (px, or null).
 */
export function parseOptions(entries, allowed = OPTION_NAMES) {
  const options = {};
  const warnings = [];
  for (const [name, raw] of entries) {
    if (!allowed.includes(name)) {
      warnings.push(t('state.unknown', { name: String(name).slice(0, 30) }));
      continue;
    }
    const shown = String(raw).slice(0, 40);
    if (raw === null || raw === undefined) {
      options[name] = name === 'controls' || name === 'height' || name === 'lang' ? null : false;
      continue;
    }
    if (name === 'controls') {
      const text = String(raw).trim().toLowerCase();
      if (text === '' || text === 'all') { options.controls = null; continue; }
      if (text === 'none') { options.controls = []; continue; }
      const list = [];
      for (const item of text.split(',').map((x) => x.trim()).filter(Boolean)) {
        const match = CONTROL_NAMES.find((c) => c.toLowerCase() === item);
        if (match) { if (!list.includes(match)) list.push(match); }
        else warnings.push(t('state.notOneOf', { name, value: item.slice(0, 20), allowed: ['all', 'none', ...CONTROL_NAMES].join(', ') }));
      }
      options.controls = list;
    } else if (name === 'lang') {
      const text = String(raw).trim();
      const match = LANGS.find((l) => l.toLowerCase() === text.toLowerCase()) ||
        LANGS.find((l) => l.split('-')[0].toLowerCase() === text.split('-')[0].toLowerCase());
      if (match) options.lang = match;
      else warnings.push(t('state.notOneOf', { name, value: shown, allowed: LANGS.join(', ') }));
    } else if (name === 'height') {
      const text = String(raw).trim().replace(/px$/i, '');
      const v = parseNumber(text);
      if (text === '' || !Number.isFinite(v)) { warnings.push(t('state.notNumber', { name, value: shown })); continue; }
      const c = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, v)));
      if (c !== Math.round(v)) warnings.push(t('state.outOfRange', { name, value: shown, range: `${MIN_HEIGHT}..${MAX_HEIGHT}`, used: c }));
      options.height = c;
    } else {
      const text = String(raw).trim().toLowerCase();
      if (['', '1', 'true', 'yes', 'on', name].includes(text)) options[name] = true;
      else if (['0', 'false', 'no', 'off'].includes(text)) options[name] = false;
      else warnings.push(t('state.notBool', { name, value: shown }));
    }
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
