// Entry of dist/nn-playground.js: one script for lesson pages. On a page it
// defines <nn-playground>; each element starts this same file as its module
// worker (same origin: allowed by worker-src 'self'), where it runs the engine,
// which fetches nnplay-core.wasm from next to this file.
import { runWorker } from './worker/main.js';

if (typeof document === 'undefined') runWorker();
// The element's code (the App, its views) only on pages: loaded lazily, so the
// worker never evaluates DOM code.
else import('./element.js').then((m) => m.definePlayground({ workerUrl: import.meta.url }));
