import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ParsedMail } from '../contract.js';
import { classifyMail } from './classify.js';
import { extractMailFeatures } from './features.js';
import { serializeMailModel } from './model.js';
import { STRUCTURE_FEATURES } from './structure-features.js';
import { seededRandom, trainMailModel, type LabelledExample, type TrainOptions } from './train.js';

function craft(subject: string, text: string, html = ''): ParsedMail {
  return {
    headers: [], subject, from: { name: '', address: 'someone@corp.example' }, sender: undefined, replyTo: [], returnPath: undefined, to: [],
    date: undefined, messageId: undefined, text, html, attachments: [], problems: [],
  };
}

// A tiny corpus built here: legitimate project mail versus prize/credential spam, with varied wording.
const HAM_TOPICS = ['build', 'release', 'patch', 'meeting', 'kernel', 'review', 'schedule', 'budget', 'minutes', 'compiler'];
const SPAM_TOPICS = ['prize', 'winner', 'password', 'bonus', 'casino', 'loan', 'lottery', 'verify', 'pharmacy', 'crypto'];
const OPTIONS: TrainOptions = { name: 'tiny', version: '1', hashBits: 12, seed: 7, epochs: 20, l2: 1e-4, structureL2: 1e-4, learningRate: 0.5, data: 'crafted', command: 'test' };

function corpus(): { examples: LabelledExample[]; ham: ParsedMail[]; spam: ParsedMail[] } {
  const ham = HAM_TOPICS.map((t, i) => craft(`Re: ${t} notes`, `Hi team, the ${t} is done; see the ${HAM_TOPICS[(i + 1) % 10]!} thread. Thanks, Alice`));
  const spam = SPAM_TOPICS.map((t, i) =>
    craft(`Claim your ${t} now`, '', `<p>Congratulations! Claim your ${t} and ${SPAM_TOPICS[(i + 3) % 10]!} today.</p><a href="http://198.51.100.${i}/claim">claim</a>`),
  );
  const examples = [...ham.map((m) => ({ m, label: 0 as const })), ...spam.map((m) => ({ m, label: 1 as const }))].map(({ m, label }) => ({
    features: extractMailFeatures(m, { hashBits: OPTIONS.hashBits }),
    label,
  }));
  return { examples, ham, spam };
}

test('training on a tiny crafted corpus separates ham from spam, including unseen messages', () => {
  const { examples, ham, spam } = corpus();
  const model = trainMailModel(examples, OPTIONS);
  for (const m of ham) assert.ok(classifyMail(model, m).probability < 0.5, m.subject);
  for (const m of spam) assert.ok(classifyMail(model, m).probability > 0.5, m.subject);
  const unseenSpam = craft('Claim your lottery bonus', '', '<p>Claim your prize today</p><a href="http://192.0.2.1/x">claim</a>');
  const unseenHam = craft('Re: kernel review', 'Hi team, the compiler build is done. Thanks, Alice');
  assert.ok(classifyMail(model, unseenSpam).probability > classifyMail(model, unseenHam).probability);
  assert.deepEqual(model.training.examples, { ham: 10, spam: 10 });
});

test('the same data and seed give a byte-identical model file; another seed gives another model', () => {
  const first = serializeMailModel(trainMailModel(corpus().examples, OPTIONS));
  const second = serializeMailModel(trainMailModel(corpus().examples, OPTIONS));
  assert.equal(first, second);
  const reseeded = serializeMailModel(trainMailModel(corpus().examples, { ...OPTIONS, seed: 8 }));
  assert.notEqual(first, reseeded);
});

test('risk structure features never get a negative weight', () => {
  // Every "spam" example here is plain while every ham one has an IP link and urgency: the data
  // pushes those risk features negative; the projection must hold them at zero.
  const ham = HAM_TOPICS.map((t) => craft(t, `urgent: act immediately on ${t}`, `<a href="http://192.0.2.7/${t}">x</a><p>urgent ${t}</p>`));
  const spam = SPAM_TOPICS.map((t) => craft(t, `cheap ${t} offer`));
  const examples = [...ham.map((m) => ({ features: extractMailFeatures(m, { hashBits: 10 }), label: 0 as const })), ...spam.map((m) => ({ features: extractMailFeatures(m, { hashBits: 10 }), label: 1 as const }))];
  const model = trainMailModel(examples, { ...OPTIONS, hashBits: 10 });
  STRUCTURE_FEATURES.forEach((f, k) => {
    if (f.risk) assert.ok(model.structureWeights[k]! >= 0, `${f.name} = ${model.structureWeights[k]!}`);
  });
});

test('seededRandom is deterministic and in [0, 1)', () => {
  const a = seededRandom(42);
  const b = seededRandom(42);
  for (let i = 0; i < 1000; i++) {
    const x = a();
    assert.equal(x, b());
    assert.ok(x >= 0 && x < 1);
  }
});
