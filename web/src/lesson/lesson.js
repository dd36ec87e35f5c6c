// The lesson inside one playground (issue 11): its goal card and hints,
// hand-tune mode, the constraints the learner's changes must keep (locked
// controls, max-layers, max-neurons; max-epochs and the goal itself are
// followed in the worker, worker/lessonRules.js), the files it loads
// (data-src, model-src) and the nn-goal report. App creates one per instance
// and calls it from a few places (build, listen, learner changes, controls).

import { h, svg } from '../dom.js';
import { say } from '../i18n/index.js';
import { normalize, attrName, sameValue, layerValue, LAYER_KEYS } from '../state.js';
import { emptyLesson, isLesson, limitBroken, hiddenNeurons, workerRules } from './options.js';
import { presetHints } from './presets.js';
import { GoalCard } from './goalCard.js';
import { HandTune } from './handTune.js';
import { goalDetail } from './report.js';

const MAX_FILE_BYTES = 20 * 1024 * 1024;
const LOCK_PATH = 'M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5zm-3 8V7a3 3 0 0 1 6 0v3H9z';

/** A small lock icon for a control the lesson fixed. */
function lockIcon(name) {
  return h('span', { class: 'np-lock', 'data-lock-for': name, 'aria-hidden': 'true' },
    svg('svg', { viewBox: '0 0 24 24', width: '12', height: '12', focusable: 'false' }, svg('path', { d: LOCK_PATH, fill: 'currentColor' })));
}
const FORM = 'button, select, input, textarea';

