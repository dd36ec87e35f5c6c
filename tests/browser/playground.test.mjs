// Browser tests of the playground page (issue 4): Debian's Chromium, headless,
// driven by playwright-core, against dist/ served on localhost under a strict
// CSP. Every test also checks that nothing was logged as an error, thrown, or
// blocked by the CSP. Run: node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, withPage as withPageIn, waitForApp, until, figures, heatPixels, resultsDir } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { if (env) await env.close(); });

const withPage = (hash, body, options) => withPageIn(env, hash, body, options);

const play = (page) => page.click('[data-action=play]');
const hashParams = (page) => page.evaluate(() => Object.fromEntries(new URLSearchParams(location.hash.slice(1))));

test('the page opens, draws a boundary within a second and the heat map changes between epochs', async () => {
  await withPage('', async (page) => {
    const timing = await page.evaluate(() => performance.getEntriesByName('nnplay-first-boundary')[0].startTime);
    assert.ok(timing < 3000, `first boundary after ${timing} ms`);
    const before = await heatPixels(page);
    const distinct = new Set();
    for (let i = 0; i < before.length; i += 4) distinct.add(before.slice(i, i + 3).join(','));
    assert.ok(distinct.size > 20, `heat map has only ${distinct.size} colours`);
    await page.click('[data-action=step-epoch]');
    await waitForApp(page, (d) => d.epoch === '1');
    await page.click('[data-action=step-epoch]');
    await waitForApp(page, (d) => d.epoch === '2');
    const after = await heatPixels(page);
    let changed = 0;
    for (let i = 0; i < after.length; ++i) if (after[i] !== before[i]) ++changed;
    assert.ok(changed > 100, `only ${changed} heat-map values changed between epochs`);
    assert.equal(await page.title(), 'nnplay · neural network playground');
  });
});

for (const [dataset, bound] of [['xor', 0.15], ['circle', 0.1]]) {
  test(`${dataset} with the default network trains until the test loss is below ${bound}`, async () => {
    await withPage(`#dataset=${dataset}`, async (page) => {
      const start = await figures(page);
      assert.ok(start.testLoss > bound, `starts at ${start.testLoss}`);
      await play(page);
      const d = await waitForApp(page, (d) => Number(d.testLoss) < bound, 30000);
      assert.ok(Number(d.epoch) > 0);
      assert.equal(d.running, 'true');
      if (dataset === 'circle') {
        await page.click('[data-key=showTest]');
        await page.screenshot({ path: path.join(resultsDir(), 'playground-trained.png'), fullPage: true });
      }
      await play(page);  // pause
      await waitForApp(page, (x) => x.running === 'false');
    });
  });
}

test('changing dataset, layers and activation shows in the URL; back restores', async () => {
  await withPage('', async (page) => {
    await page.click('[data-dataset=spiral]');
    await page.click('.np-net-header button[aria-label="Add a hidden layer"]');
    await page.selectOption('select[data-key=activation]', 'relu');
    await page.selectOption('select[data-key=learningRate]', '0.1');
    const p = await hashParams(page);
    assert.equal(p.dataset, 'spiral');
    assert.equal(p.layers, '4,2,2');
    assert.equal(p.activation, 'relu');
    assert.equal(p['learning-rate'], '0.1');
    assert.equal(await page.locator('.np-net-count').textContent(), '3 hidden layers');
    await page.goBack();
    await until(page, () => new URLSearchParams(location.hash.slice(1)).get('learning-rate') === '0.03');
    assert.equal(await page.inputValue('select[data-key=learningRate]'), '0.03');
    assert.equal((await hashParams(page)).activation, 'relu');
  });
});

