// The lesson presets (web/src/lesson/presets/*.json, issue 11), in Node over
// the built wasm module and the worker's own training loop: every preset's
// reference solution reaches the preset's own goal within its max-epochs (the
// goal held for 10 epochs in a row, as the page counts it), and the exercises
// that ask for a change do not reach it without that change. Plus: every
// preset has its words (title, task, each hint) in every language.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadNnplay } from 'nnplay';
import { parseEntries } from '../../web/src/state.js';
import { PRESET_NAMES, preset, presetState } from '../../web/src/lesson/presets.js';
import { readLesson } from '../../web/src/lesson/options.js';
import { harness } from './workerHarness.mjs';
import { STRINGS } from '../../web/src/i18n/index.js';

let nn;
before(async () => { nn = await loadNnplay(); });

/** The preset's lesson and its state, optionally with the solution's settings over it. */
function lessonOf(name, solved) {
  const p = preset(name);
  const r = readLesson([['preset', name]], (base) => parseEntries(solved ? p.solution.state : [], base));
  assert.deepEqual(r.warnings, [], `${name}: its files and strings read without a warning`);
  return { p, state: r.state, lesson: r.lesson };
}

/**
 * Runs a preset like the page does (speed 'max', the worker's loop and frames)
 * until its goal is met or training stops (max-epochs). Returns the goalMet
 * message or null, and the last frame.
 */
function run(name, solved) {
  const { p, state, lesson } = lessonOf(name, solved);
  const { tr: t, frame, first } = harness(nn, { ...state, speed: 'max' }, lesson);
  const met = () => first('goalMet');
  let f = frame();
  if (lesson.mode === 'hand-tune') {
    assert.equal(f.running, false);
    if (solved) {
      // The reference weights, set one by one as a learner would.
      p.solution.weights.forEach((values, index) => values.forEach((value, offset) => t.handle({ type: 'setWeight', index, offset, value })));
      f = frame();
    }
    return { met: met(), f, lesson };
  }
  t.handle({ type: 'play' });
  for (let i = 0; i < 20000 && !met(); ++i) {
    f = frame();
    if (!f.running) break;
  }
  return { met: met(), f, lesson };
}

for (const name of PRESET_NAMES) {
  test(`preset ${name}: its reference solution reaches its goal within its max-epochs`, () => {
    const { met, f, lesson } = run(name, true);
    assert.ok(lesson.goal, `${name} has a goal`);
    assert.ok(met, `${name}: goal "${lesson.goal.text}" not met (stopped at epoch ${f.epoch}: test loss ${f.testLoss}, test metric ${f.testMetric}, train loss ${f.trainLoss})`);
    assert.equal(met.goal, lesson.goal.text);
    if (lesson.maxEpochs !== null) assert.ok(met.epoch <= lesson.maxEpochs, `${name}: met at epoch ${met.epoch} > ${lesson.maxEpochs}`);
    if (lesson.mode !== 'hand-tune') assert.ok(met.epoch >= 10, 'held for 10 epochs');
  });

  const p = preset(name);
  if (p.solution.state.length || p.solution.weights) {
    test(`preset ${name}: without its solution the goal is not reached`, () => {
      const { met, f, lesson } = run(name, false);
      assert.equal(met, null, `${name} reached its goal unchanged at epoch ${met && met.epoch}`);
      if (lesson.maxEpochs !== null) {
        assert.equal(f.epoch, lesson.maxEpochs, 'training stops at max-epochs');
        assert.equal(f.running, false);
      }
    });
  }
}

test('the presets build the networks the course names: one neuron for AND/OR/XOR, 3 sigmoid units + 1 for coffee roasting, softmax with sparse categorical cross-entropy on four blobs, a linear output with MSE for the plane', () => {
  const built = (name) => {
    const { state, lesson } = lessonOf(name, false);
    const { first } = harness(nn, state, lesson);
    const m = first('model');
    return { layers: m.layers.map((l) => [l.units, l.activation]), output: [m.output.units, m.output.activation, m.output.loss], classes: m.classes };
  };
  for (const name of ['and', 'or', 'xor']) assert.deepEqual(built(name).layers, [], name);
  assert.deepEqual(built('coffee-roasting'), { layers: [[3, 'sigmoid']], output: [1, 'sigmoid', 'binaryCrossentropy'], classes: 2 });
  assert.deepEqual(built('softmax-4'), { layers: [], output: [4, 'softmax', 'sparseCategoricalCrossentropy'], classes: 4 });
  assert.deepEqual(built('regression-line').output, [1, 'linear', 'meanSquaredError']);
  assert.deepEqual(built('linear-vs-relu').layers, [[6, 'linear']]);
});

test('the presets the course needs are there, and each has its words in every language', () => {
  for (const name of ['and', 'or', 'xor', 'coffee-roasting', 'linear-vs-relu', 'softmax-4', 'regression-line'])
    assert.ok(PRESET_NAMES.includes(name), name);
  for (const name of PRESET_NAMES) {
    const p = preset(name);
    assert.ok(p.hints > 0, `${name} has hints`);
    for (const [lang, table] of Object.entries(STRINGS)) {
      const keys = ['title', 'task', ...Array.from({ length: p.hints }, (_, i) => `hint${i + 1}`)].map((k) => `preset.${name}.${k}`);
      for (const key of keys) assert.ok(Object.hasOwn(table, key) && table[key].trim(), `${lang}: ${key}`);
      assert.ok(!Object.hasOwn(table, `preset.${name}.hint${p.hints + 1}`), `${lang}: preset.${name} has more hints than its file says`);
    }
    // The settings read back as a valid state with no warning.
    assert.deepEqual(presetState(name).warnings, [], name);
  }
  // No strings for a preset that does not exist.
  const named = new Set(Object.keys(STRINGS.en).filter((k) => k.startsWith('preset.')).map((k) => k.split('.')[1]));
  assert.deepEqual([...named].filter((n) => !PRESET_NAMES.includes(n)), []);
});
