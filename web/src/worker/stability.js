// Watches each epoch's training loss for a run that explodes but stays finite
// (issue 16.4): unstable when the loss has been above 10x the run's best epoch
// loss for 20 epochs in a row, or is above 1e6. Training goes on; the page
// warns and suggests a lower learning rate (a NaN/Inf loss is a divergence,
// which pauses; that is not this).

export const UNSTABLE_FACTOR = 10;
export const UNSTABLE_EPOCHS = 20;
export const UNSTABLE_LOSS = 1e6;

export class StabilityWatch {
  constructor() {
    this.reset();
  }

  /** A new run (fresh weights). */
  reset() {
    this.best = Infinity;
    this.last = NaN;   // the last epoch's loss
    this.above = 0;
    this.unstable = false;
    this.sum = 0;      // loss x rows over the current epoch's batches so far
    this.rows = 0;
  }

  /** The training set changed: the current epoch's partial sums no longer apply. */
  restartEpoch() {
    this.sum = 0;
    this.rows = 0;
  }

  /**
   * Feeds the losses of consecutive batches, the first being batch `first` of
   * its epoch (0-based), for an epoch of `bpe` batches of `batchSize` rows over
   * `n` rows (the last batch may be smaller). Closes every epoch that ends.
   */
  addBatches(losses, first, bpe, batchSize, n) {
    let b = first;
    for (const loss of losses) {
      const rows = Math.min(batchSize, n - b * batchSize);
      this.sum += loss * rows;
      this.rows += rows;
      if (++b === bpe) {
        this.endEpoch(this.sum / this.rows);
        this.restartEpoch();
        b = 0;
      }
    }
  }

  /** {best, loss} while the run is unstable, else null (what the frame carries). */
  report() {
    return this.unstable ? { best: this.best, loss: this.last } : null;
  }

  /** One epoch's mean training loss. */
  endEpoch(loss) {
    if (!Number.isFinite(loss)) return;
    this.last = loss;
    if (loss < this.best) this.best = loss;
    this.above = loss > UNSTABLE_FACTOR * this.best ? this.above + 1 : 0;
    this.unstable = this.above >= UNSTABLE_EPOCHS || loss > UNSTABLE_LOSS;
  }
}
