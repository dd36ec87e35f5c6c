// The page as a person sees it (issue 9), measured in headless Chromium as
// element positions against the viewport: a 1280x800 laptop and a 375x740
// phone (Play, the loss figures and the whole plot without scrolling; 44 px
// touch targets), an 8 x 16 network (no overlapping labels or menus), notices
// that stay in view and go when they no longer apply, Step mode after a
// language switch, and each <nn-playground> in its own language. Screenshots
// go to test-results/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, openPage, waitForApp, until, resultsDir, tmpDir, DIST, CSP } from './helpers.mjs';
import { startServer } from '../../scripts/serve.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { if (env) await env.close(); });

const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };
const phoneOptions = { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Opens the page (at scroll 0), waits for the first frame and the diagram; body(page); then no errors. */
async function withLayout(hash, viewport, body, contextOptions = {}) {
  const { page, context, problems } = await openPage(env, hash, { viewport, ...contextOptions });
  try {
    await waitForApp(page, (d) => Number(d.frames) > 0);
    await until(page, () => document.querySelector('.np-node-output') !== null, undefined, { what: 'the network diagram' });
    await body(page);
    assert.deepEqual(problems, [], 'console errors or uncaught exceptions');
  } finally {
    await context.close();
  }
}

/** Bounding rectangles (viewport coordinates) of the first element matching each selector. */
const rects = (page, selectors) => page.evaluate((selectors) => Object.fromEntries(Object.entries(selectors).map(([k, s]) => {
  const r = document.querySelector(s).getBoundingClientRect();
  return [k, { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height }];
})), selectors);

const inView = (r, vp) => r.top >= 0 && r.left >= 0 && r.bottom <= vp.height + 0.5 && r.right <= vp.width + 0.5 && r.width > 0;

const FOLD = { play: '[data-action=play]', plot: '.np-plot', testLoss: '[data-testid=test-loss]',
  trainLoss: '[data-testid=train-loss]', chart: '.np-chart', epoch: '[data-testid=epoch]' };

for (const lang of ['en', 'zh-CN']) {
  test(`1280x800 (${lang}): Play, the epoch, the loss figures and the whole plot are in view without scrolling`, async () => {
    await withLayout(`#lang=${lang}`, LAPTOP, async (page) => {
      const r = await rects(page, { ...FOLD, bar: '.np-bar', settings: '.np-settings', lr: 'select[data-key=learningRate]', regRate: 'select[data-key=regRate]' });
      for (const k of Object.keys(FOLD)) assert.ok(inView(r[k], LAPTOP), `${k} ${JSON.stringify(r[k])}`);
      assert.ok(r.plot.width >= 300, `the plot is ${r.plot.width} px wide`);
      // the settings take one row
      assert.ok(Math.abs(r.lr.top - r.regRate.top) < 2, `settings wrap: ${r.lr.top} vs ${r.regRate.top}`);
      assert.ok(r.bar.height <= 90, `the bar is ${r.bar.height} px tall`);
      await page.screenshot({ path: path.join(resultsDir(), `layout-1280-${lang}.png`) });
    });
  });

  test(`375x740 phone (${lang}): Play, the loss and the plot together; the other panels below; touch targets of 44 px`, async () => {
    await withLayout(`#lang=${lang}`, PHONE, async (page) => {
      const r = await rects(page, { ...FOLD, settings: '.np-settings-box', network: '.np-col-network', data: '.np-col-data', teach: '.np-teach', inside: '.np-inside' });
      for (const k of ['play', 'plot', 'testLoss', 'trainLoss', 'chart', 'epoch']) assert.ok(inView(r[k], PHONE), `${k} ${JSON.stringify(r[k])}`);
      for (const k of ['settings', 'network', 'data', 'teach', 'inside']) assert.ok(r[k].top >= r.plot.bottom, `${k} is not below the plot`);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= PHONE.width + 1, 'the page scrolls sideways');
      await page.screenshot({ path: path.join(resultsDir(), `layout-375-${lang}.png`) });
      // Every control a finger uses: at least 44 x 44 CSS px (the diagram's neuron
      // tiles are the picture itself, not controls, and stay their size).
      const small = await page.evaluate(() => {
        const targets = document.querySelectorAll('button:not(.np-node), select, input:not([type=file]):not([type=checkbox]), label.np-check, [role=tab]');
        return [...targets].filter((el) => el.getClientRects().length > 0 && !el.closest('[hidden], .np-ctl-hidden')).map((el) => {
          const b = el.getBoundingClientRect();
          return { what: el.getAttribute('data-action') || el.getAttribute('aria-label') || el.getAttribute('data-key') || el.className || el.tagName, w: b.width, h: b.height };
        }).filter((b) => b.w < 44 || b.h < 44);
      });
      assert.deepEqual(small, [], 'touch targets under 44 px');
    }, phoneOptions);
  });
}

