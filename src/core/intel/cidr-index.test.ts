import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRandom } from '../../lib/random.js';
import { CidrIndex, type CidrEntry } from './cidr-index.js';
import { type Cidr, maskIpv4, maskIpv6, parseIpv6 } from '../../lib/ip.js';

test('finds every enclosing IPv4 block, innermost first, like a brute-force scan', () => {
  const random = createRandom(7);
  const rng = (): number => random.nextFloat();
  const entries: CidrEntry[] = [];
  for (let id = 0; id < 3000; id++) {
    const prefix = [8, 12, 16, 20, 24, 28, 32][Math.floor(rng() * 7)]!;
    const addr = (0x0a000000 + Math.floor(rng() * 0x00ffffff)) >>> 0; // all inside 10/8 so blocks nest
    entries.push({ cidr: { family: 4, network: maskIpv4(addr, prefix), prefix }, id });
  }
  entries.push({ cidr: { family: 4, network: 0, prefix: 0 }, id: 9999 });
  const index = CidrIndex.build(entries);
  for (let q = 0; q < 3000; q++) {
    const ip = q % 3 === 0 ? (entries[q]!.cidr as { network: number }).network : (0x0a000000 + Math.floor(rng() * 0x00ffffff)) >>> 0;
    const got: number[] = [];
    const prefixes: number[] = [];
    index.collectV4(ip, got, prefixes);
    const want = entries.filter((e) => e.cidr.family === 4 && maskIpv4(ip, e.cidr.prefix) === e.cidr.network).map((e) => e.id);
    assert.deepEqual([...got].sort((a, b) => a - b), want.sort((a, b) => a - b));
    for (let i = 1; i < prefixes.length; i++) assert.ok(prefixes[i]! <= prefixes[i - 1]!, 'innermost first');
  }
});

test('finds enclosing IPv6 blocks and blocks containing a block', () => {
  const c = (s: string, prefix: number): Cidr => ({ family: 6, network: maskIpv6(parseIpv6(s)!, prefix), prefix });
  const index = CidrIndex.build([
    { cidr: c('2001:db8::', 32), id: 1 },
    { cidr: c('2001:db8:1::', 48), id: 2 },
    { cidr: c('2001:db8:1::5', 128), id: 3 },
    { cidr: c('2001:db9::', 32), id: 4 },
    { cidr: c('2001:db8::', 32), id: 5 },
  ]);
  const got: number[] = [];
  index.collectV6(parseIpv6('2001:db8:1::5')!, got);
  assert.deepEqual(got, [3, 2, 1, 5]);
  got.length = 0;
  index.collectV6(parseIpv6('2001:db8:2::1')!, got);
  assert.deepEqual(got, [1, 5]);
  got.length = 0;
  index.collectV6(parseIpv6('2001:dba::1')!, got);
  assert.deepEqual(got, []);
  got.length = 0;
  index.collectContaining(c('2001:db8:1::', 64), got);
  assert.deepEqual(got, [2, 1, 5]);
});
