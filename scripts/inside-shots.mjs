#!/usr/bin/env node
// The README's pictures of "Inside the network" (issue 13): each view after some
// training, cropped to the card, into docs/img/inside-<view>.png (quantized with
// pngquant when it is installed, to keep them small). Build first
// (scripts/build.sh web); the page is served from dist/.
//   node scripts/inside-shots.mjs [--lang zh-CN] [--out docs/img]
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, waitForApp, until, ROOT } from '../tests/browser/helpers.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const lang = arg('lang', 'en');
const out = path.resolve(ROOT, arg('out', 'docs/img'));
fs.mkdirSync(out, { recursive: true });

// name: [hash, seconds of training, then what to do]
const VIEWS = {
  space: ['#dataset=circle&layers=5,2&activation=tanh&learning-rate=0.03&inside=space', 4],
  'space-3d': ['#dataset=circle&layers=3&activation=relu&learning-rate=0.03&inside=space&space-neurons=1,2,3', 5],
  health: ['#dataset=circle&layers=6,6,6,6,6&activation=sigmoid&optimizer=sgd&learning-rate=0.3&inside=health', 5],
  'health-relu': ['#dataset=spiral&layers=8,8,8&activation=relu&optimizer=sgd&learning-rate=1&inside=health', 4],
  histograms: ['#dataset=circle&layers=8,8&activation=relu&initializer=heUniform&inside=histograms', 5],
  landscape: ['#dataset=circle&layers=6,4&activation=tanh&inside=landscape&landscape-span=1', 4],
};

const env = await launch();
try {
  for (const [name, [hash, seconds]] of Object.entries(VIEWS)) {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 2600 }, locale: lang });
    const page = await context.newPage();
    await page.goto(`${env.server.url}${hash}&lang=${lang}`);
    await waitForApp(page, (d) => Number(d.frames) > 0);
    await page.locator('[data-testid=inside]').scrollIntoViewIfNeeded();
    await page.click('[data-action=play]');
    await page.waitForTimeout(seconds * 1000);
    await page.click('[data-action=play]');
    await waitForApp(page, (d) => d.running === 'false');
    if (name === 'landscape') {
      await until(page, () => !document.querySelector('[data-action=landscape]').disabled, undefined, { timeout: 30000 });
      await page.click('[data-action=landscape]');
      await until(page, () => !document.querySelector('[data-action=landscape]').disabled, undefined, { timeout: 30000 });
    }
    await page.waitForTimeout(500);
    const file = path.join(out, `inside-${name}${lang === 'en' ? '' : `-${lang}`}.png`);
    await page.locator('[data-testid=inside]').screenshot({ path: file });
    try {
      execFileSync('pngquant', ['--force', '--skip-if-larger', '--quality=60-90', '--output', file, file]);
    } catch { /* pngquant missing or no gain: keep the full PNG */ }
    console.log(`${file} ${(fs.statSync(file).size / 1024).toFixed(0)} KB`);
    await context.close();
  }
} finally {
  await env.close();
}
