// The Wasm-SIMD build (Eigen's SSE path through Emscripten, see wasm/wasm.cmake)
// against a plain wasm build of the same sources: same training, same outputs.
// The plain build is optional (it doubles the build time):
//   NODE_PATH=/usr/share/nodejs emcmake cmake -S . -B build/wasm-plain -DNNPLAY_WASM_SIMD=OFF
//   cmake --build build/wasm-plain --target nnplay-core-single
// Without it this test is skipped; native-parity.test.mjs checks the SIMD build
// against the native engine either way.
import { test } from 'node:test';
import { existsSync, mkdtempSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nnplay, assertClose, maxAbsDiff } from './helpers.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const plainCore = join(root, 'build/wasm-plain/nnplay-core-single.mjs');

// The JS API over the plain core: the API files next to a copy of it.
async function loadPlain() {
  const dir = mkdtempSync(join(tmpdir(), 'nnplay-plain-'));
  for (const f of ['nnplay.js', 'model.js', 'tensor.js']) copyFileSync(join(root, 'dist', f), join(dir, f));
  copyFileSync(plainCore, join(dir, 'nnplay-core-single.mjs'));
  try {
    const { loadNnplay } = await import(pathToFileURL(join(dir, 'nnplay.js')));
    return await loadNnplay({ singleFile: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function train(nn) {
  const data = nn.datasets.spiral({ n: 300, noise: 0.2, seed: 3, classes: 3 });
  const model = nn.sequential({ seed: 2, layers: [
    nn.layers.dense({ units: 32, activation: 'tanh', inputShape: [2] }),
    nn.layers.dense({ units: 32, activation: 'relu' }),
    nn.layers.dense({ units: 3, activation: 'softmax' }),
  ] });
  model.compile({ optimizer: nn.train.adam(0.01), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const h = await model.fit(data.x, data.y, { epochs: 10, batchSize: 16 });
  const grid = model.evaluateGrid({ res: 50 });
  const weights = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
  model.dispose();
  return { loss: h.history.loss, grid, weights };
}

test('SIMD build = plain build (losses, weights, grid to 1e-5)',
  { skip: existsSync(plainCore) ? false : 'no plain build in build/wasm-plain (see the header of this file)' }, async (t) => {
    const simd = await train(await nnplay());
    const plain = await train(await loadPlain());
    assertClose(simd.loss, plain.loss, { atol: 1e-5, what: 'loss per epoch' });
    assertClose(simd.weights, plain.weights, { atol: 1e-5, what: 'weights' });
    assertClose(simd.grid, plain.grid, { atol: 1e-5, what: 'grid output' });
    t.diagnostic(`max |simd - plain|: weights ${maxAbsDiff(simd.weights, plain.weights).toExponential(2)}, grid ${maxAbsDiff(simd.grid, plain.grid).toExponential(2)}`);
  });
