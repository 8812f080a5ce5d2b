import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FieldValue } from '../contract.js';
import { eventOf } from '../event-fixture.js';
import { loadRuleText } from '../loader.js';
import { base, fails, MIN, run, setup, SPEC_EXAMPLE, T0 } from './correlation-fixture.js';
import { createCorrelationEngine } from './engine.js';

describe('event_count', () => {
  it('fires when the sliding window reaches the count, then starts afresh', () => {
    const { rules, engine } = setup(SPEC_EXAMPLE);
    const matches = run(rules, engine, fails(25, 'bob', T0)).filter((m) => m.correlation.meta.name === 'multiple_failed_login');
    assert.equal(matches.length, 0, 'an intermediate correlation is not reported on its own');
    assert.equal(engine.reportsOwnMatches('multiple_failed_login'), false);
    assert.equal(engine.reportsOwnMatches('failed_login'), false);
    assert.equal(engine.reportsOwnMatches('b180ead8-d58f-40b2-ae54-c8940995b9b6'), true);
  });

  it('counts per group and only within the timespan', () => {
    const { rules, engine } = setup(`${base('f', 'EventID', '4625')}---
title: many
correlation:
    type: event_count
    rules: [f]
    group-by: [User]
    timespan: 10m
    condition:
        gte: 3
`);
    const spread: [number, Record<string, FieldValue>][] = [
      [T0, { EventID: 4625, User: 'a' }],
      [T0 + 6 * MIN, { EventID: 4625, User: 'a' }],
      [T0 + 6 * MIN, { EventID: 4625, User: 'b' }],
      [T0 + 12 * MIN, { EventID: 4625, User: 'a' }],
      [T0 + 13 * MIN, { EventID: 4625, User: 'a' }],
    ];
    const m = run(rules, engine, spread);
    assert.equal(m.length, 1);
    assert.deepEqual(m[0]?.group, { User: 'a' });
    assert.deepEqual([m[0].firstTime, m[0].lastTime, m[0].count, m[0].value], [T0 + 6 * MIN, T0 + 13 * MIN, 3, 3]);
    assert.equal(m[0].contributions.length, 3);
    assert.equal(m[0].contributions[0]?.explanation?.selections[0]?.name, 'selection');
  });

  it('emits once per fresh window: 250 events with gte 100 give 2 matches', () => {
    const { rules, engine } = setup(`${base('f', 'x', '1')}---
title: many
correlation: {type: event_count, rules: [f], group-by: [h], timespan: 1h, condition: {gte: 100}}
`, { maxContributions: 4 });
    const m = run(rules, engine, Array.from({ length: 250 }, (_, i): [number, Record<string, FieldValue>] => [T0 + i * 1000, { x: 1, h: 'srv' }]));
    assert.equal(m.length, 2);
    assert.deepEqual(m[0]?.contributions.map((c) => c.time), [T0, T0 + 1000, T0 + 98_000, T0 + 99_000]);
  });

  it('decides upper bounds when the window closes (advance, a late event, or flush)', () => {
    const { rules, engine } = setup(`${base('f', 'x', '1')}---
title: few
correlation: {type: event_count, rules: [f], group-by: [h], timespan: 1m, condition: {lt: 3}}
`);
    assert.deepEqual(run(rules, engine, [[T0, { x: 1, h: 'a' }], [T0 + 1000, { x: 1, h: 'a' }]], false), []);
    const closed = engine.advance(T0 + 5 * MIN);
    assert.deepEqual(closed.map((m) => [m.group, m.count]), [[{ h: 'a' }, 2]]);
    const busy = run(rules, engine, Array.from({ length: 5 }, (_, i): [number, Record<string, FieldValue>] => [T0 + 10 * MIN + i, { x: 1, h: 'b' }]), true);
    assert.deepEqual(busy, []);
    const range = setup(`${base('f', 'x', '1')}---
title: some
correlation: {type: event_count, rules: [f], group-by: [h], timespan: 1m, condition: {gt: 2, lte: 4}}
`);
    const events = (n: number, h: string, start: number): [number, Record<string, FieldValue>][] => Array.from({ length: n }, (_, i) => [start + i, { x: 1, h }]);
    const got = run(range.rules, range.engine, [...events(2, 'two', T0), ...events(3, 'three', T0 + 10), ...events(5, 'five', T0 + 20)]);
    assert.deepEqual(got.map((m) => m.group['h']), ['three']);
  });
});

