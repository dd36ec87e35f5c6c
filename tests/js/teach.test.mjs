// The teaching layer's pure parts (web/src/teach/math.js, codegen.js,
// i18n/): the inspector's and step mode's arithmetic against the engine
// (forward pass = model.predict; backward pass = finite differences of the
// loss), the page's codegen description, and the two language tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nnplay, assertClose } from './helpers.mjs';
import { netFromModel, forward, backward, lossOf, batchGradients, softmax } from '../../web/src/teach/math.js';
import { pageDescription } from '../../web/src/teach/codegen.js';
import { generateKeras, forwardPass } from '../../web/src/teach/codegen.js';
import { CLASS_COLORS } from '../../web/src/colors.js';
import { STRINGS, pickLanguage, matchLanguage, translator } from '../../web/src/i18n/index.js';

const POINTS = [[0, 0], [1.5, -2], [-3, 2.5], [5.5, 4], [-0.3, -5.9]];

// The page's `model` message for a network, and the engine model with random weights.
async function pageModel(spec) {
  const nn = await nnplay();
  const units = [...spec.layers.map((l) => l.units), spec.output.units];
  const model = nn.sequential({
    seed: 3,
    layers: units.map((u, i) => nn.layers.dense({
      units: u, activation: i < spec.layers.length ? spec.layers[i].activation : spec.output.activation,
      inputShape: i === 0 ? [spec.features.length] : undefined,
    })),
  });
  model.compile({ optimizer: nn.train.adam(0.01), loss: spec.output.loss });
  const weights = model.getWeights();
  const flat = new Float32Array(weights.reduce((a, w) => a + w.size, 0));
  let o = 0;
  for (const w of weights) {
    // spread the weights out so every activation's regions are used
    const v = Array.from(w.dataSync(), (x, k) => x * 1.7 + Math.sin(k) * 0.3);
    flat.set(v, o);
    o += w.size;
  }
  model.setWeights(weights.map((w, i) => {
    const start = weights.slice(0, i).reduce((a, x) => a + x.size, 0);
    return nn.tensor(Array.from(flat.subarray(start, start + w.size)), w.shape);
  }));
  const message = { ...spec, shapes: weights.map((w) => w.shape), classes: spec.output.units > 1 ? spec.output.units : 2 };
  return { nn, model, message, flat };
}

const SPECS = {
  binary: { features: ['x1', 'x2', 'x1*x2', 'sin(x1)'], layers: [{ units: 4, activation: 'tanh' }, { units: 3, activation: 'relu' }], output: { units: 1, activation: 'sigmoid', loss: 'binaryCrossentropy' } },
  softmax: { features: ['x1', 'x2'], layers: [{ units: 5, activation: 'sigmoid' }], output: { units: 3, activation: 'softmax', loss: 'sparseCategoricalCrossentropy' } },
  regression: { features: ['x1', 'x2', 'x1^2', 'x2^2'], layers: [{ units: 3, activation: 'linear' }], output: { units: 1, activation: 'linear', loss: 'meanSquaredError' } },
  noHidden: { features: ['x2', 'x1'], layers: [], output: { units: 1, activation: 'sigmoid', loss: 'binaryCrossentropy' } },
};

