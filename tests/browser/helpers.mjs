// Shared set-up for the browser tests and the browser benchmark: serves dist/
// on a free localhost port (scripts/serve.mjs) under the strict CSP that lesson
// pages use, and launches Debian's Chromium headless through playwright-core
// with the flags from shared/TOOLCHAIN.md (no browser download).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');
export const RESULTS = path.join(ROOT, 'test-results');

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' blob: data:; worker-src 'self'; connect-src 'self'";

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts the server and the browser; returns {server, browser, close()}. */
export async function launch({ csp = true } = {}) {
  for (const f of ['index.html', 'app.js', 'worker.js', 'nnplay.js', 'nnplay-core.wasm']) {
    if (!fs.existsSync(path.join(DIST, f))) throw new Error(`dist/${f} is missing: run scripts/build.sh first`);
  }
  const server = await startServer({ root: DIST, port: 0, headers: () => (csp ? { 'Content-Security-Policy': CSP } : {}) });
  // playwright makes its own fresh profile directory (--user-data-dir) per launch.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * A new page that records console errors, uncaught exceptions and CSP
 * violations into `problems`; opens `hash` (e.g. '#dataset=xor').
 */
export async function openPage(env, hash = '', { viewport = { width: 1440, height: 1000 }, beforeLoad } = {}) {
  const context = await env.browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  if (beforeLoad) await beforeLoad(context, page);
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  page.on('worker', (w) => w.on('console', (m) => { if (m.type() === 'error') problems.push(`worker console: ${m.text()}`); }));
  await page.goto(env.server.url + hash);
  return { page, context, problems };
}

/**
 * Polls fn(arg) in the page (page.evaluate, which the page's CSP does not block,
 * unlike waitForFunction's eval) until it returns a truthy value; returns it.
 */
export async function until(page, fn, arg, { timeout = 20000, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await page.evaluate(fn, arg);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves with the page's #nnplay dataset once predicate(dataset) holds (checked in Node). */
export async function waitForApp(page, predicate, timeout = 20000) {
  const end = Date.now() + timeout;
  let d;
  for (;;) {
    d = await page.evaluate(() => ({ ...document.getElementById('nnplay').dataset }));
    if (predicate(d)) return d;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms: ${predicate} on ${JSON.stringify(d)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The app's figures: epoch, losses, metric, running, frames (numbers / booleans). */
export async function figures(page) {
  const d = await page.evaluate(() => ({ ...document.getElementById('nnplay').dataset }));
  return {
    epoch: Number(d.epoch), trainLoss: Number(d.trainLoss), testLoss: Number(d.testLoss),
    testMetric: Number(d.testMetric), running: d.running === 'true', frames: Number(d.frames),
  };
}

/** Pixels of the heat-map canvas as a plain array (RGBA). */
export function heatPixels(page) {
  return page.evaluate(() => {
    const c = document.querySelector('.np-plot-heat');
    return Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data);
  });
}

export function resultsDir() {
  fs.mkdirSync(RESULTS, { recursive: true });
  return RESULTS;
}

export const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'nnplay-test-'));

/**
 * Opens the page at `hash`, waits for its first frame and the network diagram,
 * runs body(page, problems, context), then asserts nothing was logged as an
 * error, thrown, or blocked by the CSP.
 */
export async function withPage(env, hash, body, options) {
  const { page, context, problems } = await openPage(env, hash, options);
  try {
    await waitForApp(page, (d) => Number(d.frames) > 0);
    await until(page, () => document.querySelector('.np-node-output') !== null, undefined, { what: 'the network diagram' });
    await body(page, problems, context);
    assert.deepEqual(problems, [], 'console errors or uncaught exceptions');
  } finally {
    await context.close();
  }
}

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page (evaluated through the DevTools protocol, so the page's CSP stays strict): its violations. */
export async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}
