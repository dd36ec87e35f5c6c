// Type declarations of nnplay's JavaScript API (wasm/js/nnplay.js, model.js,
// tensor.js), copied to dist/index.d.ts by scripts/build.sh. Written by hand:
// tests/js/types.test.mjs fails when the runtime namespace has a name not declared here.

/**
 * nnplay: a C++/Eigen neural-network engine compiled to WebAssembly, with a
 * TensorFlow.js Layers-style API. Works in Node 20, on a page and in (module) workers.
 *
 * ```js
 * import { loadNnplay } from 'nnplay';
 * const nn = await loadNnplay();
 * const model = nn.sequential({ layers: [
 *   nn.layers.dense({ units: 8, activation: 'tanh', inputShape: [2] }),
 *   nn.layers.dense({ units: 1, activation: 'sigmoid' }),
 * ] });
 * model.compile({ optimizer: nn.train.adam(0.03), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
 * await model.fit([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0], { epochs: 300, batchSize: 4 });
 * model.predict([[1, 0]]).print();
 * ```
 * @packageDocumentation
 * @module nnplay
 */

// ---- loading ------------------------------------------------------------------------

/** Options of {@link loadNnplay}. */
export interface LoadOptions {
  /**
   * Use `nnplay-core-single.mjs` (the wasm embedded as base64; no separate
   * `.wasm` request) — for hosts that cannot serve the `.wasm` file.
   */
  singleFile?: boolean;
  /** The bytes of `nnplay-core.wasm`, if you have them (nothing is fetched then). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /**
   * Where to fetch `nnplay-core.wasm` from (default: next to `nnplay-core.mjs`),
   * e.g. `(file) => '/static/' + file` when a bundler moved the JS away from it.
   */
  locateFile?: (file: string, prefix: string) => string;
}

/**
 * Loads and instantiates the wasm engine; resolves to the {@link Nnplay} namespace.
 * Each call makes an independent instance (its own wasm heap).
 * In Node the `.wasm` file is read from the package; in a page it is fetched
 * from next to `nnplay-core.mjs`.
 * @throws Error when an option is unknown or the wasm cannot be loaded.
 */
export declare function loadNnplay(options?: LoadOptions): Promise<Nnplay>;

// ---- tensors ------------------------------------------------------------------------

/** Number of dimensions of a tensor. */
export type Rank = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** What {@link Tensor.arraySync} returns for each rank. */
export interface ArrayMap {
  0: number;
  1: number[];
  2: number[][];
  3: number[][][];
  4: number[][][][];
  5: number[][][][][];
  6: number[][][][][][];
}

/** Typed arrays nnplay accepts as values (converted to float32). */
export type TypedArray =
  | Float32Array | Float64Array | Int8Array | Int16Array | Int32Array
  | Uint8Array | Uint8ClampedArray | Uint16Array | Uint32Array;

/** Nested arrays of numbers (booleans count as 0/1), rows of equal length. */
export type NestedArray = readonly (number | boolean | TypedArray | NestedArray)[];

/**
 * Anything shaped like a tensor: nnplay {@link Tensor}s and TensorFlow.js
 * tensors (duck-typed: `.shape` and `.dataSync()`).
 */
export interface TensorLike {
  readonly shape: readonly number[];
  dataSync(): ArrayLike<number>;
  readonly isDisposed?: boolean;
}

/**
 * Every array input nnplay accepts: nested arrays, typed arrays (1-D), a number
 * (a scalar), nnplay Tensors and TensorFlow.js tensors.
 */
export type TensorInput = number | TypedArray | NestedArray | TensorLike;

/**
 * A read-only float32 array with a shape, shaped like a TensorFlow.js tensor.
 * Everything nnplay returns is a Tensor holding its own Float32Array (a copy,
 * never a view into wasm memory), so `dispose()` is optional.
 * @typeParam R the rank, when known (see {@link Tensor2D} and friends)
 */
export declare class Tensor<R extends Rank = Rank> {
  /**
   * @param values row-major values (kept, not copied)
   * @param shape the dimensions; their product must be `values.length`
   */
  constructor(values: Float32Array | Int32Array, shape: readonly number[]);
  /** The dimensions, e.g. `[4, 2]`. */
  readonly shape: number[];
  /** `'float32'`, or `'int32'` for counts and class indices ({@link Metrics.confusionMatrix}). */
  readonly dtype: 'float32' | 'int32';
  /** True after {@link Tensor.dispose}. */
  readonly isDisposed: boolean;
  /** Number of values (the product of the shape). */
  readonly size: number;
  /** Number of dimensions. */
  readonly rank: number;
  /** The values as a Float32Array (an Int32Array for int32; the tensor's own copy; like tfjs, do not mutate). */
  dataSync(): Float32Array;
  /** {@link Tensor.dataSync}, as a promise (TensorFlow.js shape). */
  data(): Promise<Float32Array>;
  /** The values as nested arrays following the shape (a number for a scalar). */
  arraySync(): ArrayMap[R];
  /** {@link Tensor.arraySync}, as a promise. */
  array(): Promise<ArrayMap[R]>;
  /**
   * A tensor with the same values and another shape of the same size.
   * @throws Error when the sizes differ.
   */
  reshape(shape: []): Scalar;
  reshape(shape: [number]): Tensor1D;
  reshape(shape: [number, number]): Tensor2D;
  reshape(shape: readonly number[]): Tensor;
  /** A copy with its own values. */
  clone(): Tensor<R>;
  /** Releases the values; later reads throw. nnplay tensors hold no wasm memory. */
  dispose(): void;
  /** `Tensor shape [2,1] [[0.1],[0.9]]` (long values are cut). */
  toString(): string;
  /** Prints {@link Tensor.toString} with console.log. */
  print(): void;
}
/** A rank-0 tensor (one number). */
export type Scalar = Tensor<0>;
/** A rank-1 tensor. */
export type Tensor1D = Tensor<1>;
/** A rank-2 tensor: rows are samples. */
export type Tensor2D = Tensor<2>;

// ---- vocabularies ----------------------------------------------------------------------
// Names are matched as Keras and TensorFlow.js spell them; case, '_' and '-' are
// ignored at run time. The types list the canonical names, Keras's snake_case
// spellings and the short aliases.

/** Activation functions of a Dense layer. */
export type ActivationName =
  | 'linear' | 'sigmoid' | 'tanh' | 'relu' | 'softmax' | 'leakyRelu' | 'elu' | 'leaky_relu';

