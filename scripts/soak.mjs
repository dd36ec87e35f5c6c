#!/usr/bin/env node
// Soak test: the page and the four-playground lesson run in headless Chromium
// for N minutes while the script keeps cycling what a lecture does to them
// (datasets, network sizes, model export and import, language switches, play
// and pause), and records at every sample: the JS heap of the page, the wasm
// memory of every worker, the DOM nodes (shadow roots included) and the number
// of workers. It passes when all of them are flat after the warm-up (the first
// quarter of the run): every figure at the end within a small margin of its
// value right after the warm-up (largest per quarter: see the check at the end).
//   node scripts/soak.mjs                       60 minutes, a sample a minute
//   node scripts/soak.mjs --minutes 2 --every 15  (npm test runs this)
//   --json results.json  writes the samples
import fs from 'node:fs';
import { launch } from '../tests/browser/helpers.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const minutes = Number(opt('minutes', 60));
const every = Number(opt('every', 60));  // seconds between samples
const jsonOut = opt('json', null);
if (!(minutes > 0) || !(every > 0)) throw new Error('usage: soak.mjs [--minutes N] [--every SECONDS] [--json FILE]');

// Allowed growth from the first sample after the warm-up to the last one.
const MARGIN = {
  jsHeap: (base) => Math.max(8e6, 0.25 * base),  // bytes: the heap breathes with GC
  wasmHeap: () => 16 * 65536,                  // bytes per worker total: a few wasm pages
  // Counted with both pages set to the same reference state (toReference), so a
  // node that each cycle leaves behind shows. What is left of the swing is the
  // neuron inspector's worked example, 8 or 81 nodes depending on what was
  // selected before (a 2-minute run: page 1037 or 1110, lesson 2593 or 2666).
  domNodes: (base) => Math.max(100, 0.1 * base),
  workers: () => 0,
};

const DATASETS = ['circle', 'xor', 'gauss', 'spiral', 'moons', 'blobs', 'plane', 'multiGauss'];
const NETWORKS = ['4,2', '8,8,8', '16,16,16,16', '3', '6,4', '2'];

// Counts DOM nodes, walking into open shadow roots (the lesson's playgrounds).
function countNodes() {
  let n = 0;
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      ++n;
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return n;
}

// Before each sample both pages go to one reference state (toReference): a page's node count
// depends on what it shows (a 16 x 4 network draws more neurons than a 2, and
// the page's count swung from 998 to 1315 between samples of one 2-minute run
// with no growth), so only counts taken in the same state compare.
const REFERENCE = { page: '#dataset=circle&layers=4,2&speed=max', lesson: ['circle', '4,2'] };
async function toReference(page, lesson) {
  await page.evaluate((h) => { location.hash = h; }, REFERENCE.page);
  await page.selectOption('[data-testid=lang]', 'en');
  await lesson.evaluate(([dataset, layers]) => {
    for (const el of document.querySelectorAll('nn-playground')) {
      el.setAttribute('dataset', dataset);
      el.setAttribute('layers', layers);
      el.setAttribute('lang', 'en');
      el.pause();
    }
  }, REFERENCE.lesson);
  await page.waitForTimeout(1000);
}

async function sample(page) {
  const page_ = await page.evaluate(() => ({ jsHeap: performance.memory ? performance.memory.usedJSHeapSize : NaN }));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  const domNodes = await page.evaluate(countNodes);
  let wasmHeap = 0;
  for (const w of page.workers()) wasmHeap += await w.evaluate(() => (self.__nnplayMemory ? self.__nnplayMemory().heapBytes : 0)).catch(() => 0);
  return { jsHeap: usedSize || page_.jsHeap, wasmHeap, domNodes, workers: page.workers().length };
}

