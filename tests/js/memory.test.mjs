// Objects are freed by dispose(): creating, using and disposing 10,000 models
// leaves the wasm heap where it started (malloc's live bytes, measured with
// mallinfo inside the module, not just the size of wasm memory).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nnplay, XOR_X, XOR_Y } from './helpers.mjs';

test('10,000 create / compile / train / predict / dispose cycles leave the wasm heap where it started', async () => {
  const nn = await nnplay();
  const x = nn.tensor2d(XOR_X), y = nn.tensor2d(XOR_Y);
  const grid = new Float32Array(16);
  const cycle = async (i) => {
    const m = nn.sequential({ seed: i, layers: [
      nn.layers.dense({ units: 8, activation: 'tanh', inputShape: [2] }),
      nn.layers.dense({ units: 1, activation: 'sigmoid' }),
    ] });
    m.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    if (i % 10 === 0) {  // the heavier paths on every tenth model
      await m.fit(x, y, { epochs: 2, batchSize: 2, validationData: [x, y] });
      m.setTrainingData(x, y, { batchSize: 2 });
      m.trainSteps(3);
      m.evaluateGrid({ res: 4, out: grid });
      nn.models.fromJSON(m.toJSON()).dispose();
    }
    m.predict(x);
    m.dispose();
  };
  for (let i = 0; i < 20; ++i) await cycle(i);  // warm-up: one-time allocations and heap growth
  const before = nn.memory();
  for (let i = 0; i < 10000; ++i) await cycle(i);
  const after = nn.memory();
  assert.equal(after.allocatedBytes, before.allocatedBytes, `live bytes ${before.allocatedBytes} -> ${after.allocatedBytes}`);
  assert.equal(after.heapBytes, before.heapBytes, 'the wasm memory grew');
  assert.equal(after.jsHandles, before.jsHandles, 'Embind handles leaked');
});

test('datasets, features and CSV calls allocate nothing that outlives them', async () => {
  const nn = await nnplay();
  const work = () => {
    const d = nn.datasets.spiral({ n: 200, noise: 0.2, classes: 3 });
    nn.features.transform(d, 'x1,x2,sin(x1)');
    const { train } = nn.datasets.split(d, 0.5);
    nn.csv.parse(nn.csv.format(train));
  };
  work();
  const before = nn.memory();
  for (let i = 0; i < 1000; ++i) work();
  assert.deepEqual(nn.memory(), before);
});
