import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FieldValue } from '../contract.js';
import { base, fails, MIN, run, setup, SPEC_EXAMPLE, T0 } from './correlation-fixture.js';

describe('temporal and temporal_ordered', () => {
  const three = `${base('a', 'cmd', 'whoami')}---\n${base('b', 'cmd', 'ipconfig')}---\n${base('c', 'cmd', 'netstat')}---\n`;

  it('temporal: all rules in the timespan, any order, same group', () => {
    const { rules, engine } = setup(`${three}title: recon\ncorrelation: {type: temporal, rules: [a, b, c], group-by: [User], timespan: 5m}\n`);
    const m = run(rules, engine, [
      [T0, { cmd: 'netstat', User: 'u' }],
      [T0 + 1000, { cmd: 'whoami', User: 'u' }],
      [T0 + 2000, { cmd: 'ipconfig', User: 'other' }],
      [T0 + 3000, { cmd: 'ipconfig', User: 'u' }],
    ]);
    assert.deepEqual(m.map((x) => [x.group, x.value]), [[{ User: 'u' }, 3]]);
    assert.deepEqual(m[0]?.contributions.map((c) => c.title), ['c', 'a', 'b']);
    const late = setup(`${three}title: recon\ncorrelation: {type: temporal, rules: [a, b, c], group-by: [User], timespan: 5m}\n`);
    assert.deepEqual(run(late.rules, late.engine, [[T0, { cmd: 'netstat', User: 'u' }], [T0 + 1000, { cmd: 'whoami', User: 'u' }], [T0 + 6 * MIN, { cmd: 'ipconfig', User: 'u' }]]), []);
  });

  it('temporal with a count condition: 2 of the 3 rules', () => {
    const { rules, engine } = setup(`${three}title: recon\ncorrelation: {type: temporal, rules: [a, b, c], group-by: [User], timespan: 5m, condition: {gte: 2}}\n`);
    assert.equal(run(rules, engine, [[T0, { cmd: 'netstat', User: 'u' }], [T0 + 1, { cmd: 'netstat', User: 'u' }], [T0 + 2, { cmd: 'whoami', User: 'u' }]]).length, 1);
  });

  it('temporal_ordered needs the listed order', () => {
    const text = `${three}title: ordered\ncorrelation: {type: temporal_ordered, rules: [a, b, c], group-by: [User], timespan: 5m}\n`;
    const inOrder = setup(text);
    assert.equal(run(inOrder.rules, inOrder.engine, [[T0, { cmd: 'whoami', User: 'u' }], [T0 + 1, { cmd: 'netstat', User: 'u' }], [T0 + 2, { cmd: 'ipconfig', User: 'u' }], [T0 + 3, { cmd: 'netstat', User: 'u' }]]).length, 1);
    const wrong = setup(text);
    assert.equal(run(wrong.rules, wrong.engine, [[T0, { cmd: 'netstat', User: 'u' }], [T0 + 1, { cmd: 'ipconfig', User: 'u' }], [T0 + 2, { cmd: 'whoami', User: 'u' }]]).length, 0);
    const restart = setup(text);
    const m = run(restart.rules, restart.engine, [[T0, { cmd: 'whoami', User: 'u' }], [T0 + 4 * MIN, { cmd: 'whoami', User: 'u' }], [T0 + 6 * MIN, { cmd: 'ipconfig', User: 'u' }], [T0 + 7 * MIN, { cmd: 'netstat', User: 'u' }]]);
    assert.equal(m.length, 1, 'the later start keeps the chain inside the timespan');
    assert.deepEqual(m[0]?.contributions.map((c) => c.time), [T0 + 4 * MIN, T0 + 6 * MIN, T0 + 7 * MIN]);
  });

  it('chains: the spec example of failed logins followed by a success', () => {
    const ok = setup(SPEC_EXAMPLE);
    const m = run(ok.rules, ok.engine, [...fails(10, 'bob', T0), [T0 + 2 * MIN, { EventID: 4624, User: 'bob' }], [T0 + 2 * MIN, { EventID: 4624, User: 'alice' }]]);
    assert.deepEqual(m.map((x) => [x.correlation.meta.title, x.group]), [['Correlation - Multiple Failed Logins Followed by Successful Login', { User: 'bob' }]]);
    assert.deepEqual(m[0]?.contributions.map((c) => c.title), ['Multiple failed logons', 'Successful login']);
    const early = setup(SPEC_EXAMPLE);
    assert.deepEqual(run(early.rules, early.engine, [[T0 - 1000, { EventID: 4624, User: 'bob' }], ...fails(10, 'bob', T0)]), []);
    const few = setup(SPEC_EXAMPLE);
    assert.deepEqual(run(few.rules, few.engine, [...fails(9, 'bob', T0), [T0 + 2 * MIN, { EventID: 4624, User: 'bob' }]]), []);
  });

  it('aliases join differently named fields across rules (spec example)', () => {
    const text = `${base('internal_error', 'status', '500')}---
${base('new_network_connection', 'kind', 'connection')}---
title: alias
correlation:
    type: temporal
    rules: [internal_error, new_network_connection]
    group-by: [internal_ip, remote_ip]
    timespan: 10s
    aliases:
        internal_ip: {internal_error: destination.ip, new_network_connection: source.ip}
        remote_ip: {internal_error: source.ip, new_network_connection: destination.ip}
`;
    const a = setup(text);
    const m = run(a.rules, a.engine, [
      [T0, { status: 500, 'destination.ip': '10.0.0.5', 'source.ip': '1.2.3.4' }],
      [T0 + 5000, { kind: 'connection', 'source.ip': '10.0.0.5', 'destination.ip': '1.2.3.4' }],
    ]);
    assert.deepEqual(m.map((x) => x.group), [{ internal_ip: '10.0.0.5', remote_ip: '1.2.3.4' }]);
    const b = setup(text);
    assert.deepEqual(run(b.rules, b.engine, [[T0, { status: 500, 'destination.ip': '10.0.0.5', 'source.ip': '1.2.3.4' }], [T0 + 5000, { kind: 'connection', 'source.ip': '10.0.0.6', 'destination.ip': '1.2.3.4' }]]), []);
  });
});