test('a URL with state opens with the same controls; bad values are clamped with a warning', async () => {
  const hash = '#dataset=blobs&classes=5&layers=6,3&activation=sigmoid,relu&optimizer=rmsprop&learning-rate=0.003' +
    '&batch-size=25&features=x1,x2,x1*x2&noise=0.2&seed=42&regularization=l2&reg-rate=0.01&show-test=true';
  await withPage(hash, async (page) => {
    assert.equal(await page.inputValue('select[data-key=optimizer]'), 'rmsprop');
    assert.equal(await page.inputValue('select[data-key=learningRate]'), '0.003');
    assert.equal(await page.inputValue('select[data-key=regularization]'), 'l2');
    assert.equal(await page.inputValue('select[data-key=regRate]'), '0.01');
    assert.equal(await page.inputValue('input[data-key=seed]'), '42');
    assert.equal(await page.inputValue('input[data-key=batchSize]'), '25');
    assert.equal(await page.inputValue('input[data-key=classes]'), '5');
    assert.equal(await page.inputValue('input[data-key=noise]'), '0.2');  // sliders hold the state's own value (state.js range and step)
    assert.ok(await page.isChecked('input[data-key=showTest]'));
    assert.equal(await page.getAttribute('[data-dataset=blobs]', 'aria-pressed'), 'true');
    assert.equal(await page.locator('.np-net-count').textContent(), '2 hidden layers');
    const heads = await page.locator('.np-col-head select[data-layer-key=activation]').evaluateAll((els) => els.map((e) => e.value));
    assert.deepEqual(heads, ['sigmoid', 'relu']);
    const on = await page.locator('.np-node-input').evaluateAll((els) => els.map((e) => e.getAttribute('aria-pressed')));
    assert.deepEqual(on, ['true', 'true', 'false', 'false', 'true', 'false', 'false']);
    assert.match(await page.locator('[data-testid=problem]').textContent(), /5 classes/);
    assert.equal(await page.locator('.np-legend-item').count(), 5);
    assert.equal(await page.locator('.np-node-output').count(), 5);
  });
  await withPage('#learning-rate=99&layers=4,banana&dataset=nope', async (page) => {
    const notes = await page.locator('.np-notice-warning').allTextContents();
    assert.ok(notes.some((n) => /learning-rate: 99 is outside/.test(n)), notes.join('\n'));
    assert.ok(notes.some((n) => /dataset: "nope"/.test(n)), notes.join('\n'));
    assert.equal(await page.inputValue('select[data-key=learningRate]'), '10');
    assert.equal((await hashParams(page)).layers, '4');
  });
});

test('clicking the plot adds a point; right-click removes it', async () => {
  await withPage('#dataset=gauss', async (page) => {
    const box = await page.locator('.np-plot').boundingBox();
    // far from the data: top-left corner area (x1 = -5, x2 = 5)
    const x = box.x + box.width * (1 / 12), y = box.y + box.height * (1 / 12);
    const color = (px, py) => page.evaluate(([px, py]) => {
      const c = document.querySelector('.np-plot-points');
      const r = c.getBoundingClientRect();
      const k = c.width / r.width;
      return Array.from(c.getContext('2d').getImageData(Math.round((px - r.left) * k), Math.round((py - r.top) * k), 1, 1).data);
    }, [px, py]);
    assert.equal((await color(x, y))[3], 0, 'no point there before');
    await page.locator('.np-chip').nth(1).click();           // class 1 (blue)
    await page.mouse.click(x, y);
    await until(page, () => /501 points/.test(document.querySelector('.np-note').textContent));
    const c = await color(x, y);
    assert.ok(c[3] > 200 && c[2] > c[0], `a blue point is drawn: ${c}`);
    await page.keyboard.down('Shift');                           // shift-click: the other class
    await page.mouse.click(x + 30, y);
    await page.keyboard.up('Shift');
    await until(page, () => /502 points/.test(document.querySelector('.np-note').textContent));
    const c2 = await color(x + 30, y);
    assert.ok(c2[3] > 200 && c2[0] > c2[2], `an orange point is drawn: ${c2}`);
    await page.mouse.click(x, y, { button: 'right' });
    await until(page, () => /501 points/.test(document.querySelector('.np-note').textContent));
    assert.equal(await page.getAttribute('[data-dataset=gauss]', 'aria-pressed'), 'false');
  });
});

