import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEntities } from './html-entities.js';
import { refreshTarget, scanHtml, srcsetUrls } from './html-scan.js';

test('finds URLs in href, src, srcset, form actions, object data, backgrounds and CSS', () => {
  const s = scanHtml(`<html><head><link rel=stylesheet href="https://cdn.example/s.css"><style>body{background:url('https://img.example/bg.png')}</style></head>
<body background=https://img.example/b.gif><a href="https://a.example/x">A</a><img src='https://img.example/1.png' srcset="https://img.example/2.png 2x, https://img.example/3.png 3x">
<form action="https://collect.example/post"><input name=user></form><object data="https://obj.example/o.swf"></object>
<div style="background-image: URL(https://css.example/i.png)">x</div><iframe src="https://frame.example/"></iframe></body></html>`);
  assert.deepEqual(s.urls.map((u) => [u.where, u.url]), [
    ['link[href]', 'https://cdn.example/s.css'],
    ['style', 'https://img.example/bg.png'],
    ['body[background]', 'https://img.example/b.gif'],
    ['a[href]', 'https://a.example/x'],
    ['img[src]', 'https://img.example/1.png'],
    ['img[srcset]', 'https://img.example/2.png'],
    ['img[srcset]', 'https://img.example/3.png'],
    ['form[action]', 'https://collect.example/post'],
    ['object[data]', 'https://obj.example/o.swf'],
    ['div[style]', 'https://css.example/i.png'],
    ['iframe[src]', 'https://frame.example/'],
  ]);
  assert.equal(s.forms.length, 1);
  assert.equal(s.forms[0]!.inputs, 1);
});

test('link text is collected, entity-decoded and collapsed; attributes are decoded', () => {
  const s = scanHtml('<p>Hi <A HREF="https://evil.example/?a=1&amp;b=2">  www.paypal&#46;com\n <b>now</b></A> and <a href=https://x.example/>second</a>');
  assert.deepEqual(s.urls.map((u) => [u.url, u.text]), [['https://evil.example/?a=1&b=2', 'www.paypal.com now'], ['https://x.example/', 'second']]);
  assert.equal(decodeEntities('javascript&colon;alert(1)'), 'javascript:alert(1)');
  assert.equal(decodeEntities('&#x68;&#116;tp &unknown; &amp'), 'http &unknown; &');
  assert.equal(decodeEntities('?a=1&lt=2'), '?a=1&lt=2');
});

test('comments, scripts and unknown markup are skipped; unclosed tags end the scan without hanging', () => {
  const s = scanHtml('<!-- <a href="https://hidden.example/"> --><script>var a = "<a href=\'https://script.example/\'>";</script ><a href="https://shown.example/">x</a><a href="https://unclosed.example/');
  assert.deepEqual(s.urls.map((u) => u.url), ['https://shown.example/', 'https://unclosed.example/']);
  assert.equal(scanHtml('<<<<>>>< a href=x>').urls.length, 0);
  assert.equal(scanHtml('<style>url(https://a.example/)').urls.length, 1);
});

test('password fields, meta refresh and base are reported', () => {
  const s = scanHtml('<base href="https://base.example/dir/"><meta http-equiv="Refresh" content="0; URL=\'https://go.example/next\'"><form action=/login><input type="password" name=p></form><input type=password>');
  assert.equal(s.base, 'https://base.example/dir/');
  assert.deepEqual(s.refreshes, ['https://go.example/next']);
  assert.equal(s.forms[0]!.hasPassword, true);
  assert.equal(s.passwordOutsideForm, true);
  assert.equal(refreshTarget('5;url=https://x.example/'), 'https://x.example/');
  assert.equal(refreshTarget('5'), undefined);
  assert.deepEqual(srcsetUrls(' a.png 1x,b.png 2x ,'), ['a.png', 'b.png']);
});

test('the scan is bounded: long HTML is truncated, URLs are capped, pathological input is linear', () => {
  const s = scanHtml('<a href="https://x.example/">x</a>'.repeat(100), { maxChars: 1_000, maxUrls: 10, maxTextChars: 100 });
  assert.equal(s.truncated, true);
  assert.equal(s.urls.length, 10);
  for (const hostile of ['<a '.repeat(200_000), '<a href="'.repeat(100_000), '<!--'.repeat(200_000), `<script>${'</scrip'.repeat(100_000)}`, '&'.repeat(500_000), `<a b=${'x'.repeat(500_000)}`]) {
    const t0 = performance.now();
    scanHtml(hostile);
    const ms = performance.now() - t0;
    assert.ok(ms < 500, `${hostile.slice(0, 12)}… took ${ms} ms`);
  }
});
