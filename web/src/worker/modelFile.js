// Model files of the playground: export ({format: 'nnplay-playground', state,
// epoch, model}) and import (that format, or a bare nnplay model JSON). An
// import changes only the network and training settings; the data on the page
// stays, and the model's output layer must fit it. No DOM.

import { FEATURES, HIDDEN_ACTIVATIONS } from '../catalog.js';
import { SCHEMA, LAYER_KEYS, parseEntries, normalize, changedKeys, layersPatch, TRAINING_KEYS } from '../state.js';

const FORMAT = 'nnplay-playground';
// The settings a model file may carry: the network and its training, not the data.
const MODEL_KEYS = ['features', 'normalize', 'layers', ...LAYER_KEYS, 'optimizer', 'learningRate', 'batchSize', 'regularization',
  'regRate', 'initializer', 'seed'];

/** The model file's text (normalization: the input normalization the weights were trained with, or null). */
export function modelFileText(state, epoch, model, normalization = null) {
  return JSON.stringify({ format: FORMAT, version: 1, state, epoch, normalization, model: JSON.parse(model.toJSON()) });
}

/** A file's input normalization ({mean: [2], std: [2]} of finite numbers, std > 0), or null; throws if malformed. */
function readNormalization(n) {
  if (n === undefined || n === null) return null;
  const pair = (v, positive) => Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number' && Number.isFinite(x) && (!positive || x > 0));
  if (typeof n !== 'object' || !pair(n.mean, false) || !pair(n.std, true))
    throw new Error('its normalization must be {mean: [m1, m2], std: [s1, s2]} with finite numbers and positive std');
  return { mean: n.mean.slice(), std: n.std.slice() };
}

/**
 * Reads a model file against the page's current state and output layer.
 * Returns {state (the new training state), patch (the keys that changed),
 * weights, epoch (or null), warnings ({key, params}), normalization (or null)}; throws an Error whose
 * message says what is wrong with the file.
 * @param nn the namespace from loadNnplay()
 * @param {string} text
 * @param {object} state the worker's training state
 * @param {{units: number, activation: string}} output the output layer the data needs
 */
export function readModelFile(nn, text, state, output) {
  let file;
  try {
    file = JSON.parse(text);
  } catch (e) {
    throw new Error(`not JSON (${e.message})`);
  }
  if (!file || typeof file !== 'object' || Array.isArray(file)) throw new Error('expected a JSON object');
  const ours = Object.hasOwn(file, 'format') && file.format === FORMAT;
  const loaded = nn.models.fromJSON(ours ? file.model : file);
  try {
    const warnings = [];
    let base = state;
    if (ours && file.state && typeof file.state === 'object') {
      const entries = MODEL_KEYS.filter((k) => Object.hasOwn(file.state, k)).map((k) => [k, file.state[k]]);
      const parsed = parseEntries(entries, base);
      warnings.push(...parsed.warnings);
      base = parsed.state;
    }
    // The page's layers: Dense layers, each hidden one optionally followed by a Dropout.
    const dense = [];
    for (const l of loaded.layers) {
      if (l.type === 'dense') dense.push({ units: l.units, activation: l.activation, dropout: 0 });
      else if (l.type === 'dropout' && dense.length > 0 && dense.at(-1).dropout === 0) dense.at(-1).dropout = l.rate;
      else throw new Error(`its ${l.className} layer ${l.name} has no place in the playground, which puts one dropout after a hidden layer`);
    }
    const hidden = dense.slice(0, -1);
    const out = dense[dense.length - 1];
    if (out.dropout > 0) throw new Error('it has a dropout after its output layer; the playground has none there');
    if (out.units !== output.units || out.activation !== output.activation)
      throw new Error(`its output layer (${out.units} ${out.activation}) does not fit the data on the page, which needs ${output.units} ${output.activation}`);
    if (hidden.length > SCHEMA.layers.maxLength || hidden.some((l) => l.units > SCHEMA.layers.max))
      throw new Error(`the playground shows at most ${SCHEMA.layers.maxLength} hidden layers of ${SCHEMA.layers.max} neurons`);
    for (const l of hidden)
      if (!HIDDEN_ACTIVATIONS.includes(l.activation)) throw new Error(`activation ${l.activation} is not one of ${HIDDEN_ACTIVATIONS.join(', ')}`);
    const inputDim = loaded.inputShape[1];
    let features = base.features;
    if (features.length !== inputDim) {
      if (inputDim > FEATURES.length) throw new Error(`it takes ${inputDim} inputs; the playground has ${FEATURES.length} features`);
      features = FEATURES.slice(0, inputDim);
      warnings.push({ key: 'output.modelFeatures', params: { n: inputDim, features: features.join(', ') } });
    }
    const next = normalize({
      ...base,
      features,
      ...(hidden.length ? layersPatch(base, hidden) : { layers: [] }),
    });
    const patch = {};
    for (const k of changedKeys(state, next, TRAINING_KEYS)) patch[k] = next[k];
    const weights = loaded.getWeights().map((w) => {
      const values = w.dataSync().slice();
      return { shape: w.shape.slice(), dataSync: () => values };
    });
    const epoch = ours && Number.isInteger(file.epoch) && file.epoch >= 0 ? file.epoch : null;
    const normalization = ours ? readNormalization(file.normalization) : null;
    return { state: next, patch, weights, epoch, warnings, normalization };
  } finally {
    loaded.dispose();
  }
}
