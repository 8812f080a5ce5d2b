import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEntities, scanHtml } from './html-scan.js';

test('scanHtml keeps visible text, drops scripts, styles and comments, and decodes entities', () => {
  const scan = scanHtml('<html><head><title>t</title><style>p{color:red}</style></head><body><p>Dear&nbsp;customer &amp; friend</p><script>var x="<p>hidden</p>";</script><!-- secret --><div>Verify&#32;now&#x21;</div></body></html>');
  const text = scan.text.replace(/\s+/g, ' ').trim();
  assert.equal(text, 'Dear customer & friend Verify now!');
});

test('scanHtml lists links with their text, forms, password fields and images', () => {
  const scan = scanHtml(`<a href="https://evil.example/x">www.paypal.com</a> <A HREF='http://ok.example'>home <b>page</b></A>
    <form action="https://collect.example"><input type="password" name=p><input type=text></form><img src="x.png">`);
  assert.deepEqual(scan.anchors, [
    { href: 'https://evil.example/x', text: 'www.paypal.com' },
    { href: 'http://ok.example', text: 'home page' },
  ]);
  assert.equal(scan.forms, 1);
  assert.equal(scan.passwordInputs, 1);
  assert.equal(scan.images, 1);
});

test('scanHtml stays fast and bounded on hostile markup', () => {
  const started = performance.now();
  for (const hostile of ['<'.repeat(500_000), '<a href="'.repeat(100_000), '<script>'.repeat(100_000), '&#'.repeat(300_000), '<a x=y '.repeat(100_000)]) {
    const scan = scanHtml(hostile);
    assert.ok(scan.anchors.length <= 500);
  }
  assert.ok(performance.now() - started < 5000, 'hostile HTML took too long');
  assert.ok(scanHtml('x'.repeat(2_000_000)).text.length <= 1_000_000);
});

test('decodeEntities leaves unknown or malformed references alone', () => {
  assert.equal(decodeEntities('a &bogus; b &#xZZ; c &#1114112; &lt;d&gt;'), 'a &bogus; b &#xZZ; c &#1114112; <d>');
});
