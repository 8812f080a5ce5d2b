// Threat-intel matching with 1,000,000 indicators loaded (one core): index build time and heap, then
// lookups per CPU-second by type, and matchEvent on an auth event. Lines marked "ref" run, in the same
// process and on the same queries, the technique the matcher used before (a sliced string per label
// looked up in a Map; a URL host built as a string; matchEvent via collectObservables), so the gain
// is a ratio measured in one run.
//
//   npm run build && node --expose-gc bench/intel-matcher.mjs
import { collectObservables, formatIpv4, IndicatorIndex, quickUrlHost } from '../dist/core/intel/index.js';
import { createHash } from 'node:crypto';

let s = 12345;
// mulberry32
const rnd = () => { s = (s + 0x6d2b79f5) | 0; let t = Math.imul(s ^ (s >>> 15), 1 | s); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const ip = () => formatIpv4(Math.floor(rnd() * 0xffffffff) >>> 0);
const inds = [];
const base = { source: 'bench', labels: [], revoked: false };
const ipv4s = [];
for (let i = 0; i < 600_000; i++) { const v = ip(); ipv4s.push(v); inds.push({ ...base, type: 'ipv4', value: v }); }
for (let i = 0; i < 100_000; i++) { const n = (Math.floor(rnd() * 0xffffff) << 8) >>> 0; inds.push({ ...base, type: 'cidr', value: `${formatIpv4(n)}/24` }); }
const domains = [];
for (let i = 0; i < 200_000; i++) { const d = `d${i}x${Math.floor(rnd() * 1e6)}.example${i % 50}.com`; domains.push(d); inds.push({ ...base, type: 'domain', value: d }); }
const hashes = [];
for (let i = 0; i < 50_000; i++) { const h = createHash('sha256').update(String(i)).digest('hex'); hashes.push(h); inds.push({ ...base, type: 'sha256', value: h }); }
for (let i = 0; i < 50_000; i++) inds.push({ ...base, type: 'url', value: `http://u${i}.example.net/p/${i}` });
console.log('indicators', inds.length);
let t0 = performance.now();
const index = IndicatorIndex.build(inds);
console.log('build ms', Math.round(performance.now() - t0));
// Steady state: collect the build's garbage before measuring (a running service has done so long ago).
globalThis.gc?.();
console.log('heap MB after build', Math.round(process.memoryUsage().heapUsed / 1e6));

// Each query set is 4,096 values drawn at random over the whole indicator set: the index is hit at
// random places (as real traffic does), while the query strings stay in cache (as a freshly parsed
// event's strings are). Per-type results are lookups per CPU-second of this process.
const N = 4_000_000;
const at = Date.parse('2024-06-01T00:00:00Z');
function bench(name, queries, fn) {
  const q = queries.length;
  let hits = 0;
  for (let i = 0; i < 200_000; i++) hits += fn(queries[i % q]).length; // warm-up
  hits = 0;
  const t = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) hits += fn(queries[i % q]).length;
  const ms = performance.now() - t;
  const c = process.cpuUsage(c0);
  const cpuMs = (c.user + c.system) / 1000;
  console.log(`${name.padEnd(34)} ${(N / cpuMs / 1000).toFixed(2)} M lookups per CPU-second (${(N / ms / 1000).toFixed(2)} M/s wall)  hit rate ${(hits / N * 100).toFixed(0)}%`);
}
const ipQueries = []; for (let i = 0; i < 4096; i++) ipQueries.push(i % 2 === 0 ? ipv4s[Math.floor(rnd() * ipv4s.length)] : ip());
bench('ipv4 (exact + 100k CIDR blocks)', ipQueries, (v) => index.matchIp(v, at));
const domQueries = []; for (let i = 0; i < 4096; i++) domQueries.push(i % 2 === 0 ? `www.${domains[Math.floor(rnd() * domains.length)]}` : `host${i}.benign${i % 97}.org`);
bench('domain (subdomain walk)', domQueries, (v) => index.matchDomain(v, at));
const hashQueries = []; for (let i = 0; i < 4096; i++) hashQueries.push(i % 2 === 0 ? hashes[Math.floor(rnd() * hashes.length)] : createHash('sha256').update(`x${i}`).digest('hex'));
bench('sha256', hashQueries, (v) => index.matchHash(v, at));
const urlQueries = []; for (let i = 0; i < 4096; i++) urlQueries.push(i % 2 === 0 ? `http://u${(i * 7919) % 50_000}.example.net/p/${(i * 7919) % 50_000}` : `https://benign${i}.org/index.html`);
bench('url (half canonicalized)', urlQueries, (v) => index.matchUrl(v, at));
// Reference techniques (see the header).
const domMap = new Map(); for (const d of domains) domMap.set(d, 1);
const refDomain = (value) => {
  let d = value.toLowerCase(); if (d.endsWith('.')) d = d.slice(0, -1);
  const out = []; let pos = 0;
  for (;;) { const hit = domMap.get(pos === 0 ? d : d.slice(pos)); if (hit !== undefined) out.push(hit); const dot = d.indexOf('.', pos); if (dot === -1 || d.indexOf('.', dot + 1) === -1) break; pos = dot + 1; }
  return out;
};
bench('ref: domain (slice per label + Map)', domQueries, refDomain);
const urlHostSet = new Set(); for (let i = 0; i < 50_000; i++) urlHostSet.add(`u${i}.example.net`);
bench('ref: url host as a string + Set', urlQueries, (v) => { const h = quickUrlHost(v); return h !== undefined && urlHostSet.has(h) ? index.matchUrl(v, at) : []; });
const mixed = []; for (let i = 0; i < 4096; i++) { const k = i % 4; mixed.push(k === 0 ? ['ip', ipQueries[i]] : k === 1 ? ['domain', domQueries[i]] : k === 2 ? ['hash', hashQueries[i]] : ['ip', ip()]); }
bench('mixed ip/domain/hash', mixed, ([k, v]) => index.matchValue(k, v, at));
const ev = { '@timestamp': '2024-06-01T00:00:00Z', event: { kind: 'event', original: 'x' }, source: { ip: ipv4s[5] }, destination: { ip: '10.1.2.3' }, related: { ip: [ipv4s[5], '10.1.2.3'], user: ['alice'] } };
const evs = []; for (let i = 0; i < 1000; i++) evs.push({ ...ev, source: { ip: ipQueries[i] } });
bench('matchEvent (auth event, 2 IPs)', evs, (e) => index.matchEvent(e));
bench('ref: collectObservables + matchValue', evs, (e) => {
  const t = Date.parse(e['@timestamp']); const hits = [];
  for (const o of collectObservables(e)) for (const m of index.matchValue(o.kind, o.value, t)) hits.push({ indicator: m.indicator, match: m.match, field: o.field, observed: o.value });
  return hits;
});
const quiet = { '@timestamp': '2024-06-01T00:00:00Z', event: { kind: 'event', original: 'x' }, host: { name: 'web-1' }, process: { name: 'cron', pid: 7 } };
bench('matchEvent (event without observables)', [quiet], (e) => index.matchEvent(e));
