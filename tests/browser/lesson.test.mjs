// Browser tests of lessons and exercises (issue 11): goals (met after 10
// epochs in a row, with nn-goal's detail; never on one lucky epoch; a malformed
// goal warns and the rest works), locked controls (mouse and keyboard),
// max-neurons, hints one at a time, hand-tune mode, the lesson builder's
// outputs read back to the same state, data-src / model-src (and missing
// files), the iframe mode's postMessage only to the named origin, the new
// strings in Chinese, and one exercise page run on a phone; also hand-tuning
// a hidden layer, the coffee-roasting preset in its units, and the README's
// exercise snippet as pasted. Pages are served under the strict CSP and must
// log no error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadNnplay } from 'nnplay';
import { launch, openPage, until, waitForApp, resultsDir, tmpDir, DIST, CSP } from './helpers.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { Trainer } from '../../web/src/worker/trainer.js';
import { defaults, trainingState } from '../../web/src/state.js';
import { parseLessonHash } from '../../web/src/lesson/options.js';
import { STRINGS } from '../../web/src/i18n/index.js';

let env, site, siteServer, parentServer, modelFile;

// A lesson's own page beside nn-playground.js, with its files.
const PAGES = {
  'goals.html': `
<nn-playground id="and" preset="and" speed="max" autoplay></nn-playground>
<nn-playground id="window" dataset="gauss" points="100" goal="epoch >= 5" max-epochs="40" speed="1" autoplay></nn-playground>
<nn-playground id="lucky" dataset="gauss" points="100" goal="epoch >= 5 and epoch <= 5" max-epochs="30" speed="1" autoplay></nn-playground>
<nn-playground id="bad" dataset="gauss" points="100" goal="accuracy > 0.9" max-neurons="4"></nn-playground>`,
  'hints.html': `
<nn-playground id="hints" dataset="xor" goal="test-accuracy >= 0.9">
  <p slot="hint" class="author" id="h1">First: <b>look</b> at the corners.</p>
  <p slot="hint" class="author" id="h2" lang="en">Second: add a hidden layer.</p>
  <p slot="hint" class="author" id="h3" lang="zh-CN">第二条：加一个隐藏层。</p>
  <p slot="hint" class="author" id="h4">Third: two neurons are enough.</p>
  <p class="not-a-hint">Not a hint.</p>
</nn-playground>
<nn-playground id="zh" lang="zh-CN" preset="xor"></nn-playground>`,
  'files.html': `
<nn-playground id="loaded" dataset="coffeeRoasting" layers="3" data-src="points.csv" model-src="start.json"></nn-playground>
<nn-playground id="missing" data-src="missing.csv"></nn-playground>
<nn-playground id="badmodel" model-src="nope.json"></nn-playground>
<nn-playground id="badcsv" data-src="bad.csv"></nn-playground>`,
};

// A coffee lesson's own 60 points, in °C and minutes (x1 in 170..319, x2 in 10..19): class 1 when x1 + 10 x2 > 380.
const POINTS = ['x1,x2,label', ...Array.from({ length: 60 }, (_, i) => {
  const a = 170 + (i * 37) % 150, b = 10 + (i * 7) % 10;
  return `${a},${b},${a + 10 * b > 380 ? 1 : 0}`;
})].join('\n');

