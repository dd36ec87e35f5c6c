// The page state and its URL form (web/src/state.js), in Node: round trips,
// defaults, and how untrusted values are clamped or ignored with a warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaults, parseHash, toHash, parseValue, normalize, attrName, KEYS, SCHEMA } from '../../web/src/state.js';

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
  const text = warnings.join('\n');
  for (const expected of [/learning-rate: 50 is outside/, /batch-size: 0 is outside/, /dataset: "mnist" is not one of/,
    /layers: 99 is outside 1\.\.16; using 16/, /layers: "x" is not a number/, /noise: "abc" is not a number/,
    /"bogus" is not a setting/, /show-test: "maybe" is not true or false/]) assert.match(text, expected);
});

test('lists: too many layers are cut, features are de-duplicated, case is forgiven', () => {
  const { state, warnings } = parseHash('#layers=1,2,3,4,5,6,7,8,9&features=X1,x1,x2&activation=ReLU&optimizer=ADAM');
  assert.equal(state.layers.length, 8);
  assert.match(warnings.join(), /at most 8 values/);
  assert.deepEqual(state.features, ['x1', 'x2']);
  assert.deepEqual(state.activation, ['relu']);
  assert.equal(state.optimizer, 'adam');
  assert.equal(parseValue('features', '').warning, 'features: needs at least 1 valid value(s); using the default');
});

test('per-layer activations follow the number of layers', () => {
  assert.deepEqual(normalize({ ...defaults(), layers: [4, 4, 4], activation: ['relu', 'tanh'] }).activation, ['relu', 'tanh', 'tanh']);
  assert.deepEqual(normalize({ ...defaults(), layers: [4, 4], activation: ['relu', 'relu'] }).activation, ['relu']);
  assert.deepEqual(parseHash('#layers=4,2&activation=sigmoid,relu,tanh').state.activation, ['sigmoid', 'relu']);
});