/** Checks the diagram: column titles and menus do not overlap, menus show their text and sit above the neurons. */
async function assertDiagram(page, root = 'document') {
  const d = await page.evaluate((root) => {
    const r = root === 'document' ? document : document.getElementById(root).shadowRoot;
    const box = (el) => { const b = el.getBoundingClientRect(); return { left: b.left, right: b.right, top: b.top, bottom: b.bottom }; };
    const body = r.querySelector('.np-net-body');
    const ctx = document.createElement('canvas').getContext('2d');
    const menus = [...r.querySelectorAll('.np-col-head select')].filter((s) => s.getClientRects().length > 0).map((s) => {
      ctx.font = getComputedStyle(s).font;
      return { ...box(s), text: ctx.measureText(s.selectedOptions[0].text).width, width: s.clientWidth };
    });
    return {
      titles: [...r.querySelectorAll('.np-col-title')].map(box),
      menus,
      heads: [...r.querySelectorAll('.np-col-head')].map(box),
      nodes: [...r.querySelectorAll('.np-node:not(.np-node-input)')].map(box),
      body: { ...box(body), scrollRight: box(body).left + body.scrollWidth },
    };
  }, root);
  const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  for (const list of [d.titles, d.menus, d.heads])
    for (let i = 0; i < list.length; ++i)
      for (let j = i + 1; j < list.length; ++j) assert.ok(!overlap(list[i], list[j]), `overlap: ${JSON.stringify([list[i], list[j]])}`);
  const firstNode = Math.min(...d.nodes.map((n) => n.top));
  for (const m of d.menus) {
    assert.ok(m.left >= d.body.left - 0.5 && m.right <= d.body.scrollRight + 0.5, `a menu outside the diagram: ${JSON.stringify(m)}`);
    assert.ok(m.bottom <= firstNode, `a menu over the top neuron: ${m.bottom} > ${firstNode}`);
    assert.ok(m.width >= m.text, `a menu cuts its text: ${m.text} px of text in ${m.width} px`);
  }
  for (const hd of d.heads) for (const n of d.nodes) assert.ok(!overlap(hd, n), 'a column head over a neuron');
}

const DEEP = '#layers=16,16,16,16,16,16,16,16&activation=relu,tanh,sigmoid,linear,leakyRelu,elu,relu,tanh';

test('8 layers x 16 neurons: labels and menus do not overlap, menus show their text above the neurons (laptop and phone)', async () => {
  await withLayout(DEEP, LAPTOP, async (page) => {
    await assertDiagram(page);
    const scroller = await page.evaluate(() => { const s = document.querySelector('.np-net-scroll'); return { client: s.clientWidth, scroll: s.scrollWidth }; });
    assert.ok(scroller.scroll > scroller.client, 'a deep network scrolls sideways inside its card');
    await page.locator('.np-col-network').screenshot({ path: path.join(resultsDir(), 'layout-8x16-1280.png') });
    // the activation of all layers says "mixed" while the layers differ
    assert.equal(await page.evaluate(() => document.querySelector('select[data-key=activation]').selectedOptions[0].text), 'mixed');
    await page.selectOption('select[data-key=activation]', 'tanh');
    await until(page, () => [...document.querySelectorAll('.np-col-head select[data-layer-key=activation]')].every((s) => s.value === 'tanh'), undefined, { what: 'every layer tanh' });
  });
  await withLayout(DEEP, PHONE, async (page) => {
    await page.locator('.np-col-network').scrollIntoViewIfNeeded();
    await assertDiagram(page);
    await page.locator('.np-col-network').screenshot({ path: path.join(resultsDir(), 'layout-8x16-375.png') });
  }, phoneOptions);
  await withLayout('#layers=3&activation=sigmoid&dataset=xor', PHONE, async (page) => assertDiagram(page), phoneOptions);
});

