import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sharedDataPath } from '../../../lib/shared-data.js';
import { decodeUtf8 } from '../text.js';
import { readFeodoCsv } from './feodo.js';
import { mispValueHash, readMispEvent, readMispHashesCsv, readMispManifest } from './misp-feed.js';
import { readPlainList } from './plain-list.js';
import { readSpamhausDrop } from './spamhaus-drop.js';
import { readThreatFoxCsv } from './threatfox.js';
import { readUrlhausCsv } from './urlhaus.js';
import { readVigilCsv } from './vigil-csv.js';

const opts = { source: 'test' };

test('Vigil CSV as the auth-log generator writes it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-intel-'));
  execFileSync(process.execPath, [join(sharedDataPath('..', 'tools'), 'authlog-gen.mjs'), '--out', join(dir, 'auth.log'), '--days', '1'], { stdio: 'ignore' });
  const text = readFileSync(join(dir, 'auth.log.intel.csv'), 'utf8');
  const r = readVigilCsv(text, opts);
  assert.deepEqual(r.errors, []);
  assert.equal(r.records, text.trim().split('\n').length - 1);
  assert.equal(r.indicators.length, r.records);
  const first = r.indicators[0]!;
  assert.equal(first.type, 'ipv4');
  assert.equal(first.source, 'honeypot-network');
  assert.equal(first.confidence, 80);
  assert.equal(first.firstSeen, Date.parse('2026-10-30T00:00:00Z'));
  assert.ok(r.indicators.some((i) => i.type === 'sha256' && i.source === 'malware-bazaar-like'));
});

test('Vigil CSV errors are located', () => {
  const r = readVigilCsv('indicator,type,confidence,source,first_seen\n999.1.1.1,ipv4,50,x,2026-01-01\n1.2.3.4,ipv4,500,x,yesterday\nfoo,bogus,1,x,\n', opts);
  assert.deepEqual(r.errors.map((e) => [e.code, e.location?.line]), [
    ['INTEL_INVALID_VALUE', 2],
    ['INTEL_INVALID_VALUE', 3],
    ['INTEL_INVALID_VALUE', 3],
    ['INTEL_UNSUPPORTED_TYPE', 4],
  ]);
  assert.equal(r.indicators.length, 1);
});

// Real layout of https://urlhaus.abuse.ch/downloads/csv_recent/ (banner, commented header, quoted rows).
const URLHAUS = `################################################################
# abuse.ch URLhaus Database Dump (CSV - recent URLs only)      #
# Last updated: 2024-05-01 12:00:05 (UTC)                      #
#                                                              #
# Terms Of Use: https://urlhaus.abuse.ch/api/                  #
# For questions please contact urlhaus [at] abuse.ch           #
################################################################
#
# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter
"2834556","2024-05-01 11:58:07","http://117.211.209.236:36283/i","online","2024-05-01 11:58:07","malware_download","32-bit,elf,mips,Mozi","https://urlhaus.abuse.ch/url/2834556/","geenensp"
"2834555","2024-05-01 11:57:06","https://Bad-Host.example.com/x.exe","offline","","malware_download","exe","https://urlhaus.abuse.ch/url/2834555/","abuse_ch"
"2834554","2024-05-01 11:56:00","not a url","online","","malware_download","","https://urlhaus.abuse.ch/url/2834554/","x"
"2834553","2024-05-01 11:55:00","http://broken
`;

test('URLhaus CSV', () => {
  const r = readUrlhausCsv(URLHAUS, opts);
  assert.deepEqual(r.indicators.map((i) => i.value), ['http://117.211.209.236:36283/i', 'https://bad-host.example.com/x.exe']);
  assert.deepEqual(r.indicators[0]!.labels, ['malware_download', '32-bit', 'elf', 'mips', 'Mozi']);
  assert.equal(r.indicators[0]!.firstSeen, Date.parse('2024-05-01T11:58:07Z'));
  assert.equal(r.indicators[0]!.ref, 'https://urlhaus.abuse.ch/url/2834556/');
  assert.ok(r.indicators[1]!.labels.includes('offline'));
  assert.deepEqual(r.errors.map((e) => [e.code, e.location?.line]), [
    ['INTEL_INVALID_VALUE', 12],
    ['INTEL_BAD_FORMAT', 13],
  ]);
});

