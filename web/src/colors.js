// Colours: a class palette chosen to stay distinguishable with the common
// colour-vision deficiencies (Okabe-Ito based; checked in tests/js/teach.test.mjs:
// every two classes stay more than 15 CIELAB ΔE apart under simulated protanopia,
// deuteranopia and tritanopia, classes 0 and 1 more than 40), and a diverging scale for
// regression. Each returns [r, g, b] in 0..255 so views can fill ImageData.

/** Class k's colour (class 0 orange and class 1 blue, as TensorFlow Playground). */
export const CLASS_COLORS = [
  [230, 145, 20],   // orange
  [8, 114, 189],    // blue
  [0, 158, 115],    // bluish green
  [204, 121, 167],  // reddish purple
  [178, 34, 34],    // dark red
  [86, 180, 233],   // sky blue
];

/** Regression's diverging scale: negative end, middle, positive end. */
export const DIVERGING = { negative: [202, 80, 16], middle: [247, 247, 247], positive: [33, 102, 172] };

export const WHITE = [255, 255, 255];

export function rgb(c) {
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** Linear mix of two colours, t in [0, 1]. */
export function mix(a, b, t) {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** Diverging colour for v in [-1, 1] (clamped). */
export function diverging(v) {
  const t = Math.max(-1, Math.min(1, v));
  return t < 0 ? mix(DIVERGING.middle, DIVERGING.negative, -t) : mix(DIVERGING.middle, DIVERGING.positive, t);
}

/** Colour of a data point's label. */
export function labelColor(label, regression) {
  return regression ? diverging(label) : CLASS_COLORS[label % CLASS_COLORS.length];
}
