import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPrivateIp, parseReceived, parseReceivedChain } from './received-chain.js';

const CHAIN = [
  'from mx.corp.example (10.0.0.5) by mbox.corp.example with ESMTP id 1; Tue, 3 Mar 2026 10:00:09 +0000',
  'from attacker.example (unknown [203.0.113.9]) by mx.corp.example (10.0.0.5) with ESMTPS id 2; Tue, 3 Mar 2026 10:00:05 +0000',
  'from [192.168.1.20] (helo=pc) by attacker.example with ESMTPSA; Tue, 3 Mar 2026 09:59:00 +0000',
];

test('parses the parts of a Received header', () => {
  const hop = parseReceived(CHAIN[1]!, 1);
  assert.equal(hop.from, 'attacker.example');
  assert.equal(hop.fromIp, '203.0.113.9');
  assert.equal(hop.by, 'mx.corp.example');
  assert.equal(hop.with, 'ESMTPS');
  assert.equal(hop.time, Date.parse('2026-03-03T10:00:05Z'));
});

test('orders hops from the origin, finds the first external hop and the delays', () => {
  const chain = parseReceivedChain(CHAIN);
  assert.deepEqual(chain.hops.map((h) => h.index), [2, 1, 0]);
  assert.equal(chain.firstExternalHop?.fromIp, '203.0.113.9');
  assert.deepEqual(chain.delays, [65_000, 4_000]);
});

test('isPrivateIp knows the private, loopback and link-local ranges', () => {
  for (const ip of ['10.1.2.3', '172.16.0.1', '192.168.0.1', '127.0.0.1', '169.254.1.1', '100.64.0.1', '::1', 'fe80::1', 'fd00::1', '::ffff:10.0.0.1']) assert.ok(isPrivateIp(ip), ip);
  for (const ip of ['203.0.113.9', '8.8.8.8', '2001:db8::1', '2603:10a6:d10:a1::9']) assert.ok(!isPrivateIp(ip), ip);
});
