// Browser tests of the <nn-playground> element and the embedding examples
// (issue 5): the sample lesson (several instances training independently, the
// script API, live attributes, garbage attributes), the strict-CSP page with
// the iframe mode, and the single-file bundle served with no .wasm beside it.
// Every page is served under the strict CSP and must report no violation, no
// console error and no uncaught exception.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { launch, until, resultsDir, tmpDir, DIST, CSP, CHROMIUM_ARGS } from './helpers.mjs';
import { startServer } from '../../scripts/serve.mjs';

let env;
before(async () => {
  for (const f of ['nn-playground.js', 'nn-playground-single.js', 'examples/lesson.html', 'examples/csp.html']) {
    if (!fs.existsSync(path.join(DIST, f))) throw new Error(`dist/${f} is missing: run scripts/build.sh web`);
  }
  env = await launch();
});
after(async () => { if (env) await env.close(); });

/**
 * Opens url (relative to the server, or absolute) recording problems: console
 * errors (page and workers), exceptions, CSP violations (reported to the page
 * by the securitypolicyviolation event, installed before any page script), and
 * every nn-epoch event per instance id in window.__epochs.
 */
async function open(url, { browser = env.browser, base = env.server.url, viewport = { width: 1000, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript(() => {
    window.__violations = [];
    window.__epochs = {};
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    document.addEventListener('nn-epoch', (e) => {
      const id = e.target.id || 'anonymous';
      (window.__epochs[id] ||= []).push(e.detail);
    });
  });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  page.on('worker', (w) => w.on('console', (m) => { if (m.type() === 'error') problems.push(`worker console: ${m.text()}`); }));
  await page.goto(url.startsWith('http') ? url : base + url);
  return { page, context, problems, requests };
}

async function assertClean(page, problems) {
  const violations = await page.evaluate(() => window.__violations);
  assert.deepEqual(violations, [], 'CSP violations');
  assert.deepEqual(problems, [], 'console errors or exceptions');
}

/** {epoch, count, first, last} of the nn-epoch events of each instance. */
const epochs = (page) => page.evaluate(() => Object.fromEntries(Object.entries(window.__epochs).map(([id, list]) => [id,
  { count: list.length, first: list[0], last: list[list.length - 1] }])));

/** Figures (the data- attributes of the mount) and visible notices of instance `id`. */
const inspect = (page, id) => page.evaluate((id) => {
  const el = document.getElementById(id);
  const root = el.shadowRoot.querySelector('.np-root');
  return {
    ...root.dataset,
    // one line per message (a notice lists several of one topic)
    notices: [...el.shadowRoot.querySelectorAll('.np-notice li, .np-notice span.np-notice-text')].map((n) => n.textContent),
    state: el.state,
  };
}, id);

const ready = (page, ids) => until(page, (ids) => ids.every((id) => {
  const root = document.getElementById(id)?.shadowRoot?.querySelector('.np-root');
  return root && Number(root.dataset.frames) > 0;
}), ids, { timeout: 30000, what: `first frames of ${ids}` });

const IDS = ['xor', 'blobs', 'spiral', 'circle'];

/**
 * Opens the sample lesson (open()'s options), waits for every instance's first
 * frame, runs body(page, context), then checks that the page stayed clean.
 */
async function withLesson(options, body) {
  const { page, context, problems } = await open('examples/lesson.html', options);
  try {
    await ready(page, IDS);
    await body(page, context);
    await assertClean(page, problems);
  } finally {
    await context.close();
  }
}

test('the sample lesson: every instance trains in its own worker, epoch events arrive and losses fall; the script API works', async () => {
  await withLesson({}, async (page) => {
    assert.ok(page.workers().length >= 4, `${page.workers().length} workers`);
    // Shadow DOM: the host page sees only the elements, not their insides.
    assert.equal(await page.evaluate(() => document.querySelectorAll('.np-app').length), 0);
    // Different settings per instance, from the attributes.
    const blobs = await inspect(page, 'blobs');
    assert.deepEqual(blobs.state.layers, []);
    assert.equal(blobs.state.classes, 4);
    assert.equal((await inspect(page, 'xor')).state.activation[0], 'sigmoid');

    await page.evaluate(() => { for (const el of document.querySelectorAll('nn-playground')) el.play(); });
    const got = await until(page, (ids) => {
      const e = window.__epochs;
      return ids.every((id) => e[id] && e[id].length > 5 && e[id][e[id].length - 1].epoch >= 15) && e;
    }, IDS, { timeout: 60000, what: 'epoch events from every instance' });
    for (const id of IDS) {
      const list = got[id];
      const first = list[0], last = list[list.length - 1];
      assert.ok(last.trainLoss < first.trainLoss, `${id}: train loss ${first.trainLoss} -> ${last.trainLoss}`);
      assert.ok(Number.isFinite(last.testLoss) && last.accuracy >= 0 && last.accuracy <= 1, JSON.stringify(last));
      for (let i = 1; i < list.length; ++i) assert.ok(list[i].epoch > list[i - 1].epoch || list[i].epoch === 0, `${id}: epochs out of order`);
    }
    // Responsive with four instances training: no main-thread task over 300 ms.
    const longest = await page.evaluate(() => new Promise((resolve) => {
      let max = 0;
      const o = new PerformanceObserver((list) => { for (const e of list.getEntries()) max = Math.max(max, e.duration); });
      o.observe({ type: 'longtask' });
      setTimeout(() => { o.disconnect(); resolve(max); }, 2000);
    }));
    assert.ok(longest < 300, `a ${longest} ms task on the main thread`);
    // Independent: different seeds, data and networks give different losses.
    const losses = new Set(IDS.map((id) => got[id][2].trainLoss));
    assert.equal(losses.size, IDS.length);

    // Script API on one instance; the others go on.
    await page.evaluate(() => document.getElementById('xor').pause());
    await until(page, () => document.getElementById('xor').shadowRoot.querySelector('.np-root').dataset.running === 'false');
    const paused = Number((await inspect(page, 'xor')).epoch);
    await page.evaluate(() => document.getElementById('xor').step());
    await until(page, (n) => Number(document.getElementById('xor').shadowRoot.querySelector('.np-root').dataset.epoch) === n + 1, paused);
    const info = await page.evaluate(async () => {
      const el = document.getElementById('xor');
      const model = await el.getModel();
      const w = model.getWeights();
      const p = model.predict([[0.5, 0.5], [-3, 3]]).dataSync();
      return { shapes: w.map((t) => t.shape), p: Array.from(p), same: el.model === model, units: model.layers.map((l) => l.units) };
    });
    assert.deepEqual(info.shapes, [[2, 3], [3], [3, 1], [1]]);
    assert.deepEqual(info.units, [3, 1]);
    assert.ok(info.same, 'el.model is the latest snapshot');
    assert.ok(info.p.every((v) => v > 0 && v < 1), `predictions ${info.p}`);
    await page.evaluate(() => document.getElementById('xor').reset());
    await until(page, () => document.getElementById('xor').shadowRoot.querySelector('.np-root').dataset.epoch === '0');
    const before = (await epochs(page)).circle.last.epoch;
    await until(page, (n) => window.__epochs.circle[window.__epochs.circle.length - 1].epoch > n + 3, before,
      { timeout: 30000, what: 'the circle instance to go on training' });

    // The lesson's own buttons drive the element; controls="none" shows no controls.
    assert.equal(await page.evaluate(() => document.getElementById('circle').shadowRoot.querySelector('.np-run-buttons').classList.contains('np-ctl-hidden')), true);
    assert.equal(await page.evaluate(() => !!document.getElementById('xor').shadowRoot.querySelector('select[data-key=optimizer]').closest('.np-ctl-hidden')), true);
    assert.equal(await page.evaluate(() => !!document.getElementById('xor').shadowRoot.querySelector('select[data-key=learningRate]').closest('.np-ctl-hidden')), false);
    await page.click('#xor-weights');
    await until(page, () => document.getElementById('xor-out').textContent.includes('x1 → hidden'), undefined,
      { timeout: 60000, what: "the lesson's weights from getModel()" });
    await page.screenshot({ path: path.join(resultsDir(), 'lesson.png'), fullPage: true });
  });
});

test('attributes change live; a garbage attribute shows a specific warning in its instance while the others keep training', async () => {
  await withLesson({}, async (page) => {
    const xor = () => inspect(page, 'xor');
    await page.evaluate(() => {
      const el = document.getElementById('xor');
      el.setAttribute('layers', '5,3');
      el.setAttribute('learning-rate', '0.1');
      el.setAttribute('controls', 'dataset,optimizer');
    });
    await until(page, () => document.getElementById('xor').shadowRoot.querySelector('.np-net-count')?.textContent === '2 hidden layers',
      undefined, { what: 'the diagram to show 2 hidden layers' });
    let s = (await xor()).state;
    assert.deepEqual(s.layers, [5, 3]);
    assert.equal(s.learningRate, 0.1);
    const shown = await page.evaluate(() => {
      const r = document.getElementById('xor').shadowRoot;
      const visible = (sel) => !r.querySelector(sel).closest('.np-ctl-hidden');
      return { optimizer: visible('select[data-key=optimizer]'), lr: visible('select[data-key=learningRate]'),
        picker: visible('.np-datasets'), lrValue: r.querySelector('select[data-key=learningRate]').value };
    });
    assert.deepEqual(shown, { optimizer: true, lr: false, picker: true, lrValue: '0.1' });
    await page.evaluate(() => document.getElementById('xor').removeAttribute('learning-rate'));
    await until(page, () => document.getElementById('xor').state.learningRate === 0.03);

    // Garbage: ignored or clamped, a warning naming the attribute, never HTML.
    await page.evaluate(() => { for (const id of ['blobs', 'circle']) document.getElementById(id).play(); });
    const start = await epochs(page);
    await page.evaluate(() => {
      const el = document.getElementById('spiral');
      el.setAttribute('learning-rate', 'banana');
      el.setAttribute('layers', '<img src=x onerror=alert(1)>');
      el.setAttribute('batch-size', '99999');
      el.setAttribute('controls', 'everything');
    });
    const notes = await until(page, () => {
      const n = [...document.getElementById('spiral').shadowRoot.querySelectorAll('.np-notice-warning li')].map((x) => x.textContent);
      return n.length >= 4 && n;
    }, undefined, { what: 'warnings in the spiral instance' });
    const all = notes.join('\n');
    assert.match(all, /learning-rate: "banana" is not a number/);
    assert.match(all, /layers: "<img src=x onerror=a" is not a number/);  // shown as text, cut at 20 characters
    assert.match(all, /batch-size: 99999 is outside 1\.\.100; using 100/);
    assert.match(all, /controls: "everything" is not one of/);
    s = (await inspect(page, 'spiral')).state;
    assert.equal(s.learningRate, 0.01);
    assert.deepEqual(s.layers, [8, 8]);
    assert.equal(s.batchSize, 100);
    assert.equal(await page.evaluate(() => document.getElementById('spiral').shadowRoot.querySelectorAll('img').length), 0);
    for (const id of ['xor', 'blobs', 'circle']) assert.deepEqual((await inspect(page, id)).notices.filter((n) => /banana|img|99999/.test(n)), [], id);
    // The others keep training.
    await until(page, (start) => ['blobs', 'circle'].every((id) => {
      const l = window.__epochs[id];
      return l[l.length - 1].epoch > (start[id] ? start[id].last.epoch : 0) + 5;
    }), start, { timeout: 30000, what: 'the other instances to keep training' });
    // The instance with garbage trains too (with its valid settings).
    await page.evaluate(() => document.getElementById('spiral').play());
    await until(page, () => (window.__epochs.spiral || []).some((e) => e.epoch >= 5), undefined, { timeout: 30000, what: 'spiral epochs' });

    // Off-screen instances train (events, figures) but do not draw.
    const off = await page.evaluate(() => ({ ...document.getElementById('circle').shadowRoot.querySelector('.np-root').dataset }));
    await until(page, (n) => Number(document.getElementById('circle').shadowRoot.querySelector('.np-root').dataset.frames) > n + 10,
      Number(off.frames), { timeout: 30000, what: 'off-screen frames' });
    assert.equal((await inspect(page, 'circle')).drawn, off.drawn, 'an off-screen instance drew');
    await page.evaluate(() => document.getElementById('circle').scrollIntoView());
    await until(page, (n) => Number(document.getElementById('circle').shadowRoot.querySelector('.np-root').dataset.drawn) > n + 2,
      Number(off.drawn), { timeout: 30000, what: 'drawing once scrolled into view' });

    // lang: this instance only; height: the instance's own scroll box.
    // The switch rebuilds the views only: the training run keeps its epochs.
    const before = Number((await inspect(page, 'xor')).epoch);
    await page.evaluate(() => document.getElementById('xor').setAttribute('lang', 'zh-CN'));
    await until(page, () => /^(训练|暂停)$/.test(document.getElementById('xor').shadowRoot.querySelector('[data-action=play]')?.getAttribute('aria-label')),
      undefined, { what: 'the Chinese play button' });
    assert.ok(Number((await inspect(page, 'xor')).epoch) >= before, 'switching the language restarted training');
    assert.match(await page.evaluate(() => document.getElementById('blobs').shadowRoot.querySelector('[data-action=play]').getAttribute('aria-label')), /^(Train|Pause)$/);
    assert.equal(await page.evaluate(() => document.getElementById('spiral').shadowRoot.querySelector('.np-shell').getBoundingClientRect().height), 560);

    // A failure inside one instance (here: a broken worker message, which the
    // protocol check names) shows in that instance only; the page and the other
    // instances go on.
    await page.evaluate(() => document.getElementById('blobs').app.bridge.dispatch({ type: 'data' }));
    const failed = await until(page, () => document.getElementById('blobs').shadowRoot.querySelector('[data-testid=failed]')?.textContent);
    assert.match(failed, /This playground stopped: message from the worker: message 'data' lacks its field 'train'/);
    const n = (await epochs(page)).circle.last.epoch;
    await until(page, (n) => window.__epochs.circle[window.__epochs.circle.length - 1].epoch > n + 3, n,
      { timeout: 30000, what: 'the circle instance to go on after another failed' });
  });
});

test('the lesson\'s playgrounds write their figures together, at most ten times a second while training, and exactly once paused', async () => {
  await withLesson({ viewport: { width: 1000, height: 900 } }, async (page) => {
    // every playground in view (off screen, a playground draws nothing)
    await page.setViewportSize({ width: 1000, height: await page.evaluate(() => document.documentElement.scrollHeight + 100) });
    const FIGURES = '.np-epoch-value, .np-metric-value';
    const seen = await page.evaluate(async ({ ids, selector }) => {
      const playgrounds = ids.map((id) => document.getElementById(id));
      for (const el of playgrounds) { el.setAttribute('epochs', '0'); el.play(); }
      await new Promise((r) => setTimeout(r, 1000));
      // the animation frames, and the frames (by their time, the same for every callback of
      // one frame) in which each playground's figures changed
      let frame = 0;
      const tick = () => { frame++; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      const writes = ids.map(() => new Set());
      const figure = (node) => (node.nodeType === Node.TEXT_NODE ? node.parentElement : node)?.matches(selector);
      const observers = playgrounds.map((el, i) => {
        const mo = new MutationObserver((records) => {
          if (records.some((r) => figure(r.target))) writes[i].add(document.timeline.currentTime);
        });
        mo.observe(el.shadowRoot, { subtree: true, characterData: true, childList: true });
        return mo;
      });
      const drawn0 = playgrounds.map((el) => Number(el.shadowRoot.querySelector('.np-root').dataset.drawn));
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, 3000));
      for (const mo of observers) mo.disconnect();
      return { seconds: (performance.now() - t0) / 1000, frames: frame, writes: writes.map((w) => [...w]),
        drawn: playgrounds.map((el, i) => Number(el.shadowRoot.querySelector('.np-root').dataset.drawn) - drawn0[i]) };
    }, { ids: IDS, selector: FIGURES });
    const limit = Math.ceil(seen.seconds * 10) + 2;
    seen.writes.forEach((w, i) => {
      assert.ok(w.length >= 5, `${IDS[i]}: its figures are live (${w.length} writes in ${seen.seconds.toFixed(1)} s)`);
      assert.ok(w.length <= limit, `${IDS[i]}: ${w.length} writes in ${seen.seconds.toFixed(1)} s (at most ${limit}), ${seen.drawn[i]} frames drawn`);
    });
    // mostly the same frames for all four: one layout of the page, not four (a playground
    // whose worker has no frame ready at a slice's first frame writes in a later one)
    const frames = new Set(seen.writes.flat());
    assert.ok(frames.size <= 1.5 * limit, `the playgrounds wrote in ${frames.size} different frames of ${seen.frames}`);
    // paused: each shows its last frame's figures exactly
    await page.evaluate((ids) => { for (const id of ids) document.getElementById(id).pause(); }, IDS);
    for (const id of IDS) {
      await until(page, (id) => document.getElementById(id).shadowRoot.querySelector('.np-root').dataset.running === 'false', id, { what: `${id} paused` });
      const shown = await page.evaluate((id) => {
        const r = document.getElementById(id).shadowRoot;
        return { epoch: r.querySelector('[data-testid=epoch]').textContent, testLoss: r.querySelector('[data-testid=test-loss]').textContent,
          figures: { ...r.querySelector('.np-root').dataset } };
      }, id);
      assert.equal(shown.epoch, shown.figures.epoch.padStart(6, '0').replace(/\B(?=(\d{3})+(?!\d))/g, ','), `${id}: the epoch shown`);
      assert.equal(Number(shown.testLoss), Number(Number(shown.figures.testLoss).toPrecision(3)), `${id}: the test loss shown`);
    }
  });
});

test('a page\'s own border-radius and border on the element: the shell and the top bar follow its inner corners; a notice at its foot keeps clear of its border', async () => {
  await withLesson({ viewport: { width: 1280, height: 800 } }, async (page, context) => {
    const radii = (id) => page.evaluate((id) => {
      const r = document.getElementById(id).shadowRoot;
      const bar = [...r.querySelectorAll('.np-bar, .np-runbar')].find((b) => b.getBoundingClientRect().height > 0);
      const s = getComputedStyle(bar), shell = getComputedStyle(r.querySelector('.np-shell'));
      return [s.borderTopLeftRadius, s.borderTopRightRadius, shell.borderBottomLeftRadius];
    }, id);
    assert.deepEqual(await radii('xor'), ['9px', '9px', '9px'], 'the default: 10px corners less the 1px border');
    // CSSOM (allowed by the page's CSP), as a page's own stylesheet would
    await page.evaluate(() => {
      const el = document.getElementById('xor');
      el.style.setProperty('border-radius', '44px 3% 6px 6px');  // within the top bar's height (README)
      el.style.setProperty('border-width', '4px');
      el.scrollIntoView({ block: 'start' });
      scrollBy(0, -40);
    });
    await until(page, () => getComputedStyle(document.getElementById('xor').shadowRoot.querySelector('.np-shell')).borderTopLeftRadius === '40px',
      undefined, { what: 'the shell\'s corners to follow the host\'s' });
    // 3 %: of the width across, of the height down (an elliptical corner), less the border;
    // followed as the host's height changes (its content settles)
    await until(page, () => {
      const el = document.getElementById('xor');
      const [x, y] = getComputedStyle(el.shadowRoot.querySelector('.np-shell')).borderTopRightRadius.split(' ').map(parseFloat);
      return Math.abs(x - (el.offsetWidth * 0.03 - 4)) < 0.02 && Math.abs(y - (el.offsetHeight * 0.03 - 4)) < 0.02;
    }, undefined, { what: 'the top-right corner at 3 % of the host less its border' });
    const [left, right, bottom] = await radii('xor');
    assert.equal(left, '40px');
    assert.match(right, /^[\d.]+px [\d.]+px$/, 'the bar\'s top-right corner as the shell\'s');
    assert.equal(bottom, '2px');
    // nothing of the bar shows outside the host's top-left curve: a point 8 px in from the
    // corner (outside a 44 px curve; inside the old 9 px bar) has the page's colour, as a point
    // left of the host does
    const box = await page.evaluate(() => { const r = document.getElementById('xor').getBoundingClientRect(); return { x: r.left, y: r.top }; });
    const shot = await page.screenshot({ clip: { x: Math.floor(box.x) - 8, y: Math.floor(box.y), width: 24, height: 24 } });
    const probe = await context.newPage();  // about:blank, where a data: image may load (the lesson's CSP forbids it)
    const pixels = await probe.evaluate(async (png) => {
      const img = new Image();
      img.src = `data:image/png;base64,${png}`;
      await img.decode();
      const c = new OffscreenCanvas(img.width, img.height);
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      return { inCorner: [...g.getImageData(8 + 8, 8, 1, 1).data], outside: [...g.getImageData(2, 8, 1, 1).data] };
    }, shot.toString('base64'));
    assert.deepEqual(pixels.inCorner, pixels.outside, 'the corner outside the host\'s curve shows the page');
    // a warning at the foot of a playground: inside the border, its shadow too
    await page.evaluate(() => document.getElementById('circle').setAttribute('learning-rate', 'banana'));
    await until(page, () => document.getElementById('circle').shadowRoot.querySelector('.np-notice-warning'), undefined, { what: 'the warning' });
    const foot = await page.evaluate(() => {
      const host = document.getElementById('circle');
      host.scrollIntoView({ block: 'end' });
      scrollBy(0, 100);  // the page goes on below: the notices rest at the foot, not at the window's edge
      const notice = host.shadowRoot.querySelector('.np-notice-warning');
      const shadow = getComputedStyle(notice).boxShadow.match(/(-?[\d.]+)px (-?[\d.]+)px ([\d.]+)px/).slice(1).map(Number);
      return { bottom: notice.getBoundingClientRect().bottom, reach: shadow[1] + shadow[2],
        inner: host.getBoundingClientRect().bottom - parseFloat(getComputedStyle(host).borderBottomWidth) };
    });
    assert.ok(foot.bottom + foot.reach <= foot.inner + 0.5, `the notice ends at ${foot.bottom}, its shadow ${foot.reach} px below, the border at ${foot.inner}`);
  });
});

test('the strict-CSP page: the element and the iframe mode train with zero CSP violations', async () => {
  const { page, context, problems } = await open('examples/csp.html', { viewport: { width: 1000, height: 1600 } });
  try {
    await ready(page, ['csp-a']);
    await until(page, () => (window.__epochs['csp-a'] || []).some((e) => e.epoch >= 10), undefined, { timeout: 30000, what: 'autoplay epochs' });
    // The iframe: the full page, its state from the hash, header hidden.
    const frame = page.frames().find((f) => f.url().includes('index.html'));
    assert.ok(frame, 'the iframe');
    await until(frame, () => Number(document.getElementById('nnplay').dataset.frames) > 0, undefined, { timeout: 30000, what: 'the iframe page' });
    const f = await frame.evaluate(() => ({
      header: getComputedStyle(document.querySelector('.np-page-header')).display,
      dataset: document.querySelector('[data-dataset=gauss]').getAttribute('aria-pressed'),
      optimizerHidden: !!document.querySelector('select[data-key=optimizer]').closest('.np-ctl-hidden'),
      lrHidden: !!document.querySelector('select[data-key=learningRate]').closest('.np-ctl-hidden'),
      hash: location.hash,
    }));
    assert.equal(f.header, 'none');
    assert.equal(f.optimizerHidden, true);
    assert.equal(f.lrHidden, false);
    assert.match(f.hash, /embed=1/);
    assert.match(f.hash, /controls=learning-rate,features/);
    await frame.click('[data-action=play]');
    await until(frame, () => Number(document.getElementById('nnplay').dataset.epoch) > 3, undefined, { timeout: 30000, what: 'iframe training' });
    assert.equal(await page.textContent('#violations'), '0');
    await assertClean(page, problems);
  } finally {
    await context.close();
  }
});

test('the single-file bundle works from a page with no .wasm beside it; host CSS and widget CSS stay apart', async () => {
  const dir = tmpDir();
  fs.copyFileSync(path.join(DIST, 'nn-playground-single.js'), path.join(dir, 'nn-playground-single.js'));
  fs.writeFileSync(path.join(dir, 'host.css'),
    '.np-card, .np-main, canvas { display: none !important; }\nbutton { border-radius: 0; }\n');
  fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>single</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="host.css">
<script type="module" src="nn-playground-single.js"></script></head>
<body><button class="np-button" id="host-button">host</button>
<nn-playground id="one" dataset="xor" seed="2" autoplay controls="learning-rate"></nn-playground>
<nn-playground id="two" dataset="spiral" activation="linear" speed="max" learning-rate="99" optimizer="sgd" regularization="nope" batch-size="0"></nn-playground>
</body></html>`);
  const server = await startServer({ root: dir, port: 0, headers: () => ({ 'Content-Security-Policy': CSP }) });
  const { page, context, problems, requests } = await open('index.html', { base: server.url });
  try {
    await ready(page, ['one', 'two']);
    await until(page, () => (window.__epochs.one || []).some((e) => e.epoch >= 10), undefined, { timeout: 30000, what: 'single-file training' });
    assert.deepEqual(requests.filter((u) => !/\/(index\.html|host\.css|nn-playground-single\.js)$/.test(u)), [], 'only the three files');
    const two = await inspect(page, 'two');
    const notes = two.notices.join('\n');
    assert.match(notes, /learning-rate: 99 is outside .*using 10/);
    assert.match(notes, /regularization: "nope" is not one of/);
    assert.match(notes, /batch-size: 0 is outside 1\.\.100; using 1/);
    assert.equal(two.state.learningRate, 10);
    // Learning rate 10 with SGD diverges: the nn-diverged event, training paused.
    await page.evaluate(() => {
      const el = document.getElementById('two');
      el.addEventListener('nn-diverged', (e) => { window.__diverged = e.detail; });
      el.play();
    });
    const diverged = await until(page, () => window.__diverged, undefined, { timeout: 30000, what: 'nn-diverged' });
    assert.ok(Number.isInteger(diverged.epoch) && diverged.learningRate === 10, JSON.stringify(diverged));
    await until(page, () => document.getElementById('two').shadowRoot.querySelector('[data-testid=diverged]').hidden === false);
    const css = await page.evaluate(() => {
      const r = document.getElementById('one').shadowRoot;
      return {
        card: getComputedStyle(r.querySelector('.np-col-output')).display,
        canvas: getComputedStyle(r.querySelector('canvas')).display,
        hostButton: getComputedStyle(document.getElementById('host-button')).backgroundColor,
        widgetButton: getComputedStyle(r.querySelector('.np-button')).backgroundColor,
      };
    });
    assert.notEqual(css.card, 'none', 'host CSS reached inside the widget');
    assert.notEqual(css.canvas, 'none');
    assert.notEqual(css.hostButton, css.widgetButton, 'widget CSS leaked out');
    await assertClean(page, problems);
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('nothing a playground draws reaches outside its rounded box, in its wide, compact and phone layouts, with the chart\'s tip shown (the host does not clip)', async () => {
  // The host is contained for layout and style but not paint: a paint clip on its rounded
  // corners costs a masked compositing pass per playground when Chromium has no GPU.
  // So what it shows must stay inside by layout: every box and every line of text,
  // clipped only by the scrolling boxes inside the element. The lesson's column makes
  // the compact layout at 1280x800; a page style widening it gives the wide one.
  const cases = [
    { viewport: { width: 1280, height: 800 }, wide: true },
    { viewport: { width: 1280, height: 800 }, wide: false },
    { viewport: { width: 375, height: 740 }, wide: false },
  ];
  for (const { viewport, wide } of cases) {
    await withLesson({ viewport }, async (page) => {
      if (wide) await page.evaluate(() => document.querySelector('main').style.setProperty('max-width', 'none', 'important'));  // CSSOM: allowed by the page's CSP
      // each chart's tip shown at the chart's right end, where its text is longest
      for (const id of IDS) {
        const box = await page.evaluate((id) => {
          const chart = document.getElementById(id).shadowRoot.querySelector('.np-chart');
          chart.scrollIntoView({ block: 'center' });
          const r = chart.getBoundingClientRect();
          return { x: r.right - 2, y: r.top + r.height / 2 };
        }, id);
        await page.mouse.move(box.x, box.y);
        await until(page, (id) => !document.getElementById(id).shadowRoot.querySelector('.np-chart-tip').hidden, id, { what: `${id}'s chart tip` });
        // the tip stays shown while the pointer moves to the next chart (no mouseleave is dispatched by a scroll)
      }
      const result = await page.evaluate((ids) => {
        const found = [];
        const layouts = [];
        let checked = 0;
        for (const id of ids) {
          const host = document.getElementById(id);
          const box = host.getBoundingClientRect();
          layouts.push(Math.round(box.width));
          const clipOf = (node) => {
            // the node's rectangle as its scrolling ancestors inside the element clip it
            let clip = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };
            for (let a = node.parentElement ?? node.parentNode?.host; a && a !== host; a = a.parentElement ?? a.parentNode?.host) {
              if (getComputedStyle(a).overflow === 'visible') continue;
              const r = a.getBoundingClientRect();
              clip = { left: Math.max(clip.left, r.left), top: Math.max(clip.top, r.top), right: Math.min(clip.right, r.right), bottom: Math.min(clip.bottom, r.bottom) };
            }
            return clip;
          };
          const check = (node, r, what) => {
            if (r.width === 0 || r.height === 0) return;
            const c = clipOf(node);
            const left = Math.max(r.left, c.left), right = Math.min(r.right, c.right);
            const top = Math.max(r.top, c.top), bottom = Math.min(r.bottom, c.bottom);
            if (left >= right || top >= bottom) return;  // scrolled out of sight
            checked++;
            if (left < box.left - 0.5 || right > box.right + 0.5 || top < box.top - 0.5 || bottom > box.bottom + 0.5) {
              found.push(`${id}: ${what} [${[left, top, right, bottom].map(Math.round)}] outside [${[box.left, box.top, box.right, box.bottom].map(Math.round)}]`);
            }
          };
          const walker = document.createTreeWalker(host.shadowRoot, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (n.nodeType === Node.TEXT_NODE) {
              if (!n.textContent.trim()) continue;
              const range = document.createRange();
              range.selectNodeContents(n);
              for (const r of range.getClientRects()) check(n, r, `text "${n.textContent.trim().slice(0, 30)}"`);
            } else {
              const s = getComputedStyle(n);
              if (s.display === 'none' || s.visibility === 'hidden' || n.closest('.np-visually-hidden')) continue;
              check(n, n.getBoundingClientRect(), `<${n.localName} class="${n.className.baseVal ?? n.className}">`);
            }
          }
        }
        const tips = ids.filter((id) => !document.getElementById(id).shadowRoot.querySelector('.np-chart-tip').hidden).length;
        return { found, checked, layouts, tips };
      }, IDS);
      const label = `at ${viewport.width}x${viewport.height}${wide ? ', wide' : ''} (hosts ${result.layouts.join(', ')} px wide)`;
      assert.deepEqual(result.found, [], label);
      assert.ok(result.checked > 400, `${label}: only ${result.checked} boxes and lines checked`);
      assert.ok(result.tips >= 1, `${label}: no chart tip shown`);
      if (wide) assert.ok(result.layouts.every((w) => w > 900), `${label}: the wide layout needs hosts over 900 px`);
    });
  }
});
