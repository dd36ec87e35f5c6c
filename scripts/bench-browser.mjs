// Browser speed figures of the playground page (issue 4), in headless Debian
// Chromium with real clocks (never --virtual-time-budget): while training W2's
// network (2 inputs, six hidden layers of 8 tanh, sigmoid output, SGD 0.03,
// batch 10, spiral with 500 training points) it reports
//   - boundary frames per second (frames the page drew from the worker) and
//     animation frames per second (requestAnimationFrame callbacks),
//   - epochs per second,
//   - the main thread's longest task: PerformanceObserver 'longtask' (which only
//     reports tasks over 50 ms) during the window, and the exact longest task
//     from a Chromium trace of 3 s more (the renderer main thread's top-level tasks),
//   - time from navigation to the first drawn boundary,
//   - the gzip transfer size of the page's JS + wasm;
// and on the sample lesson (dist/examples/lesson.html, issue 14: four
// <nn-playground> elements training at once, each in its own worker, all in
// view) each playground's drawn boundary frames per second (goal >= 30) and
// epochs per second, the page's animation frames per second and its longest task.
//   - with --panels compare|metrics (issue 12): the same with a run pinned as A (the
//     loss chart draws A and B) and that panel of the "Compare · replay · measure"
//     card open and on screen (a 1440x1800 window: the plot and the card both seen);
//   - with --scrub: the timeline dragged one snapshot per animation frame over a
//     paused run, and the replay frames the page drew per second.
// With --inside (issue 13): the page with "Inside the network" views open
// (space, health, histograms), scrolled into view as a learner would, and for
// `landscape` the time of a 41 x 41 loss landscape of the W2 network over its
// 500 training points, as the page reports it (--inside alone runs only the page case).
// Usage: node scripts/bench-browser.mjs [--seconds 8] [--speed 1|max|...] [--points 1000] [--cases page,lesson] [--panels compare] [--tall] [--scrub]
//   [--extra '&goal=test-loss%3C0.01'] (more hash keys for the page case, e.g. a lesson's goal: its card and per-epoch check)
//          [--inside none,space,health,histograms,landscape]   (none: no view, for comparison)
//   (build first: scripts/build.sh; the page is served from dist/)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openPage, until, waitForApp } from '../tests/browser/helpers.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const seconds = Number(arg('seconds', 8));
const speeds = arg('speed', '1,max').split(',');
// 1000 points at a 50% train/test ratio: W2's 500 training points (and 500 test points).
const points = Number(arg('points', 1000));
const extra = arg('extra', '');
const insideViews = arg('inside', '').split(',').filter(Boolean);
const cases = arg('cases', insideViews.length ? 'page' : 'page,lesson').split(',');
const panels = arg('panels', '');
const scrub = process.argv.includes('--scrub');
// --tall: the 1440x1800 window of --panels without the panels (the figure to compare them with)
const viewport = panels || scrub || process.argv.includes('--tall') ? { width: 1440, height: 1800 } : undefined;

const w2 = (speed) => `#dataset=spiral&points=${points}&train-ratio=0.5&noise=0&layers=8,8,8,8,8,8&activation=tanh` +
  `&optimizer=sgd&learning-rate=0.03&batch-size=10&features=x1,x2&speed=${speed}${extra}`;

const env = await launch();
const rows = [];
let scrubbing = null;
const loads = [];
let lesson = null;
try {
  if (cases.includes('lesson')) lesson = await lessonFigures();
  if (cases.includes('page')) await pageFigures();
  if (scrub) scrubbing = await measureScrub();
} finally {
  await env.close();
}

