// Browser tests of the playground at its edges (issue 10, page part, and the
// decisions of issue 16 that the page shows): nothing is left behind when an
// element is removed or its language switches; el.model is rebuilt only when
// read after a change and the replaced snapshot is disposed; a wasm trap is
// recovered with the learner's points and weights; a bad model file does not
// break the playground; points outside the plot are named; an exploding but
// finite loss gives a warning, not a pause; the code view keeps a selection.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, withPage as withPageIn, until, waitForApp, figures } from './helpers.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { if (env) await env.close(); });

const withPage = (hash, body, options) => withPageIn(env, hash, body, options);

// Counts what outlives the DOM: observed targets, pending timeouts and
// animation frames, live workers. Installed before any page script.
function instrument() {
  const live = { targets: 0, timers: new Set(), frames: new Set(), workers: 0 };
  window.__live = live;
  for (const name of ['ResizeObserver', 'IntersectionObserver']) {
    const Base = window[name];
    window[name] = class extends Base {
      constructor(...args) { super(...args); this.__targets = new Set(); }
      observe(t, ...rest) { if (!this.__targets.has(t)) { this.__targets.add(t); live.targets++; } return super.observe(t, ...rest); }
      unobserve(t) { if (this.__targets.delete(t)) live.targets--; return super.unobserve(t); }
      disconnect() { live.targets -= this.__targets.size; this.__targets.clear(); return super.disconnect(); }
    };
  }
  const setT = window.setTimeout, clearT = window.clearTimeout;
  window.setTimeout = (fn, ms, ...a) => { const id = setT(() => { live.timers.delete(id); if (typeof fn === 'function') fn(...a); }, ms); live.timers.add(id); return id; };
  window.clearTimeout = (id) => { live.timers.delete(id); clearT(id); };
  const raf = window.requestAnimationFrame, caf = window.cancelAnimationFrame;
  window.requestAnimationFrame = (fn) => { const id = raf((t) => { live.frames.delete(id); fn(t); }); live.frames.add(id); return id; };
  window.cancelAnimationFrame = (id) => { live.frames.delete(id); caf(id); };
  const W = window.Worker;
  window.Worker = class extends W {
    constructor(...a) { super(...a); live.workers++; }
    terminate() { if (!this.__gone) { this.__gone = true; live.workers--; } return super.terminate(); }
  };
}

const liveCounts = (page) => page.evaluate(() => ({
  targets: window.__live.targets, timers: window.__live.timers.size, frames: window.__live.frames.size, workers: window.__live.workers,
}));

async function openLesson() {
  const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await page.goto(`${env.server.url}examples/lesson.html`);
  await until(page, () => customElements.get('nn-playground') !== undefined, undefined, { what: 'the element' });
  return { page, context, problems };
}

// Adds an element with these attributes, waits for its first frames; returns nothing (it is #probe-<n>).
async function addElement(page, id, attrs) {
  await page.evaluate(({ id, attrs }) => {
    const el = document.createElement('nn-playground');
    el.id = id;
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.body.append(el);
  }, { id, attrs });
  await until(page, (id) => {
    const el = document.getElementById(id);
    const root = el && el.shadowRoot && el.shadowRoot.querySelector('.np-root');
    return root && Number(root.dataset.frames) > 1;
  }, id, { what: `frames of ${id}`, timeout: 30000 });
}

