// The language chooser: a labelled <select> of the interface languages, each
// named in its own script.

import { h } from '../dom.js';
import { LANGUAGES } from '../i18n/index.js';

/**
 * @param {Function} t the instance's translator
 * @param {string} current
 * @param {(lang: string) => void} onPick
 */
export function languagePicker(t, current, onPick) {
  const select = h('select', { class: 'np-select', name: 'lang', 'data-testid': 'lang', 'aria-label': t('lang.label') },
    Object.entries(LANGUAGES).map(([code, key]) => h('option', { value: code, lang: code, text: t(key) })));  // each named in its own script
  select.value = current;
  select.addEventListener('change', () => onPick(select.value));
  const el = h('label', { class: 'np-field np-lang', 'data-control': 'lang' }, h('span', { class: 'np-field-label', text: t('lang.label') }), select);
  return { el, select };
}
