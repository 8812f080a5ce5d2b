import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EntityHistory } from '../anomaly/auth-window-features.js';
import { USER_FEATURES } from '../anomaly/auth-window-features.js';
import { EntityWindow, EvidenceStore } from '../anomaly/entity-window.js';
import { defaultDetectionConfig } from '../../schema/config.js';
import { deservesAlert, isExtreme, riskShare, usualForEntity, type Driver } from './anomaly-gates.js';

const config = defaultDetectionConfig().anomaly;

/** A window of "root" with no activity, after `previous` (none: the account's first window). */
function userWindow(previous?: EntityWindow): EntityWindow {
  return new EntityWindow('user', 'root', 0, false, previous, new EvidenceStore());
}
const history = (windows: number, max: Partial<Record<string, number>>): EntityHistory => ({ windows, max: USER_FEATURES.map((name) => max[name] ?? 0) });
const driver = (name: string, value: number, share: number, typical = 0): Driver => ({ name, value, share, typical });

test('counts must clear twice the population quantile (at least 1); shares and flags the quantile itself', () => {
  assert.equal(isExtreme('failures', 2, 0, config), false, 'a couple of failures is never extreme');
  assert.equal(isExtreme('failures', 3, 0, config), true);
  assert.equal(isExtreme('failures', 10, 5, config), false);
  assert.equal(isExtreme('failures', 11, 5, config), true);
  assert.equal(isExtreme('invalid_user_ratio', 1, 0.5, config), true);
  assert.equal(isExtreme('invalid_user_ratio', 0.5, 0.5, config), false);
});

test('risk share counts only risk features above their typical value', () => {
  const drivers = [driver('failures', 50, 0.5), driver('successes', 9, 0.3), driver('distinct_sources', 1, 0.2, 1)];
  assert.equal(riskShare(drivers), 0.5);
});

test("an entity's own history excuses repeats but not escalation", () => {
  const main = driver('distinct_sources', 4, 0.6);
  assert.equal(usualForEntity(history(10, { distinct_sources: 3 }), main, USER_FEATURES, config), true);
  assert.equal(usualForEntity(history(10, { distinct_sources: 1 }), main, USER_FEATURES, config), false);
  assert.equal(usualForEntity(history(1, { distinct_sources: 3 }), main, USER_FEATURES, config), false, 'too little history to excuse');
});

test('an alert needs risk, extremeness and novelty together', () => {
  const stats = { typical: USER_FEATURES.map(() => 0), high: USER_FEATURES.map(() => 1) };
  const fresh = userWindow();
  assert.equal(deservesAlert(fresh, [driver('distinct_sources', 48, 0.6), driver('failures', 118, 0.4)], USER_FEATURES, stats, config), true);
  assert.equal(deservesAlert(fresh, [driver('successes', 48, 0.9), driver('failures', 118, 0.1)], USER_FEATURES, stats, config), false, 'isolated by successes');
  assert.equal(deservesAlert(fresh, [driver('distinct_sources', 2, 0.9)], USER_FEATURES, stats, config), false, 'not extreme');
});
