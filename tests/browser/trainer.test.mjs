// The worker's logic (web/src/worker/) in Node over the built wasm module: the
// message protocol (every message posted is checked against protocol.js),
// frames and acks, data edits, CSV, model files, divergence, "pause every N
// epochs". The browser tests cover the same through the page; these pin the
// details quickly.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNnplay } from 'nnplay';
import { TO_PAGE, TO_WORKER, checkMessage } from '../../web/src/protocol.js';
import { makeTrainer } from './trainerHarness.mjs';
import { Trainer } from '../../web/src/worker/trainer.js';
import { InsideProbe } from '../../web/src/worker/inside.js';
import { mat } from '../../web/src/worker/data.js';
import { modelBounds } from '../../web/src/worker/inputs.js';
import { TILE_RES } from '../../web/src/plane.js';

let nn;
before(async () => { nn = await loadNnplay(); });

const make = (state) => makeTrainer(nn, state);

test('state -> data, model and a first frame with the grid and figures', () => {
  const { messages, frame } = make({ dataset: 'xor', points: 200 });
  assert.deepEqual(messages.map((m) => m.type), ['data', 'model']);
  const data = messages[0];
  assert.equal(data.train.n + data.test.n, 200);
  assert.equal(data.train.n, 100);
  const f = frame();
  assert.equal(f.epoch, 0);
  assert.equal(f.grid.length, 100 * 100);
  assert.ok(f.testLoss > 0.3 && Number.isFinite(f.trainLoss));
  assert.equal(f.neurons, null);  // diagram not visible yet
});

test('one epoch per frame at speed 1; the loss falls; frames wait for the ack', () => {
  const { t, messages, frame } = make({ dataset: 'circle', speed: '1' });
  t.handle({ type: 'view', view: { neurons: true } });
  const first = frame();
  assert.equal(first.neurons.length, (4 + 2 + 1) * 24 * 24);
  assert.equal(first.weights.length, 2 * 4 + 4 + 4 * 2 + 2 + 2 + 1);
  t.handle({ type: 'play' });
  let f;
  for (let i = 0; i < 200; ++i) f = frame();
  assert.equal(f.epoch, 200);
  assert.ok(f.testLoss < first.testLoss / 3, `${first.testLoss} -> ${f.testLoss}`);
  // after a frame is posted, no other comes until the page acks it
  const frames = () => messages.filter((m) => m.type === 'frame').length;
  const before = frames();
  for (let i = 0; i < 10000 && frames() === before; ++i) t.tick();
  assert.equal(frames(), before + 1);
  for (let i = 0; i < 50; ++i) t.tick();
  assert.equal(frames(), before + 1);
  t.handle({ type: 'ack', buffers: [] });
  for (let i = 0; i < 10000 && frames() === before + 1; ++i) t.tick();
  assert.equal(frames(), before + 2);
});

test('a page that does not draw (off screen) gets frames without a grid, and training goes on; back on screen, grids again', () => {
  const { t, frame } = make({ dataset: 'circle', speed: '1' });
  t.handle({ type: 'play' });
  assert.equal(frame().grid.length, 100 * 100);
  t.handle({ type: 'view', view: { boundary: false } });
  let f;
  for (let i = 0; i < 20; ++i) {
    f = frame();
    assert.equal(f.grid, null);
    assert.ok(Number.isFinite(f.trainLoss) && Number.isFinite(f.testLoss));
  }
  const epoch = f.epoch;
  assert.ok(epoch >= 20, `epoch ${epoch}`);
  // a focused neuron's map or an inside view still needs the grid pass
  t.handle({ type: 'view', view: { focus: 0 } });
  f = frame();
  assert.equal(f.grid.length, 100 * 100);
  assert.equal(f.focus.grid.length, 100 * 100);
  t.handle({ type: 'view', view: { focus: -1, boundary: true } });
  f = frame();
  assert.equal(f.grid.length, 100 * 100);
  assert.ok(f.epoch > epoch);
  assert.ok(f.grid.every(Number.isFinite));
});

