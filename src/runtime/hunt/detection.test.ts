import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RuleMeta } from '../../core/sigma/index.js';
import { detectionJson, EVENT_TEXT, matchDetection } from './detection.js';

const meta: RuleMeta = { id: 'r1', title: 'Rule', level: 'high', logsource: { product: 'windows' }, path: 'r.yml', tags: ['attack.t1003'] };
const explanation = { selections: [{ name: 'sel', fields: [{ field: 'Image', modifiers: ['endswith'], expected: '\\x.exe', actual: 'C:\\x.exe' }] }] };

describe('detectionJson', () => {
  it('writes a match read from text with that text as its event, equal to JSON.stringify of the detection', () => {
    const texts = [
      '{"EventID":1,"Image":"C:\\\\x.exe","n":1.50,"s":"a\\nb"}',
      '\ufeff  {"EventID": 1,\r\n  "Image": "C:\\\\x.exe"}  ',
      '{\n  "EventID": 4688,\n  "nested": {"a": [1, 2, {"b": null}]}\n}',
    ];
    for (const text of texts) {
      const event = JSON.parse(text.trim()) as Record<string, never>;
      const d = matchDetection(meta, event, Date.UTC(2026, 0, 2), 'host', explanation, 'f.jsonl', 3, text);
      assert.equal(d.kind === 'match' ? d[EVENT_TEXT] : undefined, text);
      const line = detectionJson(d);
      assert.ok(!/[\r\n]/.test(line), line);
      assert.deepEqual(JSON.parse(line), JSON.parse(JSON.stringify(d)));
      assert.deepEqual(Object.keys(JSON.parse(line) as object), ['kind', '@timestamp', 'rule', 'host', 'event', 'explanation', 'log']);
    }
  });

  it('serialises a match without text as JSON.stringify does, and never leaks the text key', () => {
    const d = matchDetection(meta, { EventID: 1 }, Number.NaN, null, explanation, 'f.jsonl', 1);
    assert.equal(detectionJson(d), JSON.stringify(d));
    const withText = matchDetection(meta, { EventID: 1 }, Number.NaN, null, explanation, 'f.jsonl', 1, '{"EventID":1}');
    assert.equal(JSON.stringify(withText), JSON.stringify(d));
  });
});