async function pageFigures() {
  // Time to first boundary: the first navigation after the browser starts, then
  // four more (each in a new context: empty HTTP cache, wasm compiled again).
  for (let i = 0; i < 5; ++i) {
    const { page, context } = await openPage(env, w2('1'));
    await waitForApp(page, (d) => Number(d.frames) > 0);
    loads.push(await page.evaluate(() => performance.getEntriesByName('nnplay-first-boundary')[0].startTime));
    await context.close();
  }
  const runs = insideViews.filter((v) => v !== 'landscape').map((v) => (v === 'none' ? null : v));  // none: a baseline in the same run
  for (const [speed, inside] of (runs.length ? runs : [null]).flatMap((v) => speeds.map((s) => [s, v]))) {
    const bytes = new Map();
    const { page, context, problems } = await openPage(env, w2(speed) + (inside ? `&inside=${inside}` : ''), {
      viewport,
      beforeLoad: (ctx) => ctx.on('response', async (r) => {
        const url = r.url();
        if (!/\.(m?js|wasm)$/.test(new URL(url).pathname)) return;
        const h = await r.allHeaders();
        bytes.set(new URL(url).pathname, { size: Number(h['content-length'] || 0), gzip: h['content-encoding'] === 'gzip' });
      }),
    });
    await waitForApp(page, (d) => Number(d.frames) > 0);
    if (panels) await openPanels(page, panels);
    const firstBoundary = await page.evaluate(() => performance.getEntriesByName('nnplay-first-boundary')[0].startTime);
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd };
    });
    // Observers for the measurement window.
    await page.evaluate(() => {
      window.__bench = { longtasks: [], loaf: [], rafs: 0, maxGap: 0 };
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__bench.longtasks.push(e.duration); })
        .observe({ type: 'longtask', buffered: false });
      try {
        new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__bench.loaf.push(e.duration); })
          .observe({ type: 'long-animation-frame', buffered: false });
      } catch { /* older browsers */ }
      let last = performance.now();
      const tick = (t) => {
        window.__bench.rafs++;
        window.__bench.maxGap = Math.max(window.__bench.maxGap, t - last);
        last = t;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    // the inside card on screen (its views compute only then); Play pressed without scrolling back
    // (its top at the window's top, as a learner scrolls to it: the Learn card above is then off screen)
    if (inside) await page.evaluate(() => document.querySelector('[data-testid=inside]').scrollIntoView({ block: 'start' }));
    await page.evaluate(() => document.querySelector('[data-action=play]').click());
    await page.waitForTimeout(1000);  // warm-up: JIT, first slices
    const read = () => page.evaluate(() => ({ ...document.getElementById('nnplay').dataset, now: performance.now(), ...window.__bench, longtasks: window.__bench.longtasks.slice(), loaf: window.__bench.loaf.slice() }));
    await page.evaluate(() => { window.__bench.maxGap = 0; window.__bench.longtasks.length = 0; window.__bench.loaf.length = 0; });
    const a = await read();
    await page.waitForTimeout(seconds * 1000);
    const b = await read();
    const dt = (b.now - a.now) / 1000;
    const traced = await longestTraced(page, 3000, async () => Number(await page.evaluate(() => document.getElementById('nnplay').dataset.frames)));
    const jsWasm = [...bytes.entries()];
    rows.push({
      speed,
      inside,
      boundaryFps: (Number(b.frames) - Number(a.frames)) / dt,
      rafFps: (b.rafs - a.rafs) / dt,
      epochsPerSecond: (Number(b.epoch) - Number(a.epoch)) / dt,
      epochs: Number(b.epoch),
      trainLoss: Number(b.trainLoss),
      longestTask: b.longtasks.length ? Math.max(...b.longtasks) : 0,
      traced,
      longTasks: b.longtasks.length,
      longAnimationFrames: b.loaf.length,
      maxFrameGap: b.maxGap,
      firstBoundary,
      domContentLoaded: nav.domContentLoaded,
      transfer: jsWasm.reduce((s, [, v]) => s + v.size, 0),
      files: jsWasm.map(([p, v]) => `${p.slice(1)} ${(v.size / 1024).toFixed(1)} KB${v.gzip ? '' : ' (not gzip)'}`),
      problems,
    });
    await context.close();
  }
}

