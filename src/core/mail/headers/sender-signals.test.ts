import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ParsedMail } from '../contract.js';
import { HEADER_WEIGHTS } from './header-reasons.js';
import { checkSenderSignals, hidesRecipients, organisationNameUnrelated, randomHostLabel } from './sender-signals.js';
import { testMail } from './test-mail.js';

const mail = (from: string, more: [string, string][] = []): ParsedMail => testMail([['From', from], ...more]);
const codes = (m: ParsedMail, nameChecked = false): string[] => checkSenderSignals(m, nameChecked).map((r) => r.code).sort();

test('a machine-generated local part or sender domain is a reason; ordinary addresses are not', () => {
  const random = checkSenderSignals(mail('"Offers" <qXbTrWzKp@mailer.example.net>'));
  assert.deepEqual(random.map((r) => r.code), ['header.random_sender']);
  assert.equal(random[0]!.weight, HEADER_WEIGHTS['header.random_sender']);
  assert.match(random[0]!.summary, /qXbTrWzKp/);
  assert.deepEqual(codes(mail('<k7dm2q9xw4z1@example.com>')), ['header.random_sender']);
  assert.deepEqual(codes(mail('<news@x-ab-cd-ef-gh.example.com>')), ['header.random_sender']);
  assert.deepEqual(codes(mail('<news@qwrtzxcvbnmkl.example.com>')), ['header.random_sender']);
  for (const ordinary of ['"Ann Lee" <ann.lee@example.com>', '<JohnSmith1975@example.org>', '<DoNotReply@bank.example>', '<news@mail-1.shop.example.co.uk>']) {
    assert.deepEqual(codes(mail(ordinary)), [], ordinary);
  }
  assert.equal(randomHostLabel('mail.example.com'), undefined);
  assert.equal(randomHostLabel('a-b-c-d-e.example.com'), 'a-b-c-d-e');
});

test('a display name padded with punctuation is a reason; names with initials or a dash are not', () => {
  for (const noisy of ['"Prize Team .QJACF" <a@prizes.example.net>', '"Winners...grEy" <a@example.net>', '"__WINNER__" <a@example.net>', '"--Notice--Final**" <a@example.net>']) {
    assert.deepEqual(codes(mail(noisy)), ['header.display_name_noise'], noisy);
  }
  for (const plain of ['"Dr. J. R. Smith" <j@example.net>', '"Sales - Example Ltd." <s@example.net>', '"O\'Brien, Pat" <p@example.net>']) {
    assert.deepEqual(codes(mail(plain)), [], plain);
  }
});

test('a display name that speaks as an organisation the address does not back is a reason', () => {
  assert.equal(organisationNameUnrelated('Cloud Storage Support Team', 'mail.randomshop.example'), true);
  assert.deepEqual(codes(mail('"Home Warranty Protection" <a@deals.example.net>')), ['header.display_name_unrelated']);
  // The name matches the domain, names only roles, or belongs to a person: nothing to say.
  assert.equal(organisationNameUnrelated('Contoso Billing Team', 'billing.contoso.example'), false);
  assert.equal(organisationNameUnrelated('Northwind Support', 'northwindtraders.example'), false);
  assert.equal(organisationNameUnrelated('Customer Support', 'example.net'), false);
  assert.equal(organisationNameUnrelated('Ann Lee', 'example.net'), false);
  // When another check already judged the display name (a brand claim), it is not counted again.
  assert.deepEqual(codes(mail('"Home Warranty Protection" <a@deals.example.net>'), true), []);
});

test('hidden recipients are a reason; a named recipient or a missing To is not', () => {
  const hidden = mail('<a@example.net>', [['To', 'undisclosed-recipients:;']]);
  assert.equal(hidesRecipients(hidden), true);
  assert.deepEqual(codes(hidden), ['header.undisclosed_recipients']);
  assert.deepEqual(codes(mail('<a@example.net>', [['To', 'Undisclosed Recipients <>']])), ['header.undisclosed_recipients']);
  assert.deepEqual(codes(mail('<a@example.net>', [['To', 'Bob <bob@example.org>']])), []);
  assert.deepEqual(codes(mail('<a@example.net>')), []);
});

test('a machine-generated token in the subject is a reason; product names and ids are not', () => {
  assert.deepEqual(codes(mail('<a@example.net>', [['Subject', 'Your points expire - qXbTrWzKpLm']])), ['header.subject_random_token']);
  assert.deepEqual(codes(mail('<a@example.net>', [['Subject', 'PostgreSQL 15 on an iPhone, order 123456789']])), []);
});
