#!/usr/bin/env node
// The worker's cost of issue 12's features (web/src/worker/analysis.js), in
// Node over the built wasm module, as CPU time per operation
// (process.cpuUsage, so a busy machine inflates it less than wall time): a
// live frame, a replay frame (a scrubbing step: the snapshot's weights, the
// boundary, the neuron maps, the figures), the metrics report, a snapshot,
// and the learning-rate finder, on W2's network (2-8-8-8-8-8-8-1 tanh, spiral,
// 500 training points, batch 10) with the diagram open.
// Usage: node scripts/bench-analysis.mjs [--frames 300]   (build first: scripts/build.sh)
import { loadNnplay } from 'nnplay';
import { makeTrainer } from '../tests/browser/trainerHarness.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const frames = Number(arg('frames', 300));
const nn = await loadNnplay();
const W2 = { dataset: 'spiral', points: 1000, trainRatio: 0.5, noise: 0, layers: [8, 8, 8, 8, 8, 8], activation: ['tanh'],
  optimizer: 'sgd', learningRate: 0.03, batchSize: 10, speed: '1' };

/** CPU milliseconds per call of fn, over n calls (after 10 warm-up calls). */
function cpuMs(n, fn) {
  for (let i = 0; i < 10; ++i) fn(i);
  const start = process.cpuUsage();
  for (let i = 0; i < n; ++i) fn(i);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / n;
}

const { t, frame, last } = makeTrainer(nn, W2);
t.handle({ type: 'view', view: { neurons: true, weights: true } });
t.handle({ type: 'play' });
for (let i = 0; i < 150; ++i) frame();
t.handle({ type: 'pause' });
frame();
const epochs = t.analysis.timeline.epochs();
const figures = {};
figures.live = cpuMs(frames, () => { t.dirty = true; frame(); });
figures.replay = cpuMs(frames, (i) => {
  t.handle({ type: 'replay', epoch: epochs[i % epochs.length] });
  frame();
});
t.handle({ type: 'replay', epoch: null });
frame();
t.handle({ type: 'view', view: { metrics: 'test' } });
figures.metrics = cpuMs(frames, () => t.analysis.frameSent(t.model));  // paused: no 200 ms throttle
t.handle({ type: 'view', view: { metrics: null } });
figures.snapshot = cpuMs(50, () => t.analysis.snapshot());
figures.finder = cpuMs(5, () => t.handle({ type: 'findLr' }));
const points = last('lrFound').learningRates.length;

const f2 = (v) => v.toFixed(2);
console.log(`W2 network, spiral 500 training points, diagram open; CPU ms per operation (${frames} frames):`);
console.log(`  live frame ${f2(figures.live)}   replay frame (scrubbing) ${f2(figures.replay)}   metrics report (500 test points, sent after a frame while the panel is open) ${f2(figures.metrics)}`);
console.log(`  snapshot (weights + model JSON) ${f2(figures.snapshot)}   learning-rate finder (${points} batches) ${f2(figures.finder)}`);
console.log(`  timeline: ${epochs.length} snapshots (${epochs.join(', ')}), ${(t.analysis.timeline.bytes / 1024).toFixed(1)} KB`);
console.log(`  replay frames a 16.7 ms animation frame could compute: ${f2(16.7 / figures.replay)}`);
