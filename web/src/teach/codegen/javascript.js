// The Code view's nnplay JavaScript generator: the network in nnplay's own
// TF.js-style API (data, features, nn.sequential(...), compile(), fit()).

import { normalizeDescription } from './describe.js';
import { num, float32Text, jsFeatureArray, numClasses, alignComments, outputMeaning, layerRole, inputUnits, examplePoints } from './text.js';


/**
 * The network as nnplay JavaScript (the TF.js-style API): data, features,
 * nn.sequential(...), compile() and fit(). An ES module (top-level await).
 * @param {NetworkDescription} desc
 * @returns {string}
 */
export function generateJs(desc) {
  const n = normalizeDescription(desc);
  const L = [];
  const K = numClasses(n);
  const d = n.dataset;

  L.push("// The playground's network in nnplay's JavaScript API (TensorFlow.js Layers style).");
  L.push('// Layer l computes, for each of its neurons j:');
  L.push('//     z_j^[l] = w_j^[l] · a^[l-1] + b_j^[l]     a_j^[l] = g(z_j^[l])');
  L.push("// where a^[0] is the vector of input features and g the layer's activation.");
  L.push("import { loadNnplay } from 'nnplay';");
  L.push('');
  L.push('const nn = await loadNnplay();');
  L.push('');
  L.push('// ---- the data: a playground data set (or nn.csv.parse(text) for your own x1,x2,label rows) ----');
  const opts = [`n: ${d.n}`, `noise: ${num(d.noise)}`, `seed: ${d.seed}`];
  if (d.classes !== null) opts.push(`classes: ${d.classes}`);
  L.push(`const data = nn.datasets.make('${d.name}', { ${opts.join(', ')} });`);
  L.push(`const features = ${jsFeatureArray(n)};${inputUnits(n) ? '  //' + inputUnits(n) : ''}`);
  if (n.normalization) {
    const z = n.normalization;
    L.push('// input normalization (z-score) with the playground\'s training-set mean and std, before the features');
    L.push(`const mean = [${z.mean.map(float32Text).join(', ')}], std = [${z.std.map(float32Text).join(', ')}];`);
    L.push('const normalize = (points) => points.map(([a, b]) => [(a - mean[0]) / std[0], (b - mean[1]) / std[1]]);');
    L.push(`const x = nn.features.transform(normalize(data.x.arraySync()), features);  // a^[0] for every point: shape [m, ${n.inputDim}]`);
  } else {
    L.push(`const x = nn.features.transform(data.x, features);  // a^[0] for every point: shape [m, ${n.inputDim}]`);
  }
  if (n.loss === 'categoricalCrossentropy') {
    L.push(`// one-hot rows: class c -> 1 at index c of ${K}`);
    L.push(`const y = Array.from(data.y.dataSync(), (c) => Array.from({ length: ${K} }, (_, k) => (k === c ? 1 : 0)));`);
  } else if (n.loss === 'meanSquaredError') {
    L.push('const y = data.y;  // the target value of each point');
  } else if (n.loss === 'sparseCategoricalCrossentropy') {
    L.push('const y = data.y;  // class indices 0, 1, ...');
  } else {
    L.push('const y = data.y;  // class 0 or 1');
  }
  L.push('');
  L.push('// ---- the model ----');
  const seedPart = n.seed !== null ? `seed: ${n.seed}, ` : '';
  L.push(`const model = nn.sequential({ ${seedPart}layers: [`);
  const rows = n.layers.flatMap((l, i) => {
    const args = [`units: ${l.units}`, `activation: '${l.activation}'`];
    if (i === 0) args.push(`inputShape: [${n.inputDim}]`);
    if (l.kernelInitializer !== 'glorotUniform') args.push(`kernelInitializer: '${l.kernelInitializer}'`);
    if (l.l1 > 0 && l.l2 > 0) args.push(`kernelRegularizer: nn.regularizers.l1l2({ l1: ${num(l.l1)}, l2: ${num(l.l2)} })`);
    else if (l.l1 > 0) args.push(`kernelRegularizer: nn.regularizers.l1({ l1: ${num(l.l1)} })`);
    else if (l.l2 > 0) args.push(`kernelRegularizer: nn.regularizers.l2({ l2: ${num(l.l2)} })`);
    const last = i === n.layers.length - 1;
    const dense = [`nn.layers.dense({ ${args.join(', ')} }),`,
      `layer ${i + 1} (${layerRole(n, i)}): a^[${i + 1}]${last ? `, ${outputMeaning(n)}` : ''}`];
    return l.dropout > 0
      ? [dense, [`nn.layers.dropout({ rate: ${num(l.dropout)} }),`, `drops ${num(l.dropout * 100)}% of a^[${i + 1}] while training only`]]
      : [dense];
  });
  L.push(...alignComments(rows, '  ', '//'));
  L.push('] });');
  L.push('');
  const lr = num(n.optimizer.learningRate);
  const opt = n.optimizer.name === 'momentum' ? `nn.train.momentum(${lr}, ${num(n.optimizer.momentum)})`
    : `nn.train.${n.optimizer.name}(${lr})`;
  const compileArgs = [`optimizer: ${opt}`, `loss: '${n.loss}'`];
  if (n.fromLogits) compileArgs.push('fromLogits: true');
  if (n.accuracy) compileArgs.push("metrics: ['accuracy']");
  L.push('model.compile({');
  for (const a of compileArgs) L.push(`  ${a},`);
  L.push('});');
  L.push('model.summary();');
  L.push('');
  L.push('// ---- training: one gradient step per batch, every example seen once per epoch ----');
  L.push(`const history = await model.fit(x, y, { epochs: ${n.epochs}, batchSize: ${n.batchSize} });`);
  L.push("console.log('loss after training:', history.history.loss.at(-1));");
  L.push('');
  L.push('// ---- predictions for new points ----');
  const points = examplePoints(n, 2, false);
  L.push(`model.predict(nn.features.transform(${n.normalization ? `normalize(${points})` : points}, features)).print();  // ${outputMeaning(n)}`);
  return L.join('\n') + '\n';
}
