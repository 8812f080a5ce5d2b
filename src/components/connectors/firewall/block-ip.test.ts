import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ActionFailure } from '../../../core/respond/action.js';
import { connectorsConfigSchema, type ConnectorsConfigInput } from '../../../core/respond/connectors-config.js';
import { testContext } from '../testing/action-context.js';
import { defineFirewallBlockIp, defineFirewallUnblockIp } from './block-ip.js';

/**
 * A stand-in for nft/ipset/iptables: a real program, spawned for real, that appends its argv (as
 * JSON) to a log file and keeps iptables-like rule state, so `-C` answers as iptables would.
 */
function writeFakeFirewall(dir: string, name: string, options: { failWith?: string } = {}): { path: string; calls: () => string[][] } {
  const log = join(dir, `${name}.log`);
  const state = join(dir, `${name}.state`);
  const path = join(dir, name);
  writeFileSync(
    path,
    `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + '\\n');
${options.failWith === undefined ? '' : `process.stderr.write(${JSON.stringify(options.failWith)}); process.exit(2);`}
let rules = [];
try { rules = JSON.parse(fs.readFileSync(${JSON.stringify(state)}, 'utf8')); } catch {}
const op = args.find((a) => a === '-C' || a === '-I' || a === '-D');
const rule = args.slice(args.indexOf(op) + 1).join(' ');
if (op === '-C') process.exit(rules.includes(rule) ? 0 : 1);
if (op === '-I') rules.push(rule);
if (op === '-D') { if (!rules.includes(rule)) { process.stderr.write('iptables: Bad rule'); process.exit(1); } rules = rules.filter((r) => r !== rule); }
fs.writeFileSync(${JSON.stringify(state)}, JSON.stringify(rules));
`,
    { mode: 0o700 },
  );
  chmodSync(path, 0o700);
  return { path, calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]) : []) };
}

