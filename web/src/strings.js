// Every string the page shows, in one table per language, so views never
// hard-code text and a second language is one more table (issue 6).
// Placeholders are {name}; t() fills them. Values are plain text: views insert
// them with textContent, never as HTML.

export const STRINGS = {
  en: {
    'app.title': 'nnplay',
    'app.tagline': 'Train a real neural network in your browser',
    'app.loading': 'Loading the engine…',
    'app.engineFailed': 'The training engine could not start: {message}',

    'toolbar.reset': 'Reset the network',
    'toolbar.play': 'Train',
    'toolbar.pause': 'Pause',
    'toolbar.stepEpoch': 'Step one epoch',
    'toolbar.stepBatch': 'Step one batch',
    'toolbar.epoch': 'Epoch',

    'control.learningRate': 'Learning rate',
    'control.activationAll': 'Activation (all layers)',
    'control.optimizer': 'Optimizer',
    'control.batchSize': 'Batch size',
    'control.regularization': 'Regularization',
    'control.regRate': 'Regularization rate',
    'control.initializer': 'Initializer',
    'control.seed': 'Seed',
    'control.speed': 'Speed',
    'control.epochs': 'Stop after',
    'control.epochsNever': 'never',
    'control.epochsSuffix': 'epochs',
    'control.problem': 'Problem',

    'speed.value': '{n} epoch/frame',
    'speed.max': 'as fast as possible',

    'problem.classification': 'Classification',
    'problem.multiclass': 'Classification, {k} classes',
    'problem.regression': 'Regression',

    'regularization.none': 'None',
    'regularization.l1': 'L1',
    'regularization.l2': 'L2',

    'optimizer.sgd': 'SGD',
    'optimizer.momentum': 'Momentum',
    'optimizer.rmsprop': 'RMSprop',
    'optimizer.adam': 'Adam',

    'activation.linear': 'Linear',
    'activation.sigmoid': 'Sigmoid',
    'activation.tanh': 'Tanh',
    'activation.relu': 'ReLU',
    'activation.softmax': 'Softmax',

    'initializer.glorotUniform': 'Glorot uniform',
    'initializer.glorotNormal': 'Glorot normal',
    'initializer.heUniform': 'He uniform',
    'initializer.heNormal': 'He normal',
    'initializer.lecunUniform': 'LeCun uniform',
    'initializer.zeros': 'Zeros',

    'loss.binaryCrossentropy': 'binary cross-entropy',
    'loss.sparseCategoricalCrossentropy': 'sparse categorical cross-entropy',
    'loss.meanSquaredError': 'mean squared error',

    'data.title': 'Data',
    'data.which': 'Which dataset do you want to use?',
    'data.classes': 'Classes',
    'data.trainRatio': 'Ratio of training to test data',
    'data.noise': 'Noise',
    'data.points': 'Points',
    'data.regenerate': 'Regenerate',
    'data.custom': 'Your own data ({n} points). It is not part of the link.',
    'data.edit': 'Edit the data',
    'data.addHelp': 'Click the output plot to add a point of the chosen class. Shift-click: the other class. Right-click, or hover and press Delete: remove the nearest point.',
    'data.addHelpRegression': 'Click the output plot to add a point with the chosen value. Shift-click: the opposite value. Right-click, or hover and press Delete: remove the nearest point.',
    'data.addClass': 'Class to add',
    'data.addValue': 'Value to add',
    'data.csv': 'CSV (x1,x2,label)',
    'data.csvPlaceholder': 'x1,x2,label\n-1.5,2.0,0\n3.1,-0.4,1',
    'data.csvLoad': 'Load CSV',
    'data.csvUpload': 'Upload CSV…',
    'data.csvDownload': 'Download CSV',
    'data.csvError': 'This CSV could not be used: {message}',
    'data.csvLoaded': 'Loaded {n} points ({problem}).',
    'data.csvTooLarge': 'The file is larger than {max} MB.',

    'dataset.circle': 'Circle',
    'dataset.xor': 'Exclusive or',
    'dataset.gauss': 'Two Gaussians',
    'dataset.spiral': 'Spiral',
    'dataset.moons': 'Moons',
    'dataset.blobs': 'Blobs',
    'dataset.plane': 'Plane (regression)',
    'dataset.multiGauss': 'Multi-Gaussian (regression)',

    'feature.x1': 'x₁',
    'feature.x2': 'x₂',
    'feature.x1^2': 'x₁²',
    'feature.x2^2': 'x₂²',
    'feature.x1*x2': 'x₁x₂',
    'feature.sin(x1)': 'sin x₁',
    'feature.sin(x2)': 'sin x₂',
    'features.title': 'Features',
    'features.help': 'Which properties do you want to feed in? Click to toggle.',
    'features.toggle': 'Use feature {name}',
    'features.atLeastOne': 'At least one feature must stay on.',

    'network.hiddenLayers': '{n} hidden layers',
    'network.hiddenLayer1': '1 hidden layer',
    'network.addLayer': 'Add a hidden layer',
    'network.removeLayer': 'Remove the last hidden layer',
    'network.addNeuron': 'Add a neuron to layer {l}',
    'network.removeNeuron': 'Remove a neuron from layer {l}',
    'network.neurons': '{n} neurons',
    'network.neuron1': '1 neuron',
    'network.layerActivation': 'Activation of layer {l}',
    'network.output': 'Output',
    'network.outputInfo': 'Output: {activation} · loss: {loss}',
    'network.params': '{n} parameters',
    'network.weight': 'Weight {value}  ({from} → {to}). Click to edit.',
    'network.bias': 'Bias {value}  ({to}). Click to edit.',
    'network.neuron': '{name}: hover to see its output on the plot',
    'network.neuronName': 'layer {l}, neuron {j}',
    'network.outputName': 'output neuron {j}',
    'network.edit': 'New value, then Enter',
    'network.editBad': 'Enter a finite number.',
    'network.showing': 'Showing {name}',

    'output.title': 'Output',
    'output.testLoss': 'Test loss',
    'output.trainLoss': 'Training loss',
    'output.testAccuracy': 'Test accuracy',
    'output.trainAccuracy': 'Training accuracy',
    'output.testR2': 'Test R²',
    'output.trainR2': 'Training R²',
    'output.logScale': 'Log scale',
    'output.lineTest': 'test',
    'output.lineTrain': 'training',
    'output.showTest': 'Show test data',
    'output.discretize': 'Discretize output',
    'output.exportPng': 'Heat map PNG',
    'output.exportModel': 'Export model',
    'output.importModel': 'Import model…',
    'output.chartLabel': 'Loss per epoch: training and test',
    'output.chartTip': 'epoch {epoch} · training {train} · test {test}',
    'output.heatmapLabel': 'Decision boundary over the input plane, with the data points',
    'output.legendClass': 'class {k}',
    'output.legendBinary': 'p(class 1)',
    'output.legendMulti': 'Colour: the most likely class; intensity: its probability.',
    'output.legendRegression': 'predicted value',
    'output.modelImported': 'Model imported.',
    'output.modelBad': 'This model file could not be used: {message}',

    'diverged.title': 'Training diverged',
    'diverged.body': 'The loss became NaN or infinite at epoch {epoch}, so training has paused. Try a lower learning rate (for example {suggest}), then press Reset.',
    'state.warning': 'Link setting ignored or adjusted: {message}',
    'state.notOneOf': '{name}: "{value}" is not one of {allowed}',
    'state.notBool': '{name}: "{value}" is not true or false',
    'state.notNumber': '{name}: "{value}" is not a number',
    'state.outOfRange': '{name}: {value} is outside {range}; using {used}',
    'state.tooMany': '{name}: at most {max} values; keeping the first {max}',
    'state.tooFew': '{name}: needs at least {min} valid value(s); using the default',
    'state.unknown': '"{name}" is not a setting',
    'state.dismiss': 'Dismiss',
  },
};

let language = 'en';

/** Sets the language used by t(); unknown languages fall back to English. */
export function setLanguage(lang) {
  language = STRINGS[lang] ? lang : 'en';
}

/** The string for `key` with {placeholders} filled from `params`. */
export function t(key, params = {}) {
  const table = STRINGS[language] || STRINGS.en;
  let text = table[key] ?? STRINGS.en[key];
  if (text === undefined) {
    // A missing key is a bug; show the key rather than nothing.
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}
