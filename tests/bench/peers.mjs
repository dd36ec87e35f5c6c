// The JavaScript peers of the wasm benchmark (bench_wasm.mjs): brain.js 1.6.1,
// ConvNetJS 0.3.0 and TensorFlow.js 4.22 (cpu and wasm backends), each driven
// through its own public API on the workloads' data, from nnplay's initial weights.
//
// Every peer has the same shape: { name, note(w), train(w, data, weights, epochScale) -> {ms, loss},
// gridFrame(w, weights, points) -> frame() -> Float32Array of the class-1 outputs }, where
//   data    = { x: Float32Array [n*2], y: Float32Array [n] (0/1 or class index), n }
//   weights = [{ values: Float32Array, shape }] in Keras order: kernel [in, units], bias [units], per layer
// note(w) says where the peer's algorithm differs from nnplay's on workload w, and
// epochScale > 1 (--quick) runs epochs / epochScale and scales the time back.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const time = async (fn) => { const t0 = performance.now(); await fn(); return performance.now() - t0; };

const outputsOf = (w) => (w.classes === 2 ? 1 : w.classes);
const scaledRun = (w, epochScale) => {
  const epochs = Math.max(1, Math.round(w.epochs / epochScale));
  return { epochs, scale: w.epochs / epochs, scaledFrom: epochs < w.epochs ? epochs : undefined };
};
const oneHot = (label, classes) => Array.from({ length: classes }, (_, c) => (c === label ? 1 : 0));

// Layer l's kernel value for input k, unit u (Keras layout [in, units], row-major).
const kernelAt = (weights, l, k, u) => weights[2 * l].values[k * weights[2 * l].shape[1] + u];
const biasAt = (weights, l, u) => weights[2 * l + 1].values[u];

// A seeded order for peers whose training loop we drive (mulberry32 + Fisher-Yates).
function shuffler(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6D2B79F5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (order) => {
    for (let i = order.length - 1; i > 0; --i) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
  };
}

// ---- brain.js 1.6.1: NeuralNetwork (CPU; its dependency gpu.js 1.x is plain JS) ---------------
export function brainPeer() {
  const brain = require('brain.js');
  const make = (w, weights) => {
    const net = new brain.NeuralNetwork({
      hiddenLayers: w.hidden,
      activation: w.activation,  // one activation for every layer, the output layer too
      ...(w.optimizer === 'adam' ? { praxis: 'adam' } : {}),
    });
    net.sizes = [2, ...w.hidden, outputsOf(w)];
    net.initialize();
    // brain.js keeps weights[layer][unit][input]: the transpose of Keras's kernel.
    for (let l = 1; l < net.sizes.length; ++l)
      for (let u = 0; u < net.sizes[l]; ++u) {
        for (let k = 0; k < net.sizes[l - 1]; ++k) net.weights[l][u][k] = kernelAt(weights, l - 1, k, u);
        net.biases[l][u] = biasAt(weights, l - 1, u);
      }
    return net;
  };
  return {
    name: 'brain.js',
    note: (w) => `per-sample updates (batch 1, not ${w.batch}), data in fixed order, ${w.activation} on the output layer too, ` +
      `MSE-style delta (no ${w.classes === 2 ? 'BCE' : 'softmax/CCE'})` +
      (w.optimizer === 'adam' ? ', its own Adam (praxis: adam)' : ', SGD with momentum 1e-300 (it rejects 0)'),
    async train(w, data, weights, epochScale = 1) {
      const { epochs, scale, scaledFrom } = scaledRun(w, epochScale);
      const samples = [];
      for (let i = 0; i < data.n; ++i)
        samples.push({ input: [data.x[2 * i], data.x[2 * i + 1]], output: w.classes === 2 ? [data.y[i]] : oneHot(data.y[i], w.classes) });
      const net = make(w, weights);
      let status;
      const ms = await time(() => {
        status = net.train(samples, {
          iterations: epochs, errorThresh: Number.MIN_VALUE, learningRate: w.lr, momentum: 1e-300, timeout: Infinity, log: false,
        });
      });
      if (status.iterations !== epochs) throw new Error(`brain.js stopped after ${status.iterations} of ${epochs} epochs`);
      return { ms: ms * scale, loss: status.error, lossName: 'its MSE', scaledFrom };
    },
    gridFrame(w, weights, points) {
      const net = make(w, weights);
      const inputs = [];
      for (let i = 0; i < points.length / 2; ++i) inputs.push([points[2 * i], points[2 * i + 1]]);
      const out = new Float32Array(inputs.length);
      return () => { for (let i = 0; i < inputs.length; ++i) out[i] = net.run(inputs[i])[0]; return out; };
    },
  };
}

