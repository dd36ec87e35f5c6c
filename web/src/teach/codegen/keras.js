// The Code view's Python/Keras generator: the network as TensorFlow 2 code
// (data loading, the feature transform, Sequential([...]), compile(), fit()).

import { LEAKY_RELU_ALPHA } from '../math.js';
import { normalizeDescription, CROSSENTROPY } from './describe.js';
import { num, float32Text, pyFeatureList, featureNames, numClasses, alignComments, outputMeaning, layerRole, inputUnits, examplePoints } from './text.js';

/** nnplay activation -> its Keras spelling (code). Keras 3's 'leaky_relu' string
 * uses slope 0.2; nnplay uses 0.3, so the code defines its own function. */
const KERAS_ACTIVATIONS = {
  linear: "'linear'", sigmoid: "'sigmoid'", tanh: "'tanh'", relu: "'relu'", softmax: "'softmax'", leakyRelu: 'leaky_relu', elu: "'elu'",
};
const KERAS_LOSSES = {
  binaryCrossentropy: 'BinaryCrossentropy', meanSquaredError: 'MeanSquaredError',
  sparseCategoricalCrossentropy: 'SparseCategoricalCrossentropy', categoricalCrossentropy: 'CategoricalCrossentropy',
};
const KERAS_OPTIMIZERS = { sgd: 'SGD', momentum: 'SGD', rmsprop: 'RMSprop', adam: 'Adam' };
const KERAS_INITIALIZERS = {
  glorotUniform: 'glorot_uniform', glorotNormal: 'glorot_normal', heUniform: 'he_uniform',
  heNormal: 'he_normal', lecunUniform: 'lecun_uniform', zeros: 'zeros', ones: 'ones',
};

/** The Keras spelling of an engine name; an engine name this file does not know yet fails loudly. */
function keras(table, name, what) {
  if (!Object.hasOwn(table, name)) throw new Error(`the Keras generator has no spelling for the ${what} '${name}' (web/src/teach/codegen/keras.js)`);
  return table[name];
}


/**
 * The network as Python/Keras (TensorFlow 2) code: data loading, the feature
 * transform, Sequential([...]), compile() and fit().
 * @param {NetworkDescription} desc
 * @returns {string}
 */
