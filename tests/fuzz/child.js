// One fuzz program's calls from Node, through the bundle's koffi binding, in a
// process of their own (tests/fuzz/harness.py compares them with CPython):
//
//     node tests/fuzz/child.js BUNDLE PLAN.json
//
// PLAN.json holds [name, args] pairs, every argument in the tagged form of
// tests/fuzz/canon.py. Prints one JSON line per call before making it
// ({"call": ...}) and one with its outcome after: {"value": <canonical form>}
// or {"raise": <exception class>}.
'use strict';

const fs = require('fs');
const path = require('path');

const [bundle, planPath] = process.argv.slice(2);
const lib = require(path.join(path.resolve(bundle), 'node'));
const manifest = JSON.parse(fs.readFileSync(path.join(bundle, 'manifest.json'), 'utf8'));
const returns = Object.fromEntries(manifest.functions.map((f) => [f.name, f.returns]));

function floatOf(hex) {
  return hex === 'nan' ? NaN : Buffer.from(hex, 'hex').readDoubleLE(0);
}

function floatHex(x) {
  if (Number.isNaN(x)) return 'nan';
  const b = Buffer.alloc(8);
  b.writeDoubleLE(x);
  return b.toString('hex');
}

// A tagged argument as the JavaScript value the binding takes.
function fromTagged(v) {
  if (v === null) return null;
  if ('i' in v) return BigInt(v.i);
  if ('f' in v) return floatOf(v.f);
  if ('s' in v) return v.s;
  if ('b' in v) return v.b;
  if ('l' in v) return v.l.map(fromTagged);
  if ('set' in v) return new Set(v.set.map(fromTagged));
  if ('d' in v) return new Map(v.d.map(([k, x]) => [fromTagged(k), fromTagged(x)]));
  if ('nd' in v) {
    const data = v.data.map(floatOf);
    return { shape: v.shape, data: v.nd === 'float32' ? Float32Array.from(data) : Float64Array.from(data) };
  }
  throw new Error(`unknown tagged value ${JSON.stringify(v)}`);
}

const byJson = (a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

// A result, read by its manifest type, in the canonical form canon.py gives CPython's.
function canon(v, t) {
  switch (t.kind) {
    case 'none': return null;
    case 'optional': return v === null || v === undefined ? null : canon(v, t.item);
    case 'int': return { i: BigInt(v).toString() };
    case 'float': return { f: floatHex(v) };
    case 'str': return { s: v };
    case 'bool': return { b: v };
    case 'list': return { l: v.map((x) => canon(x, t.item)) };
    case 'tuple': return { l: v.map((x, k) => canon(x, t.items ? t.items[k] : t.item)) };
    case 'set': return { set: [...v].map((x) => canon(x, t.item)).sort(byJson) };
    case 'dict': {
      const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
      return { d: entries.map(([k, x]) => [canon(k, t.key), canon(x, t.value)]).sort(byJson) };
    }
    case 'ndarray': return { nd: v.dtype, shape: v.shape, data: [...v.data].map((x) => floatHex(Number(x))) };
    default: throw new Error(`no canonical form for ${t.kind}`);
  }
}

for (const [name, args] of JSON.parse(fs.readFileSync(planPath, 'utf8'))) {
  console.log(JSON.stringify({ call: [name, JSON.stringify(args).slice(0, 200)] }));
  let out;
  try {
    out = { value: canon(lib[name](...args.map(fromTagged)), returns[name]) };
  } catch (e) {
    out = { raise: e.name };
  }
  console.log(JSON.stringify(out));
}