test('the inspector\'s forward pass (z and a per layer) reproduces model.predict', async () => {
  for (const [name, spec] of Object.entries(SPECS)) {
    const { nn, model, message, flat } = await pageModel(spec);
    try {
      const net = netFromModel(message, flat);
      assert.ok(net, name);
      const ours = POINTS.flatMap(([x1, x2]) => forward(net, x1, x2).a.at(-1));
      const expected = model.predict(nn.features.transform(POINTS, spec.features)).dataSync();
      assertClose(ours, expected, { atol: 1e-5, what: `${name}: forward vs predict` });
      // and agrees with the code view's description of the same page state
      const desc = pageDescription({ optimizer: 'adam', learningRate: 0.03, batchSize: 10, epochs: 0, seed: 1, initializer: 'glorotUniform', regularization: 'none', regRate: 0, dataset: 'circle', points: 500, noise: 0, dataSeed: 1 }, message, flat);
      assertClose(forwardPass(desc, POINTS).flat(), expected, { atol: 1e-5, what: `${name}: codegen description` });
      // a = g(z) layer by layer
      const p = forward(net, 1.2, -0.7);
      assert.equal(p.a.length, net.layers.length + 1);
      if (spec.output.activation === 'softmax') assertClose(p.a.at(-1), softmax(p.z.at(-1)), { atol: 1e-12 });
    } finally {
      model.dispose();
    }
  }
});

test('the step mode\'s backward pass: error signals give the gradients of the loss (finite differences)', async () => {
  for (const [name, spec] of Object.entries(SPECS)) {
    const { model, message, flat } = await pageModel(spec);
    model.dispose();
    const net = netFromModel(message, Float64Array.from(flat));
    const labels = spec.output.loss === 'sparseCategoricalCrossentropy' ? [2, 0] : spec.output.loss === 'meanSquaredError' ? [0.4, -0.8] : [1, 0];
    for (const [i, [x1, x2]] of POINTS.slice(1, 3).entries()) {
      const y = labels[i];
      const { grads } = backward(net, forward(net, x1, x2), y);
      net.layers.forEach((layer, l) => {
        for (const [arr, g] of [[layer.W, grads[l].dW], [layer.b, grads[l].db]]) {
          for (let k = 0; k < arr.length; k += Math.max(1, Math.floor(arr.length / 5))) {
            const keep = arr[k], h = 1e-6;
            arr[k] = keep + h;
            const up = lossOf(net.loss, forward(net, x1, x2).a.at(-1), y);
            arr[k] = keep - h;
            const down = lossOf(net.loss, forward(net, x1, x2).a.at(-1), y);
            arr[k] = keep;
            const numeric = (up - down) / (2 * h);
            assert.ok(Math.abs(numeric - g[k]) < 1e-5 + 1e-4 * Math.abs(numeric), `${name} layer ${l + 1} [${k}]: ${g[k]} vs ${numeric}`);
          }
        }
      });
    }
    // the batch gradient is the mean of the points'
    const batch = [{ x1: 1, x2: 2, y: labels[0] }, { x1: -2, x2: 0.5, y: labels[1] }];
    const mean = batchGradients(net, batch);
    const g0 = backward(net, forward(net, 1, 2), labels[0]).grads, g1 = backward(net, forward(net, -2, 0.5), labels[1]).grads;
    assertClose(Array.from(mean[0].db), Array.from(g0[0].db, (v, k) => (v + g1[0].db[k]) / 2), { atol: 1e-12 });
  }
});