/** Losses (`compile({loss})`). `fromLogits` computes the fused, stable form. */
export type LossName =
  | 'binaryCrossentropy' | 'meanSquaredError' | 'categoricalCrossentropy' | 'sparseCategoricalCrossentropy'
  | 'binary_crossentropy' | 'mean_squared_error' | 'categorical_crossentropy' | 'sparse_categorical_crossentropy'
  | 'bce' | 'mse' | 'cce' | 'scce';

/** Optimizers by name (their default settings); see {@link Nnplay.train} for settings. */
export type OptimizerName = 'sgd' | 'momentum' | 'rmsprop' | 'adam';

/** Weight initializers (`kernelInitializer`, `biasInitializer`). */
export type InitializerName =
  | 'glorotUniform' | 'glorotNormal' | 'heUniform' | 'heNormal' | 'lecunUniform' | 'zeros' | 'ones'
  | 'glorot_uniform' | 'glorot_normal' | 'he_uniform' | 'he_normal' | 'lecun_uniform';

/** Metrics nnplay computes (`compile({metrics})`). */
export type MetricName = 'accuracy' | 'acc';

/** The built-in 2-D data set generators. */
export type DatasetName = 'circle' | 'xor' | 'gauss' | 'spiral' | 'moons' | 'blobs' | 'and' | 'or' | 'coffeeRoasting' | 'plane' | 'multiGauss';

/** Input features computed from (x1, x2), in bit order. */
export type FeatureName = 'x1' | 'x2' | 'x1^2' | 'x2^2' | 'x1*x2' | 'sin(x1)' | 'sin(x2)';

/**
 * A feature selection: names (`['x1', 'x2']`), a comma-separated string
 * (`'x1,x2,x1*x2'`) or a bit mask (bit i = {@link Nnplay.features}.names[i]).
 */
export type FeatureSpec = readonly FeatureName[] | string | number;

// ---- layers, regularizers, optimizers ------------------------------------------------------

/** A kernel regularizer, as `tf.regularizers.l1/l2/l1l2`: `l1 * sum|W| + l2 * sum W^2` added to the loss. */
declare class Regularizer {
  private constructor();
  readonly l1: number;
  readonly l2: number;
  getConfig(): { l1: number; l2: number };
}
export type { Regularizer };

/** Anything with TensorFlow.js's initializer shape (`tf.initializers.heNormal()`); its class name is used. */
export interface InitializerLike {
  getClassName(): string;
}

/** Configuration of {@link Nnplay.layers}.dense, as `tf.layers.dense(config)`. */
export interface DenseLayerArgs {
  /** Number of neurons (1..100000). */
  units: number;
  /** Default `'linear'`. */
  activation?: ActivationName | null;
  /** `[features]`: required on the first layer (or `inputDim` / `batchInputShape`). */
  inputShape?: readonly [number] | readonly number[];
  /** The same as `inputShape: [inputDim]`. */
  inputDim?: number;
  /** `[null, features]`. */
  batchInputShape?: readonly [null, number] | readonly (number | null)[];
  /** Default true. */
  useBias?: boolean;
  /** Default `'glorotUniform'` (Keras's default). */
  kernelInitializer?: InitializerName | InitializerLike;
  /** Default `'zeros'`. */
  biasInitializer?: InitializerName | InitializerLike;
  /**
   * `nn.regularizers.l1/l2/l1l2(...)`, a TensorFlow.js regularizer, `{l1, l2}`,
   * or Keras's names `'l1'`, `'l2'`, `'l1l2'` (rate 0.01).
   */
  kernelRegularizer?: Regularizer | 'l1' | 'l2' | 'l1l2' | 'l1_l2' | { l1?: number; l2?: number } | { getConfig(): { l1?: number; l2?: number } };
  /** Accepted for TensorFlow.js compatibility; the summary names layers dense_1, dense_2, ... */
  name?: string;
  /** Only `true` (nnplay trains every layer). */
  trainable?: true;
  /** Only `'float32'`. */
  dtype?: 'float32';
}

/**
 * A layer spec from `nn.layers.*`: the engine's layer type, its settings (checked
 * by the engine when the layer is added), the input width when it is a model's
 * first layer, and an optional name. Add it with `nn.sequential({layers})` or
 * {@link Sequential.add}.
 */
declare class LayerSpec {
  protected constructor();
  /** The engine's layer type: `'dense'`, `'dropout'`, ... */
  readonly type: string;
  /** The settings passed to the engine (its own names). */
  readonly settings: Record<string, number | boolean | string>;
  /** The input width when the config gave one, else null. */
  readonly inputDim: number | null;
  readonly name: string | null;
}
export type { LayerSpec };

/** Configuration of {@link Nnplay.layers}.dropout, as `tf.layers.dropout(config)`. */
export interface DropoutLayerArgs {
  /** Fraction of the inputs zeroed while training, in [0, 1); the rest are scaled by 1 / (1 - rate). Default 0.5. */
  rate?: number;
  /** Seed of the masks (default: derived from the model's seed and the layer's place). */
  seed?: number;
  /** `[features]`, when it is the first layer. */
  inputShape?: readonly [number] | readonly number[];
  inputDim?: number;
  batchInputShape?: readonly [null, number] | readonly (number | null)[];
  name?: string;
  trainable?: true;
  dtype?: 'float32';
}

/** One setting of a layer type, as the engine describes it ({@link Nnplay.layerTypes}). */
export interface LayerSettingInfo {
  name: string;
  kind: 'integer' | 'number' | 'bool' | 'activation' | 'initializer';
  help: string;
  /** The default (absent for optional settings). */
  default?: number | boolean | string;
  /** The accepted range (integer and number settings): [min, max], or [min, max) when maxExclusive. */
  min?: number;
  max?: number;
  maxExclusive?: boolean;
  /** Absent means "not set" (e.g. dropout's seed). */
  optional: boolean;
}

/** A layer type the engine registers; `nn.layers[name]` makes one. */
export interface LayerTypeInfo {
  /** `'dense'`, `'dropout'`, ... */
  name: string;
  /** Keras's class name: `'Dense'`, `'Dropout'`. */
  className: string;
  help: string;
  settings: LayerSettingInfo[];
}

/**
 * A Dense layer spec from {@link Nnplay.layers}.dense: `y = activation(x @ kernel + bias)`,
 * kernel `[in, units]`, bias `[units]`. Add it to a model with `nn.sequential({layers})`
 * or {@link Sequential.add}.
 */
declare class DenseLayer extends LayerSpec {
  private constructor();
  readonly units: number;
  readonly activation: string;
  readonly useBias: boolean;
  readonly kernelInitializer: string;
  readonly biasInitializer: string;
  readonly l1: number;
  readonly l2: number;
  readonly name: string | null;
  /** The input width when the config gave one, else null. */
  readonly inputDim: number | null;
}
export type { DenseLayer };

