// The language chooser: a labelled <select> of the interface languages, each
// named in its own script.

import { h } from '../dom.js';
import { t, LANGUAGES } from '../strings.js';

// Each language's name in its own script (the same text in every table).
const NAMES = { en: () => t('lang.en'), 'zh-CN': () => t('lang.zhCN') };

/** @param {string} current  @param {(lang: string) => void} onPick */
export function languagePicker(current, onPick) {
  const select = h('select', { class: 'np-select', name: 'lang', 'data-testid': 'lang', 'aria-label': t('lang.label') },
    Object.keys(LANGUAGES).map((code) => h('option', { value: code, lang: code, text: NAMES[code]() })));
  select.value = current;
  select.addEventListener('change', () => onPick(select.value));
  const el = h('label', { class: 'np-field np-field-inline np-lang' }, h('span', { class: 'np-field-label', text: t('lang.label') }), select);
  return { el, select };
}