// ---- ConvNetJS 0.3.0: Net + Trainer, one sample per train() call ------------------------------
export function convnetPeer() {
  const convnetjs = require('convnetjs');
  const make = (w, weights) => {
    const defs = [{ type: 'input', out_sx: 1, out_sy: 1, out_depth: 2 }];
    for (const units of w.hidden) defs.push({ type: 'fc', num_neurons: units, activation: w.activation });
    // No sigmoid + BCE: two classes are a 2-way softmax. Class 0's logit starts at
    // zero weights, so softmax(0, z)[1] = sigmoid(z): the same initial function.
    defs.push({ type: 'softmax', num_classes: Math.max(2, w.classes) });
    const net = new convnetjs.Net();
    net.makeLayers(defs);
    const dense = net.layers.filter((layer) => layer.layer_type === 'fc');
    dense.forEach((layer, l) => {
      const binaryOut = w.classes === 2 && l === dense.length - 1;
      for (let u = 0; u < layer.out_depth; ++u) {
        const source = binaryOut ? u - 1 : u;  // binary: unit 0 = zeros, unit 1 = nnplay's unit
        for (let k = 0; k < layer.num_inputs; ++k) layer.filters[u].w[k] = source < 0 ? 0 : kernelAt(weights, l, k, source);
        layer.biases.w[u] = source < 0 ? 0 : biasAt(weights, l, source);
      }
    });
    return net;
  };
  const vol = (x0, x1) => { const v = new convnetjs.Vol(1, 1, 2, 0.0); v.w[0] = x0; v.w[1] = x1; return v; };
  return {
    name: 'ConvNetJS',
    note: (w) => `per-sample forward/backward, gradients summed over ${w.batch} then averaged; ` +
      (w.classes === 2 ? 'a 2-way softmax + cross-entropy in place of sigmoid + BCE (one extra output unit); ' : '') +
      (w.optimizer === 'adam' ? 'adagrad (0.3.0 has no Adam)' : 'SGD, momentum 0') +
      (w.points % w.batch ? `; batches run across epoch ends (${w.points} is not a multiple of ${w.batch})` : ''),
    async train(w, data, weights, epochScale = 1) {
      const { epochs, scale, scaledFrom } = scaledRun(w, epochScale);
      const net = make(w, weights);
      const trainer = new convnetjs.Trainer(net, {
        method: w.optimizer === 'adam' ? 'adagrad' : 'sgd', learning_rate: w.lr, batch_size: w.batch, momentum: 0, l2_decay: 0,
      });
      const vols = [], labels = [];
      for (let i = 0; i < data.n; ++i) { vols.push(vol(data.x[2 * i], data.x[2 * i + 1])); labels.push(data.y[i]); }
      const order = Array.from({ length: data.n }, (_, i) => i);
      const shuffle = shuffler(1);
      let loss = 0;
      const ms = await time(() => {
        for (let e = 0; e < epochs; ++e) {
          shuffle(order);
          loss = 0;
          for (const i of order) loss += trainer.train(vols[i], labels[i]).cost_loss;
        }
      });
      return { ms: ms * scale, loss: loss / data.n, lossName: 'cross-entropy', scaledFrom };
    },
    gridFrame(w, weights, points) {
      const net = make(w, weights);
      const vols = [];
      for (let i = 0; i < points.length / 2; ++i) vols.push(vol(points[2 * i], points[2 * i + 1]));
      const out = new Float32Array(vols.length);
      return () => { for (let i = 0; i < vols.length; ++i) out[i] = net.forward(vols[i], false).w[1]; return out; };
    },
  };
}

// ---- TensorFlow.js 4.22 Layers API, on the cpu or wasm backend -------------------------------
export async function tfjsPeers() {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  const tfl = await import('@tensorflow/tfjs-layers');
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  // Load the backend's .wasm files from node_modules (no network).
  setWasmPaths(require.resolve('@tensorflow/tfjs-backend-wasm/package.json').replace(/package\.json$/, 'dist/'));

  const make = (w, weights) => {
    const model = tfl.sequential();
    w.hidden.forEach((units, i) => model.add(tfl.layers.dense({ units, activation: w.activation, ...(i === 0 ? { inputShape: [2] } : {}) })));
    model.add(tfl.layers.dense(w.classes === 2 ? { units: 1, activation: 'sigmoid' } : { units: w.classes, activation: 'softmax' }));
    model.compile({ optimizer: tf.train[w.optimizer](w.lr), loss: w.classes === 2 ? 'binaryCrossentropy' : 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    model.setWeights(weights.map((t) => tf.tensor(t.values, t.shape)));
    return model;
  };
  const peer = (backend) => ({
    name: `tfjs-${backend}`,
    note: () => 'same algorithm (Keras semantics; shuffled batches)',
    async use() { await tf.setBackend(backend); await tf.ready(); },
    async train(w, data, weights, epochScale = 1) {
      const { epochs, scale, scaledFrom } = scaledRun(w, epochScale);
      const x = tf.tensor2d(data.x, [data.n, 2]), y = tf.tensor2d(data.y, [data.n, 1]);
      const model = make(w, weights);
      let loss;
      const ms = await time(async () => { loss = (await model.fit(x, y, { epochs, batchSize: w.batch, shuffle: true, verbose: 0 })).history.loss.at(-1); });
      model.dispose();
      tf.dispose([x, y]);
      return { ms: ms * scale, loss, lossName: 'same loss', scaledFrom };
    },
    gridFrame(w, weights, points) {
      const model = make(w, weights);
      const grid = tf.tensor2d(points, [points.length / 2, 2]);
      // One batch for the whole grid: tfjs's default predict batch (32) would cost ~300 batch overheads.
      return () => { const p = model.predict(grid, { batchSize: points.length / 2 }); const out = p.dataSync(); p.dispose(); return out; };
    },
  });
  return [peer('cpu'), peer('wasm')];
}
