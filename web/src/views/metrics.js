// The output card's figures: test and training loss, and accuracy (or R² for
// regression), plus the problem type. After a divergence R² is meaningless
// (the predictions blew up): it shows "–".

import { h, setText, fmt } from '../dom.js';

const pct = (v) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');

export class Metrics {
  /** @param {Function} t the instance's translator */
  constructor(t) {
    this.t = t;
    const metric = (key, label) => {
      const value = h('span', { class: 'np-metric-value', 'data-testid': key, text: '–' });
      const name = h('span', { class: 'np-metric-label', text: label });
      return { name, value, el: h('div', { class: 'np-metric' }, name, value) };
    };
    this.testLoss = metric('test-loss', t('output.testLoss'));
    this.trainLoss = metric('train-loss', t('output.trainLoss'));
    this.testMetric = metric('test-metric', t('output.testAccuracy'));
    this.trainMetric = metric('train-metric', t('output.trainAccuracy'));
    this.problem = h('span', { class: 'np-problem-value', 'data-testid': 'problem' });
    this.el = h('div', { class: 'np-metrics' }, this.testLoss.el, this.trainLoss.el, this.testMetric.el, this.trainMetric.el);
  }

  /** Labels for the problem: accuracy or R², and the problem's name. */
  setProblem(regression, classes) {
    const t = this.t;
    this.regression = regression;
    setText(this.testMetric.name, regression ? t('output.testR2') : t('output.testAccuracy'));
    setText(this.trainMetric.name, regression ? t('output.trainR2') : t('output.trainAccuracy'));
    setText(this.problem, regression ? t('problem.regression') : classes > 2 ? t('problem.multiclass', { k: classes }) : t('problem.classification'));
  }

  /** The figures of a frame. */
  update(f) {
    setText(this.testLoss.value, fmt(f.testLoss));
    setText(this.trainLoss.value, fmt(f.trainLoss));
    const metric = this.metricText(f);
    setText(this.testMetric.value, metric(f.testMetric));
    setText(this.trainMetric.value, metric(f.trainMetric));
  }

  /** How a frame's metric is written: a percentage, or R² (none after a divergence). */
  metricText(f) {
    if (!f.regression) return pct;
    return (v) => (f.diverged ? '–' : fmt(v));
  }
}
