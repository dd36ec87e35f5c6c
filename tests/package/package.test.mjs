// The npm package as a user gets it (issue 15): `npm pack` in this checkout,
// `npm install <tgz>` into an empty temporary folder (offline: the package has
// no dependencies), then, from that folder only:
//   - Node 20: `import { loadNnplay } from 'nnplay'` trains XOR to accuracy 1;
//   - tsc --noEmit --strict compiles a TF.js-shaped program against the
//     installed declarations, and the same code with its deliberate misuses
//     un-silenced fails exactly there;
//   - a page that does `import 'nnplay/element'`, bundled by esbuild, defines
//     <nn-playground> in headless Chromium and draws a trained boundary;
//   - the page in node_modules/nnplay/playground/ served as it is trains too.
// Also checks the tarball holds only what users need, and prints its size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { ROOT, CSP, CHROMIUM_ARGS, until } from '../browser/helpers.mjs';
import { readDeclarations } from '../js/declarations.mjs';

const run = promisify(execFile);
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const TARBALL = `nnplay-${pkg.version}.tgz`;
// The tarball's budget: 1.1 MB today (two variants each of the engine and the
// element, the page, the docs). Far more means something was packed by mistake.
const MAX_TARBALL_BYTES = 2.0e6;

let tmp, consumer, installed, tarballBytes, browser;

