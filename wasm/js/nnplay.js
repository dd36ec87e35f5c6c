// nnplay's JavaScript API: `const nn = await loadNnplay()` gives a TensorFlow.js
// Layers-style namespace (sequential, layers.dense, train.*, models.fromJSON,
// tensor2d, ...) plus the playground's fast paths (datasets, features, CSV), all
// over the C++ engine compiled to WebAssembly (wasm/bindings.cpp).
// Works in Node 20, on a browser page and in (module) workers.
import { Tensor, makeTensor, toArrayData, toMatrix, describe, isTensorLike } from './tensor.js';
import { Sequential, DenseSpec, layerFactory, DivergedError, regularizers, train, checkKeys, intArg, numArg, strArg, seedArg, layerName } from './model.js';

export { Tensor, Sequential, DivergedError };

const isNode = typeof process === 'object' && process !== null && typeof process.versions === 'object' &&
  typeof process.versions.node === 'string' && typeof window === 'undefined';

/**
 * Loads and instantiates the wasm engine; resolves to the `nn` namespace.
 * Each call makes an independent instance (its own wasm heap).
 * @param {object} [options]
 * @param {boolean} [options.singleFile] use nnplay-core-single.mjs (wasm embedded as base64;
 *   no separate .wasm request — for hosts that cannot serve it)
 * @param {ArrayBuffer|Uint8Array} [options.wasmBinary] the bytes of nnplay-core.wasm, if you have them
 * @param {(file: string, prefix: string) => string} [options.locateFile] where to fetch nnplay-core.wasm from
 *   (default: next to nnplay-core.mjs)
 */
export async function loadNnplay(options = {}) {
  checkKeys(options, ['singleFile', 'wasmBinary', 'locateFile'], 'loadNnplay');
  const moduleArgs = {};
  let factory;
  if (options.singleFile) {
    // A URL, not './nnplay-core-single.mjs': bundlers leave it alone, so bundles of
    // this file (the page's worker, <nn-playground>, a user's app) do not carry the
    // ~700 KB single-file glue when they never ask for it.
    const single = new URL('./nnplay-core-single.mjs', import.meta.url).href;
    factory = (await import(/* webpackIgnore: true */ /* @vite-ignore */ single)).default;
  } else {
    factory = (await import('./nnplay-core.mjs')).default;
    if (options.wasmBinary) moduleArgs.wasmBinary = options.wasmBinary;
    else if (isNode) {
      // The web/worker build fetches its .wasm, which Node 20 cannot do for file: URLs.
      // Assembled at run time: a literal 'node:fs/promises' (even in a variable, which
      // minifiers inline) makes browser bundlers fail on bundles of this file.
      const fsName = ['node:fs', 'promises'].join('/');
      const fs = await import(/* webpackIgnore: true */ /* @vite-ignore */ fsName);
      moduleArgs.wasmBinary = await fs.readFile(new URL('./nnplay-core.wasm', import.meta.url));
    }
    if (options.locateFile) moduleArgs.locateFile = options.locateFile;
  }
  const core = await factory(moduleArgs);
  return createNamespace(core);
}

