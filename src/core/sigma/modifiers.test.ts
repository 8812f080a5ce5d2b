import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import RE2 from 're2';
import { base64Offsets } from './encoding.js';
import { errorsOf, matches, ruleOf } from './event-fixture.js';

const one = (key: string, value: string): string => `sel:\n  ${key}: ${value}\ncondition: sel`;

describe('string modifiers', () => {
  it('contains / startswith / endswith, case-insensitive by default', () => {
    assert.equal(matches(ruleOf(one('f|contains', "'Mimi'")), { f: 'xxMIMIkatz' }), true);
    assert.equal(matches(ruleOf(one('f|contains', "'Mimi'")), { f: 'katz' }), false);
    assert.equal(matches(ruleOf(one('f|startswith', "'adm'")), { f: 'ADMIN' }), true);
    assert.equal(matches(ruleOf(one('f|startswith', "'adm'")), { f: 'xadm' }), false);
    assert.equal(matches(ruleOf(one('f|endswith', "'\\cmd.exe'")), { f: 'C:\\Windows\\System32\\CMD.EXE' }), true);
    assert.equal(matches(ruleOf(one('f|endswith', "'\\cmd.exe'")), { f: 'C:\\cmd.exe.bak' }), false);
  });

  it('contains keeps wildcards inside the value', () => {
    const r = ruleOf(one('f|contains', "'a*c'"));
    assert.equal(matches(r, { f: 'xxabbbcxx' }), true);
    assert.equal(matches(r, { f: 'xxcbax' }), false);
  });

  it('all ANDs the values; without it they are ORed', () => {
    const all = ruleOf(`sel:\n  f|contains|all:\n    - ' -enc '\n    - 'hidden'\ncondition: sel`);
    assert.equal(matches(all, { f: 'powershell -enc AAA -w hidden' }), true);
    assert.equal(matches(all, { f: 'powershell -enc AAA' }), false);
    const any = ruleOf(`sel:\n  f|contains:\n    - ' -enc '\n    - 'hidden'\ncondition: sel`);
    assert.equal(matches(any, { f: 'powershell -enc AAA' }), true);
  });

  it('cased makes the comparison case-sensitive', () => {
    const r = ruleOf(one('f|cased', "'Secret'"));
    assert.equal(matches(r, { f: 'Secret' }), true);
    assert.equal(matches(r, { f: 'secret' }), false);
    const c = ruleOf(one('f|contains|cased', "'AbC'"));
    assert.equal(matches(c, { f: 'xAbCx' }), true);
    assert.equal(matches(c, { f: 'xabcx' }), false);
  });

  it('windash matches -, /, en dash, em dash and horizontal bar at flag starts', () => {
    const r = ruleOf(one('f|windash|contains', "' -exec bypass'"));
    for (const dash of ['-', '/', '\u2013', '\u2014', '\u2015']) assert.equal(matches(r, { f: `powershell ${dash}exec bypass` }), true, dash);
    assert.equal(matches(r, { f: 'powershell +exec bypass' }), false);
  });

  it('windash leaves dashes inside words alone and handles many flags', () => {
    const r = ruleOf(one('f|windash', "'-a -b -c x-y'"));
    assert.equal(matches(r, { f: '/a \u2013b /c x-y' }), true);
    assert.equal(matches(r, { f: '-a -b -c x/y' }), false);
    const dash = ruleOf(one('f|windash|contains', "' \u2013exec'"));
    assert.equal(matches(dash, { f: 'x /exec' }), true);
    const two = ruleOf(one('f|windash', "'-a -b'"));
    assert.equal(matches(two, { f: '/a \u2014b' }), true);
  });
});