// The lesson page with its four playgrounds all playing, in a viewport as tall
// as the page, so that every one is on screen (one scrolled out of view stops
// drawing; a reader scrolling the lesson sees one or two at a time).
async function lessonFigures() {
  const { page, context, problems } = await openPage(env, 'examples/lesson.html', { viewport: { width: 1280, height: 800 } });
  try {
    await until(page, () => document.querySelectorAll('nn-playground').length >= 4, undefined, { what: 'the lesson\'s playgrounds' });
    const viewport = { width: 1280, height: await page.evaluate(() => document.documentElement.scrollHeight + 200) };
    await page.setViewportSize(viewport);
    const roots = () => page.evaluate(() => [...document.querySelectorAll('nn-playground')].map((el) => {
      const d = el.shadowRoot.querySelector('.np-root')?.dataset ?? {};
      const r = el.getBoundingClientRect();
      return { id: el.id, frames: Number(d.frames || 0), drawn: Number(d.drawn || 0), epoch: Number(d.epoch || 0),
        running: d.running, visible: r.bottom > 0 && r.top < innerHeight, now: performance.now() };
    }));
    for (let end = Date.now() + 30000; ; await page.waitForTimeout(100)) {
      const list = await roots();
      if (list.length >= 4 && list.every((r) => r.frames > 0)) break;
      if (Date.now() > end) throw new Error(`lesson: not every playground drew a first frame: ${JSON.stringify(list)}`);
    }
    await page.evaluate(() => {
      window.__bench = { rafs: 0, maxGap: 0, longtasks: [] };
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__bench.longtasks.push(e.duration); })
        .observe({ type: 'longtask', buffered: false });
      let last = performance.now();
      const tick = (t) => { window.__bench.rafs++; window.__bench.maxGap = Math.max(window.__bench.maxGap, t - last); last = t; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      for (const el of document.querySelectorAll('nn-playground')) el.play();
    });
    await page.waitForTimeout(1500);  // warm-up: workers' JIT, first slices
    const bench = () => page.evaluate(() => ({ rafs: window.__bench.rafs, maxGap: window.__bench.maxGap, longtasks: window.__bench.longtasks.slice(), now: performance.now() }));
    await page.evaluate(() => { window.__bench.maxGap = 0; window.__bench.longtasks.length = 0; });
    const a = await roots(), ba = await bench();
    await page.waitForTimeout(seconds * 1000);
    const b = await roots(), bb = await bench();
    const dt = (bb.now - ba.now) / 1000;
    const traced = await longestTraced(page, 3000, async () => (await bench()).rafs);
    const reading = await lessonReading(page, roots);
    return {
      viewport,
      reading,
      playgrounds: b.map((r, i) => ({ id: r.id, visible: r.visible, running: r.running, drawnFps: (r.drawn - a[i].drawn) / dt,
        framesPerSecond: (r.frames - a[i].frames) / dt, epochsPerSecond: (r.epoch - a[i].epoch) / dt, epoch: r.epoch })),
      rafFps: (bb.rafs - ba.rafs) / dt,
      maxFrameGap: bb.maxGap,
      longestTask: bb.longtasks.length ? Math.max(...bb.longtasks) : 0,
      longTasks: bb.longtasks.length,
      traced,
      problems,
    };
  } finally {
    await context.close();
  }
}

// The same lesson in a 1280x800 window, as a reader sees it: each playground in turn
// scrolled to the window's middle, all four still training (the ones off screen stop
// drawing, not training). Per position: the drawn frames/s of the playgrounds on screen.
async function lessonReading(page, roots) {
  await page.setViewportSize({ width: 1280, height: 800 });
  // all four training throughout: xor's lesson pauses every 500 epochs (epochs="500"), here never
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('nn-playground')) { el.setAttribute('epochs', '0'); el.reset(); el.play(); }
  });
  const out = [];
  for (const id of ['xor', 'blobs', 'spiral', 'circle']) {
    await page.evaluate((id) => document.getElementById(id).scrollIntoView({ block: 'center' }), id);
    await page.waitForTimeout(1000);  // the observers' visibility, then steady frames
    const a = await roots(), ra = await page.evaluate(() => window.__bench.rafs);
    await page.waitForTimeout(Math.max(2000, seconds * 500));
    const b = await roots(), rb = await page.evaluate(() => window.__bench.rafs);
    const dt = (b[0].now - a[0].now) / 1000;
    out.push({
      id,
      rafFps: (rb - ra) / dt,
      playgrounds: b.map((r, i) => ({ id: r.id, visible: r.visible, running: r.running, drawnFps: (r.drawn - a[i].drawn) / dt, epochsPerSecond: (r.epoch - a[i].epoch) / dt })),
    });
  }
  return out;
}

