// The page <-> worker protocol: every message, its direction and its payload,
// in one place that both sides import. bridge.js (page) and worker/main.js
// check every message they send or receive against it; an unknown type or a
// missing field throws at once, naming the message, instead of being dropped.
// Fields ending in '?' are optional. To add a message: an entry here, a handler
// on the receiving side (Trainer.handle / App.listen), and its send.

const message = (doc, fields = []) => Object.freeze({ doc, fields: Object.freeze(fields) });

/** Page -> worker. */
export const TO_WORKER = Object.freeze({
  state: message('the training settings (state.js trainingState: no view keys); the worker rebuilds what changed', ['state']),
  play: message('start training'),
  pause: message('pause training'),
  toggle: message('play if paused, else pause'),
  step: message("train one 'epoch' or one 'batch', then pause", ['unit']),
  reset: message('fresh initial weights, epoch 0'),
  regenerate: message('new data from the generator (drops edited points)'),
  view: message('what the frames carry: {neurons?, weights?, focus?, inside?, boundary?} (boundary false: no grid, the page is not drawing); any view message asks for a fresh frame', ['view']),
  addPoint: message('add a training point', ['x1', 'x2', 'label']),
  removePoint: message('remove the point nearest (x1, x2)', ['x1', 'x2', 'radius?']),
  importCsv: message('use a CSV text as the data', ['text']),
  exportCsv: message("the data as CSV (answered with 'csv')"),
  exportModel: message("the model file (answered with 'modelFile')"),
  importModel: message('load a model file', ['text']),
  setWeight: message('set one weight or bias', ['index', 'offset', 'value']),
  ack: message('the last frame is drawn; its arrays come back for reuse', ['buffers']),
  snapshot: message("the model as nnplay JSON (answered with 'snapshot')", ['id']),
  lossSurface: message("the loss landscape around the weights (answered with 'lossSurface')", ['resolution', 'span', 'seed']),
  debugTrap: message('tests only: make the wasm module trap, to check the recovery', []),
  lesson: message("the lesson's rules: {goal, maxEpochs, maxLayers, maxNeurons, locked, handTune} (worker/lessonRules.js)", ['lesson']),
  // issue 12: compare, replay, measure (worker/analysis.js)
  replay: message('frames show the snapshot at this epoch (null: the present); pauses training', ['epoch']),
  branch: message('"Resume from here": training goes on from the snapshot at this epoch', ['epoch']),
  pin: message("the current run becomes A (answered with 'pinned'); sameStart: B restarts from A's start", ['sameStart']),
  unpin: message('no run A any more'),
  sameStart: message("B restarts from A's start on every change that alters the result (on), or not", ['on']),
  findLr: message("the learning-rate range test from the run's initial weights (answered with 'lrFound')"),
});

/** Worker -> page. */
export const TO_PAGE = Object.freeze({
  started: message("the worker's script runs (the engine is still loading)"),
  ready: message('the engine is loaded'),
  data: message('the points, and the plane domain they are plotted in', ['train', 'test', 'regression', 'classes', 'custom', 'domain']),
  model: message('a new model; normalization: the input z-score {mean, std} or null; domain: the plot\'s', ['run', 'features', 'layers', 'output',
    'params', 'shapes', 'regression', 'classes', 'normalization', 'domain']),
  frame: message('figures and grids to draw; the next comes after the ack', ['run', 'epoch', 'stepInEpoch',
    'batchesPerEpoch', 'running', 'stopAt', 'diverged', 'unstable', 'version', 'regression', 'classes', 'trainLoss', 'testLoss',
    'trainMetric', 'testMetric', 'res', 'outDim', 'grid', 'nres', 'neurons', 'weights', 'focus', 'goal', 'inside?', 'replay?']),
  thumbnails: message("the dataset picker's small data sets", ['items']),
  diverged: message('training stopped: the loss became NaN or infinite', ['message', 'epoch', 'learningRate']),
  csvError: message('a CSV could not be used', ['message']),
  csvLoaded: message('a CSV is the data now', ['n', 'regression', 'classes']),
  csv: message('the data as CSV', ['text']),
  modelFile: message('the model file', ['text']),
  modelImported: message('a model file is loaded: the settings it changed ({key: value}), warnings ({key, params})', ['patch', 'warnings']),
  modelError: message('a model file could not be used', ['message']),
  error: message('a request failed', ['message', 'request?']),
  fatal: message('the engine could not start', ['message']),
  lossSurface: message('the loss landscape: loss [resolution^2] over alphas x betas, the path projected, the time it took',
    ['run', 'epoch', 'ms', 'points', 'params', 'alphas', 'betas', 'loss', 'path', 'resolution', 'span', 'seed']),
  snapshot: message('the model as nnplay JSON, or null with a message; version: the weights version it shows', ['id', 'text', 'message', 'epoch', 'version']),
  recovered: message('the engine trapped and was restarted with the points and the last weights', ['message']),
  goalMet: message("the lesson's goal has held for its epochs: the figures and the settings that reached it", ['goal', 'epoch',
    'trainLoss', 'testLoss', 'trainMetric', 'testMetric', 'regression', 'state']),
  // issue 12: compare, replay, measure (worker/analysis.js)
  timeline: message("the epochs the run's snapshots are at, and their memory", ['run', 'epochs', 'bytes']),
  branched: message('training went back to the snapshot at this epoch (the loss history after it goes)', ['run', 'epoch']),
  pinned: message("run A's boundary: a [res*res, outDim] grid at its epoch", ['run', 'epoch', 'grid', 'res', 'outDim', 'regression', 'classes']),
  metrics: message('the metrics panel: the report of the model shown, on the train or test set', ['run', 'epoch', 'replay',
    'set', 'n', 'regression', 'classes', 'report']),
  targetReached: message('training paused: the test loss or metric reached its target', ['epoch', 'regression', 'kind', 'value', 'target']),
  lrFound: message('the learning-rate finder: smoothed loss per learning rate, the suggestion (null: none)', ['run',
    'learningRates', 'losses', 'suggestion', 'suggestionIndex', 'diverged', 'learningRate', 'optimizer']),
});

/**
 * Throws unless msg is a message of `table` with all its fields.
 * @param {object} table TO_WORKER or TO_PAGE
 * @param {*} msg
 * @param {string} where who is checking, for the error message
 */
export function checkMessage(table, msg, where) {
  const type = msg && typeof msg === 'object' ? msg.type : undefined;
  if (typeof type !== 'string' || !Object.hasOwn(table, type))
    throw new Error(`${where}: unknown message type ${JSON.stringify(type)}; expected one of: ${Object.keys(table).join(', ')}`);
  for (const field of table[type].fields) {
    if (!field.endsWith('?') && !Object.hasOwn(msg, field)) throw new Error(`${where}: message '${type}' lacks its field '${field}'`);
  }
  return msg;
}
