// The PCV conformance vectors (tests/data/abi/*.json) through the Node
// binding's encoder and decoder (templates/node/pcv.js). Run by
// tests/test_pcv_vectors.py with PYCOMP_PCV_VECTORS set.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const pcv = require('../../templates/node/pcv');

const dir = process.env.PYCOMP_PCV_VECTORS || path.join(__dirname, '..', 'data', 'abi');
const docs = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
const DTYPE_ARRAYS = { float32: Float32Array, float64: Float64Array, int32: Int32Array,
  int64: BigInt64Array, bool: Uint8Array, int8: Int8Array, uint8: Uint8Array, int16: Int16Array,
  uint16: Uint16Array, uint32: Uint32Array, float16: Uint16Array };

// The JavaScript value of a vector value.
function jsValue(t, v) {
  if (v === null) return null;
  switch (t.kind) {
    case 'optional': return jsValue(t.item, v);
    case 'int': return typeof v === 'string' ? BigInt(v) : v;
    case 'float': return typeof v === 'object' ? pcv.namedFloat(v.float) : v;
    case 'list': return v.map((x) => jsValue(t.item, x));
    case 'set': return new Set(v.map((x) => jsValue(t.item, x)));
    case 'tuple': return v.map((x, i) => jsValue(t.items ? t.items[i] : t.item, x));
    case 'dict': {
      if (t.key.kind !== 'str') return new Map(v.map(([k, x]) => [jsValue(t.key, k), jsValue(t.value, x)]));
      const out = Object.create(null);
      for (const [k, x] of v) out[k] = jsValue(t.value, x);
      return out;
    }
    case 'bytes': return Buffer.from(v.bytes, 'hex');
    case 'ndarray': {
      const A = DTYPE_ARRAYS[t.dtype];
      const items = v.data.map((x) => (t.dtype === 'int64' ? BigInt(x) : t.dtype === 'bool' ? (x ? 1 : 0) : x));
      return { shape: v.shape, dtype: t.dtype, data: A.from(items) };
    }
    default: return v;
  }
}

// Bytes into a 16-byte-aligned buffer, as results arrive.
function aligned(hex) {
  const b = Buffer.from(hex, 'hex');
  const store = new Uint8Array(new ArrayBuffer(b.length + 16));
  store.set(b);
  return store.subarray(0, b.length);
}

for (const doc of docs) {
  for (const c of doc.cases) {
    test(`vector: ${c.name}`, () => {
      const w = new pcv.Writer();
      pcv.encode(w, c.type, jsValue(c.type, c.value));
      assert.strictEqual(Buffer.from(w.result()).toString('hex'), c.hex);
      const r = new pcv.Reader(aligned(c.hex));
      const back = pcv.decode(r, c.type);
      assert.ok(r.atEnd());
      const again = new pcv.Writer();
      pcv.encode(again, c.type, back);
      assert.strictEqual(Buffer.from(again.result()).toString('hex'), c.hex);
    });
  }
  for (const c of doc.invalid || []) {
    test(`refused: ${c.name}`, () => {
      assert.throws(() => {
        const r = new pcv.Reader(aligned(c.hex));
        pcv.decode(r, c.type);
        if (!r.atEnd()) throw new pcv.MalformedError('trailing bytes');
      }, pcv.MalformedError);
    });
  }
}

test('a lone surrogate is refused as Python refuses it', () => {
  assert.throws(() => pcv.encode(new pcv.Writer(), { kind: 'str' }, 'a\ud800b'),
    { name: 'UnicodeEncodeError', message: /can't encode character '\\ud800' in position 1: surrogates not allowed/ });
});

test('a __proto__ key of a dict[str, ...] survives', () => {
  const t = { kind: 'dict', key: { kind: 'str' }, value: { kind: 'int' } };
  const w = new pcv.Writer();
  w.u8(pcv.TAG.DICT); w.u64(1);
  pcv.encode(w, { kind: 'str' }, '__proto__'); pcv.encode(w, { kind: 'int' }, 1);
  const d = pcv.decode(new pcv.Reader(w.result()), t);
  assert.deepStrictEqual(Object.keys(d), ['__proto__']);
  assert.strictEqual(d.__proto__, 1); // eslint-disable-line no-proto
});

test('bytes: any Uint8Array or ArrayBuffer in, a Buffer out', () => {
  const want = '0c0300000000000000' + '00ff61';
  for (const v of [Buffer.from([0, 255, 97]), new Uint8Array([0, 255, 97]), new Uint8Array([0, 255, 97]).buffer]) {
    const w = new pcv.Writer();
    pcv.encode(w, { kind: 'bytes' }, v);
    assert.strictEqual(Buffer.from(w.result()).toString('hex'), want);
  }
  const back = pcv.decode(new pcv.Reader(aligned(want)), { kind: 'bytes' });
  assert.ok(Buffer.isBuffer(back));
  assert.deepStrictEqual([...back], [0, 255, 97]);
  assert.throws(() => pcv.encode(new pcv.Writer(), { kind: 'bytes' }, 'abc'),
    { name: 'TypeError', message: /must be bytes, not str/ });
  assert.throws(() => pcv.encode(new pcv.Writer(), { kind: 'bytes' }, [1, 2]),
    { name: 'TypeError', message: /must be bytes, not list/ });
});
