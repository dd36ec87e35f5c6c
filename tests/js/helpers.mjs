// Shared helpers for the JS tests of the wasm module (node --test tests/js/).
import { loadNnplay } from '../../dist/nnplay.js';
import assert from 'node:assert/strict';

let shared = null;
/** One module instance shared by a test file (each instance has its own heap). */
export function nnplay() {
  shared ??= loadNnplay();
  return shared;
}

/** Largest |a - b| over two equally long number arrays. */
export function maxAbsDiff(a, b) {
  assert.equal(a.length, b.length, `lengths differ: ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; ++i) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** Asserts |a - b| <= atol + rtol * |b| elementwise, naming the worst element. */
export function assertClose(actual, expected, { atol = 1e-5, rtol = 0, what = 'values' } = {}) {
  const a = Array.from(actual), b = Array.from(expected);
  assert.equal(a.length, b.length, `${what}: lengths differ (${a.length} vs ${b.length})`);
  let worst = -1, worstExcess = 0;
  for (let i = 0; i < a.length; ++i) {
    const excess = Math.abs(a[i] - b[i]) - (atol + rtol * Math.abs(b[i]));
    if (!(excess <= worstExcess)) { worst = i; worstExcess = excess; }
  }
  if (worst >= 0)
    assert.fail(`${what}: element ${worst} is ${a[worst]}, expected ${b[worst]} (|diff| ${Math.abs(a[worst] - b[worst]).toExponential(3)}, atol ${atol}, rtol ${rtol})`);
}

export const XOR_X = [[0, 0], [0, 1], [1, 0], [1, 1]];
export const XOR_Y = [[0], [1], [1], [0]];
