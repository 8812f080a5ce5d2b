import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isVigilError } from '../../../lib/errors.js';
import { parseMailModel, serializeMailModel, type MailModel } from './model.js';
import { STRUCTURE_FEATURES } from './structure-features.js';

function model(): MailModel {
  const textWeights = new Float32Array(1 << 8);
  textWeights[3] = 0.25;
  textWeights[200] = -1.5;
  return {
    name: 'unit', version: '2', hashBits: 8, bias: -0.125, textWeights,
    structureWeights: Float32Array.from(STRUCTURE_FEATURES, (_, k) => k / 8),
    training: { algorithm: 'logistic-regression-sgd', seed: 1, epochs: 1, l2: 0, structureL2: 0, frozen: [], learningRate: 0.1, examples: { ham: 1, spam: 1 }, data: 'unit', command: 'unit' },
  };
}

const fileOf = (m: MailModel): Record<string, unknown> => JSON.parse(serializeMailModel(m)) as Record<string, unknown>;

test('a model survives serialisation exactly', () => {
  const parsed = parseMailModel(fileOf(model()), 'unit.json');
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.value.textWeights, model().textWeights);
  assert.deepEqual(parsed.value.structureWeights, model().structureWeights);
  assert.equal(parsed.value.bias, -0.125);
  assert.equal(serializeMailModel(parsed.value), serializeMailModel(model()));
});

test('bad model files are refused with INPUT_CORRUPT and say what is wrong', () => {
  const cases: [string, unknown, RegExp][] = [
    ['not an object', 42, /not a Vigil mail model/],
    ['other format', { ...fileOf(model()), format: 'sklearn' }, /at format/],
    ['unknown key', { ...fileOf(model()), extra: 1 }, /not a Vigil mail model/],
    ['short weights', { ...fileOf(model()), textWeights: Buffer.alloc(16).toString('base64') }, /16 bytes of text weights, expected 1024/],
    ['not base64', { ...fileOf(model()), textWeights: '***' }, /base64/],
    ['other features', { ...fileOf(model()), structureFeatures: ['links'] }, /other structure features/],
    ['missing weights', { ...fileOf(model()), structureWeights: [1] }, /1 structure weights/],
    ['huge hash', { ...fileOf(model()), hashBits: 40 }, /hashBits/],
    ['non-finite weight', { ...fileOf(model()), textWeights: Buffer.from(new Float32Array(256).fill(Number.NaN).buffer).toString('base64') }, /non-finite/],
  ];
  for (const [what, json, message] of cases) {
    const parsed = parseMailModel(json, 'bad.json');
    assert.ok(!parsed.ok, what);
    assert.ok(isVigilError(parsed.error));
    assert.equal(parsed.error.code, 'INPUT_CORRUPT', what);
    assert.match(parsed.error.message, message, what);
    assert.match(parsed.error.message, /bad\.json/, what);
  }
});
