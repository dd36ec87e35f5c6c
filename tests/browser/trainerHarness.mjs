// A Trainer (web/src/worker/trainer.js) driven as the page drives it, for the
// worker tests in Node: every message it posts is checked against protocol.js
// and kept; frame() turns the loop until a frame is posted, then acks it.
import { Trainer } from '../../web/src/worker/trainer.js';
import { defaults, trainingState } from '../../web/src/state.js';
import { TO_PAGE, checkMessage } from '../../web/src/protocol.js';

/**
 * @param nn the namespace from loadNnplay()
 * @param {object} [state] settings over the defaults
 * @returns {{t: Trainer, messages: object[], last: (type: string) => object, frame: () => object}}
 */
export function makeTrainer(nn, state = {}) {
  const messages = [];
  const t = new Trainer(nn, (m) => messages.push(checkMessage(TO_PAGE, m, 'test')));
  t.handle({ type: 'state', state: trainingState({ ...defaults(), ...state }) });
  const last = (type) => messages.filter((m) => m.type === type).at(-1);
  // one UI frame: the worker's loop turns until it posts a frame, then the page acks
  const frame = () => {
    const count = messages.length;
    for (let i = 0; i < 10000 && !messages.slice(count).some((m) => m.type === 'frame'); ++i) t.tick();
    const f = last('frame');
    t.handle({ type: 'ack', buffers: [] });
    return f;
  };
  return { t, messages, last, frame };
}