/** Runs a command; on failure the error shows its output. */
async function sh(file, args, options = {}) {
  try {
    return await run(file, args, { maxBuffer: 64 << 20, ...options });
  } catch (e) {
    e.message += `\n--- stdout\n${e.stdout}\n--- stderr\n${e.stderr}`;
    throw e;
  }
}
const write = (file, text) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnplay-package-'));
  // prepack builds what is missing (here: nothing, npm test built it) and copies the page.
  await sh('npm', ['pack', '--pack-destination', tmp, '--loglevel=error'], { cwd: ROOT });
  tarballBytes = fs.statSync(path.join(tmp, TARBALL)).size;
  consumer = path.join(tmp, 'consumer');
  write(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  await sh('npm', ['install', path.join(tmp, TARBALL), '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: consumer });
  installed = path.join(consumer, 'node_modules', 'nnplay');
});

after(async () => {
  if (browser) await browser.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the tarball holds the API, both wasm variants, the element bundles, the page, types, README and LICENSE, and nothing else', async () => {
  const { stdout } = await sh('tar', ['tzf', path.join(tmp, TARBALL)]);
  const files = stdout.trim().split('\n').map((f) => f.replace(/^package\//, '')).sort();
  const docs = files.filter((f) => f.startsWith('playground/docs/'));
  const expected = [
    'LICENSE', 'README.md', 'package.json',
    // every module of the JS API (wasm/js/*.js; a new one must be in package.json's files too)
    ...fs.readdirSync(path.join(ROOT, 'wasm/js')).filter((f) => f.endsWith('.js')).map((f) => `dist/${f}`), 'dist/index.d.ts',
    'dist/nnplay-core.mjs', 'dist/nnplay-core.wasm', 'dist/nnplay-core-single.mjs',
    'dist/nn-playground.js', 'dist/nn-playground-single.js', 'dist/element-bundled.js', 'dist/element.d.ts',
    'playground/index.html', 'playground/app.js', 'playground/worker.js', 'playground/style.css',
    'playground/favicon.svg', 'playground/nnplay-core.wasm',
  ].sort();
  assert.deepEqual(files.filter((f) => !f.startsWith('playground/docs/')), expected);
  assert.ok(docs.includes('playground/docs/index.html') && docs.length > 20, `docs: ${docs.length} files`);
  assert.ok(docs.every((f) => /\.(html|js|css|svg)$/.test(f)), 'only the generated HTML site under playground/docs/');
  assert.match(fs.readFileSync(path.join(installed, 'LICENSE'), 'utf8'), /^MIT License/);
  console.log(`${TARBALL}: ${(tarballBytes / 1e6).toFixed(2)} MB packed, ${files.length} files`);
  assert.ok(tarballBytes < MAX_TARBALL_BYTES, `${tarballBytes} bytes, budget ${MAX_TARBALL_BYTES}`);
});

test("Node 20: import { loadNnplay } from 'nnplay' trains XOR to accuracy 1; the exports map is the only way in", async () => {
  write(path.join(consumer, 'xor.mjs'), `
import { loadNnplay, DivergedError } from 'nnplay';
import meta from 'nnplay/package.json' with { type: 'json' };
import fs from 'node:fs';

const nn = await loadNnplay();
const model = nn.sequential({ seed: 2, layers: [
  nn.layers.dense({ units: 8, activation: 'tanh', inputShape: [2] }),
  nn.layers.dense({ units: 1, activation: 'sigmoid' }),
] });
model.compile({ optimizer: nn.train.adam(0.05), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
const x = [[0, 0], [0, 1], [1, 0], [1, 1]], y = [0, 1, 1, 0];
const history = await model.fit(x, y, { epochs: 300, batchSize: 4 });
const [loss, accuracy] = model.evaluate(x, y).map((t) => t.dataSync()[0]);
let internal;
try { await import('nnplay/dist/model.js'); internal = 'importable'; } catch (e) { internal = e.code; }
const page = new URL(import.meta.resolve('nnplay/playground/index.html'));
console.log(JSON.stringify({
  loss, accuracy, epochs: history.epoch.length, version: meta.version, nnVersion: nn.version,
  diverged: typeof DivergedError, internal, page: fs.existsSync(page),
  single: (await loadNnplay({ singleFile: true })).datasets.names.length, datasets: nn.datasets.names.length,
}));
model.dispose();
`);
  const { stdout } = await sh(process.execPath, ['xor.mjs'], { cwd: consumer });
  const r = JSON.parse(stdout.trim().split('\n').pop());
  assert.equal(r.accuracy, 1, `XOR accuracy ${r.accuracy} (loss ${r.loss})`);
  assert.ok(r.loss < 0.1, `loss ${r.loss}`);
  assert.equal(r.epochs, 300);
  assert.equal(r.version, pkg.version);
  assert.equal(r.nnVersion, pkg.version, 'nn.version matches package.json');
  assert.equal(r.diverged, 'function');
  assert.equal(r.internal, 'ERR_PACKAGE_PATH_NOT_EXPORTED');
  assert.ok(r.page, 'nnplay/playground/index.html resolves to a file');
  assert.equal(r.single, r.datasets, 'the single-file engine loads from the package too');
  assert.equal(r.single, 11);
});

// ---- strict TypeScript -------------------------------------------------------------------
const TS_PROGRAM = `// TF.js-shaped code against the packed package's declarations.
import { loadNnplay, DivergedError, Tensor, type History, type Sequential, type Tensor2D, type LayerStats, type LossSurface, type GridViews } from 'nnplay';

const nn = await loadNnplay();
const model: Sequential = nn.sequential({ seed: 3 });
model.add(nn.layers.dense({ units: 8, activation: 'tanh', inputShape: [2], kernelRegularizer: nn.regularizers.l2({ l2: 1e-4 }) }));
model.add(nn.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: nn.train.adam(0.05), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
model.summary();

const xs: Tensor2D = nn.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const ys = nn.tensor2d([0, 1, 1, 0], [4, 1]);
const losses: number[] = [];
const history: History = await model.fit(xs, ys, {
  epochs: 200,
  batchSize: 4,
  validationData: [xs, ys],
  callbacks: {
    onEpochEnd: async (epoch, logs) => {
      losses.push(logs.loss);
      if (logs.acc === 1 && (logs.val_loss ?? 1) < 0.05 && epoch > 100) model.stopTraining = true;
    },
  },
});
const lastLoss: number = history.history.loss[history.history.loss.length - 1];
const predictions: number[][] = model.predict(xs).arraySync();
const evaluated = model.evaluate(xs, ys);
const [loss, accuracy] = Array.isArray(evaluated) ? evaluated.map((t) => t.dataSync()[0]) : [evaluated.dataSync()[0], NaN];

const weights: Tensor[] = model.getWeights();
model.setWeights(weights.map((w) => w.arraySync()));
const copy = nn.models.fromJSON(model.toJSON());
const parsedLayers: number = model.toJSON(null, false).layers.length;

const data = nn.datasets.spiral({ n: 200, noise: 0.1, classes: 3 });
const { train, test } = nn.datasets.split(data, { trainRatio: 0.8, seed: 1 });
const wide = nn.features.transform(train, ['x1', 'x2', 'x1*x2']);
const csvText: string = nn.csv.format(test);
const grid: Float32Array = copy.evaluateGrid({ res: 8, features: 'x1,x2' });
const views = copy.evaluateGridViews({ res: 8, activations: true });
const asGridViews: GridViews = views;
const maps: Float32Array = views.activations;  // not null: asked for
const noMaps: null | Float32Array = copy.evaluateGridViews({ res: 8 }).activations;
// Looking inside the network (issue 13).
const stats: LayerStats[] = model.layerStats(xs, ys);
const gradientNorm: number = stats[0].gradientNorm;
const hidden: Tensor2D = model.activations(xs, 0);
const counts: Uint32Array = model.histograms({ bins: 10, x: xs })[0].weights.counts;
const surface: LossSurface = model.lossSurface(xs, ys, { resolution: 9, span: 0.5, seed: 2, path: [weights] });
const frame = model.inspect({ grid: { res: 8 }, x: xs, y: ys, space: { layer: 0, neurons: [0, 1] }, stats: true, bins: 8 });
const viewsFrame = model.inspect({ gridViews: { res: 8, activations: true }, x: xs, space: { layer: 0, neurons: [0, 1] } });
const frameMaps: Float32Array = viewsFrame.gridViews.activations;  // not null: asked for
console.log(gradientNorm, hidden.shape, counts.length, surface.loss.length, frame.space?.points.length, frame.grid?.length, maps.length, noMaps, asGridViews.out.length, frameMaps.length);
try {
  copy.setTrainingData(train.x, train.y, { batchSize: 16 });
  console.log(wide.shape);
} catch (e) {
  if (e instanceof DivergedError) console.log(e.epoch, e.batch);
  else if (e instanceof Error) console.log(e.message);
}
console.log(lastLoss, predictions.length, loss, accuracy, parsedLayers, csvText.length, grid.length, nn.memory().heapBytes);

// @ts-expect-error units must be a number, as in TF.js's layers.dense({units: 4})
nn.layers.dense({ units: '4', inputShape: [2] });
// @ts-expect-error gridViews has no out: the grid stays in the engine
model.inspect({ gridViews: { res: 8, out: new Float32Array(64) } });
// @ts-expect-error grid or gridViews, not both
model.inspect({ grid: { res: 8 }, gridViews: { res: 8 }, bins: 4 });

copy.dispose();
model.dispose();
`;

const TS_ELEMENT = `// The element's types: tag name map, attributes, methods and events.
import 'nnplay/element';
import type { NnPlaygroundElement, NnEpochDetail } from 'nnplay/element';

const el = document.querySelector('nn-playground');
if (el) {
  const same: NnPlaygroundElement = el;
  same.setAttribute('learning-rate', '0.03');
  el.addEventListener('nn-epoch', (e) => {
    const detail: NnEpochDetail = e.detail;
    const epoch: number = e.detail.epoch;
    console.log(detail.trainLoss, epoch, e.detail.accuracy ?? 'regression');
  });
  el.addEventListener('nn-goal', (e) => console.log(e.detail.met, e.detail.goal));
  document.addEventListener('nn-diverged', (e) => console.log(e.detail.learningRate));
  el.play();
  el.step('batch');
  const state = el.state;
  if (state) console.log(state.layers.join(','), state.learningRate.toFixed(3));
  const model = await el.getModel();
  model.predict([[0, 0]]).print();
  // @ts-expect-error detail.epoch is a number, not a string
  el.addEventListener('nn-epoch', (e) => { const text: string = e.detail.epoch; console.log(text); });
}
`;

const tsc = (project) => sh(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: consumer });
const tsconfig = (options, files) => JSON.stringify({
  compilerOptions: { strict: true, noEmit: true, target: 'es2022', lib: ['es2022', 'dom'], types: [], skipLibCheck: false, ...options },
  files,
}, null, 2);

test('tsc --noEmit --strict compiles a TF.js-shaped program against the installed package (node16 and bundler resolution); its misuses fail', async () => {
  write(path.join(consumer, 'ts/program.ts'), TS_PROGRAM);
  write(path.join(consumer, 'ts/element.ts'), TS_ELEMENT);
  const files = ['ts/program.ts', 'ts/element.ts'];
  write(path.join(consumer, 'tsconfig.node.json'), tsconfig({ module: 'nodenext', moduleResolution: 'nodenext' }, files));
  write(path.join(consumer, 'tsconfig.bundler.json'), tsconfig({ module: 'esnext', moduleResolution: 'bundler' }, files));
  const { stdout: version } = await sh(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '--version']);
  assert.match(version, /Version 5\./);
  await tsc('tsconfig.node.json');
  await tsc('tsconfig.bundler.json');

  // Without the @ts-expect-error lines the misuses must be errors, right there.
  const bare = (text) => text.replace(/^\s*\/\/ @ts-expect-error.*\n/gm, '');
  write(path.join(consumer, 'bare/program.ts'), bare(TS_PROGRAM));
  write(path.join(consumer, 'bare/element.ts'), bare(TS_ELEMENT));
  write(path.join(consumer, 'tsconfig.bare.json'), tsconfig({ module: 'nodenext', moduleResolution: 'nodenext' }, ['bare/program.ts', 'bare/element.ts']));
  const failed = await tsc('tsconfig.bare.json').then(() => null, (e) => e.stdout);
  assert.ok(failed, 'the misuses compiled without their @ts-expect-error');
  const errors = failed.split('\n').filter((l) => /error TS\d+/.test(l));
  const line = (text, needle) => bare(text).split('\n').findIndex((l) => l.includes(needle)) + 1;
  assert.equal(errors.length, 4, failed);
  const at = (file, n = 0) => errors.filter((l) => l.startsWith(file))[n] ?? `no error ${n + 1} in ${file}`;
  assert.match(at('bare/program.ts'), new RegExp(`\\(${line(TS_PROGRAM, "units: '4'")},\\d+\\): error TS2322: Type 'string' is not assignable to type 'number'`));
  assert.match(at('bare/program.ts', 1), new RegExp(`\\(${line(TS_PROGRAM, 'gridViews: { res: 8, out')},\\d+\\): error TS2769: No overload matches this call`));
  assert.match(failed, /'out' does not exist in type 'EvaluateGridViewsArgs'/);
  assert.match(at('bare/program.ts', 2), new RegExp(`\\(${line(TS_PROGRAM, 'gridViews: { res: 8 }, bins')},\\d+\\): error TS\\d+: `));
  assert.match(at('bare/element.ts'), new RegExp(`\\(${line(TS_ELEMENT, 'const text: string')},\\d+\\): error TS2322: Type 'number' is not assignable to type 'string'`));
});

// ---- in the browser -------------------------------------------------------------------------
async function openIn(root, url) {
  browser ??= await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  const server = await startServer({ root, port: 0, headers: () => ({ 'Content-Security-Policy': CSP }) });
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const problems = [], workerLogs = [], requests = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  page.on('worker', (w) => w.on('console', (m) => workerLogs.push(m.text())));
  context.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(server.url + url);
  const close = async () => { await context.close(); await server.close(); };
  return { page, problems, workerLogs, requests, close };
}

/** Share of heat-map pixels leaning to class 0's orange and to class 1's blue. */
const boundaryColours = (page, canvasOwner) => page.evaluate((owner) => {
  const root = owner ? document.querySelector(owner).shadowRoot : document;
  const c = root.querySelector('.np-plot-heat');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let orange = 0, blue = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i] > d[i + 2] + 40) ++orange;
    else if (d[i + 2] > d[i] + 40) ++blue;
  }
  return { orange: orange / (d.length / 4), blue: blue / (d.length / 4) };
}, canvasOwner);

