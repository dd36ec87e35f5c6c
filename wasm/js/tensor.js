// Tensor-likes and input conversion for the nnplay JavaScript API.
// Everything nnplay returns is a Tensor holding its own Float32Array (a copy,
// never a view into wasm memory); everything it accepts goes through
// toArrayData(): nested arrays, typed arrays with a shape, nnplay Tensors, and
// TensorFlow.js tensors (duck-typed: `.shape` and `.dataSync()`).

/** A read-only float32 array with a shape, shaped like a TensorFlow.js tensor. */
export class Tensor {
  /**
   * @param {Float32Array} values row-major values (kept, not copied)
   * @param {number[]} shape
   */
  constructor(values, shape) {
    this._values = values;
    this.shape = Array.from(shape);
    this.dtype = 'float32';
    this.isDisposed = false;
  }

  get size() { return this._values.length; }
  get rank() { return this.shape.length; }

  /** The values as a Float32Array (the tensor's own copy; like tfjs, do not mutate). */
  dataSync() { this._check('dataSync'); return this._values; }
  async data() { return this.dataSync(); }

  /** The values as nested arrays following the shape (a number for a scalar). */
  arraySync() {
    this._check('arraySync');
    const values = this._values, shape = this.shape;
    if (shape.length === 0) return values[0];
    let offset = 0;
    const build = (depth) => {
      const out = new Array(shape[depth]);
      for (let i = 0; i < shape[depth]; ++i) out[i] = depth === shape.length - 1 ? values[offset++] : build(depth + 1);
      return out;
    };
    return build(0);
  }
  async array() { return this.arraySync(); }

  /** A tensor with the same values and another shape of the same size. */
  reshape(shape) {
    this._check('reshape');
    const size = shape.reduce((a, b) => a * b, 1);
    if (size !== this.size) throw new Error(`reshape: cannot reshape a tensor of ${this.size} values to [${shape}]`);
    return new Tensor(this._values, shape);
  }
  clone() { this._check('clone'); return new Tensor(this._values.slice(), this.shape); }

  /** Releases the values; later reads throw. nnplay tensors hold no wasm memory. */
  dispose() { this.isDisposed = true; this._values = new Float32Array(0); }

  toString() {
    if (this.isDisposed) return 'Tensor (disposed)';
    const text = JSON.stringify(this.arraySync(), (k, v) => (typeof v === 'number' ? Number(v.toPrecision(6)) : v));
    return `Tensor shape [${this.shape}] ${text.length > 400 ? text.slice(0, 400) + '…' : text}`;
  }
  print() { console.log(this.toString()); }

  _check(what) {
    if (this.isDisposed) throw new Error(`${what}: the tensor has been disposed`);
  }
}

/** A short description of a value for error messages. */
export function describe(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${value.length}`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'object') return `an object (${value.constructor ? value.constructor.name : 'Object'})`;
  return `${typeof value} ${String(value)}`;
}

const isSequence = (v) => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
/** True for nnplay Tensors and anything shaped like a TensorFlow.js tensor. */
export const isTensorLike = (v) =>
  v != null && typeof v === 'object' && Array.isArray(v.shape) && typeof v.dataSync === 'function';

function toFloat32(data) {
  return data instanceof Float32Array ? data : Float32Array.from(data, Number);
}

/**
 * Any accepted array input -> { values: Float32Array, shape }.
 * `values` may be the caller's own Float32Array (callers copy before keeping it).
 */
export function toArrayData(input, what) {
  if (input === null || input === undefined) throw new Error(`${what} is missing`);
  if (input instanceof Tensor) {
    input._check(what);
    return { values: input._values, shape: input.shape.slice() };
  }
  if (isTensorLike(input)) {
    if (input.isDisposed) throw new Error(`${what}: the tensor has been disposed`);
    const shape = Array.from(input.shape);
    const values = toFloat32(input.dataSync());
    checkSize(values, shape, what);
    return { values, shape };
  }
  if (typeof input === 'number') return { values: Float32Array.of(input), shape: [] };
  if (ArrayBuffer.isView(input) && !(input instanceof DataView)) {
    return { values: toFloat32(input), shape: [input.length] };
  }
  if (Array.isArray(input)) return flattenNested(input, what);
  throw new Error(`${what} must be an array, a typed array or a tensor, got ${describe(input)}`);
}

function checkSize(values, shape, what) {
  const size = shape.reduce((a, b) => a * b, 1);
  if (values.length !== size)
    throw new Error(`${what}: shape [${shape}] needs ${size} values, got ${values.length}`);
}

// Nested arrays (or arrays of typed arrays) -> flat Float32Array + shape; the
// shape comes from the first element at each depth, every other must match.
function flattenNested(input, what) {
  const shape = [];
  for (let probe = input; isSequence(probe); probe = probe[0]) {
    shape.push(probe.length);
    if (probe.length === 0) break;
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  let k = 0;
  const walk = (node, depth, path) => {
    if (depth === shape.length) {
      if (typeof node === 'number') values[k++] = node;
      else if (typeof node === 'boolean') values[k++] = node ? 1 : 0;
      else throw new Error(`${what}${path} must be a number, got ${describe(node)}`);
      return;
    }
    if (!isSequence(node) || node.length !== shape[depth])
      throw new Error(`${what}${path} must be an array of ${shape[depth]} values like its first sibling ` +
                      `(a ragged array?), got ${describe(node)}`);
    for (let i = 0; i < node.length; ++i) walk(node[i], depth + 1, `${path}[${i}]`);
  };
  walk(input, 0, '');
  return { values, shape };
}

/**
 * Input for a [rows, cols] matrix. 1-D input is a column ([n] -> [n, 1]) when
 * `vector` is 'column' (labels, or x for a model with one input); otherwise 1-D
 * x is an error, as in TensorFlow.js.
 */
export function toMatrix(input, what, vector = 'error') {
  const { values, shape } = toArrayData(input, what);
  if (shape.length === 2) return { values, rows: shape[0], cols: shape[1] };
  if (shape.length === 1 && vector === 'column') return { values, rows: shape[0], cols: 1 };
  throw new Error(`${what} must be 2-D [samples, ${what === 'x' ? 'features' : 'values'}], got shape [${shape}]` +
                  (shape.length === 1 ? ` (wrap a single sample as [[...]])` : ''));
}

/**
 * Builds a Tensor from values (nested or flat) and an optional shape, checking
 * sizes. As in TensorFlow.js, a shape may regroup flat values ([1, 2, 3, 4] with
 * [2, 2]) but must agree with nested ones: [[1, 2], [3, 4]] with [4, 1] is an
 * error, not a reshape (only the innermost given dimension may be flat).
 */
export function makeTensor(values, shape, what = 'tensor') {
  const data = toArrayData(values, what);
  const own = data.values.slice();  // like tfjs: later changes to the caller's array do not leak in
  if (shape === undefined || shape === null) return new Tensor(own, data.shape);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0))
    throw new Error(`${what}: shape must be an array of non-negative integers, got ${describe(shape)}`);
  checkSize(own, shape, what);
  const inferred = data.shape;
  if (inferred.length > 1) {
    const last = inferred.length - 1;
    const agrees = inferred.every((d, i) => d === shape[i] ||
      (i === last && d === shape.slice(i).reduce((a, b) => a * b, 1)));
    if (!agrees)
      throw new Error(`${what}: the values have shape [${inferred}], which does not match the given shape [${shape}]` +
                      ' (pass flat values, or reshape() the tensor, to change the shape)');
  }
  return new Tensor(own, shape);
}
