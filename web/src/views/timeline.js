// The timeline under the loss chart (issue 12): a slider over the run's
// snapshots (log-spaced epochs, kept by the worker) and the present. Dragging
// it asks the worker for frames of the network as it was (the plot, the
// neuron maps, the diagram's weights, the inspector and the code view all
// follow); its label says which epoch is shown. "Resume from here" trains on
// from the epoch shown; Play goes on from the present.

import { h, svg, setText } from '../dom.js';

export class TimelineView {
  /**
   * @param {Function} t the instance's translator
   * @param {{onScrub: (epoch: number|null) => void, onResume: (epoch: number) => void}} handlers
   *   onScrub(null): back to the present
   */
  constructor(t, { onScrub, onResume }) {
    this.t = t;
    this.onScrub = onScrub;
    this.epochs = [];     // the snapshots' epochs (before the present)
    this.run = null;      // the run they belong to
    this.present = 0;
    this.shown = null;    // the epoch shown, null = the present
    this.asked = undefined;  // the epoch last asked for, until a frame shows it (frames still in flight show older ones)
    this.input = h('input', {
      type: 'range', class: 'np-range np-timeline-range', min: '0', max: '0', step: '1', value: '0',
      'aria-label': t('timeline.slider'), 'data-testid': 'timeline',
    });
    this.input.addEventListener('input', () => this.scrubTo(Number(this.input.value)));
    this.label = h('span', { class: 'np-timeline-label', 'data-testid': 'timeline-label', 'aria-live': 'off' });
    // (On a phone the button shows only its icon; its name stays in aria-label.)
    this.resume = h('button', {
      class: 'np-button np-timeline-resume', type: 'button', 'data-action': 'timeline-resume', 'aria-label': t('timeline.resume'),
      title: t('timeline.resume'), disabled: true, on: { click: () => { if (this.shown !== null) onResume(this.shown); } },
    }, svg('svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' }, svg('path', { d: 'M5 5h3v14H5zm5 0l10 7-10 7z', fill: 'currentColor' })),
    h('span', { class: 'np-timeline-resume-text', text: t('timeline.resume') }));
    this.el = h('div', { class: 'np-timeline', 'data-control': 'replay', title: t('timeline.help') },
      this.input, this.label, this.resume);
    this.write();
  }

  /** The snapshots the worker holds for run `run` (the 'timeline' message). */
  setSnapshots(run, epochs, bytes) {
    this.run = run;
    this.epochs = epochs.slice();
    this.el.setAttribute('title', `${this.t('timeline.help')}\n${this.t('timeline.memory', { n: epochs.length, kb: Math.ceil(bytes / 1024) })}`);
    this.write();
  }

  /** A frame: the present epoch, and the epoch it shows (replay, or null). */
  frame(f) {
    this.present = f.epoch;
    this.running = f.running;
    this.frameRun = f.run;
    const replay = f.replay ?? null;
    if (this.asked !== undefined) {
      if (replay === this.asked) this.asked = undefined;
    } else if (replay !== this.shown && (replay === null || this.positions().includes(replay))) {
      this.shown = replay;  // the worker's own change: Play, a new run, a branch
    }
    this.write();
  }

  /** Back to the present (Play, a new run). */
  toPresent() {
    this.shown = null;
    this.asked = undefined;
    this.write();
  }

  // The slider's positions: the snapshots before the present, then the present.
  // (A new run's snapshots come with its first 'timeline' message; an old run's do not count.)
  positions() {
    const epochs = this.run === this.frameRun ? this.epochs : [];
    return [...epochs.filter((e) => e < this.present), null];
  }

  scrubTo(index) {
    const positions = this.positions();
    const epoch = positions[Math.max(0, Math.min(positions.length - 1, index))];
    if (epoch === this.shown) return;
    this.shown = epoch;
    this.asked = epoch;
    this.write();
    this.onScrub(epoch);
  }

  // Touches the DOM only when something shown changes: while training at the
  // present the row stays as it is (the run bar counts the epochs), so frames
  // cost no layout here.
  write() {
    const t = this.t;
    const positions = this.positions();
    const index = this.shown === null ? positions.length - 1 : Math.max(0, positions.indexOf(this.shown));
    const text = this.shown !== null ? t('timeline.at', { epoch: this.shown, last: this.present })
      : this.running ? t('timeline.live') : t('timeline.present', { epoch: this.present });
    const key = `${positions.length}|${index}|${text}`;
    if (key === this.written) return;
    this.written = key;
    this.input.max = String(positions.length - 1);
    if (Number(this.input.value) !== index) this.input.value = String(index);
    this.input.disabled = positions.length < 2;
    setText(this.label, text);
    this.input.setAttribute('aria-valuetext', text);
    this.resume.disabled = this.shown === null;
    this.el.classList.toggle('np-replaying', this.shown !== null);
  }
}
