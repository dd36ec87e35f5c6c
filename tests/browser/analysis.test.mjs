// The worker side of issue 12 (web/src/worker/analysis.js, timeline.js) in
// Node over the built wasm module, every message checked against protocol.js:
// snapshots at log-spaced epochs within their bounds, replay frames equal to
// the live frames of that epoch, "Resume from here" continuing bit for bit,
// "Same start" (B from A's initial weights), stop-at-target, the metrics
// report against the model's own predictions, and the learning-rate finder.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNnplay } from 'nnplay';
import { Timeline, SNAPSHOT_EPOCHS, nextSnapshotEpoch, MAX_SNAPSHOTS, MAX_BYTES } from '../../web/src/worker/timeline.js';
import { mat } from '../../web/src/worker/data.js';
import { makeTrainer } from './trainerHarness.mjs';

let nn;
before(async () => { nn = await loadNnplay(); });

function make(state) {
  const harness = makeTrainer(nn, state);
  return { ...harness, errors: () => harness.messages.filter((m) => m.type === 'error') };
}

const copy = (f) => ({ epoch: f.epoch, testLoss: f.testLoss, trainLoss: f.trainLoss, grid: f.grid.slice(), weights: f.weights && f.weights.slice() });

test('snapshot epochs: 0, 1, 2, 3, 5, 8, ... each the sum of the two before', () => {
  assert.deepEqual(SNAPSHOT_EPOCHS.slice(0, 12), [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144]);
  assert.equal(nextSnapshotEpoch(0), 1);
  assert.equal(nextSnapshotEpoch(8), 13);
  assert.equal(nextSnapshotEpoch(9), 13);
  assert.ok(SNAPSHOT_EPOCHS.length < MAX_SNAPSHOTS, 'a run of 10^7 epochs fits the count bound');
});

test('the timeline keeps its bounds by thinning, first and newest kept', () => {
  const tl = new Timeline({ maxSnapshots: 6, maxBytes: 1e9 });
  for (const e of SNAPSHOT_EPOCHS.slice(0, 12)) tl.add(e, new Float32Array(10), 'x', {});
  assert.ok(tl.snapshots.length <= 6);
  assert.equal(tl.epochs()[0], 0);
  assert.equal(tl.epochs().at(-1), 144);
  const bytes = new Timeline({ maxSnapshots: 100, maxBytes: 1000 });
  for (const e of SNAPSHOT_EPOCHS.slice(0, 20)) bytes.add(e, new Float32Array(25), 'y'.repeat(50), {});  // 200 bytes each
  assert.ok(bytes.bytes <= 1000, `${bytes.bytes} bytes`);
  assert.equal(bytes.bytes, bytes.snapshots.reduce((a, s) => a + s.bytes, 0));
  bytes.dropAfter(bytes.epochs()[1]);
  assert.equal(bytes.snapshots.length, 2);
  assert.ok(MAX_BYTES >= 1 << 20);
});

test('training snapshots the run at log-spaced epochs; the default network stays far inside the bounds', () => {
  const { t, last, frame } = make({ dataset: 'circle', speed: '1' });
  t.handle({ type: 'play' });
  for (let i = 0; i < 40; ++i) frame();
  const tl = last('timeline');
  assert.deepEqual(tl.epochs, [0, 1, 2, 3, 5, 8, 13, 21, 34]);
  assert.equal(tl.run, 1);
  assert.ok(tl.bytes > 0 && tl.bytes < 200 * 1024, `${tl.bytes} bytes`);
});

test('a replayed epoch gives the frame that epoch had, and the present comes back', () => {
  const { t, frame, errors } = make({ dataset: 'spiral', layers: [6, 6], speed: '1' });
  t.handle({ type: 'view', view: { neurons: true } });
  const live = new Map();
  live.set(0, copy(frame()));
  t.handle({ type: 'play' });
  for (let i = 0; i < 25; ++i) {
    const f = frame();
    live.set(f.epoch, copy(f));
  }
  const present = frame();
  assert.ok(present.epoch >= 25);
  for (const epoch of [0, 3, 13]) {
    t.handle({ type: 'replay', epoch });
    const f = frame();
    assert.equal(f.replay, epoch);
    assert.equal(f.epoch, present.epoch, 'the present epoch stays the frame\'s epoch');
    assert.equal(f.running, false, 'looking back pauses the present');
    assert.deepEqual(Array.from(f.grid), Array.from(live.get(epoch).grid), `the boundary at epoch ${epoch}`);
    assert.deepEqual(Array.from(f.weights), Array.from(live.get(epoch).weights), `the weights at epoch ${epoch}`);
    assert.equal(f.testLoss, live.get(epoch).testLoss);
    assert.equal(f.neurons.length, (6 + 6 + 1) * 24 * 24);
  }
  t.handle({ type: 'replay', epoch: 4 });  // no snapshot there
  assert.match(errors().at(-1).message, /replay: no snapshot at epoch 4/);
  t.handle({ type: 'play' });
  const back = frame();
  assert.equal(back.replay, null);
  assert.ok(back.epoch > present.epoch);
});