const f1 = (v) => v.toFixed(1);

// The loss landscape of W2 (41 x 41 points over 500 training points), as the page
// reports each computation: the first on opening the view, then `repeats` more.
let landscape = null;
if (insideViews.includes('landscape')) {
  const env2 = await launch();
  try {
    const { page, context } = await openPage(env2, `${w2('1')}&inside=landscape`, { viewport });
    await waitForApp(page, (d) => Number(d.frames) > 0);
    await page.evaluate(() => document.querySelector('[data-testid=inside]').scrollIntoView({ block: 'start' }));
    const done = async () => {
      for (let i = 0; i < 600; ++i) {
        const text = await page.evaluate(() => document.querySelector('[data-testid=landscape-status]').textContent);
        const busy = await page.evaluate(() => document.querySelector('[data-action=landscape]').disabled);
        const m = text.match(/in (\d+) ms: 41 × 41 points, each the loss over (\d+) training points, around (\d+) weights/);
        if (m && !busy) return { ms: Number(m[1]), points: Number(m[2]), weights: Number(m[3]) };
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('the loss landscape did not finish');
    };
    const times = [await done()];
    for (let i = 0; i < 5; ++i) {
      await page.evaluate(() => document.querySelector('[data-action=landscape]').click());
      await page.waitForTimeout(50);
      times.push(await done());
    }
    landscape = times;
    await context.close();
  } finally {
    await env2.close();
  }
}

// A run of 3 s pinned as A (with "Same start": B restarts from A's start), then
// `tab` of the analysis card opened; the card is on screen in the tall window.
async function openPanels(page, tab) {
  await page.click('[data-action=play]');
  await page.waitForTimeout(3000);
  await page.click('[data-action=play]');
  await page.click('[data-tab=compare]');
  await page.click('[data-action=pin-run]');
  await page.waitForSelector('.np-compare-body:not([hidden])');
  await page.click(`[data-tab=${tab}]`);
  await page.waitForTimeout(300);
}

// Replay frames drawn per second while the timeline is dragged: one position
// per animation frame, back and forth over the snapshots of a paused run.
async function measureScrub() {
  const { page, context, problems } = await openPage(env, w2('1'), { viewport });
  try {
    await waitForApp(page, (d) => Number(d.frames) > 0);
    await page.click('[data-action=play]');
    await page.waitForTimeout(6000);
    await page.click('[data-action=play]');
    await waitForApp(page, (d) => d.running === 'false');
    await page.waitForTimeout(300);
    const result = await page.evaluate((ms) => new Promise((resolve) => {
      const root = document.getElementById('nnplay');
      const range = document.querySelector('[data-testid=timeline]');
      const label = document.querySelector('[data-testid=timeline-label]');
      const max = Number(range.max);
      const drawn0 = Number(root.dataset.drawn);
      const labels = new Set();
      let p = max, dir = -1, rafs = 0;
      const t0 = performance.now();
      const step = () => {
        if (performance.now() - t0 > ms) {
          const dt = (performance.now() - t0) / 1000;
          resolve({ positions: max + 1, rafFps: rafs / dt, drawnFps: (Number(root.dataset.drawn) - drawn0) / dt, labels: labels.size });
          return;
        }
        rafs += 1;
        p += dir;
        if (p <= 0 || p >= max) dir = -dir;
        range.value = String(p);
        range.dispatchEvent(new Event('input'));
        labels.add(label.textContent);
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    }), seconds * 1000);
    return { ...result, epoch: Number(await page.evaluate(() => document.getElementById('nnplay').dataset.epoch)), problems };
  } finally {
    await context.close();
  }
}

// The page renderer's main-thread tasks during `ms` of tracing: {max, p99, busy, count}.
async function longestTraced(page, ms, countFrames) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nnplay-trace-')), 'trace.json');
  await env.browser.startTracing(page, { path: file, categories: ['toplevel', 'devtools.timeline'] });
  const before = await countFrames();  // the frames of the traced window, for the figures per frame
  await page.waitForTimeout(ms);
  const frames = (await countFrames()) - before;
  await env.browser.stopTracing();
  const events = JSON.parse(fs.readFileSync(file, 'utf8')).traceEvents;
  fs.rmSync(path.dirname(file), { recursive: true });
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  // renderer main threads' tasks, by process; ours is the busiest (the page animates).
  // tdur: the thread's CPU time in the task (what a busy machine does not inflate as much as wall time).
  const byPid = new Map();
  const workerCpu = new Map();  // pid -> CPU ms of its dedicated workers' tasks (the engine)
  // The display compositor (the GPU process's VizCompositorThread). With --disable-gpu it draws
  // every frame's damaged rectangle in software, at a cost that grows with that rectangle's area.
  let displayCpu = 0, seenDisplay = false;
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask') continue;
    const thread = names.get(`${e.pid}:${e.tid}`);
    if (thread === 'VizCompositorThread') { displayCpu += (e.tdur ?? e.dur) / 1000; seenDisplay = true; }
    if (thread === 'DedicatedWorker thread') workerCpu.set(e.pid, (workerCpu.get(e.pid) || 0) + (e.tdur ?? e.dur) / 1000);
    if (thread !== 'CrRendererMain') continue;
    if (!byPid.has(e.pid)) byPid.set(e.pid, []);
    byPid.get(e.pid).push({ wall: e.dur / 1000, cpu: (e.tdur ?? e.dur) / 1000 });
  }
  const total = (list, key = 'wall') => list.reduce((x, y) => x + y[key], 0);
  const [pid, list] = [...byPid.entries()].sort((x, y) => total(y[1]) - total(x[1]))[0] || [null, []];
  const tasks = list.map((t) => t.wall).sort((x, y) => x - y);
  if (!seenDisplay) displayCpu = NaN;
  if (!tasks.length) return { max: NaN, p99: NaN, busy: NaN, count: 0, cpu: NaN, workerCpu: NaN, displayCpu, frames };
  return { max: tasks[tasks.length - 1], p99: tasks[Math.floor(tasks.length * 0.99)], busy: total(list) / ms, count: tasks.length,
    cpu: total(list, 'cpu'), workerCpu: workerCpu.get(pid) ?? NaN, displayCpu, frames };
}
if (lesson) {
  console.log(`\nlesson page (examples/lesson.html), all ${lesson.playgrounds.length} playgrounds playing, viewport ${lesson.viewport.width}x${lesson.viewport.height} (all in view), ${seconds} s window:`);
  for (const p of lesson.playgrounds)
    console.log(`  ${p.id.padEnd(8)} drawn boundary frames/s ${f1(p.drawnFps)} (goal >= 30${p.drawnFps >= 30 ? ', met' : ', MISSED'})   epochs/s ${f1(p.epochsPerSecond)}   (epoch ${p.epoch}${p.visible ? '' : ', NOT in view'}${p.running === 'true' ? '' : ', not running'})`);
  console.log(`  page: animation frames/s ${f1(lesson.rafFps)}, longest gap between animation frames ${f1(lesson.maxFrameGap)} ms, ` +
    `longest long task ${lesson.longTasks ? f1(lesson.longestTask) + ' ms' : 'none over 50 ms'}; traced 3 s: longest task ${f1(lesson.traced.max)} ms, busy ${f1(lesson.traced.busy * 100)}%`);
  if (lesson.traced.frames > 0) console.log(`  CPU time per animation frame (traced 3 s, ${lesson.traced.frames} frames): main thread ${f1(lesson.traced.cpu / lesson.traced.frames)} ms, ` +
    `display compositor ${f1(lesson.traced.displayCpu / lesson.traced.frames)} ms (software: it redraws the frame's damaged rectangle, ` +
    `here from the first playground's changing parts to the last's)`);
  console.log(`  in a 1280x800 window, each playground scrolled to the middle in turn (all four training; off screen: not drawn):`);
  for (const r of lesson.reading) {
    const seen = r.playgrounds.filter((p) => p.visible);
    console.log(`    ${r.id.padEnd(7)} on screen: ${seen.length ? '' : 'none '}${seen.map((p) => `${p.id} ${f1(p.drawnFps)}${p.drawnFps >= 30 ? '' : ' (goal >= 30, MISSED)'}`).join(', ')} drawn frames/s; ` +
      `animation frames/s ${f1(r.rafFps)}; epochs/s ${r.playgrounds.map((p) => `${p.id} ${f1(p.epochsPerSecond)}${p.running === 'true' ? '' : ' (not running)'}`).join(', ')}`);
  }
  if (lesson.problems.length) console.log(`  PROBLEMS: ${lesson.problems.join('; ')}`);
}
if (!rows.length) process.exit(0);
console.log(`nnplay page, W2 network (2-8-8-8-8-8-8-1 tanh/sigmoid, SGD 0.03, batch 10), spiral ${points} points at 50% train; ` +
  `${seconds} s window, headless Chromium, ${insideViews.length && !viewport ? 'inside views scrolled into view (the diagram off screen)' : 'diagram visible (per-neuron grids every frame)'}` +
  (panels ? `; run A pinned, the "${panels}" panel open and on screen (1440x1800)` : ''));