// Real layout of https://threatfox.abuse.ch/export/csv/recent/ (header commented, `", "` separators).
const THREATFOX = `################################################################
# ThreatFox IOCs: recent additions - CSV format                #
# Last updated: 2024-05-01 12:00:00 UTC                        #
################################################################
#
# "first_seen_utc","ioc_id","ioc_value","ioc_type","threat_type","fk_malware","malware_alias","malware_printable","last_seen_utc","confidence_level","is_compromised","reference","tags","anonymous","reporter"
"2024-05-01 11:55:12", "1266123", "45.95.147.236:6666", "ip:port", "botnet_cc", "win.asyncrat", "None", "AsyncRAT", "", "100", "False", "None", "AsyncRAT,RAT", "0", "abuse_ch"
"2024-05-01 11:50:00", "1266122", "[2001:db8::7]:443", "ip:port", "botnet_cc", "win.cobalt_strike", "None", "Cobalt Strike", "", "75", "False", "None", "", "0", "x"
"2024-05-01 11:40:00", "1266121", "cdn-update.example.net", "domain", "payload_delivery", "js.clearfake", "None", "ClearFake", "2024-05-01 11:45:00", "50", "False", "https://ref.example/a", "ClearFake", "1", "y"
"2024-05-01 11:30:00", "1266120", "ABCDEF0123456789ABCDEF0123456789", "md5_hash", "payload", "win.vidar", "None", "Vidar", "", "90", "False", "None", "", "0", "z"
"2024-05-01 11:20:00", "1266119", "aaaa", "sha3_384_hash", "payload", "win.vidar", "None", "Vidar", "", "90", "False", "None", "", "0", "z"
# Number of entries: 5
`;

test('ThreatFox CSV', () => {
  const r = readThreatFoxCsv(THREATFOX, opts);
  assert.deepEqual(r.indicators.map((i) => `${i.type}:${i.value}:${String(i.confidence)}`), ['ipv4:45.95.147.236:100', 'ipv6:2001:db8::7:75', 'domain:cdn-update.example.net:50', 'md5:abcdef0123456789abcdef0123456789:90']);
  assert.deepEqual(r.indicators[0]!.labels, ['botnet_cc', 'AsyncRAT', 'win.asyncrat', 'RAT']);
  assert.equal(r.indicators[2]!.lastSeen, Date.parse('2024-05-01T11:45:00Z'));
  assert.deepEqual(r.errors.map((e) => [e.code, e.location?.line]), [['INTEL_UNSUPPORTED_TYPE', 11]]);
});

// Real layout of https://feodotracker.abuse.ch/downloads/ipblocklist.csv (quoted header row, not commented).
const FEODO = `################################################################
# abuse.ch Feodo Tracker Botnet C2 IP Blocklist (CSV)          #
# Last updated: 2024-05-01 12:05:12 UTC                        #
################################################################
#
"first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"
"2021-01-17 07:44:46","51.178.161.32","4643","online","2024-05-01","Dridex"
"2023-12-30 13:56:31","50.16.16.211","443","offline","2024-03-12","QakBot"
"2023-12-30 13:56:31","not-an-ip","443","offline","2024-03-12","QakBot"
`;

