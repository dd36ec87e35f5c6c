// The lesson's parts in Node (issue 11): goal parsing and the 10-epoch rule,
// lesson options from links and attributes (hostile input included, as for the
// state), limits and the cut-down of a start over them, the worker's rules
// (max-epochs, hand-tune, model files that break the lesson), the input
// normalization the worker applies and the plot domain of data in other units.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadNnplay } from 'nnplay';
import { parseGoal, GoalTracker, goalHolds, unavailableMetrics, HOLD_EPOCHS } from '../../web/src/lesson/goal.js';
import { parseLesson, parseLessonHash, lessonEntries, lessonChanges, presetLesson, fitConstraints, limitBroken, emptyLesson, parseOrigin } from '../../web/src/lesson/options.js';
import { PRESET_NAMES } from '../../web/src/lesson/presets.js';
import { defaults, hashOf, toHash } from '../../web/src/state.js';
import { STRINGS, translator, say } from '../../web/src/i18n/index.js';
import { inputStats, normalized, modelBounds, domainFor, PLANE } from '../../web/src/worker/inputs.js';
import { harness } from './workerHarness.mjs';

let nn;
before(async () => { nn = await loadNnplay(); });

const t = translator('en');
const words = (warnings) => warnings.map((w) => say(t, w));

test('goals: metrics, operators, "and", percentages; every malformed goal says what is wrong', () => {
  const g = parseGoal('test-accuracy >= 95% and  EPOCH<=300').goal;
  assert.deepEqual(g.conditions, [{ metric: 'test-accuracy', op: '>=', value: 0.95 }, { metric: 'epoch', op: '<=', value: 300 }]);
  assert.equal(g.text, 'test-accuracy >= 0.95 and epoch <= 300');
  assert.deepEqual(parseGoal(g.text).goal, g, 'its text reads back the same');
  for (const [metric, op] of [['test-loss', '<'], ['train-loss', '<='], ['train-accuracy', '>'], ['r2', '>=']])
    assert.equal(parseGoal(`${metric} ${op} 0.5`).goal.conditions[0].op, op);
  const cases = {
    '': /goal: empty/,
    'accuracy > 0.9': /"accuracy" is not a metric; use one of test-loss, train-loss, test-accuracy, train-accuracy, r2, epoch/,
    'test-loss = 0.1': /"test-loss = 0.1" is not a condition like test-accuracy >= 0.95/,
    'test-loss < 0.1 or epoch < 5': /is not a condition/,
    'test-accuracy >= 1.5': /test-accuracy 1.5 is not between 0 and 1/,
    'test-loss < 10%': /only accuracies can be written in %, not test-loss/,
    'test-loss < abc': /is not a condition/,
    [`epoch < ${'9'.repeat(400)}`]: /longer than 300 characters/,
  };
  for (const [text, expected] of Object.entries(cases)) {
    const r = parseGoal(text);
    assert.equal(r.goal, undefined, text);
    assert.match(say(t, r.warning), expected, text);
    for (const lang of Object.keys(STRINGS)) assert.ok(Object.hasOwn(STRINGS[lang], r.warning.key), `${lang}: ${r.warning.key}`);
  }
  // accuracy on a regression (or R² on a classification) can never hold: said on the card
  assert.deepEqual(unavailableMetrics(parseGoal('test-accuracy > 0.5 and r2 > 0.5').goal, true), ['test-accuracy']);
  assert.deepEqual(unavailableMetrics(parseGoal('test-accuracy > 0.5 and r2 > 0.5').goal, false), ['r2']);
  assert.equal(goalHolds(parseGoal('r2 > 0.5').goal, { testMetric: 0.9, regression: false }), false);
  assert.equal(goalHolds(parseGoal('r2 > 0.5').goal, { testMetric: 0.9, regression: true }), true);
});

test('the goal is met at the 10th epoch in a row it holds; a break starts the count again; NaN never holds', () => {
  const tracker = new GoalTracker(parseGoal('test-loss < 0.2').goal);
  const seq = [0.5, 0.1, 0.1, 0.3, ...Array(9).fill(0.1), NaN, ...Array(HOLD_EPOCHS).fill(0.15)];
  const met = seq.map((v, i) => tracker.epoch({ testLoss: v, epoch: i + 1 }));
  assert.equal(met.filter(Boolean).length, 1);
  assert.equal(met.indexOf(true), seq.length - 1, 'only after 10 in a row');
  assert.equal(tracker.progress().metEpoch, seq.length);
  assert.equal(tracker.epoch({ testLoss: 0.1, epoch: 99 }), false, 'met once');
  tracker.reset();
  assert.deepEqual(tracker.progress(), { held: 0, need: 10, met: false, metEpoch: null });
  // hand-tuning: no epochs, met as soon as it holds
  const hand = new GoalTracker(parseGoal('train-loss < 0.1').goal);
  assert.equal(hand.check({ trainLoss: 0.5, epoch: 0 }), false);
  assert.equal(hand.check({ trainLoss: 0.05, epoch: 0 }), true);
});

