// model.findLearningRate(x, y, {minLr, maxLr, steps, batchSize}): the
// learning-rate range test, run by the engine in one call
// (engine/src/lr_finder.cpp). The model's weights, optimizer state and
// training position are left exactly as they were.
import { toMatrix, describe } from './tensor.js';
import { checkKeys, intArg, numArg } from './model.js';

/**
 * @param {import('./model.js').Sequential} model a compiled model
 * @param x inputs [n, inputDim]
 * @param y targets as for fit()
 * @param {{minLr?: number, maxLr?: number, steps?: number, batchSize?: number}} [args]
 *   defaults 1e-5, 10, 200 batches, 32 rows a batch
 * @returns {{learningRates: number[], losses: number[], rawLosses: number[], suggestion: number|null,
 *   suggestionIndex: number, diverged: boolean}} losses are smoothed (bias-corrected moving
 *   average, fastai's); suggestion is the rate where the smoothed loss falls fastest before its
 *   minimum (null if it never falls); diverged: stopped early because the loss blew up
 */
export function findLearningRate(model, x, y, args) {
  const core = model._live();
  checkKeys(args, ['minLr', 'maxLr', 'steps', 'batchSize'], 'findLearningRate');
  const a = args ?? {};
  const X = model._x(x);
  const Y = toMatrix(y, 'y', 'column');
  if (X.rows !== Y.rows) throw new Error(`findLearningRate: x and y must have the same number of rows, got ${X.rows} and ${Y.rows}`);
  const minLr = numArg(a.minLr ?? 1e-5, 'findLearningRate: minLr');
  const maxLr = numArg(a.maxLr ?? 10, 'findLearningRate: maxLr');
  if (a.steps !== undefined && !Number.isInteger(a.steps)) throw new Error(`findLearningRate: steps must be an integer, got ${describe(a.steps)}`);
  const steps = a.steps ?? 200;
  const batchSize = intArg(a.batchSize ?? 32, 'findLearningRate: batchSize', 1);
  const r = model._ctx.checked(core.findLearningRate(X.values, X.rows, X.cols, Y.values, Y.cols, minLr, maxLr, steps, batchSize));
  return {
    learningRates: Array.from(r.learningRates),
    losses: Array.from(r.losses),
    rawLosses: Array.from(r.rawLosses),
    suggestion: Number.isFinite(r.suggestion) ? r.suggestion : null,
    suggestionIndex: r.suggestionIndex,
    diverged: r.diverged,
  };
}
