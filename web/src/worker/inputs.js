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

/**
 * The domain to plot loaded points in: the dataset's own (`fallback`: e.g.
 * coffee roasting's °C and minutes, when the lesson's points are such) if
 * every point is inside it, else the [-6, 6] plane, where the page names the
 * points it cannot show (App.warnOutside).
 */
export function domainFor(sets, fallback = PLANE) {
  for (const s of sets) {
    for (let i = 0; i < s.n; ++i) {
      const a = s.x[2 * i], b = s.x[2 * i + 1];
      if (!(a >= fallback[0] && a <= fallback[1] && b >= fallback[2] && b <= fallback[3])) return PLANE.slice();
    }
  }
  return fallback.slice();
}
