// Browser tests of issue 12 in the page and in <nn-playground>: pinning a run
// and comparing with "Same start" (both runs' loss curves drawn, the changed
// setting listed, the pin kept through a language switch), scrubbing the
// timeline (the boundary changes and the epoch label follows; "Resume from
// here"), the confusion matrix against the engine's own predictions (computed
// again in Node from the exported model and the same data), stop-at-target,
// and the learning-rate finder's suggestion training a fresh network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadNnplay } from 'nnplay';
import { launch, withPage as withPageIn, waitForApp, until, heatPixels, resultsDir, tmpDir, axe, DIST, CSP } from './helpers.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { PlaygroundData } from '../../web/src/worker/data.js';
import { parseHash } from '../../web/src/state.js';

let env, nn;
before(async () => { env = await launch(); nn = await loadNnplay(); });
after(async () => { if (env) await env.close(); });

const withPage = (hash, body, options) => withPageIn(env, hash, body, options);
const play = (page) => page.click('[data-action=play]');
const pause = async (page) => {
  if ((await page.evaluate(() => document.getElementById('nnplay').dataset.running)) === 'true') await play(page);
  return waitForApp(page, (d) => d.running === 'false');
};
const openTab = async (page, tab) => {
  await page.locator('.np-analysis').scrollIntoViewIfNeeded();
  await page.click(`[data-tab=${tab}]`);
};
const text = (page, sel) => page.textContent(sel);

/** Pixels of the loss chart near each colour (rgb), counted. */
async function chartColours(page, colours) {
  return page.evaluate((colours) => {
    const c = document.querySelector('.np-chart-canvas');
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const counts = Object.fromEntries(Object.keys(colours).map((k) => [k, 0]));
    for (let i = 0; i < px.length; i += 4) {
      if (px[i + 3] < 200) continue;
      for (const [k, [r, g, b]] of Object.entries(colours)) {
        if (Math.abs(px[i] - r) + Math.abs(px[i + 1] - g) + Math.abs(px[i + 2] - b) < 40) counts[k] += 1;
      }
    }
    return counts;
  }, colours);
}
/** Waits until the heat map's pixels differ from `from` (same: until they equal it). */
function boundary(page, from, what, same = false) {
  return until(page, ([p, same]) => {
    const c = document.querySelector('.np-plot-heat');
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    return same ? px.every((v, i) => v === p[i]) : px.some((v, i) => v !== p[i]);
  }, [from, same], { what });
}

const COLOURS = { aTest: [179, 92, 0], aTrain: [232, 169, 81], bTest: [32, 33, 36], bTrain: [140, 155, 176] };

