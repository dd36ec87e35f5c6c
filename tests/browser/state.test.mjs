// The page state and its URL form (web/src/state.js), in Node: round trips,
// defaults, how untrusted values are clamped or ignored with a warning, and
// property tests (fast-check): any hash or attribute gives a valid state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  defaults, parseHash, parseEntries, parseOptions, toHash, parseValue, normalize, attrName, warningsOf, trainingState,
  KEYS, SCHEMA, OPTION_NAMES, CONTROL_NAMES, MIN_HEIGHT, MAX_HEIGHT,
} from '../../web/src/state.js';
import { translator, say, STRINGS } from '../../web/src/i18n/index.js';

// Warnings are {key, params}; each playground puts them into words in its language.
const t = translator('en');
const words = (warnings) => warnings.map((w) => say(t, w));

test('every setting round-trips through the hash', () => {
  const s = {
    ...defaults(),
    dataset: 'spiral', classes: 4, points: 1200, noise: 0.35, trainRatio: 0.7, dataSeed: 9,
    features: ['x1', 'x2', 'x1^2', 'sin(x2)'], layers: [8, 8, 3], activation: ['relu', 'tanh', 'sigmoid'],
    optimizer: 'momentum', learningRate: 0.003, batchSize: 32, regularization: 'l1', regRate: 0.03,
    initializer: 'heNormal', seed: 123, epochs: 500, speed: 'max', showTest: true, discretize: true, logScale: true,
  };
  const { state, warnings } = parseHash(toHash(s));
  assert.deepEqual(warnings, []);
  assert.deepEqual(state, s);
});

