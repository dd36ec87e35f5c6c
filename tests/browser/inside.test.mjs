// Browser tests of "Inside the network" (issue 13): each view (hidden space,
// gradients and health, histograms, loss landscape) draws, changes while the
// network trains and carries a text alternative; the hidden space's points are
// the engine's activations (model.activations on the element's own model);
// dead ReLU units are marked on the diagram; the views work in zh-CN, at
// 375x740, and inside <nn-playground>. Screenshots of each view go to
// test-results/inside/ (the README's come from scripts/inside-shots.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { launch, withPage as withPageIn, waitForApp, until, resultsDir } from './helpers.mjs';
import { loadNnplay } from '../../dist/nnplay.js';

let env;
before(async () => { env = await launch(); });
after(async () => { if (env) await env.close(); });

// Tall enough for the run bar, the diagram and the inside card to be on screen together
// (the views compute only while on screen, and clicking Step scrolls to the top).
const TALL = { viewport: { width: 1280, height: 2600 } };
const withPage = (hash, body, options = TALL) => withPageIn(env, hash, body, options);
const shots = () => {
  const dir = path.join(resultsDir(), 'inside');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
};

/** Scrolls the inside card into view (its views compute only while on screen). */
async function showInside(page) {
  await page.locator('[data-testid=inside]').scrollIntoViewIfNeeded();
}

/** Non-background pixels of a canvas, and a fingerprint of its content. */
function canvasInfo(page, testid) {
  return page.evaluate((id) => {
    const c = document.querySelector(`[data-testid=${id}]`);
    if (!c || !c.width) return { inked: 0, sum: 0 };
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let inked = 0, sum = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] > 0 && (d[i] < 245 || d[i + 1] < 245 || d[i + 2] < 245)) inked += 1;
      sum = (sum + d[i] * 7 + d[i + 1] * 13 + d[i + 2] * 17 + (i >> 2)) % 1000000007;
    }
    return { inked, sum };
  }, testid);
}

const label = (page, selector) => page.locator(selector).getAttribute('aria-label');

async function stepEpochs(page, n) {
  const start = Number(await page.evaluate(() => document.getElementById('nnplay').dataset.epoch));
  for (let i = 0; i < n; ++i) await page.click('[data-action=step-epoch]');
  await waitForApp(page, (d) => Number(d.epoch) >= start + n);
}

test('hidden space: points and the bent grid draw, move while training, and are described', async () => {
  await withPage('#dataset=xor&layers=4,2&activation=tanh&inside=space', async (page) => {
    await showInside(page);
    await until(page, () => document.querySelector('[data-testid=space-canvas]').width > 0, undefined, { what: 'the space canvas' });
    await until(page, () => !document.querySelector('[data-testid=space-note]').textContent.includes('Waiting'), undefined, { what: 'a space frame' });
    const first = await canvasInfo(page, 'space-canvas');
    assert.ok(first.inked > 2000, `the hidden space has only ${first.inked} drawn pixels`);
    // The last hidden layer of a binary classifier with 2 units: the exact decision line.
    assert.match(await page.locator('[data-testid=space-note]').textContent(), /decision boundary/);
    await stepEpochs(page, 20);
    await until(page, () => /Layer 2, neurons a1\[2\], a2\[2\]: \d+ training points/.test(document.querySelector('.np-space-figure').getAttribute('aria-label')),
      undefined, { what: 'the text alternative' });
    const later = await canvasInfo(page, 'space-canvas');
    assert.notEqual(later.sum, first.sum, 'the hidden space did not change while training');
    const text = await label(page, '.np-space-figure');
    assert.match(text, /Class 0 centred at \(-?[\d.]+, -?[\d.]+\)\. Class 1 centred at/);
    assert.match(text, /puts \d+% of the points on their class's side/);
    // three neurons of layer 1: the 3-D view, rotated by dragging
    await page.selectOption('[data-testid=space-layer]', '1');
    await page.selectOption('[data-testid=space-neuron-2]', '3');
    await until(page, () => new URLSearchParams(location.hash.slice(1)).get('space-neurons') === '1,2,3');
    await page.waitForTimeout(300);
    const flat = await canvasInfo(page, 'space-canvas');
    const box = await page.locator('[data-testid=space-canvas]').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 30, { steps: 5 });
    await page.mouse.up();
    const turned = await canvasInfo(page, 'space-canvas');
    assert.notEqual(turned.sum, flat.sum, 'dragging did not rotate the 3-D view');
    assert.match(await page.locator('[data-testid=space-note]').textContent(), /not the last|two-class|last hidden layer/i);
    await page.locator('[data-testid=inside]').screenshot({ path: path.join(shots(), 'space-3d.png') });
  });
});

