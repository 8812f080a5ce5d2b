import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ParsedMail } from '../contract.js';
import { classifyMail } from './classify.js';
import { loadShippedMailModel } from './shipped-model.js';

function craft(parts: Partial<ParsedMail>): ParsedMail {
  return {
    headers: [], subject: '', from: undefined, sender: undefined, replyTo: [], returnPath: undefined, to: [], date: undefined,
    messageId: undefined, text: '', html: '', attachments: [], problems: [], ...parts,
  };
}

const PHISH = craft({
  subject: 'Action required: your account has been suspended',
  from: { name: 'Account Security', address: 'security@account-alerts.example' },
  html: `<p>Dear customer,</p><p>We detected unusual activity. Your account has been suspended.
    Verify your account immediately to avoid permanent closure: <a href="http://203.0.113.45/secure/login.php">https://www.paypal.com/verify</a></p>
    <p>Click here to confirm your password and billing information within 24 hours.</p>`,
});

const BUSINESS = craft({
  subject: 'Re: agenda for Thursday',
  from: { name: 'Alice Martin', address: 'alice@corp.example' },
  text: `Hi Bob,\n\nthanks for the notes. I moved the budget review to Thursday at 10 and added the
release schedule to the agenda. Can you bring the numbers from last quarter?\n\nCheers,\nAlice\n`,
});

test('the shipped model loads once and is cached', () => {
  const model = loadShippedMailModel();
  assert.equal(loadShippedMailModel(), model);
  assert.match(`${model.name}@${model.version}`, /^[a-z0-9._-]+@[A-Za-z0-9._+-]+$/);
  assert.ok(model.training.examples.ham > 1000 && model.training.examples.spam > 500);
});

test('the shipped model rates a phishing-style message above a plain business message, and explains it', () => {
  const model = loadShippedMailModel();
  const phish = classifyMail(model, PHISH);
  const business = classifyMail(model, BUSINESS);
  assert.ok(phish.probability > 0.5, `phish ${phish.probability}`);
  assert.ok(business.probability < 0.5, `business ${business.probability}`);
  assert.ok(phish.reason.weight > business.reason.weight);
  assert.ok(phish.reason.weight > 0 && business.reason.weight <= 0);
  assert.equal(phish.reason.code, 'classifier.score');
  assert.deepEqual(phish.reason.source, { kind: 'model', model: `${model.name}@${model.version}` });
  assert.match(phish.reason.summary, /words such as '/);
  assert.match(phish.reason.summary, /link whose text shows another domain|link to an IP address|HTML-only body|urgency/);
});

test('classifying a huge, hostile message stays bounded in time', () => {
  const model = loadShippedMailModel();
  const words = 'verify account password invoice meeting lunch '.repeat(400_000); // ~18 MB
  const html = '<a href="http://x.example/'.repeat(200_000) + '&#'.repeat(200_000);
  const started = performance.now();
  const result = classifyMail(model, craft({ subject: 'x'.repeat(100_000), text: words, html }));
  assert.ok(Number.isFinite(result.probability));
  assert.ok(performance.now() - started < 3000, `took ${performance.now() - started} ms`);
});
