// Every string key the page's code asks for exists in the strings table (so a
// typo cannot show a raw key), and the table has no key nobody uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { STRINGS } from '../../web/src/strings.js';
import { ROOT } from './helpers.mjs';

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : []);
}

test('every t() key used in web/ is in the English table', () => {
  const used = new Set();
  const prefixes = new Set();
  for (const file of [...sources(path.join(ROOT, 'web/src')), path.join(ROOT, 'web/index.html')]) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\('([\w.]+)'/g)) used.add(m[1]);
    for (const m of text.matchAll(/data-i18n="([\w.]+)"/g)) used.add(m[1]);
    for (const m of text.matchAll(/\bt\(`([\w.]+)\.\$\{/g)) prefixes.add(m[1]);  // t(`dataset.${name}`)
  }
  const missing = [...used].filter((k) => !(k in STRINGS.en));
  assert.deepEqual(missing, []);
  const unused = Object.keys(STRINGS.en).filter((k) => !used.has(k) && ![...prefixes].some((p) => k.startsWith(p + '.')));
  assert.deepEqual(unused, []);
});