/** An optimizer and its settings, as returned by {@link Nnplay.train}; undefined fields take the defaults. */
declare class Optimizer {
  private constructor();
  readonly name: OptimizerName;
  readonly learningRate?: number;
  readonly momentum?: number;
  readonly nesterov?: boolean;
  readonly rho?: number;
  readonly centered?: boolean;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
}
export type { Optimizer };

/** A TensorFlow.js optimizer (`tf.train.adam(0.01)`): read through `getConfig()`. */
export interface OptimizerLike {
  getClassName(): string;
  getConfig(): object;
}

// ---- models ----------------------------------------------------------------------------

/** Arguments of {@link Nnplay.sequential}. */
export interface SequentialArgs {
  /** Layers from `nn.layers.dense(...)`, `nn.layers.dropout(...)`, ...; the first needs an `inputShape`. */
  layers?: LayerSpec[];
  /** Seed of the initial weights and the shuffling (default: random). Same seed, same run, bit for bit. */
  seed?: number;
  /** Default `sequential_<n>`. */
  name?: string;
}

/** Arguments of {@link Sequential.compile}. */
export interface ModelCompileArgs {
  /** A name (default settings), `nn.train.*(...)`, or a TensorFlow.js optimizer. Default `'rmsprop'`. */
  optimizer?: OptimizerName | Optimizer | OptimizerLike;
  /** The loss (required). Binary cross-entropy wants 1 sigmoid unit; categorical ones a softmax layer. */
  loss: LossName;
  /** `['accuracy']` adds `acc` (and `val_acc`) to the logs. */
  metrics?: MetricName | MetricName[];
  /** The last layer outputs logits (linear): the loss applies sigmoid/softmax itself. */
  fromLogits?: boolean;
}

/** The settings {@link Sequential.compile} resolved (defaults filled in). */
export interface CompileConfig {
  /** The canonical loss name, e.g. `'binaryCrossentropy'`. */
  loss: string;
  fromLogits: boolean;
  accuracy: boolean;
  optimizer: {
    name: OptimizerName;
    learningRate: number;
    momentum: number;
    nesterov: boolean;
    rho: number;
    centered: boolean;
    beta1: number;
    beta2: number;
    epsilon: number;
    /** Steps taken so far. */
    iterations: number;
  };
}

/** A Dense layer's settings, as the engine resolved them (canonical names). */
export interface DenseLayerConfig {
  units: number;
  /** Canonical name, e.g. `'tanh'`. */
  activation: string;
  useBias: boolean;
  kernelInitializer: string;
  biasInitializer: string;
  /** Kernel regularization rates. */
  l1: number;
  l2: number;
}

/**
 * A layer as {@link Sequential.layers} describes it: its type, its settings
 * (a Dense layer's units, activation, ...; a Dropout's rate, ...), its sizes.
 */
export interface LayerView extends Partial<DenseLayerConfig> {
  /** Counted per type, as Keras does: `dense_1`, `dropout_1`, `dense_2`, ... */
  name: string;
  /** The engine's type: `'dense'`, `'dropout'`, ... */
  type: string;
  /** Keras's class name: `'Dense'`, `'Dropout'`, ... */
  className: string;
  /** Dropout: the fraction of inputs dropped while training. */
  rate?: number;
  /** Dropout: its own seed, when one was given. */
  seed?: number;
  /** Output width. */
  outputDim: number;
  /** Trainable parameters of this layer. */
  params: number;
  /** Neurons the playground draws (a Dense layer's units; 0 for a Dropout). */
  neurons: number;
  /** How many arrays {@link LayerView.getWeights} returns (kernel and bias: 2; none: 0). */
  weightCount: number;
  /** This layer's arrays (`[kernel [in, units], bias [units]]` for Dense; copies). */
  getWeights(): Tensor[];
}

/** Losses and metrics of one epoch, with TensorFlow.js's keys. */
export interface EpochLogs {
  /** Mean training loss over the epoch. */
  loss: number;
  /** Training accuracy (with `metrics: ['accuracy']`). */
  acc?: number;
  /** Validation loss (with `validationSplit` or `validationData`). */
  val_loss?: number;
  /** Validation accuracy. */
  val_acc?: number;
}

/** What {@link Sequential.trainEpoch} returns. */
export interface TrainEpochLogs extends EpochLogs {
  /** Epochs completed so far (1 after the first). */
  epoch: number;
}

/** Logs of one batch (only when a callback asks for batches). */
export interface BatchLogs {
  batch: number;
  /** Samples in this batch. */
  size: number;
  /** The batch's loss (in onBatchEnd). */
  loss?: number;
}

/**
 * Callbacks of {@link Sequential.fit} (TensorFlow.js's `CustomCallbackArgs`).
 * Each may return a promise; fit() awaits it. Set `model.stopTraining = true`
 * in one to stop after the current epoch.
 */
export interface CustomCallbackArgs {
  onTrainBegin?: () => void | Promise<void>;
  /** `logs`: the last epoch's, or null when no epoch ran. */
  onTrainEnd?: (logs: EpochLogs | null) => void | Promise<void>;
  /** `epoch` counts from `initialEpoch` (0-based). */
  onEpochBegin?: (epoch: number) => void | Promise<void>;
  onEpochEnd?: (epoch: number, logs: EpochLogs) => void | Promise<void>;
  /** Asking for batches makes fit() train batch by batch (one wasm call each). */
  onBatchBegin?: (batch: number, logs: BatchLogs) => void | Promise<void>;
  onBatchEnd?: (batch: number, logs: BatchLogs) => void | Promise<void>;
  /** Called after fit() let the event loop run (see {@link ModelFitArgs.yieldEvery}). */
  onYield?: (epoch: number, batch: number, logs: EpochLogs) => void | Promise<void>;
}

/** Arguments of {@link Sequential.fit} (TensorFlow.js's `ModelFitArgs`). */
export interface ModelFitArgs {
  /** Default 1. */
  epochs?: number;
  /** Default 32. */
  batchSize?: number;
  /** Reshuffle the training rows every epoch (seeded); default true. */
  shuffle?: boolean;
  /** Fraction of the rows, taken from the end before shuffling, used for validation. */
  validationSplit?: number;
  /** `[xVal, yVal]`; takes precedence over `validationSplit`. */
  validationData?: readonly [TensorInput, TensorInput] | readonly TensorInput[];
  callbacks?: CustomCallbackArgs | CustomCallbackArgs[];
  /**
   * When fit() lets the event loop run: `'auto'` (default: at most every 100 ms),
   * `'epoch'` (after every epoch), `'never'`, or a number of milliseconds.
   */
  yieldEvery?: 'auto' | 'epoch' | 'batch' | 'never' | number;
  /** Epoch to start counting from (the loop runs from initialEpoch to epochs). */
  initialEpoch?: number;
  /** Accepted and ignored (nnplay prints nothing). */
  verbose?: 0 | 1 | 2;
}