test("the focused neuron's map and the diagram's tiles are the engine's maps, with and without the inside views", () => {
  const { t, frame } = make({ dataset: 'spiral', speed: '1', layers: [6, 4] });
  t.handle({ type: 'play' });
  frame();
  // What the frame should carry: the trained model's maps over the frame's plane.
  const maps = (res) => {
    const bounds = { ...modelBounds(t.data.domain, t.norm), features: t.mask };
    const activations = new Float32Array(t.model.neuronCount * res * res);
    const out = t.model.evaluateGrid({ res, ...bounds, activations });
    return { out, activations };
  };
  const n = 100 * 100, tiles = TILE_RES * TILE_RES;
  // Which engine calls a frame makes: the grid as views, from inspect() when an inside view
  // asks for something, and never a copy of every map (evaluateGrid, or inspect's grid).
  const calls = [];
  for (const name of ['evaluateGrid', 'evaluateGridViews', 'inspect']) {
    const original = t.model[name].bind(t.model);
    t.model[name] = (args) => { calls.push(args.grid ? `${name} grid` : args.gridViews ? `${name} gridViews` : name); return original(args); };
  }
  // Nor does the worker copy every map itself: no buffer that size is taken.
  const taken = [];
  const buffer = t.buffer.bind(t);
  t.buffer = (length) => { taken.push(length); return buffer(length); };
  t.handle({ type: 'view', view: { focus: 7, neurons: true } });  // layer 2, neuron 2
  // The last asks for a layer that is not there: nothing to inspect.
  for (const inside of [null, { stats: true, bins: 8 }, { space: { layer: 1, neurons: [0, 3] } }, { space: { layer: 5, neurons: [0, 1] } }]) {
    t.handle({ type: 'view', view: { inside } });
    calls.length = 0;
    taken.length = 0;
    const f = frame();
    assert.ok(taken.length > 0 && taken.every((length) => length < t.model.neuronCount * n), `buffers taken: ${taken}`);
    const inspected = inside !== null && inside.space?.layer !== 5;
    assert.deepEqual(calls, inspected ? ['inspect gridViews', 'evaluateGridViews'] : ['evaluateGridViews', 'evaluateGridViews'], JSON.stringify(inside));
    calls.length = 0;
    assert.equal(f.inside !== null, inspected);
    if (inside?.space?.layer === 1) assert.equal(f.inside.space.points.length, 2 * t.data.train.n);
    const want = maps(100), wantTiles = maps(TILE_RES);
    assert.deepEqual(f.grid, want.out);
    assert.equal(f.focus.index, 7);
    assert.deepEqual(f.focus.grid, want.activations.subarray(7 * n, 8 * n));
    assert.ok(f.focus.grid.some((v) => v !== f.focus.grid[0]), 'the map is not flat');
    assert.deepEqual(f.neurons, wantTiles.activations);
    assert.equal(f.neurons.length, t.model.neuronCount * tiles);
  }
});

test('stop after N epochs; step one batch; learning rate changes without reset', () => {
  const { t, frame } = make({ dataset: 'gauss', epochs: 7, speed: '2' });
  t.handle({ type: 'play' });
  let f;
  for (let i = 0; i < 10; ++i) f = frame();
  assert.equal(f.epoch, 7);
  assert.equal(f.running, false);
  t.handle({ type: 'step', unit: 'batch' });
  f = frame();
  assert.equal(f.stepInEpoch, 1);
  t.handle({ type: 'state', state: { ...t.state, learningRate: 0.1 } });
  f = frame();
  assert.equal(f.epoch, 7);
  assert.equal(f.run, 1);
});