test('gradients and health: a row per layer, vanishing gradients in a deep sigmoid net, described', async () => {
  await withPage('#dataset=circle&layers=6,6,6,6,6&activation=sigmoid&optimizer=sgd&learning-rate=0.3&inside=health', async (page) => {
    await showInside(page);
    await until(page, () => document.querySelector('[data-testid=health-canvas]').width > 0, undefined, { what: 'the health canvas' });
    await stepEpochs(page, 3);
    const first = await canvasInfo(page, 'health-canvas');
    assert.ok(first.inked > 1000, `the health view has only ${first.inked} drawn pixels`);
    await stepEpochs(page, 5);
    await page.waitForTimeout(300);
    const later = await canvasInfo(page, 'health-canvas');
    assert.notEqual(later.sum, first.sum, 'the health view did not change while training');
    const text = await label(page, '.np-health-figure');
    const norms = [...text.matchAll(/gradient norm ([\d.e+-]+)/g)].map((m) => Number(m[1]));
    assert.equal(norms.length, 6, `one entry per layer with neurons: ${text}`);
    assert.ok(norms[0] < norms[4] / 5, `the first layer's gradient should vanish: ${norms.join(', ')}`);
    assert.match(text, /update ratio [\d.e+-]+, not ReLU/);
  });
});

test('dead ReLU units: counted in the health view and crossed out on the diagram', async () => {
  // ReLU with a far too high learning rate: units die within a few epochs.
  await withPage('#dataset=circle&layers=8,8&activation=relu&optimizer=sgd&learning-rate=3&inside=health', async (page) => {
    await showInside(page);
    await stepEpochs(page, 6);
    await until(page, () => /\d+ of 8 units dead/.test(document.querySelector('.np-health-figure').getAttribute('aria-label')), undefined, { what: 'dead counts' });
    const text = await label(page, '.np-health-figure');
    const dead = [...text.matchAll(/(\d+) of 8 units dead/g)].reduce((a, m) => a + Number(m[1]), 0);
    assert.ok(dead > 0, `no dead units after training ReLU at learning rate 3: ${text}`);
    // the diagram: dead tiles are greyed and crossed (white strokes over a dark fill)
    await page.locator('.np-net-canvas').scrollIntoViewIfNeeded();
    await page.waitForTimeout(400);
    const crossed = await page.evaluate(() => {
      const c = document.querySelector('.np-net-canvas');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let grey = 0;
      for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - d[i + 1]) < 6 && Math.abs(d[i + 1] - d[i + 2]) < 8 && d[i] > 95 && d[i] < 150) grey += 1;
      return grey;
    });
    assert.ok(crossed > 100, `no greyed-out neurons on the diagram (${crossed} grey pixels)`);
  });
});

test('histograms: ridgelines per layer; zeros and He initializers differ at epoch 0', async () => {
  const spread = async (initializer) => {
    let out;
    await withPage(`#dataset=circle&layers=8,8&activation=relu&initializer=${initializer}&inside=histograms`, async (page) => {
      await showInside(page);
      await until(page, () => /Epoch 0\. Layer 1: weights from/.test(document.querySelector('.np-hist-figure').getAttribute('aria-label') || ''),
        undefined, { what: 'the histograms at epoch 0' });
      const text = await label(page, '.np-hist-figure');
      const m = text.match(/Layer 2: weights from (-?[\d.e+-]+) to (-?[\d.e+-]+), mean (-?[\d.e+-]+), spread ([\d.e+-]+)/);
      assert.ok(m, text);
      const first = await canvasInfo(page, 'histograms-canvas');
      assert.ok(first.inked > 1000, `only ${first.inked} drawn pixels`);
      await stepEpochs(page, 4);
      await page.waitForTimeout(300);
      assert.notEqual((await canvasInfo(page, 'histograms-canvas')).sum, first.sum, 'the histograms did not change while training');
      assert.match(await page.locator('.np-inside-note').filter({ hasText: 'From epoch' }).textContent(), /From epoch 0 \(back\) to epoch [1-9]/);
      if (initializer === 'heUniform') await page.locator('[data-testid=inside]').screenshot({ path: path.join(shots(), 'histograms.png') });
      out = { min: Number(m[1]), max: Number(m[2]), std: Number(m[4]) };
    });
    return out;
  };
  const zeros = await spread('zeros');
  const he = await spread('heUniform');
  assert.equal(zeros.std, 0, 'zeros: every weight in one bin');
  assert.ok(he.std > 0.3, `He uniform on 8 inputs has a spread of about 0.5, got ${he.std}`);
});