for (const r of rows) {
  console.log(`\nspeed ${r.speed === 'max' ? 'max' : `${r.speed} epoch/frame`}${r.inside ? `, inside view "${r.inside}" open and on screen` : ''}${viewport ? ` (window ${viewport.width}x${viewport.height})` : ''}:`);
  console.log(`  boundary frames/s ${f1(r.boundaryFps)}   animation frames/s ${f1(r.rafFps)}   epochs/s ${f1(r.epochsPerSecond)}   (epoch ${r.epochs}, train loss ${r.trainLoss.toFixed(4)})`);
  console.log(`  main thread: longest long task ${r.longTasks ? f1(r.longestTask) + ' ms' : 'none over 50 ms'} (${r.longTasks} long tasks, ${r.longAnimationFrames} long animation frames); longest gap between animation frames ${f1(r.maxFrameGap)} ms`);
  console.log(`  main thread, traced 3 s: longest task ${f1(r.traced.max)} ms, 99th percentile ${f1(r.traced.p99)} ms, busy ${f1(r.traced.busy * 100)}% (${r.traced.count} tasks)`);
  if (r.traced.frames > 0) console.log(`  CPU time per drawn frame (traced 3 s, ${r.traced.frames} frames): main thread ${f1(r.traced.cpu / r.traced.frames)} ms, ` +
    `engine worker ${f1(r.traced.workerCpu / r.traced.frames)} ms, display compositor ${f1(r.traced.displayCpu / r.traced.frames)} ms ` +
    `(a 60 fps frame is 16.7 ms; the three share the machine's ${os.cpus().length} cores)`);
  console.log(`  first boundary drawn ${f1(r.firstBoundary)} ms after navigation (DOMContentLoaded ${f1(r.domContentLoaded)} ms)`);
  if (r.problems.length) console.log(`  PROBLEMS: ${r.problems.join('; ')}`);
}
const warm = loads.slice(1).sort((x, y) => x - y);
console.log(`\nfirst boundary after navigation: ${f1(loads[0])} ms on the browser's first page load; ` +
  `median ${f1((warm[1] + warm[2]) / 2)} ms (${warm.map(f1).join(', ')}) on the next four (new context each: empty cache)`);
if (scrubbing) {
  console.log(`\ntimeline scrub (paused at epoch ${scrubbing.epoch}, ${scrubbing.positions} positions, one per animation frame): ` +
    `replay frames drawn/s ${f1(scrubbing.drawnFps)}, animation frames/s ${f1(scrubbing.rafFps)}, ${scrubbing.labels} epochs shown` +
    (scrubbing.problems.length ? `; PROBLEMS: ${scrubbing.problems.join('; ')}` : ''));
}
const r0 = rows[0];
console.log(`\nJS + wasm transferred (gzip): ${(r0.transfer / 1024).toFixed(1)} KB = ${r0.files.join(', ')}`);
if (landscape) {
  const ms = landscape.map((x) => x.ms);
  const sorted = ms.slice(1).sort((a, b) => a - b);
  console.log(`\nloss landscape, 41 x 41 points over ${landscape[0].points} training points, ${landscape[0].weights} weights: ` +
    `first ${ms[0]} ms (on opening the view), then median ${sorted[Math.floor(sorted.length / 2)]} ms (${ms.slice(1).join(', ')})`);
}
