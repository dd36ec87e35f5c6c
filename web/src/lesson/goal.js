// An exercise's goal: parsed from text like "test-accuracy >= 0.95 and
// epoch <= 300", checked against a frame's figures, and tracked over epochs
// (met only once it has held for HOLD_EPOCHS consecutive epochs, so one lucky
// epoch does not count). No DOM: the worker tracks the goal, the page shows it.

/** Epochs in a row the condition must hold. */
export const HOLD_EPOCHS = 10;

/** Metric name -> how to read it from a frame's figures ({trainLoss, testLoss, trainMetric, testMetric, epoch, regression}). */
export const METRICS = {
  'test-loss': { read: (f) => f.testLoss, kind: 'loss' },
  'train-loss': { read: (f) => f.trainLoss, kind: 'loss' },
  'test-accuracy': { read: (f) => (f.regression ? NaN : f.testMetric), kind: 'accuracy' },
  'train-accuracy': { read: (f) => (f.regression ? NaN : f.trainMetric), kind: 'accuracy' },
  r2: { read: (f) => (f.regression ? f.testMetric : NaN), kind: 'r2' },
  epoch: { read: (f) => f.epoch, kind: 'epoch' },
};
export const OPERATORS = ['<=', '>=', '<', '>'];

const COMPARE = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

const CONDITION = /^\s*([a-z0-9-]+)\s*(<=|>=|<|>)\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*(%?)\s*$/i;
const MAX_TEXT = 300;

/**
 * Parses a goal. Returns {goal: {text, conditions: [{metric, op, value}]}} or
 * {warning: {key, params}} (strings-table key) saying what is wrong; never throws.
 * Accuracies may be written as fractions (0.95) or percentages (95%).
 * @param {string} text
 */
export function parseGoal(text) {
  const raw = typeof text === 'string' ? text : String(text ?? '');
  const source = raw.trim();
  const bad = (reason, params = {}) => ({ warning: { key: reason, params: { goal: source.slice(0, 60), ...params } } });
  if (source === '') return bad('goal.empty');
  if (source.length > MAX_TEXT) return bad('goal.tooLong', { max: MAX_TEXT });
  const conditions = [];
  for (const part of source.split(/\s+and\s+/i)) {
    const m = CONDITION.exec(part);
    if (!m) return bad('goal.notCondition', { part: part.trim().slice(0, 40), metrics: Object.keys(METRICS).join(', '), ops: '< <= > >=' });
    const metric = m[1].toLowerCase();
    if (!Object.hasOwn(METRICS, metric)) return bad('goal.unknownMetric', { metric: m[1].slice(0, 30), metrics: Object.keys(METRICS).join(', ') });
    let value = Number(m[3]);
    if (m[4] === '%') {
      if (METRICS[metric].kind !== 'accuracy') return bad('goal.percent', { metric });
      value /= 100;
    }
    if (!Number.isFinite(value)) return bad('goal.notCondition', { part: part.trim().slice(0, 40), metrics: Object.keys(METRICS).join(', '), ops: '< <= > >=' });
    if (METRICS[metric].kind === 'accuracy' && (value < 0 || value > 1)) return bad('goal.accuracyRange', { metric, value: m[3] + m[4] });
    conditions.push({ metric, op: m[2], value });
  }
  return { goal: { text: formatGoal(conditions), conditions } };
}

/** The canonical text of a goal's conditions ("test-accuracy >= 0.95 and epoch <= 300"). */
export function formatGoal(conditions) {
  return conditions.map((c) => `${c.metric} ${c.op} ${c.value}`).join(' and ');
}

/** The value of a condition's metric in a frame's figures (NaN when the problem has no such metric). */
export function metricValue(condition, figures) {
  return METRICS[condition.metric].read(figures);
}

/** True when one condition holds for these figures (a NaN value never holds). */
export function conditionHolds(condition, figures) {
  const v = metricValue(condition, figures);
  return Number.isFinite(v) && COMPARE[condition.op](v, condition.value);
}

/** True when every condition of the goal holds. */
export function goalHolds(goal, figures) {
  return goal.conditions.every((c) => conditionHolds(c, figures));
}

/**
 * The metrics a goal asks for that this problem does not have (accuracy on a
 * regression, R² on a classification): their names, or [].
 */
export function unavailableMetrics(goal, regression) {
  return goal.conditions.map((c) => c.metric).filter((m) =>
    (regression && METRICS[m].kind === 'accuracy') || (!regression && METRICS[m].kind === 'r2'));
}

/**
 * Follows a goal epoch by epoch: epoch(figures) after each completed epoch.
 * `held` counts the epochs in a row it has held; it is met at the epoch where
 * that count reaches `need` (HOLD_EPOCHS), and stays met until reset().
 */
export class GoalTracker {
  constructor(goal, need = HOLD_EPOCHS) {
    this.goal = goal;
    this.need = need;
    this.reset();
  }

  reset() {
    this.held = 0;
    this.met = null;   // the figures of the epoch at which it was met
  }

  /** One completed epoch; returns true exactly when the goal becomes met. */
  epoch(figures) {
    if (this.met) return false;
    this.held = goalHolds(this.goal, figures) ? this.held + 1 : 0;
    if (this.held >= this.need) {
      this.met = { ...figures };
      return true;
    }
    return false;
  }

  /** Hand-tuning (no epochs): met as soon as the figures satisfy it. Returns true when it becomes met. */
  check(figures) {
    if (this.met) return false;
    this.held = goalHolds(this.goal, figures) ? this.need : 0;
    if (this.held >= this.need) {
      this.met = { ...figures };
      return true;
    }
    return false;
  }

  /** The frame's view of it: {held, need, met, metEpoch}. */
  progress() {
    return { held: this.held, need: this.need, met: !!this.met, metEpoch: this.met ? this.met.epoch : null };
  }
}