describe('regular expressions', () => {
  it('re is case-sensitive and searches anywhere', () => {
    const r = ruleOf(one('f|re', "'a[0-9]+b'"));
    assert.equal(matches(r, { f: 'xxa123bxx' }), true);
    assert.equal(matches(r, { f: 'xxA123Bxx' }), false);
  });

  it('re|i, re|m, re|s and the long flag names', () => {
    assert.equal(matches(ruleOf(one('f|re|i', "'^abc$'")), { f: 'ABC' }), true);
    assert.equal(matches(ruleOf(one('f|re|ignorecase', "'^abc$'")), { f: 'ABC' }), true);
    assert.equal(matches(ruleOf(one('f|re', "'^b$'")), { f: 'a\nb' }), false);
    assert.equal(matches(ruleOf(one('f|re|m', "'^b$'")), { f: 'a\nb' }), true);
    assert.equal(matches(ruleOf(one('f|re', "'a.b'")), { f: 'a\nb' }), false);
    assert.equal(matches(ruleOf(one('f|re|s', "'a.b'")), { f: 'a\nb' }), true);
    assert.equal(matches(ruleOf(one('f|re|dotall', "'a.b'")), { f: 'a\nb' }), true);
  });

  it('answers as RE2 does, also where the literal precheck refuses a value before RE2 sees it', () => {
    const patterns: [string, string][] = [
      ['sekurlsa::\\w+', ''],
      ['sekurlsa::\\w+', 'i'],
      ['kiwi|mimi', 'i'],
      ['(?:set).*&&\\s?set', ''],
      ['\\$\\{`?e`?n`?v', 'i'],
    ];
    const values = ['sekurlsa::logon', 'SEKURLSA::logon', 'ſekurlsa::x', '\u212Aiwi', 'MIMI', 'set a && set b', 'SET a && set b', '${env:path}', '${`e`n`v', 'nothing here', ''];
    for (const [pattern, flags] of patterns) {
      // Single-quoted YAML keeps backslashes as they are.
      const rule = ruleOf(one(`f|re${flags === 'i' ? '|i' : ''}`, `'${pattern}'`));
      const re2 = new RE2(pattern, flags);
      for (const f of values) assert.equal(matches(rule, { f }), re2.test(f), `/${pattern}/${flags} on ${JSON.stringify(f)}`);
    }
  });

  it('a leading (?i) becomes the i flag', () => {
    assert.equal(matches(ruleOf(one('f|re', "'(?i)^abc'")), { f: 'ABCd' }), true);
  });

  it('rejects what RE2 cannot run safely or parse, with distinct codes', () => {
    assert.equal(errorsOf(one('f|re', "'(?<=a)b'"))[0]?.code, 'SIGMA_UNSAFE_REGEX');
    assert.equal(errorsOf(one('f|re', "'(a)\\1'"))[0]?.code, 'SIGMA_UNSAFE_REGEX');
    assert.equal(errorsOf(one('f|re', "'a[b'"))[0]?.code, 'SIGMA_INVALID_REGEX');
  });

  it('evaluates a catastrophic pattern in linear time', () => {
    const r = ruleOf(one('f|re', "'(a+)+$'"));
    const start = performance.now();
    assert.equal(matches(r, { f: 'a'.repeat(100_000) + '!' }), false);
    assert.ok(performance.now() - start < 1000);
  });

  it('re must be the first modifier; flags need re', () => {
    assert.equal(errorsOf(one('f|contains|re', "'x'"))[0]?.code, 'SIGMA_INVALID_MODIFIER');
    assert.equal(errorsOf(one('f|i', "'x'"))[0]?.code, 'SIGMA_INVALID_MODIFIER');
    assert.equal(errorsOf(one('f|re|cased', "'x'"))[0]?.code, 'SIGMA_INVALID_MODIFIER');
  });
});

describe('encodings', () => {
  it('base64offset gives the three variants pySigma gives', () => {
    assert.deepEqual(base64Offsets('http://', false), ['aHR0cDovL', 'h0dHA6Ly', 'odHRwOi8v']);
    assert.deepEqual(base64Offsets('\u00e9', false), ['w6', 'Op', 'Dq']);
  });

  it('base64 and base64offset|contains match encoded command lines', () => {
    assert.equal(matches(ruleOf(one('f|base64', "'Invoke'")), { f: 'SW52b2tl' }), true);
    const r = ruleOf(one('f|base64offset|contains', "'http://'"));
    for (const prefix of ['', 'a', 'ab']) {
      const encoded = Buffer.from(`${prefix}http://evil`).toString('base64');
      assert.equal(matches(r, { f: `powershell -e ${encoded}` }), true, prefix);
    }
    assert.equal(matches(r, { f: Buffer.from('https://').toString('base64') }), false);
  });

  it('wide, utf16le, utf16be and utf16 (BOM) encode before base64offset', () => {
    const le = ['cABpAG4AZw', 'AAaQBuAGcA', 'wAGkAbgBnA'];
    for (const mod of ['wide', 'utf16le']) {
      const r = ruleOf(one(`f|${mod}|base64offset|contains`, "'ping'"));
      for (const v of le) assert.equal(matches(r, { f: `x${v}y` }), true, `${mod} ${v}`);
    }
    const be = ruleOf(one('f|utf16be|base64offset|contains', "'ping'"));
    for (const v of ['AHAAaQBuAG', 'BwAGkAbgBn', 'AcABpAG4AZ']) assert.equal(matches(be, { f: v }), true, v);
    const bom = ruleOf(one('f|utf16|base64offset|contains', "'ping'"));
    for (const v of ['//5wAGkAbgBnA', '/+cABpAG4AZw', '//nAAaQBuAGcA']) assert.equal(matches(bom, { f: v }), true, v);
    const full = ruleOf(one('f|wide|base64offset|contains', "'ping'"));
    assert.equal(matches(full, { f: Buffer.from('ping 10.0.0.1', 'utf16le').toString('base64') }), true);
  });

  it('base64 refuses wildcards', () => {
    assert.equal(errorsOf(one('f|base64', "'a*'"))[0]?.code, 'SIGMA_INVALID_VALUE');
    assert.equal(errorsOf(one('f|contains|base64offset', "'a'"))[0]?.code, 'SIGMA_INVALID_VALUE');
  });
});

