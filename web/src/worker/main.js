// The Web Worker's body: loads the wasm engine and hands every message from the
// page to the Trainer, which owns the data and the model. The loop yields to
// the message queue between training slices through a MessageChannel (no 4 ms
// timer clamping), so pause, acks and control changes are seen within a slice.
// Used by dist/worker.js (the page) and by the <nn-playground> bundles, which
// are their own worker script (see embed.js). Every message posted to the page
// is checked against protocol.js.
//
// If the wasm module ever traps (a WebAssembly.RuntimeError: it cannot be used
// again), the worker loads a fresh module and restores the learner's settings,
// points and the weights of the last frame drawn, paused, and tells the page
// what happened: nothing the learner made is lost.
import { loadNnplay } from 'nnplay';  // this package's own API (dist/nnplay.js), bundled in
import { TO_PAGE, checkMessage } from '../protocol.js';
import { Trainer, isTrap } from './trainer.js';
import { thumbnails } from './data.js';

/** @param {object} [engineOptions] passed to loadNnplay (e.g. {wasmBinary}) */
export function runWorker(engineOptions = {}) {
  const post = (message, transfer = []) => self.postMessage(checkMessage(TO_PAGE, message, 'worker'), transfer);
  post({ type: 'started' });
  let trainer = null;
  const queue = [];  // messages that arrive while no trainer can take them (loading, recovering)

  const channel = new MessageChannel();
  const start = (t) => {
    trainer = t;
    // For scripts/soak.mjs (it reads each worker's wasm memory): the engine's own figures.
    self.__nnplayMemory = () => t.nn.memory();
    trainer.scheduler = () => channel.port2.postMessage(0);
    for (const message of queue.splice(0)) guarded(() => trainer.handle(message));
    trainer.schedule();
  };

  const recover = (error) => {
    const point = trainer.recoveryPoint();
    // The old module is broken: nothing of it is called again.
    trainer.scheduler = null;
    trainer = null;
    loadNnplay(engineOptions)
      .then((nn) => {
        const fresh = Trainer.restore(nn, post, point);
        post({ type: 'recovered', message: error.message });
        start(fresh);
      })
      .catch((e) => post({ type: 'fatal', message: e && e.message ? e.message : String(e) }));
  };

  // Runs fn with the trainer; a trap starts the recovery, other errors are reported.
  const guarded = (fn) => {
    try {
      fn();
    } catch (e) {
      if (isTrap(e)) {
        recover(e);
        return;
      }
      trainer.running = false;
      trainer.scheduled = false;
      post({ type: 'error', message: e.message, request: 'train' });
    }
  };

  channel.port1.onmessage = () => { if (trainer) guarded(() => trainer.tick()); };

  self.onmessage = (event) => {
    if (trainer) guarded(() => trainer.handle(event.data));
    else queue.push(event.data);
  };

  loadNnplay(engineOptions)
    .then((nn) => {
      const t = new Trainer(nn, post);
      post({ type: 'ready' });
      // The picker's thumbnails are not urgent: after the first boundary.
      t.afterFirstFrame = () => post({ type: 'thumbnails', items: thumbnails(nn) });
      start(t);
    })
    .catch((e) => post({ type: 'fatal', message: e && e.message ? e.message : String(e) }));
}