test('removed elements and language switches leave no observers, timers, frames or workers behind', async () => {
  const { page, context, problems } = await openLesson();
  try {
    await page.waitForTimeout(500);
    const before = await liveCounts(page);
    for (let round = 0; round < 3; ++round) {
      await addElement(page, `probe-${round}`, { dataset: 'xor', autoplay: '', lang: round % 2 ? 'zh-CN' : 'en' });
      // A language switch rebuilds the views: the old ones must let go too.
      await page.evaluate((id) => document.getElementById(id).setAttribute('lang', 'zh-CN'), `probe-${round}`);
      await page.evaluate((id) => document.getElementById(id).setAttribute('lang', 'en'), `probe-${round}`);
      await page.waitForTimeout(300);
      await page.evaluate((id) => document.getElementById(id).remove(), `probe-${round}`);
    }
    // Pending one-shot timers of the lesson's own playgrounds come and go: wait for them to settle.
    await page.waitForTimeout(7000);
    const afterCounts = await liveCounts(page);
    assert.equal(afterCounts.workers, before.workers, `workers: ${JSON.stringify({ before, after: afterCounts })}`);
    assert.equal(afterCounts.targets, before.targets, `observed targets: ${JSON.stringify({ before, after: afterCounts })}`);
    assert.ok(afterCounts.timers <= before.timers + 2, `timers: ${JSON.stringify({ before, after: afterCounts })}`);
    assert.ok(afterCounts.frames <= before.frames + 4, `animation frames: ${JSON.stringify({ before, after: afterCounts })}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('el.model is rebuilt only when read after the weights changed; the replaced one is disposed; getModel rejects on a failed element; step checks its unit', async () => {
  const { page, context, problems } = await openLesson();
  try {
    await addElement(page, 'probe', { dataset: 'circle', layers: '3', seed: '4' });
    const first = await page.evaluate(async () => {
      const el = document.getElementById('probe');
      const m = await el.getModel();
      window.__first = m;
      return { same: el.model === m, again: (await el.getModel()) === m };
    });
    assert.deepEqual(first, { same: true, again: true }, 'no change, no rebuild');
    // Train: the weights change, so the next read rebuilds and disposes the old one.
    await page.evaluate(() => document.getElementById('probe').step());
    await until(page, () => Number(document.getElementById('probe').shadowRoot.querySelector('.np-root').dataset.epoch) >= 1,
      undefined, { what: 'one epoch' });
    const second = await page.evaluate(async () => {
      const el = document.getElementById('probe');
      const m = await el.getModel();
      return { fresh: m !== window.__first, oldDisposed: window.__first.isDisposed, works: m.predict([[0, 0]]).dataSync().length };
    });
    assert.deepEqual(second, { fresh: true, oldDisposed: true, works: 1 });
    const bad = await page.evaluate(() => {
      try { document.getElementById('probe').step('x'); return 'no error'; } catch (e) { return e.message; }
    });
    assert.match(bad, /step: unit must be 'epoch' or 'batch', got "x"/);
    // Removed: its model is disposed and getModel rejects instead of hanging.
    const removed = await page.evaluate(async () => {
      const el = document.getElementById('probe');
      const m = el.model;
      el.remove();
      await new Promise((r) => setTimeout(r, 50));
      let message = 'resolved';
      try { await el.getModel(); } catch (e) { message = e.message; }
      return { disposed: m.isDisposed, message };
    });
    assert.equal(removed.disposed, true);
    assert.match(removed.message, /not running|removed/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a wasm trap: the worker restarts the engine with the learner\'s points and weights, says so, and training goes on', async () => {
  const { page, context, problems } = await openLesson();
  try {
    await addElement(page, 'probe', { dataset: 'circle', points: '100', seed: '2' });
    const root = (p) => p.evaluate(() => ({ ...document.getElementById('probe').shadowRoot.querySelector('.np-root').dataset }));
    // The learner's own point and three epochs of training.
    await page.evaluate(() => {
      const el = document.getElementById('probe');
      el.app.bridge.send({ type: 'addPoint', x1: 4.5, x2: -4.5, label: 1 });
      for (let i = 0; i < 3; ++i) el.step();
    });
    await until(page, () => Number(document.getElementById('probe').shadowRoot.querySelector('.np-root').dataset.epoch) >= 3,
      undefined, { what: 'three epochs' });
    await page.waitForTimeout(300);
    const before = await root(page);
    const weightsBefore = await page.evaluate(async () => (await document.getElementById('probe').getModel()).getWeights().map((w) => Array.from(w.dataSync())));
    await page.evaluate(() => document.getElementById('probe').app.bridge.send({ type: 'debugTrap' }));
    const notice = await until(page, () => {
      const n = document.getElementById('probe').shadowRoot.querySelector('.np-notice[data-topic=engine]');
      return n && n.textContent;
    }, undefined, { what: 'the recovery notice' });
    assert.match(notice, /restarted/);
    await page.waitForTimeout(300);
    const after = await root(page);
    assert.equal(after.epoch, before.epoch, 'the epoch count is kept');
    const weightsAfter = await page.evaluate(async () => (await document.getElementById('probe').getModel()).getWeights().map((w) => Array.from(w.dataSync())));
    assert.deepEqual(weightsAfter, weightsBefore, 'the weights of the last frame are kept');
    const n = await page.evaluate(() => document.getElementById('probe').app.lastData.train.n);
    assert.equal(n, 51, 'the 50 training points and the learner\'s own');
    await page.evaluate(() => document.getElementById('probe').step());
    await until(page, (e) => Number(document.getElementById('probe').shadowRoot.querySelector('.np-root').dataset.epoch) > e,
      Number(before.epoch), { what: 'training after the recovery' });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a model file declaring huge sizes gives a clear error and the playground keeps working', async () => {
  await withPage('#dataset=xor', async (page) => {
    const huge = JSON.stringify({ format: 'nnplay-model', version: 1, inputDim: 2, layers: [{ units: 60000 }, { units: 60000 }, { units: 1 }] });
    await page.setInputFiles('[data-testid=model-file]', { name: 'huge.json', mimeType: 'application/json', buffer: Buffer.from(huge) });
    const text = await until(page, () => {
      const n = document.querySelector('.np-notice[data-topic=model]');
      return n && n.textContent;
    }, undefined, { what: 'the model-file error' });
    assert.match(text, /parameters, more than the limit of 1048576/);
    const { epoch } = await figures(page);
    await page.click('[data-action=step-epoch]');
    await waitForApp(page, (d) => Number(d.epoch) === epoch + 1);
  });
});

test('points outside the plot are named in a notice, which goes when the data changes', async () => {
  await withPage('#dataset=xor', async (page) => {
    const csv = 'x1,x2,label\n0,0,0\n1,1,1\n40,2,1\n-3,-90,0\n2,-1,0\n';
    await page.fill('.np-csv-text', csv);
    await page.click('[data-action=csv-load]');
    const text = await until(page, () => {
      const n = document.querySelector('.np-notice[data-topic=extent]');
      return n && n.textContent;
    }, undefined, { what: 'the outside-the-plot notice' });
    assert.match(text, /2 of the 5 points lie outside the plot/);
    assert.match(text, /x₁ -3 … 40/);
    await page.click('[data-dataset=circle]');
    await until(page, () => !document.querySelector('.np-notice[data-topic=extent]'), undefined, { what: 'the notice to go' });
  });
});

test('a loss that explodes but stays finite: a warning in the learner\'s language, training goes on (issue 16.4)', async () => {
  for (const [lang, pattern] of [['en', /lower learning rate/], ['zh-CN', /降低学习率/]]) {
    await withPage(`#dataset=plane&activation=relu&layers=4,2&optimizer=rmsprop&learning-rate=10&speed=max&autoplay=1&lang=${lang}`, async (page) => {
      const text = await until(page, () => {
        const n = document.querySelector('.np-notice[data-topic=unstable]');
        return n && n.textContent;
      }, undefined, { what: 'the unstable warning', timeout: 30000 });
      assert.match(text, pattern);
      const f = await figures(page);
      assert.equal(f.running, true, 'not paused');
      assert.equal(await page.evaluate(() => document.querySelector('[data-testid=diverged]').hidden), true);
      await page.click('[data-action=reset]');
      await until(page, () => !document.querySelector('.np-notice[data-topic=unstable]'), undefined, { what: 'the warning to go after a reset' });
    });
  }
});