test('loss landscape: computed on opening, the centre is now, recomputed after training', async () => {
  await withPage('#dataset=xor&layers=4&activation=tanh&inside=landscape&landscape-span=0.5', async (page) => {
    await showInside(page);
    await until(page, () => /Computed at epoch 0 in \d+ ms: 41 × 41 points/.test(document.querySelector('[data-testid=landscape-status]').textContent),
      undefined, { what: 'the first landscape', timeout: 30000 });
    const first = await canvasInfo(page, 'landscape-canvas');
    assert.ok(first.inked > 20000, `only ${first.inked} drawn pixels`);
    assert.match(await label(page, '.np-land-figure'), /Epoch 0\. Loss at the current weights [\d.]+; lowest in this slice [\d.]+ at \(α, β\) = \(/);
    await stepEpochs(page, 10);
    await until(page, () => /Training has moved on/.test(document.querySelector('[data-testid=landscape-status]').textContent));
    await page.click('[data-action=landscape]');
    await until(page, () => /Computed at epoch 10 in \d+ ms/.test(document.querySelector('[data-testid=landscape-status]').textContent),
      undefined, { what: 'the recomputed landscape', timeout: 30000 });
    await page.waitForTimeout(100);
    const later = await canvasInfo(page, 'landscape-canvas');
    assert.notEqual(later.sum, first.sum, 'the landscape did not change after training');
    const text = await label(page, '.np-land-figure');
    assert.match(text, /The path of \d+ snapshots starts at \(/);
    // the same seed, the same slice: a different seed changes it
    await page.fill('[data-testid=landscape-seed]', '5');
    await page.locator('[data-testid=landscape-seed]').press('Enter');
    await until(page, () => new URLSearchParams(location.hash.slice(1)).get('landscape-seed') === '5');
    await until(page, () => /Computed at epoch 10/.test(document.querySelector('[data-testid=landscape-status]').textContent) &&
      !document.querySelector('[data-action=landscape]').disabled, undefined, { timeout: 30000 });
    await page.waitForTimeout(100);
    assert.notEqual((await canvasInfo(page, 'landscape-canvas')).sum, later.sum, 'another seed, the same slice');
    await page.locator('[data-testid=inside]').screenshot({ path: path.join(shots(), 'landscape.png') });
  });
});

test('switching the language keeps the health history and the landscape (<nn-playground lang>)', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(`${env.server.url}examples/lesson.html`);
    await until(page, () => document.getElementById('circle').app && document.getElementById('circle').app.frames > 0, undefined, { what: 'the element' });
    await page.evaluate(() => {
      const el = document.getElementById('circle');
      for (const [k, v] of Object.entries({ controls: 'inside', layers: '4,3', activation: 'relu', inside: 'landscape' })) el.setAttribute(k, v);
    });
    await until(page, () => document.getElementById('circle').app.model.layers.length === 2, undefined, { what: 'the new network' });
    await page.evaluate(() => document.getElementById('circle').shadowRoot.querySelector('[data-testid=inside]').scrollIntoView());
    await until(page, () => !!document.getElementById('circle').app.inside.landscape.surface, undefined, { what: 'the landscape', timeout: 30000 });
    await page.evaluate(() => document.getElementById('circle').setAttribute('inside', 'health'));
    for (let i = 0; i < 6; ++i) await page.evaluate(() => document.getElementById('circle').step());
    await until(page, () => document.getElementById('circle').app.inside.health.epochs.at(-1) === 6, undefined, { what: 'six epochs of health' });
    const before = await page.evaluate(() => document.getElementById('circle').app.inside.health.epochs.length);
    await page.evaluate(() => document.getElementById('circle').setAttribute('lang', 'zh-CN'));
    await until(page, () => document.getElementById('circle').shadowRoot.querySelector('[data-testid=inside] .np-card-title').textContent === '网络内部');
    const after = await page.evaluate(() => {
      const inside = document.getElementById('circle').app.inside;
      return { epochs: inside.health.epochs.length, rows: inside.health.rows.map((r) => r.name), surface: !!inside.landscape.surface };
    });
    assert.ok(after.epochs >= before, `history lost: ${before} -> ${after.epochs} samples`);
    assert.deepEqual(after.rows, ['第 1 层', '第 2 层', '输出层']);
    assert.ok(after.surface, 'the landscape was lost');
  } finally {
    await context.close();
  }
});

