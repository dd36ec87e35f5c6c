// The goal card: the exercise in words ("Reach a test accuracy of at least
// 95 % with at most 4 neurons"), live progress against each condition, how
// many epochs in a row it has held, the mark when it is met, and the hints,
// revealed one at a time by the Hint button. It only draws what it is given.

import { h, setText, fmt } from '../dom.js';
import { METRICS, metricValue, conditionHolds, unavailableMetrics } from './goal.js';

const pct = (v) => `${Math.round(v * 1000) / 10} %`;
/** Operators as the strings keys name them. */
const OP_NAMES = { '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' };

/** A metric's value as the card writes it (accuracies in percent). */
export function metricText(metric, v) {
  if (!Number.isFinite(v)) return '–';
  const kind = METRICS[metric].kind;
  if (kind === 'accuracy') return pct(v);
  if (kind === 'epoch') return String(Math.round(v));
  return fmt(v);
}

/** One condition in words: "a test accuracy of at least 95 %", "by epoch 300". */
function conditionWords(t, c) {
  const value = metricText(c.metric, c.value);
  if (c.metric === 'epoch') return t(`goal.epoch.${OP_NAMES[c.op]}`, { value });
  return t(`goal.op.${OP_NAMES[c.op]}`, { metric: t(`goal.metric.${c.metric}`), value });
}

/** The lesson's limits as a list in words: "at most 1 hidden layer, at most 4 neurons and at most 300 epochs". */
function limitWords(t, lesson) {
  const out = [];
  const one = (n, key) => (n === 1 ? t(`goal.limit.${key}1`, { n }) : t(`goal.limit.${key}`, { n }));
  if (lesson.maxLayers === 0) out.push(t('goal.limit.noHidden'));
  else if (lesson.maxLayers !== null) out.push(one(lesson.maxLayers, 'layers'));
  if (lesson.maxNeurons !== null) out.push(one(lesson.maxNeurons, 'neurons'));
  if (lesson.maxEpochs !== null) out.push(one(lesson.maxEpochs, 'epochs'));
  if (out.length < 2) return out.join('');
  return out.slice(0, -1).join(t('goal.listJoin')) + t('goal.listLast') + out[out.length - 1];
}

/**
 * The exercise in one sentence, in t's language: the goal's conditions and
 * the lesson's limits, or just the limits when there is no goal ('' for neither).
 */
export function describeLesson(t, lesson) {
  const list = limitWords(t, lesson);
  if (lesson.goal) {
    const conditions = lesson.goal.conditions.map((c) => conditionWords(t, c)).join(t('goal.and'));
    return t('goal.sentence', { conditions, limits: list ? t('goal.with', { list }) : '' });
  }
  return list ? t('goal.limitsOnly', { list }) : '';
}

/** A condition in symbols for the progress rows: "test accuracy ≥ 95 %". */
function conditionShort(t, c) {
  return `${t(`goal.metric.${c.metric}`)} ${SYMBOLS[c.op]} ${metricText(c.metric, c.value)}`;
}
const SYMBOLS = { '<': '<', '<=': '≤', '>': '>', '>=': '≥' };

export class GoalCard {
  /**
   * @param {Function} t the instance's translator
   * @param {{onHint: () => void}} handlers onHint: the learner asks for the next hint
   */
  constructor(t, { onHint }) {
    this.t = t;
    this.title = h('h2', { class: 'np-card-title', text: t('lesson.title') });
    this.task = h('p', { class: 'np-goal-task', hidden: true });
    this.words = h('p', { class: 'np-goal-words', 'data-testid': 'goal-words' });
    this.rows = h('ul', { class: 'np-goal-progress', 'aria-label': t('goal.progress') });
    this.held = h('p', { class: 'np-goal-held', 'data-testid': 'goal-held' });
    this.status = h('p', { class: 'np-goal-status', role: 'status', 'data-testid': 'goal-status' });
    this.hintButton = h('button', { class: 'np-button np-hint-button', type: 'button', 'data-action': 'hint', on: { click: () => onHint() } });
    this.hintList = h('div', { class: 'np-hints', 'data-testid': 'hints', 'aria-live': 'polite' });
    this.el = h('section', { class: 'np-card np-goal-card', 'data-testid': 'goal-card', 'aria-label': t('lesson.title') },
      this.title, this.task, this.words, this.rows, this.held, this.status,
      h('div', { class: 'np-hint-row' }, this.hintButton), this.hintList);
    this.lesson = null;
    this.regression = false;
  }