test("a page bundled by esbuild with import 'nnplay/element' defines <nn-playground>, trains and draws a boundary", async () => {
  write(path.join(consumer, 'lesson/main.js'), `import 'nnplay/element';
// The page's own code: it must run on the page only, not in the element's worker.
console.log('lesson code runs in ' + (typeof document === 'undefined' ? 'a worker' : 'the page'));
const el = document.querySelector('nn-playground');
el.addEventListener('nn-epoch', (e) => { document.body.dataset.epoch = e.detail.epoch; document.body.dataset.accuracy = e.detail.accuracy; });
`);
  write(path.join(consumer, 'site/index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bundled lesson</title><link rel="icon" href="data:,">
<script type="module" src="main.js"></script></head>
<body><nn-playground dataset="xor" layers="4" activation="tanh" learning-rate="0.03" seed="5" autoplay></nn-playground></body></html>
`);
  await sh(path.join(ROOT, 'node_modules/.bin/esbuild'),
    ['lesson/main.js', '--bundle', '--format=esm', '--outfile=site/main.js', '--log-level=warning'], { cwd: consumer });

  const { page, problems, workerLogs, requests, close } = await openIn(path.join(consumer, 'site'), 'index.html');
  try {
    assert.ok(await page.evaluate(() => customElements.get('nn-playground') !== undefined), '<nn-playground> is defined');
    await until(page, () => Number(document.body.dataset.epoch) >= 100 && Number(document.body.dataset.accuracy) >= 0.9,
      undefined, { timeout: 60000, what: 'XOR to train (nn-epoch events)' });
    const colours = await boundaryColours(page, 'nn-playground');
    assert.ok(colours.orange > 0.15 && colours.blue > 0.15, `boundary colours ${JSON.stringify(colours)}`);
    // The script API of the bundled element: a model snapshot from the worker.
    const snapshot = await page.evaluate(async () => {
      const model = await document.querySelector('nn-playground').getModel();
      return { units: model.layers.map((l) => l.units), p: Array.from(model.predict([[-3, 3], [3, 3]]).dataSync()) };
    });
    assert.deepEqual(snapshot.units, [4, 1]);
    assert.ok(snapshot.p[0] < 0.5 && snapshot.p[1] > 0.5, `XOR predictions ${snapshot.p}`);

    // The declarations name every attribute the element observes, and its state's keys.
    const decl = readDeclarations([path.join(installed, 'dist/element.d.ts')]);
    const runtime = await page.evaluate(() => {
      const el = document.querySelector('nn-playground');
      const proto = Object.getPrototypeOf(el);
      return { attributes: customElements.get('nn-playground').observedAttributes, state: Object.keys(el.state),
        methods: ['play', 'pause', 'reset', 'step', 'getModel', 'model', 'state'].filter((m) => !(m in proto)) };
    });
    const declared = decl.properties(decl.type('NnPlaygroundAttributes'));
    assert.deepEqual(runtime.attributes.filter((a) => !declared.includes(a)), [], 'attributes missing from web/element.d.ts');
    assert.deepEqual(declared.filter((a) => !runtime.attributes.includes(a)), [], 'declared attributes the element does not observe');
    assert.deepEqual(runtime.state.sort(), decl.properties(decl.type('NnPlaygroundState')).sort(), 'el.state keys vs NnPlaygroundState');
    assert.deepEqual(runtime.methods, [], 'declared methods missing on the element');

    assert.deepEqual(workerLogs.filter((l) => l.includes('lesson code')), [], "the lesson's code ran in the element's worker");
    assert.deepEqual(requests.filter((r) => r.endsWith('.wasm')), [], 'the bundle is self-contained (no .wasm request)');
    assert.deepEqual(await page.evaluate(() => window.__violations), [], 'CSP violations');
    assert.deepEqual(problems, [], 'console errors or exceptions');
  } finally {
    await close();
  }
});

test('the page in node_modules/nnplay/playground/, served as it is, trains and links to its API reference', async () => {
  const { page, problems, close } = await openIn(path.join(installed, 'playground'), '#dataset=xor&autoplay=1');
  try {
    await until(page, () => Number(document.getElementById('nnplay')?.dataset.epoch) >= 30, undefined,
      { timeout: 60000, what: 'the packaged page to train' });
    const docs = await page.evaluate(async () => {
      const a = document.querySelector('.np-page-footer a');
      const r = await fetch(a.href);
      return { href: a.getAttribute('href'), status: r.status, title: (await r.text()).match(/<title>([^<]*)/)?.[1] };
    });
    assert.deepEqual({ href: docs.href, status: docs.status }, { href: 'docs/', status: 200 });
    assert.match(docs.title, /nnplay/);
    assert.deepEqual(await page.evaluate(() => window.__violations), [], 'CSP violations');
    assert.deepEqual(problems, [], 'console errors or exceptions');
  } finally {
    await close();
  }
});
