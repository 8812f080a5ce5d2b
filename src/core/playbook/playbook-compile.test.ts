import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { compilePlaybook, type ActionSignature } from './compile-playbook.js';
import { retryDelayMs } from './backoff.js';
import { parsePlaybook } from './parse-playbook.js';
import { globMatch, triggerMatches } from './trigger-filter.js';

const ACTIONS: Record<string, ActionSignature> = {
  'intel.enrich': {
    id: 'intel.enrich',
    effect: 'read',
    input: z.strictObject({ ip: z.string(), note: z.string().optional() }),
    output: z.object({ score: z.number(), geo: z.object({ country: z.string() }), tags: z.array(z.string()) }),
  },
  'chat.post': { id: 'chat.post', effect: 'write', input: z.strictObject({ text: z.string() }), output: z.object({ ok: z.boolean() }) },
};
const lookup = (id: string): ActionSignature | undefined => ACTIONS[id];

const GOOD = `name: demo
trigger: { type: alert_created }
filters: { rules: ["auth.brute_*"], min_severity: medium }
steps:
  - id: enrich
    action: intel.enrich
    with: { ip: "\${{ alert.source.ip }}" }
  - id: post
    action: chat.post
    if: steps.enrich.output.score > 50 and steps.enrich.output.geo.country != 'NL'
    with: { text: "score \${{ steps.enrich.output.score }} for \${{ alert.source.ip }}" }
`;

const compile = (text: string) => {
  const parsed = parsePlaybook(text, 'demo.yml');
  return parsed.ok ? compilePlaybook(parsed.value, lookup) : parsed;
};

test('a well-formed playbook compiles', () => {
  const r = compile(GOOD);
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.error));
  assert.equal(r.value.steps.length, 2);
});

test('an unknown output field is rejected at load with its line', () => {
  const r = compile(GOOD.replace('geo.country', 'geo.city'));
  assert.ok(!r.ok);
  assert.equal(r.error.length, 1);
  const [issue] = r.error;
  assert.equal(issue!.code, 'PLAYBOOK_UNKNOWN_REFERENCE');
  assert.equal(issue!.location.line, 10);
  assert.match(issue!.message, /steps\.enrich\.output\.geo\.city.*country/);
});

test('every static check reports its located issue', () => {
  const cases: [string, string, number][] = [
    [GOOD.replace('action: chat.post', 'action: chat.nope'), 'PLAYBOOK_UNKNOWN_ACTION', 9],
    [GOOD.replace('with: { ip:', 'with: { ipp:'), 'PLAYBOOK_UNKNOWN_INPUT', 7],
    [GOOD.replace('alert.source.ip }}" }', 'alert.source.port }}" }'), 'PLAYBOOK_UNKNOWN_REFERENCE', 7],
    [GOOD.replace("if: steps.enrich", 'if: steps.post'), 'PLAYBOOK_UNKNOWN_REFERENCE', 10],
    [GOOD.replace("if: steps.enrich.output.score > 50", 'if: steps.enrich.output.score >'), 'PLAYBOOK_INVALID_EXPRESSION', 10],
    [GOOD.replace('trigger: { type: alert_created }', 'trigger: { type: alert_created }\nbogus: 1'), 'PLAYBOOK_INVALID_SCHEMA', 3],
    [GOOD.replace('  - id: post', '  - id: enrich'), 'PLAYBOOK_DUPLICATE_STEP', 8],
    [GOOD.replace('    with: { ip: "${{ alert.source.ip }}" }\n', '    on_error: { goto: enrich }\n    with: { ip: "${{ alert.source.ip }}" }\n'), 'PLAYBOOK_BAD_GOTO', 7],
    [GOOD + '  - id: x\n    action: intel.enrich\n', 'PLAYBOOK_MISSING_INPUT', 13],
    ['name: [oops', 'PLAYBOOK_INVALID_YAML', 1],
  ];
  for (const [text, code, line] of cases) {
    const r = compile(text);
    assert.ok(!r.ok, code);
    assert.ok(
      r.error.some((i) => i.code === code && i.location.line === line),
      `${code}@${line}: ${JSON.stringify(r.error)}`,
    );
  }
});

test('for_each outputs are lists and item exists only in their inputs', () => {
  const loop = `name: loop
trigger: { type: manual }
steps:
  - id: each
    action: intel.enrich
    for_each: "['a', 'b']"
    concurrency: 2
    with: { ip: "\${{ item }}" }
  - id: post
    action: chat.post
    with: { text: "\${{ steps.each.output[0].score }} \${{ len(steps.each.output) }}" }
`;
  assert.ok(compile(loop).ok);
  assert.ok(!compile(loop.replace('output[0].score', 'output.score')).ok);
  assert.ok(!compile(loop.replace('{{ len(steps.each.output) }}', '{{ item }}')).ok);
});

test('backoff grows by factor up to max, honours Retry-After, jitter only when asked', () => {
  const policy = { max_attempts: 5, backoff: { initial: 100, max: 1000, factor: 3 }, jitter: false };
  assert.deepEqual([1, 2, 3, 4].map((a) => retryDelayMs(policy, a, undefined, () => 0.5)), [100, 300, 900, 1000]);
  assert.equal(retryDelayMs(policy, 1, 5000, () => 0.5), 5000);
  assert.equal(retryDelayMs({ ...policy, jitter: true }, 2, undefined, () => 0), 150);
});

test('trigger filters: rule globs, severity, techniques', () => {
  const r = compile(GOOD);
  assert.ok(r.ok);
  const pb = r.value.playbook;
  assert.ok(triggerMatches(pb, { type: 'alert_created', ruleId: 'auth.brute_force', severity: 'high' }));
  assert.ok(!triggerMatches(pb, { type: 'alert_created', ruleId: 'auth.brute_force', severity: 'low' }));
  assert.ok(!triggerMatches(pb, { type: 'alert_created', ruleId: 'auth.spray', severity: 'high' }));
  assert.ok(!triggerMatches(pb, { type: 'case_created', ruleId: 'auth.brute_force', severity: 'high' }));
  assert.ok(globMatch('a*b*c', 'aXXbYYc') && !globMatch('a*b*c', 'aXXcYYb') && globMatch('*', '') && !globMatch('ab*ba', 'aba'));
});
