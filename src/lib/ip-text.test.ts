import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIpAddress, isIpv4, isIpv6 } from './ip.js';

test('isIpv4 accepts dotted quads and refuses near misses', () => {
  for (const ip of ['1.2.3.4', '0.0.0.0', '255.255.255.255', '173.234.31.186', '10.0.0.1']) assert.ok(isIpv4(ip), ip);
  for (const bad of ['', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1..2.3', '1.2.3.4 ', 'a.b.c.d', '1.2.3.', '.1.2.3', '1.2.3.1000', '1.2.3.4x']) {
    assert.equal(isIpv4(bad), false, bad);
  }
});

test('isIpv6 accepts RFC 4291 forms and refuses near misses', () => {
  const good = ['::', '::1', '1::', 'fe80::1', '2001:db8::8a2e:370:7334', '2001:0db8:0000:0000:0000:ff00:0042:8329', '::ffff:1.2.3.4', '64:ff9b::192.0.2.33', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:1.2.3.4', 'FE80::ABCD'];
  for (const ip of good) assert.ok(isIpv6(ip), ip);
  const bad = [':', ':::', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', 'g::1', 'fe80::1%eth0', '1:2:3:4:5:6:7', '::1:', ':1::', '1:2:3:4:5:6:7:1.2.3.4', '::1.2.3', '1.2.3.4'];
  for (const ip of bad) assert.equal(isIpv6(ip), false, ip);
});

test('isIpAddress checks a range of a larger string', () => {
  const line = 'from 9.9.9.9 port 22';
  assert.ok(isIpAddress(line, 5, 12));
  assert.equal(isIpAddress(line, 5, 13), false);
  assert.equal(isIpAddress('ns.example.com'), false);
});
