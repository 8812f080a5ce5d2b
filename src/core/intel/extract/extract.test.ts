import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExtractedType } from './candidate.js';
import { type ExtractedIocs, extractIocs } from './extract.js';
import { RulePublicSuffixList } from './public-suffix.js';

function extract(text: string): ExtractedIocs {
  const r = extractIocs(text);
  assert.ok(r.ok);
  return r.value;
}

const values = (x: ExtractedIocs, t: ExtractedType): string[] => x[t].map((i) => i.value);

test('every type is extracted, canonical, with positions in the given text', () => {
  const text = [
    'C2 at hxxps://bad-cdn[.]com/gate.php?id=7 and 198[.]51[.]100[.]7, block 203.0.113.0/24 and 2001:DB8::1.',
    'Phish from billing[at]bad-bank[.]net; also paypal-login.info.',
    'Dropper md5 D41D8CD98F00B204E9800998ECF8427E sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709',
    'sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    `sha512 cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e`,
    'Exploits cve-2021-44228 (T1190), then T1566.002 in TA0001 by G0016 with S0154.',
    'Ransom to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa or bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq.',
    'Persists in "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Run" and HKEY_CURRENT_USER\\Software\\Evil,',
    'drops C:\\Users\\bob\\AppData\\Roaming\\evil.exe, \\\\fileserver\\share\\payload.dll and %APPDATA%\\evil\\run.bat.',
  ].join('\n');
  const x = extract(text);
  assert.deepEqual(values(x, 'url'), ['https://bad-cdn.com/gate.php?id=7']);
  assert.deepEqual(values(x, 'ipv4'), ['198.51.100.7']);
  assert.deepEqual(values(x, 'cidr'), ['203.0.113.0/24']);
  assert.deepEqual(values(x, 'ipv6'), ['2001:db8::1']);
  assert.deepEqual(values(x, 'email'), ['billing@bad-bank.net']);
  assert.deepEqual(values(x, 'domain'), ['bad-cdn.com', 'bad-bank.net', 'paypal-login.info']);
  assert.deepEqual(values(x, 'md5'), ['d41d8cd98f00b204e9800998ecf8427e']);
  assert.deepEqual(values(x, 'sha1'), ['da39a3ee5e6b4b0d3255bfef95601890afd80709']);
  assert.equal(x.sha256.length, 1);
  assert.equal(x.sha512.length, 1);
  assert.deepEqual(values(x, 'cve'), ['CVE-2021-44228']);
  assert.deepEqual(values(x, 'attack'), ['T1190', 'T1566.002', 'TA0001', 'G0016', 'S0154']);
  assert.deepEqual(values(x, 'bitcoin'), ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq']);
  assert.deepEqual(values(x, 'registry'), ['HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Run', 'HKEY_CURRENT_USER\\Software\\Evil']);
  assert.deepEqual(values(x, 'filepath'), ['C:\\Users\\bob\\AppData\\Roaming\\evil.exe', '\\\\fileserver\\share\\payload.dll', '%APPDATA%\\evil\\run.bat']);
  // Positions point into the text as given, defanged spelling included.
  const url = x.url[0]!;
  assert.equal(text.slice(url.positions[0]!.start, url.positions[0]!.end), 'hxxps://bad-cdn[.]com/gate.php?id=7');
  assert.equal(url.defanged, true);
  const ip = x.ipv4[0]!;
  assert.equal(text.slice(ip.positions[0]!.start, ip.positions[0]!.end), '198[.]51[.]100[.]7');
  const mail = x.email[0]!;
  assert.equal(text.slice(mail.positions[0]!.start, mail.positions[0]!.end), 'billing[at]bad-bank[.]net');
  assert.equal(x.domain.find((d) => d.value === 'paypal-login.info')?.defanged, false);
});

test('every defang form is refanged before extraction', () => {
  const forms: [string, ExtractedType, string][] = [
    ['hxxp://bad-site.com/x', 'url', 'http://bad-site.com/x'],
    ['hXXps://bad-site.com/x', 'url', 'https://bad-site.com/x'],
    ['http[:]//bad-site.com/x', 'url', 'http://bad-site.com/x'],
    ['http[://]bad-site.com/x', 'url', 'http://bad-site.com/x'],
    ['bad-site[.]com', 'domain', 'bad-site.com'],
    ['bad-site(.)com', 'domain', 'bad-site.com'],
    ['bad-site{.}com', 'domain', 'bad-site.com'],
    ['bad-site[dot]com', 'domain', 'bad-site.com'],
    ['bad-site(dot)com', 'domain', 'bad-site.com'],
    ['bad-site DOT com', 'domain', 'bad-site.com'],
    ['bad-site\\.com', 'domain', 'bad-site.com'],
    ['bad-site<.>com', 'domain', 'bad-site.com'],
    ['bob[at]bad-site.com', 'email', 'bob@bad-site.com'],
    ['bob(at)bad-site.com', 'email', 'bob@bad-site.com'],
    ['bob [at] bad-site.com', 'email', 'bob@bad-site.com'],
    ['bob[@]bad-site.com', 'email', 'bob@bad-site.com'],
    ['bob AT bad-site DOT com', 'email', 'bob@bad-site.com'],
    ['10[.]20[.]30[.]40', 'ipv4', '10.20.30.40'],
    ['10(.)20(.)30(.)40', 'ipv4', '10.20.30.40'],
    ['10,20,30,40', 'ipv4', '10.20.30.40'],
  ];
  for (const [text, type, want] of forms) {
    const x = extract(`seen: ${text} today`);
    assert.ok(values(x, type).includes(want), `${text} → ${type} ${want}; got ${JSON.stringify(x[type])}`);
    assert.equal(x[type].find((i) => i.value === want)?.defanged, true, text);
  }
});

test('file names, versions and impossible addresses are not indicators', () => {
  const x = extract(
    'Open report.pdf and invoice.docx, run setup.py, unzip archive.zip, read README.md, see main.rs and lib.so. ' +
      'Upgrade to version 1.2.3.4 or v2.0.1.5; build 10.0.19041.1. Not IPs: 999.1.1.1, 1.2.3.4.5, 010.1.1.1, 256.1.1.1. ' +
      'Times 12:30:45, MAC 00:1a:2b:3c:4d:5e, std::vector, e.g. i.e. node.js, /var/www/index.php, C:\\x\\y.txt, ' +
      'md5-ish 0123456789abcdef0123456789abcdef0 (33 digits), CVE-21-1, T15, 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb.',
  );
  assert.deepEqual(values(x, 'domain'), []);
  assert.deepEqual(values(x, 'ipv4'), []);
  assert.deepEqual(values(x, 'ipv6'), []);
  assert.deepEqual(values(x, 'md5'), []);
  assert.deepEqual(values(x, 'cve'), []);
  assert.deepEqual(values(x, 'attack'), []);
  assert.deepEqual(values(x, 'bitcoin'), []);
  assert.deepEqual(values(x, 'filepath'), ['C:\\x\\y.txt']);
});

test('file-extension TLDs count as domains when defanged or in a URL or address', () => {
  const x = extract('payload at archive[.]zip and http://evil.zip/a and ops@build.sh');
  assert.deepEqual(values(x, 'domain'), ['archive.zip', 'evil.zip', 'build.sh']);
});

test('duplicates are merged with every position', () => {
  const x = extract('1.2.3.4 then 1[.]2[.]3[.]4 again 1.2.3.4');
  assert.equal(x.ipv4.length, 1);
  assert.equal(x.ipv4[0]!.positions.length, 3);
  assert.equal(x.ipv4[0]!.defanged, true);
});

test('a public suffix list can be supplied', () => {
  const psl = RulePublicSuffixList.fromRules(['// test', 'example', '*.ck', '!www.ck', 'co.uk', 'uk']);
  assert.equal(psl.publicSuffix('a.b.example'), 'example');
  assert.equal(psl.publicSuffix('a.foo.ck'), 'foo.ck');
  assert.equal(psl.publicSuffix('www.ck'), 'ck');
  assert.equal(psl.publicSuffix('x.co.uk'), 'co.uk');
  assert.equal(psl.publicSuffix('x.com'), undefined);
  const r = extractIocs('see evil.example and co.uk and bad.com', { publicSuffixes: psl });
  assert.ok(r.ok);
  assert.deepEqual(values(r.value, 'domain'), ['evil.example']);
});

test('hostile text: size bound, long runs and U+FFFD stay linear and clean', () => {
  const tooLong = extractIocs('a'.repeat(100), { maxLength: 50 });
  assert.equal(tooLong.ok, false);
  assert.equal(tooLong.error.code, 'INTEL_TOO_LARGE');
  const t0 = performance.now();
  const hostile = `${'a.'.repeat(100_000)} ${'1.'.repeat(100_000)} ${'[.]'.repeat(50_000)} ${':'.repeat(100_000)} ${'\uFFFD'.repeat(10_000)} ${'HKLM\\'.repeat(10_000)}`;
  const r = extractIocs(hostile);
  assert.ok(r.ok);
  assert.ok(performance.now() - t0 < 20_000);
});