/** What {@link Sequential.fit} resolves to (TensorFlow.js's `History`). */
export interface History {
  /** The epoch numbers that ran. */
  epoch: number[];
  /**
   * Per-epoch values by log key: `loss`, and `acc`, `val_loss`, `val_acc` when
   * measured (see {@link EpochLogs}). A key is absent when no epoch ran.
   */
  history: { [key: string]: number[] };
  params: {
    epochs: number;
    initialEpoch: number;
    /** Training rows. */
    samples: number;
    batchSize: number;
    doValidation: boolean;
    metrics: string[];
  };
}

/** Options of {@link Sequential.predict} and {@link Sequential.evaluate}; accepted for TensorFlow.js compatibility (nnplay runs the whole input in one call). */
export interface ModelPredictArgs {
  batchSize?: number;
  verbose?: boolean | number;
}

/** Arguments of {@link Sequential.evaluateGrid}. */
export interface EvaluateGridArgs {
  /** Cells per side (1..2048); default 100. */
  res?: number;
  /** The plane, default [-6, 6] × [-6, 6]. */
  xMin?: number;
  xMax?: number;
  yMin?: number;
  yMax?: number;
  /** How (x1, x2) become the model's inputs; default `['x1', 'x2']`. */
  features?: FeatureSpec;
  /** Output buffer, `res*res*units` floats (made when absent). */
  out?: Float32Array;
  /** When given, every neuron's activation: neuron j (counted over all layers from the input side) at `[j * res*res + i]`. */
  activations?: Float32Array | null;
}

/** Arguments of {@link Sequential.evaluateGridViews}: evaluateGrid's, without `out`. */
export interface EvaluateGridViewsArgs extends Omit<EvaluateGridArgs, 'out' | 'activations'> {
  /** Also every neuron's activation map; default false. */
  activations?: boolean;
}

/** What {@link Sequential.evaluateGridViews} returns: views of the engine's memory. */
export interface GridViews {
  /** The model's output, `[res*res, units]` row-major. */
  out: Float32Array;
  /** Neuron j (counted over all layers from the input side) at `[j * res*res + i]`; null unless asked. */
  activations: Float32Array | null;
}

/** One entry of {@link Sequential.layerStats}: gradient flow and health of a layer with neurons. */
export interface LayerStats {
  /** Its index in `model.layers`. */
  layer: number;
  name: string;
  units: number;
  activation: ActivationName;
  /** ‖W‖, the kernel's L2 norm. */
  weightNorm: number;
  /** ‖dLoss/dW‖ on all of (x, y), regularization included, in inference mode (no dropout). */
  gradientNorm: number;
  /** ‖dLoss/db‖, the same for the bias. */
  biasGradientNorm: number;
  /**
   * ‖ΔW‖/‖W‖ for the step the optimizer would take now with that gradient, from its
   * current state (not taken): Infinity when W = 0, NaN when the step would not be finite.
   */
  updateRatio: number;
  /** How many units are dead: ReLU units whose activation is 0 on every row of x (they get no gradient). */
  deadUnits: number;
  /** Their indices. */
  dead: number[];
  /** The mean activation over the rows of x and the layer's units. */
  meanActivation: number;
}

/** A histogram: `counts.length` equal bins over [min, max] (a constant v gets [v - 0.5, v + 0.5]). */
export interface Histogram {
  min: number;
  max: number;
  counts: Uint32Array;
}

/** One entry of {@link Sequential.histograms}: a layer with neurons. */
export interface LayerHistograms {
  /** Its index in `model.layers`. */
  layer: number;
  name: string;
  /** The kernel's values. */
  weights: Histogram;
  /** The bias's values; null for a layer without bias. */
  biases: Histogram | null;
  /** The activations over the rows of x; null when no x was given. */
  activations: Histogram | null;
}

/** Arguments of {@link Sequential.histograms}. */
export interface HistogramsArgs {
  /** Bins per histogram, 1..1000; default 30. */
  bins?: number;
  /** Inputs whose activations to count (none: no activation histograms). */
  x?: TensorInput;
}

/** Arguments of {@link Sequential.lossSurface}. */
export interface LossSurfaceArgs {
  /** Points per side, 2..257; default 41. */
  resolution?: number;
  /** α and β run over [-span, span]; default 1. */
  span?: number;
  /** Draws the two directions; default 1. */
  seed?: number;
  /**
   * Weight snapshots to project onto the slice: a Float32Array of k × countParams()
   * values, or an array of snapshots (each a flat array of countParams() numbers, or a
   * getWeights() list).
   */
  path?: Float32Array | ReadonlyArray<ArrayLike<number> | readonly TensorInput[]>;
}

/** What {@link Sequential.lossSurface} returns. */
export interface LossSurface {
  alphas: Float32Array;
  betas: Float32Array;
  /** `loss[b * resolution + a]` is the loss at (alphas[a], betas[b]); the middle of an odd resolution is the current weights. */
  loss: Float32Array;
  resolution: number;
  span: number;
  seed: number;
  /**
   * The path's snapshots on the slice (least-squares coordinates) and how far off it
   * each lies, relative to its distance from the centre (0: on it, 1: at right angles);
   * null without a path.
   */
  path: { alphas: Float32Array; betas: Float32Array; offSlice: Float32Array } | null;
}

/** The hidden space that {@link Sequential.inspect} computes. */
export interface InspectSpaceArgs {
  /** An index in `model.layers`. */
  layer: number;
  /** 2 or 3 unit indices of that layer. */
  neurons: number[];
  /** Horizontal (then as many vertical) lines of the grid's plane whose image to compute, 2..101; default 13. */
  lines?: number;
  /** Points per line, 2..1001; default 49. */
  samples?: number;
}

/** What {@link Sequential.inspect} computes besides the boundary grid. */
export interface InspectDiagnosticsArgs {
  x?: TensorInput;
  /** Targets of x (needed by `stats`). */
  y?: TensorInput;
  space?: InspectSpaceArgs;
  /** Compute layerStats(x, y). */
  stats?: boolean;
  /** Compute histograms with this many bins (with activations when x is given). */
  bins?: number;
}