test('the code view describes the page: layers, activations, loss, optimizer, regularization, batch size', async () => {
  const { model, message, flat } = await pageModel(SPECS.binary);
  model.dispose();
  const state = { optimizer: 'momentum', learningRate: 0.1, batchSize: 25, epochs: 300, seed: 4, initializer: 'heNormal', regularization: 'l2', regRate: 0.003, dataset: 'xor', points: 200, noise: 0.1, dataSeed: 2 };
  const keras = generateKeras(pageDescription(state, message, flat));
  assert.match(keras, /Dense\(units=4, activation='tanh'/);
  assert.match(keras, /Dense\(units=3, activation='relu'/);
  assert.match(keras, /Dense\(units=1, activation='sigmoid'/);
  assert.match(keras, /BinaryCrossentropy/);
  assert.match(keras, /SGD\(learning_rate=0\.1, momentum=0\.9/);
  assert.match(keras, /l2\(0\.003\)|L2\(0\.003\)|l2=0\.003/);
  assert.match(keras, /epochs=300, batch_size=25/);
});

test('every string key exists in English and Simplified Chinese, with the same placeholders and no empty text', () => {
  const en = STRINGS.en, zh = STRINGS['zh-CN'];
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  const holes = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const k of Object.keys(en)) {
    assert.ok(en[k].length > 0 && zh[k].length > 0, k);
    assert.deepEqual(holes(zh[k]), holes(en[k]), `placeholders of ${k}`);
  }
  // the interface text is really translated (not copied), apart from names and symbols
  const same = Object.keys(en).filter((k) => en[k] === zh[k] && /[a-z]{4,}/i.test(en[k]) && !/^(feature|optimizer|activation|regularization|lang|code\.keras|app\.title|data\.csvPlaceholder|output\.testR2)/.test(k));
  assert.deepEqual(same, []);
});

test('the language: explicit choice, then the earlier choice, then the browser, then English', () => {
  assert.equal(pickLanguage({ requested: 'zh-CN', stored: 'en', browser: ['en-US'] }), 'zh-CN');
  assert.equal(pickLanguage({ stored: 'zh-CN', browser: ['en-US'] }), 'zh-CN');
  assert.equal(pickLanguage({ browser: ['fr-FR', 'zh-Hans-CN', 'en'] }), 'zh-CN');
  assert.equal(pickLanguage({ browser: ['de-DE'] }), 'en');
  assert.equal(pickLanguage({ requested: 'xx', browser: ['en-GB'] }), 'en');
  assert.equal(matchLanguage('zh_CN'), 'zh-CN');
  assert.equal(matchLanguage('ja'), null);
  // Each translator has its own language: making one changes no other.
  const en = translator('en'), zh = translator('zh-CN');
  assert.equal(zh('toolbar.play'), '训练');
  assert.equal(zh('network.params', { n: 25 }), '25 个参数');
  assert.equal(en('toolbar.play'), 'Train');
  assert.equal(translator('klingon').lang, 'en');
  assert.equal(en('network.params', { constructor: 1, n: 2 }), '2 parameters');
  assert.equal(en('no.such.key'), 'no.such.key');
});

// ---- colour vision: the class palette stays distinguishable ---------------------------------
// Simulated protanopia, deuteranopia and tritanopia (Machado, Oliveira & Fernandes 2009,
// severity 1), then the CIE76 colour difference in CIELAB between every two classes.
const CVD = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
};
const linear = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
function toLab(rgbLinear) {
  const [R, G, B] = rgbLinear.map((v) => Math.min(1, Math.max(0, v)));
  const X = 0.4124 * R + 0.3576 * G + 0.1805 * B, Y = 0.2126 * R + 0.7152 * G + 0.0722 * B, Z = 0.0193 * R + 0.1192 * G + 0.9505 * B;
  const f = (v) => (v > 216 / 24389 ? Math.cbrt(v) : (24389 / 27 * v + 16) / 116);
  const [fx, fy, fz] = [X / 0.95047, Y, Z / 1.08883].map(f);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}
const simulate = (m, c) => { const l = c.map(linear); return toLab(m.map((r) => r[0] * l[0] + r[1] * l[1] + r[2] * l[2])); };
const deltaE = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

test('the class palette stays distinguishable with protanopia, deuteranopia and tritanopia', () => {
  for (const [name, m] of Object.entries(CVD)) {
    const lab = CLASS_COLORS.map((c) => simulate(m, c));
    // the two classes of every binary problem: far apart
    assert.ok(deltaE(lab[0], lab[1]) > 40, `${name}: classes 0 and 1 ΔE ${deltaE(lab[0], lab[1]).toFixed(1)}`);
    for (let i = 0; i < lab.length; ++i)
      for (let j = i + 1; j < lab.length; ++j)
        assert.ok(deltaE(lab[i], lab[j]) > 15, `${name}: classes ${i} and ${j} ΔE ${deltaE(lab[i], lab[j]).toFixed(1)}`);
  }
});
