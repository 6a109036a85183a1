// Node's test runner: a compiled bundle called from JavaScript gives what
// CPython gave for the same calls (cases written by tests/test_node.py).
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');

const cases = JSON.parse(fs.readFileSync(process.env.PYCOMP_NODE_CASES, 'utf8'));
const m = require(process.env.PYCOMP_NODE_BUNDLE + '/node');

function plain(v) {
  // JSON's view of a result: Sets as sorted arrays, Maps as entry arrays.
  if (v instanceof Set) {
    return { __set__: [...v].map(plain).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) };
  }
  if (v instanceof Map) return [...v.entries()].map(([k, x]) => [plain(k), plain(x)]);
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') {
    const out = {};
    for (const [k, x] of Object.entries(v)) out[k] = plain(x);
    return out;
  }
  return v;
}

for (const c of cases) {
  test(`${c.fn}(${JSON.stringify(c.args).slice(1, -1)})`, () => {
    if (c.error) {
      assert.throws(() => m[c.fn](...c.args), (e) => {
        assert.strictEqual(e.name, c.error.name);
        assert.strictEqual(e.message, c.error.message);
        if (c.error.fields) {
          assert.deepStrictEqual(plain(e.args), c.error.args);
          assert.deepStrictEqual(plain(e.fields), c.error.fields);
          for (const [k, v] of Object.entries(c.error.fields)) {
            if (!['name', 'message', 'stack', 'cause', 'args', 'fields'].includes(k)) {
              assert.deepStrictEqual(plain(e[k]), v);
            }
          }
        }
        return true;
      });
    } else {
      const got = plain(m[c.fn](...c.args));
      if (typeof c.result === 'number') {
        assert.ok(Math.abs(got - c.result) <= 1e-12 * Math.max(1, Math.abs(c.result)), `${got} != ${c.result}`);
      } else {
        assert.deepStrictEqual(got, c.result);
      }
    }
  });
}

test('the manifest is exported', () => {
  assert.strictEqual(m.manifest.abi_version, 2);
});

test('a wrong argument type throws a TypeError naming the parameter', () => {
  // take a passing call and put a number where a list or str is expected
  const c = cases.find((x) => {
    const f = m.manifest.functions.find((g) => g.name === x.fn);
    return f.params.some((p) => ['str', 'list', 'dict'].includes(p.type.kind));
  });
  const f = m.manifest.functions.find((g) => g.name === c.fn);
  const i = f.params.findIndex((p) => ['str', 'list', 'dict'].includes(p.type.kind));
  const args = [...c.args];
  args[i] = 42;
  assert.throws(() => m[f.name](...args),
    (e) => e.name === 'TypeError' && e.message.includes(`'${f.params[i].name}'`));
});
