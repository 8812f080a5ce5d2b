import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockPolicy, checkBlockTarget, parseRange, rangeContains, rangesOverlap } from './block-target.js';

const policy = (extra: { allowRanges?: string[]; protectedRanges?: string[] } = {}) => {
  const p = blockPolicy({ allowRanges: extra.allowRanges ?? [], protectedRanges: extra.protectedRanges ?? [], minPrefixV4: 16, minPrefixV6: 48 });
  assert.ok(p.ok);
  return p.value;
};
const accepted = (text: string, p = policy()) => {
  const r = checkBlockTarget(text, p);
  assert.ok(r.ok, `${text}: ${r.ok ? '' : r.error}`);
  return r.value.text;
};
const refused = (text: string, p = policy()) => {
  const r = checkBlockTarget(text, p);
  assert.ok(!r.ok, `${text} should be refused`);
  return r.error;
};

describe('firewall block targets', () => {
  it('accepts one public address or block and formats it canonically', () => {
    assert.equal(accepted('203.0.113.5'), '203.0.113.5');
    assert.equal(accepted('198.51.100.0/24'), '198.51.100.0/24');
    assert.equal(accepted('2001:DB8:0:0::1'), '2001:db8::1');
    assert.equal(accepted('2001:db8:abcd::/48'), '2001:db8:abcd::/48');
  });

  it('rejects injection attempts and anything that is not exactly one address', () => {
    for (const text of ['; rm -rf /', '$(touch /tmp/x)', '`id`', '{{7*7}}', '${7*7}', '203.0.113.5; rm -rf /', '203.0.113.5\n198.51.100.1', '203.0.113.5 ', ' 203.0.113.5', '203.0.113.5,198.51.100.1', '203.0.113.5/24/1', '-j ACCEPT', '{ 0.0.0.0/0 }', '', '0x7f.1', '1.2.3', '203.000.113.5', 'fe80::1%eth0', 'example.com']) {
      assert.match(refused(text), /is not an IP address or CIDR block/, JSON.stringify(text));
    }
  });

  it('refuses host bits in a block, naming the network', () => {
    assert.match(refused('203.0.113.5/24'), /host bits set \(the network is 203\.0\.113\.0\/24\)/);
  });

  it('refuses private, loopback, link-local, multicast and mapped ranges', () => {
    for (const text of ['10.1.2.3', '127.0.0.1', '192.168.1.0/24', '172.20.0.1', '169.254.169.254', '100.64.0.1', '224.0.0.1', '255.255.255.255', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', 'ff02::1', '::ffff:203.0.113.5']) {
      assert.match(refused(text), /overlaps/, text);
    }
  });

  it('refuses blocks wider than the minimum prefix, and so 0.0.0.0/0', () => {
    assert.match(refused('0.0.0.0/0'), /wider than \/16/);
    assert.match(refused('8.0.0.0/8'), /wider than \/16/);
    assert.match(refused('2001:db8::/32'), /wider than \/48/);
    // A block wide enough to hold a private range is refused even when its prefix is allowed.
    const wide = blockPolicy({ allowRanges: [], protectedRanges: [], minPrefixV4: 0, minPrefixV6: 0 });
    assert.ok(wide.ok);
    assert.match(refused('0.0.0.0/0', wide.value), /overlaps 0\.0\.0\.0\/8/);
  });

  it('allows a special range when configuration allows all of it', () => {
    const p = policy({ allowRanges: ['10.9.0.0/16'] });
    assert.equal(accepted('10.9.8.7', p), '10.9.8.7');
    assert.match(refused('10.8.0.1', p), /overlaps 10\.0\.0\.0\/8/);
  });

  it('never blocks the organisation\'s own ranges, even if allowed', () => {
    const p = policy({ allowRanges: ['10.0.0.0/8'], protectedRanges: ['198.51.100.0/24', '10.1.0.0/16'] });
    assert.match(refused('198.51.100.7', p), /protected range 198\.51\.100\.0\/24/);
    assert.match(refused('10.1.2.3', p), /protected range 10\.1\.0\.0\/16/);
  });

  it('reports every invalid configured range', () => {
    const p = blockPolicy({ allowRanges: ['nope'], protectedRanges: ['10.0.0.1/8'], minPrefixV4: 16, minPrefixV6: 48 });
    assert.ok(!p.ok);
    assert.equal(p.error.length, 2);
  });

  it('computes overlap and containment across prefix lengths', () => {
    const r = (t: string) => { const x = parseRange(t); assert.ok(x.ok); return x.value.cidr; };
    assert.ok(rangesOverlap(r('10.0.0.0/8'), r('10.1.2.3')));
    assert.ok(!rangesOverlap(r('10.0.0.0/8'), r('11.0.0.1')));
    assert.ok(rangeContains(r('10.0.0.0/8'), r('10.1.0.0/16')));
    assert.ok(!rangeContains(r('10.1.0.0/16'), r('10.0.0.0/8')));
    assert.ok(!rangesOverlap(r('::/0'), r('10.0.0.1')));
  });
});