/** Arguments of {@link Sequential.inspect}: `grid` or `gridViews` (`space` needs one), not both. */
export type InspectArgs = InspectDiagnosticsArgs & (
  | {
      /** The boundary grid, as {@link Sequential.evaluateGrid} takes it. */
      grid?: EvaluateGridArgs;
      gridViews?: never;
    }
  | {
      grid?: never;
      /**
       * The boundary grid as {@link Sequential.evaluateGridViews} takes it; the result's
       * `gridViews` are then views of the engine's memory, valid until the next call into
       * the module.
       */
      gridViews?: EvaluateGridViewsArgs;
    });

/** A layer's space: x's points and the image of the grid's plane at 2 or 3 of its neurons. */
export interface HiddenSpace {
  /** [rows of x, k], row-major. */
  points: Float32Array;
  /** [2 * lines * samples, k], row-major: the horizontal lines, then the vertical ones. */
  image: Float32Array;
  /** 2 or 3: the neurons' count. */
  k: number;
  /**
   * [w_1..w_k, c]: the output's decision boundary w · a + c = 0 in that space (class 1
   * where > 0), for the last hidden layer of a binary classifier; otherwise null.
   */
  line: number[] | null;
  /** True when the layer has exactly k units; otherwise its other units are held at their mean over x. */
  lineExact: boolean;
}

/** What {@link Sequential.inspect} returns: what was asked for. */
export interface InspectResult {
  /** The boundary grid (`grid.out`), when `grid` was given. */
  grid?: Float32Array;
  /** The boundary grid and the maps as views of the engine's memory, when `gridViews` was given. */
  gridViews?: GridViews;
  space?: HiddenSpace;
  stats?: LayerStats[];
  histograms?: LayerHistograms[];
}

/** Arguments of {@link Sequential.setTrainingData}. */
export interface TrainingDataArgs {
  /** Default 32. */
  batchSize?: number;
  /** Default true. */
  shuffle?: boolean;
  /**
   * Default true: a model loaded mid-epoch (models.fromJSON) given the data it was
   * saved with (same rows, batchSize, shuffle) continues where the saved run
   * stopped, bit for bit. false: start a fresh epoch.
   */
  resume?: boolean;
}

/** A saved model: nnplay's JSON format (architecture, weights, compile settings, optimizer state). */
export interface ModelJSON {
  format: 'nnplay-model';
  version: number;
  inputDim: number;
  seed: number;
  layers: Array<(DenseLayerConfig & {
    type: 'dense';
    /** `[in, units]` */
    kernel: number[][];
    bias?: number[];
  }) | { type: 'dropout'; rate: number; seed?: number }>;
  /** Present once compiled. */
  compile?: {
    loss: string;
    fromLogits: boolean;
    metrics: string[];
    optimizer: { name: OptimizerName; [setting: string]: unknown };
  };
  /** Version 2: where training stood (epoch, position in the epoch, random states), for a bit-identical resume. */
  training?: { [field: string]: unknown };
}

/**
 * A Sequential model of Dense layers (`tf.sequential`), held by the wasm engine.
 * Create one with {@link Nnplay.sequential} or {@link Nnplay.models}.fromJSON.
 * Call {@link Sequential.dispose} when done: the engine's memory is not garbage-collected.
 */
export declare class Sequential {
  /** @internal use nn.sequential() / nn.models.fromJSON() */
  private constructor();
  /** The model's name (`sequential_1`, ...). */
  name: string;
  /** Set to true in a callback to stop {@link Sequential.fit} after the current epoch (as in tfjs). */
  stopTraining: boolean;
  /** True after {@link Sequential.dispose}. */
  readonly isDisposed: boolean;

  /**
   * Appends a layer from `nn.layers.*` (before the model is first compiled or used).
   * @throws Error when the first layer has no inputShape, the shapes do not chain,
   *   a setting is out of range, or the model would exceed the engine's limits.
   */
  add(layer: LayerSpec): void;

  /**
   * compile({optimizer, loss, metrics, fromLogits}): optimizer a name ('sgd', 'momentum',
   * 'rmsprop', 'adam') or nn.train.*(...); loss a tfjs or Keras name; metrics ['accuracy'].
   * Compiling again keeps the weights and resets the optimizer state.
   * @throws Error on an unknown name, or a loss that does not fit the output layer.
   */
  compile(args: ModelCompileArgs): void;

  /** `[null, inputs]`. */
  readonly inputShape: [null, number];
  /** `[null, units of the last layer]`. */
  readonly outputShape: [null, number];
  /** The seed the weights were initialized from (and the shuffling follows). */
  readonly seed: number;
  /** True once compile() succeeded. */
  readonly compiled: boolean;
  /** Epochs completed by fit()/trainSteps()/trainEpoch() since creation or reinitialize(). */
  readonly epoch: number;
  /** Batches per epoch of the current training data. */
  readonly batchesPerEpoch: number;
  /** Neurons over all layers. */
  readonly neuronCount: number;
  /** Number of weights and biases. */
  countParams(): number;
  /** The settings compile() resolved: {loss, fromLogits, accuracy, optimizer: {name, learningRate, ...}}; null before compile(). */
  getCompileConfig(): CompileConfig | null;
  /** Layer views: {name, units, activation, useBias, ..., getWeights()}. */
  readonly layers: LayerView[];

  /** Prints the Keras-style summary (with console.log or printFn) and returns it. */
  summary(printFn: (text: string) => void): string;
  summary(lineLength?: number, positions?: number[], printFn?: (text: string) => void): string;

  /** The model as nnplay JSON (architecture, weights, compile settings, optimizer state); a string, like tfjs. */
  toJSON(unused?: unknown, returnString?: true): string;
  /** The model as a parsed {@link ModelJSON} object. */
  toJSON(unused: unknown, returnString: false): ModelJSON;

  /** [kernel0 [in, units], bias0 [units], kernel1, ...] as Tensors (copies). */
  getWeights(): Tensor[];
  /**
   * Accepts getWeights()' list, TensorFlow.js tensors, nested arrays or Float32Array-backed tensors.
   * @throws Error when a shape does not match the layer's.
   */
  setWeights(weights: readonly TensorInput[]): void;
  /** New weights from `seed` (default: the model's seed); resets the optimizer and the epoch count. */
  reinitialize(seed?: number): void;

  /**
   * predict(x) -> Tensor [samples, units]. Works before compile(), as in TF.js (the weights are made on first use).
   * @param x `[samples, inputs]` (1-D only for a model with one input)
   */
  predict(x: TensorInput, args?: ModelPredictArgs): Tensor2D;
  /**
   * evaluate(x, y) -> [loss, accuracy] scalars (just loss without the accuracy metric), like tfjs.
   * @param y `[samples, units]`, or `[samples]` class indices / targets
   */
  evaluate(x: TensorInput, y: TensorInput, args?: ModelPredictArgs): Scalar | Scalar[];

