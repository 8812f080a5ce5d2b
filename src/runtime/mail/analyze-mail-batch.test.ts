import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import CFB from 'cfb';
import { analyzeMailBatch, type MailResult } from './analyze-mail-batch.js';
import { deepMimeMessage, hugeHeaderMessage, malformedBase64Message, traversalNameMessage, zipBombMessage } from './hostile-messages.js';
import { loadMailSetup, type MailSetup } from './load-mail-setup.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-mail-batch-'));
let setup: MailSetup;
before(async () => {
  setup = await loadMailSetup();
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const PHISH = [
  'Received: from mail.paypa1-secure.example (mail.paypa1-secure.example [203.0.113.50]) by mx.acme.example with ESMTPS; Tue, 3 Mar 2026 10:00:05 +0000',
  'Authentication-Results: mx.acme.example; spf=fail smtp.mailfrom=paypa1-secure.example; dkim=none; dmarc=fail header.from=paypa1-secure.example',
  'From: "PayPal Service" <service@paypa1-secure.example>',
  'Reply-To: paypal.verify.team@gmail.com',
  'To: you@acme.example',
  'Subject: Your account is suspended - verify your password',
  'Date: Tue, 3 Mar 2026 10:00:00 +0000',
  'Message-ID: <p1@paypa1-secure.example>',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Dear customer, your account is limited.</p><a href="http://203.0.113.50/paypal.com/login">https://www.paypal.com/signin</a>',
  '',
].join('\r\n');

const HAM = [
  'Received: from mail.example.org (mail.example.org [198.51.100.20]) by mx.acme.example with ESMTPS; Tue, 3 Mar 2026 09:00:05 +0000',
  'From: Bob <bob@example.org>',
  'To: you@acme.example',
  'Subject: Minutes of the Tuesday meeting',
  'Date: Tue, 3 Mar 2026 09:00:00 +0000',
  'Message-ID: <m1@example.org>',
  '',
  'Hi, the minutes are below. We agreed to move the review to Thursday. Bob',
  '',
].join('\r\n');

async function run(paths: string[]): Promise<{ results: MailResult[]; summary: Awaited<ReturnType<typeof analyzeMailBatch>> }> {
  const results: MailResult[] = [];
  const summary = await analyzeMailBatch({ paths, setup, onResult: (r) => void results.push(r), now: () => new Date('2026-03-04T00:00:00Z') });
  return { results, summary };
}

test('a phishing message is malicious with an alert; a plain message is not flagged', async () => {
  writeFileSync(join(dir, 'phish.eml'), PHISH);
  writeFileSync(join(dir, 'ham.eml'), HAM);
  const { results, summary } = await run([join(dir, 'phish.eml'), join(dir, 'ham.eml')]);
  assert.equal(summary.messages, 2);
  const [phish, ham] = results;
  assert.equal(phish!.analysis.verdict, 'malicious', phish!.analysis.reasons.map((r) => `${r.code}:${r.weight}`).join(' '));
  assert.ok(phish!.alert !== undefined);
  assert.equal(phish!.alert.rule.category, 'phishing');
  assert.ok(phish!.alert.related.ip.includes('203.0.113.50'));
  assert.ok(phish!.alert.related.user.includes('service@paypa1-secure.example'));
  // The classifier may call a short note spam; it is never malicious or suspicious.
  assert.ok(['clean', 'spam'].includes(ham!.analysis.verdict), ham!.analysis.reasons.map((r) => `${r.code}:${r.weight}`).join(' '));
  assert.equal(ham!.alert, undefined);
  // Same message, same alert id (from its Message-ID).
  const again = await run([join(dir, 'phish.eml')]);
  assert.equal(again.results[0]!.alert?.id, phish!.alert.id);
});

test('hostile messages are analysed in bounded time, the problem reported, nothing written', async () => {
  const hostile = join(dir, 'hostile');
  mkdirSync(hostile);
  writeFileSync(join(hostile, '1-deep.eml'), deepMimeMessage(1000));
  writeFileSync(join(hostile, '2-huge-header.eml'), hugeHeaderMessage(50 * 1024 * 1024));
  writeFileSync(join(hostile, '3-zip-bomb.eml'), zipBombMessage(20));
  writeFileSync(join(hostile, '4-malformed-base64.eml'), malformedBase64Message());
  writeFileSync(join(hostile, '5-traversal.eml'), traversalNameMessage());
  const before = readdirSync(hostile).sort();
  const cwdBefore = readdirSync('.').sort();
  const started = performance.now();
  const { results } = await run([hostile]);
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 20_000, `took ${elapsed} ms`);
  const codes = (i: number): string[] => results[i]!.analysis.reasons.map((r) => r.code);
  assert.equal(results.length, 5);
  assert.ok(codes(0).includes('parse.mime_too_deep'), codes(0).join());
  assert.ok(codes(1).includes('parse.header_too_large'), codes(1).join());
  assert.ok(codes(2).includes('attachment.archive_bomb'), codes(2).join());
  assert.ok(codes(3).includes('parse.malformed_base64'), codes(3).join());
  assert.ok(codes(4).includes('attachment.path_in_filename'), codes(4).join());
  for (const r of results) assert.ok(r.durationMs < 10_000, `${r.label} took ${r.durationMs} ms`);
  assert.deepEqual(readdirSync(hostile).sort(), before);
  assert.deepEqual(readdirSync('.').sort(), cwdBefore);
});

test('an Outlook .msg is recognised by its content, whatever its name', async () => {
  const cfb = CFB.utils.cfb_new();
  const utf16 = (text: string): Buffer => Buffer.from(text, 'utf16le');
  CFB.utils.cfb_add(cfb, '/__substg1.0_0037001F', utf16('Your password expires today'));
  CFB.utils.cfb_add(cfb, '/__substg1.0_007D001F', utf16(`${PHISH.slice(0, PHISH.indexOf('\r\n\r\n'))}\r\n`));
  CFB.utils.cfb_add(cfb, '/__substg1.0_1000001F', utf16('Keep your password: http://203.0.113.50/paypal.com/login'));
  const path = join(dir, 'reported-message.bin');
  writeFileSync(path, CFB.write(cfb, { type: 'buffer' }) as Buffer);
  const { results } = await run([path]);
  assert.equal(results[0]!.mail.subject, 'Your password expires today');
  assert.equal(results[0]!.mail.from?.address, 'service@paypa1-secure.example');
  assert.equal(results[0]!.analysis.verdict, 'malicious', results[0]!.analysis.reasons.map((r) => r.code).join());
});

test('folders, Maildir and mbox are read as batches; unreadable inputs are reported', async () => {
  const maildir = join(dir, 'Maildir');
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
  writeFileSync(join(maildir, 'cur', '1700000000.1.host:2,S'), HAM);
  writeFileSync(join(maildir, 'new', '1700000001.2.host'), PHISH);
  writeFileSync(join(maildir, 'tmp', '1700000002.3.host'), HAM);
  const mbox = join(dir, 'inbox.mbox');
  writeFileSync(mbox, `From a@x Tue Mar  3 10:00:00 2026\n${HAM.replaceAll('\r\n', '\n')}\nFrom b@x Tue Mar  3 10:00:00 2026\n${PHISH.replaceAll('\r\n', '\n')}`);
  const { results, summary } = await run([maildir, mbox, join(dir, 'missing.eml')]);
  assert.deepEqual(results.map((r) => r.label.slice(dir.length + 1)), ['Maildir/cur/1700000000.1.host:2,S', 'Maildir/new/1700000001.2.host', 'inbox.mbox#1', 'inbox.mbox#2']);
  assert.deepEqual(results.map((r) => r.alert !== undefined), [false, true, false, true]);
  assert.deepEqual(results.map((r) => r.analysis.verdict === 'malicious'), [false, true, false, true]);
  assert.equal(summary.failures.length, 1);
  assert.equal(summary.failures[0]!.error.code, 'INPUT_NOT_FOUND');
  assert.equal(summary.byVerdict.malicious, 2);
  assert.equal(summary.byVerdict.clean + summary.byVerdict.spam, 2);
});
