import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { z } from 'zod';

const VIGIL = resolve('bin', 'vigil.js');
const dir = mkdtempSync(join(tmpdir(), 'vigil-mail-intel-e2e-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});
const vigil = (args: string[]) => spawnSync(process.execPath, [VIGIL, ...args], { encoding: 'utf8', cwd: dir });

const message = (host: string): string =>
  [
    'From: Billing <billing@example.org>',
    'To: you@acme.example',
    'Subject: Your invoice',
    'Date: Tue, 3 Mar 2026 10:00:00 +0000',
    `Message-ID: <${host}@example.org>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `The invoice is at https://${host}/invoice/4711 as agreed.`,
    '',
  ].join('\r\n');

const reasonsOf = (stdout: string): string[] =>
  z
    .object({ reasons: z.array(z.object({ code: z.string() })) })
    .parse(JSON.parse(stdout.trim().split('\n')[0]!))
    .reasons.map((r) => r.code);

test('mail analyze looks message URLs up in the intel store: a listed domain is a reason, an unlisted one is not', () => {
  const db = join(dir, 'vigil.db');
  writeFileSync(join(dir, 'feed.txt'), 'payments-portal.example.net\n');
  const imported = vigil(['intel', 'import', 'feed.txt', '--format', 'plain', '--source', 'test-feed', '--db', db]);
  assert.equal(imported.status, 0, imported.stderr);
  writeFileSync(join(dir, 'listed.eml'), message('login.payments-portal.example.net'));
  writeFileSync(join(dir, 'unlisted.eml'), message('portal.example.com'));

  const listed = vigil(['mail', 'analyze', 'listed.eml', '--db', db, '--json', '--no-progress']);
  assert.equal(listed.status, 0, listed.stderr);
  assert.ok(reasonsOf(listed.stdout).includes('url.intel_match'), listed.stdout);
  const unlisted = vigil(['mail', 'analyze', 'unlisted.eml', '--db', db, '--json', '--no-progress']);
  assert.equal(unlisted.status, 0, unlisted.stderr);
  assert.ok(!reasonsOf(unlisted.stdout).includes('url.intel_match'), unlisted.stdout);
});
