import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listSpamAssassinCorpus, readCorpusMessage, splitOf, TRAIN_PERCENT, withoutEnvelopeLine } from './spam-assassin.js';

test('the corpus has its 6,046 messages, and every hard-ham message is held out', async () => {
  const corpus = await listSpamAssassinCorpus();
  assert.equal(corpus.length, 6046);
  const hard = corpus.filter((m) => m.group === 'hard-ham-1');
  assert.equal(hard.length, 250);
  assert.ok(hard.every((m) => m.split === 'test' && m.label === 'ham'));
  assert.equal(corpus.filter((m) => m.label === 'ham').length, 4150);
  assert.equal(corpus.filter((m) => m.label === 'spam').length, 1896);
  for (const label of ['ham', 'spam'] as const) {
    const easy = corpus.filter((m) => m.label === label && m.group !== 'hard-ham-1');
    const share = (100 * easy.filter((m) => m.split === 'train').length) / easy.length;
    assert.ok(Math.abs(share - TRAIN_PERCENT) < 3, `${label} train share ${share}`);
  }
});

test('the split depends only on the group and file name', () => {
  const name = '00001.317e78fa8ee2f54cd4890fdc09ba8176.txt';
  assert.equal(splitOf('spam-2', name), splitOf('spam-2', name));
  assert.equal(splitOf('hard-ham-1', name), 'test');
  const splits = new Set(Array.from({ length: 50 }, (_, i) => splitOf('easy-ham-1', `${i}.txt`)));
  assert.deepEqual([...splits].sort(), ['test', 'train']);
});

test('corpus messages are read without their mbox envelope line', async () => {
  const [first] = await listSpamAssassinCorpus();
  assert.ok(first !== undefined);
  const raw = Buffer.from(await readCorpusMessage(first));
  assert.ok(!raw.subarray(0, 5).equals(Buffer.from('From ')));
  assert.match(raw.toString('latin1'), /^[A-Za-z-]+: /);
  assert.deepEqual(Buffer.from(withoutEnvelopeLine(Buffer.from('From a@b  Thu Aug 22 2002\nSubject: x\n\nbody'))).toString(), 'Subject: x\n\nbody');
  assert.deepEqual(Buffer.from(withoutEnvelopeLine(Buffer.from('From: a@b\n\nbody'))).toString(), 'From: a@b\n\nbody');
});
