import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEml } from './parse-eml.js';

const enc = (s: string): Uint8Array => Buffer.from(s, 'utf8');
const codes = (m: { problems: readonly { code: string }[] }): string[] => m.problems.map((p) => p.code);

function deepTree(levels: number): string {
  let open = '';
  let close = '';
  for (let i = 0; i < levels; i++) {
    open += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`;
    close = `\r\n--b${i}--\r\n` + close;
  }
  return `From: a@example.com\r\nSubject: deep\r\n${open}Content-Type: text/plain\r\n\r\nhello${close}`;
}

test('parseEml reads headers, RFC 2047 words, addresses and both bodies of a multipart/alternative', async () => {
  const raw = [
    'Return-Path: <bounce@mailer.example.net>',
    'From: "=?iso-8859-1?Q?J=F6rg_M=FCller?=" <joerg@example.de>',
    'Reply-To: Support <help@other.example>',
    'To: a@example.com, Team: b@example.com, c@example.com;',
    'Cc: d@example.com',
    'Subject: =?utf-8?B?UGF5bWVudCDinJMgZHVl?=',
    'Date: Tue, 3 Mar 2026 10:00:00 +0100',
    'Message-ID: <abc@example.de>',
    'X-Folded: first',
    '  second',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Caf=C3=A9 soft=',
    'break',
    '--alt',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('<a href="https://x.example/">click</a>').toString('base64'),
    '--alt--',
    '',
  ].join('\r\n');
  const mail = await parseEml(enc(raw));
  assert.deepEqual(mail.problems, []);
  assert.equal(mail.subject, 'Payment ✓ due');
  assert.deepEqual(mail.from, { name: 'Jörg Müller', address: 'joerg@example.de' });
  assert.deepEqual(mail.replyTo, [{ name: 'Support', address: 'help@other.example' }]);
  assert.equal(mail.returnPath, 'bounce@mailer.example.net');
  assert.deepEqual(mail.to.map((a) => a.address), ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com']);
  assert.equal(mail.messageId, '<abc@example.de>');
  assert.equal(mail.date, '2026-03-03T09:00:00.000Z');
  assert.equal(mail.text.trim(), 'Café softbreak');
  assert.equal(mail.html, '<a href="https://x.example/">click</a>');
  const from = mail.headers.find((h) => h.name === 'from');
  assert.equal(from?.value, '"Jörg Müller" <joerg@example.de>');
  assert.equal(mail.headers.find((h) => h.name === 'x-folded')?.value, 'first  second');
});

test('parseEml decodes non-UTF-8 charsets and keeps nested attachments with their disposition', async () => {
  const koi8 = Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]); // "Привет" in KOI8-R
  const latin1 = Buffer.from('Grüße', 'latin1');
  const raw = Buffer.concat([
    enc('From: x@example.com\r\nSubject: =?koi8-r?B?' + koi8.toString('base64') + '?=\r\nContent-Type: multipart/mixed; boundary=outer\r\n\r\n--outer\r\n'),
    enc('Content-Type: multipart/related; boundary=inner\r\n\r\n--inner\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'),
    latin1,
    enc('\r\n--inner\r\nContent-Type: image/png\r\nContent-Disposition: inline; filename="logo.png"\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--inner--\r\n'),
    enc('--outer\r\nContent-Type: application/pdf; name="=?utf-8?Q?Rechnung_=C3=BC.pdf?="\r\nContent-Disposition: attachment\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--outer--\r\n'),
  ]);
  const mail = await parseEml(raw);
  assert.deepEqual(mail.problems, []);
  assert.equal(mail.subject, 'Привет');
  assert.equal(mail.text.trim(), 'Grüße');
  assert.equal(mail.attachments.length, 2);
  assert.deepEqual(mail.attachments.map((a) => [a.index, a.filename, a.contentType, a.disposition]), [
    [0, 'logo.png', 'image/png', 'inline'],
    [1, 'Rechnung ü.pdf', 'application/pdf', 'attachment'],
  ]);
  assert.equal(Buffer.from(mail.attachments[1]!.content).toString('latin1'), '%PDF-1.4\n');
});

test('parseEml survives missing and broken headers', async () => {
  const mail = await parseEml(enc('this is not a header\nFrom broken\nSubject: still here\n\nbody text\n'));
  assert.equal(mail.from, undefined);
  assert.equal(mail.text.trim(), 'body text');
  const empty = await parseEml(new Uint8Array(0));
  assert.equal(empty.from, undefined);
  assert.equal(empty.subject, '');
  const noHeader = await parseEml(enc('\r\njust a body'));
  assert.deepEqual(codes(noHeader), ['parse.no_headers']);
});

test('parseEml never throws on random bytes', async () => {
  let seed = 42;
  for (let n = 0; n < 50; n++) {
    const bytes = new Uint8Array(2000);
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[i] = seed >>> 24;
    }
    const mail = await parseEml(bytes);
    assert.ok(Array.isArray(mail.problems));
  }
});

test('a MIME tree 1,000 levels deep is cut off quickly and reported, headers kept', async () => {
  const started = performance.now();
  const mail = await parseEml(enc(deepTree(1000)));
  assert.ok(performance.now() - started < 2000);
  assert.deepEqual(codes(mail), ['parse.mime_too_deep']);
  assert.equal(mail.subject, 'deep');
  assert.equal(mail.from?.address, 'a@example.com');
  // Within the limit the same construction parses fully.
  const shallow = await parseEml(enc(deepTree(10)));
  assert.deepEqual(shallow.problems, []);
  assert.equal(shallow.text.trim(), 'hello');
});

test('a 50 MB header is cut at the header limit and reported, fast', async () => {
  const raw = Buffer.concat([enc('From: a@example.com\r\nSubject: huge\r\nX-Pad: '), Buffer.alloc(50 * 1024 * 1024, 0x61), enc('\r\n\r\nthe body\r\n')]);
  const started = performance.now();
  const mail = await parseEml(raw);
  assert.ok(performance.now() - started < 3000, 'bounded time');
  assert.deepEqual(codes(mail), ['parse.header_too_large']);
  assert.equal(mail.subject, 'huge');
  assert.equal(mail.headers.find((h) => h.name === 'x-pad'), undefined);
});

test('a header without end is cut and the message still parses', async () => {
  const lines = Array.from({ length: 40_000 }, (_, i) => `X-H${i}: v`).join('\r\n');
  const mail = await parseEml(enc(`From: a@example.com\r\n${lines}`), { maxHeaderBytes: 4096 });
  assert.deepEqual(codes(mail), ['parse.header_too_large']);
  assert.equal(mail.from?.address, 'a@example.com');
  assert.ok(mail.headers.length < 500);
});

test('too many MIME parts: only the headers are read, reported', async () => {
  const parts = Array.from({ length: 50 }, (_, i) => `--p\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join('');
  const raw = `From: a@example.com\r\nSubject: many\r\nContent-Type: multipart/mixed; boundary=p\r\n\r\n${parts}--p--\r\n`;
  const mail = await parseEml(enc(raw), { maxParts: 10 });
  assert.deepEqual(codes(mail), ['parse.too_many_parts']);
  assert.equal(mail.subject, 'many');
  assert.equal(mail.text, '');
  const ok = await parseEml(enc(raw), { maxParts: 100 });
  assert.deepEqual(ok.problems, []);
});

