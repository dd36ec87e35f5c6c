// The wasm build (with its Wasm-SIMD Eigen path) against the native engine: the
// same runs through build/native/nnplay-train and through the JS API must give
// the same per-epoch losses and the same trained weights to 1e-5.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nnplay, assertClose, maxAbsDiff } from './helpers.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'build/native/nnplay-train');

// Runs the native CLI, returns its per-epoch losses and saved model JSON.
function runNative(args) {
  const dir = mkdtempSync(join(tmpdir(), 'nnplay-native-'));
  try {
    const out = execFileSync(cli, [...args, '--save', join(dir, 'model.json')], { encoding: 'utf8' });
    const losses = [...out.matchAll(/^epoch\s+\d+\s+loss (\S+)/gm)].map((m) => Number(m[1]));
    const final = Number(/^final epoch \d+\s+loss (\S+)/m.exec(out)[1]);
    return { losses, final, json: readFileSync(join(dir, 'model.json'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The CLI's pipeline (engine/cli/nnplay_train.cpp) through the JS API.
async function runWasm(nn, c) {
  const data = nn.datasets[c.dataset]({ n: c.points ?? 500, noise: c.noise ?? 0, seed: c.seed, classes: c.classes ?? 2 });
  const { train, test } = nn.datasets.split(data, 0.8, c.seed);
  const features = c.features ?? 'x1,x2';
  const x = nn.features.transform(train.x, features), xTest = nn.features.transform(test.x, features);
  const hidden = { activation: c.activation, kernelInitializer: c.init ?? 'glorotUniform',
                   kernelRegularizer: nn.regularizers.l1l2({ l1: c.l1 ?? 0, l2: c.l2 ?? 0 }) };
  const layers = c.layers.map((units, i) => nn.layers.dense({ units, ...hidden, ...(i === 0 ? { inputShape: [x.shape[1]] } : {}) }));
  let loss, metrics = ['accuracy'];
  const init = { kernelInitializer: c.init ?? 'glorotUniform' };
  if (data.regression) { layers.push(nn.layers.dense({ units: 1, ...init })); loss = 'meanSquaredError'; metrics = []; }
  else if (data.classes === 2) { layers.push(nn.layers.dense({ units: 1, activation: 'sigmoid', ...init })); loss = 'binaryCrossentropy'; }
  else { layers.push(nn.layers.dense({ units: data.classes, activation: 'softmax', ...init })); loss = 'sparseCategoricalCrossentropy'; }
  const model = nn.sequential({ seed: c.seed, layers });
  model.compile({ optimizer: { sgd: nn.train.sgd, adam: nn.train.adam, rmsprop: nn.train.rmsprop,
                               momentum: (lr) => nn.train.momentum(lr, 0.9) }[c.optimizer](c.lr), loss, metrics });
  const history = await model.fit(x, train.y, { epochs: c.epochs, batchSize: c.batch ?? 10, validationData: [xTest, test.y] });
  const evaluated = model.evaluate(x, train.y);
  const final = (Array.isArray(evaluated) ? evaluated[0] : evaluated).dataSync()[0];
  const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
  const json = model.toJSON();
  model.dispose();
  return { losses: history.history.loss, final, weights, json };
}

function nativeWeights(json) {
  const model = JSON.parse(json);
  return model.layers.flatMap((l) => [l.kernel.flat(), ...(l.useBias ? [l.bias] : [])]);
}

const cases = [
  { name: 'xor, tanh, sgd', dataset: 'xor', layers: [8], activation: 'tanh', optimizer: 'sgd', lr: 0.03, epochs: 20, seed: 3 },
  { name: '3-arm spiral, relu, softmax + sparse CCE, adam, features', dataset: 'spiral', classes: 3, noise: 0.2,
    layers: [8, 8], activation: 'relu', optimizer: 'adam', lr: 0.01, epochs: 10, seed: 5, features: 'x1,x2,x1*x2,sin(x1)' },
  { name: 'plane regression, elu, rmsprop, l2', dataset: 'plane', noise: 0.1, layers: [4], activation: 'elu',
    optimizer: 'rmsprop', lr: 0.01, l2: 0.001, epochs: 10, seed: 7 },
  { name: 'circle, sigmoid, momentum, l1, heNormal', dataset: 'circle', noise: 0.3, layers: [6], activation: 'sigmoid',
    optimizer: 'momentum', lr: 0.03, l1: 0.001, init: 'heNormal', epochs: 10, seed: 11 },
  // The narrow layers' backward pass in the order the wasm build takes (by
  // columns: 2-16 units, up to 16 inputs), widths 2-16, over batches of 40
  // (a 32-row chunk and a partial one); then wide layers, whose wasm input
  // gradient goes through the layer's W^T scratch and a blocked product.
  { name: 'spiral, narrow widths 16-5-2-12, tanh, sgd, batch 40', dataset: 'spiral', classes: 3, noise: 0.1,
    layers: [16, 5, 2, 12], activation: 'tanh', optimizer: 'sgd', lr: 0.1, epochs: 8, seed: 13, batch: 40 },
  { name: 'circle, wide 64-64, relu, sgd, batch 32', dataset: 'circle', noise: 0.1, layers: [64, 64], activation: 'relu',
    optimizer: 'sgd', lr: 0.05, epochs: 4, seed: 17, batch: 32 },
];

const haveCli = existsSync(cli);
for (const c of cases) {
  test(`native parity: ${c.name}`, { skip: haveCli ? false : `needs ${cli}: run scripts/build.sh native` }, async (t) => {
    const nn = await nnplay();
    const args = ['--dataset', c.dataset, '--layers', c.layers.join(','), '--activation', c.activation, '--optimizer', c.optimizer,
      '--lr', String(c.lr), '--epochs', String(c.epochs), '--seed', String(c.seed), '--batch', String(c.batch ?? 10),
      '--noise', String(c.noise ?? 0), '--classes', String(c.classes ?? 2), '--features', c.features ?? 'x1,x2',
      '--l1', String(c.l1 ?? 0), '--l2', String(c.l2 ?? 0), '--init', c.init ?? 'glorotUniform'];
    const native = runNative(args);
    const wasm = await runWasm(nn, c);
    assert.equal(wasm.losses.length, c.epochs);
    assert.equal(native.losses.length, c.epochs);
    // The CLI prints 6 decimals: allow its rounding (5e-7) on top of 1e-5.
    assertClose(wasm.losses, native.losses, { atol: 1e-5 + 5e-7, what: 'per-epoch training loss' });
    assertClose([wasm.final], [native.final], { atol: 1e-5 + 5e-7, what: 'final loss' });
    const expected = nativeWeights(native.json);
    assert.equal(wasm.weights.length, expected.length);
    wasm.weights.forEach((w, i) => assertClose(w, expected[i], { atol: 1e-5, what: `weights[${i}]` }));
    t.diagnostic(`max |wasm - native|: weights ${Math.max(...wasm.weights.map((w, i) => maxAbsDiff(w, expected[i]))).toExponential(2)}`);
    // The natively saved model loads in wasm and saves back to the same weights.
    const loaded = nn.models.fromJSON(native.json);
    nativeWeights(loaded.toJSON()).forEach((w, i) => assert.deepEqual(w, expected[i]));
    loaded.dispose();
  });
}