/** Fetches a lesson file (data-src, model-src) beside the page: same origin only. */
async function fetchLessonFile(src, base) {
  let url;
  try {
    url = new URL(src, base);
  } catch {
    throw new Error('not a URL');
  }
  if (url.origin !== new URL(base).origin) throw Object.assign(new Error('other origin'), { origin: true });
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status}${response.statusText ? ' ' + response.statusText : ''}`);
  const text = await response.text();
  if (text.length > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  return text;
}

/**
 * Whether setting `key` really changes from `state` to `next`. A per-layer
 * setting counts only on the layers both have: a new layer that copies the
 * last one's activation changes no locked choice.
 */
function settingChanged(state, next, key) {
  if (!LAYER_KEYS.includes(key)) return !sameValue(state[key], next[key]);
  const n = Math.max(1, Math.min(state.layers.length, next.layers.length));
  for (let i = 0; i < n; ++i) if (layerValue(state, key, i) !== layerValue(next, key, i)) return true;
  return false;
}

export class Lesson {
  /**
   * @param {import('../app.js').App} app
   * @param {object} [lesson] the parsed lesson (options.js), default: none
   * @param {object} [hooks]
   * @param {() => Element[]} [hooks.hintNodes] the element's slot="hint" children (the author's own HTML)
   * @param {(detail: object) => void} [hooks.onGoal] the goal is met (nn-goal)
   * @param {string} [hooks.baseUrl] what data-src and model-src are relative to
   */
  constructor(app, lesson = emptyLesson(), hooks = {}) {
    this.app = app;
    this.lesson = lesson;
    this.hooks = hooks;
    this.revealed = 0;
    this.regression = false;
    this.pending = {};      // lesson files on their way to the worker: {data: name, model: name}
    this.wasRunning = false;
  }

  get handTune() {
    return this.lesson.mode === 'hand-tune';
  }


  // ---- views ----
  /** Builds the lesson's views in t's language: {card, handTune} (null when not needed). */
  build(t) {
    this.t = t;
    this.card = isLesson(this.lesson) || this.hintCount() > 0 ? new GoalCard(t, { onHint: () => this.revealHint() }) : null;
    this.tuner = this.handTune ? new HandTune(t, { onEdit: (index, offset, value) => this.app.bridge.send({ type: 'setWeight', index, offset, value }) }) : null;
    if (this.card) {
      this.card.setLesson(this.lesson, this.regression);
      if (this.met) this.card.setMet(this.met);
      this.showHints();
    }
    return { card: this.card, handTune: this.tuner };
  }

  /** Sends the rules to the worker and loads the lesson's files (once). */
  start() {
    this.app.bridge.send({ type: 'lesson', lesson: workerRules(this.lesson) });
    this.loadFiles();
  }

  /** A new lesson (the element's attributes changed): views, rules, limits. */
  update(lesson) {
    const filesChanged = lesson.dataSrc !== this.lesson.dataSrc || lesson.modelSrc !== this.lesson.modelSrc;
    if (JSON.stringify(lesson.goal) !== JSON.stringify(this.lesson.goal)) this.met = null;
    this.lesson = lesson;
    this.revealed = Math.min(this.revealed, this.hintCount());
    this.app.rebuild();
    this.app.bridge.send({ type: 'lesson', lesson: workerRules(this.lesson) });
    if (filesChanged) this.loadFiles();
  }

  // ---- hints ----
  /** The hints for the current language: [{node} | {text}]. */
  hints() {
    const lang = this.t ? this.t.lang : 'en';
    const pick = (items, langOf) => {
      const mine = items.filter((x) => !langOf(x) || langOf(x) === lang);
      return mine.length ? mine : items;  // only other-language hints: better than none
    };
    const nodes = this.hooks.hintNodes ? this.hooks.hintNodes() : [];
    if (nodes.length) return pick(nodes, (n) => n.getAttribute('lang')).map((node) => ({ node }));
    if (this.lesson.hints.length) return pick(this.lesson.hints, (x) => x.lang).map((x) => ({ text: x.text }));
    return this.lesson.preset && this.t ? presetHints(this.lesson.preset, this.t).map((text) => ({ text })) : [];
  }

  hintCount() {
    return this.hints().length;
  }

  /** The element's hint children changed: show them (a card appears if there was none). */
  hintsChanged() {
    if (!this.card && this.hintCount() > 0) this.app.rebuild();
    else this.showHints();
  }

  revealHint() {
    this.revealed = Math.min(this.revealed + 1, this.hintCount());
    this.showHints();
  }

  /** Shows the first `revealed` hints: texts as paragraphs, the author's nodes through a slot. */
  showHints() {
    if (!this.card) return;
    const list = this.hints();
    const shown = list.slice(0, this.revealed);
    const box = this.card.hintList;
    if (list.some((x) => x.node)) {
      // The author's elements stay theirs: assigned to our slot, never copied.
      let slot = box.querySelector('slot');
      if (!slot) box.replaceChildren((slot = h('slot', { name: 'hint' })));
      if (typeof slot.assign === 'function') slot.assign(...shown.map((x) => x.node));
    } else {
      box.replaceChildren(...shown.map((x, i) => h('p', { class: 'np-hint', text: x.text, 'data-hint': String(i + 1) })));
    }
    this.card.setHints(shown.length, list.length);
  }

  // ---- from the worker ----
  model(m) {
    if (m.regression !== this.regression && this.card) this.card.setLesson(this.lesson, m.regression);
    this.regression = m.regression;
    if (this.tuner) this.tuner.setModel(m);
  }

  frame(f) {
    if (this.card) this.card.update(f);
    if (this.tuner) this.tuner.update(f.weights);
    // Training stopped at the lesson's last epoch: say so once.
    if (this.wasRunning && !f.running && this.lesson.maxEpochs !== null && f.epoch >= this.lesson.maxEpochs) this.maxEpochsNotice();
    this.wasRunning = f.running;
    this.epoch = f.epoch;
  }

  goalMet(m) {
    this.met = { epoch: m.epoch };
    if (this.card) this.card.setMet(this.met);
    if (this.hooks.onGoal) this.hooks.onGoal(goalDetail(m, this.app.state));
  }

  maxEpochsNotice() {
    const n = this.lesson.maxEpochs;
    const text = this.met ? this.t('lesson.maxEpochsDone', { n, epoch: this.met.epoch }) : this.t('lesson.maxEpochsReached', { n });
    this.app.notices.show(text, { kind: 'info', topic: 'lesson' });
  }

  // ---- the learner's changes ----
  /** A run command from the learner: false (with a notice) when the lesson does not allow it now. */
  allowCommand(type) {
    if (type !== 'toggle' && type !== 'play' && type !== 'step') return true;
    if (this.handTune) {
      this.app.notices.show(this.t('handTune.off'), { kind: 'info', topic: 'lesson' });
      return false;
    }
    if (this.lesson.maxEpochs !== null && (this.epoch ?? 0) >= this.lesson.maxEpochs) {
      this.maxEpochsNotice();
      return false;
    }
    return true;
  }

  /** True when the control named (a CONTROL_NAMES entry) is locked by the lesson. */
  locked(name) {
    return this.lesson.locked.includes(name);
  }

  /**
   * A learner's settings patch as the lesson allows it: without the locked keys,
   * and not past max-layers / max-neurons (a new layer shrinks to fit if it
   * can). Says why in a notice when something was refused. Returns the patch.
   */
  allow(patch, state) {
    const out = {};
    const refused = [];
    const wanted = normalize({ ...state, ...patch });
    for (const [k, v] of Object.entries(patch)) {
      if (this.locked(attrName(k)) && settingChanged(state, wanted, k)) refused.push(attrName(k));
      else out[k] = v;
    }
    if (refused.length) this.refuse({ key: 'lesson.lockedHit', params: { name: refused.join(', ') } });
    if (!('layers' in out)) return out;
    const next = normalize({ ...state, ...out });
    let broken = limitBroken(next, this.lesson);
    if (broken && next.layers.length > state.layers.length && this.lesson.maxNeurons !== null) {
      // A new layer copies the last one's size: make it as big as still fits.
      const room = this.lesson.maxNeurons - hiddenNeurons(state);
      if (room >= 1 && !(this.lesson.maxLayers !== null && next.layers.length > this.lesson.maxLayers)) {
        out.layers = [...next.layers.slice(0, -1), Math.min(next.layers.at(-1), room)];
        broken = null;
      }
    }
    if (broken && limitBroken(state, this.lesson) === null) {
      this.refuse(broken);
      delete out.layers;
      for (const k of LAYER_KEYS) delete out[k];
    }
    return out;
  }

  refuse(warning) {
    this.app.notices.show(say(this.t, warning), { kind: 'warning', topic: 'lesson' });
  }

  /** The limits the network diagram shows and its buttons keep. */
  limits() {
    return { maxLayers: this.lesson.maxLayers, maxNeurons: this.lesson.maxNeurons };
  }

  /**
   * Marks the locked controls inside `root`: disabled (so neither a click nor
   * a key changes them), a lock icon, a tooltip saying the lesson fixed it.
   * Runs after every rebuild of the views (App.applyControls).
   */
  applyLocks(root) {
    const tip = this.t('lesson.locked');
    for (const icon of root.querySelectorAll('.np-lock')) icon.remove();
    for (const el of root.querySelectorAll('[data-control]')) {
      const name = el.getAttribute('data-control');
      const on = this.locked(name);
      const wasLocked = el.classList.contains('np-lesson-locked');
      if (!on && !wasLocked) continue;
      el.classList.toggle('np-lesson-locked', on);
      const forms = el.matches(FORM) ? [el] : [...el.querySelectorAll(FORM)];
      for (const c of forms) {
        if (on && !c.disabled) { c.disabled = true; c.setAttribute('data-lesson-disabled', ''); }
        else if (!on && c.hasAttribute('data-lesson-disabled')) { c.disabled = false; c.removeAttribute('data-lesson-disabled'); }
      }
      if (on) {
        el.setAttribute('title', tip);
        if (!el.matches(FORM) && el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
      } else if (el.getAttribute('title') === tip) el.removeAttribute('title');
      // A control the host did not show (controls=...) needs no lock to be seen.
      if (!on || el.matches('.np-ctl-hidden, .np-ctl-locked') || el.closest('.np-ctl-hidden')) continue;
      // The icon: inside a labelled control, next to a bare menu, once per row of buttons.
      if (el.matches('select, input')) {
        // a bare menu (the diagram's column heads): the lock on its row
        if (!el.parentElement.classList.contains('np-lock-wrap')) {
          const wrap = h('span', { class: 'np-lock-wrap' });
          el.replaceWith(wrap);
          wrap.append(el);
        }
        el.before(lockIcon(name));
      } else if (el.matches('button')) {
        if (!el.textContent.trim()) el.append(lockIcon(name));
        else {
          // a row of buttons (+ and −): one lock after the last of them
          const row = [...el.parentElement.querySelectorAll(`:scope > button[data-control="${name}"]`)];
          if (el === row[row.length - 1]) el.after(lockIcon(name));
        }
      } else (el.querySelector('.np-field-label, .np-slider-label, .np-help') || el).append(lockIcon(name));
    }
  }

  // ---- the lesson's files ----
  /** Loads data-src (the learner's points) and then model-src (trained weights) from beside the lesson. */
  async loadFiles() {
    const { dataSrc, modelSrc } = this.lesson;
    if (!dataSrc && !modelSrc) return;
    const base = this.hooks.baseUrl || location.href;
    const get = (src) => (src ? fetchLessonFile(src, base).then((text) => ({ text }), (error) => ({ error })) : null);
    const [data, model] = await Promise.all([get(dataSrc), get(modelSrc)]);
    if (this.app.destroyed) return;
    // In this order: the model's output layer must fit the lesson's points.
    if (data && data.text !== undefined) {
      this.pending.data = dataSrc;
      this.app.bridge.send({ type: 'importCsv', text: data.text });
    } else if (data) this.fileFailed(dataSrc, data.error);
    if (model && model.text !== undefined) {
      this.pending.model = modelSrc;
      this.app.bridge.send({ type: 'importModel', text: model.text });
    } else if (model) this.fileFailed(modelSrc, model.error);
  }

  fileFailed(file, error) {
    const message = error.origin ? this.t('lesson.srcOrigin', { file }) : error.message;
    this.app.notices.show(this.t('lesson.srcFailed', { file, message }), { kind: 'error', topic: `src-${file}` });
  }

  /** The worker's answer to a lesson file ('csvLoaded', 'csvError', 'modelImported', 'modelError'); true if it was one. */
  fileAnswer(type, m) {
    const which = type.startsWith('csv') ? 'data' : 'model';
    const file = this.pending[which];
    if (!file) return false;
    delete this.pending[which];
    const ok = type === 'csvLoaded' || type === 'modelImported';
    const key = ok ? (which === 'data' ? 'lesson.dataLoaded' : 'lesson.modelLoaded') : (which === 'data' ? 'lesson.dataBad' : 'lesson.modelBad');
    this.app.notices.show(this.t(key, { file, message: m.message || '', n: m.n }), { kind: ok ? 'info' : 'error', topic: which === 'model' ? 'model' : `src-${file}` });
    return true;
  }
}
