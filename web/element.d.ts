// Type declarations of the <nn-playground> element (web/src/element.js), for
// `import 'nnplay/element'` and `'nnplay/element-single'`. Copied to
// dist/element.d.ts, next to index.d.ts (the JS API), which it imports.

/**
 * `<nn-playground>`: the playground as a custom element for lesson pages.
 *
 * ```html
 * <script type="module" src="nn-playground.js"></script>
 * <nn-playground dataset="xor" layers="3" activation="sigmoid" seed="7"></nn-playground>
 * ```
 * or, in a bundled app, `import 'nnplay/element';`. Importing it only defines the
 * element (a side effect); this module exports types, no values.
 *
 * Each element trains in its own worker, with its own state and seed.
 * @module nnplay/element
 */

import type { Sequential } from './index.js';

/**
 * The settings of one playground, as `el.state` returns them (camelCase keys;
 * attributes and URL-hash keys are the same names in kebab-case).
 */
export interface NnPlaygroundState {
  /** `circle`, `xor`, `gauss`, `spiral`, `moons`, `blobs`, `plane` or `multiGauss`. */
  dataset: string;
  /** Classes of `spiral` and `blobs` (2..6). */
  classes: number;
  /** Number of points (10..5000). */
  points: number;
  /** 0..1. */
  noise: number;
  /** Share of the points used for training (0.1..0.9). */
  trainRatio: number;
  /** Seed of the data. */
  dataSeed: number;
  /** Input features, e.g. `['x1', 'x2']`. */
  features: string[];
  /** Units of each hidden layer (at most 8 layers of 16). */
  layers: number[];
  /** One activation for every hidden layer, or one per layer. */
  activation: string[];
  /** Dropout after each hidden layer (0 = none, up to 0.9): one rate for every hidden layer, or one per layer. */
  dropout: number[];
  /** `sgd`, `momentum`, `rmsprop` or `adam`. */
  optimizer: string;
  learningRate: number;
  batchSize: number;
  /** `none`, `l1` or `l2`. */
  regularization: string;
  regRate: number;
  initializer: string;
  /** Seed of the initial weights. */
  seed: number;
  /** Stop after this many epochs; 0 = never. */
  epochs: number;
  /** Epochs per frame: `1`, `2`, `5`, `10`, `25` or `max`. */
  speed: string;
  showTest: boolean;
  discretize: boolean;
  logScale: boolean;
}

/**
 * The element's attributes. Every setting of {@link NnPlaygroundState} by its
 * kebab-case name (as in the page's URL hash) is read at start and applied live
 * when changed; bad values are clamped or ignored, with a warning inside that
 * playground. Plus the embedding options at the end.
 */
export interface NnPlaygroundAttributes {
  dataset?: string;
  classes?: string;
  points?: string;
  noise?: string;
  'train-ratio'?: string;
  'data-seed'?: string;
  /** Comma-separated, e.g. `x1,x2,x1*x2`. */
  features?: string;
  /** Units per hidden layer, comma-separated, e.g. `4,2`; empty for none. */
  layers?: string;
  /** One name, or one per hidden layer (`tanh,relu`). */
  activation?: string;
  /** Dropout rate after the hidden layers: one, or one per hidden layer (`0.2,0`). */
  dropout?: string;
  optimizer?: string;
  'learning-rate'?: string;
  'batch-size'?: string;
  regularization?: string;
  'reg-rate'?: string;
  initializer?: string;
  seed?: string;
  epochs?: string;
  speed?: string;
  'show-test'?: string;
  discretize?: string;
  'log-scale'?: string;
  /**
   * Which controls to show: attribute names and the groups `run`, `edit-data`,
   * `files`, `lang`, `learn`; `all` (default) or `none`.
   */
  controls?: string;
  /** Start training at once. */
  autoplay?: string;
  /** `en` or `zh-CN` (default: the reader's choice or browser language). */
  lang?: string;
  /** Height in px (320..4000); the playground scrolls inside. */
  height?: string;
  /** The compact layout (automatic below 900 px of width). */
  compact?: string;
}

