// Canvas helpers shared by the "Inside the network" views: a canvas sized to its
// box at the device pixel ratio, the course's a_j^[l] labels drawn with real
// sub- and superscripts, a perceptual colour ramp, and axis ticks.

/**
 * Sizes `canvas` to w x h CSS pixels at the device pixel ratio and returns its
 * context, scaled so that drawing is in CSS pixels.
 */
export function fitCanvas(canvas, w, h) {
  const dpr = window.devicePixelRatio || 1;
  const W = Math.max(1, Math.round(w * dpr)), H = Math.max(1, Math.round(h * dpr));
  if (canvas.width !== W || canvas.height !== H) {
    canvas.width = W;
    canvas.height = H;
  }
  // CSSOM writes only when the size changes: a style change every frame costs a style recalc
  if (canvas.style.width !== `${w}px`) canvas.style.width = `${w}px`;
  if (canvas.style.height !== `${h}px`) canvas.style.height = `${h}px`;
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return ctx;
}

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "WenQuanYi Micro Hei", sans-serif';

/**
 * Draws base_sub^sup (e.g. a_1^[2]) with its left end at (x, y) (alphabetic
 * baseline); align 'center' or 'right' measures it first. Returns its width.
 */
export function drawSymbol(ctx, x, y, { base, sub = '', sup = '' }, { size = 12, align = 'left', color = '#3c4043' } = {}) {
  const main = `italic ${size}px Georgia, "Times New Roman", serif`;
  const small = `${Math.round(size * 0.72)}px ${FONT}`;
  ctx.font = main;
  const wb = ctx.measureText(base).width;
  ctx.font = small;
  const ws = Math.max(ctx.measureText(sub).width, ctx.measureText(sup).width);
  const width = wb + 1 + ws;
  const left = align === 'center' ? x - width / 2 : align === 'right' ? x - width : x;
  ctx.fillStyle = color;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.font = main;
  ctx.fillText(base, left, y);
  ctx.font = small;
  if (sup) ctx.fillText(sup, left + wb + 1, y - size * 0.42);
  if (sub) ctx.fillText(sub, left + wb + 1, y + size * 0.28);
  return width;
}

/** a_j^[l] of hidden layer l (1-based) and neuron j (1-based). */
export const neuronSymbol = (l, j) => ({ base: 'a', sub: String(j), sup: `[${l}]` });

// Viridis, sampled at 9 points (matplotlib's); linear between them.
const VIRIDIS = [[68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141], [39, 173, 129],
  [92, 200, 99], [170, 220, 50], [253, 231, 37]];

/** Viridis at u in [0, 1] (dark purple -> yellow), as [r, g, b]. */
export function viridis(u) {
  const t = Math.max(0, Math.min(1, u)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(t));
  const f = t - i, a = VIRIDIS[i], b = VIRIDIS[i + 1];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** About `count` round tick values in [lo, hi]. */
export function ticks(lo, hi, count = 4) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) || 10 * p;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/** Powers of ten in [lo, hi] (both > 0), at most `max` of them (every k-th). */
export function logTicks(lo, hi, max = 4) {
  const a = Math.ceil(Math.log10(lo)), b = Math.floor(Math.log10(hi));
  const every = Math.max(1, Math.ceil((b - a + 1) / max));
  const out = [];
  for (let e = a; e <= b; e += every) out.push(e);
  return out;
}

/** 10^e as text: 10⁻³, 1, 10, 100, 10⁴. */
export function powerText(e) {
  if (e >= 0 && e <= 2) return String(10 ** e);
  const digits = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
  return '10' + String(e).split('').map((c) => digits[c]).join('');
}

// The canvas of a table view (health, histograms), sized to the figure's width
// and `rows` rows: {w, labelW, ctx}, or null while the figure is hidden or has
// no rows. Phones get a narrower label column, so more room for the charts.
export function tableCanvas(figure, canvas, rows, { headH, rowH }) {
  const w = figure.clientWidth;
  if (!w || !rows) return null;
  return { w, labelW: w < 480 ? 56 : 84, ctx: fitCanvas(canvas, w, headH + rows * rowH) };
}

/**
 * The frame of a table of small charts: column heads (a title, and an optional
 * second line in grey) over columns of equal width right of `labelW`, and row
 * labels (a name, and an optional second line) at the left of rows `rowH` tall.
 * Returns the column width; the caller draws the cells.
 */
