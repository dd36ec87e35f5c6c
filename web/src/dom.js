// Tiny DOM builders. Text goes in as text nodes and attributes through
// setAttribute, so nothing a user, a URL or a file supplies is parsed as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(el, props, children) {
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.setAttribute('class', v);
    else if (k === 'text') el.textContent = v;
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'props') Object.assign(el, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** An HTML element: h('button', {class: 'x', on: {click}}, 'text', child). */
export function h(tag, props, ...children) {
  return build(document.createElement(tag), props, children);
}

/** An SVG element. */
export function svg(tag, props, ...children) {
  return build(document.createElementNS(SVG_NS, tag), props, children);
}

/**
 * Makes target's children equal to `nodes` (freshly built, not in the page) while
 * keeping every node that stays: a text node takes the new text in place, an element
 * of the same tag takes the new attributes and is patched in turn, anything else is
 * replaced. For views rebuilt from data several times a second (the neuron inspector):
 * a rebuild made Chromium recreate the layout of every node and dropped a reader's
 * text selection. Listeners of the new nodes are not carried over: patch only
 * content without them.
 */
export function patchChildren(target, nodes) {
  const old = target.childNodes;
  let i = 0;
  for (const node of [...nodes]) {
    const was = old[i++];
    if (!was) target.append(node);
    else if (was.nodeType === Node.TEXT_NODE && node.nodeType === Node.TEXT_NODE) {
      if (was.data !== node.data) was.data = node.data;
    } else if (was.nodeType === Node.ELEMENT_NODE && was.nodeName === node.nodeName) {
      for (const a of [...was.attributes]) if (!node.hasAttribute(a.name)) was.removeAttribute(a.name);
      for (const a of node.attributes) if (was.getAttribute(a.name) !== a.value) was.setAttribute(a.name, a.value);
      patchChildren(was, [...node.childNodes]);
    } else {
      target.replaceChild(node, was);
    }
  }
  while (old.length > i) target.lastChild.remove();
}

/** Sets textContent only when it changes (cheap per-frame updates). */
export function setText(el, text) {
  const only = el.firstChild;
  if (only && only === el.lastChild && only.nodeType === 3 && text) {
    // the text node changed in place: replacing it (textContent) makes Chromium recalculate
    // its style and rebuild its layout object, for figures that change every frame
    if (only.data !== text) only.data = text;
  } else if (el.textContent !== text) {
    el.textContent = text;
  }
}

/** Starts a download of `data` (Blob or string) as `filename`. */
export function download(filename, data, type = 'text/plain') {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Copies text to the clipboard; without permission, selects `fallback`'s
 * content instead (so Ctrl+C works). Resolves to true if it was copied.
 */
export async function copyText(text, fallback) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (fallback && typeof fallback.select === 'function') fallback.select();
    else if (fallback) {
      const sel = window.getSelection();
      const range = document.createRange();
      range.selectNodeContents(fallback);
      sel.removeAllRanges();
      sel.addRange(range);
    }
    return false;
  }
}

/** Formats a number for display: 3 significant digits, no exponent for usual sizes. */
export function fmt(v, digits = 3) {
  if (v === undefined || v === null || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(digits - 1);
  return Number(v.toPrecision(digits)).toString();
}
