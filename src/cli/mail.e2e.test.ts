import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { z } from 'zod';
import { traversalNameMessage } from '../runtime/mail/hostile-messages.js';

const VIGIL = resolve('bin', 'vigil.js');
const dir = mkdtempSync(join(tmpdir(), 'vigil-mail-e2e-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});
function run(args: string[]) {
  return spawnSync(process.execPath, [VIGIL, 'mail', ...args], { encoding: 'utf8', cwd: dir });
}

const PHISH = [
  'Received: from mail.docusign-notice.example (mail.docusign-notice.example [203.0.113.77]) by mx.acme.example with ESMTPS; Tue, 3 Mar 2026 10:00:05 +0000',
  'Authentication-Results: mx.acme.example; spf=fail smtp.mailfrom=docusign-notice.example; dmarc=fail header.from=docusign-notice.example',
  'From: "DocuSign" <sign@docusign-notice.example>',
  'Reply-To: docs.sign.team@gmail.com',
  'To: you@acme.example',
  'Subject: Please verify your password to view the document',
  'Date: Tue, 3 Mar 2026 10:00:00 +0000',
  'Message-ID: <d1@docusign-notice.example>',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<a href="http://203.0.113.77/docusign.com/view">https://www.docusign.com/view</a>',
  '',
].join('\r\n');
const HAM = 'Received: from mail.example.org ([198.51.100.20]) by mx.acme.example; Tue, 3 Mar 2026 09:00:05 +0000\r\nFrom: Bob <bob@example.org>\r\nTo: you@acme.example\r\nSubject: Minutes\r\nDate: Tue, 3 Mar 2026 09:00:00 +0000\r\nMessage-ID: <m1@example.org>\r\n\r\nThe minutes of the Tuesday meeting are below; the review moves to Thursday.\r\n';

const lineSchema = z.object({
  file: z.string(),
  verdict: z.enum(['malicious', 'suspicious', 'spam', 'clean']),
  score: z.number().min(0).max(100),
  reasons: z.array(z.object({ code: z.string(), weight: z.number(), summary: z.string(), source: z.object({ kind: z.string() }).loose() })),
  observables: z.array(z.object({ type: z.string(), value: z.string() })),
  alert_id: z.string().nullable(),
});

test('mail analyze --json prints one object per message, stores alerts once, and reads folders', () => {
  const inbox = join(dir, 'inbox');
  mkdirSync(inbox);
  writeFileSync(join(inbox, 'a-phish.eml'), PHISH);
  writeFileSync(join(inbox, 'b-ham.eml'), HAM);
  writeFileSync(join(inbox, 'c-traversal.eml'), traversalNameMessage());
  const db = join(dir, 'store', 'vigil.db');
  const r = run(['analyze', inbox, '--json', '--db', db, '--no-progress']);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => lineSchema.parse(JSON.parse(l)));
  assert.deepEqual(lines.map((l) => l.file), ['a-phish.eml', 'b-ham.eml', 'c-traversal.eml'].map((f) => join(inbox, f)));
  const [phish, ham, traversal] = lines;
  assert.equal(phish!.verdict, 'malicious');
  assert.ok(phish!.alert_id !== null);
  for (let i = 1; i < phish!.reasons.length; i++) assert.ok(phish!.reasons[i - 1]!.weight >= phish!.reasons[i]!.weight, 'reasons by weight');
  assert.ok(phish!.reasons.some((x) => x.source.kind === 'header'));
  assert.ok(phish!.reasons.some((x) => x.source.kind === 'url'));
  assert.ok(phish!.observables.some((o) => o.type === 'ip' && o.value === '203.0.113.77'));
  assert.ok(!['malicious', 'suspicious'].includes(ham!.verdict));
  assert.ok(traversal!.reasons.some((x) => x.code === 'attachment.path_in_filename' && x.source.kind === 'attachment'));
  assert.match(r.stderr, /3 message\(s\) in .* stored in /);
  assert.match(r.stderr, /^malicious +\d+$/m);
  // The attachment named ../../etc/passwd was never written anywhere.
  assert.deepEqual(readdirSync(dir).sort(), ['inbox', 'store']);
  assert.deepEqual(readdirSync(join(dir, 'store')).filter((f) => !f.startsWith('vigil.db')), []);

  const alerts = spawnSync(process.execPath, [VIGIL, 'alerts', '--db', db, '--ndjson'], { encoding: 'utf8' });
  assert.equal(alerts.status, 0, alerts.stderr);
  const stored = alerts.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; rule: { category: string } });
  assert.ok(stored.some((a) => a.id === phish!.alert_id && a.rule.category === 'phishing'));
  const again = run(['analyze', inbox, '--json', '--db', db, '--no-progress']);
  assert.equal(again.status, 0, again.stderr);
  const rerun = spawnSync(process.execPath, [VIGIL, 'alerts', '--db', db, '--ndjson'], { encoding: 'utf8' });
  assert.equal(rerun.stdout.trim().split('\n').length, stored.length, 're-running adds no alerts');
  // Sender history lives in the store: a domain never seen before is reported, a known one is not.
  const stranger = join(dir, 'stranger.eml');
  writeFileSync(stranger, HAM.replace('bob@example.org', 'x@never-seen.example').replace('<m1@example.org>', '<m2@never-seen.example>'));
  const fresh = run(['analyze', stranger, join(inbox, 'b-ham.eml'), '--json', '--db', db, '--no-progress']);
  const [strangerLine, knownLine] = fresh.stdout.trim().split('\n').map((l) => lineSchema.parse(JSON.parse(l)));
  assert.ok(strangerLine!.reasons.some((x) => x.code === 'header.new_sender_domain'));
  assert.ok(!knownLine!.reasons.some((x) => x.code === 'header.new_sender_domain'));
});

test('mail analyze prints a readable report; bad input and usage give exit codes 1 and 2', () => {
  const file = join(dir, 'one.eml');
  writeFileSync(file, PHISH);
  const r = run(['analyze', file, '--no-store']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /one\.eml {2}MALICIOUS {2}score \d+/);
  assert.match(r.stdout, /^ +\+\d+(\.\d+)? {2}.+ {2}\[header [a-z-]+\]$/m);
  assert.match(r.stdout, /\[url http:\/\/203\.0\.113\.77\//);
  assert.equal(run(['analyze', join(dir, 'missing.eml'), '--no-store']).status, 1);
  assert.equal(run(['analyze']).status, 2);
  assert.equal(run(['analyze', file, '--bogus']).status, 2);
  assert.equal(run(['nonsense']).status, 2);
  assert.equal(run(['analyze', '--help']).status, 0);
  // The organisation's own name in a display name, from outside, once the config names it.
  const ceo = join(dir, 'ceo.eml');
  writeFileSync(ceo, HAM.replace('From: Bob <bob@example.org>', 'From: "Acme Finance" <finance@acme-payments.example>'));
  const config = join(dir, 'vigil.yml');
  writeFileSync(config, 'protectedDomains:\n  organisation: Acme Finance\n  ownDomains: [acme.example]\n');
  const withConfig = run(['analyze', ceo, '--no-store', '--json', '--config', config]);
  assert.equal(withConfig.status, 0, withConfig.stderr);
  assert.ok((JSON.parse(withConfig.stdout) as { reasons: { code: string }[] }).reasons.some((x) => x.code === 'header.display_name_internal'));
  writeFileSync(config, 'protectedDomains:\n  bogus: 1\n');
  assert.equal(run(['analyze', ceo, '--no-store', '--config', config]).status, 2);
});
