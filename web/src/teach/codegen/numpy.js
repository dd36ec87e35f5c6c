// The Code view's NumPy generator: a forward pass of the network with its
// current trained weights (float32), whose predict() matches model.predict.

import { LEAKY_RELU_ALPHA, ELU_ALPHA } from '../math.js';
import { normalizeDescription, CROSSENTROPY } from './describe.js';
import { num, float32Text, pyFeatureList, featureNames, units, alignComments, outputMeaning, layerRole, inputUnits, examplePoints } from './text.js';


const NUMPY_ACTIVATIONS = {
  linear: ['def linear(z):', '    return z'],
  sigmoid: [
    'def sigmoid(z):',
    '    # g(z) = 1 / (1 + e^-z), computed so that exp never overflows',
    '    e = np.exp(-np.abs(z))',
    '    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))',
  ],
  tanh: ['def tanh(z):', '    return np.tanh(z)'],
  relu: ['def relu(z):', '    # g(z) = max(0, z)', '    return np.maximum(0, z)'],
  leakyRelu: [
    'def leaky_relu(z):',
    `    # g(z) = z for z > 0, ${LEAKY_RELU_ALPHA} * z otherwise`,
    `    return np.where(z > 0, z, ${LEAKY_RELU_ALPHA} * z)`,
  ],
  elu: [
    'def elu(z):',
    `    # g(z) = z for z > 0, ${ELU_ALPHA} * (e^z - 1) otherwise`,
    `    return np.where(z > 0, z, ${ELU_ALPHA} * (np.exp(np.minimum(z, 0)) - 1))`,
  ],
  softmax: [
    'def softmax(z):',
    '    # a_j = e^(z_j) / sum_k e^(z_k) over the units of one example (one row);',
    '    # subtracting the row\'s largest z first changes nothing but avoids overflow',
    '    e = np.exp(z - np.max(z, axis=-1, keepdims=True))',
    '    return e / np.sum(e, axis=-1, keepdims=True)',
  ],
};

function pyVector(values) {
  return `[${values.map(float32Text).join(', ')}]`;
}

// A kernel as aligned rows, each commented with the input it comes from.
function pyMatrix(name, values, rows, cols, rowLabels) {
  const texts = values.map(float32Text);
  const width = Math.max(...texts.map((t) => t.length));
  const lines = [`${name} = np.array([`];
  for (let r = 0; r < rows; ++r) {
    const cells = texts.slice(r * cols, (r + 1) * cols).map((t) => t.padStart(width));
    lines.push(`    [${cells.join(', ')}],  # row ${r}: from ${rowLabels[r]}`);
  }
  lines.push('], dtype=np.float32)');
  return lines;
}

/**
 * A NumPy forward pass of the network with its current weights: the activation
 * functions, dense(a_in, W, b, g), features(points), W1, b1, ... and predict(points).
 * Its predictions match nnplay's model.predict (float32 throughout).
 * @param {NetworkDescription} desc
 * @returns {string}
 */