test('adding and removing points edits the training set and keeps the model', () => {
  const { t, last, frame } = make({ dataset: 'gauss', points: 100 });
  frame();
  t.handle({ type: 'addPoint', x1: -5, x2: 5, label: 1 });
  let d = last('data');
  assert.equal(d.custom, true);
  assert.equal(d.train.n, 51);
  assert.equal(d.train.x[100], -5);
  t.handle({ type: 'removePoint', x1: -4.8, x2: 5.1 });
  assert.equal(last('data').train.n, 50);
  t.handle({ type: 'addPoint', x1: 0, x2: 0, label: 7 });
  assert.match(last('error').message, /label must be a class in 0\.\.1/);
  assert.equal(frame().run, 1);
});

test('CSV: engine errors with line numbers, regression fallback, round trip', () => {
  const { t, last } = make();
  t.handle({ type: 'importCsv', text: 'x1,x2,label\n1,2,0\n1,2\n' });
  assert.match(last('csvError').message, /line 3/);
  t.handle({ type: 'importCsv', text: 'x1,x2,label\n1,2,0.5\n3,4,-0.25\n0,1,1\n' });
  assert.deepEqual(last('csvLoaded'), { type: 'csvLoaded', n: 3, regression: true, classes: 0 });
  assert.equal(last('model').output.loss, 'meanSquaredError');
  t.handle({ type: 'importCsv', text: 'x1,x2,label\n1,2,0\n1,2,7\n' });
  assert.match(last('csvError').message, /at most 6/);
  const rows = ['x1,x2,label'];
  for (let i = 0; i < 30; ++i) rows.push(`${(i * 0.37) % 5},${-i * 0.1},${i % 3}`);
  t.handle({ type: 'importCsv', text: rows.join('\n') });
  assert.equal(last('model').output.units, 3);
  t.handle({ type: 'exportCsv' });
  const again = nn.csv.parse(last('csv').text);
  assert.equal(again.n, 30);
});

test('model files: export, then import into a fresh page state, same predictions', () => {
  const a = make({ dataset: 'xor', layers: [5, 3], activation: ['relu', 'tanh'], speed: '5' });
  a.t.handle({ type: 'play' });
  for (let i = 0; i < 20; ++i) a.frame();
  a.t.handle({ type: 'pause' });
  const trained = a.frame();
  a.t.handle({ type: 'exportModel' });
  const file = a.last('modelFile').text;

  const b = make({ dataset: 'xor' });
  b.t.handle({ type: 'importModel', text: file });
  const imported = b.last('modelImported');
  // only what the model changed goes back to the page
  assert.deepEqual(imported.patch, { layers: [5, 3], activation: ['relu', 'tanh'] });
  assert.deepEqual(imported.warnings, []);
  const f = b.frame();
  assert.equal(f.epoch, trained.epoch);
  assert.ok(Math.abs(f.testLoss - trained.testLoss) < 1e-6);
  assert.deepEqual(Array.from(f.grid.slice(0, 50)), Array.from(trained.grid.slice(0, 50)));

  b.t.handle({ type: 'importModel', text: '{"nope": 1}' });
  assert.ok(b.last('modelError').message.length > 0);
  const c = make({ dataset: 'blobs', classes: 4 });
  c.t.handle({ type: 'importModel', text: file });
  assert.match(c.last('modelError').message, /does not fit the data/);
});

test('editing one weight changes the output', () => {
  const { t, frame } = make({ dataset: 'circle' });
  const before = frame();
  t.handle({ type: 'setWeight', index: 5, offset: 0, value: 40 });  // the output bias
  const after = frame();
  assert.ok(after.grid.every((p) => p > 0.99));
  assert.notDeepEqual(Array.from(after.grid.slice(0, 10)), Array.from(before.grid.slice(0, 10)));
});

test('divergence pauses training with the engine message; reset recovers', () => {
  const { t, last, frame } = make({ dataset: 'spiral', optimizer: 'sgd', learningRate: 10, activation: ['linear'], speed: 'max' });
  t.handle({ type: 'play' });
  for (let i = 0; i < 50 && t.running; ++i) frame();
  const d = last('diverged');
  assert.ok(d, 'a diverged message');
  assert.match(d.message, /diverged/);
  assert.equal(t.running, false);
  const after = frame();
  assert.ok(after.diverged);
  assert.equal(d.epoch, after.epoch, 'the message names the epoch the counter shows');
  t.handle({ type: 'reset' });
  const f = frame();
  assert.equal(f.diverged, null);
  assert.equal(f.epoch, 0);
  assert.ok(Number.isFinite(f.testLoss));
});

