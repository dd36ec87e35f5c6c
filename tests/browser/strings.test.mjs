// The strings tables (web/src/i18n/): every key the page's code asks for exists
// (so a typo cannot show a raw key), no key is unused, and every name in the
// engine's tables (datasets, activations, losses, optimizers, initializers) has
// its string in every language: a new engine dataset needs exactly its strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { STRINGS } from '../../web/src/i18n/index.js';
import { ENGINE_TABLES } from '../../web/src/generated/engineTables.js';
import { ROOT } from './helpers.mjs';

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : []);
}

test('every string key used in web/ is in the English table, and every key there is used', () => {
  const used = new Set();
  const prefixes = new Set();
  // The tables themselves are not users (i18n/index.js is: its LANGUAGES names keys).
  const files = [...sources(path.join(ROOT, 'web/src')), path.join(ROOT, 'web/index.html')]
    .filter((f) => !/i18n[/\\](en|zh-CN)\.js$/.test(f));
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\('([\w.]+)'/g)) used.add(m[1]);
    for (const m of text.matchAll(/data-i18n="([\w.]+)"/g)) used.add(m[1]);
    // keys named as data: label: 'control.seed', warning('state.notBool', ...), ['state.warning', ...]
    for (const m of text.matchAll(/'([a-z]\w*\.[\w.]+)'/g)) if (Object.hasOwn(STRINGS.en, m[1])) used.add(m[1]);
    for (const m of text.matchAll(/\bt\(`([\w.]+)\.\$\{/g)) prefixes.add(m[1]);  // t(`dataset.${name}`)
  }
  const missing = [...used].filter((k) => !Object.hasOwn(STRINGS.en, k));
  assert.deepEqual(missing, []);
  const unused = Object.keys(STRINGS.en).filter((k) => !used.has(k) && ![...prefixes].some((p) => k.startsWith(p + '.')));
  assert.deepEqual(unused, []);
});

test("every name in the engine's tables has its string in every language", () => {
  const names = {
    dataset: ENGINE_TABLES.datasets.map((d) => d.name),
    activation: ENGINE_TABLES.activations,
    loss: ENGINE_TABLES.losses,
    optimizer: ENGINE_TABLES.optimizers,
    initializer: ENGINE_TABLES.initializers,
    feature: ENGINE_TABLES.features,
  };
  for (const [lang, table] of Object.entries(STRINGS)) {
    for (const [prefix, list] of Object.entries(names)) {
      for (const name of list) assert.ok(Object.hasOwn(table, `${prefix}.${name}`), `${lang}: no string ${prefix}.${name}`);
    }
  }
});