describe('firewall.block_ip / firewall.unblock_ip with a fake firewall program', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'vigil-fw-')); });
  after(() => { rmSync(dir, { recursive: true, force: true }); });
  const deps = (firewall: ConnectorsConfigInput['firewall']) => ({ config: connectorsConfigSchema.parse({ firewall }), now: Date.now });

  it('is a dry run by default: returns the exact argv and spawns nothing', async () => {
    const fake = writeFakeFirewall(dir, 'nft-dry');
    const a = defineFirewallBlockIp(deps({ binary: fake.path }));
    assert.equal(a.effect, 'destructive');
    const out = await a.run(a.input.parse({ ip: '203.0.113.5' }), testContext());
    assert.deepEqual(out, { target: '203.0.113.5', family: 4, backend: 'nftables', executed: false, unchanged: false, argv: [[fake.path, 'add', 'element', 'inet', 'vigil', 'blocklist_v4', '{', '203.0.113.5', '}']] });
    assert.deepEqual(fake.calls(), []);
  });

  it('adds an address to the nftables set by spawning the program with an argument array', async () => {
    const fake = writeFakeFirewall(dir, 'nft');
    const a = defineFirewallBlockIp(deps({ binary: fake.path, execute: true }));
    const out = await a.run(a.input.parse({ ip: '2001:DB8::7', timeout_seconds: 3600 }), testContext());
    assert.equal(out.executed, true);
    assert.deepEqual(fake.calls(), [['add', 'element', 'inet', 'vigil', 'blocklist_v6', '{', '2001:db8::7', 'timeout', '3600s', '}']]);
    const un = defineFirewallUnblockIp(deps({ binary: fake.path, execute: true }));
    await un.run(un.input.parse({ ip: '2001:db8::7' }), testContext());
    assert.deepEqual(fake.calls()[1], ['delete', 'element', 'inet', 'vigil', 'blocklist_v6', '{', '2001:db8::7', '}']);
  });

  it('adds to and removes from an ipset', async () => {
    const fake = writeFakeFirewall(dir, 'ipset');
    const cfg = deps({ backend: 'ipset', binary: fake.path, execute: true });
    const a = defineFirewallBlockIp(cfg);
    await a.run(a.input.parse({ ip: '198.51.100.0/24', timeout_seconds: 600 }), testContext());
    const un = defineFirewallUnblockIp(cfg);
    await un.run(un.input.parse({ ip: '198.51.100.0/24' }), testContext());
    assert.deepEqual(fake.calls(), [
      ['add', 'vigil-block-v4', '198.51.100.0/24', 'timeout', '600', '-exist'],
      ['del', 'vigil-block-v4', '198.51.100.0/24', '-exist'],
    ]);
  });

  it('checks before inserting an iptables rule, so a repeated block changes nothing', async () => {
    const fake = writeFakeFirewall(dir, 'iptables');
    const cfg = deps({ backend: 'iptables', binary: fake.path, execute: true });
    const a = defineFirewallBlockIp(cfg);
    const first = await a.run(a.input.parse({ ip: '203.0.113.9' }), testContext());
    const second = await a.run(a.input.parse({ ip: '203.0.113.9' }), testContext());
    assert.equal(first.unchanged, false);
    assert.equal(second.unchanged, true);
    const rule = ['VIGIL-BLOCK', '-s', '203.0.113.9', '-j', 'DROP'];
    assert.deepEqual(fake.calls(), [['-w', '-C', ...rule], ['-w', '-I', ...rule], ['-w', '-C', ...rule]]);
    const un = defineFirewallUnblockIp(cfg);
    assert.equal((await un.run(un.input.parse({ ip: '203.0.113.9' }), testContext())).unchanged, false);
    assert.equal((await un.run(un.input.parse({ ip: '203.0.113.9' }), testContext())).unchanged, true);
    assert.equal(fake.calls().length, 6);
  });

  it('refuses iptables timeouts (iptables has none)', async () => {
    const fake = writeFakeFirewall(dir, 'iptables-t');
    const a = defineFirewallBlockIp(deps({ backend: 'iptables', binary: fake.path, execute: true }));
    await assert.rejects(a.run(a.input.parse({ ip: '203.0.113.9', timeout_seconds: 5 }), testContext()), /no timeouts/);
    assert.deepEqual(fake.calls(), []);
  });

  it('reports a failing firewall program as a non-retryable failure with its stderr', async () => {
    const fake = writeFakeFirewall(dir, 'nft-fail', { failWith: 'Error: No such file or directory; did you mean set blocklist_v4?\n' });
    const a = defineFirewallBlockIp(deps({ binary: fake.path, execute: true }));
    await assert.rejects(a.run(a.input.parse({ ip: '203.0.113.5' }), testContext()), (e: unknown) => e instanceof ActionFailure && !e.retryable && /\(exit status 2\): Error: No such file/.test(e.message));
  });

  it('reports a missing firewall program clearly', async () => {
    const a = defineFirewallBlockIp(deps({ binary: join(dir, 'does-not-exist'), execute: true }));
    await assert.rejects(a.run(a.input.parse({ ip: '203.0.113.5' }), testContext()), /ENOENT/);
  });

  it('rejects injection attempts as not an IP, at the input and in run(), and never spawns', async () => {
    const fake = writeFakeFirewall(dir, 'nft-inj');
    const marker = join(dir, 'pwned');
    const a = defineFirewallBlockIp(deps({ binary: fake.path, execute: true }));
    for (const ip of ['; rm -rf /', `$(touch ${marker})`, `203.0.113.5; touch ${marker}`, '{{7*7}}', '${7*7}', '203.0.113.5\n198.51.100.1', '203.0.113.5 } ; flush ruleset ; {', '-h']) {
      const parsed = a.input.safeParse({ ip });
      assert.ok(!parsed.success, ip);
      assert.match(parsed.error.issues[0]?.message ?? '', /not an IP address or CIDR block/);
      await assert.rejects(a.run({ ip }, testContext()), (e: unknown) => e instanceof ActionFailure && !e.retryable && /not an IP address/.test(e.message));
    }
    assert.deepEqual(fake.calls(), []);
    assert.equal(existsSync(marker), false);
  });

  it('refuses private and own ranges unless configuration allows them', () => {
    const a = defineFirewallBlockIp(deps({ protectedRanges: ['198.51.100.0/24'] }));
    assert.equal(a.input.safeParse({ ip: '192.168.1.10' }).success, false);
    assert.equal(a.input.safeParse({ ip: '198.51.100.20' }).success, false);
    const allowed = defineFirewallBlockIp(deps({ allowRanges: ['192.168.1.0/24'] }));
    assert.equal(allowed.input.safeParse({ ip: '192.168.1.10' }).success, true);
  });

  it('plans one precise line', () => {
    const a = defineFirewallBlockIp(deps({ binary: '/usr/sbin/nft' }));
    assert.equal(a.plan({ ip: '203.0.113.5' }), 'block 203.0.113.5 with nftables: ["/usr/sbin/nft","add","element","inet","vigil","blocklist_v4","{","203.0.113.5","}"] (dry run: connectors.firewall.execute is false)');
    const ipt = defineFirewallBlockIp(deps({ backend: 'iptables', execute: true }));
    assert.equal(ipt.plan({ ip: '2001:db8::1' }), 'block 2001:db8::1 with iptables: ["/usr/sbin/ip6tables","-w","-C","VIGIL-BLOCK","-s","2001:db8::1","-j","DROP"] then ["/usr/sbin/ip6tables","-w","-I","VIGIL-BLOCK","-s","2001:db8::1","-j","DROP"]');
  });

  it('refuses an invalid configured range when the action is built', () => {
    assert.throws(() => defineFirewallBlockIp({ config: { ...connectorsConfigSchema.parse({}), firewall: { ...connectorsConfigSchema.parse({}).firewall, allowRanges: ['10.0.0.1/8'] } }, now: Date.now }), /host bits/);
    assert.equal(connectorsConfigSchema.safeParse({ firewall: { protectedRanges: ['not-a-range'] } }).success, false);
    assert.equal(connectorsConfigSchema.safeParse({ firewall: { binary: 'nft' } }).success, false);
  });
});
