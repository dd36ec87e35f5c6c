// Property tests (fast-check) of the page's CSV import path, in Node over the
// built wasm module: whatever text a learner pastes or uploads, the worker
// answers 'csvLoaded' (and the data is what the CSV says) or 'csvError' with a
// message, never another error, and the playground still trains afterwards.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadNnplay } from 'nnplay';
import { Trainer } from '../../web/src/worker/trainer.js';
import { defaults, trainingState } from '../../web/src/state.js';
import { TO_PAGE, checkMessage } from '../../web/src/protocol.js';

let nn;
before(async () => { nn = await loadNnplay(); });

const cell = fc.oneof(
  fc.double({ noNaN: false }).map(String),
  fc.integer({ min: -3, max: 8 }).map(String),
  fc.constantFrom('', ' ', 'NaN', 'inf', '-Infinity', '0x10', '1e999', '1,5', '"1"', 'x1', 'label', '１', '−1', '1;2'),
  fc.string({ maxLength: 6 }),
);
const row = fc.tuple(fc.array(cell, { minLength: 0, maxLength: 5 }), fc.constantFrom(',', ';', '\t', ', '))
  .map(([cells, sep]) => cells.join(sep));
const csvText = fc.oneof(
  fc.tuple(fc.array(row, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r')).map(([rows, eol]) => rows.join(eol)),
  fc.string({ maxLength: 200 }),
  fc.array(fc.tuple(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }), fc.integer({ min: 0, max: 7 })),
    { minLength: 0, maxLength: 30 }).map((rs) => ['x1,x2,label', ...rs.map((r) => r.join(','))].join('\n')),
);

test('property: any CSV text gives csvLoaded or csvError, never another error, and training goes on', () => {
  const messages = [];
  const t = new Trainer(nn, (m) => messages.push(checkMessage(TO_PAGE, m, 'test')));
  t.handle({ type: 'state', state: trainingState({ ...defaults(), dataset: 'xor', points: 60 }) });
  fc.assert(fc.property(csvText, (text) => {
    messages.length = 0;
    t.handle({ type: 'importCsv', text });
    const types = messages.map((m) => m.type);
    assert.ok(!types.includes('error'), `an error for ${JSON.stringify(text).slice(0, 200)}: ${JSON.stringify(messages.find((m) => m.type === 'error'))}`);
    const loaded = messages.find((m) => m.type === 'csvLoaded');
    const failed = messages.find((m) => m.type === 'csvError');
    assert.ok(!!loaded !== !!failed, `exactly one of csvLoaded / csvError: ${types}`);
    if (failed) assert.ok(typeof failed.message === 'string' && failed.message.length > 0);
    if (loaded) {
      const data = messages.find((m) => m.type === 'data');
      assert.equal(data.train.n + data.test.n, loaded.n);
      for (const set of [data.train, data.test]) for (const v of set.x) assert.ok(Number.isFinite(v));
    }
    // Whatever happened, a step trains.
    messages.length = 0;
    t.handle({ type: 'step', unit: 'batch' });
    for (let i = 0; i < 50 && !messages.some((m) => m.type === 'frame'); ++i) t.tick();
    t.handle({ type: 'ack', buffers: [] });
    assert.ok(!messages.some((m) => m.type === 'error'), JSON.stringify(messages.find((m) => m.type === 'error')));
  }), { numRuns: 300 });
});