describe('value_count', () => {
  it('counts distinct values of the field per group', () => {
    const { rules, engine } = setup(`${base('f', 'EventID', '4625')}---
title: spray
correlation:
    type: value_count
    rules: [f]
    group-by: [Computer]
    timespan: 1d
    condition: {field: User, gte: 3}
`);
    const m = run(rules, engine, [
      [T0, { EventID: 4625, Computer: 'dc', User: 'a' }],
      [T0 + 1, { EventID: 4625, Computer: 'dc', User: 'a' }],
      [T0 + 2, { EventID: 4625, Computer: 'dc', User: 'b' }],
      [T0 + 3, { EventID: 4625, Computer: 'ws', User: 'c' }],
      [T0 + 4, { EventID: 4625, Computer: 'dc' }],
      [T0 + 5, { EventID: 4625, Computer: 'dc', User: 'c' }],
    ]);
    assert.deepEqual(m.map((x) => [x.group, x.value, x.count]), [[{ Computer: 'dc' }, 3, 5]]);
  });
});

describe('engine bounds and errors', () => {
  const counting = `${base('f', 'x', '1')}---\ntitle: c\ncorrelation: {type: event_count, rules: [f], group-by: [h], timespan: 1m, condition: {gte: 1000}}\n`;

  it('forgets groups idle for longer than the timespan', () => {
    const { rules, engine } = setup(counting);
    run(rules, engine, Array.from({ length: 5000 }, (_, i): [number, Record<string, FieldValue>] => [T0 + i * 1000, { x: 1, h: `host${i}` }]), false);
    assert.ok(engine.stats().groups <= 61, `${engine.stats().groups} groups kept`);
  });

  it('caps groups and events per group', () => {
    const { rules, engine } = setup(counting, { maxGroups: 10, maxEventsPerGroup: 5 });
    run(rules, engine, Array.from({ length: 100 }, (_, i): [number, Record<string, FieldValue>] => [T0 + i, { x: 1, h: `host${i % 20}` }]), false);
    assert.equal(engine.stats().groups, 10);
    assert.ok(engine.stats().dropped > 0);
  });

  it('ignores events without a time', () => {
    const { rules, engine } = setup(counting.replace('gte: 1000', 'gte: 1'));
    assert.deepEqual(run(rules, engine, [[Number.NaN, { x: 1, h: 'a' }]]), []);
  });

  it('reports unknown references and cycles, and keeps the rest', () => {
    const r = loadRuleText(`${base('f', 'x', '1')}---
title: lost
correlation: {type: event_count, rules: [nope], group-by: [h], timespan: 1m, condition: {gte: 1}}
---
title: a
name: a
correlation: {type: event_count, rules: [b], timespan: 1m, condition: {gte: 1}}
---
title: b
name: b
correlation: {type: event_count, rules: [a], timespan: 1m, condition: {gte: 1}}
---
title: fine
correlation: {type: event_count, rules: [f], timespan: 1m, condition: {gte: 1}, generate: true}
`, 'refs.yml');
    assert.deepEqual(r.errors, []);
    const { engine, errors } = createCorrelationEngine(r.correlations, { rules: r.rules });
    assert.deepEqual(errors.map((e) => e.code), ['SIGMA_UNKNOWN_REFERENCE', 'SIGMA_UNKNOWN_REFERENCE', 'SIGMA_UNKNOWN_REFERENCE']);
    assert.deepEqual(engine.correlations.map((c) => c.meta.title), ['fine']);
    assert.equal(engine.reportsOwnMatches('f'), true, 'generate: true keeps the base rule reporting');
    const [rule] = r.rules;
    assert.ok(rule !== undefined);
    assert.equal(engine.push(rule, eventOf({ x: 1 }, T0)).length, 1);
  });

  it('rejects invalid correlation documents with located errors', () => {
    const bad = (c: string) => loadRuleText(`title: bad\ncorrelation:\n${c}`, 'bad.yml').errors.map((e) => [e.code, e.location.line]);
    assert.deepEqual(bad('    type: event_count\n    rules: [a]\n    timespan: 1h\n'), [['SIGMA_INVALID_CORRELATION', 2]]);
    assert.deepEqual(bad('    type: value_count\n    rules: [a]\n    timespan: 1h\n    condition: {gte: 2}\n'), [['SIGMA_INVALID_CORRELATION', 6]]);
    assert.deepEqual(bad('    type: event_count\n    rules: [a]\n    timespan: 1 hour\n    condition: {gte: 2}\n'), [['SIGMA_INVALID_CORRELATION', 5]]);
    assert.deepEqual(bad('    type: counting\n    rules: [a]\n    timespan: 1h\n    condition: {gte: 2}\n'), [['SIGMA_INVALID_CORRELATION', 3]]);
    assert.deepEqual(bad('    type: event_count\n    rules: [a]\n    timespan: 1h\n    condition: {more: 2}\n'), [['SIGMA_INVALID_CORRELATION', 6]]);
    assert.deepEqual(bad('    type: temporal\n    rules: [a, b]\n    timespan: 1h\n    condition: a and not b\n'), [['SIGMA_INVALID_CORRELATION', 6]]);
  });
});