async function cyclePage(page, i) {
  const hash = `#dataset=${DATASETS[i % DATASETS.length]}&layers=${NETWORKS[i % NETWORKS.length]}&speed=max&autoplay=1`;
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.click('[data-action=play]').catch(() => {});
  if (i % 3 === 0) {
    // Export the model, then import it back.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), page.click('[data-action=export-model]')]);
    // Through the page's own file input and its change event, as a learner's file
    // arrives. Not page.setInputFiles: DevTools keeps a handle on the input it set,
    // and so on the whole view tree a later language switch replaces (the page's heap
    // then grew ~0.2 MB a minute in the 60-minute run from that handle alone).
    const text = fs.readFileSync(await download.path(), 'utf8');
    const imported = await page.evaluate((t) => {
      const input = document.querySelector('[data-testid=model-file]');
      const files = new DataTransfer();
      files.items.add(new File([t], 'nnplay-model.json', { type: 'application/json' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change'));
      return input.files.length === 0;  // the page took the file (it clears the input)
    }, text);
    if (!imported) throw new Error('soak: the page did not take the model file');
  }
  if (i % 4 === 1) await page.selectOption('[data-testid=lang]', i % 8 === 1 ? 'zh-CN' : 'en');
}

async function cycleLesson(page, i) {
  await page.evaluate((i) => {
    const all = [...document.querySelectorAll('nn-playground')];
    all.forEach((el, k) => {
      const d = ['circle', 'xor', 'spiral', 'gauss'][(i + k) % 4];
      el.setAttribute('dataset', d);
      el.setAttribute('layers', ['4,2', '8,8', '3', '6'][(i + 2 * k) % 4]);
      if (i % 4 === 2) el.setAttribute('lang', el.getAttribute('lang') === 'zh-CN' ? 'en' : 'zh-CN');
      if ((i + k) % 2 === 0) el.play(); else el.pause();
    });
  }, i);
  if (i % 5 === 0) await page.evaluate(async () => { await document.querySelector('nn-playground').getModel(); });
}

const env = await launch();
let failed = false;
try {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${env.server.url}#dataset=circle&autoplay=1&speed=max`);
  const lesson = await context.newPage();
  await lesson.goto(`${env.server.url}examples/lesson.html`);
  await page.waitForTimeout(3000);

  const samples = [];
  const start = Date.now();
  const end = start + minutes * 60000;
  let nextSample = start;
  for (let i = 0; Date.now() < end; ++i) {
    await cyclePage(page, i);
    await cycleLesson(lesson, i);
    await page.waitForTimeout(2000);
    if (Date.now() >= nextSample) {
      await toReference(page, lesson);
      const s = { minute: (Date.now() - start) / 60000, page: await sample(page), lesson: await sample(lesson) };
      samples.push(s);
      console.log(`${s.minute.toFixed(1).padStart(5)} min  page: heap ${(s.page.jsHeap / 1e6).toFixed(1)} MB, wasm ${(s.page.wasmHeap / 1e6).toFixed(1)} MB, ` +
        `${s.page.domNodes} nodes, ${s.page.workers} workers | lesson: heap ${(s.lesson.jsHeap / 1e6).toFixed(1)} MB, ` +
        `wasm ${(s.lesson.wasmHeap / 1e6).toFixed(1)} MB, ${s.lesson.domNodes} nodes, ${s.lesson.workers} workers`);
      nextSample += every * 1000;
    }
  }
  await toReference(page, lesson);
  samples.push({ minute: (Date.now() - start) / 60000, page: await sample(page), lesson: await sample(lesson) });
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(samples, null, 1));

  // Flat after the warm-up. The heaps breathe with the garbage collector, so the
  // check compares the largest value of the quarter after the warm-up with the
  // largest of the last quarter.
  const largest = (from, to, where, key) => Math.max(...samples.filter((s) => s.minute >= from && s.minute < to).map((s) => s[where][key]));
  for (const where of ['page', 'lesson']) {
    for (const [key, margin] of Object.entries(MARGIN)) {
      const base = largest(minutes / 4, minutes / 2, where, key), now = largest(minutes * 3 / 4, Infinity, where, key);
      const allowed = margin(base);
      const ok = Number.isFinite(base) && Number.isFinite(now) && now - base <= allowed;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${where} ${key}: largest ${base} -> ${now} (allowed growth ${Math.round(allowed)})`);
      if (!ok) failed = true;
    }
  }
} finally {
  await env.close();
}
if (failed) {
  console.error('soak: memory, nodes or workers grew after the warm-up');
  process.exit(1);
}
console.log('soak: flat after the warm-up');