test('Feodo Tracker CSV', () => {
  const r = readFeodoCsv(FEODO, opts);
  assert.deepEqual(r.indicators.map((i) => i.value), ['51.178.161.32', '50.16.16.211']);
  assert.deepEqual(r.indicators[1]!.labels, ['QakBot', 'botnet_cc', 'offline']);
  assert.equal(r.indicators[0]!.lastSeen, Date.parse('2024-05-01T00:00:00Z'));
  assert.deepEqual(r.errors.map((e) => e.location?.line), [9]);
  const old = readFeodoCsv('# Firstseen,DstIP,DstPort,LastOnline,Malware\n2019-05-01 10:00:00,198.51.100.9,447,2019-05-02,TrickBot\n', opts);
  assert.deepEqual(old.indicators.map((i) => i.value), ['198.51.100.9']);
});

test('Spamhaus DROP, JSON lines and the older text format', () => {
  const json = ['{"cidr":"1.10.16.0/20","sblid":"SBL256894","rir":"apnic"}', '{"cidr":"2a06:e480::/29","sblid":"SBL301771","rir":"ripencc"}', '{"cidr":"1.2.3.4/8","sblid":"SBL1"}', '{"type":"metadata","timestamp":1714567890,"size":3,"records":3,"copyright":"(c) 2024 The Spamhaus Project SLM"}', '{broken'].join('\n');
  const r = readSpamhausDrop(json, opts);
  assert.deepEqual(r.indicators.map((i) => `${i.type}:${i.value}`), ['cidr:1.10.16.0/20', 'cidr:2a06:e480::/29']);
  assert.deepEqual(r.indicators[0]!.labels, ['spamhaus-drop', 'SBL256894', 'rir:apnic']);
  assert.equal(r.skipped, 1);
  assert.deepEqual(r.errors.map((e) => [e.code, e.location?.line]), [['INTEL_INVALID_VALUE', 3], ['INTEL_BAD_FORMAT', 5]]);
  const text = readSpamhausDrop('; Spamhaus DROP List 2024/05/01\n1.10.16.0/20 ; SBL256894\n', opts);
  assert.deepEqual(text.indicators.map((i) => i.ref), ['SBL256894']);
});

test('one indicator per line: types detected, comments and hosts files, defanged values', () => {
  const r = readPlainList('# list\n1.2.3.4\n10.0.0.0/8 # net\n0.0.0.0 bad-site.com\nhxxp://evil[.]example/x\nd41d8cd98f00b204e9800998ecf8427e\n; note\nbob@bad-site.com\nnot a value here\nnonsense\n', opts);
  assert.deepEqual(r.indicators.map((i) => `${i.type}:${i.value}`), ['ipv4:1.2.3.4', 'cidr:10.0.0.0/8', 'domain:bad-site.com', 'url:http://evil.example/x', 'md5:d41d8cd98f00b204e9800998ecf8427e', 'email:bob@bad-site.com']);
  assert.deepEqual(r.errors.map((e) => [e.code, e.location?.line]), [['INTEL_BAD_FORMAT', 9], ['INTEL_UNSUPPORTED_TYPE', 10]]);
});

