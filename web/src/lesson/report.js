// What a playground tells its host: the details of the nn-epoch, nn-goal and
// nn-diverged events (the same for the element's events and for the iframe
// mode's postMessage), and the iframe mode's reporter, which posts them to the
// parent page only when the URL names the parent's origin (report-to=...),
// never to '*'.

import { stateEntries, TRAINING_KEYS } from '../state.js';

/** nn-epoch's detail from a frame. */
export function epochDetail(f) {
  const classification = !f.regression;
  return {
    epoch: f.epoch,
    trainLoss: f.trainLoss,
    testLoss: f.testLoss,
    accuracy: classification ? f.testMetric : null,
    trainAccuracy: classification ? f.trainMetric : null,
    r2: classification ? null : f.testMetric,
    running: f.running,
    // true while the loss explodes but stays finite (see worker/stability.js)
    unstable: !!f.unstable,
  };
}

/**
 * nn-goal's detail from the worker's goalMet message: {goal, met: true, epoch,
 * trainLoss, testLoss, accuracy, r2, state}; state: the settings that reached it
 * as URL keys ({'learning-rate': '0.03', layers: '4', ...}).
 * @param {object} m the goalMet message
 * @param {object} pageState the page's state (its training keys are replaced by the message's)
 */
export function goalDetail(m, pageState) {
  const state = { ...pageState, ...m.state };
  return {
    goal: m.goal,
    met: true,
    epoch: m.epoch,
    trainLoss: m.trainLoss,
    testLoss: m.testLoss,
    accuracy: m.regression ? null : m.testMetric,
    r2: m.regression ? m.testMetric : null,
    state: Object.fromEntries(stateEntries(state, {}, TRAINING_KEYS)),
  };
}

/** nn-diverged's detail from the worker's diverged message. */
export function divergedDetail(m) {
  return { epoch: m.epoch, learningRate: m.learningRate, message: m.message };
}

/**
 * In an iframe whose URL says report-to=<origin>: (type, detail) => posts
 * {source: 'nnplay', type, detail} to the parent, for that origin only (the
 * browser drops it if the parent is elsewhere). Otherwise null: nothing is posted.
 * @param {string|null} origin the lesson's reportTo (lesson/options.js: an origin, never '*')
 */
export function parentReporter(origin, win = window) {
  if (!origin || origin === '*' || win.parent === win) return null;
  return (type, detail) => win.parent.postMessage({ source: 'nnplay', type, detail }, origin);
}