test('the views in Chinese and on a phone (375x740): translated, drawn, nothing overflows', async () => {
  for (const inside of ['space', 'health', 'histograms', 'landscape']) {
    await withPage(`#dataset=circle&layers=4,3&activation=relu&lang=zh-CN&inside=${inside}`, async (page) => {
      await showInside(page);
      assert.equal(await page.locator('[data-testid=inside] .np-card-title').textContent(), '网络内部');
      const canvas = { space: 'space-canvas', health: 'health-canvas', histograms: 'histograms-canvas', landscape: 'landscape-canvas' }[inside];
      await until(page, (id) => {
        const c = document.querySelector(`[data-testid=${id}]`);
        return c && c.width > 0;
      }, canvas, { what: `${inside} canvas`, timeout: 30000 });
      if (inside === 'landscape') await until(page, () => /毫秒/.test(document.querySelector('[data-testid=landscape-status]').textContent), undefined, { timeout: 30000 });
      else await stepEpochs(page, 2);
      await page.waitForTimeout(300);
      assert.ok((await canvasInfo(page, canvas)).inked > 500, `${inside}: nothing drawn`);
      const overflow = await page.evaluate(() => {
        const card = document.querySelector('[data-testid=inside]').getBoundingClientRect();
        const bad = [...document.querySelectorAll('[data-testid=inside] *')].filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && (r.right > card.right + 1 || r.left < card.left - 1);
        });
        return { width: document.documentElement.scrollWidth, inner: innerWidth, bad: bad.slice(0, 3).map((el) => el.className || el.tagName) };
      });
      assert.ok(overflow.width <= overflow.inner, `the page scrolls sideways: ${JSON.stringify(overflow)}`);
      assert.deepEqual(overflow.bad, [], `${inside}: elements outside the card`);
      const small = await page.evaluate(() => [...document.querySelectorAll('[data-testid=inside] select, [data-testid=inside] button, [data-testid=inside] input')]
        .filter((el) => el.offsetParent && el.getBoundingClientRect().height < 44).map((el) => el.outerHTML.slice(0, 60)));
      assert.deepEqual(small, [], 'touch targets under 44 px');
      await page.locator('[data-testid=inside]').screenshot({ path: path.join(shots(), `${inside}-375-zh-CN.png`) });
    }, { viewport: { width: 375, height: 740 } });
  }
});

test('in <nn-playground>: the hidden space is the engine\'s activations of the instance\'s own model', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  try {
    await page.goto(`${env.server.url}examples/lesson.html`);
    await until(page, () => document.getElementById('circle').app && document.getElementById('circle').app.frames > 0, undefined, { what: 'the element' });
    await page.evaluate(() => {
      const el = document.getElementById('circle');
      for (const [k, v] of Object.entries({ controls: 'inside', layers: '5,3', activation: 'tanh', features: 'x1,x2', inside: 'space',
        'space-layer': '1', 'space-neurons': '2,4,5' })) el.setAttribute(k, v);
    });
    await until(page, () => document.getElementById('circle').app.model.layers.length === 2, undefined, { what: 'the new network' });
    await page.evaluate(() => document.getElementById('circle').shadowRoot.querySelector('[data-testid=inside]').scrollIntoView());
    await page.evaluate(() => document.getElementById('circle').play());
    await page.waitForTimeout(800);
    await page.evaluate(() => document.getElementById('circle').pause());
    await until(page, () => document.getElementById('circle').app.root.dataset.running === 'false', undefined, { what: 'the pause' });
    // other neurons: a frame computed after the pause, from the paused weights
    await page.evaluate(() => document.getElementById('circle').setAttribute('space-neurons', '2,5,4'));
    await until(page, () => {
      const s = document.getElementById('circle').app.inside.space.space;
      return s && s.neurons.join() === '1,4,3';
    }, undefined, { what: 'the hidden space of the new neurons' });
    const got = await page.evaluate(async () => {
      const el = document.getElementById('circle');
      const model = await el.getModel();
      const s = el.app.inside.space.space;
      return { json: model.toJSON(), points: Array.from(s.points), k: s.k, neurons: s.neurons, x: Array.from(el.app.lastData.train.x), epoch: el.app.root.dataset.epoch };
    });
    assert.equal(got.k, 3);
    assert.deepEqual(got.neurons, [1, 4, 3]);
    const nn = await loadNnplay();
    const model = nn.models.fromJSON(got.json);
    const n = got.x.length / 2;
    const a = model.activations(nn.tensor2d(got.x, [n, 2]), 0).arraySync();
    const expected = a.flatMap((row) => [row[1], row[4], row[3]]).map(Math.fround);
    assert.deepEqual(got.points, expected, 'the points are not model.activations');
    assert.ok(Number(got.epoch) > 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
