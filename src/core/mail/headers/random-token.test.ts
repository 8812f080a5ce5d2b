import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomTokenKind } from './random-token.js';

test('mixed-case tokens that cannot be read out are random; camel case and acronyms are not', () => {
  for (const t of ['mPmjQSt', 'HauBQDrzH', 'eDFYQnOr', 'GNmCapBPe', 'xQzRtVbNm']) assert.equal(randomTokenKind(t), 'case', t);
  for (const t of ['DoNotUse', 'FOXSportsFLASH', 'JohnSmith', 'MacKenzieJones', 'PostgreSQL', 'MIMEDefang', 'McDonald', 'iPhone']) assert.equal(randomTokenKind(t), undefined, t);
});

test('digits sprinkled densely among letters are random; a name with a number is not', () => {
  for (const t of ['r9pcx1dtc9j2', 's3skj4kefw74', 'a7b2k9m4q1']) assert.equal(randomTokenKind(t), 'digits', t);
  for (const t of ['jsmith1975', 'user2024', 'abc4d5', 'Room101b']) assert.equal(randomTokenKind(t), undefined, t);
});

test('short, long or non-alphanumeric tokens are not judged', () => {
  assert.equal(randomTokenKind('aB1cD'), undefined);
  assert.equal(randomTokenKind('x'.repeat(41)), undefined);
  assert.equal(randomTokenKind('mPmj.QSt'), undefined);
  assert.equal(randomTokenKind(''), undefined);
});