test('unknown or malformed messages are rejected loudly, naming the message', () => {
  const { t, last } = make();
  t.handle({ type: 'bogus' });
  assert.match(last('error').message, /unknown message type "bogus"; expected one of: state, /);
  t.handle({ type: 'addPoint', x1: 1 });
  assert.match(last('error').message, /'addPoint' lacks its field 'x2'/);
  t.handle(null);
  assert.match(last('error').message, /unknown message type undefined/);
  t.handle({ type: 'step', unit: 'x' });
  assert.match(last('error').message, /unit must be 'epoch' or 'batch'/);
  // the two directions are separate tables
  assert.throws(() => checkMessage(TO_WORKER, { type: 'frame' }, 'page'), /unknown message type "frame"/);
});

test('the worker holds no view setting, and a model import changes none', () => {
  const { t } = make({ showTest: true, logScale: true });
  for (const k of ['showTest', 'logScale', 'discretize']) assert.ok(!(k in t.state), k);
});

test('"pause every N epochs": Play runs to the next multiple of N, every time', () => {
  const { t, frame } = make({ dataset: 'circle', epochs: 3, speed: '1' });
  t.handle({ type: 'play' });
  let f;
  for (let i = 0; i < 20 && t.running; ++i) f = frame();
  assert.equal(f.epoch, 3);
  assert.equal(f.running, false);
  t.handle({ type: 'play' });
  assert.equal(t.stopAt, 6);
  for (let i = 0; i < 20 && t.running; ++i) f = frame();
  assert.equal(frame().epoch, 6);
  // paused by hand at 7: the next Play pauses at 9
  t.handle({ type: 'step', unit: 'epoch' });
  t.handle({ type: 'play' });
  assert.equal(t.stopAt, 9);
  t.handle({ type: 'state', state: { ...t.state, epochs: 0 } });
  assert.equal(t.stopAt, null, 'never');
});

// ---- Inside the network (issue 13): web/src/worker/inside.js --------------------------
// Frames carry only what the page asked for, the hidden space's points are
// model.activations of the right layer (Dropout layers in between), the
// optimizer's path is recorded and thinned, and the loss landscape answers with
// the path ending at the centre, leaving the weights as they were.

test('frames carry the inside views only when asked; the hidden space skips Dropout layers', () => {
  const { t, frame } = make({ dataset: 'xor', layers: [5, 3], activation: ['tanh'], dropout: [0.2] });
  assert.equal(frame().inside, null, 'nothing asked, nothing computed');
  t.handle({ type: 'view', view: { inside: { space: { layer: 1, neurons: [2, 0] } } } });
  t.handle({ type: 'play' });
  frame();
  t.handle({ type: 'pause' });
  const f = frame();
  assert.equal(f.inside.stats, null);
  assert.equal(f.inside.histograms, null);
  const s = f.inside.space;
  assert.equal(s.k, 2);
  assert.deepEqual(s.neurons, [2, 0]);
  assert.equal(s.lines, 13);
  assert.equal(s.image.length, 2 * 13 * 49 * 2);
  // model layers: dense 5, dropout, dense 3, dropout, dense 1: hidden layer 1 is model layer 2
  assert.deepEqual(t.model.layers.map((l) => l.type), ['dense', 'dropout', 'dense', 'dropout', 'dense']);
  const n = t.data.train.n;
  const a = t.model.activations(mat(t.trainX, n, t.inputDim), 2).arraySync();
  assert.deepEqual(Array.from(s.points), a.flatMap((row) => [row[2], row[0]]).map(Math.fround));
  assert.ok(Array.isArray(s.line) && s.line.length === 3 && s.lineExact === false, 'a line with the third unit at its mean');
  // stats and histograms when asked
  t.handle({ type: 'view', view: { inside: { stats: true, bins: 16 } } });
  const g = frame();
  assert.equal(g.inside.space, null);
  assert.equal(g.inside.stats.length, 3);
  assert.deepEqual(g.inside.stats.map((x) => x.layer), [0, 2, 4]);
  assert.equal(g.inside.histograms.length, 3);
  assert.equal(g.inside.histograms[0].weights.counts.length, 16);
  // a hidden layer that no longer exists, or a neuron beyond its units: no space, no error
  t.handle({ type: 'view', view: { inside: { space: { layer: 5, neurons: [0, 1] } } } });
  assert.equal(frame().inside, null);
  t.handle({ type: 'view', view: { inside: { space: { layer: 1, neurons: [0, 9] } } } });
  assert.equal(frame().inside, null);
});