test('pin a run, change the learning rate with "Same start": both runs drawn, the change listed, kept through a language switch', async () => {
  await withPage('#dataset=circle&speed=5', async (page) => {
    await play(page);
    await waitForApp(page, (d) => Number(d.epoch) >= 30);
    const pinnedAt = (await pause(page)).epoch;
    const before = await chartColours(page, COLOURS);
    assert.equal(before.aTest + before.aTrain, 0, 'no run A yet');
    await openTab(page, 'compare');
    assert.ok(await page.isChecked('[data-testid=same-start]'), '"Same start" is on by default');
    assert.match(await text(page, '.np-compare'), /not part of the share link/);
    await page.click('[data-action=pin-run]');
    await until(page, () => !document.querySelector('.np-compare-body').hidden, undefined, { what: 'run A shown' });
    // Same start: B starts again at epoch 0 from A's initial weights
    await waitForApp(page, (d) => d.epoch === '0');
    assert.match(await text(page, '[data-testid=compare-diff]'), /None yet/);
    await page.selectOption('select[data-key=learningRate]', '0.3');
    await until(page, () => /learning rate 0\.03 → 0\.3/.test(document.querySelector('[data-testid=compare-diff]').textContent), undefined, { what: 'the change listed' });
    await play(page);
    await waitForApp(page, (d) => Number(d.epoch) >= 30);
    await pause(page);
    const both = await chartColours(page, COLOURS);
    for (const [k, n] of Object.entries(both)) assert.ok(n > 20, `${k}: ${n} pixels of its colour on the chart (${JSON.stringify(both)})`);
    assert.equal(await page.isVisible('.np-line-a'), true);
    assert.equal(await page.getAttribute('[data-testid=compare-a]', 'aria-label'), `Run A's decision boundary at epoch ${pinnedAt}`);
    assert.match(await text(page, '.np-compare-plots'), /A · epoch \d+ · test loss/);
    assert.match(await text(page, '.np-compare-plots'), /B \(now\) · epoch \d+ · test loss/);
    await page.screenshot({ path: path.join(resultsDir(), 'compare-pinned.png'), fullPage: true });
    // the hash (the share link) has no run A
    const hash = await page.evaluate(() => location.hash);
    assert.doesNotMatch(hash, /pin|compare/);

    // A language switch keeps run A
    await page.selectOption('[data-testid=lang]', 'zh-CN');
    await until(page, () => document.querySelector('[data-action=play]').getAttribute('aria-label') === '训练', undefined, { what: 'the Chinese page' });
    await until(page, () => /学习率 0\.03 → 0\.3/.test(document.querySelector('[data-testid=compare-diff]')?.textContent || ''), undefined, { what: 'the change in Chinese' });
    assert.equal(await page.isHidden('.np-compare-body'), false);
    const again = await chartColours(page, COLOURS);
    assert.ok(again.aTest > 20 && again.bTest > 20, JSON.stringify(again));
    // unpin: the normal view
    await page.click('[data-action=pin-run]');
    await until(page, () => document.querySelector('.np-compare-body').hidden, undefined, { what: 'run A gone' });
    const after = await chartColours(page, COLOURS);
    assert.equal(after.aTest, 0);
    assert.equal(await page.isVisible('.np-line-a'), false);
  });
});

test('scrubbing the timeline shows the boundary of each snapshot and the label follows; "Resume from here" branches', async () => {
  await withPage('#dataset=spiral&layers=6,6&speed=1', async (page) => {
    await play(page);
    await waitForApp(page, (d) => Number(d.epoch) >= 25);
    const d = await pause(page);
    const now = Number(d.epoch);
    const label = () => text(page, '[data-testid=timeline-label]');
    assert.equal(await label(), `now · epoch ${now}`);
    const present = await heatPixels(page);
    const differs = (a, b) => a.some((v, i) => v !== b[i]);
    await page.focus('[data-testid=timeline]');
    await page.keyboard.press('Home');
    assert.equal(await label(), `epoch 0 of ${now}`);
    await boundary(page, present, 'the boundary of epoch 0');
    const start = await heatPixels(page);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await label(), `epoch 5 of ${now}`);
    await boundary(page, start, 'the boundary of epoch 5');
    assert.ok(differs(await heatPixels(page), present));
    assert.match(await page.getAttribute('[data-testid=timeline]', 'aria-valuetext'), /epoch 5 of/);
    assert.equal(await page.isEnabled('[data-action=timeline-resume]'), true);
    // the present comes back as it was
    await page.keyboard.press('End');
    assert.equal(await label(), `now · epoch ${now}`);
    await boundary(page, present, 'the present boundary again', true);
    // Resume from epoch 8: training goes on from there
    await page.keyboard.press('Home');
    for (let i = 0; i < 5; ++i) await page.keyboard.press('ArrowRight');
    assert.equal(await label(), `epoch 8 of ${now}`);
    await page.screenshot({ path: path.join(resultsDir(), 'timeline-scrub.png') });
    await page.click('[data-action=timeline-resume]');
    const resumed = await waitForApp(page, (x) => x.running === 'true');
    assert.ok(Number(resumed.epoch) >= 8 && Number(resumed.epoch) < now, `resumed at ${resumed.epoch}`);
    await pause(page);
  });
});

