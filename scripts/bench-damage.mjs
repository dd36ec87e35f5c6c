// What Chromium's software display compositor pays for one damaged rectangle that
// holds every change of a frame (README, "Where a frame's time goes without a GPU"):
// a page of text with two 300x300 canvases, both repainted every animation frame,
// either one above the other or `--gap` paragraphs apart (45: 3,240 px from the first's
// top to the second's bottom, about the sample lesson's span). Prints the compositor's
// tile-drawing time per frame (SoftwareRenderer::DoDrawQuad, traced) for both.
// Usage: node scripts/bench-damage.mjs [--gap 45] [--seconds 2]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch } from '../tests/browser/helpers.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const gap = arg('gap', 45), seconds = arg('seconds', 2);

const page = (paragraphs) => `<!doctype html><meta charset="utf-8">
<style>body { margin: 0; font: 16px/1.5 sans-serif; background: white } canvas { display: block; margin: 20px } p { margin: 0 20px 10px }</style>
<canvas width="300" height="300"></canvas><div></div><canvas width="300" height="300"></canvas>
<script>
  const text = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. ';
  for (let i = 0; i < ${paragraphs}; i++) document.querySelector('div').append(Object.assign(document.createElement('p'), { textContent: text.repeat(2) }));
  const contexts = [...document.querySelectorAll('canvas')].map((c) => c.getContext('2d'));
  let k = 0;
  const frame = () => { k++; for (const c of contexts) { c.fillStyle = 'hsl(' + (k % 360) + ', 60%, 50%)'; c.fillRect(0, 0, 300, 300); } requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
</script>`;

const env = await launch();
const trace = path.join(os.tmpdir(), `nnplay-damage-${process.pid}.json`);
try {
  for (const paragraphs of [0, gap]) {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 4000 } });
    const tab = await context.newPage();
    await tab.setContent(page(paragraphs));
    await tab.waitForTimeout(1500);
    await env.browser.startTracing(tab, { path: trace, categories: ['viz'] });
    await tab.waitForTimeout(seconds * 1000);
    await env.browser.stopTracing();
    const events = JSON.parse(fs.readFileSync(trace, 'utf8')).traceEvents.filter((e) => e.dur != null);
    const frames = events.filter((e) => e.name === 'DirectRenderer::DrawFrame').length;
    if (!frames) throw new Error('the trace holds no compositor frame (is this Chromium drawing in software?)');
    const quads = events.filter((e) => e.name === 'SoftwareRenderer::DoDrawQuad');
    const ms = quads.reduce((s, e) => s + (e.tdur ?? e.dur), 0) / 1000 / frames;
    // the damaged rectangle: the union of the two canvases' boxes
    const [w, h] = await tab.evaluate(() => {
      const [a, b] = [...document.querySelectorAll('canvas')].map((c) => c.getBoundingClientRect());
      return [Math.max(a.right, b.right) - Math.min(a.left, b.left), Math.max(a.bottom, b.bottom) - Math.min(a.top, b.top)];
    });
    console.log(`canvases spanning ${Math.round(h)} px: ${frames} frames, ${(quads.length / frames).toFixed(1)} quads and ${ms.toFixed(2)} ms of tile drawing per frame` +
      ` (${(ms * 1e6 / (w * h)).toFixed(1)} ns per pixel of the ${Math.round(w)} x ${Math.round(h)} damaged rectangle)`);
    await context.close();
  }
} finally {
  fs.rmSync(trace, { force: true });
  await env.close();
}
