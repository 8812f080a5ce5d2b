import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readMbox, type MboxMessage } from './mbox-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-mbox-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function read(content: string | Buffer, maxMessageBytes = 1 << 20): Promise<MboxMessage[]> {
  const path = join(dir, `m${Math.random().toString(36).slice(2)}.mbox`);
  writeFileSync(path, content);
  const out: MboxMessage[] = [];
  for await (const m of readMbox(path, { maxMessageBytes })) out.push(m);
  return out;
}

test('splits on From_ lines, drops the envelope and unquotes >From (mboxrd)', async () => {
  const text = [
    'From alice@example.com Tue Mar  3 10:00:00 2026',
    'From: alice@example.com',
    'Subject: one',
    '',
    '>From the start',
    '>>From deeper',
    'body',
    '',
    'From bob@example.com Tue Mar  3 11:00:00 2026',
    'Subject: two',
    '',
    'second',
    '',
  ].join('\n');
  const messages = await read(text);
  assert.equal(messages.length, 2);
  assert.equal(Buffer.from(messages[0]!.raw).toString(), 'From: alice@example.com\nSubject: one\n\nFrom the start\n>From deeper\nbody\n\n');
  assert.equal(Buffer.from(messages[1]!.raw).toString(), 'Subject: two\n\nsecond\n');
  assert.deepEqual(messages.map((m) => [m.index, m.offset]), [[0, 0], [1, text.indexOf('From bob')]]);
});

test('messages larger than the limit are cut and flagged; the next message is intact', async () => {
  const big = `From a@x Tue Mar  3 10:00:00 2026\nSubject: big\n\n${'x'.repeat(5000)}\n${'y'.repeat(3 << 20)}\nFrom b@x Tue Mar  3 10:00:00 2026\nSubject: small\n\nok\n`;
  const messages = await read(big, 1000);
  assert.equal(messages.length, 2);
  assert.equal(messages[0]!.truncated, true);
  assert.equal(messages[0]!.raw.length, 1000);
  assert.equal(messages[1]!.truncated, false);
  assert.equal(Buffer.from(messages[1]!.raw).toString(), 'Subject: small\n\nok\n');
});

test('a From_ line split across read chunks is still found', async () => {
  // The reader uses 1 MiB chunks: put a message boundary right across the first chunk end.
  const first = `From a@x Tue Mar  3 10:00:00 2026\nSubject: a\n\n`;
  const pad = 'z'.repeat((1 << 20) - first.length - 3) + '\n';
  const messages = await read(`${first}${pad}From b@x Tue Mar  3 10:00:00 2026\nSubject: b\n\nb\n`, 4 << 20);
  assert.equal(messages.length, 2);
  assert.equal(Buffer.from(messages[1]!.raw).toString(), 'Subject: b\n\nb\n');
});