test('the confusion matrix shows the counts of the engine\'s own predictions; a cell highlights its points', async () => {
  const hash = '#dataset=blobs&classes=3&noise=0.6&speed=5&show-test=true';
  await withPage(hash, async (page) => {
    await play(page);
    await waitForApp(page, (d) => Number(d.epoch) >= 10);
    await pause(page);
    await openTab(page, 'metrics');
    await until(page, () => document.querySelectorAll('[data-testid=confusion] td').length === 9, undefined, { what: 'the matrix' });
    await page.waitForTimeout(300);
    const shown = await page.evaluate(() => [...document.querySelectorAll('[data-testid=confusion] tbody tr')]
      .map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent))));
    // the same model and data in Node: predictions and counts by hand
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-model]')]);
    const file = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    const model = nn.models.fromJSON(file.model);
    const data = new PlaygroundData(nn);
    data.generate(parseHash(hash).state);
    const d = data.test;
    const out = model.predict(nn.tensor2d(d.x, [d.n, 2])).arraySync();
    const counts = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
    out.forEach((row, i) => { counts[d.y[i]][row.indexOf(Math.max(...row))] += 1; });
    assert.deepEqual(shown, counts);
    const correct = counts[0][0] + counts[1][1] + counts[2][2];
    assert.match(await text(page, '[data-testid=metrics-accuracy]'), new RegExp(`${correct} of ${d.n} points right`));
    // row percentages
    await page.click('.np-evaluation [data-value=rows]');
    const row0 = counts[0].reduce((a, b) => a + b, 0);
    assert.equal(await text(page, '[data-cell="0,0"]'), `${Math.round((counts[0][0] / row0) * 100)}%`);
    // a cell highlights its points on the plot
    const points = () => page.evaluate(() => {
      const c = document.querySelector('.np-plot-points');
      return Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data);
    });
    const plain = await points();
    await page.hover('[data-cell="1,1"]');
    const lit = await points();
    assert.ok(lit.some((v, i) => v !== plain[i]), 'hovering a cell changes the plot');
    assert.match(await page.getAttribute('[data-cell="1,1"]', 'aria-label'), new RegExp(`^${counts[1][1]} points of class 1 predicted as class 1`));
    await page.screenshot({ path: path.join(resultsDir(), 'confusion.png'), fullPage: true });
    model.dispose();
  });
});

test('stop at a target: Play pauses when the test loss falls below it and says so', async () => {
  await withPage('#dataset=gauss&speed=1&target-loss=0.2', async (page) => {
    assert.equal(await page.inputValue('input[data-key=targetLoss]'), '0.2');
    await play(page);
    const d = await waitForApp(page, (x) => x.running === 'false' && Number(x.epoch) > 0, 60000);
    assert.ok(Number(d.testLoss) < 0.2, `test loss ${d.testLoss}`);
    const notice = await text(page, '.np-notice-info');
    const m = notice.match(/Paused at epoch (\d+): the test loss ([\d.]+) is below the target 0\.2/);
    assert.ok(m, notice);
    assert.equal(m[1], d.epoch);
    // set from the control: an accuracy target, in the link
    await page.click('[data-testid=target-summary]');
    await page.fill('input[data-key=targetMetric]', '0.95');
    await page.press('input[data-key=targetMetric]', 'Enter');
    await until(page, () => new URLSearchParams(location.hash.slice(1)).get('target-metric') === '0.95', undefined, { what: 'the link' });
    assert.equal(await text(page, '[data-testid=target-summary]'), 'Stops at loss < 0.2, accuracy ≥ 0.95');
  });
});

test('the learning-rate finder suggests a rate that then trains the network', async () => {
  await withPage('#dataset=circle&learning-rate=0.00001&speed=5', async (page) => {
    await openTab(page, 'lr');
    await page.click('[data-action=find-lr]');
    await page.waitForSelector('[data-action=apply-lr]:not([hidden])', { timeout: 30000 });
    const lr = Number((await text(page, '[data-testid=lr-suggestion]')).match(/^Suggested: ([\d.e-]+) /)[1]);
    assert.ok(lr > 1e-4 && lr < 10, `suggestion ${lr}`);
    assert.match(await page.getAttribute('[data-testid=lr-chart]', 'aria-label'), new RegExp(`Suggested learning rate ${String(lr).replace('.', '\\.')}\\.$`));
    await page.screenshot({ path: path.join(resultsDir(), 'lr-finder.png'), fullPage: true });
    await page.click('[data-action=apply-lr]');
    await until(page, (v) => document.querySelector('select[data-key=learningRate]').value === v, String(lr), { what: 'the rate applied' });
    await page.click('[data-action=reset]');
    await waitForApp(page, (d) => d.epoch === '0');
    await play(page);
    const d = await waitForApp(page, (x) => Number(x.testLoss) < 0.3, 30000);
    assert.ok(Number(d.epoch) <= 200, `trained by epoch ${d.epoch}`);
    await pause(page);
  });
});