/** `detail` of `nn-epoch`: sent once per epoch. */
export interface NnEpochDetail {
  epoch: number;
  trainLoss: number;
  testLoss: number;
  /** Test accuracy (classification), else null. */
  accuracy: number | null;
  /** Training accuracy (classification), else null. */
  trainAccuracy: number | null;
  /** Test R² (regression), else null. */
  r2: number | null;
  /** Whether training is running. */
  running: boolean;
  /** True while the loss explodes but stays finite (above 10x its best for 20 epochs, or above 1e6): training goes on, a lower learning rate is suggested. */
  unstable: boolean;
}

/** `detail` of `nn-diverged`: the loss became NaN/Inf; training paused. */
export interface NnDivergedDetail {
  epoch: number;
  learningRate: number;
  message: string;
}

/** `detail` of `nn-error`: the playground failed and shows the message inside itself. */
export interface NnErrorDetail {
  message: string;
}

/** `detail` of `nn-model`: a new snapshot for `el.model` arrived. */
export interface NnModelDetail {
  /** The epoch the weights are from. */
  epoch: number;
}

/** `detail` of `nn-goal`: the lesson's goal was met (held for 10 consecutive epochs). */
export interface NnGoalDetail {
  /** The goal as written, e.g. `test-accuracy >= 0.95`. */
  goal: string;
  met: boolean;
  epoch: number;
  trainLoss: number;
  testLoss: number;
  accuracy: number | null;
  /** The settings that reached it, by URL key. */
  state: Record<string, string>;
}

/**
 * The element's events. All bubble and are composed, so a page can listen on
 * the element, a container or the document.
 */
export interface NnPlaygroundEventMap {
  'nn-epoch': CustomEvent<NnEpochDetail>;
  'nn-diverged': CustomEvent<NnDivergedDetail>;
  'nn-error': CustomEvent<NnErrorDetail>;
  'nn-model': CustomEvent<NnModelDetail>;
  'nn-goal': CustomEvent<NnGoalDetail>;
}

/** A `<nn-playground>` element: `document.querySelector('nn-playground')` has this type. */
export interface NnPlaygroundElement extends HTMLElement {
  /** Starts training. */
  play(): void;
  /** Pauses training. */
  pause(): void;
  /** New initial weights (same seed: the same start), epoch 0. */
  reset(): void;
  /**
   * Trains one epoch (or one batch: step('batch')) and pauses.
   * @throws Error for any other unit.
   */
  step(unit?: 'epoch' | 'batch'): void;
  /** A copy of the current settings (camelCase keys); null before the playground starts. */
  readonly state: NnPlaygroundState | null;
  /**
   * The JS API's model (an nnplay Sequential from nn.models.fromJSON) with the
   * worker's weights. The engine trains in the worker, so this is a
   * main-thread snapshot, and the element owns it: it is rebuilt only when it
   * is read after the weights changed, and the snapshot it replaces is disposed
   * then (as it is when the element is removed). A read that finds it stale
   * starts the rebuild and returns the old snapshot meanwhile (null before the
   * first); `await el.getModel()` waits for a current one. To keep weights,
   * copy them (getWeights(), or nn.models.fromJSON(el.model.toJSON())).
   */
  readonly model: Sequential | null;
  /** Resolves to a snapshot with the current weights (see `model`); rejects if the playground failed or was removed. */
  getModel(): Promise<Sequential>;

  addEventListener<K extends keyof HTMLElementEventMap>(type: K,
    listener: (this: NnPlaygroundElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(type: K,
    listener: (this: NnPlaygroundElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'nn-playground': NnPlaygroundElement;
  }
  // The events bubble (composed) to every ancestor, the document and the window.
  interface GlobalEventHandlersEventMap extends NnPlaygroundEventMap {}
}
