// Math as DOM: symbols with sub/superscripts built from elements and text nodes
// (never HTML strings), and the network arithmetic the teaching panels and the
// code view use (activations with their derivatives and formulas, the forward
// pass with z and a per layer, losses, one backward pass), in double precision.
// Pure functions apart from the builders.

import { h, fmt } from '../dom.js';
import { FEATURES, featureValues } from '../features.js';

/** A symbol: sym('z', {sub: 'j', sup: '[l]'}) -> <span>z<sub>j</sub><sup>[l]</sup></span>. */
export function sym(base, { sub, sup, cls = '' } = {}) {
  const hasSub = sub !== undefined && sub !== null, hasSup = sup !== undefined && sup !== null;
  // both: stacked (superscript above the subscript), as in a textbook
  const scripts = hasSub && hasSup
    ? h('span', { class: 'np-subsup' }, h('sup', { text: String(sup) }), h('sub', { text: String(sub) }))
    : [hasSub ? h('sub', { text: String(sub) }) : null, hasSup ? h('sup', { text: String(sup) }) : null];
  return h('span', { class: `np-sym ${cls}`.trim() }, h('var', { text: base }), scripts);
}

/** A number as shown in formulas (`digits` significant; negative numbers in parentheses when asked). */
export function num(v, { paren = false, digits = 3 } = {}) {
  const s = fmt(v, digits).replace(/^-/, '−');
  return h('span', { class: 'np-num-val', text: paren && v < 0 ? `(${s})` : s });
}

/** A line with an extra class. */
export function lineC(cls, ...parts) {
  return h('div', { class: `np-math-line ${cls}` }, ...parts);
}

/** A line of formula parts (nodes or strings). */
export function line(...parts) {
  return h('div', { class: 'np-math-line' }, ...parts);
}

// ---- activations -------------------------------------------------------------------
export const LEAKY_RELU_ALPHA = 0.3;  // as the engine (and Keras' LeakyReLU layer)
export const ELU_ALPHA = 1;

const sigmoid = (z) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));  // never overflows

/**
 * Each activation g the engine has: f = g(z), d = g'(z), the two formulas as
 * text, and its symbol in the inspector's arithmetic (none: its name). Softmax
 * works on a whole layer (softmax() below); its f/d are not used elementwise.
 */
export const G = {
  linear: { f: (z) => z, d: () => 1, formula: ['g(z) = z', 'g′(z) = 1'] },
  sigmoid: { f: sigmoid, d: (z) => sigmoid(z) * (1 - sigmoid(z)), formula: ['g(z) = 1 / (1 + e^(−z))', 'g′(z) = g(z)(1 − g(z))'], symbol: 'σ' },
  tanh: { f: Math.tanh, d: (z) => 1 - Math.tanh(z) ** 2, formula: ['g(z) = (e^z − e^(−z)) / (e^z + e^(−z))', 'g′(z) = 1 − g(z)²'], symbol: 'tanh' },
  relu: { f: (z) => Math.max(0, z), d: (z) => (z > 0 ? 1 : 0), formula: ['g(z) = max(0, z)', 'g′(z) = 1 (z > 0),  0 (z ≤ 0)'], symbol: 'ReLU' },
  leakyRelu: {
    f: (z) => (z > 0 ? z : LEAKY_RELU_ALPHA * z), d: (z) => (z > 0 ? 1 : LEAKY_RELU_ALPHA),
    formula: [`g(z) = z (z > 0),  ${LEAKY_RELU_ALPHA}z (z ≤ 0)`, `g′(z) = 1 (z > 0),  ${LEAKY_RELU_ALPHA} (z ≤ 0)`], symbol: 'LeakyReLU',
  },
  elu: {
    f: (z) => (z > 0 ? z : ELU_ALPHA * (Math.exp(z) - 1)), d: (z) => (z > 0 ? 1 : ELU_ALPHA * Math.exp(z)),
    formula: ['g(z) = z (z > 0),  e^z − 1 (z ≤ 0)', 'g′(z) = 1 (z > 0),  e^z (z ≤ 0)'], symbol: 'ELU',
  },
  softmax: { f: (z) => z, d: () => 1, formula: ['a_j = e^(z_j) / Σ_k e^(z_k)', ''], symbol: 'softmax' },
};