  /**
   * Fills a res x res grid over [xMin, xMax] x [yMin, yMax] (row 0 at the top, cell
   * centres, inputs made by `features`) with the model's output [res*res, units] into
   * `out`, and every neuron's activation into `activations` (neuron j, counted over
   * all layers from the input side, at [j * res*res + i]) when given. One wasm call.
   * @returns `out`
   */
  evaluateGrid(args?: EvaluateGridArgs): Float32Array;
  /**
   * evaluateGrid without copying anything out of the engine: views of its own buffers,
   * valid only until the next call into this module (any model; a call can also grow the
   * engine's memory and leave an old view empty). Read or copy what you keep before then.
   * Saves evaluateGrid's copy of the maps (2 MB per frame at 100 × 100 with 49 neurons).
   */
  evaluateGridViews(args: EvaluateGridViewsArgs & { activations: true }): GridViews & { activations: Float32Array };
  evaluateGridViews(args?: EvaluateGridViewsArgs): GridViews;

  /** The playground's step API: copies the training set into the engine and starts a fresh epoch. */
  setTrainingData(x: TensorInput, y: TensorInput, args?: TrainingDataArgs): void;
  /** Trains n batches (default 1; continuing across epochs); returns their losses. */
  trainSteps(n?: number): Float32Array;
  /** Trains to the end of the current epoch; returns {epoch, loss, acc?}. */
  trainEpoch(): TrainEpochLogs;
  /** Changes the learning rate between steps without resetting the optimizer state. */
  setLearningRate(learningRate: number): void;

  /**
   * fit(x, y, {epochs, batchSize, shuffle, validationSplit, validationData, callbacks,
   * yieldEvery, initialEpoch}) -> History {epoch: [], history: {loss: [], acc: [], val_loss: [], ...}}.
   * One engine call per epoch.
   * @throws DivergedError when the loss or a gradient becomes NaN/Inf (the model keeps its last good weights).
   */
  fit(x: TensorInput, y: TensorInput, args?: ModelFitArgs): Promise<History>;

  // ---- looking inside the network (engine/include/nnplay/diagnostics.hpp) ----
  // "Per layer" means per layer with neurons (Dense); a Dropout layer has no entry.
  // No call changes the weights, the optimizer's state or the epoch.

  /** Gradient flow and health of each layer with neurons, on all of (x, y). Needs compile(). */
  layerStats(x: TensorInput, y: TensorInput): LayerStats[];
  /**
   * The outputs of `model.layers[layerIndex]` for every row of x (a Dropout layer gives
   * its input, as at inference). Works before compile().
   * @returns [rows, units]
   */
  activations(x: TensorInput, layerIndex: number): Tensor2D;
  /** Histograms of each layer with neurons: weights, biases and (with `x`) activations. */
  histograms(args?: HistogramsArgs): LayerHistograms[];
  /**
   * A 2-D slice of the training loss around the current weights θ, L(θ + α d1 + β d2),
   * d1 and d2 random directions drawn from `seed` and filter-normalized (each neuron's
   * part scaled to that neuron's weights; biases not moved), as in Li et al. 2018. L is
   * evaluate(x, y)'s loss. The weights are unchanged afterwards. Needs compile().
   */
  lossSurface(x: TensorInput, y: TensorInput, args?: LossSurfaceArgs): LossSurface;
  /**
   * The playground's per-frame call: the boundary grid and, over the same data, any of
   * the hidden space, layerStats and histograms. One wasm call.
   */
  inspect(args: InspectDiagnosticsArgs & { gridViews: EvaluateGridViewsArgs & { activations: true } }):
    InspectResult & { gridViews: GridViews & { activations: Float32Array } };
  inspect(args: InspectArgs): InspectResult;
  /**
   * The learning-rate range test: trains `steps` batches of (x, y) while raising the
   * learning rate exponentially from minLr to maxLr, in one engine call, then restores
   * the model exactly (weights, optimizer state and step count, learning rate, position
   * in the epoch, random generators).
   * @throws Error when the model is not compiled or x and y do not match.
   */
  findLearningRate(x: TensorInput, y: TensorInput, args?: FindLearningRateArgs): LearningRateSearch;

  /** Frees the engine model. Later calls throw "model has been disposed". */
  dispose(): void;
}

/** Options of {@link Sequential.findLearningRate}. */
export interface FindLearningRateArgs {
  /** The first learning rate (default 1e-5). */
  minLr?: number;
  /** The last learning rate (default 10). */
  maxLr?: number;
  /** Batches to train (default 200). */
  steps?: number;
  /** Rows per batch (default 32). */
  batchSize?: number;
}

/** What {@link Sequential.findLearningRate} found. */
export interface LearningRateSearch {
  /** The learning rate of each batch. */
  learningRates: number[];
  /** The loss per batch, smoothed (bias-corrected moving average, as fastai). */
  losses: number[];
  /** Each batch's own loss. */
  rawLosses: number[];
  /** The rate where the smoothed loss falls fastest before its minimum; null if it never falls. */
  suggestion: number | null;
  /** The index of the suggestion in `learningRates` (-1 without one). */
  suggestionIndex: number;
  /** True when the test stopped early because the loss blew up. */
  diverged: boolean;
}

// ---- metrics ---------------------------------------------------------------------------

/** Regression figures over every element ({@link Metrics.regressionReport}). */
export interface RegressionReport {
  /** 1 - SS_res / SS_tot; NaN when every target is the same. */
  r2: number;
  mse: number;
  rmse: number;
  mae: number;
}

/** A classifier's figures ({@link Metrics.classificationReport}); NaN per class where undefined. */
export interface ClassificationReport {
  /** int32 [numClasses, numClasses], rows true, columns predicted. */
  confusionMatrix: Tensor2D;
  /** The predicted class of each sample. */
  predicted: Int32Array;
  precision: number[];
  recall: number[];
  f1: number[];
  /** Samples per true class. */
  support: number[];
  accuracy: number;
}

/**
 * Evaluation metrics computed by the engine, with TensorFlow.js's names and shapes.
 * Where TF.js silently miscounts, these refuse with a message: a label or prediction
 * that is not a class index, probabilities passed to precision/recall.
 */
