// Layers through the JS API: nn.layers.* comes from the engine's registry
// (Dropout is the proof), TF.js semantics of Dropout (training only, seeded,
// saved in toJSON), model.layers, predict before compile, and a model saved
// mid-epoch that resumes bit for bit (issue 16.6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nnplay, XOR_X, XOR_Y } from './helpers.mjs';

test('nn.layers has a factory for every registered layer type', async () => {
  const nn = await nnplay();
  const names = nn.layerTypes.map((t) => t.name);
  assert.ok(names.includes('dense') && names.includes('dropout'), names.join());
  for (const name of names) assert.equal(typeof nn.layers[name], 'function', name);
  const dropout = nn.layerTypes.find((t) => t.name === 'dropout');
  assert.deepEqual(dropout.settings.map((s) => s.name), ['rate', 'seed']);
  assert.equal(dropout.settings[0].max, 1);
  assert.equal(dropout.settings[0].maxExclusive, true);
});

test('dropout: identity in predict and evaluate, active in fit, and it still learns XOR', async () => {
  const nn = await nnplay();
  const build = (rate) => {
    const m = nn.sequential({ seed: 3, layers: [
      nn.layers.dense({ units: 16, activation: 'tanh', inputShape: [2] }),
      ...(rate === null ? [] : [nn.layers.dropout({ rate })]),
      nn.layers.dense({ units: 1, activation: 'sigmoid' }),
    ] });
    m.compile({ optimizer: nn.train.adam(0.05), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    return m;
  };
  const plain = build(null), dropped = build(0.5);
  assert.deepEqual(Array.from(dropped.predict(XOR_X).dataSync()), Array.from(plain.predict(XOR_X).dataSync()));
  const [lossA] = plain.evaluate(XOR_X, XOR_Y), [lossB] = dropped.evaluate(XOR_X, XOR_Y);
  assert.equal(lossA.dataSync()[0], lossB.dataSync()[0]);
  const a = await plain.fit(XOR_X, XOR_Y, { epochs: 3, batchSize: 4, shuffle: false });
  const b = await dropped.fit(XOR_X, XOR_Y, { epochs: 3, batchSize: 4, shuffle: false });
  assert.notDeepEqual(a.history.loss, b.history.loss, 'dropout must change the training losses');
  await dropped.fit(XOR_X, XOR_Y, { epochs: 300, batchSize: 4 });
  // The training loss is noisy with half the units dropped; without dropout the net is right.
  const [after] = dropped.evaluate(XOR_X, XOR_Y);
  assert.ok(after.dataSync()[0] < 0.2, `loss ${after.dataSync()[0]}`);
  assert.deepEqual(Array.from(dropped.predict(XOR_X).dataSync(), (v) => Math.round(v)), [0, 1, 1, 0]);
  plain.dispose();
  dropped.dispose();
});

test('dropout: seeded, listed in model.layers and summary, saved and loaded', async () => {
  const nn = await nnplay();
  const run = (seed) => {
    const m = nn.sequential({ seed: 1, layers: [
      nn.layers.dense({ units: 8, activation: 'relu', inputShape: [2] }),
      nn.layers.dropout({ rate: 0.3, seed }),
      nn.layers.dense({ units: 1, activation: 'sigmoid' }),
    ] });
    m.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
    m.setTrainingData(XOR_X, XOR_Y, { batchSize: 2 });
    m.trainSteps(10);
    return m;
  };
  const a = run(7), b = run(7), c = run(8);
  const w = (m) => m.getWeights().flatMap((t) => Array.from(t.dataSync()));
  assert.deepEqual(w(a), w(b));
  assert.notDeepEqual(w(a), w(c));
  const layers = a.layers;
  assert.deepEqual(layers.map((l) => l.name), ['dense_1', 'dropout_1', 'dense_2']);
  assert.equal(layers[1].className, 'Dropout');
  assert.equal(layers[1].rate, 0.3);
  assert.equal(layers[1].params, 0);
  assert.equal(layers[1].getWeights().length, 0);
  assert.equal(layers[2].getWeights().length, 2);
  let printed = '';
  a.summary((line) => { printed = line; });
  assert.match(printed, /dropout_1 \(Dropout\)/);
  const json = JSON.parse(a.toJSON());
  assert.deepEqual({ ...json.layers[1] }, { type: 'dropout', rate: 0.3, seed: 7 });
  const loaded = nn.models.fromJSON(json);
  assert.equal(loaded.layers[1].rate, 0.3);
  for (const m of [a, b, c, loaded]) m.dispose();
});

test('dropout: bad settings are named', async () => {
  const nn = await nnplay();
  const model = nn.sequential({ layers: [nn.layers.dense({ units: 2, inputShape: [2] })] });
  assert.throws(() => model.add(nn.layers.dropout({ rate: 1 })), /layer 1 \(dropout\): rate .* must be in \[0, 1\), got 1/);
  assert.throws(() => model.add(nn.layers.dropout({ rate: 'half' })), /rate .* must be a number, got "half"/);
  assert.throws(() => nn.layers.dropout({ rat: 0.5 }), /layers\.dropout: unknown option "rat"/);
  assert.throws(() => model.add({ units: 3 }), /expected a layer from nn\.layers/);
  assert.equal(model.layers.length, 1, 'nothing half-added');
  model.dispose();
});

test('predict and evaluateGrid before compile, as in TF.js; fit still needs compile', async () => {
  const nn = await nnplay();
  const m = nn.sequential({ seed: 2, layers: [
    nn.layers.dense({ units: 4, activation: 'tanh', inputShape: [2] }),
    nn.layers.dense({ units: 1, activation: 'sigmoid' }),
  ] });
  const before = Array.from(m.predict(XOR_X).dataSync());
  assert.equal(before.length, 4);
  assert.ok(before.every(Number.isFinite));
  assert.equal(m.evaluateGrid({ res: 3 }).length, 9);
  await assert.rejects(m.fit(XOR_X, XOR_Y), /needs a compiled model/);
  m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
  assert.deepEqual(Array.from(m.predict(XOR_X).dataSync()), before, 'compile keeps the weights');
  m.dispose();
});

test('a model saved mid-epoch resumes bit for bit (shuffling and dropout included)', async () => {
  const nn = await nnplay();
  const data = nn.datasets.circle({ n: 90, seed: 4 });
  const build = () => {
    const m = nn.sequential({ seed: 5, layers: [
      nn.layers.dense({ units: 6, activation: 'tanh', inputShape: [2] }),
      nn.layers.dropout({ rate: 0.2 }),
      nn.layers.dense({ units: 1, activation: 'sigmoid' }),
    ] });
    m.compile({ optimizer: nn.train.adam(0.02), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    return m;
  };
  const straight = build();
  straight.setTrainingData(data.x, data.y, { batchSize: 20 });  // 5 batches per epoch
  straight.trainSteps(12);
  const saved = straight.toJSON();
  straight.trainSteps(13);

  const resumed = nn.models.fromJSON(saved);
  resumed.setTrainingData(data.x, data.y, { batchSize: 20 });
  resumed.trainSteps(13);
  const w = (m) => m.getWeights().flatMap((t) => Array.from(t.dataSync()));
  assert.deepEqual(w(resumed), w(straight));
  assert.equal(resumed.epoch, straight.epoch);

  // resume: false (and fit) start a fresh epoch instead.
  const fresh = nn.models.fromJSON(saved);
  fresh.setTrainingData(data.x, data.y, { batchSize: 20, resume: false });
  fresh.trainSteps(13);
  assert.notDeepEqual(w(fresh), w(straight));
  for (const m of [straight, resumed, fresh]) m.dispose();
});
