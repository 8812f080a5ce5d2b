import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countMalformedBase64Parts } from './raw-prescan.js';

const enc = (lines: readonly string[]): Uint8Array => Buffer.from(lines.join('\r\n'), 'latin1');

function message(parts: readonly { readonly base64: boolean; readonly body: readonly string[] }[]): Uint8Array {
  const lines = ['From: a@example.com', 'Content-Type: multipart/mixed; boundary="b"', '', 'preamble'];
  for (const part of parts) {
    lines.push('--b', 'Content-Type: application/octet-stream');
    if (part.base64) lines.push('Content-Transfer-Encoding: base64');
    lines.push('', ...part.body);
  }
  lines.push('--b--', '');
  return enc(lines);
}

test('well-formed base64 parts (padding, whitespace, CRLF and LF) are not counted', () => {
  assert.equal(countMalformedBase64Parts(message([{ base64: true, body: ['SGVsbG8g', 'd29ybGQ=', ' \tQQ=='] }])), 0);
  const lf = Buffer.from('From: a\nContent-Transfer-Encoding: base64\n\nSGVsbG8=\n', 'latin1');
  assert.equal(countMalformedBase64Parts(lf), 0);
});

test('each base64 part with a byte outside the alphabet counts once, wherever the byte is', () => {
  const bad = message([
    { base64: true, body: ['SGVs!bG8=', 'AAAA*'] },
    { base64: true, body: ['AAAA', 'AA\u00e9A'] },
    { base64: true, body: ['QUJD'] },
    { base64: false, body: ['plain text! with *any* bytes \u00e9'] },
  ]);
  assert.equal(countMalformedBase64Parts(bad), 2);
});

test('a single-part message whose base64 body has a stray byte at its very end is counted', () => {
  assert.equal(countMalformedBase64Parts(enc(['From: a', 'Content-Transfer-Encoding: base64', '', 'QUJD', 'QU#'])), 1);
  assert.equal(countMalformedBase64Parts(enc(['From: a', 'Content-Transfer-Encoding: base64', '', 'QUJD', 'QUJD'])), 0);
});

test('a body line that starts with -- ends the part: what follows is read as headers', () => {
  // The stray '!' sits after the delimiter, in a non-base64 part: nothing is counted.
  assert.equal(countMalformedBase64Parts(message([{ base64: true, body: ['QUJD'] }, { base64: false, body: ['!!!'] }])), 0);
  // A first body line that is a delimiter ends an empty part.
  assert.equal(countMalformedBase64Parts(message([{ base64: true, body: [] }, { base64: true, body: ['Q!'] }])), 1);
});
