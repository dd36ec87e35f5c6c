// The interface languages and the translator. Each playground instance makes
// its own translator (translator(lang)) and hands it to its views, so two
// instances on one page (or an element inside a page) never share a language.
// Tables: one file per language (en.js, zh-CN.js), the same keys in each;
// feature names are mathematical notation, the same in every language, and
// come from the feature table.
import en from './en.js';
import zhCN from './zh-CN.js';
import { FEATURE_TABLE } from '../features.js';

const FEATURE_SYMBOLS = Object.fromEntries(FEATURE_TABLE.map((f) => [`feature.${f.name}`, f.symbol]));

/** code -> its strings. */
export const STRINGS = {
  en: { ...en, ...FEATURE_SYMBOLS },
  'zh-CN': { ...zhCN, ...FEATURE_SYMBOLS },
};

export { LANGUAGES } from './languages.js';
const STORAGE_KEY = 'nnplay.lang';

/** Maps a BCP 47 tag to a supported language, or null: 'zh', 'zh-Hans', 'zh-SG' -> 'zh-CN'; 'en-GB' -> 'en'. */
export function matchLanguage(tag) {
  if (typeof tag !== 'string' || !tag) return null;
  const low = tag.trim().toLowerCase().replace(/_/g, '-');
  if (low === 'zh' || low.startsWith('zh-')) return 'zh-CN';  // the only Chinese table
  if (low === 'en' || low.startsWith('en-')) return 'en';
  return null;
}

/**
 * The language to use: an explicit choice (the `lang` attribute or URL key) wins,
 * then the one chosen earlier on this browser, then the browser's languages, then English.
 */
export function pickLanguage({ requested, stored, browser } = {}) {
  return matchLanguage(requested) || matchLanguage(stored) ||
    (browser || []).map(matchLanguage).find(Boolean) || 'en';
}

/** pickLanguage with this page's inputs: the requested one, localStorage, navigator.languages. */
export function pageLanguage(requested) {
  let stored = null;
  try { stored = localStorage.getItem(STORAGE_KEY); } catch { /* storage blocked */ }
  const browser = typeof navigator !== 'undefined' ? (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language]) : [];
  return pickLanguage({ requested, stored, browser });
}

/** Remembers the user's choice for the next visit. */
export function storeLanguage(lang) {
  try { localStorage.setItem(STORAGE_KEY, lang); } catch { /* storage blocked */ }
}

/**
 * A translator for one language: t(key, params) -> the string with {placeholders}
 * filled; t.lang is the language code. An unknown language gives English; a
 * missing key falls back to English, then to the key itself (a bug, but visible).
 */
export function translator(lang) {
  const code = matchLanguage(lang) || 'en';
  const table = STRINGS[code];
  const t = (key, params = {}) => {
    const text = Object.hasOwn(table, key) ? table[key] : Object.hasOwn(STRINGS.en, key) ? STRINGS.en[key] : undefined;
    if (text === undefined) return key;
    return text.replace(/\{(\w+)\}/g, (m, name) => (Object.hasOwn(params, name) ? String(params[name]) : m));
  };
  t.lang = code;
  /** True when the key has a string (in this language or in English). */
  t.has = (key) => Object.hasOwn(table, key) || Object.hasOwn(STRINGS.en, key);
  return t;
}

/** A warning made without a language ({key, params}, e.g. by state.js), in t's language. */
export function say(t, warning) {
  return typeof warning === 'string' ? warning : t(warning.key, warning.params);
}