function createNamespace(core) {
  const flagIndex = core.errorFlagAddress() >> 2;
  // Every binding records C++ exceptions instead of throwing through wasm (see
  // bindings.cpp); this turns a recorded one into a JS Error after the call.
  const checked = (result) => {
    if (core.HEAP32[flagIndex] !== 0) {
      const e = core.takeError();
      throw e.diverged ? new DivergedError(e.message, e.epoch, e.batch) : new Error(e.message);
    }
    return result;
  };

  const featureMask = (features) => {
    if (typeof features === 'number') return intArg(features, 'features mask', 1, 0x7f);
    const list = Array.isArray(features) ? features.join(',') : strArg(features, 'features');
    return checked(core.parseFeatures(list));
  };

  // Every size limit of the engine (nnplay/limits.hpp), read once.
  const limits = Object.freeze(checked(core.limits()));
  // A text that is to cross into the wasm heap: refused in JS when it is longer
  // than the limit, before Embind copies it (the heap never shrinks). A JS string
  // has at most as many UTF-16 units as its UTF-8 bytes; the engine checks bytes.
  const textArg = (text, max, what) => {
    strArg(text, what);
    if (text.length > max) throw new Error(`${what} has ${text.length} characters; the limit is ${max}`);
    return text;
  };

  const ctx = { core, checked, featureMask, limits };
  const datasetInfo = checked(core.datasetNames());
  // The engine's vocabularies (names in its order; datasets with their metadata).
  const tables = checked(core.engineTables());
  const frozenNames = (list) => Object.freeze(list.slice());

  // ---- layers: one factory per type the engine registers (Dense keeps TF.js's options) ----
  const layerTypes = checked(core.layerTypes());
  const layers = {};
  for (const type of layerTypes) layers[type.name] = type.name === 'dense' ? (config) => new DenseSpec(config, limits) : layerFactory(type, limits);

  // ---- datasets -----------------------------------------------------------------------
  /** A data set: x [n, 2] (or [n, features]), y [n, 1] class indices or real targets. */
  class Dataset {
    constructor(d) {
      this.x = new Tensor(d.x, [d.n, d.x.length / Math.max(d.n, 1)]);
      this.y = new Tensor(d.y, [d.n, 1]);
      this.n = d.n;
      this.problem = d.regression ? 'regression' : 'classification';
      this.classes = d.classes;
    }
    get regression() { return this.problem === 'regression'; }
  }
  const rawDataset = (data, what) => {
    if (!(data instanceof Dataset)) throw new Error(`${what}: expected a dataset from nn.datasets.* or nn.csv.parse, got ${describe(data)}`);
    return { x: data.x.dataSync(), y: data.y.dataSync(), n: data.n, regression: data.regression, classes: data.classes };
  };
  const make = (name, opts) => {
    checkKeys(opts, ['n', 'count', 'points', 'noise', 'seed', 'classes'], `datasets.${name}`);
    const o = opts ?? {};
    const n = o.n ?? o.count ?? o.points ?? 500;
    return new Dataset(checked(core.makeDataset(strArg(name, 'dataset name'), intArg(n, `datasets.${name}: n`, 0),
      numArg(o.noise ?? 0, `datasets.${name}: noise`), seedArg(o.seed ?? 1, `datasets.${name}: seed`),
      intArg(o.classes ?? 2, `datasets.${name}: classes`, 0))));
  };
  const split = (data, ratio = 0.8, seed = 1) => {
    if (ratio !== null && typeof ratio === 'object') {  // split(data, {trainRatio, seed})
      checkKeys(ratio, ['trainRatio', 'seed'], 'datasets.split');
      seed = ratio.seed ?? 1;
      ratio = ratio.trainRatio ?? 0.8;
    }
    const d = rawDataset(data, 'datasets.split');
    const s = checked(core.splitDataset(d.x, d.y, d.n, d.regression, d.classes, numArg(ratio, 'datasets.split: trainRatio'),
      seedArg(seed, 'datasets.split: seed')));
    return { train: new Dataset(s.train), test: new Dataset(s.test) };
  };
  // fromArrays(x [n, 2], y [n] or [n, 1], {problem}) -> Dataset: points a user
  // made or edited, so they can use split and csv.format like generated ones.
  const fromArrays = (x, y, opts) => {
    checkKeys(opts, ['problem'], 'datasets.fromArrays');
    const problem = opts?.problem ?? 'classification';
    if (problem !== 'classification' && problem !== 'regression')
      throw new Error(`datasets.fromArrays: problem must be 'classification' or 'regression', got ${describe(problem)}`);
    const xm = toMatrix(x, 'datasets.fromArrays: x');
    if (xm.cols !== 2) throw new Error(`datasets.fromArrays: x must have 2 columns (x1, x2), got shape [${xm.rows}, ${xm.cols}]`);
    const ym = toMatrix(y, 'datasets.fromArrays: y', 'column');
    if (ym.cols !== 1 || ym.rows !== xm.rows)
      throw new Error(`datasets.fromArrays: y must have shape [${xm.rows}] or [${xm.rows}, 1], got [${ym.rows}, ${ym.cols}]`);
    let classes = 0;
    for (let i = 0; i < ym.rows; ++i) {
      const v = ym.values[i], u = xm.values[2 * i], w = xm.values[2 * i + 1];
      if (!Number.isFinite(v) || !Number.isFinite(u) || !Number.isFinite(w))
        throw new Error(`datasets.fromArrays: row ${i} contains NaN or Infinity`);
      if (problem === 'classification') {
        if (!Number.isInteger(v) || v < 0) throw new Error(`datasets.fromArrays: row ${i}: class ${v} is not an integer >= 0`);
        classes = Math.max(classes, v + 1);
      }
    }
    return new Dataset({ x: Float32Array.from(xm.values), y: Float32Array.from(ym.values), n: xm.rows,
                         regression: problem === 'regression', classes: problem === 'regression' ? 0 : Math.max(2, classes) });
  };
  const datasets = {
    /** Names of the generators, e.g. ['circle', 'xor', ...]. */
    names: datasetInfo.map((d) => d.name),
    isRegression: (name) => {
      const found = datasetInfo.find((d) => d.name.toLowerCase() === String(name).toLowerCase());
      if (!found) throw new Error(`unknown dataset ${describe(name)}; expected one of: ${datasets.names.join(', ')}`);
      return found.regression;
    },
    /** Each generator's metadata: [{name, regression, usesClasses}] (usesClasses: honours `classes`). */
    info: Object.freeze(tables.datasets.map((d) => Object.freeze({ ...d }))),
    /** make(name, {n, noise, seed, classes}) -> Dataset. */
    make,
    /** split(data, trainRatio = 0.8, seed = 1) -> {train, test} (seeded shuffle, then split). */
    split,
    trainTestSplit: split,
    fromArrays,
  };
  for (const { name } of datasetInfo) datasets[name] = (opts) => make(name, opts);

  // ---- features ---------------------------------------------------------------------------
  const features = {
    /** In bit order: x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2). */
    names: checked(core.featureNames()),
    /** 'x1,x2' or ['x1', 'x2'] -> bit mask. */
    mask: featureMask,
    count: (spec) => { let m = featureMask(spec), c = 0; for (; m; m &= m - 1) ++c; return c; },
    /** transform(x [n, 2] or a Dataset, features) -> Tensor [n, count]. */
    transform: (x, spec) => {
      const raw = x instanceof Dataset ? x.x : x;
      const m = toMatrix(raw, 'features.transform: x');
      if (m.cols !== 2) throw new Error(`features.transform: x must have 2 columns (x1, x2), got shape [${m.rows}, ${m.cols}]`);
      const mask = featureMask(spec);
      const out = checked(core.transformFeatures(m.values, m.rows, mask));
      return new Tensor(out, [m.rows, out.length / Math.max(m.rows, 1)]);
    },
  };

  // ---- CSV -----------------------------------------------------------------------------------
  const csv = {
    /** parse(text, {problem: 'classification' | 'regression', maxRows}) -> Dataset (x1,x2,label rows). */
    parse: (text, opts) => {
      checkKeys(opts, ['problem', 'maxRows'], 'csv.parse');
      const o = opts ?? {};
      const problem = o.problem ?? 'classification';
      if (problem !== 'classification' && problem !== 'regression')
        throw new Error(`csv.parse: problem must be 'classification' or 'regression', got ${describe(problem)}`);
      return new Dataset(checked(core.parseCsv(textArg(text, limits.maxCsvBytes, 'csv.parse: text'), problem === 'regression',
        intArg(o.maxRows ?? limits.maxCsvRows, 'csv.parse: maxRows', 1, limits.maxCsvRows))));
    },
    /** format(dataset) -> "x1,x2,label\n..." (round-trips through parse). */
    format: (data) => {
      const d = rawDataset(data, 'csv.format');
      return checked(core.toCsv(d.x, d.y, d.n, d.regression, d.classes));
    },
  };

  // ---- models ---------------------------------------------------------------------------------
  const sequential = (config) => {
    checkKeys(config, ['seed', 'layers', 'name'], 'sequential');
    const c = config ?? {};
    const seed = c.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : seedArg(c.seed);
    const model = new Sequential(ctx, { seed, name: c.name == null ? undefined : layerName(c.name, 'sequential: name') });
    const layers = c.layers ?? [];
    if (!Array.isArray(layers)) throw new Error(`sequential: layers must be an array, got ${describe(layers)}`);
    try {
      for (const layer of layers) model.add(layer);
    } catch (e) {
      model.dispose();
      throw e;
    }
    return model;
  };

  // A model file: the engine reads and checks everything (architecture, layer
  // names, weights, optimizer state, where training stood).
  const fromJSON = (json) => {
    if (json === null || (typeof json !== 'string' && typeof json !== 'object'))
      throw new Error(`models.fromJSON: expected a JSON string or object from model.toJSON(), got ${describe(json)}`);
    const text = textArg(typeof json === 'string' ? json : JSON.stringify(json), limits.maxJsonBytes, 'models.fromJSON: the model JSON');
    const handle = new core.Core();
    try {
      checked(handle.loadJSON(text));
    } catch (e) {
      handle.delete();
      throw e;
    }
    return new Sequential(ctx, { core: handle });
  };

  return {
    version: '0.1.0',
    sequential,
    /** nn.layers.dense({units, activation, ...}), nn.layers.dropout({rate, seed}), ... */
    layers,
    /** The engine's layer types and their settings (names, kinds, defaults, ranges). */
    layerTypes,
    regularizers,
    train,
    models: { fromJSON },
    tensor: (values, shape) => makeTensor(values, shape, 'tensor'),
    tensor1d: (values) => {
      const t = makeTensor(values, undefined, 'tensor1d');
      if (t.rank !== 1) throw new Error(`tensor1d: values must be 1-D, got shape [${t.shape}]`);
      return t;
    },
    tensor2d: (values, shape) => {
      const t = makeTensor(values, shape, 'tensor2d');
      if (t.rank !== 2) throw new Error(`tensor2d: needs a 2-D shape [rows, cols] or nested rows, got shape [${t.shape}]`);
      return t;
    },
    scalar: (value) => makeTensor(numArg(value, 'scalar'), [], 'scalar'),
    datasets,
    features,
    /** The engine's activation, loss, optimizer and initializer names (canonical, tfjs spelling). */
    activations: { names: frozenNames(tables.activations) },
    losses: { names: frozenNames(tables.losses) },
    optimizers: { names: frozenNames(tables.optimizers) },
    initializers: { names: frozenNames(tables.initializers) },
    csv,
    /**
     * The engine's size limits: maxRows, maxFeatures, maxUnits, maxLayers,
     * maxParameters, maxElements (floats in one buffer), maxGridRes,
     * maxDatasetPoints, maxCsvRows, maxCsvLineBytes, maxCsvBytes, maxJsonBytes.
     */
    limits,
    DivergedError,
    Tensor,
    isTensor: isTensorLike,
    /**
     * This instance's memory: allocatedBytes (malloc'd and live in the wasm heap),
     * heapBytes (wasm memory size), jsHandles (JS objects held by Embind for C++).
     */
    memory: () => ({ ...core.heapInfo(), jsHandles: typeof core.count_emval_handles === 'function' ? core.count_emval_handles() : NaN }),
    /** @internal tests only: makes this module trap (it is unusable afterwards) */
    _debugTrap: () => core.debugTrap(),
    /** @internal for tests: raw array conversion */
    _toArrayData: toArrayData,
  };
}
