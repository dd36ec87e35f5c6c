// The page's vocabularies, all from the engine's tables (generated at build
// time from the JS API, see scripts/gen-tables.mjs): datasets and their
// metadata, activations, losses, optimizers, initializers. Menus, the state
// schema, the code generator and the string keys (`dataset.<name>`, ...) are
// derived from here, so a new engine dataset needs only its strings.
import { ENGINE_TABLES } from './generated/engineTables.js';

export { FEATURES } from './features.js';

/** Dataset names in the engine's order (the picker's order). */
export const DATASETS = ENGINE_TABLES.datasets.map((d) => d.name);
const DATASET_INFO = new Map(ENGINE_TABLES.datasets.map((d) => [d.name, d]));

/** {name, regression, usesClasses} of a dataset name, or undefined. */
export function datasetInfo(name) {
  return DATASET_INFO.get(name);
}

/** Every activation the engine has (the output layer uses sigmoid, softmax or linear). */
export const ACTIVATIONS = ENGINE_TABLES.activations;
// Softmax couples all units of a layer (they sum to 1): the page keeps it for
// the output layer of several classes.
const OUTPUT_ONLY = new Set(['softmax']);
/** The activations a hidden layer can choose. */
export const HIDDEN_ACTIVATIONS = ACTIVATIONS.filter((a) => !OUTPUT_ONLY.has(a));
export const LOSSES = ENGINE_TABLES.losses;
export const OPTIMIZERS = ENGINE_TABLES.optimizers;
export const INITIALIZERS = ENGINE_TABLES.initializers;

/** How the picker's thumbnails are generated (the same settings for every dataset). */
export const THUMBNAIL = { n: 160, noise: 0, seed: 3, classes: 3 };
/** A dataset that uses `classes`, picked while only 2 are set, gets this many (as its thumbnail shows). */
export const PICKED_CLASSES = THUMBNAIL.classes;

/** The loss and output layer the page uses for a problem. */
export function outputSpec(regression, classes) {
  if (regression) return { units: 1, activation: 'linear', loss: 'meanSquaredError' };
  if (classes > 2) return { units: classes, activation: 'softmax', loss: 'sparseCategoricalCrossentropy' };
  return { units: 1, activation: 'sigmoid', loss: 'binaryCrossentropy' };
}
