import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertFingerprint, caseIdFor, caseTitle, summarizeAlert } from './alert-summary.js';
import { alertSummarySchema } from './case-event.js';
import { testAlert } from './test-alerts.js';

test('the fingerprint is rule + entities, independent of time and of the order entities are listed in', () => {
  const a = testAlert({ ips: ['203.0.113.5', '198.51.100.1'], users: ['root'], start: '2026-11-02T05:00:00Z' });
  const b = testAlert({ ips: ['198.51.100.1', '203.0.113.5'], users: ['root'], start: '2026-11-05T17:00:00Z' });
  assert.notEqual(a.id, b.id);
  assert.equal(alertFingerprint(a), alertFingerprint(b));
  assert.notEqual(alertFingerprint(a), alertFingerprint(testAlert({ ips: ['203.0.113.5'], users: ['root'], start: '2026-11-02T05:00:00Z' })));
  assert.notEqual(alertFingerprint(a), alertFingerprint(testAlert({ rule: 'other', ips: ['203.0.113.5', '198.51.100.1'], users: ['root'], start: '2026-11-02T05:00:00Z' })));
});

test('a summary is valid, bounded, and anomaly alerts are detectable only at the end of their window', () => {
  const many = Array.from({ length: 2000 }, (_, i) => `10.0.${i >> 8}.${i & 255}`);
  const s = summarizeAlert(testAlert({ ips: many, start: '2026-11-02T05:00:00Z', end: '2026-11-02T05:59:00Z', category: 'anomaly' }));
  alertSummarySchema.parse(s);
  assert.equal(s.related.ip.length, 500);
  const huge = summarizeAlert(testAlert({ users: ['x'.repeat(5000), 'root'], start: '2026-11-02T05:00:00Z' }));
  assert.deepEqual(huge.related.user, ['root'], 'a 5000-character user name is not an entity');
  alertSummarySchema.parse(huge);
  assert.equal(s.detection_time, '2026-11-02T05:59:00.000Z');
  const t = summarizeAlert(testAlert({ ips: ['203.0.113.5'], start: '2026-11-02T05:00:00Z', at: '2026-11-02T05:03:00Z', end: '2026-11-02T05:59:00Z' }));
  assert.equal(t.detection_time, '2026-11-02T05:03:00.000Z');
});

test('titles name the rule and the actor; case ids are stable and short', () => {
  const s = summarizeAlert(testAlert({ ips: ['203.0.113.5'], users: ['a', 'b'], start: '2026-11-02T05:00:00Z' }));
  assert.equal(caseTitle(s), 'Rule vigil.auth.brute_force from 203.0.113.5 against 2 accounts on bastion');
  assert.match(caseIdFor(s.id), /^case-[0-9a-f]{12}$/);
  assert.equal(caseIdFor(s.id), caseIdFor(s.id));
});
