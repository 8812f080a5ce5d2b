import assert from 'node:assert/strict';
import { test } from 'node:test';
import { braceGuid, unpadHexInteger } from './value-forms.js';

test('zero-padded hex integers take the Windows form; other strings stay as they are', () => {
  assert.equal(unpadHexInteger('0x00000000000003e7'), '0x3e7');
  assert.equal(unpadHexInteger('0x001fffff'), '0x1fffff');
  assert.equal(unpadHexInteger('0x0000000000000000'), '0x0');
  assert.equal(unpadHexInteger('0X00A'), '0XA');
  for (const same of ['0x3e7', '0x0', '0x8000000000000000', 'DWORD (0x00000001)', '0x00zz', '0x', '10', '']) assert.equal(unpadHexInteger(same), same);
});

test('bare GUIDs get braces; braced GUIDs and other text do not change', () => {
  assert.equal(braceGuid('0197231E-9BE6-6934-5301-000000000B00'), '{0197231E-9BE6-6934-5301-000000000B00}');
  for (const same of ['{365abb72-7acc-5cc4-0000-0010b2470300}', '0197231E-9BE6-6934-5301-000000000B0G', '0197231E9BE6-6934-5301-000000000B00-', 'x']) assert.equal(braceGuid(same), same);
});