export function generateKeras(desc) {
  const n = normalizeDescription(desc);
  const L = [];
  const uses = (a) => n.layers.some((l) => l.activation === a);
  const K = numClasses(n);

  L.push('# The playground\'s network in Keras (TensorFlow 2).');
  L.push('# Layer l computes, for each of its neurons j:');
  L.push('#     z_j^[l] = w_j^[l] · a^[l-1] + b_j^[l]     a_j^[l] = g(z_j^[l])');
  L.push('# where a^[0] is the vector of input features and g the layer\'s activation.');
  L.push('import numpy as np');
  L.push('import tensorflow as tf');
  L.push('from tensorflow.keras import Sequential');
  L.push(`from tensorflow.keras.layers import Dense, ${n.layers.some((l) => l.dropout > 0) ? 'Dropout, ' : ''}Input`);
  L.push('');
  if (n.seed !== null) {
    L.push(`tf.keras.utils.set_random_seed(${n.seed})  # repeatable runs (Keras draws other initial weights than nnplay)`);
    L.push('');
  }
  if (uses('leakyRelu')) {
    L.push('def leaky_relu(z):');
    L.push(`    # g(z) = z for z > 0, ${num(LEAKY_RELU_ALPHA)} * z otherwise (the slope of nnplay and Keras' LeakyReLU layer)`);
    L.push(`    return tf.nn.leaky_relu(z, alpha=${num(LEAKY_RELU_ALPHA)})`);
    L.push('');
  }

  L.push('# ---- the data ----');
  L.push('# Download the playground\'s points ("Download CSV": rows x1,x2,label) and load them:');
  L.push("data = np.loadtxt('nnplay-data.csv', delimiter=',', skiprows=1, dtype=np.float32)");
  L.push(`points = data[:, :2]  # one (x1, x2) per row${inputUnits(n) ? ':' + inputUnits(n) : ''}`);
  if (n.loss === 'meanSquaredError') L.push('y = data[:, 2]        # the target value of each point');
  else if (n.loss === 'categoricalCrossentropy') {
    L.push(`y = tf.keras.utils.to_categorical(data[:, 2], num_classes=${K})  # one-hot rows: class c -> 1 at index c`);
  } else if (n.loss === 'sparseCategoricalCrossentropy') L.push('y = data[:, 2].astype(np.int64)  # class indices 0, 1, ...');
  else L.push('y = data[:, 2]        # class 0 or 1');
  L.push('');
  if (n.normalization) {
    const z = n.normalization;
    L.push('# ---- input normalization (z-score): each input minus its mean, over its standard deviation ----');
    L.push('# Keras\' Normalization layer learns them from the training points (adapt). The playground\'s:');
    L.push(`#     mean = [${z.mean.map(float32Text).join(', ')}], std = [${z.std.map(float32Text).join(', ')}]`);
    L.push('normalize = tf.keras.layers.Normalization(axis=-1)');
    L.push('normalize.adapt(points)');
    L.push('points = normalize(points).numpy()');
    L.push('');
  }
  L.push('# ---- the input features a^[0], computed from each point (x1, x2) ----');
  L.push('def features(points):');
  L.push('    x1, x2 = points[:, 0], points[:, 1]');
  L.push(`    return np.column_stack([${pyFeatureList(n)}]).astype(np.float32)`);
  L.push('');
  L.push(`X = features(points)  # shape (m, ${n.inputDim}): columns ${featureNames(n)}`);
  L.push('');

  L.push('# ---- the model ----');
  const regularized = n.layers.filter((l) => l.l1 > 0 || l.l2 > 0);
  const regCode = (l) => `tf.keras.regularizers.l1_l2(l1=${num(l.l1)}, l2=${num(l.l2)})`;
  // One shared regularizer (the playground's case) gets a name; otherwise each layer its own.
  const shared = regularized.length === n.layers.length && n.layers.every((l) => l.l1 === n.layers[0].l1 && l.l2 === n.layers[0].l2);
  if (regularized.length > 0) {
    L.push('# kernel_regularizer adds l1 * sum(|W|) + l2 * sum(W**2) of the layer\'s weights W to the loss.');
    if (shared) L.push(`regularizer = ${regCode(n.layers[0])}`);
  }
  const rows = [[`Input(shape=(${n.inputDim},)),`, `a^[0]: ${n.inputDim} input feature${n.inputDim === 1 ? '' : 's'} (${featureNames(n)})`]];
  n.layers.forEach((l, i) => {
    const args = [`units=${l.units}`, `activation=${keras(KERAS_ACTIVATIONS, l.activation, 'activation')}`];
    if (l.kernelInitializer !== 'glorotUniform') args.push(`kernel_initializer='${keras(KERAS_INITIALIZERS, l.kernelInitializer, 'initializer')}'`);
    if (l.l1 > 0 || l.l2 > 0) args.push(`kernel_regularizer=${shared ? 'regularizer' : regCode(l)}`);
    const last = i === n.layers.length - 1;
    rows.push([`Dense(${args.join(', ')}),`, `layer ${i + 1} (${layerRole(n, i)}): a^[${i + 1}]${last ? `, ${outputMeaning(n)}` : ''}`]);
    if (l.dropout > 0) rows.push([`Dropout(${num(l.dropout)}),`, `drops ${num(l.dropout * 100)}% of a^[${i + 1}] while training only`]);
  });
  L.push('model = Sequential([');
  L.push(...alignComments(rows, '    '));
  L.push('])');
  L.push('');

  const lossArgs = CROSSENTROPY.has(n.loss) ? `from_logits=${n.fromLogits ? 'True' : 'False'}` : '';
  const lossCode = `tf.keras.losses.${keras(KERAS_LOSSES, n.loss, 'loss')}(${lossArgs})`;
  const optArgs = [`learning_rate=${num(n.optimizer.learningRate)}`];
  if (n.optimizer.name === 'momentum') optArgs.push(`momentum=${num(n.optimizer.momentum)}`);
  const optCode = `tf.keras.optimizers.${keras(KERAS_OPTIMIZERS, n.optimizer.name, 'optimizer')}(${optArgs.join(', ')})`;
  if (n.fromLogits && n.layers[n.layers.length - 1].activation !== 'linear')
    L.push('# Note: from_logits=True expects the output layer to give logits (activation \'linear\').');
  L.push('model.compile(');
  L.push(`    loss=${lossCode},`);
  L.push(`    optimizer=${optCode},`);
  if (n.accuracy) L.push("    metrics=['accuracy'],");
  L.push(')');
  L.push('model.summary()');
  L.push('');
  L.push('# ---- training: one gradient step per batch, every example seen once per epoch ----');
  L.push(`model.fit(X, y, epochs=${n.epochs}, batch_size=${n.batchSize})`);
  L.push('');
  L.push('# To start from the playground\'s current weights instead, take W1, b1, ... from');
  L.push('# the NumPy tab and call model.set_weights([W1, b1, W2, b2, ...]) before fit().');
  L.push('');
  L.push('# ---- predictions for new points ----');
  L.push(`new_points = np.array(${examplePoints(n, 2)}, dtype=np.float32)${inputUnits(n) ? '  #' + inputUnits(n) : ''}`);
  L.push(`print(model.predict(features(${n.normalization ? 'normalize(new_points).numpy()' : 'new_points'})))  # ${outputMeaning(n)}`);
  return L.join('\n') + '\n';
}