test('the path: one snapshot per epoch, reset with a new model; the landscape ends it at the centre', () => {
  const { t, messages, last, frame } = make({ dataset: 'circle', layers: [4], speed: '1' });
  t.handle({ type: 'view', view: { weights: true } });
  frame();
  t.handle({ type: 'play' });
  for (let i = 0; i < 12; ++i) frame();
  t.handle({ type: 'pause' });
  const f = frame();
  assert.deepEqual(t.inside.pathEpochs, [...Array(f.epoch + 1).keys()]);
  const before = f.trainLoss;
  t.handle({ type: 'lossSurface', resolution: 9, span: 0.5, seed: 3 });
  const m = last('lossSurface');
  assert.equal(m.epoch, f.epoch);
  assert.equal(m.loss.length, 81);
  assert.equal(m.path.alphas.length, f.epoch + 1);
  assert.deepEqual(m.path.epochs, t.inside.pathEpochs);
  assert.deepEqual([m.path.alphas.at(-1), m.path.betas.at(-1)], [0, 0]);
  assert.equal(m.loss[4 * 9 + 4], Math.fround(t.model.evaluate(mat(t.trainX, t.data.train.n, t.inputDim), mat(t.data.train.y, t.data.train.n, 1))[0].dataSync()[0]));
  t.handle({ type: 'view', view: {} });
  assert.equal(frame().trainLoss, before, 'the landscape left the weights as they were');
  t.handle({ type: 'reset' });
  frame();
  assert.deepEqual(t.inside.pathEpochs, [0]);
  assert.ok(!messages.some((x) => x.type === 'error'), JSON.stringify(messages.filter((x) => x.type === 'error')));
});

test('a recovery after a wasm trap keeps what the open views asked for (the diagram and the inside views)', () => {
  const { t, frame } = make({ dataset: 'xor', layers: [4, 2] });
  t.handle({ type: 'view', view: { neurons: true, inside: { stats: true, bins: 8 } } });
  frame();
  const messages = [];
  const fresh = Trainer.restore(nn, (m) => messages.push(checkMessage(TO_PAGE, m, 'test')), t.recoveryPoint());
  for (let i = 0; i < 10000 && !messages.some((m) => m.type === 'frame'); ++i) fresh.tick();
  const f = messages.find((m) => m.type === 'frame');
  assert.ok(f.neurons, 'the diagram still gets its neurons');
  assert.equal(f.inside.stats.length, 3, 'the health view still gets its stats');
  assert.equal(f.inside.histograms[0].weights.counts.length, 8);
});

