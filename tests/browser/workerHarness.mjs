// A Trainer (the worker's logic, web/src/worker/trainer.js) driven as the page
// drives it, for the Node tests of lessons and presets: every message it posts
// is checked against protocol.js; frame() turns the loop until the next frame
// and acknowledges it, as the page does after drawing.
import { Trainer } from '../../web/src/worker/trainer.js';
import { trainingState } from '../../web/src/state.js';
import { workerRules } from '../../web/src/lesson/options.js';
import { TO_PAGE, checkMessage } from '../../web/src/protocol.js';

/**
 * @param nn the namespace from loadNnplay()
 * @param {object} state a full page state (state.js)
 * @param {object} [lesson] a lesson (lesson/options.js), sent as the 'lesson' message
 */
export function harness(nn, state, lesson) {
  const messages = [];
  const tr = new Trainer(nn, (m) => messages.push(checkMessage(TO_PAGE, m, 'test')));
  tr.handle({ type: 'state', state: trainingState(state) });
  if (lesson) tr.handle({ type: 'lesson', lesson: workerRules(lesson) });
  const frame = () => {
    const count = messages.length;
    for (let i = 0; i < 100000 && !messages.slice(count).some((m) => m.type === 'frame'); ++i) tr.tick();
    const f = messages.filter((m) => m.type === 'frame').at(-1);
    tr.handle({ type: 'ack', buffers: [] });
    return f;
  };
  const first = (type) => messages.find((m) => m.type === type) || null;
  return { tr, messages, frame, first };
}
