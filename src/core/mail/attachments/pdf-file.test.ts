import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeAttachments } from './index.js';
import { buildPdf, codesOf, encode, mailWith } from './test-fixtures.js';

test('links, JavaScript on open, Launch actions and embedded files are reported', () => {
  const pdf = buildPdf([
    '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R /Names << /EmbeddedFiles 6 0 R >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Annots [5 0 R] >>',
    '<< /S /JavaScript /JS (app.alert\\(1\\)) >>',
    '<< /Type /Annot /Subtype /Link /A << /S /URI /URI (https://docs.example-bad.test/view\\(1\\)?id=9) >> >>',
    '<< /Type /Filespec /F (a.exe) >>',
    '<< /S /Launch /F (cmd.exe) >>',
  ]);
  const findings = analyzeAttachments(mailWith([{ filename: 'statement.pdf', content: pdf, contentType: 'application/pdf' }]));
  const codes = codesOf(findings);
  for (const code of ['attachment.pdf_javascript', 'attachment.pdf_launch', 'attachment.pdf_embedded_file', 'attachment.pdf_links']) {
    assert.ok(codes.includes(code), `${code} missing: ${codes.join()}`);
  }
  assert.match(findings.reasons.find((r) => r.code === 'attachment.pdf_javascript')!.summary, /opened/u);
  assert.deepEqual(findings.urls, ['https://docs.example-bad.test/view(1)?id=9']);
});

test('names obfuscated with #xx escapes and actions hidden in compressed object streams are found', () => {
  const pdf = buildPdf(
    ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>'],
    '10 0 obj << /S /J#61vaScript /JS (this.submitForm\\(\\)) >> endobj 11 0 obj << /S /URI /URI (https://hidden.example-bad.test/x) >> endobj',
  );
  const findings = analyzeAttachments(mailWith([{ filename: 'scan.pdf', content: pdf }]));
  assert.ok(codesOf(findings).includes('attachment.pdf_javascript'), codesOf(findings).join());
  assert.deepEqual(findings.urls, ['https://hidden.example-bad.test/x']);
});

test('a plain PDF raises nothing and a truncated one does not throw', () => {
  const plain = buildPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>', '<< /Length 20 >>\nstream\nBT (Hello) Tj ET\nendstream']);
  assert.deepEqual(codesOf(analyzeAttachments(mailWith([{ filename: 'a.pdf', content: plain }]))), []);
  const broken = encode('%PDF-1.7\n1 0 obj << /Filter /FlateDecode >>\nstream\n\u0001\u0002garbage');
  assert.doesNotThrow(() => analyzeAttachments(mailWith([{ filename: 'b.pdf', content: broken }])));
});
