// The lesson's rules as the worker enforces them (the page sends them with the
// 'lesson' message): the goal, followed after every completed epoch (met once
// it has held HOLD_EPOCHS epochs in a row; in hand-tune mode as soon as the
// hand-set weights satisfy it); max-epochs (training pauses there and does not
// go on); hand-tune mode (no training at all); the limits and locks a model
// file must keep. No DOM.
import { parseGoal, GoalTracker } from '../lesson/goal.js';
import { attrName } from '../state.js';

export class LessonRules {
  constructor() {
    this.set({});
  }

  /** lesson: {goal?: text, maxEpochs?, maxLayers?, maxNeurons?, locked?: [control names], handTune?} */
  set(lesson) {
    const r = lesson.goal ? parseGoal(lesson.goal) : null;
    this.goalText = r && r.goal ? r.goal.text : null;
    this.tracker = r && r.goal ? new GoalTracker(r.goal) : null;
    this.maxEpochs = Number.isInteger(lesson.maxEpochs) && lesson.maxEpochs > 0 ? lesson.maxEpochs : null;
    this.maxLayers = Number.isInteger(lesson.maxLayers) ? lesson.maxLayers : null;
    this.maxNeurons = Number.isInteger(lesson.maxNeurons) ? lesson.maxNeurons : null;
    this.locked = Array.isArray(lesson.locked) ? lesson.locked.slice() : [];
    this.handTune = lesson.handTune === true;
  }

  /** Training is allowed from this epoch (not hand-tuning, not at max-epochs). */
  canTrain(epoch) {
    return !this.handTune && (this.maxEpochs === null || epoch < this.maxEpochs);
  }

  /** The pause epoch ("pause every", or null) capped at max-epochs. */
  stopAt(pause) {
    if (this.maxEpochs === null) return pause;
    return pause === null ? this.maxEpochs : Math.min(pause, this.maxEpochs);
  }

  /** The goal is checked epoch by epoch (so training runs epoch by epoch). */
  perEpoch() {
    return !!this.tracker && !this.handTune;
  }

  /** A fresh run: the goal starts over. */
  restart() {
    if (this.tracker) this.tracker.reset();
  }

  /**
   * One completed epoch (figures: {epoch, trainLoss, testLoss, trainMetric,
   * testMetric, regression}); true when the goal becomes met.
   */
  epoch(figures) {
    return !!this.tracker && this.tracker.epoch(figures);
  }

  /** Hand-tuning: the current figures; true when the goal becomes met. */
  check(figures) {
    return !!this.tracker && this.handTune && this.tracker.check(figures);
  }

  /** The frame's 'goal' field: progress, or null without a goal. */
  progress() {
    return this.tracker ? this.tracker.progress() : null;
  }

  /** Why a model file's changes break the lesson (a message), or null. */
  refuse(patch, state) {
    const locked = Object.keys(patch).filter((k) => this.locked.includes(attrName(k)));
    if (locked.length) return `the lesson fixed ${locked.map(attrName).join(', ')}`;
    if (this.maxLayers !== null && state.layers.length > this.maxLayers) return `the lesson allows at most ${this.maxLayers} hidden layers`;
    const neurons = state.layers.reduce((a, b) => a + b, 0);
    if (this.maxNeurons !== null && neurons > this.maxNeurons) return `the lesson allows at most ${this.maxNeurons} neurons`;
    return null;
  }
}
