// Benchmark (figures, not a test): the standard workloads W1-W4 and G (issue 2,
// tests/bench/workloads.hpp) in one Node process with nnplay's wasm build,
// TensorFlow.js on its cpu backend and on its wasm backend — same data, same
// initial weights, same epochs — and the native -O3 build (build/native/nnplay_bench).
//
//   npm run bench                              everything (tfjs needs ~10 s per workload and backend)
//   node tests/bench/bench_wasm.mjs --quick    tfjs runs 1/10 of the epochs, times scaled x10
//   options: --repeats N (nnplay, default 5)  --tfjs-repeats N (default 1)  --only W1,W3,G
//            --no-tfjs  --no-native  --native-bench PATH (default build/native/nnplay_bench)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadNnplay } from '../../dist/nnplay.js';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const quick = flag('--quick');
const repeats = Number(option('--repeats', quick ? 3 : 5));
const tfRepeats = Number(option('--tfjs-repeats', 1));
const tfScale = quick ? 10 : 1;  // tfjs runs epochs / tfScale, its time is multiplied back
const only = option('--only', null)?.split(',');
const gridFrames = 50;

// The workloads, as in tests/bench/workloads.hpp (data: noise 0.1, seed 1; model seed 1).
const workloads = [
  { id: 'W1', name: 'circle-small', dataset: 'circle', points: 500, classes: 2, hidden: [4, 2], activation: 'tanh', optimizer: 'sgd', lr: 0.03, batch: 10, epochs: 200 },
  { id: 'W2', name: 'spiral-deep', dataset: 'spiral', points: 500, classes: 2, hidden: [8, 8, 8, 8, 8, 8], activation: 'tanh', optimizer: 'sgd', lr: 0.03, batch: 10, epochs: 100 },
  { id: 'W3', name: 'blobs-multiclass', dataset: 'blobs', points: 1000, classes: 5, hidden: [32, 32], activation: 'relu', optimizer: 'adam', lr: 0.01, batch: 32, epochs: 50 },
  { id: 'W4', name: 'wide', dataset: 'circle', points: 2000, classes: 2, hidden: [64, 64, 64], activation: 'relu', optimizer: 'adam', lr: 0.001, batch: 64, epochs: 20 },
].filter((w) => !only || only.includes(w.id));
const runGrid = !only || only.includes('G');
const gridWorkload = { id: 'G', dataset: 'spiral', points: 500, classes: 2, hidden: [8, 8, 8, 8, 8, 8], activation: 'tanh', optimizer: 'sgd', lr: 0.03 };

// V8 first runs wasm in its baseline tier and tiers hot functions up as they
// run: a fresh module trains 3-15x slower for its first few hundred ms. We warm
// each workload up for WARMUP_MS (as Google Benchmark does natively) and report
// the cold first run of W1 separately.
const WARMUP_MS = 600;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const time = async (fn) => { const t0 = performance.now(); await fn(); return performance.now() - t0; };

const nn = await loadNnplay();

