// Benchmark (figures, not a test): the standard workloads W1-W4 and G (issue 2,
// tests/bench/workloads.hpp) in one Node process with nnplay's wasm build and its
// JavaScript peers (tests/bench/peers.mjs): brain.js 1.6.1, ConvNetJS 0.3.0 and
// TensorFlow.js 4.22 on its cpu and wasm backends — same data, same initial
// weights, same epochs, algorithms as close as each library allows (the notes
// under the table say where they differ) — and the native -O3 build
// (build/native/nnplay_bench). Each workload's ratio is against its FASTEST peer,
// taken from neighbouring runs (nnplay and each peer alternate), so that the
// drifting speed of a shared machine cancels out.
//
//   npm run bench                              everything (tfjs needs ~10 s per workload and backend)
//   node tests/bench/bench_wasm.mjs --quick    tfjs (and any peer run over 5 s) on 1/10 of the epochs, times scaled x10
//   options: --repeats N (nnplay rounds, default 5; each a mean over --measure-ms, default 1000)  --peer-repeats N (brain.js, ConvNetJS; default 3)
//            --tfjs-repeats N (default 1)  --only W1,W3,G  --peers brain.js,ConvNetJS,tfjs-cpu,tfjs-wasm
//            --no-tfjs  --no-native  --native-bench PATH (default build/native/nnplay_bench)
//            --json FILE (also write the figures as JSON, e.g. to take medians over runs)
//            --no-pin (on Linux the benchmark re-runs itself under taskset on the last CPU; this runs it on every CPU)
import { execFileSync, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadNnplay } from '../../dist/nnplay.js';
import { brainPeer, convnetPeer, tfjsPeers } from './peers.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
// Everything on one CPU, the native benchmark's processes too (they inherit it).
// Unpinned, after an allocating peer's long run (brain.js W4, 35 s) nnplay's runs
// took 1.6x as long for a minute or more while the fresh native processes among
// them did not: probably V8's collector threads at work on the other vCPU (a
// sibling of the same core). W4 wasm / native with --only W4 --peers brain.js:
// unpinned 1.75 and 1.50, pinned 1.23 and 1.09. --no-pin turns it off.
if (process.platform === 'linux' && !process.env.NNPLAY_BENCH_CPU && !flag('--no-pin')) {
  const cpu = String(availableParallelism() - 1);
  const pinned = spawnSync('taskset', ['-c', cpu, process.execPath, fileURLToPath(import.meta.url), ...args],
    { stdio: 'inherit', env: { ...process.env, NNPLAY_BENCH_CPU: cpu } });
  if (!pinned.error) process.exit(pinned.status ?? 1);
  console.error(`bench: taskset failed (${pinned.error.message}); running on every CPU`);
}
const quick = flag('--quick');
const repeats = Number(option('--repeats', quick ? 3 : 5));
const tfRepeats = Number(option('--tfjs-repeats', 1));
const peerRepeats = Number(option('--peer-repeats', quick ? 1 : 3));
const epochScale = quick ? 10 : 1;  // peers run epochs / epochScale, their time is multiplied back
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
const MEASURE_MS = Number(option('--measure-ms', 1000));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b), h = s.length >> 1; return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2; };
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

// ---- measurement: nnplay interleaved with each peer and native ------------------------
// The machines are shared and their speed drifts within a run, so every figure
// is taken in rounds that alternate nnplay with each peer (and with the native
// build): each ratio is the median of ratios of neighbouring runs, not a ratio
// of times measured minutes apart.
const initialWeights = (w) => {
  const init = nnModel(w);
  const weights = init.getWeights().map((t) => ({ values: Float32Array.from(t.dataSync()), shape: t.shape }));
  init.dispose();
  return weights;
};
const rawData = (w) => { const d = data(w); return { x: d.x.dataSync(), y: d.y.dataSync(), n: d.n }; };
const peerList = [brainPeer(), convnetPeer(), ...(flag('--no-tfjs') ? [] : await tfjsPeers())];
const onlyPeers = option('--peers', null)?.split(',');
const peers = peerList.filter((p) => !onlyPeers || onlyPeers.includes(p.name));
const isTfjs = (peer) => peer.name.startsWith('tfjs');

