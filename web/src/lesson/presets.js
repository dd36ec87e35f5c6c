// Lesson presets: the course's examples as small JSON files in presets/ (one
// per preset, its name = its file name), gathered at build time into
// generated/presets.js. A preset gives settings ("state", by URL name), lesson
// rules ("lesson": goal, constraints, locks, mode), how many hints it has and
// a reference solution (settings, or hand-set weights) that reaches its goal;
// its words are in the string tables: preset.<name>.title, .task, .hint1 ...
// (tests/browser/presets.test.mjs checks both, and trains every solution).
import { PRESET_FILES } from '../generated/presets.js';
import { parseEntries, defaults } from '../state.js';

/** The presets' names, as `preset=` takes them. */
export const PRESET_NAMES = Object.keys(PRESET_FILES);

const entriesOf = (object) => Object.entries(object || {}).filter(([k]) => k !== 'weights' && !k.startsWith('$'));

/**
 * A preset by name: {name, state: [name, value][], lesson: [name, value][],
 * hints (count), solution: {state: [name, value][], weights: number[][] | null}}, or null.
 */
export function preset(name) {
  if (!Object.hasOwn(PRESET_FILES, name)) return null;
  const p = PRESET_FILES[name];
  return {
    name,
    state: entriesOf(p.state),
    lesson: entriesOf(p.lesson).map(([k, v]) => [k, String(v)]),
    hints: Number.isInteger(p.hints) && p.hints > 0 ? p.hints : 0,
    solution: { state: entriesOf(p.solution), weights: p.solution && Array.isArray(p.solution.weights) ? p.solution.weights : null },
  };
}

/** The settings a preset starts from (over `base`): {state, warnings}. */
export function presetState(name, base = defaults()) {
  const p = preset(name);
  return p ? parseEntries(p.state, base) : { state: base, warnings: [] };
}

/** A preset's hints in t's language. */
export function presetHints(name, t) {
  const p = preset(name);
  return p ? Array.from({ length: p.hints }, (_, i) => t(`preset.${name}.hint${i + 1}`)) : [];
}
