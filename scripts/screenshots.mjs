#!/usr/bin/env node
// Screenshots of the page as a person sees it, for review: every hash given
// (default: a trained circle), at 1280x800 and at 375x740 (touch), in English
// and in Simplified Chinese, into test-results/shots/. The page trains for
// --train seconds first (default 2).
//   node scripts/screenshots.mjs '#dataset=spiral&layers=8,8' '#dropout=0.2'
//   node scripts/screenshots.mjs --page examples/lesson.html
//   node scripts/screenshots.mjs --full '#preset=hand-tune-xor'   (the whole page, not only the viewport)
//   node scripts/screenshots.mjs --scroll '[data-testid=inside]' '#inside=health'
//     (--scroll: that element scrolled to the top of the window, before training and before the shot)
import path from 'node:path';
import fs from 'node:fs';
import { launch, RESULTS } from '../tests/browser/helpers.mjs';

const args = process.argv.slice(2);
let train = 2;
let page = '';
let full = false;
let scroll = '';
const hashes = [];
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--train') train = Number(args[++i]);
  else if (args[i] === '--page') page = args[++i];
  else if (args[i] === '--full') full = true;
  else if (args[i] === '--scroll') scroll = args[++i];
  else hashes.push(args[i]);
}
if (hashes.length === 0) hashes.push('#dataset=circle');

const VIEWPORTS = [
  { name: '1280', viewport: { width: 1280, height: 800 }, touch: false },
  { name: '375', viewport: { width: 375, height: 740 }, touch: true },
];
const LANGS = ['en', 'zh-CN'];
const out = path.join(RESULTS, 'shots');
fs.mkdirSync(out, { recursive: true });

const env = await launch();
try {
  for (const hash of hashes) {
    for (const v of VIEWPORTS) {
      for (const lang of LANGS) {
        const context = await env.browser.newContext({ viewport: v.viewport, hasTouch: v.touch, isMobile: v.touch, locale: lang });
        const p = await context.newPage();
        const sep = hash.includes('=') ? '&' : '';
        await p.goto(`${env.server.url}${page}${hash || '#'}${sep}lang=${lang}${page ? '' : '&autoplay=1'}`);
        // --scroll: before training (views that compute only on screen) and again after (the page above may have grown)
        const scrollTo = () => p.evaluate((selector) => document.querySelector(selector).scrollIntoView({ block: 'start' }), scroll);
        if (scroll) await p.waitForSelector(scroll).then(scrollTo);
        await p.waitForTimeout(train * 1000);
        if (scroll) {
          await scrollTo();
          await p.waitForTimeout(500);
        }
        const slug = `${(page || 'index').replace(/\W+/g, '_')}${hash.replace(/[^\w]+/g, '_')}`.slice(0, 80);
        const file = path.join(out, `${slug}-${v.name}-${lang}.png`);
        await p.screenshot({ path: file, fullPage: full });
        console.log(file);
        await context.close();
      }
    }
  }
} finally {
  await env.close();
}