test('a malformed base64 part is reported, a good one is not', async () => {
  const msg = (body: string): string =>
    `From: a@example.com\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n--z\r\nContent-Type: text/plain\r\n\r\nhi\r\n--z\r\nContent-Type: application/octet-stream; name=a.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n${body}\r\n--z--\r\n`;
  const bad = await parseEml(enc(msg('QUJD!!!$$$<script>RE\u00e9VG')));
  assert.deepEqual(codes(bad), ['parse.malformed_base64']);
  assert.equal(bad.attachments.length, 1);
  const good = await parseEml(enc(msg('QUJDREVG\r\nR0g=')));
  assert.deepEqual(good.problems, []);
  assert.equal(Buffer.from(good.attachments[0]!.content).toString(), 'ABCDEFGH');
});

test('attachments over the size limit are cut and reported; total size is bounded', async () => {
  const payload = Buffer.alloc(10_000, 7).toString('base64').replace(/.{76}/g, '$&\r\n');
  const raw = `From: a@example.com\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n--z\r\nContent-Type: application/octet-stream; name=a.bin\r\nContent-Disposition: attachment; filename=a.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n${payload}\r\n--z--\r\n`;
  const mail = await parseEml(enc(raw), { maxAttachmentBytes: 1000 });
  assert.deepEqual(codes(mail), ['parse.attachment_truncated']);
  assert.equal(mail.attachments[0]!.content.length, 1000);
  const cut = await parseEml(enc(raw), { maxTotalBytes: 2000 });
  assert.ok(codes(cut).includes('parse.truncated'));
  assert.ok(cut.attachments[0]!.content.length < 2000);
});

test('header values have their encoded words decoded when read, in JSON too; other values are kept as written', async () => {
  const raw = enc(['From: a@example.com', 'X-Note: =?utf-8?B?R3LDvMOfZQ==?= and =?iso-8859-1?Q?caf=E9?=', 'X-Plain: a =? b', 'X-Broken: =?bogus-charset?B?QUJD?=', '', 'body'].join('\r\n'));
  const mail = await parseEml(raw);
  const value = (name: string): string | undefined => mail.headers.find((h) => h.name === name)?.value;
  assert.equal(value('x-note'), 'Grüße and café');
  assert.equal(value('x-note'), 'Grüße and café');
  assert.equal(value('x-plain'), 'a =? b');
  assert.equal(typeof value('x-broken'), 'string');
  const serialised = JSON.parse(JSON.stringify(mail.headers)) as { name: string; value: string }[];
  assert.deepEqual(serialised.find((h) => h.name === 'x-note'), { name: 'x-note', value: 'Grüße and café' });
});
