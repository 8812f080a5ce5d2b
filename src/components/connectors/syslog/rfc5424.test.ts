import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeParamValue, formatRfc5424, formatStructuredData, frameOctetCounted, headerField, neutralizeControls } from './rfc5424.js';

const base = { facility: 'local0', severity: 'warning', timestampMs: Date.UTC(2026, 10, 28, 3, 4, 5, 6), hostname: 'vigil-1', appName: 'vigil', procId: '42', message: 'hello' } as const;

describe('RFC 5424 formatting', () => {
  it('writes PRI, version, timestamp and header fields', () => {
    assert.equal(formatRfc5424(base, 2048).toString(), '<132>1 2026-11-28T03:04:05.006Z vigil-1 vigil 42 - - hello');
  });

  it('escapes ", \\ and ] in structured-data values', () => {
    assert.equal(escapeParamValue('a"b\\c]d'), 'a\\"b\\\\c\\]d');
    assert.equal(formatStructuredData({ 'vigil@32473': { rule: 'x"]', ip: '203.0.113.5' } }), '[vigil@32473 rule="x\\"\\]" ip="203.0.113.5"]');
  });

  it('neutralises newlines so one message cannot become two', () => {
    const line = formatRfc5424({ ...base, message: 'ok\n<11>1 2026-01-01T00:00:00Z evil forged - - - injected\r\n' }, 2048).toString();
    assert.ok(!/[\r\n]/.test(line));
    assert.ok(line.endsWith('ok#012<11>1 2026-01-01T00:00:00Z evil forged - - - injected#015#012'));
    assert.equal(neutralizeControls('a\tb\u0000'), 'a#011b#000');
  });

  it('makes header fields printable ASCII without spaces, NILVALUE when empty', () => {
    assert.equal(headerField('web 1\n', 255), 'web_1_');
    assert.equal(headerField('', 48), '-');
    assert.equal(headerField(undefined, 48), '-');
    assert.equal(headerField('x'.repeat(60), 48).length, 48);
  });

  it('refuses invalid SD names', () => {
    assert.throws(() => formatStructuredData({ 'bad id': {} }));
    assert.throws(() => formatStructuredData({ ok: { 'a=b': 'v' } }));
  });

  it('truncates on a UTF-8 character boundary', () => {
    const full = formatRfc5424({ ...base, message: 'é'.repeat(100) }, 2048);
    const cut = formatRfc5424({ ...base, message: 'é'.repeat(100) }, full.length - 1);
    assert.equal(cut.length, full.length - 2);
    assert.ok(!cut.toString().includes('\ufffd'));
  });

  it('frames for TCP with octet counting', () => {
    assert.equal(frameOctetCounted(Buffer.from('héllo')).toString(), '6 héllo');
  });
});
