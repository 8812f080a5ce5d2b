import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate } from './expression-eval.js';
import { parseExpression } from './expression-parser.js';
import { compileString, render } from './template.js';

const scope = {
  alert: { source: { ip: '203.0.113.7' }, severity: 'high', risk_score: 73, related: { user: ['root', 'admin'] } },
  steps: { enrich: { output: { score: 80, tags: ['tor', 'scanner'] } } },
  inputs: { threshold: 50 },
};
const ev = (text: string): unknown => {
  const p = parseExpression(text);
  assert.ok(p.ok, p.ok ? '' : p.error.message);
  return evaluate(p.value, scope);
};

test('paths, comparisons, logic and membership', () => {
  assert.equal(ev('alert.source.ip'), '203.0.113.7');
  assert.equal(ev('steps.enrich.output.score >= inputs.threshold'), true);
  assert.equal(ev("alert.severity == 'high' and not (alert.risk_score < 50)"), true);
  assert.equal(ev("'root' in alert.related.user && 'bob' not in alert.related.user"), true);
  assert.equal(ev('alert.related.user[1]'), 'admin');
  assert.equal(ev('alert.related.user[-1]'), 'admin');
  assert.equal(ev('alert.missing.deeper'), null);
  assert.equal(ev('-3 < 0 || false'), true);
  assert.deepEqual(ev("[1, 'a', null]"), [1, 'a', null]);
  assert.equal(ev("[1, 'a'] == [1, 'a']"), true);
});

test('functions', () => {
  assert.equal(ev('len(alert.related.user)'), 2);
  assert.equal(ev("upper(alert.severity) == 'HIGH'"), true);
  assert.equal(ev("contains(steps.enrich.output.tags, 'tor')"), true);
  assert.equal(ev("startswith(alert.source.ip, '203.')"), true);
  assert.equal(ev("join(alert.related.user, '+')"), 'root+admin');
  assert.equal(ev("default(alert.nothing, 'n/a')"), 'n/a');
  assert.equal(ev("lower('ABC')"), 'abc');
  const obs = { o: [{ type: 'url', value: 'http://a/' }, { type: 'md5', value: 'x' }, { type: 'sha256', value: 'y' }, { type: 'ip', value: 'z' }] };
  const p = parseExpression("pluck(select(o, 'type', ['md5', 'sha256']), 'value')");
  assert.ok(p.ok);
  assert.deepEqual(evaluate(p.value, obs), ['x', 'y']);
});

test('prototype names read as null, never as JavaScript internals', () => {
  assert.equal(ev('alert.constructor'), null);
  assert.equal(ev('alert.__proto__'), null);
  assert.equal(ev("alert['toString']"), null);
});

test('syntax errors are values with offsets; unknown functions are refused', () => {
  for (const bad of ['alert.', 'a ==', '(a', 'eval(1)', 'a b', "'open", 'a = 1', 'x ; rm']) {
    const p = parseExpression(bad);
    assert.equal(p.ok, false, bad);
  }
  const p = parseExpression('len(a) + 1');
  assert.ok(!p.ok && p.error.at === 7);
});

test('bounds: length, depth and evaluation steps', () => {
  assert.equal(parseExpression('a'.repeat(5000)).ok, false);
  assert.equal(parseExpression(`${'('.repeat(100)}a${')'.repeat(100)}`).ok, false);
  assert.equal(parseExpression(`${'not '.repeat(100)}a`).ok, false);
  const big = { xs: Array.from({ length: 20_000 }, (_, i) => i) };
  const p = parseExpression('99999 in xs');
  assert.ok(p.ok);
  assert.throws(() => evaluate(p.value, big), /steps/);
});

test('interpolation keeps whole values typed and never re-parses what it produces', () => {
  const hostile = { alert: { user: '${{ steps.secret.output }}', cmd: '; rm -rf / $(id) {{x}} ${HOME}\nX-Injected: 1' } };
  const whole = compileString('${{ alert.user }}');
  assert.ok(whole.ok);
  assert.equal(render(whole.value, hostile), '${{ steps.secret.output }}');
  const mixed = compileString('user=${{ alert.user }} cmd=${{alert.cmd}}!');
  assert.ok(mixed.ok);
  assert.equal(render(mixed.value, hostile), `user=${hostile.alert.user} cmd=${hostile.alert.cmd}!`);
  const typed = compileString('${{ [1, 2] }}');
  assert.ok(typed.ok);
  assert.deepEqual(render(typed.value, {}), [1, 2]);
  const plain = compileString('no markers ${ HOME } {{ x }}');
  assert.ok(plain.ok);
  assert.equal(render(plain.value, {}), 'no markers ${ HOME } {{ x }}');
  assert.equal(compileString('${{ unclosed').ok, false);
});
