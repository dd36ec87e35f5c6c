// Notices: short messages to the learner (a bad link, a model file that could
// not be used, a warning about an attribute) as toasts that stay in view at the
// bottom of the playground (position: sticky), however far it is scrolled. At
// most MAX are shown; each has a topic, and a new notice replaces the one of
// the same topic, so a message that no longer applies can be cleared by topic.

import { h } from '../dom.js';
import { Lifetime } from '../lifetime.js';

const MAX = 3;
const INFO_MS = 6000;

export class Notices {
  /** @param {Function} t the instance's translator */
  constructor(t) {
    this.t = t;
    this.el = h('div', { class: 'np-notices', 'aria-live': 'polite', 'data-testid': 'notices' });
    this.life = new Lifetime();
  }

  /** Lets go of the timers (the view is rebuilt or removed). */
  destroy() {
    this.life.end();
  }

  /**
   * Shows a notice. lines: one text or several (shown as a list).
   * kind: 'info' (goes after a few seconds), 'warning' or 'error' (stay until dismissed).
   * topic: a notice of the same topic is replaced; clear(topic) removes it.
   */
  show(lines, { kind = 'info', topic = kind } = {}) {
    const list = (Array.isArray(lines) ? lines : [lines]).filter(Boolean);
    if (list.length === 0) return;
    this.clear(topic);
    const close = h('button', { class: 'np-notice-close', type: 'button', 'aria-label': this.t('state.dismiss'), text: '×' });
    const body = list.length === 1 ? h('span', { class: 'np-notice-text', text: list[0] })
      : h('ul', { class: 'np-notice-text' }, list.map((text) => h('li', { text })));
    const el = h('div', { class: `np-notice np-notice-${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-topic': topic }, body, close);
    close.addEventListener('click', () => el.remove());
    this.el.append(el);
    if (kind === 'info') this.life.timeout(() => el.remove(), INFO_MS);
    while (this.el.children.length > MAX) this.el.firstChild.remove();
  }

  /** Removes the notice of a topic (it no longer applies). */
  clear(topic) {
    for (const el of [...this.el.children]) if (el.dataset.topic === topic) el.remove();
  }
}