test('the code view keeps a text selection while training, and catches up once it is gone (issue 16.7)', async () => {
  await withPage('#dataset=circle&speed=1', async (page) => {
    await page.click('[data-tab=code]');
    await page.click('[data-tab=numpy]');
    const pre = '[data-testid=code-numpy]';
    await until(page, (s) => document.querySelector(s).textContent.includes('W1'), pre, { what: 'the NumPy code' });
    await page.click('[data-action=play]');  // the toggle
    await page.locator(pre).scrollIntoViewIfNeeded();
    // While training, the code follows the weights...
    const start = await page.evaluate((s) => document.querySelector(s).textContent, pre);
    await until(page, ([s, old]) => document.querySelector(s).textContent !== old, [pre, start], { what: 'the code to follow training' });
    // ... until the learner selects a few lines of it.
    await page.evaluate((s) => {
      const node = document.querySelector(s).firstChild;
      const range = document.createRange();
      range.setStart(node, 100);
      range.setEnd(node, 400);
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }, pre);
    const held = await page.evaluate((s) => document.querySelector(s).textContent, pre);
    const selected = await page.evaluate(() => getSelection().toString());
    await page.waitForTimeout(1500);  // several frames and refreshes while training
    assert.equal(await page.evaluate((s) => document.querySelector(s).textContent, pre), held, 'the code is not rewritten under the selection');
    assert.equal(await page.evaluate(() => getSelection().toString()), selected, 'the selection is intact');
    await page.evaluate(() => getSelection().removeAllRanges());
    await until(page, ([s, old]) => document.querySelector(s).textContent !== old, [pre, held], { what: 'the code to catch up' });
  });
});
