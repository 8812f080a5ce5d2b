import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MailAttachment, ParsedMail } from '../contract.js';
import { extractMailFeatures, featureDimensions } from './features.js';
import { STRUCTURE_FEATURES } from './structure-features.js';
import { tokenize } from './text-features.js';

function craft(parts: Partial<ParsedMail>): ParsedMail {
  return {
    headers: [], subject: '', from: { name: 'Alice', address: 'alice@corp.example' }, sender: undefined, replyTo: [], returnPath: undefined,
    to: [{ name: '', address: 'bob@corp.example' }], date: undefined, messageId: undefined, text: '', html: '', attachments: [], problems: [],
    ...parts,
  };
}

function counts(mail: ParsedMail): Record<string, number> {
  const features = extractMailFeatures(mail, { hashBits: 12 });
  return Object.fromEntries(STRUCTURE_FEATURES.map((f, k) => [f.name, features.structureCounts[k] ?? 0]));
}

const attachment = (index: number, filename: string): MailAttachment => ({ index, filename, contentType: 'application/octet-stream', disposition: 'attachment', content: new Uint8Array(4) });

test('a phishing-shaped message lights up the structure features', () => {
  const c = counts(
    craft({
      subject: 'URGENT: your account will be suspended',
      from: { name: 'support@paypal.com', address: 'billing@mailer.example' },
      replyTo: [{ name: '', address: 'reply@collector.example' }],
      html: `<p>Verify your account immediately.</p><a href="http://203.0.113.9/login">https://www.paypal.com/signin</a>
        <a href="https://bit.ly/abc">Sign in</a><form action="https://collect.example/p"><input type="password"></form>`,
      attachments: [attachment(0, 'invoice.pdf.exe'), attachment(1, 'photo.jpg')],
    }),
  );
  assert.equal(c.links, 2);
  assert.equal(c.links_other_domain, 2);
  assert.equal(c.link_text_other_domain, 1);
  assert.equal(c.ip_literal_links, 1);
  assert.equal(c.shortened_links, 1);
  assert.equal(c.forms, 1);
  assert.equal(c.password_inputs, 1);
  assert.equal(c.attachments, 2);
  assert.equal(c.risky_attachments, 1);
  assert.equal(c.html_only, 1);
  assert.ok((c.urgency_phrases ?? 0) >= 3, `urgency ${c.urgency_phrases}`);
  assert.ok((c.credential_phrases ?? 0) >= 3, `credential ${c.credential_phrases}`);
  assert.equal(c.reply_to_other_domain, 1);
  assert.equal(c.display_name_other_address, 1);
});

test('a plain business message from the same domain raises none of the risk features', () => {
  const c = counts(
    craft({
      subject: 'Minutes of the Tuesday meeting',
      text: 'Hi Bob,\n\nattached are the minutes. The plan is on https://wiki.corp.example/plan and we meet again next week.\n\nAlice',
      replyTo: [{ name: 'Alice', address: 'alice@corp.example' }],
      attachments: [attachment(0, 'minutes.pdf')],
    }),
  );
  for (const feature of STRUCTURE_FEATURES) {
    if (feature.risk && feature.name !== 'attachments') assert.equal(c[feature.name], 0, feature.name);
  }
  assert.equal(c.links, 1);
  assert.equal(c.attachments, 1);
});

test('feature vectors are sorted, in range and the same on every run', () => {
  const mail = craft({ subject: 'Hello there', text: 'Some words, some more words: 12345 and 67890.' });
  const a = extractMailFeatures(mail, { hashBits: 12, keepTerms: true });
  const b = extractMailFeatures(mail, { hashBits: 12 });
  assert.deepEqual(a.indices, b.indices);
  assert.deepEqual(a.values, b.values);
  for (let i = 1; i < a.indices.length; i++) assert.ok(a.indices[i]! > a.indices[i - 1]!);
  assert.ok(a.indices[a.indices.length - 1]! < featureDimensions(12));
  assert.ok(a.terms.some((t) => t.label === 'more words'));
  assert.equal(b.terms.length, 0);
});

test('tokenize lower-cases, keeps the shape of numbers and skips over-long tokens', () => {
  assert.deepEqual(tokenize('Pay $1,250 NOW to Acct 99A x ' + 'z'.repeat(40)), ['pay', '000', 'now', 'to', 'acct', '00a']);
  assert.deepEqual(tokenize('Пароль истёк'), ['пароль', 'истёк']);
});

test('HTML-only messages are read through their visible text', () => {
  const fromHtml = extractMailFeatures(craft({ html: '<p>Reset your password</p>' }), { hashBits: 12, keepTerms: true });
  assert.ok(fromHtml.terms.some((t) => t.label === 'reset your'));
});