// Native: one Google Benchmark process for the named benchmarks, times in ms.
const nativeBench = option('--native-bench', fileURLToPath(new URL('../../build/native/nnplay_bench', import.meta.url)));
let nativeNote = '';
if (flag('--no-native')) nativeNote = 'native: skipped (--no-native)';
else if (!existsSync(nativeBench)) nativeNote = `native: skipped (${nativeBench} not built: run scripts/build.sh native)`;
const native = (filter) => {
  if (nativeNote) return {};
  const report = JSON.parse(execFileSync(nativeBench, [`--benchmark_filter=${filter}`, '--benchmark_format=json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  return Object.fromEntries(report.benchmarks.map((b) => [b.name.split('/')[0], b.real_time * { ns: 1e-6, us: 1e-3, ms: 1, s: 1e3 }[b.time_unit]]));
};

// Runs `rounds` rounds of each contender that still needs samples, every run of
// one between two nnplay runs: its ratio is its time over the mean of those two.
// The host's speed drifts within seconds, and the peers' runs in between (tfjs's
// take seconds) would otherwise put the native run 15 s or more from the nnplay
// run it is compared with. contenders: [{ name, run() -> ms, samples }]; a
// contender whose warm-up run took over 3 s keeps that run as its only sample
// (its warm-up is noise). No garbage is collected between runs on purpose: a
// forced collection before each run slowed the allocating peers (brain.js W1
// 49 -> 58-62 ms) and did not steady nnplay's runs.
async function interleave(runNnplay, contenders, rounds) {
  const nnplay = [], times = {}, ratios = {};
  let before = await runNnplay();
  nnplay.push(before);
  const between = async (run) => {
    const tc = await run();
    const after = await runNnplay();
    nnplay.push(after);
    const ratio = tc / ((before + after) / 2);
    before = after;
    return { tc, ratio };
  };
  for (const c of contenders) {
    times[c.name] = [];
    ratios[c.name] = [];
    if (c.warmup) {
      const { tc, ratio } = await between(c.run);
      if (tc > 3000) { times[c.name].push(tc); ratios[c.name].push(ratio); }
    }
  }
  for (let r = 0; r < rounds; ++r) {
    for (const c of contenders) {
      if (times[c.name].length >= c.samples) continue;
      const { tc, ratio } = await between(c.run);
      times[c.name].push(tc);
      ratios[c.name].push(ratio);
    }
  }
  const out = { nnplay: median(nnplay), time: {}, ratio: {}, samples: { nnplay, times, ratios } };
  for (const c of contenders) { out.time[c.name] = median(times[c.name]); out.ratio[c.name] = median(ratios[c.name]); }
  return out;
}

const results = {};
const notes = {};
for (const w of workloads) {
  const d = data(w), raw = rawData(w), weights = initialWeights(w);
  const model = nnModel(w);
  let loss;
  const fitOnce = async () => {
    model.reinitialize(1);
    return time(async () => { loss = (await model.fit(d.x, d.y, { epochs: w.epochs, batchSize: w.batch })).history.loss.at(-1); });
  };
  // One nnplay figure: the mean of back-to-back runs over at least MEASURE_MS,
  // as Google Benchmark measures the native figure (a mean over >= 1 s). A
  // single 10-20 ms run on these shared VMs swings by 2x with the host's load.
  const runNnplay = async () => {
    let total = 0, runs = 0;
    while (total < MEASURE_MS || runs < 1) { total += await fitOnce(); ++runs; }
    return total / runs;
  };
  const first = await fitOnce();
  for (let spent = first; spent < WARMUP_MS;) spent += await fitOnce();
  const peerLoss = {};
  const contenders = peers.map((peer) => {
    // --quick: tfjs always runs 1/epochScale of the epochs. brain.js and ConvNetJS
    // warm up on that fraction and keep it only when a full run would take over
    // 5 s: short runs of a JIT-compiled peer would be cold, and scaling them up
    // would overstate its time.
    let scale = isTfjs(peer) ? epochScale : 1, warm = false;
    return {
      name: peer.name,
      warmup: !isTfjs(peer),  // tfjs runs take seconds: no warm-up, tfRepeats samples
      samples: isTfjs(peer) ? tfRepeats : peerRepeats,
      run: async () => {
        if (peer.use) await peer.use();
        if (!isTfjs(peer) && !warm) {
          warm = true;
          const first = await peer.train(w, raw, weights, epochScale);
          if (first.ms > 5000) scale = epochScale;
          if (scale === epochScale || epochScale === 1) { peerLoss[peer.name] = first; return first.ms; }
        }
        const r = await peer.train(w, raw, weights, scale);
        peerLoss[peer.name] = r;
        return r.ms;
      },
    };
  });
  if (!nativeNote) contenders.push({ name: 'native', samples: Math.max(3, repeats), run: async () => Object.values(native(`^${w.id}`))[0] });
  const m = await interleave(runNnplay, contenders, Math.max(repeats, peerRepeats));
  results[w.id] = { ...m, nnplayFirst: first };
  model.dispose();
  console.error(`${w.id}: nnplay ${m.nnplay.toFixed(1)} ms (final loss ${loss.toFixed(4)}); ` + contenders.map((c) => {
    const r = peerLoss[c.name];
    return `${c.name} ${m.time[c.name].toFixed(c.name === 'native' ? 1 : 0)} ms` + (r ? ` (loss ${r.loss.toFixed(4)}, ${r.lossName}${r.scaledFrom ? `, ${r.scaledFrom} epochs scaled` : ''})` : '');
  }).join('; '));
  for (const peer of peers) (notes[w.id] ??= []).push(`${peer.name}: ${peer.note(w)}`);
}

if (runGrid) {
  // Per round: the median of 10 frames of each.
  const framesPerRound = 10;
  const frameMs = async (frame) => { const ts = []; for (let i = 0; i < framesPerRound; ++i) ts.push(await time(frame)); return median(ts); };
  const model = nnModel(gridWorkload);
  const out = new Float32Array(100 * 100);
  const acts = new Float32Array(100 * 100 * model.neuronCount);
  const nnFrame = () => model.evaluateGrid({ res: 100, out });
  // Every neuron's map: as views of the engine's memory (the goal's figure), and
  // copied into the caller's array (evaluateGrid's activations), 2 MB per frame.
  // The views frame copies its `out` as the plain frame does (40 KB); the maps are
  // computed and written, and left for the caller to read.
  const nnNeuronsFrame = () => out.set(model.evaluateGridViews({ res: 100, activations: true }).out);
  const nnNeuronsCopiedFrame = () => model.evaluateGrid({ res: 100, out, activations: acts });
  for (let t0 = performance.now(); performance.now() - t0 < WARMUP_MS;) { nnFrame(); nnNeuronsFrame(); nnNeuronsCopiedFrame(); }
  const weights = initialWeights(gridWorkload), points = gridInputs(100);
  const contenders = [{ name: 'nnplay all neurons', samples: 5, run: () => frameMs(nnNeuronsFrame) },
    { name: 'nnplay all neurons copied', samples: 5, run: () => frameMs(nnNeuronsCopiedFrame) }];
  for (const peer of peers) {
    if (peer.use) await peer.use();
    const frame = peer.gridFrame(gridWorkload, weights, points);
    for (let i = 0; i < 3; ++i) frame();
    contenders.push({ name: peer.name, samples: 5, run: async () => { if (peer.use) await peer.use(); return frameMs(frame); } });
    (notes.G ??= []).push(`${peer.name}: ${peer.name === 'brain.js' ? `predict one point per run() call, ${gridWorkload.activation} output` : peer.name === 'ConvNetJS' ? 'one point per forward(), 2-way softmax output' : 'same algorithm (predict() of the whole grid in one batch)'}`);
  }
  if (!nativeNote) contenders.push({ name: 'native', samples: 3, run: async () => native('^G_grid_100x100$').G_grid_100x100 });
  const m = await interleave(() => frameMs(nnFrame), contenders, 5);
  // Frames -> a run of gridFrames frames, to sit in the same table as W1-W4.
  results.G = { nnplay: m.nnplay * gridFrames, nnplayFrame: m.nnplay, nnplayNeuronsFrame: m.time['nnplay all neurons'], neuronsRatio: m.ratio['nnplay all neurons'],
    neuronsCopiedRatio: m.ratio['nnplay all neurons copied'], time: {}, ratio: m.ratio, samples: m.samples, samplesUnit: 'ms per frame' };
  for (const [name, ms] of Object.entries(m.time)) if (!name.startsWith('nnplay')) results.G.time[name] = ms * gridFrames;
  model.dispose();
  console.error(`G: nnplay ${m.nnplay.toFixed(3)} ms/frame; ` + Object.entries(m.time).map(([k, v]) => `${k} ${v.toFixed(3)} ms/frame`).join('; '));
}

// ---- the table ------------------------------------------------------------------------------
// Issue 14's goals: nnplay >= 5x the fastest peer on every workload, wasm <= 1.5x
// native, G >= 5 GFLOP/s in wasm, native W1 >= 8x brain.js.
const fmt = (v, digits = 1) => (v === undefined ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(digits));
const times = (x) => (x === undefined ? '–' : `${x.toFixed(x >= 10 ? 0 : 1)}×`);
const goal = (ok) => (ok === undefined ? '' : ok ? ' ✓' : ' ✗');
const fastestPeer = (r) => peers.map((p) => p.name).filter((n) => r.time[n] !== undefined).sort((a, b) => r.time[a] - r.time[b])[0];
const rows = [];
rows.push(`| workload | nnplay wasm ms | ${peers.map((p) => `${p.name} ms`).join(' | ')} | fastest peer | fastest peer / nnplay (≥ 5×) | native ms | wasm / native (≤ 1.5×) |`);
rows.push(`|---|---|${peers.map(() => '---|').join('')}---|---|---|---|`);
const summary = {};
const row = (id, label, r) => {
  const peer = fastestPeer(r), vsPeer = peer && r.ratio[peer], vsNative = r.ratio.native && 1 / r.ratio.native;
  summary[id] = { nnplay: r.nnplay, native: r.time.native, fastestPeer: peer, fastestPeerRatio: vsPeer, wasmOverNative: vsNative,
    peers: Object.fromEntries(peers.map((p) => [p.name, r.time[p.name]])), ratios: r.ratio, samples: r.samples, samplesUnit: r.samplesUnit ?? 'ms per run' };
  rows.push(`| ${label} | ${fmt(r.nnplay)} | ${peers.map((p) => fmt(r.time[p.name])).join(' | ')} | ${peer ?? '–'} | ` +
    `${times(vsPeer)}${goal(vsPeer && vsPeer >= 5)} | ${fmt(r.time.native)} | ${times(vsNative)}${goal(vsNative && vsNative <= 1.5)} |`);
};
for (const w of workloads) row(w.id, `${w.id} ${w.name} (${w.epochs} epochs)`, results[w.id]);
// G's arithmetic: 2 flops per multiply-add of the Dense layers, per grid point (activations not counted).
const gridMacs = [2, ...gridWorkload.hidden, 1].reduce((sum, units, i, all) => sum + (i ? all[i - 1] * units : 0), 0);
const gflops = (frameMs) => (2 * gridMacs * 10000) / (frameMs * 1e6);
if (results.G) row('G', `G grid 100×100, ${gridFrames} frames`, results.G);
console.log(`\nnnplay wasm (SIMD) vs its JavaScript peers vs native -O3; median ms; ratios are medians of neighbouring runs ` +
  `(nnplay ${Math.max(repeats, peerRepeats)} rounds; brain.js and ConvNetJS ${peerRepeats} run(s) after a warm-up, tfjs ${tfRepeats})` +
  `${epochScale > 1 ? `; --quick: tfjs and peer runs over 5 s at 1/${epochScale} of the epochs, scaled back` : ''}; Node ${process.version}` +
  `${process.env.NNPLAY_BENCH_CPU ? `; every run on CPU ${process.env.NNPLAY_BENCH_CPU} (taskset)` : ''}\n`);
console.log(rows.join('\n'));
if (results.G) {
  const g = results.G;
  console.log(`\nG per frame: nnplay ${g.nnplayFrame.toFixed(3)} ms = ${gflops(g.nnplayFrame).toFixed(2)} GFLOP/s (goal ≥ 5)${goal(gflops(g.nnplayFrame) >= 5)}` +
    ` (${g.nnplayNeuronsFrame.toFixed(3)} ms with every neuron's activation map, as views (evaluateGridViews): +${((g.neuronsRatio - 1) * 100).toFixed(0)} % over neighbouring frames, goal ≤ 10 %${goal(g.neuronsRatio <= 1.1)};` +
    ` copied into the caller's array (evaluateGrid): +${((g.neuronsCopiedRatio - 1) * 100).toFixed(0)} %)` +
    (g.time.native !== undefined ? `; native ${(g.time.native / gridFrames).toFixed(3)} ms = ${gflops(g.time.native / gridFrames).toFixed(2)} GFLOP/s` : ''));
  summary.G.gflops = gflops(g.nnplayFrame);
  summary.G.neuronMapsViewsRatio = g.neuronsRatio;  // until 2026-12-02 neuronMapsRatio, which was the copy's
  summary.G.neuronMapsCopiedRatio = g.neuronsCopiedRatio;
}
const w1 = results.W1;
if (w1?.time.native !== undefined && w1.time['brain.js'] !== undefined) {
  const nativeVsBrain = w1.time['brain.js'] / w1.time.native;
  console.log(`Native W1 vs brain.js: ${times(nativeVsBrain)} (goal ≥ 8×)${goal(nativeVsBrain >= 8)}`);
}
if (w1) console.log(`Cold start: W1 as the very first training of a fresh module took ${w1.nnplayFirst.toFixed(1)} ms (V8 tier-up; warm runs above).`);
if (nativeNote) console.log(nativeNote);
console.log('\nWhere a peer\'s algorithm differs from nnplay\'s (Keras semantics: mini-batches, shuffled each epoch):');
for (const [id, lines] of Object.entries(notes)) for (const line of lines) if (!line.includes('same algorithm')) console.log(`- ${id} ${line}`);
const jsonPath = option('--json', null);
if (jsonPath) writeFileSync(jsonPath, JSON.stringify({ node: process.version, quick, cpu: process.env.NNPLAY_BENCH_CPU ?? null, results: summary }, null, 2));
