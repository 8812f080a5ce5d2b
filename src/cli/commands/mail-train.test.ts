import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

// `vigil mail train` is dispatched by the `mail` command; this runs the verb in its own process,
// the way the CLI does (usage errors exit 2, Vigil errors 1).
const RUNNER = `
const { runMailTrain } = await import(${JSON.stringify(new URL('./mail-train.js', import.meta.url).href)});
try { process.exitCode = await runMailTrain(process.argv.slice(1)); }
catch (error) { process.stderr.write(String(error.message) + '\\n'); process.exitCode = error.name === 'UsageError' ? 2 : 1; }
`;
const train = (args: string[]) => spawnSync(process.execPath, ['--input-type=module', '-e', RUNNER, '--', ...args], { encoding: 'utf8' });

let dir = '';
const eml = (subject: string, body: string): string => `From: a@corp.example\r\nSubject: ${subject}\r\nContent-Type: text/plain\r\n\r\n${body}\r\n`;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-mail-train-cli-'));
  await mkdir(join(dir, 'ham'));
  await mkdir(join(dir, 'spam'));
  for (const w of ['build', 'release', 'review']) await writeFile(join(dir, 'ham', `${w}.eml`), eml(`Re: ${w}`, `The ${w} is done.`));
  for (const w of ['prize', 'lottery', 'casino']) await writeFile(join(dir, 'spam', `${w}.eml`), eml(`Win a ${w}`, `Claim your ${w} now at http://192.0.2.1/`));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('mail train writes the same model file twice for the same folders and seed', async () => {
  const out1 = join(dir, 'm1.json');
  const out2 = join(dir, 'm2.json');
  for (const out of [out1, out2]) {
    const r = train(['--ham', join(dir, 'ham'), '--spam', join(dir, 'spam'), '--out', out, '--seed', '9', '--name', 'acme']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /acme@1 trained on 3 ham and 3 spam \(seed 9/);
  }
  assert.equal(await readFile(out1, 'utf8'), await readFile(out2, 'utf8'));
});

test('mail train rejects bad arguments with exit code 2 and missing folders with 1', () => {
  const noSpam = train(['--ham', join(dir, 'ham')]);
  assert.equal(noSpam.status, 2);
  assert.match(noSpam.stderr, /at least one --spam/);
  const badSeed = train(['--ham', join(dir, 'ham'), '--spam', join(dir, 'spam'), '--seed', '-3']);
  assert.equal(badSeed.status, 2);
  assert.match(badSeed.stderr, /--seed/);
  assert.equal(train(['--bogus']).status, 2);
  const missing = train(['--ham', join(dir, 'nope'), '--spam', join(dir, 'spam'), '--out', join(dir, 'x.json')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /does not exist/);
});