test('names in the hash are kebab-case; an empty hash gives the defaults', () => {
  assert.equal(attrName('learningRate'), 'learning-rate');
  assert.match(toHash(defaults()), /^#dataset=circle&.*&learning-rate=0\.03&/);
  assert.deepEqual(parseHash('').state, defaults());
  for (const k of KEYS) assert.ok(SCHEMA[k].default !== undefined, k);
});

test('bad values are clamped or ignored, each with a specific warning', () => {
  const { state, warnings } = parseHash('#learning-rate=50&batch-size=0&dataset=mnist&layers=4,99,x&noise=abc&bogus=1&show-test=maybe');
  assert.equal(state.learningRate, 10);
  assert.equal(state.batchSize, 1);
  assert.equal(state.dataset, 'circle');
  assert.deepEqual(state.layers, [4, 16]);
  assert.equal(state.noise, 0);
  assert.equal(state.showTest, false);
  const text = words(warnings).join('\n');
  for (const expected of [/learning-rate: 50 is outside/, /batch-size: 0 is outside/, /dataset: "mnist" is not one of/,
    /layers: 99 is outside 1\.\.16; using 16/, /layers: "x" is not a number/, /noise: "abc" is not a number/,
    /"bogus" is not a setting/, /show-test: "maybe" is not true or false/]) assert.match(text, expected);
});

test('lists: too many layers are cut, features are de-duplicated, case is forgiven', () => {
  const { state, warnings } = parseHash('#layers=1,2,3,4,5,6,7,8,9&features=X1,x1,x2&activation=ReLU&optimizer=ADAM');
  assert.equal(state.layers.length, 8);
  assert.match(words(warnings).join(), /at most 8 values/);
  assert.deepEqual(state.features, ['x1', 'x2']);
  assert.deepEqual(state.activation, ['relu']);
  assert.equal(state.optimizer, 'adam');
  assert.deepEqual(words(warningsOf(parseValue('features', ''))), ['features: needs at least 1 valid value(s); using the default']);
});

test('per-layer activations follow the number of layers', () => {
  assert.deepEqual(normalize({ ...defaults(), layers: [4, 4, 4], activation: ['relu', 'tanh'] }).activation, ['relu', 'tanh', 'tanh']);
  assert.deepEqual(normalize({ ...defaults(), layers: [4, 4], activation: ['relu', 'relu'] }).activation, ['relu']);
  assert.deepEqual(parseHash('#layers=4,2&activation=sigmoid,relu,tanh').state.activation, ['sigmoid', 'relu']);
});

// ---- hostile input (issue 10): names from outside never reach a plain object ----

/** Throws unless `state` has exactly the schema's keys, each valid for its schema entry. */
function assertValid(state) {
  assert.deepEqual(Object.keys(state).sort(), [...KEYS].sort());
  for (const k of KEYS) {
    const spec = SCHEMA[k], v = state[k];
    if (spec.type === 'enum') assert.ok(spec.values.includes(v), `${k}: ${v}`);
    else if (spec.type === 'bool') assert.equal(typeof v, 'boolean', k);
    else if (spec.type === 'int' || spec.type === 'num') {
      assert.ok(Number.isFinite(v) && v >= spec.min && v <= spec.max, `${k}: ${v}`);
      if (spec.type === 'int') assert.ok(Number.isInteger(v), `${k}: ${v}`);
    } else {
      assert.ok(Array.isArray(v) && v.length >= spec.minLength && v.length <= spec.maxLength, `${k}: ${JSON.stringify(v)}`);
      for (const x of v) {
        const numeric = spec.of === 'int' || spec.of === 'num';  // dropout is a list of 'num'
        assert.ok(numeric ? Number.isFinite(x) && x >= spec.min && x <= spec.max && (spec.of === 'num' || Number.isInteger(x)) : spec.of.includes(x), `${k}: ${x}`);
      }
    }
  }
  assert.deepEqual(normalize(structuredClone(state)), state, 'normalized');
}

/** Every warning is a strings-table key that exists, with params for each of its placeholders. */
function assertWords(warnings) {
  assert.ok(Array.isArray(warnings));
  for (const w of warnings) {
    assert.ok(Object.hasOwn(STRINGS.en, w.key), `no string for ${w.key}`);
    for (const [, name] of STRINGS.en[w.key].matchAll(/\{(\w+)\}/g)) assert.ok(Object.hasOwn(w.params, name), `${w.key}: no ${name}`);
    assert.equal(typeof say(t, w), 'string');
  }
}

test('links naming JS object properties (constructor, __proto__, toString, hasOwnProperty) are unknown settings', () => {
  for (const hash of ['#constructor=1', '#toString=x', '#__proto__=1', '#hasOwnProperty=1', '#valueOf=2&dataset=xor', '#dataset=constructor',
    '#activation=__proto__', '#controls=constructor', '#lang=toString', '#speed=hasOwnProperty']) {
    const { state, warnings } = parseHash(hash);
    assertValid(state);
    assert.ok(warnings.length > 0, hash);
    assertWords(warnings);
  }
  assert.equal(parseHash('#valueOf=2&dataset=xor').state.dataset, 'xor');
  assert.match(words(parseHash('#constructor=1').warnings).join(), /"constructor" is not a setting/);
});

test('embedding options are never ignored silently: controls=bogus, height=-50, lang=klingon', () => {
  let r = parseOptions([['controls', 'bogus']]);
  assert.equal(r.options.controls, null, 'nothing recognisable: every control stays');
  assert.match(words(r.warnings).join('\n'), /controls: "bogus" is not one of/);
  assert.match(words(r.warnings).join('\n'), /showing all of them/);
  r = parseOptions([['controls', 'bogus,layers']]);
  assert.deepEqual(r.options.controls, ['layers']);
  assert.equal(r.warnings.length, 1);
  r = parseOptions([['height', '-50']]);
  assert.equal(r.options.height, MIN_HEIGHT);
  assert.match(words(r.warnings).join(), /height: -50 is outside 320\.\.4000; using 320/);
  r = parseOptions([['lang', 'klingon']]);
  assert.equal(r.options.lang, undefined);
  assert.match(words(r.warnings).join(), /lang: "klingon" is not one of en, zh-CN/);
  assert.deepEqual(parseOptions([['lang', 'zh']]).options.lang, 'zh-CN');
});

// Names and values a hostile or mangled link may hold.
const NAMES = [...KEYS.map(attrName), ...KEYS, ...OPTION_NAMES, 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype', ''];
const VALUES = ['', '1', '-1', '1e999', 'NaN', 'true', 'x1,x2', ',,,', 'constructor', '__proto__', '0x10', '4,99,x', 'relu,tanh', 'all', 'none'];
const anyName = fc.oneof(fc.constantFrom(...NAMES), fc.string());
const anyValue = fc.oneof(fc.constantFrom(...VALUES), fc.string(), fc.string({ unit: 'grapheme' }));

test('property: any string as a URL hash gives a valid state and warnings, and never throws', () => {
  const hashes = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.array(fc.tuple(anyName, anyValue), { maxLength: 12 }).map((pairs) =>
      '#' + pairs.map(([n, v]) => `${n}=${v}`).join('&')),
    fc.array(fc.tuple(anyName, anyValue), { maxLength: 12 }).map((pairs) =>
      '#' + pairs.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join('&')));
  fc.assert(fc.property(hashes, (hash) => {
    const { state, warnings, options } = parseHash(hash);
    assertValid(state);
    assertWords(warnings);
    assert.equal(typeof options, 'object');
    // What the page writes back reads back as the same state, with no warning.
    const again = parseHash(toHash(state, options));
    assert.deepEqual(again.state, state);
    assert.deepEqual(again.warnings, []);
  }), { numRuns: 2000 });
});

test('property: any element attributes give a valid state and options with warnings, and never throw', () => {
  fc.assert(fc.property(fc.array(fc.tuple(anyName, fc.oneof(anyValue, fc.constant(null))), { maxLength: 12 }), (attrs) => {
    const state = parseEntries(attrs.filter(([n]) => !OPTION_NAMES.includes(n)).map(([n, v]) => [n, v ?? '']));
    assertValid(state.state);
    assertWords(state.warnings);
    const opt = parseOptions(attrs.filter(([n]) => OPTION_NAMES.includes(n)));
    assertWords(opt.warnings);
    const o = opt.options;
    if (o.controls) assert.ok(o.controls.every((c) => CONTROL_NAMES.includes(c)));
    if (o.height != null) assert.ok(o.height >= MIN_HEIGHT && o.height <= MAX_HEIGHT);
    if (o.lang != null) assert.ok(['en', 'zh-CN'].includes(o.lang));
  }), { numRuns: 2000 });
});

test('the worker gets no view setting: trainingState drops them', () => {
  const s = { ...defaults(), showTest: true, logScale: true, discretize: true };
  const w = trainingState(s);
  for (const k of ['showTest', 'logScale', 'discretize']) assert.ok(!(k in w), k);
  assert.equal(w.dataset, s.dataset);
});
