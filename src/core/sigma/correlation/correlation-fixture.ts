import assert from 'node:assert/strict';
import type { FieldValue } from '../contract.js';
import { eventOf } from '../event-fixture.js';
import { loadRuleText } from '../loader.js';
import type { SigmaRule } from '../rule.js';
import { createCorrelationEngine, type CorrelationEngine } from './engine.js';
import type { CorrelationMatch } from './types.js';

/* Test support for correlation tests: rule text helpers, the spec's example, and a tiny dispatcher. */

/** One minute in milliseconds. */
export const MIN = 60_000;
/** A fixed start time for test events. */
export const T0 = Date.UTC(2025, 0, 1);

/** Loads rule/correlation documents and builds an engine over them. */
export function setup(text: string, options: { maxGroups?: number; maxEventsPerGroup?: number; maxContributions?: number } = {}): { rules: SigmaRule[]; engine: CorrelationEngine } {
  const r = loadRuleText(text, 'corr.yml');
  assert.deepEqual(r.errors.map((e) => e.message), []);
  const { engine, errors } = createCorrelationEngine(r.correlations, { rules: r.rules, ...options });
  assert.deepEqual(errors, []);
  return { rules: r.rules, engine };
}

/** Runs events through the rules and the engine (as a dispatcher would) and collects correlation matches. */
export function run(rules: readonly SigmaRule[], engine: CorrelationEngine, events: readonly [number, Record<string, FieldValue>][], flush = true): CorrelationMatch[] {
  const out: CorrelationMatch[] = [];
  for (const [t, fields] of events) {
    const event = eventOf(fields, t);
    for (const rule of rules) {
      const why = rule.match(event);
      if (why !== undefined) out.push(...engine.push(rule, event, why));
    }
  }
  if (flush) out.push(...engine.flush());
  return out;
}

/** A one-selection rule named `name` matching `field: values`. */
export const base = (name: string, field: string, values: string): string =>
  `title: ${name}\nname: ${name}\nlogsource:\n    product: test\ndetection:\n    selection:\n        ${field}: ${values}\n    condition: selection\n`;

/** The specification's example: failed logins (chained event_count) followed by a success. */
export const SPEC_EXAMPLE = `title: Correlation - Multiple Failed Logins Followed by Successful Login
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
correlation:
    type: temporal_ordered
    rules:
        - multiple_failed_login
        - successful_login
    group-by:
        - User
    timespan: 10m
level: high
---
title: Multiple failed logons
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
name: multiple_failed_login
correlation:
    type: event_count
    rules:
        - failed_login
    group-by:
        - User
    timespan: 10m
    condition:
        gte: 10
---
title: Single failed login
id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
name: failed_login
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID:
            - 529
            - 4625
    condition: selection
---
title: Successful login
id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
name: successful_login
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID:
            - 528
            - 4624
    condition: selection
`;

/** `n` failed logons of `user`, `step` ms apart. */
export const fails = (n: number, user: string, start: number, step = 10_000): [number, Record<string, FieldValue>][] =>
  Array.from({ length: n }, (_, i) => [start + i * step, { EventID: 4625, User: user }]);