describe('value aggregations (Sigma 2.1)', () => {
  const agg = (type: string, condition: string) => `${base('web', 'kind', 'access')}---\ntitle: agg\ncorrelation: {type: ${type}, rules: [web], group-by: [ip], timespan: 1h, condition: {field: bytes, ${condition}}}\n`;
  const traffic: [number, Record<string, FieldValue>][] = [10, 20, 30, 1000].map((b, i) => [T0 + i, { kind: 'access', ip: 'x', bytes: b }]);

  it('value_sum, value_avg, value_median, value_percentile', () => {
    const sum = setup(agg('value_sum', 'gt: 1050'));
    assert.deepEqual(run(sum.rules, sum.engine, traffic).map((m) => m.value), [1060]);
    const avg = setup(agg('value_avg', 'gte: 265'));
    assert.deepEqual(run(avg.rules, avg.engine, traffic).map((m) => m.value), [265]);
    const median = setup(agg('value_median', 'gte: 25'));
    assert.deepEqual(run(median.rules, median.engine, traffic).map((m) => m.value), [25]);
    const p = setup(agg('value_percentile', 'percentile: 50, gte: 30'));
    assert.deepEqual(run(p.rules, p.engine, traffic).map((m) => m.value), [30]);
  });

  it('ignores non-numeric values', () => {
    const sum = setup(agg('value_sum', 'gte: 30'));
    assert.deepEqual(run(sum.rules, sum.engine, [[T0, { kind: 'access', ip: 'x', bytes: 'lots' }], [T0 + 1, { kind: 'access', ip: 'x', bytes: '30' }]]).map((m) => m.value), [30]);
  });
});

