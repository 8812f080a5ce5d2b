import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ParsedMail } from '../contract.js';
import { classifierWeight, classifyMail } from './classify.js';
import { fnv1a32 } from './hash.js';
import type { MailModel } from './model.js';
import { STRUCTURE_FEATURES } from './structure-features.js';

test('the reason weight is 0 at even odds, grows with the probability and stays modest below', () => {
  assert.equal(classifierWeight(0.5), 0);
  assert.equal(classifierWeight(1), 30);
  assert.equal(classifierWeight(0), -5);
  assert.ok(classifierWeight(0.9) > classifierWeight(0.7));
  assert.equal(classifierWeight(1, { maxWeight: 10, minWeight: 0 }), 10);
});

test('classifyMail names the words and structure that drove the score', () => {
  const textWeights = new Float32Array(1 << 10);
  textWeights[fnv1a32('w:verify') & 1023] = 40;
  textWeights[fnv1a32('w:the') & 1023] = 40; // too common to name
  textWeights[fnv1a32('w:lunch') & 1023] = -40;
  const structureWeights = Float32Array.from(STRUCTURE_FEATURES, (f) => (f.name === 'ip_literal_links' ? 3 : 0));
  const model: MailModel = {
    name: 'unit', version: '1', hashBits: 10, bias: -1, textWeights, structureWeights,
    training: { algorithm: 'logistic-regression-sgd', seed: 1, epochs: 1, l2: 0, structureL2: 0, frozen: [], learningRate: 0.1, examples: { ham: 1, spam: 1 }, data: 'unit', command: 'unit' },
  };
  const mail = (text: string, html = ''): ParsedMail => ({
    headers: [], subject: '', from: undefined, sender: undefined, replyTo: [], returnPath: undefined, to: [], date: undefined, messageId: undefined,
    text, html, attachments: [], problems: [],
  });
  const bad = classifyMail(model, mail('', '<p>verify the thing</p><a href="http://192.0.2.1/a">a</a><a href="http://192.0.2.2/b">b</a>'));
  assert.ok(bad.probability > 0.9);
  assert.match(bad.reason.summary, /words such as 'verify'/);
  assert.doesNotMatch(bad.reason.summary, /'the'/);
  assert.match(bad.reason.summary, /2 links to IP addresses/);
  assert.deepEqual(bad.reason.source, { kind: 'model', model: 'unit@1' });
  const good = classifyMail(model, mail('lunch on friday'));
  assert.ok(good.probability < 0.1);
  assert.ok(good.reason.weight < 0 && good.reason.weight >= -5);
  assert.match(good.reason.summary, /ordinary mail \(words such as 'lunch'\)/);
});
