// The Web Worker's body: loads the wasm engine once and hands every message
// from the page to the Trainer, which owns the data and the model. The loop
// yields to the message queue between training slices through a MessageChannel
// (no 4 ms timer clamping), so pause, acks and control changes are seen within
// a slice. Used by dist/worker.js (the page) and by the <nn-playground>
// bundles, which are their own worker script (see embed.js). Every message
// posted to the page is checked against protocol.js.
import { loadNnplay } from 'nnplay';  // this package's own API (dist/nnplay.js), bundled in
import { TO_PAGE, checkMessage } from '../protocol.js';
import { Trainer } from './trainer.js';
import { thumbnails } from './data.js';

/** @param {object} [engineOptions] passed to loadNnplay (e.g. {wasmBinary}) */
export function runWorker(engineOptions = {}) {
  const post = (message, transfer = []) => self.postMessage(checkMessage(TO_PAGE, message, 'worker'), transfer);
  post({ type: 'started' });
  let trainer = null;
  const queue = [];

  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    try {
      trainer.tick();
    } catch (e) {
      trainer.running = false;
      trainer.scheduled = false;
      post({ type: 'error', message: e.message, request: 'train' });
    }
  };

  self.onmessage = (event) => {
    if (trainer) trainer.handle(event.data);
    else queue.push(event.data);
  };

  loadNnplay(engineOptions)
    .then((nn) => {
      trainer = new Trainer(nn, post);
      trainer.scheduler = () => channel.port2.postMessage(0);
      post({ type: 'ready' });
      // The picker's thumbnails are not urgent: after the first boundary.
      trainer.afterFirstFrame = () => post({ type: 'thumbnails', items: thumbnails(nn) });
      for (const message of queue.splice(0)) trainer.handle(message);
    })
    .catch((e) => post({ type: 'fatal', message: e && e.message ? e.message : String(e) }));
}