before(async () => {
  env = await launch();
  // The model file a teacher downloads: the worker's own export, after 7 epochs.
  const nn = await loadNnplay();
  const messages = [];
  const t = new Trainer(nn, (m) => messages.push(m));
  t.handle({ type: 'state', state: trainingState({ ...defaults(), dataset: 'coffeeRoasting', layers: [3], seed: 5 }) });
  t.handle({ type: 'importCsv', text: POINTS });
  for (let i = 0; i < 7; ++i) t.handle({ type: 'step', unit: 'epoch' });
  t.handle({ type: 'exportModel' });
  modelFile = messages.find((m) => m.type === 'modelFile').text;

  site = tmpDir();
  fs.cpSync(DIST, site, { recursive: true });
  for (const [name, body] of Object.entries(PAGES)) {
    fs.writeFileSync(path.join(site, name), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="favicon.svg" type="image/svg+xml">
<script type="module" src="nn-playground.js"></script></head><body>${body}</body></html>`);
  }
  // The README's exercise snippet, as a course page would paste it (its inline script moved to a file: the site's CSP forbids inline scripts).
  const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const snippet = /### A checked exercise[\s\S]*?```html\n([\s\S]*?)```/.exec(readme)[1];
  const [, inline] = /<script type="module">\n([\s\S]*?)<\/script>/.exec(snippet);
  fs.writeFileSync(path.join(site, 'readme.js'), inline);
  fs.writeFileSync(path.join(site, 'readme.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="favicon.svg" type="image/svg+xml"></head><body>
${snippet.replace(/<script type="module">\n[\s\S]*?<\/script>/, '<script type="module" src="readme.js"></script>')}</body></html>`);
  fs.writeFileSync(path.join(site, 'points.csv'), POINTS);
  fs.writeFileSync(path.join(site, 'start.json'), modelFile);
  fs.writeFileSync(path.join(site, 'bad.csv'), 'x1,x2,label\n1,2,zero\n');
  siteServer = await startServer({ root: site, headers: () => ({ 'Content-Security-Policy': CSP }) });
});

after(async () => {
  if (parentServer) await parentServer.close();
  if (siteServer) await siteServer.close();
  if (env) await env.close();
});

/** Opens a page; records nn-goal and nn-epoch events per element id, console errors and exceptions. */
async function open(url, { viewport = { width: 1100, height: 900 }, touch = false } = {}) {
  const context = await env.browser.newContext({ viewport, hasTouch: touch, isMobile: touch });
  await context.addInitScript(() => {
    window.__goals = {};
    window.__epochs = {};
    document.addEventListener('nn-goal', (e) => { (window.__goals[e.target.id] ||= []).push(e.detail); });
    document.addEventListener('nn-epoch', (e) => { (window.__epochs[e.target.id] ||= []).push(e.detail.epoch); });
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  page.on('worker', (w) => w.on('console', (m) => { if (m.type() === 'error') problems.push(`worker console: ${m.text()}`); }));
  await page.goto(url);
  return { page, context, problems };
}

/** Evaluates fn(element, arg) for element `id` in the page (fn reads el.shadowRoot). */
const inEl = (page, id, fn, arg) => page.locator(`#${id}`).evaluate(fn, arg);

const ready = (page, ids) => until(page, (ids) => ids.every((id) => {
  const root = document.getElementById(id)?.shadowRoot?.querySelector('.np-root');
  return root && Number(root.dataset.frames) > 0;
}), ids, { timeout: 30000, what: `first frames of ${ids}` });

const noticesOf = (page, id) => inEl(page, id, ({ shadowRoot: r }) => [...r.querySelectorAll('.np-notice')].map((n) => n.textContent).join('\n'));
const pageNotices = (page) => page.evaluate(() => [...document.querySelectorAll('.np-notice')].map((n) => n.textContent).join('\n'));

test('goals: met once held 10 epochs in a row, nn-goal carries {goal, met, epoch, losses, accuracy, state}; one lucky epoch never counts; a malformed goal warns and the rest works', async () => {
  const { page, context, problems } = await open(siteServer.url + 'goals.html');
  try {
    await ready(page, ['and', 'window', 'lucky', 'bad']);
    // AND (preset): one neuron reaches 99 % test accuracy.
    const [detail] = await until(page, () => window.__goals.and, undefined, { timeout: 30000, what: "the AND exercise's nn-goal" });
    assert.equal(detail.goal, 'test-accuracy >= 0.99');
    assert.equal(detail.met, true);
    assert.ok(detail.epoch >= 10 && detail.epoch <= 100, `met at epoch ${detail.epoch}`);
    assert.ok(detail.accuracy >= 0.99 && detail.accuracy <= 1, `accuracy ${detail.accuracy}`);
    assert.ok(Number.isFinite(detail.trainLoss) && Number.isFinite(detail.testLoss) && detail.testLoss < 0.5, JSON.stringify(detail));
    // state: the settings that reached it, as URL keys
    assert.equal(detail.state.dataset, 'and');
    assert.equal(detail.state.layers, '');
    assert.equal(detail.state['learning-rate'], '0.03');
    assert.equal(detail.state.optimizer, 'adam');
    assert.ok(!('showTest' in detail.state) && !('show-test' in detail.state), 'view settings are not part of it');
    const card = await inEl(page, 'and', ({ shadowRoot: r }) => ({
      met: r.querySelector('.np-goal-card').classList.contains('np-goal-met'),
      status: r.querySelector('[data-testid=goal-status]').textContent,
      words: r.querySelector('[data-testid=goal-words]').textContent,
    }));
    assert.equal(card.met, true);
    assert.equal(card.status, `Goal reached at epoch ${detail.epoch}!`);
    assert.equal(card.words, 'Reach a test accuracy of at least 99 % with a single neuron (no hidden layer) and at most 100 epochs.');
    // it trains on to the lesson's last epoch, which says the goal was reached (not "try again")
    await until(page, () => { const d = document.getElementById('and').shadowRoot.querySelector('.np-root').dataset; return d.epoch === '100' && d.running === 'false'; },
      undefined, { timeout: 30000, what: 'AND to stop at epoch 100' });
    assert.match(await noticesOf(page, 'and'), new RegExp(`This exercise allows 100 epochs\\. You reached its goal at epoch ${detail.epoch}\\.`));

    // "epoch >= 5" holds from epoch 5: met at epoch 14, the 10th epoch in a row.
    const [w] = await until(page, () => window.__goals.window, undefined, { timeout: 30000, what: 'the window goal' });
    assert.equal(w.epoch, 14);
    // "epoch >= 5 and epoch <= 5" holds at epoch 5 only: never met; training stops at max-epochs.
    await until(page, () => document.getElementById('lucky').shadowRoot.querySelector('.np-root').dataset.epoch === '30'
      && document.getElementById('lucky').shadowRoot.querySelector('.np-root').dataset.running === 'false', undefined, { timeout: 30000, what: 'lucky to stop at 30' });
    assert.equal(await page.evaluate(() => window.__goals.lucky), undefined);
    const lucky = await inEl(page, 'lucky', ({ shadowRoot: r }) => ({
      met: r.querySelector('.np-goal-card').classList.contains('np-goal-met'),
      held: r.querySelector('[data-testid=goal-held]').textContent,
      status: r.querySelector('[data-testid=goal-status]').textContent,
    }));
    assert.deepEqual(lucky, { met: false, held: 'Held for 0 of 10 epochs in a row', status: 'Not reached yet.' });
    assert.ok((await page.evaluate(() => window.__epochs.lucky)).includes(5), 'epoch 5 was seen');
    assert.match(await noticesOf(page, 'lucky'), /This exercise allows 30 epochs\. Press Reset to try again\./);
    // Play at the last epoch does nothing but say so.
    await inEl(page, 'lucky', ({ shadowRoot: r }) => r.querySelector('[data-action=play]').click());
    await page.waitForTimeout(300);
    assert.equal(await inEl(page, 'lucky', ({ shadowRoot: r }) => r.querySelector('.np-root').dataset.epoch), '30');

    // Malformed: a clear warning inside that playground; no goal; training and the other rules still work.
    const bad = await noticesOf(page, 'bad');
    assert.match(bad, /Attribute ignored or adjusted: goal "accuracy > 0\.9": "accuracy" is not a metric; use one of test-loss, train-loss, test-accuracy, train-accuracy, r2, epoch/);
    assert.equal(await page.evaluate(() => document.getElementById('bad').lesson.goal), null);
    assert.equal(await page.evaluate(() => document.getElementById('bad').lesson.maxNeurons), 4);
    assert.deepEqual(await page.evaluate(() => document.getElementById('bad').state.layers), [3, 1], 'cut to 4 neurons');
    await page.evaluate(() => document.getElementById('bad').play());
    await until(page, () => Number(document.getElementById('bad').shadowRoot.querySelector('.np-root').dataset.epoch) >= 3, undefined, { what: 'the bad-goal playground to train' });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("the README's exercise snippet works as pasted: no warning, its goal and limits in words, its controls, its hints", async () => {
  const { page, context, problems } = await open(siteServer.url + 'readme.html');
  try {
    await ready(page, ['xor-exercise']);
    assert.equal(await noticesOf(page, 'xor-exercise'), '');
    const seen = await inEl(page, 'xor-exercise', ({ shadowRoot: r }) => ({
      words: r.querySelector('[data-testid=goal-words]').textContent,
      activationLocked: r.querySelector('select[data-key=activation]').disabled,
      datasetsShown: [...r.querySelectorAll('.np-dataset')].filter((b) => b.getClientRects().length > 0).length,
      hint: r.querySelector('[data-action=hint]').textContent,
    }));
    assert.deepEqual(seen, { words: 'Reach a test accuracy of at least 95 % with at most 1 hidden layer, at most 4 neurons and at most 300 epochs.',
      activationLocked: false, datasetsShown: 0, hint: 'Hint' });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a malformed goal in a link: the page warns and keeps the rest of the link', async () => {
  const { page, context, problems } = await openPage(env, '#dataset=xor&goal=test-accuracy%3E%3D150%25&max-layers=1');
  try {
    await waitForApp(page, (d) => Number(d.frames) > 0);
    const notes = await until(page, () => [...document.querySelectorAll('.np-notice')].map((n) => n.textContent).join('\n') || null);
    assert.match(notes, /goal "test-accuracy>=150%": test-accuracy 150% is not between 0 and 1/);
    assert.match(await page.textContent('[data-testid=goal-words]'), /Train the network with at most 1 hidden layer\./);
    assert.equal(await page.getAttribute('[data-dataset=xor]', 'aria-pressed'), 'true');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('locked controls: shown, disabled, a lock and a tooltip; neither mouse nor keyboard (nor a forged event) changes them', async () => {
  const { page, context, problems } = await openPage(env, '#dataset=circle&layers=3&activation=tanh&locked=activation,features,dataset');
  try {
    await waitForApp(page, (d) => Number(d.frames) > 0);
    await until(page, () => document.querySelector('.np-node-output') !== null);
    const before = await page.evaluate(() => location.hash);
    const info = await page.evaluate(() => {
      const act = document.querySelector('select[data-key=activation]');
      const label = act.closest('[data-control]');
      return {
        disabled: act.disabled,
        title: label.getAttribute('title'),
        lock: !!label.querySelector('.np-lock'),
        layerMenus: [...document.querySelectorAll('.np-col-head select[data-layer-key=activation]')].map((s) => s.disabled),
        features: [...document.querySelectorAll('.np-node-input')].map((b) => b.disabled),
        featureLocks: document.querySelectorAll('.np-node-input .np-lock').length,
        datasets: [...document.querySelectorAll('.np-dataset')].every((b) => b.disabled),
        lr: document.querySelector('select[data-key=learningRate]').disabled,
      };
    });
    assert.deepEqual(info, { disabled: true, title: 'The lesson fixed this setting.', lock: true, layerMenus: [true], features: Array(7).fill(true),
      featureLocks: 7, datasets: true, lr: false });
    // mouse
    await page.click('select[data-key=activation]', { force: true });
    await page.click('.np-node-input >> nth=2', { force: true });
    await page.click('[data-dataset=xor]', { force: true });
    // keyboard: Tab through the whole page never reaches a locked control
    await page.focus('select[data-key=learningRate]');
    const reached = [];
    for (let i = 0; i < 40; ++i) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement?.closest('[data-control]')?.getAttribute('data-control') || ''));
    }
    for (const name of ['activation', 'features', 'dataset']) assert.ok(!reached.includes(name), `Tab reached ${name}: ${reached}`);
    await page.keyboard.press('ArrowDown');
    // a forged change event on the disabled menu is refused by the page itself
    await page.evaluate(() => {
      const s = document.querySelector('select[data-key=activation]');
      s.value = 'relu';
      s.dispatchEvent(new Event('change'));
    });
    assert.match(await pageNotices(page), /The lesson fixed this setting: activation\./);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => location.hash), before, 'nothing changed');
    const lr = await page.evaluate(() => { const s = document.querySelector('select[data-key=learningRate]'); s.value = '0.1'; s.dispatchEvent(new Event('change')); return location.hash; });
    assert.match(lr, /learning-rate=0\.1/, 'an unlocked control still works');
    // a neuron more: the layer's (locked) activation goes with it unchanged, and nothing is refused
    await page.evaluate(() => { for (const b of document.querySelectorAll('.np-notice-close')) b.click(); });
    await page.click('button[aria-label="Add a neuron to layer 1"]');
    await until(page, () => location.hash.includes('&layers=4&'));
    assert.match(await page.evaluate(() => location.hash), /&activation=tanh&/);
    assert.doesNotMatch(await pageNotices(page), /fixed/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('max-neurons and max-layers: the + buttons stop at the limit, the diagram says it, a start over the limit is cut down', async () => {
  const { page, context, problems } = await openPage(env, '#layers=2&max-neurons=3&max-layers=1');
  try {
    await waitForApp(page, (d) => Number(d.frames) > 0);
    await until(page, () => document.querySelector('.np-node-output') !== null);
    assert.equal(await page.textContent('[data-testid=net-limits]'), 'max. 1 · 2/3 neurons');
    assert.equal(await page.isDisabled('button[aria-label="Add a hidden layer"]'), true);
    await page.click('button[aria-label="Add a neuron to layer 1"]');
    await until(page, () => location.hash.includes('&layers=3&'));
    await until(page, () => document.querySelector('[data-testid=net-limits]').textContent === 'max. 1 · 3/3 neurons');
    assert.equal(await page.isDisabled('button[aria-label="Add a neuron to layer 1"]'), true);
    // even a click the button would not take (forced) leaves 3
    await page.click('button[aria-label="Add a neuron to layer 1"]', { force: true });
    await page.waitForTimeout(200);
    assert.match(await page.evaluate(() => location.hash), /&layers=3&/);
    assert.match(await page.evaluate(() => location.hash), /max-neurons=3/);
    // A link asking for more than its own limit starts cut down, with a warning.
    // (a new link in the same tab: the page follows the hash; and a fresh load of it)
    await page.goto(env.server.url + '#layers=4,4&max-neurons=5');
    await until(page, () => location.hash.includes('&layers=4,1&'), undefined, { what: 'the link cut down in place' });
    assert.match(await pageNotices(page), /The network was cut down to the lesson's limits: hidden layers 4,1\./);
    await page.reload();
    await waitForApp(page, (d) => Number(d.frames) > 0);
    assert.match(await page.evaluate(() => location.hash), /&layers=4,1&/);
    // a fresh page on a link over its limits: cut down, said
    const fresh = await openPage(env, '#layers=6,6&max-neurons=5');
    try {
      await waitForApp(fresh.page, (d) => Number(d.frames) > 0);
      assert.match(await fresh.page.evaluate(() => location.hash), /&layers=4,1&/);
      assert.match(await pageNotices(fresh.page), /The network was cut down to the lesson's limits: hidden layers 4,1\./);
      assert.deepEqual(fresh.problems, []);
    } finally {
      await fresh.context.close();
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('hints: revealed one at a time by the Hint button, in the learner\'s language; the author\'s elements stay theirs; presets in Chinese', async () => {
  const { page, context, problems } = await open(siteServer.url + 'hints.html');
  try {
    await ready(page, ['hints', 'zh']);
    const shown = () => page.evaluate(() => [...document.querySelectorAll('#hints > [slot=hint]')].map((p) => p.getClientRects().length > 0));
    const button = () => inEl(page, 'hints', ({ shadowRoot: r }) => { const b = r.querySelector('[data-action=hint]'); return { text: b.textContent, disabled: b.disabled }; });
    assert.deepEqual(await shown(), [false, false, false, false]);
    assert.deepEqual(await button(), { text: 'Hint', disabled: false });
    const click = () => inEl(page, 'hints', ({ shadowRoot: r }) => r.querySelector('[data-action=hint]').click());
    await click();
    assert.deepEqual(await shown(), [true, false, false, false]);
    assert.deepEqual(await button(), { text: 'Next hint (2 of 3)', disabled: false });
    await click();
    assert.deepEqual(await shown(), [true, true, false, false], 'the Chinese hint is skipped in English');
    await click();
    assert.deepEqual(await shown(), [true, true, false, true]);
    assert.deepEqual(await button(), { text: 'No more hints', disabled: true });
    // the author's own nodes, untouched: same elements, same attributes, still children of the element
    const authored = await page.evaluate(() => [...document.querySelectorAll('#hints > p')].map((p) => [p.id, p.getAttribute('slot'), p.className, p.innerHTML]));
    assert.deepEqual(authored[0], ['h1', 'hint', 'author', 'First: <b>look</b> at the corners.']);
    assert.equal(authored.length, 5);
    assert.equal(await page.evaluate(() => document.querySelector('.not-a-hint').getClientRects().length), 0);
    // In Chinese: the same element shows its Chinese hint in place of the English second one.
    await page.evaluate(() => document.getElementById('hints').setAttribute('lang', 'zh-CN'));
    await until(page, () => document.getElementById('hints').shadowRoot.querySelector('[data-action=hint]').textContent === '没有更多提示了');
    assert.deepEqual(await shown(), [true, false, true, true]);
    // A preset in Chinese: its title, its goal in words, its hints from the strings table.
    const zh = await inEl(page, 'zh', ({ shadowRoot: r }) => {
      r.querySelector('[data-action=hint]').click();
      return { title: r.querySelector('.np-goal-card .np-card-title').textContent, words: r.querySelector('[data-testid=goal-words]').textContent,
        hint: r.querySelector('.np-hints p').textContent, held: r.querySelector('[data-testid=goal-held]').textContent };
    });
    assert.equal(zh.title, '练习：异或需要隐藏层');
    assert.equal(zh.words, '目标：测试准确率至少达到 95 %（限制：最多 1 个隐藏层、最多 4 个神经元、最多 300 个周期）。');
    assert.equal(zh.hint, STRINGS['zh-CN']['preset.xor.hint1']);
    assert.match(zh.held, /已连续保持 0 \/ 10 个周期/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('hand-tune mode: no training; typing a weight updates the loss and the boundary at once; the goal checks the result', async () => {
  const { page, context, problems } = await openPage(env, '#preset=hand-tune-and');
  try {
    await waitForApp(page, (d) => Number(d.frames) > 0);
    await until(page, () => document.querySelectorAll('[data-weight-value]').length === 3, undefined, { what: 'three weight rows' });
    // zeros: every prediction 0.5, loss ln 2
    let d = await waitForApp(page, (x) => Math.abs(Number(x.trainLoss) - Math.LN2) < 1e-4);
    assert.equal(await page.isVisible('[data-action=play]'), false);
    // nothing that only means something for a training run: the timeline, stop at a target
    assert.equal(await page.isVisible('[data-testid=timeline]'), false);
    assert.equal(await page.isVisible('[data-testid=target-summary]'), false);
    assert.equal(await page.isVisible('[data-action=step-epoch]'), false);
    const heat = () => page.evaluate(() => { const c = document.querySelector('.np-plot-heat'); return Array.from(c.getContext('2d').getImageData(90, 10, 1, 1).data).join(); });
    const before = await heat();
    // type w from x1 = 2 (a keystroke at a time)
    await page.click('[data-weight-value="0/0"]');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    d = await waitForApp(page, (x) => Math.abs(Number(x.trainLoss) - Math.LN2) > 1e-3);
    const afterOne = Number(d.trainLoss);
    assert.notEqual(await heat(), before, 'the boundary moved');
    const shownLoss = await page.textContent('[data-testid=train-loss]');
    assert.equal(shownLoss, String(Number(afterOne.toPrecision(3))), 'the loss figure follows');
    await page.fill('[data-weight-value="0/1"]', '2');
    await page.fill('[data-weight-value="1/0"]', '-6');
    d = await waitForApp(page, (x) => Number(x.trainLoss) < 0.1);
    assert.ok(Number(d.trainLoss) < afterOne);
    await until(page, () => document.querySelector('.np-goal-card.np-goal-met') !== null, undefined, { what: 'the goal card marked' });
    assert.equal(await page.textContent('[data-testid=goal-status]'), 'Goal reached!');
    // Play does nothing in hand-tune mode (the worker refuses it too)
    await page.evaluate(() => document.querySelector('[data-action=play]').click());
    await page.waitForTimeout(300);
    assert.equal((await waitForApp(page, () => true)).epoch, '0');
    // the slider moves the same weight
    await page.evaluate(() => { const s = document.querySelector('[data-weight="1/0"]'); s.value = '0'; s.dispatchEvent(new Event('input')); });
    d = await waitForApp(page, (x) => Number(x.trainLoss) > 0.1);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('hand-tune mode with a hidden layer: every weight of both layers is set by typing, the loss follows each one, the goal checks the result', async () => {
  const { page, context, problems } = await openPage(env, '#preset=hand-tune-xor');
  try {
    await waitForApp(page, (d) => Number(d.frames) > 0);
    // 2 hidden neurons (2 weights + a bias each), the output neuron (2 weights from a₁, a₂ + a bias)
    await until(page, () => document.querySelectorAll('[data-weight-value]').length === 9, undefined, { what: 'nine weight rows' });
    const groups = await page.evaluate(() => [...document.querySelectorAll('.np-handtune-neuron')].map((g) =>
      [g.querySelector('legend').textContent, ...[...g.querySelectorAll('.np-handtune-label')].map((l) => l.textContent)]));
    assert.deepEqual(groups, [['layer 1, neuron 1', 'w from x₁', 'w from x₂', 'bias b'], ['layer 1, neuron 2', 'w from x₁', 'w from x₂', 'bias b'],
      ['output neuron 1', 'w from a₁', 'w from a₂', 'bias b']]);
    await waitForApp(page, (x) => Math.abs(Number(x.trainLoss) - Math.LN2) < 1e-4);
    assert.equal(await page.isVisible('[data-action=play]'), false);
    // [layer index/offset, value, whether the loss must change]: the output first (with the hidden
    // neurons at 0 only its bias moves the loss), then the hidden layer, whose changes now show.
    const edits = [['3/0', '3', true], ['2/0', '-3', false], ['2/1', '3', false],
      ['0/0', '1', true], ['0/1', '1', true], ['0/2', '1', true], ['0/3', '1', true], ['1/0', '3', true], ['1/1', '-3', true]];
    let loss = Math.LN2;
    for (const [at, value, changes] of edits) {
      await page.fill(`[data-weight-value="${at}"]`, value);
      if (changes) {
        const d = await waitForApp(page, (x) => Math.abs(Number(x.trainLoss) - loss) > 1e-4);
        loss = Number(d.trainLoss);
      }
    }
    await until(page, () => document.querySelector('.np-goal-card.np-goal-met') !== null, undefined, { what: 'the goal card marked' });
    assert.equal(await page.textContent('[data-testid=goal-status]'), 'Goal reached!');
    const accuracy = Number((await page.textContent('[data-testid=train-metric]')).replace('%', '')) / 100;
    assert.ok(accuracy >= 0.85 && accuracy < 1, `training accuracy ${accuracy}`);
    assert.equal((await waitForApp(page, () => true)).epoch, '0', 'nothing trained');
    // the weights are the typed ones, in the model the page reads
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('[data-weight-value]')].map((i) => Number(i.value))),
      [1, 1, 3, 1, 1, -3, -3, 3, 3]);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('coffee roasting: the plot, the code view and the neuron inspector in °C and minutes; the last hint names the Normalize inputs option, which is there to tick', async () => {
  const { page, context, problems } = await openPage(env, '#preset=coffee-roasting');
  try {
    await waitForApp(page, (d) => Number(d.frames) > 0);
    const plot = await page.evaluate(() => ({
      x: [...document.querySelectorAll('.np-axis-x span')].map((s) => Number(s.textContent)),
      y: [...document.querySelectorAll('.np-axis-y span')].map((s) => Number(s.textContent)),
      title: document.querySelector('[data-testid=axis-title]').textContent,
    }));
    assert.deepEqual(plot, { x: [160, 200, 240, 280, 320], y: [20, 17, 14, 11, 8], title: STRINGS.en['axis.coffeeRoasting'] });
    // the inspector starts in the middle of the plot (240 °C, 14 min), and a typed 250 °C stays 250
    await page.locator('[data-tab=inspect]').scrollIntoViewIfNeeded();
    await page.click('[data-tab=inspect]');
    assert.deepEqual(await page.evaluate(() => ['x1', 'x2'].map((k) => document.querySelector(`[data-testid=inspect-${k}]`).value)), ['240.00', '14.00']);
    await page.fill('[data-testid=inspect-x1]', '250');
    await page.press('[data-testid=inspect-x1]', 'Enter');
    await until(page, () => document.querySelector('[data-testid=inspector-math]').textContent.includes('(250, 14)'), undefined, { what: 'the inspector at (250, 14)' });
    // the code view: the inputs' units, example points in them
    await page.click('[data-tab=code]');
    await page.click('[data-tab=numpy]');
    const numpy = await until(page, () => { const t = document.querySelector('[data-testid=code-numpy]').textContent; return t.includes('def predict') && t; }, undefined, { what: 'the NumPy code' });
    assert.match(numpy, /x1 = roasting temperature in °C, x2 = roasting time in minutes/);
    assert.match(numpy, /\[\[240\.0, 14\.0\], \[200\.0, 17\.0\], \[280\.0, 11\.0\]\]/);
    // the hints end at the option; it is in the Data card, not locked; ticking it normalizes
    for (let i = 0; i < 3; ++i) await page.click('[data-action=hint]');
    const hints = await page.evaluate(() => [...document.querySelectorAll('.np-hints p')].map((p) => p.textContent));
    assert.equal(hints.length, 3);
    assert.ok(hints[2].includes(`"${STRINGS.en['control.normalize']}"`), hints[2]);
    const box = await page.evaluate(() => { const b = document.querySelector('input[data-key=normalize]'); return { label: b.closest('label').textContent, disabled: b.disabled, checked: b.checked }; });
    assert.deepEqual(box, { label: STRINGS.en['control.normalize'], disabled: false, checked: false });
    await page.check('input[data-key=normalize]');
    await until(page, () => /normalize=(1|true)/.test(location.hash), undefined, { what: 'normalize in the link' });
    await page.locator('[data-testid=code-numpy]').scrollIntoViewIfNeeded();  // views off screen catch up when seen
    await until(page, () => document.querySelector('[data-testid=code-numpy]').textContent.includes('MEAN = np.array([240.'), undefined, { what: 'the code view normalizing' });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the lesson builder: its element snippet, iframe snippet and share link read back to the same settings and lesson', async () => {
  const { page, context, problems } = await openPage(env, '#dataset=xor&layers=3,2&activation=relu&learning-rate=0.01&noise=0.1', { viewport: { width: 1280, height: 900 } });
  try {
    await waitForApp(page, (d) => Number(d.frames) > 0);
    await page.click('.np-builder-summary');
    await page.fill('[data-builder=goal]', 'test-accuracy >= 0.9 and epoch <= 400');
    await page.fill('[data-builder=maxNeurons]', '6');
    await page.uncheck('[data-builder="shown:optimizer"]');
    await page.uncheck('[data-builder="shown:seed"]');
    await page.check('[data-builder="locked:activation"]');
    await page.click('[data-action=builder-add-hint]');
    await page.fill('[data-builder=hint-en-0]', 'Try tanh & "sigmoid" <b>');
    await page.fill('[data-builder=hint-zh-CN-0]', '试试 tanh');
    assert.equal(await page.textContent('[data-testid=builder-words]'), 'Reach a test accuracy of at least 90 % and by epoch 400 with at most 6 neurons.');
    const snippet = await page.inputValue('[data-testid=builder-element]');
    assert.match(snippet, /^<script type="module" src="nn-playground\.js"><\/script>\n<nn-playground\n/);
    assert.match(snippet, /goal="test-accuracy >= 0\.9 and epoch <= 400"/);
    assert.match(snippet, /<p slot="hint" lang="en">Try tanh &amp; "sigmoid" &lt;b&gt;<\/p>/);
    assert.match(snippet, /<p slot="hint" lang="zh-CN">试试 tanh<\/p>/);
    const hash = await page.evaluate(() => location.hash);
    const expected = parseLessonHash(hash).state;

    // (1) the element snippet, in its own document (the preview)
    await page.click('[data-action=builder-preview-element]');
    const frame = await until(page, () => !!document.querySelector('[data-testid=builder-frame]').contentDocument?.querySelector('nn-playground')?.lesson, undefined, { what: 'the element preview' })
      .then(() => page.frames().find((f) => f.url() === 'about:srcdoc'));
    const got = await frame.evaluate(() => { const el = document.querySelector('nn-playground'); return { state: el.state, lesson: el.lesson, hints: [...el.children].map((c) => [c.lang, c.textContent]) }; });
    assert.deepEqual(got.state, expected);
    assert.equal(got.lesson.goal.text, 'test-accuracy >= 0.9 and epoch <= 400');
    assert.equal(got.lesson.maxNeurons, 6);
    assert.deepEqual(got.lesson.locked, ['activation']);
    assert.deepEqual(got.hints, [['en', 'Try tanh & "sigmoid" <b>'], ['zh-CN', '试试 tanh']]);
    assert.equal(await frame.evaluate(() => !!document.querySelector('nn-playground').shadowRoot.querySelector('select[data-key=optimizer]').closest('.np-ctl-hidden')), true);
    assert.equal(await frame.evaluate(() => document.querySelector('nn-playground').shadowRoot.querySelector('select[data-key=activation]').disabled), true);

    // (2) the iframe snippet's URL and (3) the share link: the same state and lesson
    const iframe = await page.inputValue('[data-testid=builder-iframe]');
    const src = iframe.match(/src="([^"]+)"/)[1].replace(/&amp;/g, '&');
    const link = await page.inputValue('[data-testid=builder-link]');
    for (const url of [src, link]) {
      const r = parseLessonHash(new URL(url).hash);
      assert.deepEqual(r.state, expected, url);
      assert.deepEqual(r.warnings, []);
      assert.equal(r.lesson.goal.text, 'test-accuracy >= 0.9 and epoch <= 400');
      assert.deepEqual(r.lesson.hints, [{ lang: 'en', text: 'Try tanh & "sigmoid" <b>' }, { lang: 'zh-CN', text: '试试 tanh' }]);
      assert.ok(!r.options.controls.includes('optimizer') && r.options.controls.includes('learning-rate'));
    }
    assert.match(src, /embed=1/);
    assert.doesNotMatch(link, /embed=1/);
    // the iframe's page, previewed: the same settings
    await page.click('[data-action=builder-preview-iframe]');
    let pageFrame = null;
    for (let i = 0; i < 200 && !pageFrame; ++i) {
      const f = page.frames().find((x) => x.url().includes('embed=1'));
      if (f && await f.evaluate(() => Number(document.getElementById('nnplay')?.dataset.frames) > 0).catch(() => false)) pageFrame = f;
      else await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(pageFrame, 'the iframe preview started');
    assert.deepEqual(parseLessonHash(await pageFrame.evaluate(() => location.hash)).state, expected);
    assert.equal(await pageFrame.evaluate(() => document.documentElement.classList.contains('np-embed')), true);
    await page.locator('.np-builder').screenshot({ path: path.join(resultsDir(), 'lesson-builder.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the lesson builder from a preset: the outputs keep preset="xor" and name only what changed; a dropped limit says none; unticked, all is written out', async () => {
  const { page, context, problems } = await openPage(env, '#preset=xor&layers=2&learning-rate=0.1', { viewport: { width: 1280, height: 900 } });
  try {
    await waitForApp(page, (d) => Number(d.frames) > 0);
    await page.click('.np-builder-summary');
    const expected = parseLessonHash(await page.evaluate(() => location.hash)).state;
    let snippet = await page.inputValue('[data-testid=builder-element]');
    assert.match(snippet, /\n {4}preset="xor"\n {4}layers="2"\n {4}learning-rate="0\.1">/);
    assert.doesNotMatch(snippet, /dataset=|goal=|max-|locked=|slot="hint"/, 'the preset brings them');
    // a dropped limit and a hint of the teacher's own
    await page.fill('[data-builder=maxEpochs]', '');
    await page.fill('[data-builder=hint-en-0]', 'Look at the corners.');
    snippet = await page.inputValue('[data-testid=builder-element]');
    assert.match(snippet, /max-epochs="none"/);
    assert.match(snippet, /<p slot="hint" lang="en">Look at the corners\.<\/p>/);
    // the preview reads it back: the preset's title and other limits, the same state, no epoch limit
    await page.click('[data-action=builder-preview-element]');
    await until(page, () => !!document.querySelector('[data-testid=builder-frame]').contentDocument?.querySelector('nn-playground')?.lesson
      && document.querySelector('[data-testid=builder-frame]').contentDocument.querySelector('nn-playground').lesson.maxEpochs === null, undefined, { what: 'the element preview' });
    const frame = page.frames().find((f) => f.url() === 'about:srcdoc');
    await until(frame, () => !!document.querySelector('nn-playground').shadowRoot.querySelector('.np-goal-card'), undefined, { what: 'the preview\'s goal card' });
    const got = await frame.evaluate(() => {
      const el = document.querySelector('nn-playground');
      return { state: el.state, lesson: el.lesson, title: el.shadowRoot.querySelector('.np-goal-card .np-card-title').textContent };
    });
    assert.deepEqual(got.state, expected);
    assert.deepEqual([got.lesson.preset, got.lesson.maxEpochs, got.lesson.maxNeurons, got.lesson.goal.text], ['xor', null, 4, 'test-accuracy >= 0.95']);
    assert.equal(got.title, 'Exercise: XOR needs a hidden layer');
    const fromLink = parseLessonHash(new URL(await page.inputValue('[data-testid=builder-link]')).hash);
    assert.deepEqual(fromLink.warnings, []);
    assert.deepEqual(fromLink.state, expected);
    assert.deepEqual([fromLink.lesson.preset, fromLink.lesson.maxEpochs, fromLink.lesson.hints[0].text], ['xor', null, 'Look at the corners.']);
    // unticked: no preset; every setting and the whole lesson are written out
    await page.uncheck('[data-builder=usePreset]');
    snippet = await page.inputValue('[data-testid=builder-element]');
    assert.doesNotMatch(snippet, /preset=/);
    assert.match(snippet, /dataset="xor"[\s\S]*goal="test-accuracy >= 0\.95"[\s\S]*max-neurons="4"/);
    const written = parseLessonHash(new URL(await page.inputValue('[data-testid=builder-link]')).hash);
    assert.deepEqual(written.state, expected);
    assert.deepEqual([written.lesson.preset, written.lesson.maxEpochs, written.lesson.maxNeurons], [null, null, 4]);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('data-src and model-src: the lesson\'s points and weights load from beside it; a missing or bad file is said inside the playground', async () => {
  const { page, context, problems } = await open(siteServer.url + 'files.html');
  try {
    await ready(page, ['loaded', 'missing', 'badmodel', 'badcsv']);
    const loaded = await until(page, () => {
      const r = document.getElementById('loaded').shadowRoot;
      const notes = [...r.querySelectorAll('.np-notice')].map((n) => n.textContent).join('\n');
      return /starting weights are loaded from start\.json/.test(notes) && r.querySelector('.np-root').dataset.epoch === '7' && notes;
    }, undefined, { what: 'the lesson files in #loaded' });
    assert.match(loaded, /The lesson's points are loaded from points\.csv \(60 points\)\./);
    // the weights are the file's
    const file = JSON.parse(modelFile);
    const weights = await page.evaluate(async () => (await document.getElementById('loaded').getModel()).getWeights().map((w) => Array.from(w.dataSync())));
    assert.deepEqual(weights[0].map((v) => Math.fround(v)), file.model.layers[0].kernel.flat().map((v) => Math.fround(v)));
    // the points, in their units: the plot keeps the coffee axes (°C); nothing is outside it
    const axis = await inEl(page, 'loaded', ({ shadowRoot: r }) => [...r.querySelectorAll('.np-axis-x span')].map((s) => Number(s.textContent)));
    assert.deepEqual(axis, [160, 200, 240, 280, 320]);
    assert.doesNotMatch(loaded, /outside the plot/);
    assert.match(await noticesOf(page, 'missing'), /The lesson's file missing\.csv could not be loaded: HTTP 404/);
    assert.match(await noticesOf(page, 'badmodel'), /The lesson's file nope\.json could not be loaded: HTTP 404/);
    assert.match(await until(page, () => [...document.getElementById('badcsv').shadowRoot.querySelectorAll('.np-notice')].map((n) => n.textContent).join('\n') || null),
      /The lesson's points \(bad\.csv\) could not be used: .*line 2, column 3: "zero" is not a number/);
    // the others still train
    await page.evaluate(() => document.getElementById('missing').play());
    await until(page, () => Number(document.getElementById('missing').shadowRoot.querySelector('.np-root').dataset.epoch) >= 2);
    // The browser itself logs the two 404s of the missing files; nothing else.
    assert.deepEqual(problems.filter((p) => !/404 \(Not Found\)/.test(p)), []);
    assert.equal(problems.length, 2, problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('iframe mode: nn-epoch, nn-goal and nn-diverged go to the parent only when the URL names its origin (report-to), never to anyone else', async () => {
  const parent = tmpDir();
  parentServer = await startServer({ root: parent, headers: () => ({ 'Content-Security-Policy': `default-src 'self'; script-src 'self'; frame-src ${new URL(siteServer.url).origin}` }) });
  const origin = new URL(parentServer.url).origin;
  const lesson = `${siteServer.url}index.html#preset=and&speed=max&autoplay=1&embed=1`;
  fs.writeFileSync(path.join(parent, 'parent.js'), `window.__got = [];
window.addEventListener('message', (e) => {
  const frames = [...document.querySelectorAll('iframe')];
  const from = frames.find((f) => f.contentWindow === e.source);
  window.__got.push({ from: from ? from.id : '?', origin: e.origin, data: e.data });
});`);
  fs.writeFileSync(path.join(parent, 'favicon.ico'), '');
  fs.writeFileSync(path.join(parent, 'index.html'), `<!doctype html><html><head><meta charset="utf-8"><script src="parent.js"></script></head><body>
<iframe id="named" src="${lesson}&report-to=${encodeURIComponent(origin)}" width="340" height="280"></iframe>
<iframe id="other" src="${lesson}&report-to=https%3A%2F%2Fcourse.example" width="340" height="280"></iframe>
<iframe id="none" src="${lesson}" width="340" height="280"></iframe>
<iframe id="diverge" src="${siteServer.url}index.html#dataset=spiral&activation=linear&optimizer=sgd&learning-rate=10&batch-size=1&speed=max&autoplay=1&embed=1&report-to=${encodeURIComponent(origin)}" width="340" height="280"></iframe>
</body></html>`);
  // All four in view: a page scrolled out of sight in an iframe stops drawing (and training at 'max').
  const { page, context, problems } = await open(parentServer.url + 'index.html', { viewport: { width: 1100, height: 700 } });
  try {
    const got = await until(page, () => window.__got.some((m) => m.data.type === 'nn-goal') && window.__got, undefined, { timeout: 40000, what: 'nn-goal from the named iframe' });
    // every AND frame has trained past its goal too, and still nothing came from the two not naming this origin
    for (const f of page.frames().filter((x) => x.url().includes('preset=and'))) {
      await until(f, () => document.querySelector('.np-goal-card.np-goal-met') !== null, undefined, { timeout: 40000, what: `goal met in ${f.url()}` });
    }
    // a diverging run in the fourth (named) frame: nn-diverged, with its learning rate
    const diverged = await until(page, () => window.__got.find((m) => m.data.type === 'nn-diverged'), undefined, { timeout: 30000, what: 'nn-diverged' });
    assert.equal(diverged.from, 'diverge');
    assert.ok(Number.isInteger(diverged.data.detail.epoch) && diverged.data.detail.learningRate === 10, JSON.stringify(diverged.data.detail));
    const all = await page.evaluate(() => window.__got);
    assert.ok(all.length > 1, 'nn-epoch messages too');
    assert.deepEqual([...new Set(all.map((m) => m.from))].sort(), ['diverge', 'named']);
    assert.deepEqual([...new Set(all.map((m) => m.origin))], [new URL(siteServer.url).origin]);
    assert.deepEqual([...new Set(all.map((m) => m.data.source))], ['nnplay']);
    assert.ok(all.some((m) => m.data.type === 'nn-epoch' && Number.isInteger(m.data.detail.epoch)));
    const goal = got.find((m) => m.data.type === 'nn-goal').data.detail;
    assert.equal(goal.goal, 'test-accuracy >= 0.99');
    assert.equal(goal.met, true);
    assert.equal(goal.state.dataset, 'and');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('every new string of the lesson features exists in English and Chinese, with the same placeholders', () => {
  const prefixes = ['lesson.', 'goal.', 'handTune.', 'builder.', 'preset.', 'axis.', 'network.limit', 'control.normalize', 'data.normalized', 'dataset.and', 'dataset.or', 'dataset.coffeeRoasting'];
  const keys = Object.keys(STRINGS.en).filter((k) => prefixes.some((p) => k.startsWith(p)));
  assert.ok(keys.length > 150, `${keys.length} keys`);
  const holes = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const k of keys) {
    assert.ok(Object.hasOwn(STRINGS['zh-CN'], k), `zh-CN lacks ${k}`);
    assert.deepEqual(holes(STRINGS['zh-CN'][k]), holes(STRINGS.en[k]), k);
  }
});

test('an exercise page on a phone (375x740, touch): the AND exercise is played and ticked; a reload keeps the tick', async () => {
  const { page, context, problems } = await open(env.server.url + 'examples/exercise.html', { viewport: { width: 375, height: 740 }, touch: true });
  try {
    await ready(page, ['and', 'xor', 'coffee-roasting']);
    await page.evaluate(() => localStorage.removeItem('nnplay-exercises'));
    await page.evaluate(() => document.getElementById('and').scrollIntoView());
    // the learner taps Play, and the goal card (right under the plot on a phone) follows
    const play = await inEl(page, 'and', ({ shadowRoot: r }) => { const b = r.querySelector('[data-action=play]').getBoundingClientRect(); return { x: b.x + b.width / 2, y: b.y + b.height / 2, w: b.width }; });
    assert.ok(play.w >= 44);
    await page.evaluate(() => document.getElementById('and').shadowRoot.querySelector('[data-action=play]').scrollIntoView({ block: 'center' }));
    await inEl(page, 'and', ({ shadowRoot: r }) => r.querySelector('[data-action=play]').click());
    await until(page, () => document.querySelector('#progress li[data-exercise=and]').classList.contains('done'), undefined, { timeout: 40000, what: 'the AND tick' });
    const order = await inEl(page, 'and', ({ shadowRoot: r }) => {
      const top = (s) => r.querySelector(s).getBoundingClientRect().top;
      return { plot: top('.np-plot'), card: top('.np-goal-card'), network: top('.np-col-network') };
    });
    assert.ok(order.plot < order.card && order.card < order.network, JSON.stringify(order));
    const small = await inEl(page, 'and', ({ shadowRoot: r }) => [...r.querySelectorAll('.np-goal-card button, .np-goal-card select')].filter((el) => el.getClientRects().length)
      .map((el) => el.getBoundingClientRect()).filter((b) => b.width < 44 || b.height < 44).length);
    assert.equal(small, 0, 'touch targets of the goal card');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 376, 'no sideways scrolling');
    await page.screenshot({ path: path.join(resultsDir(), 'lesson-exercise-375.png') });
    assert.match(await page.textContent('#sent'), /"exercise": "and"/);
    await page.reload();
    await ready(page, ['and']);
    assert.equal(await page.evaluate(() => document.querySelector('#progress li[data-exercise=and]').classList.contains('done')), true);
    assert.equal(await page.evaluate(() => document.querySelector('#progress li[data-exercise=xor]').classList.contains('done')), false);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
