// The Code view's generators: the playground's current network as (1)
// Python/Keras code, (2) the equivalent nnplay JavaScript and (3) a NumPy
// forward pass with the current trained weights filled in. Pure functions over
// plain data (a NetworkDescription, codegen/describe.js): no DOM, no engine.
// One file per output language in codegen/; to add one, write its
// generate(desc) there and list it in GENERATORS.

import { generateKeras } from './codegen/keras.js';
import { generateJs } from './codegen/javascript.js';
import { generateNumpy } from './codegen/numpy.js';
import { normalizeDescription, canonicalFeatures } from './codegen/describe.js';
import { forward } from './math.js';
import { featureValues } from '../features.js';

export { generateKeras, generateJs, generateNumpy, normalizeDescription };
export { pageDescription, descriptionFromModelJSON } from './codegen/describe.js';
export { float32Text } from './codegen/text.js';

/** The Code view's tabs: key (its strings are code.<key>) and generator. */
export const GENERATORS = [
  { key: 'keras', generate: generateKeras },
  { key: 'js', generate: generateJs },
  { key: 'numpy', generate: generateNumpy },
];

/**
 * All three: { keras, js, numpy }.
 * @param {import('./codegen/describe.js').NetworkDescription} desc
 */
export function generateAll(desc) {
  return Object.fromEntries(GENERATORS.map(({ key, generate }) => [key, generate(desc)]));
}

/**
 * The input features of raw points: [[x1, x2], ...] -> [[f1, f2, ...], ...] in the
 * engine's column order.
 * @param {string[]} features
 * @param {number[][]} points
 */
export function computeFeatures(features, points) {
  const names = canonicalFeatures(features).map((f) => f.name);
  return points.map(([x1, x2]) => featureValues(names, x1, x2));
}

/**
 * Evaluates the described network (with its `weights`) on raw points, in double
 * precision (teach/math.js forward): [[x1, x2], ...] -> [[output units], ...].
 * Returns every layer's activations too when `all` is true: [a^[0], a^[1], ...] per point.
 * @param {import('./codegen/describe.js').NetworkDescription} desc
 * @param {number[][]} points
 * @param {{all?: boolean}} [options]
 */
export function forwardPass(desc, points, { all = false } = {}) {
  const n = normalizeDescription(desc);
  if (!n.weights) throw new Error('forwardPass needs the description\'s weights');
  let inputs = n.inputDim;
  const net = {
    norm: n.normalization,
    features: n.features.map((f) => f.name),
    layers: n.layers.map((l, i) => {
      const layer = { units: l.units, activation: l.activation, inputs, W: n.weights[i].kernel.values, b: n.weights[i].bias.values };
      inputs = l.units;
      return layer;
    }),
  };
  return points.map(([x1, x2]) => {
    const { a } = forward(net, x1, x2);
    return all ? a : a[a.length - 1];
  });
}
