// Entry point of the full page (dist/app.js): mounts the playground into #nnplay.
import { App } from './app.js';
import { t } from './strings.js';
import { parseHash } from './state.js';

// Static page text comes from the strings table too.
for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.getAttribute('data-i18n'));

const root = document.getElementById('nnplay');
if (root) {
  // Start the worker (engine download and compile) first. Starting a worker
  // needs this thread for a moment, so build the page only once the worker
  // runs (or after 300 ms at most): measured ~0.3 s earlier first boundary.
  const initial = parseHash(location.hash);
  const bridge = App.startWorker(initial.state);
  let built = false;
  const build = () => {
    if (!built) {
      built = true;
      new App(root, { hash: true, bridge, initial });
    }
  };
  bridge.started.then(build);
  setTimeout(build, 300);
}
