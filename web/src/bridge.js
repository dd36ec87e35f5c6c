// The one object through which the page talks to its worker: send() for
// messages, on(type, fn) for replies. Also the frame flow control: the worker
// sends a frame only after the page has acknowledged (drawn) the previous one,
// and the ack carries the frame's arrays back for reuse. Every message is
// checked against protocol.js both ways.

import { TO_WORKER, TO_PAGE, checkMessage } from './protocol.js';

export class Bridge {
  /** @param {URL|string} url the worker module */
  constructor(url) {
    this.handlers = new Map();
    this.around = null;  // optional (fn) => void wrapped around every handler call (e.g. the instance's error guard)
    this.held = [];      // messages that arrive before the page listens (see release())
    /** Resolves when the worker's script is running (before the engine has loaded). */
    this.started = new Promise((resolve) => { this.onStarted = resolve; });
    this.worker = new Worker(url, { type: 'module' });
    this.worker.onmessage = (e) => this.dispatch(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.dispatch({ type: 'fatal', message: e.message || 'the worker failed to load' });
    };
    this.worker.onmessageerror = () => this.dispatch({ type: 'error', message: 'a message from the worker could not be read' });
  }

  /** Calls fn(message) for every message of `type` (a protocol.js TO_PAGE name). */
  on(type, fn) {
    if (!Object.hasOwn(TO_PAGE, type)) throw new Error(`bridge.on: the worker sends no message '${type}'`);
    if (!this.handlers.has(type)) this.handlers.set(type, []);
    this.handlers.get(type).push(fn);
  }

  dispatch(msg) {
    if (msg && msg.type === 'started') {
      this.onStarted();
      return;
    }
    if (this.held) {
      this.held.push(msg);
      return;
    }
    const run = () => {
      checkMessage(TO_PAGE, msg, 'message from the worker');
      for (const fn of this.handlers.get(msg.type) || []) fn(msg);
    };
    if (this.around) this.around(run);
    else run();
  }

  /** Delivers the messages held so far and every later one to the handlers. */
  release() {
    const held = this.held || [];
    this.held = null;
    for (const msg of held) this.dispatch(msg);
  }

  send(msg, transfer = []) {
    checkMessage(TO_WORKER, msg, 'message to the worker');
    this.worker.postMessage(msg, transfer);
  }

  /** Tells the worker the frame is drawn, handing its arrays back. */
  ack(frame) {
    const buffers = [frame.grid, frame.neurons, frame.weights, frame.focus && frame.focus.grid].filter(Boolean);
    this.send({ type: 'ack', buffers }, buffers.map((b) => b.buffer));
  }

  terminate() {
    this.worker.terminate();
  }
}
