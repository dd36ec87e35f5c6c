// Accessible tabs (WAI-ARIA tabs pattern): a tablist of buttons, arrow keys move
// between tabs, each panel labelled by its tab.

import { h } from '../dom.js';

let counter = 0;

/**
 * @param {{key: string, label: string, panel: HTMLElement}[]} items
 * @param {{label: string, id?: string, onSelect?: (key: string) => void}} options
 */
export function tabs(items, { label, id = 'tabs', onSelect } = {}) {
  const uid = `np-${id}-${++counter}`;
  const buttons = [];
  const panels = [];
  const list = h('div', { class: 'np-tablist', role: 'tablist', 'aria-label': label });
  const api = { el: null, selected: items[0].key, select };
  items.forEach((item, i) => {
    const b = h('button', {
      class: 'np-tab', type: 'button', role: 'tab', id: `${uid}-tab-${i}`, 'aria-controls': `${uid}-panel-${i}`,
      'data-tab': item.key, text: item.label,
      on: {
        click: () => select(item.key),
        keydown: (e) => {
          const k = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
          if (e.key === 'Home' || e.key === 'End' || k) {
            e.preventDefault();
            const next = e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : (i + k + items.length) % items.length;
            select(items[next].key);
            buttons[next].focus();
          }
        },
      },
    });
    buttons.push(b);
    list.append(b);
    panels.push(h('div', { class: 'np-tabpanel', role: 'tabpanel', id: `${uid}-panel-${i}`, 'aria-labelledby': `${uid}-tab-${i}`, tabindex: '0' }, item.panel));
  });
  function select(key) {
    api.selected = key;
    items.forEach((item, i) => {
      const on = item.key === key;
      buttons[i].setAttribute('aria-selected', on ? 'true' : 'false');
      buttons[i].tabIndex = on ? 0 : -1;
      panels[i].hidden = !on;
    });
    if (onSelect) onSelect(key);
  }
  api.el = h('div', { class: 'np-tabs' }, list, ...panels);
  select(items[0].key);
  return api;
}