  /** The lesson to show (goal, limits, preset title and task) for a problem kind. */
  setLesson(lesson, regression) {
    const t = this.t;
    this.lesson = lesson;
    this.regression = regression;
    setText(this.title, lesson.preset ? t('lesson.titlePreset', { name: t(`preset.${lesson.preset}.title`) }) : t('lesson.title'));
    this.task.hidden = !lesson.preset;
    setText(this.task, lesson.preset ? t(`preset.${lesson.preset}.task`) : '');
    const words = describeLesson(t, lesson);
    this.words.hidden = !words;
    setText(this.words, words);
    this.rowEls = [];
    this.rows.replaceChildren(...(lesson.goal ? lesson.goal.conditions.map((c) => {
      const value = h('span', { class: 'np-goal-value' });
      const bar = h('span', { class: 'np-goal-bar' }, h('span', { class: 'np-goal-fill' }));
      const li = h('li', { class: 'np-goal-row' }, h('span', { class: 'np-goal-label', text: conditionShort(t, c) }), value, bar);
      this.rowEls.push({ c, li, value, fill: bar.firstChild });
      return li;
    }) : []));
    this.rows.hidden = !lesson.goal;
    this.held.hidden = !lesson.goal;
    const missing = lesson.goal ? unavailableMetrics(lesson.goal, regression) : [];
    this.status.classList.toggle('np-goal-warn', missing.length > 0);
    setText(this.status, missing.length ? t('goal.unavailable', { metrics: missing.join(', ') }) : '');
    this.met = null;
    this.el.classList.remove('np-goal-met');
  }

  /** Live progress from a frame (its figures and its goal {held, need, met, metEpoch}). */
  update(f) {
    if (!this.lesson || !this.lesson.goal || !f.goal) return;
    const t = this.t;
    for (const r of this.rowEls) {
      const v = metricValue(r.c, f);
      setText(r.value, metricText(r.c.metric, v));
      r.li.classList.toggle('np-goal-ok', conditionHolds(r.c, f));
      r.fill.style.width = `${Math.round(progressOf(r.c, v) * 100)}%`;
    }
    const hand = this.lesson.mode === 'hand-tune';
    setText(this.held, hand ? t('goal.handTune') : t('goal.held', { n: Math.min(f.goal.held, f.goal.need), need: f.goal.need }));
    if (f.goal.met && !this.met) this.setMet({ epoch: f.goal.metEpoch });
    else if (!this.met && !this.status.classList.contains('np-goal-warn')) setText(this.status, t('goal.notYet'));
  }

  /** Marks the goal as reached (stays until the lesson changes). */
  setMet({ epoch }) {
    this.met = { epoch };
    this.el.classList.add('np-goal-met');
    setText(this.status, this.lesson.mode === 'hand-tune' ? this.t('goal.metHand') : this.t('goal.met', { epoch }));
  }

  /** The hint button's text and state: shown k of n. */
  setHints(shown, total) {
    const t = this.t;
    this.hintButton.hidden = total === 0;
    this.hintButton.disabled = shown >= total;
    setText(this.hintButton, shown >= total ? t('lesson.noMoreHints') : shown === 0 ? t('lesson.hint') : t('lesson.nextHint', { n: shown + 1, total }));
    this.hintButton.setAttribute('aria-label', shown >= total ? t('lesson.noMoreHints') : t('lesson.hintCount', { n: shown + 1, total }));
  }
}

/** How far a value is towards a condition, in [0, 1] (1 = holds). */
function progressOf(c, v) {
  if (!Number.isFinite(v)) return 0;
  if (conditionHolds(c, { trainLoss: v, testLoss: v, trainMetric: v, testMetric: v, epoch: v, regression: c.metric === 'r2' })) return 1;
  const target = c.value;
  if (c.op === '>' || c.op === '>=') return target > 0 ? Math.max(0, Math.min(1, v / target)) : 0;
  // below a target: losses fall towards it
  return v > 0 ? Math.max(0, Math.min(1, target / v)) : 0;
}