export function softmax(z) {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** The activations of a layer from its pre-activations z. */
export function activate(activation, z) {
  return activation === 'softmax' ? softmax(z) : z.map(G[activation].f);
}

/**
 * The page's network as plain numbers: {features (engine order), layers: [{units,
 * activation, W (Float32Array [in*units], row-major: W[k*units+j]), b}], loss}.
 * model: the worker's `model` message; weights: the frame's flat weights.
 */
export function netFromModel(model, weights) {
  if (!model || !weights) return null;
  const features = FEATURES.filter((f) => model.features.includes(f));
  const specs = [...model.layers, { units: model.output.units, activation: model.output.activation }];
  let o = 0, inputs = features.length;
  const layers = specs.map((l) => {
    const W = weights.slice(o, o + inputs * l.units);
    o += inputs * l.units;
    const b = weights.slice(o, o + l.units);
    o += l.units;
    const layer = { units: l.units, activation: l.activation, inputs, W, b };
    inputs = l.units;
    return layer;
  });
  if (o !== weights.length) return null;
  return { features, layers, loss: model.output.loss, norm: model.normalization || null };
}

/**
 * Forward pass of one raw point: {a: [a0, a1, ...], z: [null, z1, ...]}. With
 * net.norm ({mean, std}), the point is normalized before its features.
 */
export function forward(net, x1, x2) {
  const n = net.norm;
  const a = [n ? featureValues(net.features, (x1 - n.mean[0]) / n.std[0], (x2 - n.mean[1]) / n.std[1]) : featureValues(net.features, x1, x2)];
  const z = [null];
  for (const l of net.layers) {
    const prev = a[a.length - 1];
    const zl = [];
    for (let j = 0; j < l.units; ++j) {
      let s = l.b[j];
      for (let k = 0; k < l.inputs; ++k) s += l.W[k * l.units + j] * prev[k];
      zl.push(s);
    }
    z.push(zl);
    a.push(activate(l.activation, zl));
  }
  return { a, z };
}

/** Loss of one point's output `out` for label y. */
export function lossOf(loss, out, y) {
  const eps = 1e-7;
  if (loss === 'binaryCrossentropy') {
    const p = Math.min(1 - eps, Math.max(eps, out[0]));
    return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
  }
  if (loss === 'sparseCategoricalCrossentropy') return -Math.log(Math.max(eps, out[Math.round(y)]));
  return (out[0] - y) ** 2;
}

/**
 * Backward pass of one point: the error signals δ^[l] = ∂L/∂z^[l] per layer and the
 * gradients dW^[l] = a^[l-1] δ^[l]ᵀ, db^[l] = δ^[l]. The output layer's δ is a − y for
 * sigmoid + binary cross-entropy and softmax + categorical cross-entropy, and
 * 2(a − y) for a linear output with mean squared error.
 */
export function backward(net, pass, y) {
  const L = net.layers.length;
  const delta = new Array(L + 1).fill(null);
  const out = pass.a[L];
  if (net.loss === 'sparseCategoricalCrossentropy') delta[L] = out.map((v, j) => v - (j === Math.round(y) ? 1 : 0));
  else if (net.loss === 'binaryCrossentropy') delta[L] = [out[0] - y];
  else delta[L] = [2 * (out[0] - y)];
  for (let l = L - 1; l >= 1; --l) {
    const next = net.layers[l];  // layer l+1 (0-based index l)
    const layer = net.layers[l - 1];
    delta[l] = [];
    for (let j = 0; j < layer.units; ++j) {
      let s = 0;
      for (let k = 0; k < next.units; ++k) s += next.W[j * next.units + k] * delta[l + 1][k];
      delta[l].push(s * G[layer.activation].d(pass.z[l][j]));
    }
  }
  const grads = net.layers.map((layer, i) => {
    const l = i + 1, prev = pass.a[l - 1];
    const dW = new Float64Array(layer.inputs * layer.units);
    for (let k = 0; k < layer.inputs; ++k) for (let j = 0; j < layer.units; ++j) dW[k * layer.units + j] = prev[k] * delta[l][j];
    return { dW, db: Float64Array.from(delta[l]) };
  });
  return { delta, grads };
}

/** Mean gradients over a batch of points [{x1, x2, y}]. */
export function batchGradients(net, batch) {
  const sum = net.layers.map((l) => ({ dW: new Float64Array(l.inputs * l.units), db: new Float64Array(l.units) }));
  for (const p of batch) {
    const { grads } = backward(net, forward(net, p.x1, p.x2), p.y);
    grads.forEach((g, i) => {
      for (let k = 0; k < g.dW.length; ++k) sum[i].dW[k] += g.dW[k] / batch.length;
      for (let k = 0; k < g.db.length; ++k) sum[i].db[k] += g.db[k] / batch.length;
    });
  }
  return sum;
}
