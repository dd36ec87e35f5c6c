// The input features as formulas: the one JS definition of what the engine's
// features compute from a point (x1, x2). The network diagram's input tiles,
// the teaching panels' forward pass and the code generator (Python text) all
// read this table; the engine's own list (generated/engineTables.js) decides
// which features exist and their order, and a feature without a formula here
// fails loudly at load.
import { ENGINE_TABLES } from './generated/engineTables.js';

/**
 * name -> {symbol: how it is written (the same in every language), js(x1, x2),
 * py: the NumPy expression over columns x1 and x2, aliases: other spellings
 * accepted in a code-view description}.
 */
const FORMULAS = new Map([
  ['x1', { symbol: 'x₁', js: (x1) => x1, py: 'x1', aliases: [] }],
  ['x2', { symbol: 'x₂', js: (x1, x2) => x2, py: 'x2', aliases: [] }],
  ['x1^2', { symbol: 'x₁²', js: (x1) => x1 * x1, py: 'x1**2', aliases: ['x1²', 'x1sq'] }],
  ['x2^2', { symbol: 'x₂²', js: (x1, x2) => x2 * x2, py: 'x2**2', aliases: ['x2²', 'x2sq'] }],
  ['x1*x2', { symbol: 'x₁x₂', js: (x1, x2) => x1 * x2, py: 'x1 * x2', aliases: ['x1x2', 'x1·x2', 'x2*x1'] }],
  ['sin(x1)', { symbol: 'sin x₁', js: (x1) => Math.sin(x1), py: 'np.sin(x1)', aliases: ['sinx1'] }],
  ['sin(x2)', { symbol: 'sin x₂', js: (x1, x2) => Math.sin(x2), py: 'np.sin(x2)', aliases: ['sinx2'] }],
]);

/** The features in the engine's order (its kernel-row order), each with its formula. */
export const FEATURE_TABLE = ENGINE_TABLES.features.map((name) => {
  const f = FORMULAS.get(name);
  if (!f) throw new Error(`web/src/features.js: the engine has a feature "${name}" with no JS formula`);
  return { name, ...f };
});

/** Feature names in the engine's order. */
export const FEATURES = FEATURE_TABLE.map((f) => f.name);

const BY_NAME = new Map(FEATURE_TABLE.map((f) => [f.name, f]));

/** The formula entry of a feature name, or undefined. */
export function feature(name) {
  return BY_NAME.get(name);
}

/** The values of `names` (in the given order) at the point (x1, x2). */
export function featureValues(names, x1, x2) {
  return names.map((name) => BY_NAME.get(name).js(x1, x2));
}
