// fast_math's tanh and sigmoid as the wasm build computes them (in wasm,
// fast_math.hpp clamps and selects with wasm's own f32x4.pmin/pmax/bitselect
// instead of Emscripten's SSE emulation), against the exact functions, on
// 2^19 floats spread evenly over all finite bit patterns: the error bounds that
// tests/native/test_fast_math.cpp checks natively on every float must hold here too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nnplay } from './helpers.mjs';

// Every 8192nd bit pattern, both signs, finite values only (data with Inf or NaN is refused).
function sampleFloats() {
  const bits = new Uint32Array(1 << 19);
  for (let i = 0; i < bits.length; ++i) bits[i] = (i * 8192 + 1234) >>> 0;
  const all = new Float32Array(bits.buffer);
  return all.filter(Number.isFinite);
}

// Distance in units in the last place between two floats (ordered bit patterns).
const ordered = (f) => { const i = new Int32Array(new Float32Array([f]).buffer)[0]; return i < 0 ? -2147483648 - i : i; };
const ulps = (a, b) => Math.abs(ordered(a) - ordered(b));

async function activationOf(nn, activation, x) {
  // One unit, kernel 1, no bias: z = x exactly, so the output is g(x).
  const m = nn.sequential({ seed: 1, layers: [nn.layers.dense({ units: 1, activation, useBias: false, inputShape: [1] })] });
  m.setWeights([nn.tensor2d(new Float32Array([1]), [1, 1])]);
  const out = m.predict(nn.tensor2d(x, [x.length, 1])).dataSync();
  m.dispose();
  return out;
}

// The largest distance in ulps of y from exact(x) rounded to float, and where it is.
function worstUlps(x, y, exact) {
  let worst = 0, at = 0;
  for (let i = 0; i < x.length; ++i) {
    const d = ulps(y[i], Math.fround(exact(x[i])));
    if (d > worst) { worst = d; at = x[i]; }
  }
  return { worst, at };
}

test('wasm fast tanh: within 6 ulp of tanh, |tanh| <= 1, odd, on 2^19 floats over the whole range', async () => {
  const nn = await nnplay();
  const x = sampleFloats();
  const y = await activationOf(nn, 'tanh', x);
  const { worst, at } = worstUlps(x, y, Math.tanh);
  assert.ok(worst <= 6, `worst ${worst} ulp at x = ${at}`);
  assert.ok(y.every((v) => Math.abs(v) <= 1), '|tanh| <= 1');
  // Odd, and exact for tiny and denormal inputs.
  const neg = await activationOf(nn, 'tanh', x.map((v) => -v));
  for (let i = 0; i < x.length; ++i) assert.equal(neg[i], -y[i], `tanh(-${x[i]})`);
  const tiny = new Float32Array([1e-40, -1e-40, 1e-4, -2e-4, 1.4e-45]);
  assert.deepEqual([...await activationOf(nn, 'tanh', tiny)], [...tiny]);
});

test('wasm fast sigmoid: within 3 ulp of the exact sigmoid rounded to float, in [0, 1], on 2^19 floats', async () => {
  const nn = await nnplay();
  const x = sampleFloats();
  const y = await activationOf(nn, 'sigmoid', x);
  const { worst, at } = worstUlps(x, y, (v) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v))));
  assert.ok(worst <= 3, `worst ${worst} ulp at x = ${at}`);
  assert.ok(y.every((v) => v >= 0 && v <= 1), 'sigmoid in [0, 1]');
  assert.deepEqual([...await activationOf(nn, 'sigmoid', new Float32Array([0, -200, 200]))], [0.5, 0, 1]);
});