export function generateNumpy(desc) {
  const n = normalizeDescription(desc);
  const L = [];
  const used = [...new Set(n.layers.map((l) => l.activation))];
  const fnName = (a) => NUMPY_ACTIVATIONS[a][0].match(/^def (\w+)/)[1];  // the function's name in its definition

  L.push('# The playground\'s network as a NumPy forward pass, with its current trained weights.');
  L.push('# Needs only NumPy: predict(points) gives the same numbers as the playground.');
  L.push('#');
  L.push('# Notation: layer l = 1, 2, ...; a^[0] = the input features; for neuron j of layer l');
  L.push('#     z_j^[l] = w_j^[l] · a^[l-1] + b_j^[l]');
  L.push('#     a_j^[l] = g(z_j^[l])');
  L.push('# W1, W2, ... hold the vectors w_j^[l] as their columns (shape: inputs x units),');
  L.push('# b1, b2, ... the biases b_j^[l].');
  L.push('# Indices i, j count from 0, as NumPy does.');
  L.push('import numpy as np');
  L.push('');
  L.push('# ---- activation functions g ----');
  for (const a of used) {
    if (!Object.hasOwn(NUMPY_ACTIVATIONS, a)) throw new Error(`the NumPy generator has no function for the activation '${a}' (web/src/teach/codegen/numpy.js)`);
    L.push(...NUMPY_ACTIVATIONS[a], '', '');
  }
  L.push('# ---- one dense layer ----');
  L.push('def dense(a_in, W, b, g):');
  L.push('    # All units of the layer at once (and every example: a_in may hold one per row):');
  L.push('    # z_j = W[:, j] · a_in + b[j] for every j, then a_out = g(z). One unit at a time:');
  L.push('    #     for j in range(W.shape[1]):');
  L.push('    #         z[j] = np.dot(W[:, j], a_in) + b[j]');
  L.push('    return g(a_in @ W + b)');
  L.push('');
  L.push('');
  if (n.normalization) {
    const z = n.normalization;
    L.push('# ---- input normalization (z-score), with the playground\'s training-set figures ----');
    L.push(`MEAN = np.array([${z.mean.map(float32Text).join(', ')}], dtype=np.float32)`);
    L.push(`STD = np.array([${z.std.map(float32Text).join(', ')}], dtype=np.float32)`);
    L.push('');
    L.push('');
  }
  L.push('# ---- the input features a^[0], computed from each point (x1, x2) ----');
  L.push('def features(points):');
  L.push('    points = np.asarray(points, dtype=np.float32).reshape(-1, 2)  # like nnplay: float32');
  if (n.normalization) L.push('    points = ((points - MEAN) / STD).astype(np.float32)  # normalized first');
  L.push('    x1, x2 = points[:, 0], points[:, 1]');
  L.push(`    return np.column_stack([${pyFeatureList(n)}]).astype(np.float32)`);
  L.push('');
  L.push('');
  L.push('# ---- the weights (float32, exactly as in the playground) ----');
  if (!n.weights) L.push('# No trained weights were given: these zeros are placeholders.');
  let inputs = n.inputDim;
  let inputLabels = n.features.map((f) => f.name);
  n.layers.forEach((l, i) => {
    const layer = i + 1;
    L.push(`# Layer ${layer} (${layerRole(n, i)}, g = ${fnName(l.activation)}): ${inputs} input${inputs === 1 ? '' : 's'}, ${units(l.units)}.`);
    L.push(`# Column W${layer}[:, j] is w_j^[${layer}]; row i holds the weights from input i.`);
    if (n.weights) {
      const { kernel, bias } = n.weights[i];
      L.push(...pyMatrix(`W${layer}`, kernel.values, inputs, l.units, inputLabels));
      L.push(`b${layer} = np.array(${pyVector(bias.values)}, dtype=np.float32)  # b_j^[${layer}]`);
    } else {
      L.push(`W${layer} = np.zeros((${inputs}, ${l.units}), dtype=np.float32)`);
      L.push(`b${layer} = np.zeros(${l.units}, dtype=np.float32)  # b_j^[${layer}]`);
    }
    L.push('');
    inputLabels = Array.from({ length: l.units }, (_, k) => `a_${k}^[${layer}]`);
    inputs = l.units;
  });
  L.push('');
  L.push('# ---- the forward pass ----');
  L.push('def predict(points):');
  const outUnits = n.layers[n.layers.length - 1].units;
  L.push(`    """points: shape (m, 2), one (x1, x2) per row -> shape (m, ${outUnits}): ${outputMeaning(n)}."""`);
  const rows = [[`a0 = features(points)`, `a^[0]: shape (m, ${n.inputDim}), columns ${featureNames(n)}`]];
  n.layers.forEach((l, i) => {
    const k = i + 1;
    const last = i === n.layers.length - 1;
    rows.push([`a${k} = dense(a${i}, W${k}, b${k}, ${fnName(l.activation)})`,
      `a^[${k}]: layer ${k} (${last ? 'output' : 'hidden'}), ${units(l.units)}${last ? `: ${outputMeaning(n)}` : ''}`]);
    // Inference: dropout is the identity, so the forward pass has no line for it.
    if (l.dropout > 0) rows.push([`# Dropout(${num(l.dropout)}) after layer ${k} is active only while training`, '']);
  });
  L.push(...alignComments(rows, '    '));
  L.push(`    return a${n.layers.length}`);
  L.push('');
  L.push('');
  L.push("if __name__ == '__main__':");
  L.push(`    points = np.array(${examplePoints(n, 3)})${inputUnits(n) ? '  #' + inputUnits(n) : ''}`);
  L.push('    y_hat = predict(points)');
  L.push('    print(y_hat)');
  const out = n.layers[n.layers.length - 1];
  if (n.loss === 'binaryCrossentropy' && outUnits === 1) {
    L.push(`    print('class:', (y_hat[:, 0] >= ${n.fromLogits ? '0' : '0.5'}).astype(int))  # ${n.fromLogits ? 'z >= 0' : 'ŷ >= 0.5'} means class 1`);
  } else if (CROSSENTROPY.has(n.loss) && outUnits > 1 && (out.activation === 'softmax' || n.fromLogits)) {
    L.push("    print('class:', np.argmax(y_hat, axis=1))  # the most likely class");
  }
  return L.join('\n') + '\n';
}

/**
 * All three: { keras, js, numpy }.
 * @param {NetworkDescription} desc
 */