test('a replayed snapshot (timeline): the hidden space and the boundary are the snapshot\'s; the path keeps the present', () => {
  const { t, frame } = make({ dataset: 'circle', layers: [4, 3], speed: '1' });
  t.handle({ type: 'view', view: { inside: { space: { layer: 0, neurons: [0, 1] } } } });
  const live = new Map();
  t.handle({ type: 'play' });
  for (let i = 0; i < 10; ++i) {
    const f = frame();
    live.set(f.epoch, { grid: Array.from(f.grid), points: Array.from(f.inside.space.points) });
  }
  t.handle({ type: 'pause' });
  frame();
  const path = t.inside.pathEpochs.slice();
  t.handle({ type: 'replay', epoch: 3 });
  const f = frame();
  assert.equal(f.replay, 3);
  assert.deepEqual(Array.from(f.grid), live.get(3).grid, 'the boundary at epoch 3');
  assert.deepEqual(Array.from(f.inside.space.points), live.get(3).points, 'the hidden space at epoch 3');
  assert.deepEqual(t.inside.pathEpochs, path, 'replaying adds nothing to the path');
});

test('the path is thinned to at most 300 snapshots, doubling its interval', () => {
  const probe = new InsideProbe();
  for (let epoch = 0; epoch < 2000; ++epoch) probe.record(epoch, [epoch]);
  assert.ok(probe.path.length <= 301 && probe.path.length > 100, `${probe.path.length}`);
  assert.equal(probe.pathEpochs[0], 0);
  const gaps = probe.pathEpochs.slice(1).map((e, i) => e - probe.pathEpochs[i]);
  assert.ok(gaps.every((g) => g === gaps.at(-1) || g < gaps.at(-1)), 'later snapshots are no closer than the interval');
  assert.equal(probe.path.at(-1)[0], probe.pathEpochs.at(-1));
});

test('a loss that explodes but stays finite: frames say unstable ({best, loss}), training goes on (issue 16.4)', () => {
  // Seeded: RMSprop at learning rate 10 on the plane with ReLU blows the loss up within ~30 epochs.
  const { t, frame } = make({ dataset: 'plane', activation: ['relu'], layers: [4, 2], optimizer: 'rmsprop', learningRate: 10, speed: 'max' });
  t.handle({ type: 'play' });
  let f = frame();
  for (let i = 0; i < 2000 && !f.unstable && !f.diverged; ++i) f = frame();
  assert.ok(f.unstable, `never unstable (epoch ${f.epoch}, diverged ${JSON.stringify(f.diverged)})`);
  assert.equal(f.diverged, null);
  assert.equal(f.running, true, 'an unstable run is not paused');
  assert.ok(f.unstable.loss > 10 * f.unstable.best || f.unstable.loss > 1e6, JSON.stringify(f.unstable));
  // Reset: a new run starts stable.
  t.handle({ type: 'reset' });
  assert.equal(frame().unstable, null);
});

test('StabilityWatch: 20 epochs above 10x the best, or above 1e6; one good epoch resets the count', async () => {
  const { StabilityWatch } = await import('../../web/src/worker/stability.js');
  const w = new StabilityWatch();
  w.endEpoch(1);
  w.endEpoch(0.1);                                     // best 0.1
  for (let i = 0; i < 19; ++i) w.endEpoch(1.5);        // above 10x best, 19 times
  assert.equal(w.unstable, false);
  w.endEpoch(0.5);                                     // below 10x best: the count restarts
  for (let i = 0; i < 19; ++i) w.endEpoch(2);
  assert.equal(w.unstable, false);
  w.endEpoch(2);                                       // the 20th in a row
  assert.equal(w.unstable, true);
  assert.deepEqual(w.report(), { best: 0.1, loss: 2 });
  w.endEpoch(0.2);
  assert.equal(w.unstable, false);
  w.endEpoch(2e6);                                     // above 1e6 at once
  assert.equal(w.unstable, true);
  w.endEpoch(NaN);                                     // non-finite is a divergence, not this
  assert.equal(w.last, 2e6);
  // Batch losses weighted by batch rows: 3 batches of 4, 4 and 2 rows over 10 rows.
  const v = new StabilityWatch();
  v.addBatches([1, 1, 4], 0, 3, 4, 10);
  assert.equal(v.last, (4 + 4 + 8) / 10);
  v.addBatches([2], 0, 3, 4, 10);                      // an epoch's first batch only: not closed yet
  assert.equal(v.last, 1.6);
});