export interface Metrics {
  /** tf.math.confusionMatrix: int32 [numClasses, numClasses], rows true, columns predicted. */
  confusionMatrix(labels: TensorInput, predictions: TensorInput, numClasses: number): Tensor2D;
  /** tf.metrics.precision over binary (0/1) arrays: tp / (tp + fp); a scalar. */
  precision(yTrue: TensorInput, yPred: TensorInput): Scalar;
  /** tf.metrics.recall over binary (0/1) arrays: tp / (tp + fn); a scalar. */
  recall(yTrue: TensorInput, yPred: TensorInput): Scalar;
  /** tf.metrics.r2Score over every element; NaN for constant targets. */
  r2Score(yTrue: TensorInput, yPred: TensorInput): Scalar;
  /** tf.metrics.meanSquaredError: per sample, [n]. */
  meanSquaredError(yTrue: TensorInput, yPred: TensorInput): Tensor1D;
  /** tf.metrics.meanAbsoluteError: per sample, [n]. */
  meanAbsoluteError(yTrue: TensorInput, yPred: TensorInput): Tensor1D;
  /** Keras RootMeanSquaredError over every element; a scalar. */
  rootMeanSquaredError(yTrue: TensorInput, yPred: TensorInput): Scalar;
  /** r2, mse, rmse and mae in one call. */
  regressionReport(yTrue: TensorInput, yPred: TensorInput): RegressionReport;
  /**
   * A classifier's figures from its outputs: scores [n, numClasses] (argmax) or
   * [n, 1] probabilities for 2 classes (class 1 above 0.5).
   */
  classificationReport(labels: TensorInput, scores: TensorInput, numClasses: number): ClassificationReport;
}

// ---- errors ---------------------------------------------------------------------------

/** Thrown when the loss or a gradient became NaN/Inf; the model keeps its last good weights. */
export declare class DivergedError extends Error {
  constructor(message: string, epoch: number, batch: number);
  readonly name: 'DivergedError';
  readonly diverged: true;
  /** 1-based, as in the message. */
  readonly epoch: number;
  readonly batch: number;
  /** The epochs that did run, when thrown by fit(). */
  history?: History;
}

// ---- data ------------------------------------------------------------------------------

/**
 * A data set: x [n, 2] (or [n, features]), y [n, 1] class indices or real targets.
 * Made by {@link Nnplay.datasets}, {@link Nnplay.csv}.parse or datasets.fromArrays.
 */
declare class Dataset {
  private constructor();
  /** Inputs `[n, 2]`. */
  x: Tensor2D;
  /** Labels `[n, 1]`: class indices, or real targets for regression. */
  y: Tensor2D;
  /** Number of samples. */
  n: number;
  problem: 'classification' | 'regression';
  /** Number of classes (0 for regression). */
  classes: number;
  readonly regression: boolean;
}
export type { Dataset };

/** Options of the data set generators. */
export interface DatasetOptions {
  /** Number of points (default 500); `count` and `points` are the same. */
  n?: number;
  count?: number;
  points?: number;
  /** 0..1, default 0. */
  noise?: number;
  /** Default 1. */
  seed?: number;
  /** For multi-class sets (spiral, blobs); default 2. */
  classes?: number;
}

/** A data set generator: `nn.datasets.xor({n: 200, noise: 0.1})`. */
export type DatasetGenerator = (options?: DatasetOptions) => Dataset;

/** {train, test} from {@link Datasets.split}. */
export interface DatasetSplit {
  train: Dataset;
  test: Dataset;
}

/** Data set generators and helpers: `nn.datasets`. */
/** A generator's metadata, from {@link Datasets.info}. */
export interface DatasetInfo {
  readonly name: DatasetName;
  /** Its labels are real targets. */
  readonly regression: boolean;
  /** It honours the `classes` option (spiral arms, blobs). */
  readonly usesClasses: boolean;
  /**
   * The part of the plane its points are drawn in: [x1Min, x1Max, x2Min, x2Max],
   * e.g. [-6, 6, -6, 6]; coffeeRoasting is in °C (x1) and minutes (x2).
   */
  readonly domain: readonly [number, number, number, number];
}

export interface Datasets {
  /** Names of the generators, e.g. ['circle', 'xor', ...]. */
  readonly names: DatasetName[];
  /** Each generator's metadata, in the engine's order. */
  readonly info: readonly DatasetInfo[];
  /** True for the generators whose labels are real targets (plane, multiGauss). */
  isRegression(name: string): boolean;
  /** make(name, {n, noise, seed, classes}) -> Dataset. */
  make(name: DatasetName, options?: DatasetOptions): Dataset;
  /** split(data, trainRatio = 0.8, seed = 1) -> {train, test} (seeded shuffle, then split). */
  split(data: Dataset, trainRatio?: number, seed?: number): DatasetSplit;
  split(data: Dataset, options: { trainRatio?: number; seed?: number }): DatasetSplit;
  /** The same as {@link Datasets.split}. */
  trainTestSplit(data: Dataset, trainRatio?: number, seed?: number): DatasetSplit;
  trainTestSplit(data: Dataset, options: { trainRatio?: number; seed?: number }): DatasetSplit;
  /**
   * Points a user made or edited -> Dataset, so they can use split and csv.format like generated ones.
   * @param x `[n, 2]`
   * @param y `[n]` or `[n, 1]`: class indices (integers >= 0) or real targets
   */
  fromArrays(x: TensorInput, y: TensorInput, options?: { problem?: 'classification' | 'regression' }): Dataset;
  /** Two classes: a disc inside a ring. */
  circle: DatasetGenerator;
  /** Two classes in opposite quadrants. */
  xor: DatasetGenerator;
  /** Two Gaussian clusters. */
  gauss: DatasetGenerator;
  /** Interleaved spirals, one per class. */
  spiral: DatasetGenerator;
  /** Two interleaved half moons. */
  moons: DatasetGenerator;
  /** Gaussian blobs, one per class. */
  blobs: DatasetGenerator;
  /** The AND gate: points around the four corners (±3, ±3); class 1 at the top right only. */
  and: DatasetGenerator;
  /** The OR gate: points around the four corners (±3, ±3); class 0 at the bottom left only. */
  or: DatasetGenerator;
  /** Coffee roasting: x1 = temperature (°C), x2 = time (minutes); good roasts (class 1) in a band. */
  coffeeRoasting: DatasetGenerator;
  /** Regression: a tilted plane. */
  plane: DatasetGenerator;
  /** Regression: a sum of Gaussians. */
  multiGauss: DatasetGenerator;
}

/** Input features: `nn.features`. */
export interface Features {
  /** In bit order: x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2). */
  readonly names: FeatureName[];
  /** 'x1,x2' or ['x1', 'x2'] -> bit mask. */
  mask(spec: FeatureSpec): number;
  /** Number of features in a selection. */
  count(spec: FeatureSpec): number;
  /** transform(x [n, 2] or a Dataset, features) -> Tensor [n, count]. */
  transform(x: TensorInput | Dataset, spec: FeatureSpec): Tensor2D;
}

