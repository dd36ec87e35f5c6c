// Text helpers shared by the code generators: numbers as code, aligned
// comments, and the phrases that describe a network's layers and outputs.

import { CROSSENTROPY } from './describe.js';
import { datasetInfo } from '../../catalog.js';

// ---- the inputs: what x1 and x2 are, and example points in their units ----------------------

/** Datasets whose inputs have units: what x1 and x2 mean (English, as the code's comments). */
const INPUT_UNITS = {
  coffeeRoasting: { x1: 'roasting temperature in °C', x2: 'roasting time in minutes' },
};

/** ' x1 = ..., x2 = ...' for a dataset in units, else ''. */
export function inputUnits(n) {
  const u = INPUT_UNITS[n.dataset.name];
  return u ? ` x1 = ${u.x1}, x2 = ${u.x2}` : '';
}

/**
 * Example points for predictions, as Python/JS literals of `count` rows: the
 * usual ones on the [-6, 6] plane, else the middle and a quarter of the
 * dataset's domain (coffee roasting: 240 °C for 14 min, 200 °C for 17 min, ...).
 */
export function examplePoints(n, count, python = true) {
  const d = datasetInfo(n.dataset.name)?.domain || [-6, 6, -6, 6];
  const plane = d[0] === -6 && d[1] === 6 && d[2] === -6 && d[3] === 6;
  const at = (u, v) => [d[0] + (d[1] - d[0]) * u, d[2] + (d[3] - d[2]) * v];
  const points = plane ? [[0, 0], [1, -2], [-3, 2.5]] : [at(0.5, 0.5), at(0.25, 0.75), at(0.75, 0.25)];
  const lit = (v) => (python && Number.isInteger(v) ? v.toFixed(1) : String(v));
  return `[${points.slice(0, count).map(([a, b]) => `[${lit(a)}, ${lit(b)}]`).join(', ')}]`;
}

// ---- number printing ---------------------------------------------------------------------------

/** A hyperparameter as code: the shortest text that reads back as the same number. */
export function num(v) {
  return String(v);
}

/**
 * A float32 value as the shortest decimal that rounds back to the same float32
 * (at most 9 significant digits), e.g. 0.1f -> "0.1". Non-finite values become
 * NumPy names.
 */
export function float32Text(v) {
  const f = Math.fround(v);
  if (Number.isNaN(f)) return 'np.nan';
  if (f === Infinity) return 'np.inf';
  if (f === -Infinity) return '-np.inf';
  if (Object.is(f, -0)) return '-0.0';
  for (let p = 1; p <= 9; ++p) {
    const text = String(Number(f.toPrecision(p)));
    if (Math.fround(Number(text)) === f) return text;
  }
  return String(f);  // not reached: 9 digits always round-trip a float32
}

// ---- shared text helpers -------------------------------------------------------------------

/** Python expressions of the feature columns, e.g. "x1, x2, x1**2". */
export const pyFeatureList = (n) => n.features.map((f) => f.py).join(', ');
export const featureNames = (n) => n.features.map((f) => f.name).join(', ');
export const jsFeatureArray = (n) => `[${n.features.map((f) => `'${f.name}'`).join(', ')}]`;
export const units = (k) => `${k} unit${k === 1 ? '' : 's'}`;
export const numClasses = (n) => n.layers[n.layers.length - 1].units;

/**
 * Code lines with trailing comments lined up; when the code is too wide for that,
 * each comment goes on its own line above its code.
 */
export function alignComments(pairs, indent = '', marker = '#') {
  const width = Math.max(...pairs.map(([code]) => code.length));
  if (width > 64) return pairs.flatMap(([code, comment]) => (comment ? [`${indent}${marker} ${comment}`] : []).concat(`${indent}${code}`));
  return pairs.map(([code, comment]) => (comment ? `${indent}${code.padEnd(width)}  ${marker} ${comment}` : `${indent}${code}`));
}

/** What the output layer's numbers mean. */
export function outputMeaning(n) {
  const out = n.layers[n.layers.length - 1];
  const k = out.units;
  if (n.fromLogits) {
    if (n.loss === 'binaryCrossentropy') return 'logits z (sigmoid(z) = P(class 1))';
    return 'logits z (softmax(z) = class probabilities)';
  }
  if (n.loss === 'meanSquaredError') return k === 1 ? 'the predicted value ŷ' : 'the predicted values ŷ';
  if (out.activation === 'softmax') return `ŷ_j = P(class j), j = 0..${k - 1}`;
  if (out.activation === 'sigmoid' && k === 1) return 'ŷ = P(class 1)';
  return 'ŷ';
}

export function layerRole(n, i) {
  return i === n.layers.length - 1 ? 'output layer' : 'hidden layer';
}