describe('typed modifiers', () => {
  it('cidr matches IPv4 and IPv6 networks by bits', () => {
    const v4 = ruleOf(one('ip|cidr', "'10.0.0.0/8'"));
    assert.equal(matches(v4, { ip: '10.255.1.2' }), true);
    assert.equal(matches(v4, { ip: '11.0.0.1' }), false);
    assert.equal(matches(v4, { ip: 'not an ip' }), false);
    const odd = ruleOf(one('ip|cidr', "'172.16.0.0/12'"));
    assert.equal(matches(odd, { ip: '172.31.255.255' }), true);
    assert.equal(matches(odd, { ip: '172.32.0.0' }), false);
    const v6 = ruleOf(one('ip|cidr', "'fe80::/10'"));
    assert.equal(matches(v6, { ip: 'FE80::1' }), true);
    assert.equal(matches(v6, { ip: 'febf:ffff::1' }), true);
    assert.equal(matches(v6, { ip: 'fec0::1' }), false);
    assert.equal(matches(v6, { ip: '10.0.0.1' }), false);
    const list = ruleOf(`sel:\n  ip|cidr:\n    - '127.0.0.0/8'\n    - '::1/128'\ncondition: sel`);
    assert.equal(matches(list, { ip: '::1' }), true);
    assert.equal(matches(list, { ip: '127.1.2.3' }), true);
  });

  it('cidr rejects bad networks and host bits', () => {
    assert.equal(errorsOf(one('ip|cidr', "'10.0.0.0/33'"))[0]?.code, 'SIGMA_INVALID_VALUE');
    assert.equal(errorsOf(one('ip|cidr', "'10.0.0.1/8'"))[0]?.code, 'SIGMA_INVALID_VALUE');
    assert.equal(errorsOf(one('ip|cidr', "'example.com'"))[0]?.code, 'SIGMA_INVALID_VALUE');
  });

  it('exists tests presence only', () => {
    const yes = ruleOf(one('f|exists', 'true'));
    assert.equal(matches(yes, { f: '' }), true);
    assert.equal(matches(yes, { f: null }), true);
    assert.equal(matches(yes, {}), false);
    const no = ruleOf(one('f|exists', 'false'));
    assert.equal(matches(no, {}), true);
    assert.equal(matches(no, { f: 'x' }), false);
    assert.equal(errorsOf(one('f|exists', "'yes'"))[0]?.code, 'SIGMA_INVALID_VALUE');
  });

  it('neq negates one value or a whole list, and holds for an absent field', () => {
    const r = ruleOf(one('f|neq', "'a'"));
    assert.equal(matches(r, { f: 'b' }), true);
    assert.equal(matches(r, { f: 'A' }), false);
    assert.equal(matches(r, {}), true);
    const list = ruleOf(`sel:\n  f|neq:\n    - a\n    - b\ncondition: sel`);
    assert.equal(matches(list, { f: 'b' }), false);
    assert.equal(matches(list, { f: 'c' }), true);
    const num = ruleOf(one('n|neq', '5'));
    assert.equal(matches(num, { n: 5 }), false);
    assert.equal(matches(num, { n: '6' }), true);
  });

  it('lt, lte, gt, gte compare numbers (numeric strings and hex included)', () => {
    assert.equal(matches(ruleOf(one('n|gt', '10')), { n: 11 }), true);
    assert.equal(matches(ruleOf(one('n|gt', '10')), { n: 10 }), false);
    assert.equal(matches(ruleOf(one('n|gte', '10')), { n: '10' }), true);
    assert.equal(matches(ruleOf(one('n|lt', '10')), { n: '9.5' }), true);
    assert.equal(matches(ruleOf(one('n|lte', '16')), { n: '0x10' }), true);
    assert.equal(matches(ruleOf(one('n|lt', '10')), { n: 'ten' }), false);
    assert.equal(matches(ruleOf(one('n|lt', '10')), {}), false);
    assert.equal(errorsOf(one('n|lt', "'ten'"))[0]?.code, 'SIGMA_INVALID_VALUE');
  });

  it('time parts read timestamps as written and epoch numbers in UTC', () => {
    const ts = '2024-03-07T22:15:30+02:00';
    assert.equal(matches(ruleOf(one('t|hour', '22')), { t: ts }), true);
    assert.equal(matches(ruleOf(one('t|minute', '15')), { t: ts }), true);
    assert.equal(matches(ruleOf(one('t|day', '7')), { t: ts }), true);
    assert.equal(matches(ruleOf(one('t|month', '3')), { t: ts }), true);
    assert.equal(matches(ruleOf(one('t|year', '2024')), { t: ts }), true);
    assert.equal(matches(ruleOf(one('t|week', '10')), { t: ts }), true);
    assert.equal(matches(ruleOf(one('t|week', '1')), { t: '2021-01-04 00:00:00' }), true);
    assert.equal(matches(ruleOf(one('t|week', '53')), { t: '2021-01-03' }), true);
    assert.equal(matches(ruleOf(one('t|hour', '22')), { t: Date.UTC(2024, 2, 7, 22, 0) }), true);
    assert.equal(matches(ruleOf(one('t|hour|gte', '20')), { t: ts }), true);
    assert.equal(matches(ruleOf(one('t|hour', '22')), { t: 'yesterday' }), false);
  });

  it('fieldref compares two fields of the same event', () => {
    const eq = ruleOf(one('a|fieldref', 'b'));
    assert.equal(matches(eq, { a: 'X', b: 'x' }), true);
    assert.equal(matches(eq, { a: 'x', b: 'y' }), false);
    assert.equal(matches(eq, { a: 'x' }), false);
    assert.equal(matches(eq, {}), false);
    assert.equal(matches(ruleOf(one('a|fieldref|contains', 'b')), { a: 'xxYYxx', b: 'yy' }), true);
    assert.equal(matches(ruleOf(one('a|fieldref|startswith', 'b')), { a: 'yyxx', b: 'yy' }), true);
    assert.equal(matches(ruleOf(one('a|fieldref|endswith', 'b')), { a: 'yyxx', b: 'yy' }), false);
    assert.equal(matches(ruleOf(one('a|fieldref|neq', 'b')), { a: 'x', b: 'y' }), true);
    assert.equal(matches(ruleOf(one('a|fieldref|cased', 'b')), { a: 'X', b: 'x' }), false);
    assert.equal(matches(ruleOf(one('a|fieldref', 'b')), { a: 5, b: '5' }), true);
  });

  it('expand resolves placeholders from the configuration (values may hold wildcards)', () => {
    const r = ruleOf(one('host|expand', "'%servers%'"), { servers: ['srv*', 'dc01'] });
    assert.equal(matches(r, { host: 'SRV-42' }), true);
    assert.equal(matches(r, { host: 'dc01' }), true);
    assert.equal(matches(r, { host: 'ws-01' }), false);
    const inner = ruleOf(one('user|expand', "'%domain%\\admin'"), { domain: ['CORP'] });
    assert.equal(matches(inner, { user: 'corp\\admin' }), true);
    const literal = ruleOf(one('host', "'%servers%'"));
    assert.equal(matches(literal, { host: '%servers%' }), true);
  });

  it('expand without a configured value is an error naming the placeholder', () => {
    const [e] = errorsOf(one('host|expand', "'%servers%'"));
    assert.equal(e?.code, 'SIGMA_UNRESOLVED_PLACEHOLDER');
    assert.match(e.message, /%servers%/);
  });

  it('an unknown modifier is an error naming it, located at the key', () => {
    const [e] = errorsOf(one('f|contians', "'x'"));
    assert.equal(e?.code, 'SIGMA_UNKNOWN_MODIFIER');
    assert.match(e.message, /contians/);
    assert.deepEqual([e.location.line, e.location.column], [7, 7]);
  });
});
