import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { classifyMail, serializeMailModel } from '../../core/mail/classifier/index.js';
import { parseEml } from '../../components/mail/parse-eml.js';
import { isVigilError } from '../../lib/errors.js';
import { loadMailModel } from './load-mail-model.js';
import { trainOnFolders } from './train-folders.js';
import { trainOnSpamAssassin } from './train-spam-assassin.js';
import { writeMailModelFile } from './write-model-file.js';

let dir = '';

const HAM_WORDS = ['build', 'release', 'patch', 'meeting', 'review', 'budget'];
const SPAM_WORDS = ['prize', 'lottery', 'casino', 'bonus', 'winner', 'jackpot'];

function eml(from: string, subject: string, body: string, html = false): string {
  return [`From: ${from}`, 'To: bob@corp.example', `Subject: ${subject}`, 'MIME-Version: 1.0', `Content-Type: text/${html ? 'html' : 'plain'}; charset=utf-8`, '', body, ''].join('\r\n');
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-mail-train-'));
  await mkdir(join(dir, 'ham', 'nested'), { recursive: true });
  await mkdir(join(dir, 'spam', 'Maildir', 'cur'), { recursive: true });
  for (const [i, w] of HAM_WORDS.entries()) {
    await writeFile(join(dir, 'ham', i % 2 === 0 ? '' : 'nested', `${i}.eml`), eml('Alice <alice@corp.example>', `Re: ${w} notes`, `Hi Bob, the ${w} is on track. Alice`));
  }
  await writeFile(join(dir, 'ham', 'notes.txt'), 'not a message: ignored in a folder');
  for (const [i, w] of SPAM_WORDS.entries()) {
    const body = `<p>Claim your ${w} now!</p><a href="http://198.51.100.${i}/claim">claim</a>`;
    if (i < 3) await writeFile(join(dir, 'spam', 'Maildir', 'cur', `17000${i}.host:2,S`), eml('Prize Desk <desk@win.example>', `Your ${w} awaits`, body, true));
  }
  // The other spam messages come as one mbox.
  const mbox = SPAM_WORDS.slice(3)
    .map((w, i) => `From desk@win.example Mon Jan  1 00:00:00 2024\n${eml('Prize Desk <desk@win.example>', `Your ${w} awaits`, `<p>Claim your ${w} now!</p><a href="http://203.0.113.${i}/x">go</a>`, true)}`)
    .join('\n');
  await writeFile(join(dir, 'spam', 'more.mbox'), mbox);
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('trains on labelled folders (.eml, Maildir, mbox), writes the model and reads it back', async () => {
  const model = await trainOnFolders({ ham: [join(dir, 'ham')], spam: [join(dir, 'spam')], seed: 3, name: 'local', version: '1', epochs: 30 });
  assert.deepEqual(model.training.examples, { ham: 6, spam: 6 });
  const out = join(dir, 'out', 'model.json');
  await writeMailModelFile(out, model);
  const loaded = await loadMailModel(out);
  assert.equal(serializeMailModel(loaded), await readFile(out, 'utf8'));
  const spam = classifyMail(loaded, await parseEml(Buffer.from(eml('x <x@y.example>', 'Your prize awaits', '<p>Claim your jackpot now!</p><a href="http://192.0.2.4/">go</a>', true))));
  const ham = classifyMail(loaded, await parseEml(Buffer.from(eml('Alice <alice@corp.example>', 'Re: release notes', 'Hi Bob, the patch review is on track. Alice'))));
  assert.ok(spam.probability > ham.probability, `${spam.probability} vs ${ham.probability}`);
  assert.equal(spam.reason.source.kind, 'model');
});

test('too few examples of a class is a clear INVALID_ARGUMENT error', async () => {
  await assert.rejects(
    trainOnFolders({ ham: [join(dir, 'ham', 'nested', '1.eml')], spam: [join(dir, 'spam')], seed: 1, name: 'x', version: '1' }),
    (error: unknown) => isVigilError(error) && error.code === 'INVALID_ARGUMENT' && /1 ham message/.test(error.message),
  );
  await assert.rejects(trainOnFolders({ ham: [join(dir, 'nope')], spam: [join(dir, 'spam')], seed: 1, name: 'x', version: '1' }), (e: unknown) => isVigilError(e) && e.code === 'INPUT_NOT_FOUND');
});

test('loadMailModel refuses broken files with a clear error', async () => {
  const broken = join(dir, 'broken.json');
  await writeFile(broken, '{"format":"vigil.mail-classifier/1"');
  await assert.rejects(loadMailModel(broken), (e: unknown) => isVigilError(e) && e.code === 'INPUT_CORRUPT' && e.message.includes(broken));
  await writeFile(broken, '{"format":"something-else"}');
  await assert.rejects(loadMailModel(broken), (e: unknown) => isVigilError(e) && e.code === 'INPUT_CORRUPT' && /not a Vigil mail model/.test(e.message));
  await assert.rejects(loadMailModel(join(dir, 'missing.json')), (e: unknown) => isVigilError(e) && e.code === 'INPUT_NOT_FOUND');
});

test('training on a sample of the SpamAssassin corpus is reproducible byte for byte', async () => {
  const first = serializeMailModel(await trainOnSpamAssassin({ sample: 120, seed: 5 }));
  const second = serializeMailModel(await trainOnSpamAssassin({ sample: 120, seed: 5 }));
  assert.equal(first, second);
  assert.match(first, /"seed": 5/);
});