export function drawTableFrame(ctx, w, { heads, subheads = [], rows, labelW, headH, rowH }) {
  const colW = (w - labelW) / heads.length;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  heads.forEach((text, c) => {
    const x = labelW + colW * (c + 0.5);
    ctx.font = `600 11px ${FONT}`;
    ctx.fillStyle = '#5f6368';
    ctx.fillText(text, x, subheads[c] ? 13 : headH / 2 + 4, colW - 6);
    if (!subheads[c]) return;
    ctx.font = `10px ${FONT}`;
    ctx.fillStyle = '#80868b';
    ctx.fillText(subheads[c], x, 27, colW - 6);
  });
  ctx.textAlign = 'left';
  rows.forEach(([name, sub], r) => {
    const y0 = headH + r * rowH;
    ctx.fillStyle = '#3c4043';
    ctx.font = `12px ${FONT}`;
    ctx.fillText(name, 0, y0 + (sub ? 20 : rowH / 2), labelW - 6);
    if (!sub) return;
    ctx.fillStyle = '#5f6368';
    ctx.font = `11px ${FONT}`;
    ctx.fillText(sub, 0, y0 + 36, labelW - 6);
  });
  return colW;
}

/**
 * Hundreds of small dots, fast: each dot is a pre-drawn sprite stamped into an
 * ImageData in JS and the layer put back in one call, on its own canvas above
 * the chart. A software-rendered 2-D canvas pays per draw call and per
 * anti-aliased edge: 500 dots as paths or drawImage calls measured 5-15 ms a
 * frame on the project's VMs, stamped ~1 ms.
 */
export class DotLayer {
  constructor(canvas) {
    this.canvas = canvas;
    this.sprites = new Map();  // colour key -> {size, data (RGBA, straight alpha)}
    this.image = null;
    this.stamped = [];         // where the last frame put dots: cleared before the next
  }

  /** The sprite of a colour [r, g, b]: a circle of `radius` css px with a white rim. */
  sprite(color, radius, dpr) {
    const key = `${color.join(',')}/${radius}/${dpr}`;
    let s = this.sprites.get(key);
    if (s) return s;
    const size = Math.ceil((2 * radius + 2) * dpr);
    const c = document.createElement('canvas');
    c.width = c.height = size;
    const g = c.getContext('2d');
    g.scale(dpr, dpr);
    g.fillStyle = `rgb(${color[0] | 0},${color[1] | 0},${color[2] | 0})`;
    g.strokeStyle = 'rgba(255,255,255,0.9)';
    g.lineWidth = 0.8;
    g.beginPath();
    g.arc(size / dpr / 2, size / dpr / 2, radius, 0, 2 * Math.PI);
    g.fill();
    g.stroke();
    s = { size, data: g.getImageData(0, 0, size, size).data };
    this.sprites.set(key, s);
    return s;
  }

  /**
   * Draws dots at css-pixel positions xy ([x0, y0, ...]) in the order given
   * (`order`: indices, or null), dot i with colour colorOf(i), on a w x h layer.
   */
  draw(w, h, xy, order, colorOf, radius = 2.8) {
    const dpr = window.devicePixelRatio || 1;
    const W = Math.max(1, Math.round(w * dpr)), H = Math.max(1, Math.round(h * dpr));
    const c = this.canvas;
    if (c.width !== W || c.height !== H || !this.image) {
      c.width = W;
      c.height = H;
      this.image = new ImageData(W, H);
      this.stamped = [];
    }
    if (c.style.width !== `${w}px`) c.style.width = `${w}px`;
    if (c.style.height !== `${h}px`) c.style.height = `${h}px`;
    const d = this.image.data;
    for (const [x0, y0, size] of this.stamped)
      for (let y = Math.max(0, y0); y < Math.min(H, y0 + size); ++y) d.fill(0, (y * W + Math.max(0, x0)) * 4, (y * W + Math.min(W, x0 + size)) * 4);
    this.stamped = [];
    const n = xy.length / 2;
    for (let k = 0; k < n; ++k) {
      const i = order ? order[k] : k;
      const s = this.sprite(colorOf(i), radius, dpr);
      const x0 = Math.round(xy[2 * i] * dpr - s.size / 2), y0 = Math.round(xy[2 * i + 1] * dpr - s.size / 2);
      if (x0 >= W || y0 >= H || x0 + s.size <= 0 || y0 + s.size <= 0) continue;
      this.stamped.push([x0, y0, s.size]);
      for (let y = Math.max(0, -y0); y < s.size && y0 + y < H; ++y)
        for (let x = Math.max(0, -x0); x < s.size && x0 + x < W; ++x) {
          const p = (y * s.size + x) * 4, a = s.data[p + 3];
          if (a === 0) continue;
          const o = ((y0 + y) * W + x0 + x) * 4;
          const sa = a / 255, da = d[o + 3] / 255, out = sa + da * (1 - sa);
          const keep = (da * (1 - sa)) / out;  // "source over" with straight alpha
          d[o] = s.data[p] * (sa / out) + d[o] * keep;
          d[o + 1] = s.data[p + 1] * (sa / out) + d[o + 1] * keep;
          d[o + 2] = s.data[p + 2] * (sa / out) + d[o + 2] * keep;
          d[o + 3] = out * 255;
        }
    }
    c.getContext('2d').putImageData(this.image, 0, 0);
  }
}