test("lesson.html: the XOR example's activation menu does not cover its top neuron (laptop and phone)", async () => {
  for (const options of [{ viewport: LAPTOP }, phoneOptions]) {
    const context = await env.browser.newContext(options);
    try {
      const page = await context.newPage();
      await page.goto(env.server.url + 'examples/lesson.html');
      await until(page, () => document.getElementById('xor')?.shadowRoot?.querySelector('.np-node-output'), undefined, { timeout: 30000, what: 'the XOR diagram' });
      await page.evaluate(() => document.getElementById('xor').scrollIntoView());
      await new Promise((r) => setTimeout(r, 300));
      await assertDiagram(page, 'xor');
      await page.locator('#xor').screenshot({ path: path.join(resultsDir(), `layout-lesson-xor-${options.viewport.width}.png`) });
    } finally {
      await context.close();
    }
  }
});

test('notices: in view wherever the page is scrolled, at most three, and gone when they no longer apply', async () => {
  await withLayout('', LAPTOP, async (page) => {
    // A bad model file, chosen with the page scrolled to the bottom: the error shows in the viewport.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.setInputFiles('[data-testid=model-file]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"layers": 3') });
    await until(page, () => document.querySelector('.np-notice-error'), undefined, { what: 'the model error' });
    let r = await rects(page, { notice: '.np-notice-error' });
    assert.ok(inView(r.notice, LAPTOP), `the error is out of view: ${JSON.stringify(r.notice)}`);
    assert.match(await page.textContent('.np-notice-error'), /This model file could not be used: not JSON/);
    // and at the top of the page too
    await page.evaluate(() => window.scrollTo(0, 0));
    r = await rects(page, { notice: '.np-notice-error' });
    assert.ok(inView(r.notice, LAPTOP), `the error is out of view at the top: ${JSON.stringify(r.notice)}`);
    // Many notices: one per topic, at most three.
    for (let i = 0; i < 4; ++i) await page.setInputFiles('[data-testid=model-file]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('x') });
    await page.click('.np-node-input[aria-label="Use feature x₂"]');
    await page.click('.np-node-input[aria-label="Use feature x₁"]');  // the last one: "at least one feature"
    await until(page, () => document.querySelector('.np-notice-warning'), undefined, { what: 'the feature warning' });
    await page.evaluate(() => { location.hash = '#dataset=nope'; });
    await until(page, () => document.querySelectorAll('.np-notice').length === 3, undefined, { what: 'three notices' });
    assert.equal(await page.locator('.np-notice-error').count(), 1, 'the same error is not stacked');
    // Turning a feature on again: the warning about features no longer applies.
    await page.click('.np-node-input[aria-label="Use feature x₂"]');
    await until(page, () => ![...document.querySelectorAll('.np-notice')].some((n) => /feature/.test(n.textContent)), undefined, { what: 'the feature warning to go' });
    // Dismissed by its button.
    await page.click('.np-notice-error .np-notice-close');
    assert.equal(await page.locator('.np-notice-error').count(), 0);
  });
  await withLayout('', PHONE, async (page) => {
    await page.locator('[data-testid=model-file]').evaluate((el) => el.scrollIntoView());
    await page.setInputFiles('[data-testid=model-file]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('[]') });
    await until(page, () => document.querySelector('.np-notice-error'), undefined, { what: 'the model error' });
    const r = await rects(page, { notice: '.np-notice-error' });
    assert.ok(inView(r.notice, PHONE), `the error is out of view on a phone: ${JSON.stringify(r.notice)}`);
    await page.screenshot({ path: path.join(resultsDir(), 'layout-375-notice.png') });
  }, phoneOptions);
});

test('a CSV note goes when another dataset is picked', async () => {
  await withLayout('', LAPTOP, async (page) => {
    await page.fill('.np-csv-text', 'x1,x2,label\n1,2,0\n-1,-2,1\n3,1,0\n');
    await page.click('[data-action=csv-load]');
    await until(page, () => /Loaded 3 points/.test(document.querySelector('[data-testid=csv-message]').textContent), undefined, { what: 'the CSV note' });
    await page.click('[data-dataset=xor]');
    await until(page, () => document.querySelector('[data-testid=csv-message]').textContent === '', undefined, { what: 'the CSV note to go' });
  });
});

test('Step mode and the activation plot speak the language chosen with the picker', async () => {
  await withLayout('#lang=en', LAPTOP, async (page) => {
    await page.selectOption('[data-testid=lang]', 'zh-CN');
    await until(page, () => document.querySelector('[data-action=play]').getAttribute('aria-label') === '训练', undefined, { what: 'the Chinese page' });
    await page.click('[data-tab=step]');
    await page.click('[data-action=step-next]');
    assert.equal(await page.textContent('[data-action=step-next]'), '下一步');
    assert.match(await page.textContent('[data-testid=step-strip]'), /^输入/);
    await page.click('[data-action=step-next]');
    assert.match(await page.textContent('[data-testid=step-detail]'), /前向传播，第 1 层：/);
    for (let i = 0; i < 12; ++i) if (!(await page.isDisabled('[data-action=step-next]'))) await page.click('[data-action=step-next]');
    assert.equal(await page.textContent('[data-action=step-next]'), '完成');
    assert.doesNotMatch(await page.textContent('[data-testid=step-detail]'), /\b(Next|inputs|Forward|Weight update|mean)\b/);
    // the weight update shows the change itself, and enough digits to see it
    const update = await page.textContent('[data-testid=step-update-1]');
    const [before, afterText] = update.split('→');
    assert.notEqual(before.replace(/^.*?:/, '').trim(), afterText.trim(), `the update rounds the change away: ${update}`);
    // the activation plot's text alternative
    await page.click('[data-tab=explain]');
    await page.selectOption('[data-testid=explain-activation]', 'relu');
    assert.match(await page.getAttribute('.np-explainer:nth-child(2) canvas', 'aria-label'), /z 的范围为/);
    await page.screenshot({ path: path.join(resultsDir(), 'layout-1280-zh-CN-step.png'), fullPage: true });
  });
});

test('each <nn-playground> has its own language, apart from the page and the others', async () => {
  const dir = tmpDir();
  fs.copyFileSync(path.join(DIST, 'nn-playground-single.js'), path.join(dir, 'nn-playground-single.js'));
  fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>languages</title><link rel="icon" href="data:,">
<script type="module" src="nn-playground-single.js"></script></head>
<body><nn-playground id="zh" lang="zh-CN" dataset="xor" layers="2" batch-size="999"></nn-playground>
<nn-playground id="en" lang="en" dataset="xor" layers="2" batch-size="999"></nn-playground>
<nn-playground id="bad" lang="klingon" controls="bogus" height="-50" dataset="xor"></nn-playground></body></html>`);
  const server = await startServer({ root: dir, port: 0, headers: () => ({ 'Content-Security-Policy': CSP }) });
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(server.url + 'index.html');
    const text = (id, sel) => page.evaluate(([id, sel]) => document.getElementById(id).shadowRoot.querySelector(sel).textContent, [id, sel]);
    // as a person does: scrolled into view (the Learn card draws only while on screen), then clicked
    const click = async (id, sel) => {
      await page.evaluate(([id, sel]) => document.getElementById(id).shadowRoot.querySelector(sel).scrollIntoView({ block: 'center' }), [id, sel]);
      await page.waitForTimeout(150);
      await page.evaluate(([id, sel]) => document.getElementById(id).shadowRoot.querySelector(sel).click(), [id, sel]);
    };
    await until(page, () => ['zh', 'en', 'bad'].every((id) => document.getElementById(id)?.shadowRoot?.querySelector('.np-node-output')),
      undefined, { timeout: 30000, what: 'three diagrams' });
    // Each instance's own clicks (outside any language wrapper) keep its language.
    for (const id of ['zh', 'en']) for (const sel of ['[data-tab=step]', '[data-action=step-next]', '[data-action=step-next]']) await click(id, sel);
    assert.equal(await text('zh', '[data-action=step-next]'), '下一步');
    assert.equal(await text('en', '[data-action=step-next]'), 'Next');
    assert.match(await text('zh', '[data-testid=step-detail]'), /前向传播/);
    assert.match(await text('en', '[data-testid=step-detail]'), /Forward pass, layer 1:/);
    // warnings in each instance's language
    assert.match(await text('zh', '.np-notice'), /属性被忽略或调整：batch-size：999 超出 1\.\.100；改用 100/);
    assert.match(await text('en', '.np-notice'), /Attribute ignored or adjusted: batch-size: 999 is outside 1\.\.100; using 100/);
    // the page around them keeps its own language
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    // Bad embedding options are said, not swallowed: every control stays, the box keeps its minimum height.
    const bad = await page.evaluate(() => {
      const r = document.getElementById('bad').shadowRoot;
      return {
        notices: r.querySelector('.np-notices').textContent,
        hidden: r.querySelectorAll('.np-ctl-hidden').length,
        height: r.querySelector('.np-shell').getBoundingClientRect().height,
        notice: r.querySelector('.np-notices').getBoundingClientRect().height,
      };
    });
    assert.match(bad.notices, /lang: "klingon" is not one of en, zh-CN/);
    assert.match(bad.notices, /controls: "bogus" is not one of/);
    assert.match(bad.notices, /height: -50 is outside 320\.\.4000; using 320/);
    assert.equal(bad.hidden, 0, 'controls="bogus" hid controls');
    assert.equal(bad.height, 320);
    assert.ok(bad.notice < bad.height / 2, `the warnings fill the box: ${bad.notice} of ${bad.height} px`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('importing a model keeps "Show test data" and "Log scale"; R² shows "–" after a divergence', async () => {
  await withLayout('#show-test=true&log-scale=true&layers=3', LAPTOP, async (page) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-model]')]);
    const file = fs.readFileSync(await download.path());
    await page.click('.np-net-header button[aria-label="Add a hidden layer"]');
    await page.setInputFiles('[data-testid=model-file]', { name: 'model.json', mimeType: 'application/json', buffer: file });
    await until(page, () => document.querySelector('.np-net-count').textContent === '1 hidden layer', undefined, { what: 'the imported network' });
    assert.ok(await page.isChecked('input[data-key=showTest]'), 'Show test data was reset');
    assert.ok(await page.isChecked('input[data-key=logScale]'), 'Log scale was reset');
    const hash = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1));
    assert.equal(hash.get('show-test'), 'true');
    assert.equal(hash.get('log-scale'), 'true');
  });
  await withLayout('#dataset=plane&optimizer=sgd&learning-rate=10&layers=8,8&activation=relu&speed=max', LAPTOP, async (page) => {
    await page.click('[data-action=play]');
    await page.waitForSelector('[data-testid=diverged]:not([hidden])', { timeout: 20000 });
    const d = await waitForApp(page, (x) => x.running === 'false');
    assert.equal(await page.textContent('[data-testid=test-metric]'), '–');
    assert.equal(await page.textContent('[data-testid=train-metric]'), '–');
    assert.match(await page.textContent('[data-testid=diverged]'), new RegExp(`after epoch ${d.epoch},`));
    assert.equal(await page.textContent('[data-testid=epoch]'), String(d.epoch).padStart(6, '0').replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  });
});

test('"Pause every N epochs": the next pause is shown, and Play after a pause runs to the next multiple', async () => {
  await withLayout('#epochs=5&speed=1', LAPTOP, async (page) => {
    assert.equal(await page.textContent('[data-testid=next-pause]'), 'Play pauses at epoch 5');
    await page.click('[data-action=play]');
    let d = await waitForApp(page, (x) => x.running === 'false' && Number(x.epoch) >= 5);
    assert.equal(d.epoch, '5');
    assert.equal(await page.textContent('[data-testid=next-pause]'), 'Play pauses at epoch 10');
    await page.click('[data-action=play]');
    d = await waitForApp(page, (x) => x.running === 'false' && Number(x.epoch) >= 10);
    assert.equal(d.epoch, '10');
  });
});

test('links naming JS object properties open the page with a warning instead of freezing it', async () => {
  await withLayout('#constructor=1&toString=x&__proto__=1&hasOwnProperty=1&dataset=xor', LAPTOP, async (page) => {
    const text = await page.textContent('.np-notice-warning');
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) assert.match(text, new RegExp(`"${name}" is not a setting`));
    assert.equal(await page.getAttribute('[data-dataset=xor]', 'aria-pressed'), 'true');
  });
});
