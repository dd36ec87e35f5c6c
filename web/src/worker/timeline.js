// The run's timeline (issue 12): snapshots of the model at log-spaced epochs
// (0, 1, 2, 3, 5, 8, 13, ... each the sum of the two before), so the early
// epochs, where the boundary changes fastest, are seen closely and a long run
// still needs few. Each snapshot keeps the flat weights (for the scrubbing
// frames) and the model as nnplay JSON (weights, optimizer state, shuffle and
// dropout generators: "Resume from here" continues exactly as the run did).
//
// Bounded: at most MAX_SNAPSHOTS snapshots and MAX_BYTES of memory (weights
// 4 bytes a number, JSON 2 bytes a character). Past either bound every other
// snapshot between the first and the newest is dropped, so the spacing stays
// logarithmic. No DOM: runs in the worker and under Node.

export const MAX_SNAPSHOTS = 40;
export const MAX_BYTES = 8 * 1024 * 1024;

/** The epochs a run is snapshotted at: 0, 1, 2, 3, 5, 8, 13, 21, ... (up to 10^7). */
export const SNAPSHOT_EPOCHS = (() => {
  const list = [0, 1, 2];
  while (list[list.length - 1] < 1e7) list.push(list[list.length - 1] + list[list.length - 2]);
  return Object.freeze(list);
})();

/** The first snapshot epoch after `epoch`. */
export function nextSnapshotEpoch(epoch) {
  for (const e of SNAPSHOT_EPOCHS) if (e > epoch) return e;
  return Infinity;
}

export class Timeline {
  constructor({ maxSnapshots = MAX_SNAPSHOTS, maxBytes = MAX_BYTES } = {}) {
    this.maxSnapshots = maxSnapshots;
    this.maxBytes = maxBytes;
    this.clear();
  }

  clear() {
    this.snapshots = [];  // [{epoch, weights: Float32Array, json: string, settings, bytes}], by epoch
    this.bytes = 0;
  }

  /** The epochs held, in order. */
  epochs() {
    return this.snapshots.map((s) => s.epoch);
  }

  has(epoch) {
    return this.snapshots.some((s) => s.epoch === epoch);
  }

  /** The snapshot taken at `epoch`, or null. */
  at(epoch) {
    return this.snapshots.find((s) => s.epoch === epoch) || null;
  }

  /**
   * Adds a snapshot (replacing one of the same epoch), then keeps the bounds.
   * @param {number} epoch
   * @param {Float32Array} weights the flat weights (kept, not copied)
   * @param {string} json the model as nnplay JSON
   * @param {object} settings what the run was trained with (for a branch to compare)
   */
  add(epoch, weights, json, settings) {
    this.dropAfter(epoch - 1);
    const bytes = weights.byteLength + json.length * 2;
    this.snapshots.push({ epoch, weights, json, settings, bytes });
    this.bytes += bytes;
    while (this.snapshots.length > 2 && (this.snapshots.length > this.maxSnapshots || this.bytes > this.maxBytes)) this.thin();
  }

  /** Drops every snapshot after `epoch` (a branch: the later ones belong to the old future). */
  dropAfter(epoch) {
    const keep = this.snapshots.filter((s) => s.epoch <= epoch);
    for (const s of this.snapshots) if (s.epoch > epoch) this.bytes -= s.bytes;
    this.snapshots = keep;
  }

  // Drops every other snapshot strictly between the first and the newest.
  thin() {
    const last = this.snapshots.length - 1;
    this.snapshots = this.snapshots.filter((s, i) => {
      const keep = i === 0 || i === last || i % 2 === 0;
      if (!keep) this.bytes -= s.bytes;
      return keep;
    });
  }
}