/** Options of {@link Csv.parse}. */
export interface CsvParseOptions {
  /** Default 'classification' (labels are class indices). */
  problem?: 'classification' | 'regression';
  /** Default 100000. */
  maxRows?: number;
}

/** CSV files of `x1,x2,label` rows: `nn.csv`. */
export interface Csv {
  /**
   * parse(text, {problem: 'classification' | 'regression', maxRows}) -> Dataset (x1,x2,label rows).
   * @throws Error naming the line and column of a malformed value.
   */
  parse(text: string, options?: CsvParseOptions): Dataset;
  /** format(dataset) -> "x1,x2,label\n..." (round-trips through parse). */
  format(data: Dataset): string;
}

/** The engine's size limits, from {@link Nnplay.limits}. */
export interface Limits {
  /** Samples in one data set, batch or prediction call. */
  readonly maxRows: number;
  /** A model's input width. */
  readonly maxFeatures: number;
  /** Units of one layer. */
  readonly maxUnits: number;
  /** Layers of one model. */
  readonly maxLayers: number;
  /** Trainable parameters of one model. */
  readonly maxParameters: number;
  /** Floats in any one buffer. */
  readonly maxElements: number;
  /** Cells per side of a boundary grid. */
  readonly maxGridRes: number;
  /** Points a dataset generator makes. */
  readonly maxDatasetPoints: number;
  /** Data rows of one CSV text. */
  readonly maxCsvRows: number;
  /** Characters in one CSV line. */
  readonly maxCsvLineBytes: number;
  /** Characters of one CSV text. */
  readonly maxCsvBytes: number;
  /** Characters of one model JSON. */
  readonly maxJsonBytes: number;
}

/** This instance's memory, from {@link Nnplay.memory}. */
export interface MemoryInfo {
  /** Bytes malloc'd and live in the wasm heap. */
  allocatedBytes: number;
  /** The wasm memory's size. */
  heapBytes: number;
  /** JS objects held by Embind for C++ (NaN when the build cannot count them). */
  jsHandles: number;
}

// ---- the namespace ---------------------------------------------------------------------

/**
 * The `nn` namespace {@link loadNnplay} resolves to: TensorFlow.js Layers names
 * (sequential, layers.dense, train.*, models.fromJSON, tensor2d, ...) plus the
 * playground's fast paths (datasets, features, CSV). One wasm instance.
 */
export interface Nnplay {
  /** The package version. */
  readonly version: string;
  /** A Sequential model (tf.sequential): `nn.sequential({layers: [...], seed})`. */
  sequential(config?: SequentialArgs): Sequential;
  /** Layer factories (tf.layers), one per layer type the engine registers. */
  readonly layers: {
    /** A Dense (fully connected) layer: `nn.layers.dense({units: 8, activation: 'relu', inputShape: [2]})`. */
    dense(config: DenseLayerArgs): DenseLayer;
    /** Inverted dropout while training, the identity in predict/evaluate: `nn.layers.dropout({rate: 0.2})`. */
    dropout(config?: DropoutLayerArgs): LayerSpec;
  };
  /** The engine's layer types with their settings (names, kinds, defaults, ranges). */
  readonly layerTypes: readonly LayerTypeInfo[];
  /** The engine's activation names (canonical, TF.js spelling), in its order. */
  readonly activations: { readonly names: readonly ActivationName[] };
  /** The engine's loss names. */
  readonly losses: { readonly names: readonly LossName[] };
  /** The engine's optimizer names. */
  readonly optimizers: { readonly names: readonly OptimizerName[] };
  /** The engine's initializer names. */
  readonly initializers: { readonly names: readonly InitializerName[] };
  /** Kernel regularizers (tf.regularizers); each rate defaults to 0.01. */
  readonly regularizers: {
    l1(config?: { l1?: number }): Regularizer;
    l2(config?: { l2?: number }): Regularizer;
    l1l2(config?: { l1?: number; l2?: number }): Regularizer;
  };
  /** Optimizers with settings (tf.train); TensorFlow.js's argument order and defaults. */
  readonly train: {
    /** Plain gradient descent (default rate 0.01). */
    sgd(learningRate?: number): Optimizer;
    /** SGD with momentum (Nesterov when useNesterov); default rate 0.001. */
    momentum(learningRate: number | undefined, momentum: number, useNesterov?: boolean): Optimizer;
    /** RMSprop: decay 0.9, momentum 0, epsilon 1e-7, not centered by default (rate 0.001). */
    rmsprop(learningRate?: number, decay?: number, momentum?: number, epsilon?: number | null, centered?: boolean): Optimizer;
    /** Adam: beta1 0.9, beta2 0.999, epsilon 1e-7 by default (rate 0.001). */
    adam(learningRate?: number, beta1?: number, beta2?: number, epsilon?: number | null): Optimizer;
  };
  /** Loading saved models (tf.models). */
  readonly models: {
    /**
     * A model from {@link Sequential.toJSON}'s output (a string or the parsed object).
     * @throws Error naming what is missing or malformed.
     */
    fromJSON(json: string | ModelJSON): Sequential;
  };
  /** A tensor from values (nested, or flat with a shape); the values are copied. */
  tensor(values: TensorInput, shape?: readonly number[]): Tensor;
  /** A 1-D tensor. */
  tensor1d(values: TensorInput): Tensor1D;
  /** A 2-D tensor: nested rows, or flat values with `[rows, cols]`. */
  tensor2d(values: TensorInput, shape?: readonly [number, number]): Tensor2D;
  /** A rank-0 tensor. */
  scalar(value: number): Scalar;
  /** Data set generators and helpers. */
  readonly datasets: Datasets;
  /** Input features computed from (x1, x2). */
  readonly features: Features;
  /** CSV parse and format. */
  readonly csv: Csv;
  /** The engine's size limits (engine/include/nnplay/limits.hpp): anything larger is refused with a clear error before it is allocated. */
  readonly limits: Limits;
  /** Evaluation metrics computed by the engine (TF.js names): confusionMatrix, precision, recall, r2Score, ... */
  readonly metrics: Metrics;
  /** tf.math: confusionMatrix under its TF.js name. */
  readonly math: { confusionMatrix: Metrics['confusionMatrix'] };
  /** The error fit() and the step API throw when training diverges. */
  readonly DivergedError: typeof DivergedError;
  /** The Tensor class (for instanceof). */
  readonly Tensor: typeof Tensor;
  /** True for nnplay Tensors and anything shaped like a TensorFlow.js tensor. */
  isTensor(value: unknown): value is TensorLike;
  /**
   * This instance's memory: allocatedBytes (malloc'd and live in the wasm heap),
   * heapBytes (wasm memory size), jsHandles (JS objects held by Embind for C++).
   */
  memory(): MemoryInfo;
}
