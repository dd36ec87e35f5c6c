// The "Compare · replay · measure" card (issue 12) under the playground: tabs
// for comparing two runs, the metrics panel and the learning-rate finder. It
// tells the page which panel is open and on screen (onView), so the worker
// computes the metrics only while someone looks at them.

import { h } from '../dom.js';
import { Lifetime } from '../lifetime.js';
import { tabs } from '../teach/tabs.js';
import { CompareView } from './compare.js';
import { EvaluationView } from './evaluation.js';
import { LrFinderView } from './lrFinder.js';

export class AnalysisCard {
  /**
   * @param {Function} t the instance's translator
   * @param {object} handlers CompareView's (onPin, onUnpin, onSameStart), EvaluationView's
   *   (onSet, onHighlight), LrFinderView's (onFind, onApply), and onView({tab, onScreen, set})
   */
  constructor(t, handlers) {
    this.onView = handlers.onView;
    this.compare = new CompareView(t, handlers);
    this.evaluation = new EvaluationView(t, {
      onSet: (set) => { handlers.onSet(set); this.report(); },
      onHighlight: handlers.onHighlight,
    });
    this.lr = new LrFinderView(t, handlers);
    this.onScreen = true;
    this.tabs = tabs([
      { key: 'compare', label: t('analysis.compare'), panel: this.compare.el },
      { key: 'metrics', label: t('analysis.metrics'), panel: this.evaluation.el },
      { key: 'lr', label: t('analysis.lr'), panel: this.lr.el },
    ], { label: t('analysis.title'), id: 'analysis', onSelect: () => this.report() });
    this.el = h('section', { class: 'np-card np-analysis', 'data-testid': 'analysis', 'data-control': 'analysis', 'aria-label': t('analysis.title') },
      h('h2', { class: 'np-card-title', text: t('analysis.title') }), this.tabs.el);
    this.life = new Lifetime();
    if (typeof IntersectionObserver !== 'undefined') {
      this.life.observe(new IntersectionObserver((entries) => {
        const on = entries.some((e) => e.isIntersecting);
        if (on === this.onScreen) return;
        this.onScreen = on;
        this.report();
      }), this.el);
    }
  }

  destroy() {
    this.life.end();
  }

  /** The open tab and whether it is seen; the metrics panel's data set. */
  report() {
    if (!this.tabs) return;  // still being built
    this.onView({ tab: this.tabs.selected, onScreen: this.onScreen, set: this.evaluation.set });
  }

  /** Opens a tab ('compare', 'metrics', 'lr'). */
  select(key) {
    this.tabs.select(key);
  }
}