test('lesson options: links and attributes, with warnings for what is wrong; hints by language; report-to is an origin, never *', () => {
  const r = parseLesson([['goal', 'test-loss < 0.1'], ['max-layers', '2'], ['max-neurons', '999'], ['max-epochs', 'x'], ['locked', 'activation,bogus,features'],
    ['mode', 'hand-tune'], ['data-src', 'points.csv'], ['hint', 'any'], ['hint-zh-CN', '中文'], ['hint-en', 'english'], ['hint-xx', 'no'], ['report-to', '*']]);
  assert.equal(r.lesson.goal.text, 'test-loss < 0.1');
  assert.equal(r.lesson.maxLayers, 2);
  assert.equal(r.lesson.maxNeurons, 128);
  assert.equal(r.lesson.maxEpochs, null);
  assert.deepEqual(r.lesson.locked, ['activation', 'features']);
  assert.equal(r.lesson.mode, 'hand-tune');
  assert.equal(r.lesson.dataSrc, 'points.csv');
  assert.deepEqual(r.lesson.hints, [{ lang: null, text: 'any' }, { lang: 'zh-CN', text: '中文' }, { lang: 'en', text: 'english' }]);
  assert.equal(r.lesson.reportTo, null);
  const w = words(r.warnings).join('\n');
  for (const expected of [/max-neurons: 999 is outside 1\.\.128; using 128/, /max-epochs: "x" is not a number/, /locked: "bogus" is not one of/,
    /hint-xx: "xx" is not one of en, zh-CN/, /report-to: "\*" would tell any page/]) assert.match(w, expected);
  assert.equal(parseOrigin('https://course.example/lessons/3?x=1').value, 'https://course.example');
  assert.match(say(t, parseOrigin('javascript:alert(1)').warning), /is not an origin/);
  // written back and read again: the same lesson
  const again = parseLesson(lessonEntries(r.lesson));
  assert.deepEqual(again.lesson, r.lesson);
  assert.deepEqual(again.warnings, []);
  // a preset first, then the link over it
  const p = parseLessonHash('#preset=xor&max-epochs=50&learning-rate=0.1');
  assert.equal(p.lesson.preset, 'xor');
  assert.equal(p.lesson.maxEpochs, 50);
  assert.equal(p.lesson.maxNeurons, 4, "the preset's own limit stays");
  assert.equal(p.state.dataset, 'xor');
  assert.equal(p.state.learningRate, 0.1);
  assert.match(words(parseLessonHash('#preset=nope').warnings).join(), /preset: "nope" is not one of and, coffee-roasting/);
  // the page's own hash (state, options, lesson) reads back to the same state and lesson
  const page = parseLessonHash(toHash(p.state, { controls: ['layers'] }, lessonEntries(p.lesson)));
  assert.deepEqual(page.state, p.state);
  assert.deepEqual(page.lesson, p.lesson);
  assert.deepEqual(page.warnings, []);
});

const NAMES = ['preset', 'goal', 'max-layers', 'max-neurons', 'max-epochs', 'locked', 'mode', 'data-src', 'model-src', 'report-to', 'hint', 'hint-en', 'hint-zh-CN', 'hint-q', 'constructor', '__proto__'];
const VALUES = ['', 'xor', 'and', '*', 'https://a.example', 'test-loss < 0.1', 'epoch >= 1e309', 'test-accuracy > 100%', '1', '-1', '1e999', 'NaN',
  'activation,features', 'hand-tune', '<img src=x>', 'constructor', '__proto__'];

test('a lesson over a preset: only its changes are written, and read over the preset they give the lesson back', () => {
  const strip = (l) => ({ ...l, hints: [] });
  for (const name of PRESET_NAMES) {
    const base = presetLesson(name).lesson;
    assert.deepEqual(lessonChanges(base, base), [], name);
    const changed = [
      { ...base, goal: null },
      { ...base, goal: parseGoal('train-loss < 0.2 and epoch <= 50').goal, maxEpochs: null, maxLayers: base.maxLayers === null ? 2 : null },
      { ...base, locked: [], mode: base.mode === 'train' ? 'hand-tune' : 'train', maxNeurons: 7 },
      { ...base, locked: ['learning-rate', 'dataset'], dataSrc: 'points.csv', reportTo: 'https://course.example' },
    ];
    for (const lesson of changed) {
      const r = parseLesson(lessonChanges(lesson, base), base);
      assert.deepEqual(r.warnings, [], name);
      assert.deepEqual(strip(r.lesson), strip(lesson), `${name}: ${JSON.stringify(lessonChanges(lesson, base))}`);
    }
  }
  assert.equal(presetLesson('nope'), null);
});

