// Browser tests of the teaching layer (issue 6): the code view, languages, the
// neuron inspector, step mode, the explainers, accessibility (axe-core, keyboard,
// text alternatives) and phones. Chromium headless under the strict CSP, as
// playground.test.mjs. Run: node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { launch, withPage as withPageIn, waitForApp, until, figures, resultsDir, axe } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { if (env) await env.close(); });

const withPage = (hash, body, options) => withPageIn(env, hash, body, options);

const text = (page, sel) => page.evaluate((s) => document.querySelector(s).textContent, sel);

async function trainEpochs(page, n) {
  const start = (await figures(page)).epoch;
  for (let i = 0; i < n; ++i) {
    await page.click('[data-action=step-epoch]');
    await waitForApp(page, (d) => Number(d.epoch) >= start + i + 1);
  }
}

/** Runs the page's NumPy code on points with python3 + numpy; returns predict(points). */
function runNumpy(code, points) {
  const harness = '\nimport json, sys\nprint(json.dumps(predict(np.array(json.loads(sys.stdin.read()))).tolist()))\n';
  const r = spawnSync('/usr/bin/python3', ['-c', code.replace("if __name__ == '__main__':", 'if False:') + harness],
    { input: JSON.stringify(points), encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('code view: Keras names the page\'s layers, activations, loss and optimizer; the NumPy code with the trained weights predicts like the page', async () => {
  await withPage('#dataset=xor&layers=5,3&activation=relu,tanh&optimizer=rmsprop&learning-rate=0.01&batch-size=7&features=x1,x2,x1*x2', async (page, problems, context) => {
    await trainEpochs(page, 3);
    await page.click('[data-tab=code]');
    const keras = await until(page, () => {
      const t = document.querySelector('[data-testid=code-keras]').textContent;
      return t.includes('Dense') ? t : null;
    }, undefined, { what: 'the Keras code' });
    assert.match(keras, /Dense\(units=5, activation='relu'/);
    assert.match(keras, /Dense\(units=3, activation='tanh'/);
    assert.match(keras, /Dense\(units=1, activation='sigmoid'/);
    assert.match(keras, /BinaryCrossentropy/);
    assert.match(keras, /RMSprop\(learning_rate=0\.01/);
    assert.match(keras, /batch_size=7/);
    assert.equal((keras.match(/Dense\(units=/g) || []).length, 3);
    // the page shows the same settings
    assert.match(await text(page, '.np-net-output-info'), /Sigmoid · loss: binary cross-entropy/);
    assert.equal(await page.inputValue('select[data-key=optimizer]'), 'rmsprop');

    // training is stopped, so the weights in the code are the ones the inspector uses
    await page.click('[data-tab=numpy]');
    const numpy = await text(page, '[data-testid=code-numpy]');
    assert.match(numpy, /def dense\(a_in, W, b, g\)/);
    const js = await text(page, '[data-testid=code-js]');
    assert.match(js, /nn\.layers\.dense\(\{ *units: 5/);

    // compare with the page's own predictions: the inspector's ŷ for pinned points
    await page.click('[data-tab=inspect]');
    const points = [[0.5, -1.5], [-3, 2], [4.2, 4.9]];
    const fromPage = [];
    for (const [x1, x2] of points) {
      await page.fill('[data-testid=inspect-x1]', String(x1));
      await page.dispatchEvent('[data-testid=inspect-x1]', 'change');
      await page.fill('[data-testid=inspect-x2]', String(x2));
      await page.dispatchEvent('[data-testid=inspect-x2]', 'change');
      fromPage.push(Number(await page.getAttribute('[data-testid=inspector-math]', 'data-yhat')));
    }
    const fromNumpy = runNumpy(numpy, points).map((r) => r[0]);
    fromNumpy.forEach((v, i) => assert.ok(Math.abs(v - fromPage[i]) < 1e-5, `point ${points[i]}: numpy ${v}, page ${fromPage[i]}`));

    // copy buttons put the code on the clipboard
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.click('[data-tab=code]');
    await page.click('[data-tab=keras]');
    await page.click('[data-action=copy-keras]');
    await until(page, () => document.querySelector('.np-copy-status').textContent !== '', undefined, { what: 'the copy status' });
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(clip, keras);
  });
});

test('languages: switch to Simplified Chinese at any time without losing the run; lang in the URL; remembered; chosen from the browser', async () => {
  await withPage('#dataset=circle', async (page) => {
    await trainEpochs(page, 2);
    assert.equal(await page.getAttribute('[data-action=play]', 'aria-label'), 'Train');
    await page.selectOption('[data-testid=lang]', 'zh-CN');
    await until(page, () => document.querySelector('[data-action=play]').getAttribute('aria-label') === '训练', undefined, { what: 'Chinese labels' });
    assert.equal(await text(page, '.np-col-data .np-card-title'), '数据');
    assert.equal(await text(page, '.np-logo + .np-tagline'), '在浏览器中训练一个真正的神经网络');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    assert.match(await page.evaluate(() => location.hash), /lang=zh-CN/);
    // the run goes on where it was: same epoch, the diagram and the teaching panel are back
    const f = await figures(page);
    assert.equal(f.epoch, 2);
    await until(page, () => document.querySelector('.np-node-output') !== null, undefined, { what: 'the diagram again' });
    assert.equal(await text(page, '[data-tab=inspect]'), '神经元检查器');
    await page.click('[data-action=step-epoch]');
    await waitForApp(page, (d) => d.epoch === '3');
    // no raw key anywhere on the page
    const body = await page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(body, /\b(toolbar|control|data|network|output|teach|inspect|code|explain|step)\.[a-z]+[A-Z]?\w*\b/);
    await page.screenshot({ path: path.join(resultsDir(), 'teach-zh-CN.png'), fullPage: true });
    // and back
    await page.selectOption('[data-testid=lang]', 'en');
    await until(page, () => document.querySelector('[data-action=play]').getAttribute('aria-label') === 'Train', undefined, { what: 'English labels' });
  });
  // a link with lang=zh-CN opens in Chinese
  await withPage('#lang=zh-CN', async (page) => {
    assert.equal(await text(page, '.np-col-data .np-card-title'), '数据');
  });
  // first visit from a Chinese browser: Chinese; the choice is remembered on the next visit
  const ctx = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  try {
    const page = await ctx.newPage();
    await page.goto(env.server.url);
    await waitForApp(page, (d) => Number(d.frames) > 0);
    assert.equal(await text(page, '.np-col-data .np-card-title'), '数据');
    await page.selectOption('[data-testid=lang]', 'en');
    await page.goto(env.server.url + '#dataset=xor');
    await page.reload();
    await waitForApp(page, (d) => Number(d.frames) > 0);
    assert.equal(await text(page, '.np-col-data .np-card-title'), 'Data');
  } finally {
    await ctx.close();
  }
});

test('neuron inspector: live z and a of the hovered/pinned neuron with sub/superscripts; softmax with its numbers', async () => {
  await withPage('#dataset=blobs&classes=3&layers=3', async (page) => {
    await trainEpochs(page, 1);
    // hover a point on the plot and a neuron in the diagram
    const box = await page.locator('.np-plot').boundingBox();
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.25);  // about (3, 3)
    const x1 = Number(await page.inputValue('[data-testid=inspect-x1]'));
    assert.ok(Math.abs(x1 - 3) < 0.2, `hovered x1 ${x1}`);
    await page.hover('.np-node:not(.np-node-input):not(.np-node-output)');
    const math = '[data-testid=inspector-math]';
    await until(page, (s) => document.querySelector(s).dataset.yhat, math, { what: 'the inspector with weights' });
    const formula = await page.evaluate((s) => {
      const f = document.querySelector(s + ' .np-math-formula');
      return { text: f.textContent, subs: f.querySelectorAll('sub').length, sups: f.querySelectorAll('sup').length, html: f.innerHTML.includes('<script') };
    }, math);
    assert.equal(formula.text.replace(/\s+/g, ''), 'z[l]j=w[l]j·a[l−1]+b[l]j');
    assert.equal(formula.subs, 3);
    assert.equal(formula.sups, 4);
    // pin, then check the numbers add up: z = Σ w·a + b and a = tanh(z)
    await page.click('[data-testid=inspect-pin]');
    assert.equal(await page.getAttribute('[data-testid=inspect-pin]', 'aria-pressed'), 'true');
    await page.mouse.move(box.x + 5, box.y + 5);
    assert.ok(Math.abs(Number(await page.inputValue('[data-testid=inspect-x1]')) - x1) < 1e-9, 'a pinned point stays');
    const { z, a } = await page.evaluate((s) => ({ ...document.querySelector(s).dataset }), math);
    assert.ok(Math.abs(Math.tanh(Number(z)) - Number(a)) < 1e-9);
    // the output layer: softmax formula with numbers, and ŷ sums to 1
    await page.selectOption('[data-testid=inspect-layer]', '2');
    const soft = await page.evaluate((s) => document.querySelector(s).textContent, math);
    assert.match(soft, /Σk/);
    assert.match(soft, /ŷ = a\[2\] = \(/);
    const yhat = (await page.getAttribute(math, 'data-yhat')).split(',').map(Number);
    assert.equal(yhat.length, 3);
    assert.ok(Math.abs(yhat.reduce((p, q) => p + q, 0) - 1) < 1e-9);
    // while training, the numbers change in the formula's own nodes: a reader's selection stays
    await page.evaluate((s) => {
      const f = document.querySelector(s + ' .np-math-formula');
      f.nnplayMark = 'the same node';  // a property: the patch sets the node's attributes to the new ones
      const range = document.createRange();
      range.selectNodeContents(f);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    }, math);
    const shown = await page.evaluate((s) => document.querySelector(s).textContent, math);
    await page.evaluate(() => document.querySelector('[data-action=play]').click());  // a real click would move the selection
    await until(page, ([s, before]) => document.querySelector(s).textContent !== before, [math, shown], { what: 'new numbers in the inspector' });
    const kept = await page.evaluate((s) => ({ mark: document.querySelector(s + ' .np-math-formula').nnplayMark, selected: getSelection().toString() }), math);
    await page.evaluate(() => document.querySelector('[data-action=play]').click());
    assert.equal(kept.mark, 'the same node');
    assert.equal(kept.selected.replace(/\s+/g, ''), 'z[l]j=w[l]j·a[l−1]+b[l]j');
    const after = await page.evaluate((s) => { const d = document.querySelector(s).dataset; return [Number(d.z), Number(d.a)]; }, math);
    assert.ok(after.every(Number.isFinite), `the inspector's z and a after training: ${after}`);
    await (await page.$('[data-testid=teach]')).screenshot({ path: path.join(resultsDir(), 'teach-inspector.png') });
  }, { viewport: { width: 1440, height: 1500 } });  // the plot, the diagram and the Learn card on one screen
});

test('step mode walks forward layer by layer, then backward with each layer\'s error signal, then one batch\'s update', async () => {
  await withPage('#dataset=xor&layers=3,2', async (page) => {
    await page.click('[data-tab=step]');
    const seen = [];
    for (let i = 0; i < 8; ++i) {
      await page.click('[data-action=step-next]');
      seen.push(await page.evaluate(() => ({
        phase: document.querySelector('.np-step').dataset.phase,
        active: [...document.querySelectorAll('.np-step-col')].findIndex((c) => c.classList.contains('np-step-active')),
        text: document.querySelector('[data-testid=step-detail]').textContent,
        lit: document.querySelectorAll('.np-node.np-step-layer').length,
      })));
    }
    // 0 inputs, 1..3 forward, 4 loss, 5..7 backward (layers 3, 2, 1), 8 update
    assert.deepEqual(seen.map((s) => s.active), [0, 1, 2, 3, 3, 3, 2, 1]);
    // the diagram highlights the same layer: 7 inputs, then 3, 2 and 1 neurons
    assert.deepEqual(seen.slice(0, 4).map((s) => s.lit), [7, 3, 2, 1]);
    assert.match(seen[1].text, /Forward pass, layer 1/);
    assert.match(seen[4].text, /L = /);
    assert.match(seen[5].text, /δ\[3\] = ∂L\/∂z\[3\] = ŷ − y/);
    assert.match(seen[6].text, /δ\[2\] = \(W\[3\] δ\[3\]\) ⊙ g′/);
    await page.click('[data-action=step-next]');
    const last = await text(page, '[data-testid=step-detail]');
    assert.match(last, /Weight update from one batch \(10 training points/);
    assert.match(last, /ΔW\[1\]/);
    assert.equal(await page.isDisabled('[data-action=step-next]'), true);
    assert.equal(await page.evaluate(() => document.querySelectorAll('.np-step-layer').length), 0);
    await page.click('[data-action=step-restart]');
    assert.equal(await page.isDisabled('[data-action=step-next]'), false);
  });
});

test('explainers: the loss formula and plot follow the problem; the activation plot shows g and g\'', async () => {
  await withPage('#dataset=plane', async (page) => {
    await page.click('[data-tab=explain]');
    assert.match(await text(page, '[data-testid=loss-formula]'), /\(ŷ − y\)2/);
    await page.selectOption('select[data-key=activation]', 'relu');
    assert.equal(await page.inputValue('[data-testid=explain-activation]'), 'relu');
    assert.match(await text(page, '[data-testid=activation-formula]'), /max\(0, z\)/);
    const label = await page.getAttribute('.np-explainer:nth-child(2) canvas', 'aria-label');
    assert.match(label, /ReLU/);
    await page.click('[data-dataset=blobs]');
    await until(page, () => /log/.test(document.querySelector('[data-testid=loss-formula]').textContent), undefined, { what: 'the cross-entropy formula' });
  });
});


test('accessibility: axe-core finds no serious or critical violations (English, Chinese, every teaching tab, multi-class)', async () => {
  const serious = (list) => list.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  await withPage('#dataset=circle', async (page) => {
    await trainEpochs(page, 1);
    const all = [];
    for (const tab of ['inspect', 'step', 'code', 'explain']) {
      await page.click(`[data-tab=${tab}]`);
      if (tab === 'step') await page.click('[data-action=step-next]');
      all.push(...serious(await axe(page)));
    }
    await page.selectOption('[data-testid=lang]', 'zh-CN');
    await until(page, () => document.querySelector('[data-action=play]').getAttribute('aria-label') === '训练', undefined, { what: 'Chinese' });
    all.push(...serious(await axe(page)));
    assert.deepEqual(all, []);
  });
  await withPage('#dataset=blobs&classes=5', async (page) => {
    assert.deepEqual(serious(await axe(page)), []);
  });
});

test('accessibility: keyboard reaches and operates the controls with a visible focus; the chart and the plot have text alternatives', async () => {
  await withPage('#dataset=xor', async (page) => {
    // every button, select and input can take the keyboard focus (no negative tabindex, none hidden from it)
    const unreachable = await page.evaluate(() => [...document.querySelectorAll('button, select, input, textarea, [role=tab]')]
      .filter((el) => !el.closest('[hidden]') && el.getClientRects().length && !el.classList.contains('np-visually-hidden'))
      .filter((el) => el.tabIndex < 0 && !(el.getAttribute('role') === 'tab' && el.getAttribute('aria-selected') === 'false'))
      .map((el) => el.outerHTML.slice(0, 80)));
    assert.deepEqual(unreachable, []);
    // every control has a name for screen readers (axe checks too; here: the ones we build)
    const unnamed = await page.evaluate(() => [...document.querySelectorAll('button, select, input:not([type=file])')]
      .filter((el) => !el.closest('[hidden]') && el.getClientRects().length)
      .filter((el) => !(el.getAttribute('aria-label') || el.textContent.trim() || el.closest('label') || el.getAttribute('title')))
      .map((el) => el.outerHTML.slice(0, 80)));
    assert.deepEqual(unnamed, []);
    // Tab to the play button and press Enter: training starts; the focus ring shows
    await page.focus('[data-action=reset]');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const s = getComputedStyle(el);
      return { action: el.getAttribute('data-action'), outline: s.outlineStyle, width: parseFloat(s.outlineWidth), visible: el.matches(':focus-visible') };
    });
    assert.equal(focused.action, 'play');
    assert.ok(focused.visible && focused.outline !== 'none' && focused.width >= 2, JSON.stringify(focused));
    await page.keyboard.press('Enter');
    await waitForApp(page, (d) => d.running === 'true' && Number(d.epoch) > 3);
    await page.keyboard.press('Enter');
    await waitForApp(page, (d) => d.running === 'false');
    // the teaching tabs work with the arrow keys
    await page.focus('[data-tab=inspect]');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-tab')), 'step');
    assert.equal(await page.getAttribute('[data-tab=step]', 'aria-selected'), 'true');
    await page.keyboard.press('Enter');
    // text alternatives: epoch, losses and accuracy
    const f = await figures(page);
    const chart = await page.getAttribute('.np-chart', 'aria-label');
    const plot = await page.getAttribute('.np-plot', 'aria-label');
    assert.match(chart, new RegExp(`Epoch ${f.epoch}\\. Training loss [0-9.]+, test loss [0-9.]+`));
    assert.match(plot, new RegExp(`Epoch ${f.epoch}\\. accuracy: training [0-9.]+%, test [0-9.]+%`));
  });
});

test('phones: at 375 px the layout stacks, nothing overflows sideways, tapping adds points and the controls work', async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  try {
    const p = await ctx.newPage();
    const errors = [];
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await p.goto(env.server.url + '#dataset=circle');
    await waitForApp(p, (d) => Number(d.frames) > 0);
    await until(p, () => document.querySelector('.np-node-output') !== null, undefined, { what: 'the diagram' });
    const layout = await p.evaluate(() => {
      const r = (s) => document.querySelector(s).getBoundingClientRect();
      return {
        scrollWidth: document.documentElement.scrollWidth,
        data: r('.np-col-data'), network: r('.np-col-network'), output: r('.np-col-output'), teach: r('.np-teach'),
      };
    });
    assert.ok(layout.scrollWidth <= 376, `page is ${layout.scrollWidth} px wide`);
    // stacked: one column, each card below the previous one; the output first (issue 9: Play, the loss and the plot together)
    assert.ok(layout.network.top >= layout.output.bottom - 1 && layout.data.top >= layout.network.bottom - 1 && layout.teach.top >= layout.data.bottom - 1,
      JSON.stringify(layout));
    for (const k of ['data', 'network', 'output', 'teach']) assert.ok(layout[k].width <= 375 && layout[k].left >= 0, k);
    // tap the plot: a point is added (the data becomes the user's own)
    const plot = p.locator('.np-plot');
    await plot.scrollIntoViewIfNeeded();
    const box = await plot.boundingBox();
    await p.touchscreen.tap(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await until(p, () => /\d+/.test(document.querySelector('.np-note')?.textContent || '') && !document.querySelector('.np-note').hidden, undefined, { what: 'the added point' });
    assert.match(await p.textContent('.np-note'), /501 points/);
    // the run buttons are big enough to tap and work by touch
    const play = await p.locator('[data-action=play]').boundingBox();
    assert.ok(play.width >= 40 && play.height >= 40, JSON.stringify(play));
    await p.locator('[data-action=play]').scrollIntoViewIfNeeded();
    await p.tap('[data-action=play]');
    await waitForApp(p, (d) => d.running === 'true' && Number(d.epoch) > 2);
    await p.tap('[data-action=play]');
    await waitForApp(p, (d) => d.running === 'false');
    // the teaching panel's tabs by touch
    await p.locator('[data-tab=code]').scrollIntoViewIfNeeded();
    await p.tap('[data-tab=code]');
    assert.equal(await p.getAttribute('[data-tab=code]', 'aria-selected'), 'true');
    const pre = await p.locator('[data-testid=code-keras]').boundingBox();
    assert.ok(pre.width <= 375, 'the code scrolls inside its box');
    await p.screenshot({ path: path.join(resultsDir(), 'teach-phone.png'), fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});

test('inside <nn-playground> (shadow DOM, strict CSP): the Learn card works and its language switches for that instance only', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  try {
    await page.goto(env.server.url + 'examples/csp.html');
    const host = '#csp-a';
    await until(page, () => Number(document.getElementById('csp-a')?.shadowRoot?.querySelector('.np-root')?.dataset.frames) > 2, undefined, { what: 'the element\'s frames' });
    await page.locator(`${host} [data-tab=code]`).click();
    const keras = await until(page, () => {
      const pre = document.getElementById('csp-a').shadowRoot.querySelector('[data-testid=code-keras]');
      return pre && pre.textContent.includes('Dense') ? pre.textContent : null;
    }, undefined, { what: 'the code view in the shadow root' });
    assert.match(keras, /Dense\(units=6, activation='tanh'/);
    assert.match(keras, /Dense\(units=4, activation='tanh'/);
    await page.locator(`${host} [data-testid=lang]`).selectOption('zh-CN');
    await until(page, () => document.getElementById('csp-a').shadowRoot.querySelector('[data-tab=code]')?.textContent === '代码', undefined, { what: 'Chinese tabs' });
    // the host page keeps its language
    assert.equal(await page.evaluate(() => document.documentElement.lang || 'en'), 'en');
    await until(page, () => Number(document.getElementById('csp-a').shadowRoot.querySelector('.np-root').dataset.frames) > 0, undefined, { what: 'frames after the switch' });
    assert.equal(await page.evaluate(() => window.__violations ? window.__violations.length : 0), 0, 'CSP violations');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('dropout: a per-layer option on the diagram, in the link, trained in the worker, and in the code view (Keras Dropout, not in NumPy)', async () => {
  await withPage('#dataset=circle&layers=6,3&dropout=0.2,0', async (page, problems) => {
    await waitForApp(page, (d) => Number(d.frames) > 0);
    const menus = page.locator('select[data-layer-key=dropout]');
    await until(page, () => document.querySelectorAll('select[data-layer-key=dropout]').length === 2, undefined, { what: 'two dropout menus' });
    assert.equal(await menus.nth(0).inputValue(), '0.2');
    assert.equal(await menus.nth(1).inputValue(), '0');
    // Changing it rebuilds the network and goes to the link.
    await menus.nth(1).selectOption('0.5');
    await until(page, () => location.hash.includes('dropout=0.2,0.5'), undefined, { what: 'dropout in the hash' });
    await trainEpochs(page, 3);
    const f = await figures(page);
    assert.ok(Number.isFinite(Number(f.trainLoss)), 'it trains');
    await page.click('[data-tab=code]');
    const keras = await until(page, () => {
      const t = document.querySelector('[data-testid=code-keras]').textContent;
      return t.includes('Dropout(') ? t : null;
    }, undefined, { what: 'Dropout in the Keras code' });
    assert.match(keras, /Dense\(units=6, [^\n]*\n\s*Dropout\(0\.2\),/);
    assert.match(keras, /Dense\(units=3, [^\n]*\n\s*Dropout\(0\.5\),/);
    const js = await text(page, '[data-testid=code-js]');
    assert.match(js, /nn\.layers\.dropout\(\{ rate: 0\.2 \}\)/);
    const numpy = await text(page, '[data-testid=code-numpy]');
    assert.doesNotMatch(numpy, /^\s*a\d = .*dropout/im, 'the NumPy forward pass has no dropout step');
    assert.match(numpy, /Dropout\(0\.2\) after layer 1 is active only while training/);
    assert.deepEqual(problems, []);
  });
});