function nnModel(w) {
  const layers = w.hidden.map((units, i) => nn.layers.dense({ units, activation: w.activation, ...(i === 0 ? { inputShape: [2] } : {}) }));
  layers.push(w.classes === 2 ? nn.layers.dense({ units: 1, activation: 'sigmoid' }) : nn.layers.dense({ units: w.classes, activation: 'softmax' }));
  const model = nn.sequential({ seed: 1, layers });
  model.compile({ optimizer: nn.train[w.optimizer](w.lr), loss: w.classes === 2 ? 'binaryCrossentropy' : 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
const data = (w) => nn.datasets[w.dataset]({ n: w.points, noise: 0.1, seed: 1, classes: w.classes });
function gridInputs(res) {
  const g = new Float32Array(res * res * 2);
  for (let r = 0; r < res; ++r) for (let c = 0; c < res; ++c) {
    g[2 * (r * res + c)] = -6 + 12 * (c + 0.5) / res;
    g[2 * (r * res + c) + 1] = 6 - 12 * (r + 0.5) / res;
  }
  return g;
}

// ---- nnplay (wasm) ---------------------------------------------------------------------
const results = {};
for (const w of workloads) {
  const d = data(w);
  const model = nnModel(w);
  let loss;
  const run = async () => {
    model.reinitialize(1);
    return time(async () => { loss = (await model.fit(d.x, d.y, { epochs: w.epochs, batchSize: w.batch })).history.loss.at(-1); });
  };
  const first = await run();
  for (let spent = first; spent < WARMUP_MS;) spent += await run();
  const times = [];
  for (let r = 0; r < repeats; ++r) times.push(await run());
  results[w.id] = { nnplay: median(times), nnplayFirst: first, nnplayLoss: loss, params: model.countParams() };
  model.dispose();
  console.error(`nnplay ${w.id}: ${median(times).toFixed(1)} ms (final loss ${loss.toFixed(4)})`);
}
if (runGrid) {
  const model = nnModel(gridWorkload);
  const out = new Float32Array(100 * 100);
  const acts = new Float32Array(100 * 100 * model.neuronCount);
  for (let t0 = performance.now(); performance.now() - t0 < WARMUP_MS;) {
    model.evaluateGrid({ res: 100, out });
    model.evaluateGrid({ res: 100, out, activations: acts });
  }
  const frames = [];
  for (let i = 0; i < gridFrames; ++i) frames.push(await time(() => model.evaluateGrid({ res: 100, out })));
  const withNeurons = [];
  for (let i = 0; i < gridFrames; ++i) withNeurons.push(await time(() => model.evaluateGrid({ res: 100, out, activations: acts })));
  results.G = { nnplay: median(frames) * gridFrames, nnplayFrame: median(frames), nnplayNeuronsFrame: median(withNeurons) };
  model.dispose();
  console.error(`nnplay G: ${median(frames).toFixed(3)} ms/frame, with all neuron activations ${median(withNeurons).toFixed(3)} ms/frame`);
}

// ---- TensorFlow.js, cpu and wasm backends ----------------------------------------------
if (!flag('--no-tfjs')) {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  const tfl = await import('@tensorflow/tfjs-layers');
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  const require = createRequire(import.meta.url);
  // Load the backend's .wasm files from node_modules (no network).
  setWasmPaths(require.resolve('@tensorflow/tfjs-backend-wasm/package.json').replace(/package\.json$/, 'dist/'));

  const tfModel = (w, nnWeights) => {
    const model = tfl.sequential();
    w.hidden.forEach((units, i) => model.add(tfl.layers.dense({ units, activation: w.activation, ...(i === 0 ? { inputShape: [2] } : {}) })));
    model.add(tfl.layers.dense(w.classes === 2 ? { units: 1, activation: 'sigmoid' } : { units: w.classes, activation: 'softmax' }));
    model.compile({ optimizer: tf.train[w.optimizer](w.lr), loss: w.classes === 2 ? 'binaryCrossentropy' : 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    model.setWeights(nnWeights.map((t) => tf.tensor(t.dataSync(), t.shape)));  // nnplay's initial weights
    return model;
  };
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    await tf.ready();
    for (const w of workloads) {
      const d = data(w);
      const init = nnModel(w);
      const weights = init.getWeights();
      init.dispose();
      const x = tf.tensor2d(d.x.dataSync(), d.x.shape), y = tf.tensor2d(d.y.dataSync(), d.y.shape);
      const epochs = Math.max(1, Math.round(w.epochs / tfScale));
      const times = [];
      let loss;
      for (let r = 0; r < tfRepeats; ++r) {
        const model = tfModel(w, weights);
        times.push(await time(async () => { loss = (await model.fit(x, y, { epochs, batchSize: w.batch, shuffle: true, verbose: 0 })).history.loss.at(-1); }) * (w.epochs / epochs));
        model.dispose();
      }
      tf.dispose([x, y]);
      results[w.id][backend] = median(times);
      console.error(`tfjs-${backend} ${w.id}: ${median(times).toFixed(0)} ms${tfScale > 1 ? ' (scaled from ' + epochs + ' epochs)' : ''} (final loss ${loss.toFixed(4)})`);
    }
    if (runGrid) {
      const init = nnModel(gridWorkload);
      const model = tfModel(gridWorkload, init.getWeights());
      init.dispose();
      const grid = tf.tensor2d(gridInputs(100), [10000, 2]);
      // One batch for the whole grid: tfjs's default predict batch (32) would cost ~300 batch overheads.
      const frame = () => { const p = model.predict(grid, { batchSize: 10000 }); p.dataSync(); p.dispose(); };
      for (let i = 0; i < 3; ++i) frame();
      const frames = [];
      for (let i = 0; i < gridFrames; ++i) frames.push(await time(frame));
      results.G[backend] = median(frames) * gridFrames;
      grid.dispose();
      model.dispose();
      console.error(`tfjs-${backend} G: ${median(frames).toFixed(2)} ms/frame`);
    }
  }
}

// ---- native -O3 (Google Benchmark) ---------------------------------------------------------
const nativeBench = option('--native-bench', fileURLToPath(new URL('../../build/native/nnplay_bench', import.meta.url)));
let nativeNote = '';
if (flag('--no-native')) nativeNote = 'native: skipped (--no-native)';
else if (!existsSync(nativeBench)) nativeNote = `native: skipped (${nativeBench} not built: run scripts/build.sh native)`;
else {
  const report = JSON.parse(execFileSync(nativeBench, ['--benchmark_format=json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const toMs = (b) => b.real_time * { ns: 1e-6, us: 1e-3, ms: 1, s: 1e3 }[b.time_unit];
  for (const b of report.benchmarks) {
    const id = b.name.split('_')[0];
    if (b.name.startsWith('G_grid_100x100_all_neurons')) { if (results.G) results.G.nativeNeuronsFrame = toMs(b); }
    else if (id === 'G') { if (results.G) results.G.native = toMs(b) * gridFrames; }
    else if (results[id]) results[id].native = toMs(b);
  }
}

// ---- the table ------------------------------------------------------------------------------
const fmt = (v, digits = 1) => (v === undefined ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(digits));
const ratio = (a, b) => (a === undefined || b === undefined ? '–' : `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×`);
const rows = [];
rows.push('| workload | nnplay wasm ms | samples/s | tfjs-cpu ms | tfjs-wasm ms | native ms | tfjs-cpu / nnplay | tfjs-wasm / nnplay | nnplay / native |');
rows.push('|---|---|---|---|---|---|---|---|---|');
for (const w of workloads) {
  const r = results[w.id];
  const samples = w.points * w.epochs / (r.nnplay / 1000);
  rows.push(`| ${w.id} ${w.name} (${w.epochs} epochs) | ${fmt(r.nnplay)} | ${(samples / 1e6).toFixed(2)} M | ${fmt(r.cpu)} | ${fmt(r.wasm)} | ${fmt(r.native)} | ${ratio(r.cpu, r.nnplay)} | ${ratio(r.wasm, r.nnplay)} | ${ratio(r.nnplay, r.native)} |`);
}
if (results.G) {
  const r = results.G;
  rows.push(`| G grid 100×100, ${gridFrames} frames | ${fmt(r.nnplay)} | ${(10000 * gridFrames / (r.nnplay / 1000) / 1e6).toFixed(1)} M pts | ${fmt(r.cpu)} | ${fmt(r.wasm)} | ${fmt(r.native)} | ${ratio(r.cpu, r.nnplay)} | ${ratio(r.wasm, r.nnplay)} | ${ratio(r.nnplay, r.native)} |`);
}
console.log(`\nnnplay wasm (SIMD) vs TensorFlow.js 4.22 (cpu, wasm backends) vs native -O3; median ms; ` +
  `nnplay ${repeats} runs, tfjs ${tfRepeats} run(s)${tfScale > 1 ? `, tfjs at 1/${tfScale} of the epochs scaled back` : ''}; Node ${process.version}\n`);
console.log(rows.join('\n'));
if (results.G) console.log(`\nG per frame: nnplay ${results.G.nnplayFrame.toFixed(3)} ms (${results.G.nnplayNeuronsFrame.toFixed(3)} ms with every neuron's activation)` +
  (results.G.native !== undefined ? `, native ${(results.G.native / gridFrames).toFixed(3)} ms` : ''));
if (results.W1) console.log(`Cold start: W1 as the very first training of a fresh module took ${results.W1.nnplayFirst.toFixed(1)} ms (V8 tier-up; warm runs above).`);
if (nativeNote) console.log(nativeNote);
