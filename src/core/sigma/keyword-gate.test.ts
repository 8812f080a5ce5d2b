import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventOf, ruleOf } from './event-fixture.js';
import { isVerbatimJson, KeywordGate } from './keyword-gate.js';
import { MatchContext } from './match-context.js';

const MIMIKATZ = ['dpapi::masterkey', 'eo.oe.kiwi', 'gentilkiwi.com', 'kiwi legit printer', '\\mimilib.dll', 'sekurlsa::'];

function gate(literals: readonly string[]): KeywordGate {
  const g = KeywordGate.of(literals);
  assert.ok(g !== undefined);
  return g;
}

const may = (g: KeywordGate, json: string): boolean => g.mayMatch(new MatchContext(eventOf({}), json));

describe('keyword gate', () => {
  it('rules an event out when no factor occurs in its JSON text', () => {
    const g = gate(MIMIKATZ);
    assert.equal(may(g, JSON.stringify({ Image: 'C:\\Windows\\explorer.exe', CommandLine: 'explorer.exe /n' })), false);
    assert.equal(may(g, JSON.stringify({ CommandLine: 'mimikatz "SEKURLSA::logonpasswords"' })), true);
    assert.equal(may(g, JSON.stringify({ ImageLoaded: 'C:\\tmp\\MimiLib.DLL' })), true);
  });

  it('lets every event through when its text may hide a literal behind an escape', () => {
    const g = gate(MIMIKATZ);
    assert.equal(may(g, '{"a":"\\u0073ekurlsa::x"}'), true);
    assert.equal(may(g, '{"a":"x\\/y"}'), true);
    // An escaped backslash followed by `u` is no \u escape.
    assert.equal(may(g, '{"a":"C:\\\\users\\\\x"}'), false);
  });

  it('lets every event through when its text holds a character whose lower case is ASCII but does not fold to it', () => {
    // KELVIN SIGN lower-cases to `k`: "\u212Aiwi legit printer" contains "kiwi legit printer" once lower-cased.
    const g = gate(['kiwi legit printer']);
    assert.equal(may(g, JSON.stringify({ a: '\u212Aiwi legit printer' })), true);
    assert.equal(may(g, JSON.stringify({ a: 'kiw legit' })), false);
  });

  it('is not built for literals it cannot represent soundly or cheaply', () => {
    assert.equal(KeywordGate.of([]), undefined);
    assert.equal(KeywordGate.of(['ünïcode']), undefined);
    assert.equal(KeywordGate.of(['tab\there']), undefined);
    assert.equal(KeywordGate.of(Array.from({ length: 40 }, (_, i) => `:${i}:${i}:`)), undefined);
  });

  it('passes texts too long to gate cheaply', () => {
    const g = gate(MIMIKATZ);
    assert.equal(may(g, JSON.stringify({ a: 'x'.repeat(70_000) })), true);
  });

  it('reads escapes in pairs', () => {
    assert.equal(isVerbatimJson('{"a":"plain"}'), true);
    assert.equal(isVerbatimJson('{"a":"\\\\u"}'), true);
    assert.equal(isVerbatimJson('{"a":"\\\\\\u0041"}'), false);
    assert.equal(isVerbatimJson('{"a":"\\n\\t\\"\\\\"}'), true);
    assert.equal(isVerbatimJson('{"a":"\\/"}'), false);
  });
});

describe('keyword search with the gate gives the answers of the search without it', () => {
  const rule = ruleOf(`keywords:\n  - 'dpapi::masterkey'\n  - 'eo.oe.kiwi'\n  - 'Kiwi Legit Printer'\n  - '\\mimilib.dll'\n  - 'quote"d'\n  - 'sekurlsa::'\n  - 'a/b'\ncondition: keywords`);
  const pieces = ['sekurlsa::', 'SEKURLSA::', 'sekurlsa:', 'kiwi legit printer', '\u212Aiwi Legit Printer', 'İ', 'ẞ', '\\mimilib.dll', '\\MIMILIB.dll', 'mimilib', 'quote"d', 'a/b', 'eo.oe.kiwi', 'x', ' ', '\n', 'dpapi::masterkey', '::', 'é'];

  /** A seeded generator (mulberry32), so a failure can be replayed. */
  function random(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /** JSON text of `value` with some characters written as `\u` escapes and some `/` as `\/`, as other writers do. */
  function serialise(value: Record<string, unknown>, next: () => number): string {
    const json = JSON.stringify(value);
    if (next() < 0.5) return json;
    let out = '';
    let inString = false;
    for (let i = 0; i < json.length; i++) {
      const c = json[i]!;
      if (c === '\\') {
        out += c + json[++i]!;
        continue;
      }
      if (c === '"') inString = !inString;
      if (inString && c !== '"' && next() < 0.1) out += `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
      else if (inString && c === '/' && next() < 0.5) out += '\\/';
      else out += c;
    }
    return out;
  }

  it('on 20,000 random records', () => {
    const next = random(7);
    const sameGate = gate(['dpapi::masterkey', 'eo.oe.kiwi', 'kiwi legit printer', '\\mimilib.dll', 'quote"d', 'sekurlsa::', 'a/b']);
    let matched = 0;
    let ruledOut = 0;
    for (let n = 0; n < 20_000; n++) {
      const record: Record<string, unknown> = {};
      const fields = 1 + Math.floor(next() * 4);
      for (let f = 0; f < fields; f++) {
        let s = '';
        const parts = Math.floor(next() * 4);
        for (let p = 0; p < parts; p++) s += pieces[Math.floor(next() * pieces.length)]!;
        record[`f${f}`] = next() < 0.2 ? { nested: [s, 42] } : s;
      }
      const json = serialise(record, next);
      const view = eventOf(JSON.parse(json) as Record<string, string>);
      const expected = rule.test(new MatchContext(view));
      assert.equal(rule.test(new MatchContext(view, json)), expected, json);
      if (expected) matched++;
      if (!sameGate.mayMatch(new MatchContext(view, json))) ruledOut++;
    }
    assert.ok(matched > 1000 && ruledOut > 1000, `${matched} matched, ${ruledOut} ruled out by the gate: too few to exercise both sides`);
  });
});
