// Entry of dist/nn-playground-single.js: like embed.js, with the wasm engine
// embedded (esbuild's binary loader: base64 in the file, decoded to bytes at
// load), for hosts that can serve only one file. The bytes go to the engine as
// `wasmBinary`, so nothing is fetched (no data: URL fetch, which a strict CSP's
// connect-src would report).
import wasmBinary from '../../dist/nnplay-core.wasm';
import { runWorker } from './worker/main.js';

if (typeof document === 'undefined') runWorker({ wasmBinary });
// The element's code (the App, its views) only on pages: loaded lazily, so the
// worker never evaluates DOM code.
else import('./element.js').then((m) => m.definePlayground({ workerUrl: import.meta.url, engineOptions: { wasmBinary } }));