test('accessibility: axe-core finds no serious or critical violations in the panels (every tab, pinned, classification and regression, Chinese)', async () => {
  const serious = (list) => list.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const hash of ['#dataset=blobs&classes=4&speed=5', '#dataset=plane&speed=5&lang=zh-CN']) {
    await withPage(hash, async (page) => {
      await play(page);
      await waitForApp(page, (d) => Number(d.epoch) >= 10);
      await pause(page);
      const all = [];
      await openTab(page, 'compare');
      await page.click('[data-action=pin-run]');
      await until(page, () => !document.querySelector('.np-compare-body').hidden, undefined, { what: 'run A' });
      await page.focus('[data-testid=timeline]');
      await page.keyboard.press('Home');
      all.push(...serious(await axe(page)));
      await openTab(page, 'metrics');
      await until(page, () => document.querySelector('[data-testid=confusion] td, [data-testid=residual-plot][aria-label]'), undefined, { what: 'the metrics' });
      all.push(...serious(await axe(page)));
      await openTab(page, 'lr');
      await page.click('[data-action=find-lr]');
      await page.waitForSelector('[data-testid=lr-chart][aria-label*="0"]', { timeout: 30000 });
      await page.click('[data-testid=target-summary]');
      all.push(...serious(await axe(page)));
      assert.deepEqual(all, []);
    });
  }
});

test('<nn-playground>: pin a run and scrub its timeline inside the element', async () => {
  const dir = tmpDir();
  fs.copyFileSync(path.join(DIST, 'nn-playground-single.js'), path.join(dir, 'nn-playground-single.js'));
  fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>compare</title><link rel="icon" href="data:,">
<script type="module" src="nn-playground-single.js"></script></head>
<body><nn-playground id="p" dataset="xor" speed="5" lang="zh-CN"></nn-playground></body></html>`);
  const server = await startServer({ root: dir, port: 0, headers: () => ({ 'Content-Security-Policy': CSP }) });
  const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    await page.goto(server.url + 'index.html');
    const root = () => page.evaluate(() => ({ ...document.getElementById('p').shadowRoot.querySelector('.np-root').dataset }));
    await until(page, () => document.getElementById('p')?.shadowRoot?.querySelector('.np-node-output'), undefined, { timeout: 30000, what: 'the element' });
    await page.evaluate(() => document.getElementById('p').play());
    await until(page, () => Number(document.getElementById('p').shadowRoot.querySelector('.np-root').dataset.epoch) >= 20, undefined, { timeout: 30000, what: 'training' });
    await page.evaluate(() => document.getElementById('p').pause());
    await until(page, () => document.getElementById('p').shadowRoot.querySelector('.np-root').dataset.running === 'false');
    const epoch = Number((await root()).epoch);
    await page.locator('#p [data-testid=timeline]').focus();
    await page.keyboard.press('Home');
    assert.equal(await page.locator('#p [data-testid=timeline-label]').textContent(), `第 0 个周期（共 ${epoch} 个）`);
    await page.keyboard.press('End');
    await page.locator('#p .np-analysis').scrollIntoViewIfNeeded();
    await page.locator('#p [data-action=pin-run]').click();
    await until(page, () => !document.getElementById('p').shadowRoot.querySelector('.np-compare-body').hidden, undefined, { what: 'run A in the element' });
    await until(page, () => document.getElementById('p').shadowRoot.querySelector('.np-root').dataset.epoch === '0', undefined, { what: 'B restarted' });
    await page.screenshot({ path: path.join(resultsDir(), 'compare-element.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