test('property: any lesson entries give a valid lesson with warnings in words, and never throw', () => {
  const any = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...NAMES), fc.string()), fc.oneof(fc.constantFrom(...VALUES), fc.string())), { maxLength: 10 });
  fc.assert(fc.property(any, (entries) => {
    const { lesson, warnings } = parseLesson(entries);
    assert.deepEqual(Object.keys(lesson).sort(), Object.keys(emptyLesson()).sort());
    for (const k of ['maxLayers', 'maxNeurons', 'maxEpochs']) assert.ok(lesson[k] === null || Number.isInteger(lesson[k]), k);
    assert.ok(lesson.reportTo === null || /^https?:\/\/[^/]+$/.test(lesson.reportTo), lesson.reportTo);
    assert.ok(['train', 'hand-tune'].includes(lesson.mode));
    for (const w of warnings) {
      assert.ok(Object.hasOwn(STRINGS.en, w.key), w.key);
      for (const [, name] of STRINGS.en[w.key].matchAll(/\{(\w+)\}/g)) assert.ok(Object.hasOwn(w.params, name), `${w.key}: ${name}`);
    }
    const hash = hashOf(entries.map(([n, v]) => [n, v]));
    const r = parseLessonHash(hash);
    assert.deepEqual(fitConstraints(r.state, r.lesson).warnings, [], 'a link never starts over its own limits');
  }), { numRuns: 1000 });
});

