// The type declarations (dist/index.d.ts, from wasm/js/index.d.ts) against the
// runtime: every name of the `nn` namespace, every public member of Sequential,
// Tensor, Dataset and DivergedError and every name the engine accepts must be
// declared, and nothing may be declared that the runtime lacks. When the API
// grows, these fail naming exactly what to add to wasm/js/index.d.ts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as api from '../../dist/nnplay.js';
import { nnplay } from './helpers.mjs';
import { readDeclarations, missingPaths, extraPaths, publicMembers } from './declarations.mjs';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
const SOURCE = 'wasm/js/index.d.ts';
let decl, nn, model;

before(async () => {
  decl = readDeclarations([path.join(DIST, 'index.d.ts')]);
  nn = await nnplay();
  model = nn.sequential({ seed: 1, layers: [nn.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })] });
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
});
after(() => model?.dispose());

const noneMissing = (names, where) =>
  assert.deepEqual(names, [], `at run time but not declared in ${SOURCE} (declare them, with doc comments): ${names.join(', ')}`);
const noneExtra = (names) =>
  assert.deepEqual(names, [], `declared in ${SOURCE} but absent at run time: ${names.join(', ')}`);

test('the module exports the values the declarations name, and no others', () => {
  const runtime = Object.keys(api).sort();
  const declared = decl.valueExports();
  noneMissing(runtime.filter((n) => !declared.includes(n)).map((n) => `export ${n}`));
  noneExtra(declared.filter((n) => !runtime.includes(n)).map((n) => `export ${n}`));
});

test('every name of the nn namespace is declared on Nnplay (recursively), and nothing more', () => {
  const type = decl.type('Nnplay');
  noneMissing(missingPaths(decl, nn, type, 'nn'));
  noneExtra(extraPaths(decl, nn, type, 'nn'));
});

// Public members of a class at run time vs. its declared instance type.
function compareMembers(name, cls, instance) {
  const runtime = publicMembers(cls, instance);
  const declared = decl.properties(decl.type(name));
  noneMissing(runtime.filter((n) => !declared.includes(n)).map((n) => `${name}.${n}`));
  noneExtra(declared.filter((n) => !runtime.includes(n)).map((n) => `${name}.${n}`));
}

test('Sequential: every public method, getter and field is declared, and nothing more', () => {
  compareMembers('Sequential', api.Sequential, model);
});

test('Tensor, Dataset and DivergedError: members declared, and nothing more', () => {
  compareMembers('Tensor', api.Tensor, nn.tensor2d([[1, 2]]));
  const data = nn.datasets.xor({ n: 4 });
  compareMembers('Dataset', data.constructor, data);
  const error = new api.DivergedError('loss is NaN', 1, 0);
  error.history = undefined;  // set by fit() when it throws
  compareMembers('DivergedError', api.DivergedError, error);
});

// The engine's accepted names, from its own "expected one of: ..." message.
function engineNames(fail, what) {
  try {
    fail();
  } catch (e) {
    const m = /expected one of: (.*)$/.exec(e.message);
    assert.ok(m, `${what}: unexpected error ${e.message}`);
    return m[1].split(', ');
  }
  assert.fail(`${what}: a bad name was accepted`);
}
const badLayer = (config) => () => nn.sequential({ layers: [nn.layers.dense({ units: 1, inputShape: [2], ...config })] }).dispose();

test('vocabularies: every name the engine accepts is in the union types, and every typed name is accepted', () => {
  const vocabularies = [
    ['ActivationName', engineNames(badLayer({ activation: '__nope__' }), 'activation'),
      (name) => badLayer({ activation: name })()],
    ['InitializerName', engineNames(badLayer({ kernelInitializer: '__nope__' }), 'initializer'),
      (name) => badLayer({ kernelInitializer: name })()],
    ['LossName', engineNames(() => model.compile({ loss: '__nope__' }), 'loss'),
      (name) => model.compile({ optimizer: 'sgd', loss: name })],
    ['OptimizerName', engineNames(() => model.compile({ optimizer: '__nope__', loss: 'mse' }), 'optimizer'),
      (name) => model.compile({ optimizer: name, loss: 'mse' })],
    ['DatasetName', nn.datasets.names, (name) => nn.datasets.make(name, { n: 4 })],
    ['FeatureName', nn.features.names, (name) => nn.features.mask([name])],
    ['MetricName', ['accuracy'], (name) => model.compile({ optimizer: 'sgd', loss: 'mse', metrics: [name] })],
  ];
  for (const [type, accepted, use] of vocabularies) {
    const typed = decl.literals(type);
    noneMissing(accepted.filter((n) => !typed.includes(n)).map((n) => `${type} '${n}'`));
    // Each typed name must work (errors other than "unknown name" are fine here,
    // e.g. a loss that does not fit this model's output).
    const rejected = typed.filter((name) => {
      try {
        use(name);
        return false;
      } catch (e) {
        return /unknown|unsupported|expected one of/i.test(e.message);
      }
    });
    noneExtra(rejected.map((n) => `${type} '${n}'`));
  }
});