test('a bad CSV shows the engine error with its line number; a good one loads', async () => {
  await withPage('', async (page) => {
    await page.fill('.np-csv-text', 'x1,x2,label\n0.5,1,0\n2,abc,1\n');
    await page.click('[data-action=csv-load]');
    const msg = page.locator('[data-testid=csv-message]');
    await until(page, () => document.querySelector('[data-testid=csv-message]').textContent !== '');
    assert.match(await msg.textContent(), /line 3/);
    assert.ok(await msg.evaluate((e) => e.classList.contains('np-error')));
    const rows = ['x1,x2,label'];
    for (let i = 0; i < 40; ++i) rows.push(`${(i % 8) - 4},${Math.floor(i / 8) - 2},${i % 3}`);
    await page.setInputFiles('[data-testid=csv-file]', { name: 'three.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await until(page, () => /Loaded 40 points/.test(document.querySelector('[data-testid=csv-message]').textContent));
    assert.match(await page.locator('[data-testid=problem]').textContent(), /3 classes/);
    assert.equal(await page.locator('.np-node-output').count(), 3);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=csv-download]')]);
    const text = fs.readFileSync(await download.path(), 'utf8');
    assert.equal(text.trim().split('\n').length, 41);
    assert.match(text, /^x1,x2,label\n/);
  });
});

test('learning rate 10 with SGD on spiral diverges: training pauses with the message; reset recovers', async () => {
  await withPage('#dataset=spiral&optimizer=sgd&learning-rate=10&activation=linear&speed=max', async (page) => {
    await play(page);
    await page.waitForSelector('[data-testid=diverged]:not([hidden])', { timeout: 15000 });
    const text = await page.locator('[data-testid=diverged]').textContent();
    assert.match(text, /diverged/i);
    assert.match(text, /lower learning rate/);
    await waitForApp(page, (d) => d.running === 'false');
    await page.click('[data-action=reset]');
    await waitForApp(page, (d) => d.epoch === '0' && Number.isFinite(Number(d.testLoss)));
    assert.ok(await page.locator('[data-testid=diverged]').isHidden());
  });
});

test('model export and import, heat-map PNG, neuron hover and weight editing', async () => {
  await withPage('#dataset=xor&speed=5', async (page) => {
    await play(page);
    await waitForApp(page, (d) => Number(d.epoch) >= 50);
    await play(page);
    await waitForApp(page, (d) => d.running === 'false');
    const trained = await figures(page);
    const [modelFile] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-model]')]);
    const json = JSON.parse(fs.readFileSync(await modelFile.path(), 'utf8'));
    assert.equal(json.format, 'nnplay-playground');
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-png]')]);
    assert.deepEqual([...fs.readFileSync(await png.path()).subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');

    // reset, then import: the trained loss comes back
    await page.click('[data-action=reset]');
    await waitForApp(page, (d) => d.epoch === '0');
    await page.setInputFiles('[data-testid=model-file]', { name: 'm.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) });
    await page.waitForSelector('.np-notice-info');
    const d = await waitForApp(page, (x) => Math.abs(Number(x.testLoss) - trained.testLoss) < 1e-6);
    assert.equal(d.epoch, String(trained.epoch));

    // hover a hidden neuron: the plot shows its map
    await page.hover('.np-node:not(.np-node-input)');
    await page.waitForSelector('.np-plot-badge:not([hidden])');
    assert.match(await page.locator('.np-plot-badge').textContent(), /layer 1, neuron 1/);
    await page.mouse.move(5, 5);

    // hover the link x1 -> layer 1 neuron 1 (same row: a straight line), read it, click, edit it
    // Positions are measured again on each try: a notice closing can shift the layout.
    let mid;
    for (let attempt = 0; ; attempt++) {
      const a = await page.locator('.np-node-input').first().boundingBox();
      const b = await page.locator('.np-node:not(.np-node-input)').first().boundingBox();
      mid = { x: (a.x + a.width + b.x) / 2, y: a.y + a.height / 2 };
      await page.mouse.move(5, 5);
      await page.mouse.move(mid.x, mid.y);
      const shown = await until(page, () => !document.querySelector('.np-tip').hidden, undefined, { timeout: 2000 })
        .then(() => true, () => false);
      if (shown) break;
      assert.ok(attempt < 5, 'hovering the link never showed its weight');
    }
    assert.match(await page.locator('.np-tip').textContent(), /^Weight -?[\d.e-]+ +\(x₁ → layer 1, neuron 1\)/);
    await page.mouse.click(mid.x, mid.y);
    await page.fill('.np-edit', '-2.5');
    await page.press('.np-edit', 'Enter');
    // The tip is written on hover: hover again until the worker's next frame carries the edit.
    for (let attempt = 0; ; attempt++) {
      await page.mouse.move(5, 5);
      await page.mouse.move(mid.x, mid.y);
      const edited = await until(page, () => /^Weight -2\.5 /.test(document.querySelector('.np-tip').textContent), undefined,
        { timeout: 2000 }).then(() => true, () => false);
      if (edited) break;
      assert.ok(attempt < 10, 'the edited weight never showed in the tip');
    }

    // edit the output neuron's bias to a huge value: every point is class 1, loss changes
    await page.click('.np-node-output .np-bias');
    await page.fill('.np-edit', '50');
    await page.press('.np-edit', 'Enter');
    const edited = await waitForApp(page, (x) => Math.abs(Number(x.testMetric) - 0.5) < 0.1);
    assert.ok(Number(edited.testLoss) > trained.testLoss);
  });
});

test('the diagram keeps its links on a canvas of their own: after training it equals a fresh drawing', async () => {
  // The links are stroked again only when one changes sign or width step; a
  // missed change would leave old links on screen. Train (widths and signs
  // change), pause, read the diagram; then make the page lay the diagram out
  // afresh (a narrower window and back: a new canvas, every link stroked anew)
  // and read it again.
  await withPage('#dataset=spiral&layers=8,8&activation=tanh&learning-rate=0.3&speed=5', async (page) => {
    // a checksum of the whole canvas, and of the strip between the two hidden
    // columns, where only links are drawn
    const diagram = () => page.evaluate(() => {
      const c = document.querySelector('.np-net-canvas');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const hidden = [...document.querySelectorAll('.np-node:not(.np-node-input):not(.np-node-output)')].map((n) => n.getBoundingClientRect());
      const lefts = [...new Set(hidden.map((r) => Math.round(r.left)))].sort((a, b) => a - b);
      const origin = c.getBoundingClientRect().left, size = hidden[0].width, scale = c.width / c.getBoundingClientRect().width;
      // (a bias square reaches 4 px left of its neuron)
      const x0 = Math.ceil((lefts[0] + size + 6 - origin) * scale), x1 = Math.floor((lefts[1] - 6 - origin) * scale);
      const hash = (h, i) => (h * 31 + d[i] * 7 + d[i + 1] * 3 + d[i + 2] + d[i + 3]) % 1000000007;
      let inked = 0, sum = 0, links = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (!d[i + 3]) continue;
        ++inked, sum = hash(sum, i);
        const x = (i / 4) % c.width;
        if (x >= x0 && x <= x1) links = hash(links, i);
      }
      return { inked, sum, links, width: c.width, height: c.height, strip: x1 - x0 };
    });
    const canvasWidth = () => page.evaluate(() => document.querySelector('.np-net-canvas').width);
    await waitForApp(page, (d) => Number(d.frames) > 1);
    const start = await diagram();
    assert.ok(start.strip > 20, `the strip between the hidden columns is ${start.strip} px`);
    await play(page);
    // while training runs the links follow too (a change may wait one frame, not more)
    await waitForApp(page, (d) => Number(d.epoch) >= 20);
    const early = await diagram();
    await waitForApp(page, (d) => Number(d.epoch) >= 40);
    assert.notEqual((await diagram()).links, early.links, 'the links did not change between epochs 20 and 40 of a running training');
    await waitForApp(page, (d) => Number(d.epoch) >= 60);
    await play(page);
    await waitForApp(page, (d) => d.running === 'false');
    const trained = await diagram();
    assert.notEqual(trained.links, start.links, 'no link between the hidden layers changed while training');
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: viewport.width - 200, height: viewport.height });
    await until(page, (w) => document.querySelector('.np-net-canvas').width !== w, trained.width, { what: 'the diagram laid out for the narrower window' });
    await page.setViewportSize(viewport);
    await until(page, (w) => document.querySelector('.np-net-canvas').width === w, trained.width, { what: 'the diagram laid out again' });
    assert.equal(await canvasWidth(), trained.width);
    const fresh = await diagram();
    assert.ok(fresh.inked > 20000, `only ${fresh.inked} pixels drawn`);
    assert.deepEqual(trained, fresh, 'the links drawn during training differ from the same diagram drawn afresh');
  });
});