test('MISP feed: manifest, event attributes and objects, hashes.csv', () => {
  const manifest = readMispManifest({ '5e1f-aaaa': { info: 'Phishing wave', date: '2024-05-01', timestamp: '1714560000', Orgc: { name: 'CIRCL', uuid: 'x' }, Tag: [{ name: 'tlp:white' }, { name: 'type:OSINT' }] } });
  assert.ok(manifest.ok);
  assert.deepEqual(manifest.value.entries, [{ uuid: '5e1f-aaaa', info: 'Phishing wave', date: '2024-05-01', timestamp: 1714560000000, orgName: 'CIRCL', tlp: 'white', tags: ['type:OSINT'] }]);
  const event = {
    Event: {
      uuid: '5e1f-aaaa',
      info: 'Phishing wave',
      Tag: [{ name: 'tlp:green' }],
      Attribute: [
        { type: 'ip-dst', value: '198.51.100.7', to_ids: true, timestamp: '1714560000', uuid: 'a1', category: 'Network activity' },
        { type: 'domain|ip', value: 'bad-site.com|203.0.113.9', to_ids: true, timestamp: '1714560000', uuid: 'a2', Tag: [{ name: 'tlp:amber' }] },
        { type: 'url', value: 'http://bad-site.com/login', to_ids: false, timestamp: '1714560000', uuid: 'a3' },
        { type: 'comment', value: 'hello', to_ids: false, uuid: 'a4' },
        { type: 'ip-src', value: '999.1.1.1', to_ids: true, uuid: 'a5' },
        { type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e', to_ids: true, deleted: true, uuid: 'a6' },
      ],
      Object: [{ name: 'file', Attribute: [{ type: 'sha256', value: 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855', to_ids: true, uuid: 'o1', first_seen: '2024-04-01T00:00:00Z' }] }],
    },
  };
  const r = readMispEvent(event, opts);
  assert.ok(r.ok);
  assert.deepEqual(r.value.indicators.map((i) => `${i.type}:${i.value}:${i.tlp ?? ''}`), ['ipv4:198.51.100.7:green', 'domain:bad-site.com:amber', 'ipv4:203.0.113.9:amber', 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855:green']);
  assert.equal(r.value.indicators[0]!.firstSeen, 1714560000000);
  assert.equal(r.value.indicators[3]!.firstSeen, Date.parse('2024-04-01T00:00:00Z'));
  assert.equal(r.value.skipped, 3);
  assert.deepEqual(r.value.errors.map((e) => [e.code, e.location?.path]), [['INTEL_INVALID_VALUE', 'Attribute[4]']]);
  const withNonIds = readMispEvent(event, { ...opts, includeNonIds: true });
  assert.ok(withNonIds.ok && withNonIds.value.indicators.some((i) => i.type === 'url'));
  const hashes = readMispHashesCsv(`${mispValueHash('198.51.100.7')},5e1fa0b1-0c2d-4e3f-8a9b-0c1d2e3f4a5b\nnot,a,line\n`, opts);
  assert.deepEqual(hashes.entries, [{ valueMd5: mispValueHash('198.51.100.7'), eventUuid: '5e1fa0b1-0c2d-4e3f-8a9b-0c1d2e3f4a5b' }]);
  assert.equal(hashes.errors[0]?.location?.line, 2);
  const deep = readMispEvent(JSON.parse(`{"Event":{"Attribute":${'['.repeat(100)}${']'.repeat(100)}}}`) as unknown, opts);
  assert.equal(deep.ok, false);
});

test('hostile feed text: invalid UTF-8, over-long lines, error floods', () => {
  const bytes = new Uint8Array([...new TextEncoder().encode('1.2.3.4\n5.6.7.8\n'), 0xc3, 0x28, 0x0a]);
  const decoded = decodeUtf8(bytes);
  assert.equal(decoded.ok, false);
  assert.equal(decoded.error.code, 'INTEL_BAD_ENCODING');
  assert.match(decoded.error.message, /byte 16 \(line 3\)/);
  for (const bad of [[0xff], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]) assert.equal(decodeUtf8(new Uint8Array(bad)).ok, false, String(bad));
  assert.equal(decodeUtf8(new TextEncoder().encode('ok € 😀')).ok, true);
  const lenient = new TextDecoder().decode(bytes);
  const r = readPlainList(`${lenient}${'x'.repeat(70_000)}\n`, opts);
  assert.deepEqual(r.indicators.map((i) => i.value), ['1.2.3.4', '5.6.7.8']);
  assert.deepEqual(r.errors.map((e) => [e.code, e.location?.line]), [['INTEL_BAD_ENCODING', 3], ['INTEL_TOO_LARGE', 4]]);
  const flood = readPlainList('junk\n'.repeat(5000), opts);
  assert.equal(flood.errors.length, 1000);
  assert.equal(flood.errorsDropped, 4000);
});