test('limits: a start over max-layers / max-neurons is cut down (per-layer settings follow), the learner is refused beyond them', () => {
  const lesson = { ...emptyLesson(), maxLayers: 2, maxNeurons: 5 };
  const r = fitConstraints({ ...defaults(), layers: [4, 4, 4], activation: ['relu', 'tanh', 'sigmoid'] }, lesson);
  assert.deepEqual(r.state.layers, [4, 1]);
  assert.deepEqual(r.state.activation, ['relu', 'tanh']);
  assert.match(words(r.warnings).join(), /cut down to the lesson's limits: hidden layers 4,1/);
  assert.equal(limitBroken(r.state, lesson), null);
  assert.match(say(t, limitBroken({ ...defaults(), layers: [3, 3] }, lesson)), /at most 5 neurons/);
  assert.match(say(t, limitBroken({ ...defaults(), layers: [1, 1, 1] }, lesson)), /at most 2 hidden layers/);
});

/** The worker's loop over a state and lesson given in part (the rest: defaults). */
const make = (state, lesson) => harness(nn, { ...defaults(), ...state }, lesson && { ...emptyLesson(), ...lesson });

test('worker rules: max-epochs stops training there for good (Play, Step); hand-tune never trains; a model file breaking the lesson is refused', () => {
  let { tr, frame } = make({ dataset: 'gauss', points: 100, speed: '5' }, { maxEpochs: 12 });
  tr.handle({ type: 'play' });
  let f;
  for (let i = 0; i < 20; ++i) f = frame();
  assert.equal(f.epoch, 12);
  assert.equal(f.running, false);
  tr.handle({ type: 'play' });
  tr.handle({ type: 'step', unit: 'epoch' });
  assert.equal(frame().epoch, 12);
  tr.handle({ type: 'reset' });
  tr.handle({ type: 'step', unit: 'epoch' });
  assert.equal(frame().epoch, 1, 'a reset starts over');

  ({ tr, frame } = make({ dataset: 'and', layers: [], initializer: 'zeros' }, { mode: 'hand-tune', goal: parseGoal('train-loss < 0.1').goal }));
  tr.handle({ type: 'play' });
  tr.handle({ type: 'step', unit: 'batch' });
  f = frame();
  assert.equal(f.epoch, 0);
  assert.equal(f.stepInEpoch, 0);
  assert.equal(f.running, false);
  assert.ok(Math.abs(f.trainLoss - Math.LN2) < 1e-5, `loss ${f.trainLoss}`);

  const file = make({ dataset: 'xor', layers: [6] });
  file.tr.handle({ type: 'exportModel' });
  const text = file.messages.find((m) => m.type === 'modelFile').text;
  const locked = make({ dataset: 'xor', layers: [2] }, { maxNeurons: 4 });
  locked.tr.handle({ type: 'importModel', text });
  assert.match(locked.messages.find((m) => m.type === 'modelError').message, /at most 4 neurons/);
  const fixed = make({ dataset: 'xor', layers: [2] }, { locked: ['layers'] });
  fixed.tr.handle({ type: 'importModel', text });
  assert.match(fixed.messages.find((m) => m.type === 'modelError').message, /the lesson fixed layers/);
});

test('input normalization: z-score over the training points, applied before the features; the grid covers the plot as the model sees it', () => {
  const x = Float32Array.from([1, 10, 3, 30, 5, 50]);
  const s = inputStats(x, 3);
  assert.deepEqual(s.mean, [3, 30]);
  assert.ok(Math.abs(s.std[0] - Math.sqrt(8 / 3)) < 1e-9 && Math.abs(s.std[1] - Math.sqrt(800 / 3)) < 1e-9);
  const z = normalized(x, 3, s);
  assert.ok(Math.abs(z[0] + 1.2247449) < 1e-6 && Math.abs(z[3]) < 1e-9 && Math.abs(z[5] - 1.2247449) < 1e-6);
  assert.deepEqual(inputStats(Float32Array.from([2, 2, 2, 2]), 2).std, [1, 1], 'a constant input is only centred');
  assert.deepEqual(modelBounds([160, 320, 8, 20], null), { xMin: 160, xMax: 320, yMin: 8, yMax: 20 });
  // In the worker: coffee roasting with and without normalization.
  const raw = make({ dataset: 'coffeeRoasting', layers: [3], activation: ['sigmoid'] });
  const on = make({ dataset: 'coffeeRoasting', layers: [3], activation: ['sigmoid'], normalize: true });
  const [modelRaw, modelOn] = [raw, on].map((m) => m.messages.find((x) => x.type === 'model'));
  assert.equal(modelRaw.normalization, null);
  assert.deepEqual(modelRaw.domain, [160, 320, 8, 20]);
  const n = modelOn.normalization;
  assert.ok(Math.abs(n.mean[0] - 240) < 10 && Math.abs(n.mean[1] - 14) < 1 && n.std[0] > 30 && n.std[1] > 2, JSON.stringify(n));
  // the features the model trains on are the normalized inputs
  assert.ok(Math.abs(on.tr.trainX.reduce((a, v, i) => a + (i % 2 === 0 ? v : 0), 0)) < 1e-3, 'x1 has mean 0');
  assert.ok(raw.tr.trainX[0] > 150, 'raw x1 in °C');
  // same weights, same predictions as a forward pass over normalized points (the grid's bounds are normalized too)
  const f = on.frame();
  assert.equal(f.grid.length, 100 * 100);
  const w = on.tr.model.getWeights().map((t) => Array.from(t.dataSync()));
  const [W1, b1, W2, b2] = w;
  const sig = (z) => 1 / (1 + Math.exp(-z));
  const predict = (T, m) => {
    const a = [(T - n.mean[0]) / n.std[0], (m - n.mean[1]) / n.std[1]];
    const hdn = [0, 1, 2].map((j) => sig(a[0] * W1[j] + a[1] * W1[3 + j] + b1[j]));
    return sig(hdn[0] * W2[0] + hdn[1] * W2[1] + hdn[2] * W2[2] + b2[0]);
  };
  // grid cell (row 0, column 0) is the top-left: x1 = 160 + 0.8, x2 = 20 - 0.06
  assert.ok(Math.abs(f.grid[0] - predict(160 + 0.8, 20 - 0.06)) < 1e-4, `${f.grid[0]} vs ${predict(160.8, 19.94)}`);
});

test('the plot domain of loaded points: the dataset\'s own when they fit it, else the plane', () => {
  const set = (pts) => ({ x: Float32Array.from(pts.flat()), n: pts.length });
  const coffee = [160, 320, 8, 20];
  assert.deepEqual(domainFor([set([[1, 2], [-5, 5.5]])]), [...PLANE]);
  assert.deepEqual(domainFor([set([[180, 11.2]]), set([[298.5, 18.9]])], coffee), coffee);
  assert.deepEqual(domainFor([set([[180, 11.2]]), set([[350, 18.9]])], coffee), [...PLANE], 'one point outside: the plane (and the notice)');
  assert.deepEqual(domainFor([set([[NaN, 1]])], coffee), [...PLANE]);
});

test('worker rules: "Resume from here" starts the goal\'s count of epochs held over', () => {
  const { tr, frame } = make({ dataset: 'gauss', points: 100, speed: '1' }, { goal: parseGoal('epoch >= 1').goal });
  tr.handle({ type: 'play' });
  let f;
  for (let i = 0; i < 9; ++i) f = frame();
  assert.ok(f.goal.held >= 5, `held ${f.goal.held} at epoch ${f.epoch}`);
  tr.handle({ type: 'pause' });
  tr.handle({ type: 'branch', epoch: 3 });
  f = frame();
  assert.ok(f.epoch <= 4, `epoch ${f.epoch}`);
  assert.ok(f.goal.held <= 1, `held ${f.goal.held} after going back to epoch 3`);
  assert.equal(f.goal.met, false);
});
