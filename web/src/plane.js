// The input plane and the grids drawn over it, defined once: the plot, the
// worker's boundary grid, the neuron tiles, the dataset thumbnails and the
// input-feature tiles all use these.

/** The plane is [-DOMAIN, DOMAIN]^2. */
export const DOMAIN = 6;
/** Cells per side of the boundary heat map (the worker's grid). */
export const GRID_RES = 100;
/** Cells per side of each neuron's tile in the network diagram. */
export const TILE_RES = 24;

/** A point of the plane -> pixel coordinates in a w x h box (x2 grows upwards). */
export function toPixel(x1, x2, w, h) {
  return [((x1 + DOMAIN) / (2 * DOMAIN)) * w, ((DOMAIN - x2) / (2 * DOMAIN)) * h];
}

/** Pixel coordinates in a w x h box -> the point of the plane. */
export function toPlane(px, py, w, h) {
  return [(px / w) * 2 * DOMAIN - DOMAIN, DOMAIN - (py / h) * 2 * DOMAIN];
}

/** The plane point at the centre of cell (row r, column c) of an n x n grid (row 0 at the top). */
export function cellCentre(r, c, n) {
  return [-DOMAIN + (2 * DOMAIN * (c + 0.5)) / n, DOMAIN - (2 * DOMAIN * (r + 0.5)) / n];
}

/**
 * How many of the points ([{x: Float32Array [n, 2], n}]) lie outside
 * [-domain, domain]^2, and the extent of all of them: {count, min: [x1, x2], max: [x1, x2]}.
 */
export function pointsOutside(sets, domain = DOMAIN) {
  let count = 0;
  const min = [Infinity, Infinity], max = [-Infinity, -Infinity];
  for (const { x, n } of sets)
    for (let i = 0; i < n; ++i) {
      const a = x[2 * i], b = x[2 * i + 1];
      if (Math.abs(a) > domain || Math.abs(b) > domain) ++count;
      min[0] = Math.min(min[0], a); max[0] = Math.max(max[0], a);
      min[1] = Math.min(min[1], b); max[1] = Math.max(max[1], b);
    }
  return { count, min, max };
}
