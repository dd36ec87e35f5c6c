// Where the copied maps' extra cost goes (issue 14): G's model (2-8x6-1, tanh), a 100x100
// frame without the maps, with them as views, copied, and the 2 MB copy alone against
// the same copy between two plain JS arrays.
// Run pinned, from the checkout: taskset -c 1 node tests/bench/grid_maps_copy.mjs (README, Performance).
import { loadNnplay } from '../../dist/nnplay.js';
import { performance } from 'node:perf_hooks';
const nn = await loadNnplay();
const layers = [8, 8, 8, 8, 8, 8].map((units, i) => nn.layers.dense({ units, activation: 'tanh', ...(i === 0 ? { inputShape: [2] } : {}) }));
layers.push(nn.layers.dense({ units: 1, activation: 'sigmoid' }));
const model = nn.sequential({ seed: 1, layers });
const out = new Float32Array(10000), acts = new Float32Array(10000 * model.neuronCount), other = new Float32Array(acts.length).fill(1);
const cases = {
  'frame, no maps (evaluateGrid)': () => model.evaluateGrid({ res: 100, out }),
  'frame, maps as views': () => out.set(model.evaluateGridViews({ res: 100, activations: true }).out),
  'frame, maps copied (evaluateGrid)': () => model.evaluateGrid({ res: 100, out, activations: acts }),
  'the copy alone: 2 MB out of the wasm heap': (() => { const v = model.evaluateGridViews({ res: 100, activations: true }).activations; return () => acts.set(v); })(),
  'the copy alone: 2 MB between two JS arrays': () => acts.set(other),
};
const med = (a) => { const s = a.slice().sort((x, y) => x - y); return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2; };
const res = {};
for (let round = 0; round < 7; ++round) for (const [name, f] of Object.entries(cases)) {
  // refresh the views before 'the copy alone' (no other call in between)
  for (let i = 0; i < 20; ++i) f();
  const ts = [];
  for (let i = 0; i < 200; ++i) { const t0 = performance.now(); f(); ts.push(performance.now() - t0); }
  (res[name] ??= []).push(med(ts));
}
const base = med(res['frame, no maps (evaluateGrid)']);
for (const [name, v] of Object.entries(res)) console.log(`${name}: ${(med(v) * 1000).toFixed(1)} µs (${(100 * med(v) / base).toFixed(1)} % of the frame without maps)`);
console.log(`bytes copied: ${acts.byteLength}; at the heap copy's time: ${(acts.byteLength / (med(res['the copy alone: 2 MB out of the wasm heap']) / 1000) / 1e9).toFixed(1)} GB/s`);
