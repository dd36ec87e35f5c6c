// The model's raw inputs before the features: where the points lie (the plane
// domain the plot and the grids cover) and the input normalization (z-score
// with the training points' mean and standard deviation, like Keras'
// Normalization layer after adapt()). No DOM: the worker and Node use it.

/** The plane every shape dataset lives in: [x1Min, x1Max, x2Min, x2Max]. */
export const PLANE = Object.freeze([-6, 6, -6, 6]);

/** Mean and (population) standard deviation of x1 and x2 over `n` points (x: [n, 2] row-major). */
export function inputStats(x, n) {
  const mean = [0, 0], std = [0, 0];
  if (n === 0) return { mean, std: [1, 1] };
  for (let i = 0; i < n; ++i) { mean[0] += x[2 * i]; mean[1] += x[2 * i + 1]; }
  mean[0] /= n;
  mean[1] /= n;
  for (let i = 0; i < n; ++i) {
    std[0] += (x[2 * i] - mean[0]) ** 2;
    std[1] += (x[2 * i + 1] - mean[1]) ** 2;
  }
  // A constant input would divide by 0: it is only centred then (Keras divides by
  // max(std, epsilon) to the same effect).
  const sd = (v) => { const s = Math.sqrt(v / n); return s > 1e-6 ? s : 1; };
  return { mean, std: [sd(std[0]), sd(std[1])] };
}

/** A normalized copy of raw points (x: [n, 2] row-major), or x itself when norm is null. */
export function normalized(x, n, norm) {
  if (!norm) return x;
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; ++i) {
    out[2 * i] = (x[2 * i] - norm.mean[0]) / norm.std[0];
    out[2 * i + 1] = (x[2 * i + 1] - norm.mean[1]) / norm.std[1];
  }
  return out;
}

/** The grid bounds the model sees for a plot domain (normalized when norm is set). */
export function modelBounds(domain, norm) {
  const [a, b, c, d] = domain;
  if (!norm) return { xMin: a, xMax: b, yMin: c, yMax: d };
  const u = (v, k) => (v - norm.mean[k]) / norm.std[k];
  return { xMin: u(a, 0), xMax: u(b, 0), yMin: u(c, 1), yMax: u(d, 1) };
}

/** A round step near `rough` (1, 2, 2.5, 3, 4 or 5 times a power of ten). */
function niceStep(rough) {
  const p = 10 ** Math.floor(Math.log10(rough));
  for (const m of [1, 2, 2.5, 3, 4, 5, 10]) if (m * p >= rough) return m * p;
  return 10 * p;
}

/** [min, max] of one axis as four round steps covering [lo, hi] with a little margin (the plot has five ticks). */
function niceAxis(lo, hi) {
  const span = hi - lo || Math.abs(hi) || 1;
  let step = niceStep((span * 1.08) / 4);
  for (;;) {
    const min = Math.floor((lo - span * 0.02) / step) * step;
    if (min + 4 * step >= hi + span * 0.02) return [min, min + 4 * step];
    step = niceStep(step * 1.01);  // the next round step
  }
}

/**
 * The domain to plot points in: `fallback` (the dataset's own, e.g. PLANE) when
 * every point is inside it, else round axes around the points (a CSV in other units).
 */
export function domainFor(sets, fallback = PLANE) {
  let x1Min = Infinity, x1Max = -Infinity, x2Min = Infinity, x2Max = -Infinity;
  for (const s of sets) {
    for (let i = 0; i < s.n; ++i) {
      const a = s.x[2 * i], b = s.x[2 * i + 1];
      if (a < x1Min) x1Min = a;
      if (a > x1Max) x1Max = a;
      if (b < x2Min) x2Min = b;
      if (b > x2Max) x2Max = b;
    }
  }
  if (!Number.isFinite(x1Min)) return fallback.slice();
  if (x1Min >= fallback[0] && x1Max <= fallback[1] && x2Min >= fallback[2] && x2Max <= fallback[3]) return fallback.slice();
  return [...niceAxis(x1Min, x1Max), ...niceAxis(x2Min, x2Max)];
}
