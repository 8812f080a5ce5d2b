import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EcsEvent } from '../../schema/event.js';
import type { Detector } from './detector.js';
import { createDispatcher } from './dispatch.js';
import { other, T0 } from './test-events.js';

function recorder(id: string, seen: string[], actions?: readonly string[]): Detector {
  return {
    id,
    ...(actions === undefined ? {} : { actions }),
    observe: (_ts: number, e: EcsEvent) => seen.push(`${id}:${e.event.action ?? ''}`),
    flush: () => seen.push(`${id}:flush`),
  };
}

test('each event goes only to detectors that declared its action, plus those that take everything, in order', () => {
  const seen: string[] = [];
  const d = createDispatcher([recorder('all', seen), recorder('login', seen, ['ssh_login']), recorder('sudo', seen, ['sudo_refused', 'ssh_login'])]);
  for (const action of ['ssh_login', 'cron_command', 'sudo_refused']) d.observe(T0, other(T0, action, 'h'));
  d.flush();
  assert.deepEqual(seen, [
    'all:ssh_login',
    'login:ssh_login',
    'sudo:ssh_login',
    'all:cron_command',
    'all:sudo_refused',
    'sudo:sudo_refused',
    'all:flush',
    'login:flush',
    'sudo:flush',
  ]);
});