test('"Resume from here" continues from the snapshot exactly as the run did', () => {
  const { t, last, frame } = make({ dataset: 'xor', dropout: [0.2], speed: '1' });
  t.handle({ type: 'play' });
  const first = new Map();
  for (let i = 0; i < 22; ++i) { const f = frame(); first.set(f.epoch, f.testLoss); }
  t.handle({ type: 'replay', epoch: 8 });
  frame();
  t.handle({ type: 'branch', epoch: 8 });
  assert.deepEqual(last('branched'), { type: 'branched', run: 1, epoch: 8 });
  assert.deepEqual(last('timeline').epochs, [0, 1, 2, 3, 5, 8]);
  assert.equal(t.running, true);
  const second = new Map();
  for (let i = 0; i < 12; ++i) { const f = frame(); second.set(f.epoch, f.testLoss); }
  for (const [epoch, loss] of second) if (first.has(epoch)) assert.equal(loss, first.get(epoch), `epoch ${epoch}`);
  assert.ok([...second.keys()].some((e) => e > 8 && first.has(e)), 'epochs compared');
  // Resuming under another optimizer setting: from the snapshot's weights with today's optimizer.
  t.handle({ type: 'pause' });
  t.handle({ type: 'state', state: { ...t.state, optimizer: 'sgd' } });
  t.handle({ type: 'branch', epoch: 5 });
  assert.equal(frame().epoch >= 5, true);
  assert.equal(t.model.getCompileConfig().optimizer.name, 'sgd');
});

test('"Same start": pinning restarts B from A\'s initial weights and data; a changed setting restarts it again', () => {
  const { t, last, frame } = make({ dataset: 'circle', speed: '1' });
  t.handle({ type: 'view', view: { weights: true } });
  const start = frame().weights.slice();
  t.handle({ type: 'play' });
  for (let i = 0; i < 15; ++i) frame();
  const dataA = last('data');
  t.handle({ type: 'pin', sameStart: true });
  const pinned = last('pinned');
  assert.equal(pinned.epoch >= 15, true);
  assert.equal(pinned.grid.length, 100 * 100);
  let f = frame();
  assert.equal(f.run, 2, 'B is a new run');
  assert.ok(f.epoch <= 1);
  t.handle({ type: 'pause' });
  t.handle({ type: 'reset' });  // (a reset is a fresh start with the same seed: the same weights here)
  f = frame();
  assert.deepEqual(Array.from(f.weights), Array.from(start));
  // change the learning rate: B restarts from A's start (it would otherwise apply in place)
  t.handle({ type: 'play' });
  for (let i = 0; i < 5; ++i) frame();
  t.handle({ type: 'state', state: { ...t.state, learningRate: 0.3 } });
  f = frame();
  assert.equal(f.epoch <= 1, true, `restarted, at epoch ${f.epoch}`);
  assert.ok(f.run >= 3);
  t.handle({ type: 'pause' });
  t.handle({ type: 'reset' });
  assert.deepEqual(Array.from(frame().weights), Array.from(start), "A's initial weights");
  assert.deepEqual(Array.from(last('data').train.x), Array.from(dataA.train.x), "A's points");
  // speed does not change the result: no restart
  t.handle({ type: 'play' });
  for (let i = 0; i < 4; ++i) frame();
  const before = t.epoch;
  t.handle({ type: 'state', state: { ...t.state, speed: '2' } });
  assert.equal(t.epoch, before);
  // "Same start" off: the learning rate applies in place again
  t.handle({ type: 'sameStart', on: false });
  const run = t.run;
  t.handle({ type: 'state', state: { ...t.state, learningRate: 0.1 } });
  assert.equal(t.run, run);
  assert.equal(t.epoch, before);
});

