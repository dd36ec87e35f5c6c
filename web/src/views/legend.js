// The colour legend under the plot: a p(class 1) bar for binary problems,
// class swatches for multi-class, a diverging value bar for regression.

import { h } from '../dom.js';
import { CLASS_COLORS, WHITE, DIVERGING, mix, rgb } from '../colors.js';

function bar(stops) {
  const el = h('div', { class: 'np-legend-bar' });
  el.style.backgroundImage = `linear-gradient(to right, ${stops.map(rgb).join(', ')})`;
  return el;
}

function swatch(color, label) {
  const dot = h('span', { class: 'np-swatch' });
  dot.style.backgroundColor = rgb(color);
  return h('span', { class: 'np-legend-item' }, dot, label);
}

export class Legend {
  /** @param {Function} t the instance's translator */
  constructor(t) {
    this.t = t;
    this.el = h('div', { class: 'np-legend', 'data-testid': 'legend' });
    this.key = '';
  }

  set({ regression, classes }) {
    const t = this.t;
    const key = `${regression}:${classes}`;
    if (key === this.key) return;
    this.key = key;
    let content;
    if (regression) {
      content = [
        bar([DIVERGING.negative, DIVERGING.middle, DIVERGING.positive]),
        h('div', { class: 'np-legend-ticks' }, h('span', { text: '−1' }), h('span', { text: t('output.legendRegression') }), h('span', { text: '+1' })),
      ];
    } else if (classes > 2) {
      content = [
        h('div', { class: 'np-legend-items' }, Array.from({ length: classes }, (_, k) => swatch(CLASS_COLORS[k % CLASS_COLORS.length], t('output.legendClass', { k })))),
        h('p', { class: 'np-legend-note', text: t('output.legendMulti') }),
      ];
    } else {
      content = [
        bar([mix(WHITE, CLASS_COLORS[0], 0.62), WHITE, mix(WHITE, CLASS_COLORS[1], 0.62)]),
        h('div', { class: 'np-legend-ticks' }, h('span', { text: '0' }), h('span', { text: t('output.legendBinary') }), h('span', { text: '1' })),
        h('div', { class: 'np-legend-items' }, swatch(CLASS_COLORS[0], t('output.legendClass', { k: 0 })), swatch(CLASS_COLORS[1], t('output.legendClass', { k: 1 }))),
      ];
    }
    this.el.replaceChildren(...content);
  }
}
