import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatIpv6, parseCidr, parseIpv4, parseIpv6 } from './ip.js';

test('IPv4: strict dotted quads only', () => {
  assert.equal(parseIpv4('192.0.2.1'), 0xc0000201);
  assert.equal(parseIpv4('255.255.255.255'), 0xffffffff);
  assert.equal(parseIpv4('0.0.0.0'), 0);
  for (const bad of ['999.1.1.1', '256.0.0.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1..2.3', ' 1.2.3.4', '1.2.3.4 ', 'a.b.c.d', '1.2.3.-4']) assert.equal(parseIpv4(bad), undefined, bad);
});

test('IPv6: RFC 5952 canonical text', () => {
  const canon = (s: string): string | undefined => {
    const w = parseIpv6(s);
    return w === undefined ? undefined : formatIpv6(w);
  };
  const cases: [string, string][] = [
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // first of two equal runs
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group is not shortened
    ['2001:db8::0:1', '2001:db8::1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['2001:db8:0:0:0:1:0:0', '2001:db8::1:0:0'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // the longest run wins
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ['::FFFF:c000:0201', '::ffff:192.0.2.1'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
    ['fe80::1:2:3:4:5:6', 'fe80:0:1:2:3:4:5:6'],
  ];
  for (const [input, want] of cases) assert.equal(canon(input), want, input);
  for (const bad of ['1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2::3', ':1:2:3:4:5:6:7', '12345::', 'g::1', '1.2.3.4::', '::1.2.3', 'fe80::1%eth0', '']) assert.equal(parseIpv6(bad), undefined, bad);
});

test('CIDR: network address required, host bits reported with the network', () => {
  const ok4 = parseCidr('10.0.0.0/8');
  assert.ok(ok4.ok);
  const bad = parseCidr('10.1.2.3/8');
  assert.equal(bad.ok, false);
  assert.deepEqual(bad.problem, { kind: 'host-bits', network: '10.0.0.0/8' });
  assert.ok(parseCidr('2001:db8::/32').ok);
  const bad6 = parseCidr('2001:db8::1/64');
  assert.equal(bad6.ok, false);
  assert.deepEqual(bad6.problem, { kind: 'host-bits', network: '2001:db8::/64' });
  for (const s of ['10.0.0.0/33', '10.0.0.0/', '/8', '10.0.0.0/08', '::/129', '10.0.0.0/-1']) assert.equal(parseCidr(s).ok, false, s);
  assert.ok(parseCidr('0.0.0.0/0').ok);
});