test('stop at a target: Play pauses at the first epoch whose test loss is below it, and says so', () => {
  const { t, last, frame } = make({ dataset: 'gauss', speed: '1', targetLoss: 0.2 });
  t.handle({ type: 'play' });
  const losses = [];
  for (let i = 0; i < 300 && t.running; ++i) losses.push(frame().testLoss);
  const f = frame();
  assert.equal(f.running, false);
  const hit = last('targetReached');
  assert.equal(hit.kind, 'loss');
  assert.equal(hit.epoch, f.epoch);
  assert.ok(hit.value < 0.2 && f.testLoss < 0.2, `${hit.value}`);
  assert.ok(losses.slice(0, -1).every((v) => v >= 0.2), 'no earlier frame was below the target');
  // Play again: the target is already met, so this Play trains on past it
  t.handle({ type: 'play' });
  for (let i = 0; i < 3; ++i) frame();
  assert.equal(t.running, true);
  // an accuracy target on a new run
  t.handle({ type: 'state', state: { ...t.state, targetLoss: 0, targetMetric: 0.9, dataset: 'circle' } });
  t.handle({ type: 'play' });
  for (let i = 0; i < 400 && t.running; ++i) frame();
  const m = last('targetReached');
  assert.equal(m.kind, 'metric');
  assert.ok(m.value >= 0.9);
  assert.equal(frame().testMetric, m.value);
});

test('the metrics report: the confusion matrix of the model\'s own predictions, while the panel is open', () => {
  const { t, last, frame } = make({ dataset: 'blobs', classes: 3, speed: '5' });
  t.handle({ type: 'play' });
  for (let i = 0; i < 6; ++i) frame();
  assert.equal(last('metrics'), undefined, 'nothing while the panel is closed');
  t.handle({ type: 'pause' });
  t.handle({ type: 'view', view: { metrics: 'test' } });
  frame();
  const m = last('metrics');
  assert.equal(m.set, 'test');
  const d = t.data.test;
  assert.equal(m.n, d.n);
  const out = t.model.predict(mat(t.testX, d.n, t.inputDim)).arraySync();
  const counts = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  out.forEach((row, i) => { counts[d.y[i]][row.indexOf(Math.max(...row))] += 1; });
  assert.deepEqual(Array.from(m.report.confusionMatrix), counts.flat());
  assert.equal(m.report.accuracy, (counts[0][0] + counts[1][1] + counts[2][2]) / d.n);
  assert.ok(Math.abs(m.report.accuracy - frame().testMetric) < 1e-6, 'the same accuracy as the figures');
  // regression: R², RMSE, MAE and the points of the residual plot
  const r = make({ dataset: 'plane', speed: '5' });
  r.t.handle({ type: 'view', view: { metrics: 'train' } });
  r.frame();
  const g = r.last('metrics');
  assert.equal(g.regression, true);
  assert.equal(g.report.predictions.length, r.t.data.train.n);
  assert.ok(g.report.rmse >= g.report.mae && g.report.mae > 0);
  assert.ok(Math.abs(g.report.r2 - r.frame().trainMetric) < 1e-6);
});

test('the learning-rate finder: from the initial weights, the run left as it was, a suggestion that trains', () => {
  const { t, last, frame } = make({ dataset: 'circle', speed: '5', learningRate: 0.00001 });
  t.handle({ type: 'view', view: { weights: true } });
  t.handle({ type: 'play' });
  for (let i = 0; i < 4; ++i) frame();
  t.handle({ type: 'pause' });
  const before = frame();
  t.handle({ type: 'findLr' });
  const r = last('lrFound');
  assert.ok(r.learningRates.length > 50);
  assert.equal(r.learningRates[0], 1e-5);
  assert.ok(r.suggestion > 1e-4 && r.suggestion < 10, `suggestion ${r.suggestion}`);
  const after = frame();
  assert.deepEqual(Array.from(after.weights), Array.from(before.weights), 'the run is untouched');
  assert.equal(after.epoch, before.epoch);
  // the suggestion trains: from the start, 30 epochs
  t.handle({ type: 'state', state: { ...t.state, learningRate: Number(r.suggestion.toPrecision(2)) } });
  t.handle({ type: 'reset' });
  t.handle({ type: 'play' });
  let f;
  for (let i = 0; i < 6; ++i) f = frame();
  assert.ok(f.testLoss < 0.35 && f.testMetric > 0.85, `loss ${f.testLoss}, accuracy ${f.testMetric}`);
});
