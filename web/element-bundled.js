// What `import 'nnplay/element'` gives a bundler (dist/element-bundled.js): the
// self-contained <nn-playground> bundle (wasm inside), since a bundler moves the
// code into the app's bundle, away from any .wasm file beside it.
// The element runs its engine in a module worker started from the script it came
// from, which is then the app's bundle. The app's own code must not run in that
// worker (it would touch the DOM): after the element's code has installed the
// worker's message handlers, this top-level await holds the rest of the bundle
// back, there only. Needs an ES module bundle (esbuild --format=esm).
import './nn-playground-single.js';

if (typeof document === 'undefined') await new Promise(() => {});
