// The Node binding at the boundary (run by tests/test_boundary.py with
// PYCOMP_NODE_BUNDLE set to a build of tests/fixtures/boundary.py, under
// node --expose-gc): async calls on a worker thread, typed arrays over the
// result buffer freed by a finalizer, Python's refusals.
'use strict';

const test = require('node:test');
const assert = require('node:assert');

const m = require(process.env.PYCOMP_NODE_BUNDLE + '/node');

test('an async call runs on a worker thread: timers fire meanwhile', async () => {
  const n = Number(process.env.PYCOMP_SLOW_N || 30000000);
  let ticks = 0;
  const timer = setInterval(() => { ticks += 1; }, 1);
  const started = Date.now();
  const result = await m.slowAsync(n);
  const took = Date.now() - started;
  clearInterval(timer);
  assert.strictEqual(result, m.slow(n));
  assert.ok(took >= 20, `the call took ${took} ms: too short to tell`);
  assert.ok(ticks >= 5, `only ${ticks} timer ticks in ${took} ms`);
});

test('async errors reject with the Python class', async () => {
  await assert.rejects(m.failAsync('bad'), { name: 'ValueError', message: 'bad' });
  await assert.rejects(m.slowAsync('x'), { name: 'TypeError' });
});

test('many async calls at once', async () => {
  const got = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((k) => m.slowAsync(k * 1000)));
  assert.deepStrictEqual(got, [1, 2, 3, 4, 5, 6, 7, 8].map((k) => m.slow(k * 1000)));
});

test('async calls keep their argument buffers through garbage collection', async () => {
  // the worker thread reads the encoded arguments after the call returns to JS: a
  // collection meanwhile must not free them (it did: "not an unknown PCV tag")
  for (let round = 0; round < 30; round++) {
    const ks = Array.from({ length: 16 }, (_, i) => (i + 1) * 100);
    const pending = Promise.all(ks.map((k) => m.slowAsync(k)));
    for (let i = 0; i < 4; i++) { global.gc(); await new Promise((r) => setImmediate(r)); }
    assert.deepStrictEqual(await pending, ks.map((k) => m.slow(k)));
  }
});

test('ndarray results are typed arrays over the native buffer', () => {
  const x = { shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) };
  const r = m.scaled(x, 2);
  assert.deepStrictEqual(r.shape, [2, 3]);
  assert.ok(r.data instanceof Float32Array);
  assert.deepStrictEqual(Array.from(r.data), [2, 4, 6, 8, 10, 12]);
  assert.strictEqual(r.data.byteOffset % 16, 0);
  const [y, word] = m.pair({ shape: [2], data: Float64Array.from([1, 2]) });
  assert.deepStrictEqual(Array.from(y.data), [2, 3]);
  assert.strictEqual(word, 'ok');
});

test('no leak over 10,000 calls returning arrays', async () => {
  const x = { shape: [4096], data: new Float32Array(4096).fill(1) };
  const settle = async () => {
    for (let i = 0; i < 5; i++) { global.gc(); await new Promise((r) => setImmediate(r)); }
  };
  for (let i = 0; i < 500; i++) m.scaled(x, 2);
  await settle();
  const before = process.memoryUsage().rss;
  let sum = 0;
  for (let i = 0; i < 10000; i++) {
    sum += m.scaled(x, 2).data[4095];
    if (i % 1000 === 0) await settle();
  }
  await settle();
  const grown = process.memoryUsage().rss - before;
  assert.strictEqual(sum, 20000);
  // 10,000 results of 16 KiB are 160 MiB: what is left must be far less.
  assert.ok(grown < 40 * 1024 * 1024, `RSS grew by ${grown} bytes`);
});

test('arrays of the wrong dtype or rank are refused', () => {
  assert.throws(() => m.scaled({ shape: [2], data: Float64Array.from([1, 2]) }, 1),
    { name: 'TypeError', message: /argument 'x' must be ndarray\[float32\]/ });
  assert.throws(() => m.scaled({ shape: [3], data: Float32Array.from([1, 2]) }, 1), RangeError);
  assert.throws(() => m.scaled([1, 2], 1), { name: 'TypeError' });
});

test('a lone surrogate raises, as the Python loader does', () => {
  assert.throws(() => m.echo('a\ud800'), { name: 'UnicodeEncodeError' });
  assert.strictEqual(m.echo('naïve ✓ 😀'), 'naïve ✓ 😀');
});

test('a __proto__ key of a dict[str, ...] result survives', () => {
  const d = m.keys();
  assert.deepStrictEqual(Object.keys(d), ['__proto__', 'constructor', 'a']);
  assert.strictEqual(d.__proto__, 1); // eslint-disable-line no-proto
  assert.strictEqual(d.constructor, 2);
});

test('packed lists in and out', () => {
  assert.strictEqual(m.total([0.5, 1.5, 2]), 4);
  assert.strictEqual(m.total(Float64Array.from([1, 2])), 3);
  assert.deepStrictEqual(m.evens(7), [0, 2, 4, 6]);
  assert.throws(() => m.total([1, 'x']), { name: 'TypeError', message: /xs\[1\]/ });
});
