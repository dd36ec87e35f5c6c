// Hand-tune mode (mode="hand-tune"): training is off and the learner sets
// every weight and bias with a slider or by typing its value, as in the
// course's "set w and b by hand" labs. Each change goes to the worker at
// once (setWeight), which answers with a frame: the loss and the boundary
// follow while the slider moves. Grouped by neuron, labelled like the diagram.

import { h, fmt } from '../dom.js';
import { FEATURES } from '../features.js';

const RANGE = 10;   // the sliders' span (typed values may go beyond it)
const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
/** 12 -> '₁₂' */
const subscript = (n) => String(n).replace(/\d/g, (d) => SUBSCRIPTS[d]);
const STEP = 0.05;

export class HandTune {
  /**
   * @param {Function} t the instance's translator
   * @param {{onEdit: (index: number, offset: number, value: number) => void}} handlers
   */
  constructor(t, { onEdit }) {
    this.t = t;
    this.onEdit = onEdit;
    this.groups = h('div', { class: 'np-handtune-groups' });
    this.el = h('div', { class: 'np-handtune', 'data-testid': 'hand-tune' },
      h('h3', { class: 'np-subtitle', text: t('handTune.title') }),
      h('p', { class: 'np-help', text: t('handTune.help') }),
      this.groups);
    this.inputs = [];   // {index, offset, flat, slider, number}
  }

  /** One row of sliders per weight of the model ({features, layers, output, shapes}). */
  setModel(model) {
    const t = this.t;
    this.inputs = [];
    const specs = [...model.layers.map((l) => ({ ...l, hidden: true })), { ...model.output, hidden: false }];
    // each input's short name (the row) and full name (its label for screen readers)
    let inputNames = FEATURES.filter((f) => model.features.includes(f)).map((f) => t(`feature.${f}`));
    let inputLong = inputNames;
    let flat = 0;
    const groups = [];
    specs.forEach((layer, l) => {
      const kernelAt = flat;
      const biasAt = flat + inputNames.length * layer.units;
      for (let j = 0; j < layer.units; ++j) {
        const name = layer.hidden ? t('network.neuronName', { l: l + 1, j: j + 1 }) : t('network.outputName', { j: j + 1 });
        const rows = inputNames.map((from, i) => this.row(t('handTune.weight', { from: inputLong[i], to: name }), t('handTune.weightShort', { from }),
          2 * l, i * layer.units + j, kernelAt + i * layer.units + j));
        rows.push(this.row(t('handTune.bias', { to: name }), t('handTune.biasShort'), 2 * l + 1, j, biasAt + j));
        groups.push(h('fieldset', { class: 'np-handtune-neuron' }, h('legend', { text: name }), rows));
      }
      flat = biasAt + layer.units;
      // the next layer's inputs: this layer's outputs a₁, a₂, ... (the group says which neuron they feed)
      inputNames = Array.from({ length: layer.units }, (_, j) => `a${subscript(j + 1)}`);
      inputLong = Array.from({ length: layer.units }, (_, j) => t('network.neuronName', { l: l + 1, j: j + 1 }));
    });
    this.groups.replaceChildren(...groups);
  }

  row(label, short, index, offset, flat) {
    const slider = h('input', { type: 'range', class: 'np-range', min: -RANGE, max: RANGE, step: STEP, 'aria-label': label, 'data-weight': `${index}/${offset}` });
    const number = h('input', { type: 'number', class: 'np-input np-num', step: 'any', inputmode: 'decimal', 'aria-label': label, 'data-weight-value': `${index}/${offset}` });
    const send = (v) => { if (Number.isFinite(v)) this.onEdit(index, offset, v); };
    slider.addEventListener('input', () => {
      number.value = slider.value;
      send(Number(slider.value));
    });
    number.addEventListener('input', () => {
      if (number.value.trim() === '') return;
      const v = Number(number.value);
      if (!Number.isFinite(v)) return;
      slider.value = String(Math.max(-RANGE, Math.min(RANGE, v)));
      send(v);
    });
    this.inputs.push({ flat, slider, number });
    return h('label', { class: 'np-handtune-row' }, h('span', { class: 'np-handtune-label', text: short }), slider, number);
  }

  /** The current weights (a frame's flat array): every row the learner is not editing right now. */
  update(weights) {
    if (!weights) return;
    const active = this.el.getRootNode().activeElement;
    for (const r of this.inputs) {
      if (r.flat >= weights.length) continue;
      const v = weights[r.flat];
      if (r.number !== active) r.number.value = fmt(v, 4);
      if (r.slider !== active) r.slider.value = String(Math.max(-RANGE, Math.min(RANGE, v)));
    }
  }
}