test('step one batch, stop after N epochs, learning rate without reset, features, no hidden layer, chart read-out', async () => {
  await withPage('#dataset=circle&speed=5', async (page) => {
    await page.click('[data-action=step-batch]');
    let d = await waitForApp(page, (x) => x.step === '1');
    assert.equal(d.epoch, '0');

    await page.fill('input[data-key=epochs]', '40');
    await page.press('input[data-key=epochs]', 'Enter');
    assert.equal((await hashParams(page)).epochs, '40');
    await play(page);
    d = await waitForApp(page, (x) => x.running === 'false' && Number(x.epoch) >= 40);
    assert.equal(d.epoch, '40');

    // a new learning rate keeps the trained network and the epoch count
    await page.selectOption('select[data-key=learningRate]', '0.01');
    await play(page);
    d = await waitForApp(page, (x) => Number(x.epoch) > 50);
    await play(page);
    assert.ok(Number(d.epoch) > 40);

    // hover the loss chart: epoch and both losses
    const chart = await page.locator('.np-chart').boundingBox();
    await page.mouse.move(chart.x + chart.width * 0.5, chart.y + chart.height / 2);
    assert.match(await page.locator('.np-chart-tip').textContent(), /epoch \d+ · training [\d.e-]+ · test [\d.e-]+/);

    // features: switch x1^2 and x2^2 on, then remove both hidden layers: circle is linear in them
    await page.click('.np-node-input[aria-label="Use feature x₁²"]');
    await page.click('.np-node-input[aria-label="Use feature x₂²"]');
    assert.equal((await hashParams(page)).features, 'x1,x2,x1^2,x2^2');
    const remove = page.locator('.np-net-header button[aria-label="Remove the last hidden layer"]');
    await remove.click();
    await remove.click();
    assert.ok(await remove.isDisabled());
    assert.equal(await page.locator('.np-net-count').textContent(), '0 hidden layers');
    assert.equal((await hashParams(page)).layers, '');
    await play(page);
    d = await waitForApp(page, (x) => Number(x.testLoss) < 0.2, 20000);
    assert.ok(Number(d.testMetric) > 0.95);
  });
});
