import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { sharedDataPath } from '../../../lib/shared-data.js';
import { loadSigmaMappings } from '../../../runtime/content/load-mappings.js';
import type { SigmaLogsource } from '../contract.js';
import { createEventReader, type EventReader } from '../events/event-reader.js';
import { isJsonObject } from '../events/json-path.js';
import { buildLogsourceIndex, type LogsourceIndex } from './logsource-index.js';

interface Stub {
  readonly path: string;
  readonly meta: { readonly logsource: SigmaLogsource };
}

function ruleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? ruleFiles(join(dir, e.name)) : e.name.endsWith('.yml') ? [join(dir, e.name)] : []));
}

/** SigmaHQ's detection rules (the folders a deployment loads), as stubs with their logsources. */
function sigmaHqRules(): Stub[] {
  const stubs: Stub[] = [];
  for (const folder of ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-compliance']) {
    for (const path of ruleFiles(sharedDataPath('sigma', folder))) {
      for (const document of parseAllDocuments(readFileSync(path, 'utf8'))) {
        const rule: unknown = document.toJS();
        if (!isJsonObject(rule) || !isJsonObject(rule.logsource)) continue;
        const source = rule.logsource;
        const pick = (key: string): Record<string, string> => (typeof source[key] === 'string' ? { [key]: source[key] } : {});
        stubs.push({ path, meta: { logsource: { ...pick('product'), ...pick('category'), ...pick('service') } } });
      }
    }
  }
  return stubs;
}

let rules: Stub[];
let index: LogsourceIndex<Stub>;
let reader: EventReader;
before(async () => {
  const loaded = await loadSigmaMappings();
  assert.ok(loaded.ok);
  rules = sigmaHqRules();
  index = buildLogsourceIndex(rules, loaded.value.logsources);
  reader = createEventReader(loaded.value.events);
});

test('every SigmaHQ Windows and Linux logsource maps, except the ones no Vigil source can serve', (t) => {
  const unmapped = new Map<string, number>();
  for (const { rule, reason } of index.unmapped) {
    const { product = '-', category = '-', service = '-' } = rule.meta.logsource;
    const key = `${reason} ${product}/${category}/${service}`;
    unmapped.set(key, (unmapped.get(key) ?? 0) + 1);
  }
  const windowsOrLinux = [...unmapped.keys()].filter((k) => / (windows|linux)\//.test(k)).sort();
  assert.deepEqual(windowsOrLinux, [
    'unknown_category windows/file_access/-',
    'unknown_category windows/file_rename/-',
    'unknown_service linux/-/auditd',
  ]);
  const lines = [...unmapped.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${k}`);
  t.diagnostic(`${rules.length} rules, ${index.indexed} indexed, ${index.unmapped.length} unmapped: ${lines.slice(0, 12).join('; ')} …`);
  assert.ok(index.indexed > 3000, `${index.indexed} indexed`);
});

test('with every SigmaHQ rule indexed, an attack-sample event is offered a small share of them', (t) => {
  const dir = sharedDataPath('evtx-attack-samples', 'jsonl');
  let events = 0;
  let offered = 0;
  let most = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      if (line === '') continue;
      const result = reader.readLine(line);
      assert.ok(result.ok);
      const count = index.candidates(result.value).length;
      events++;
      offered += count;
      most = Math.max(most, count);
    }
  }
  t.diagnostic(`${events} events: ${(offered / events).toFixed(1)} of ${index.indexed} indexed rules offered per event on average, ${most} at most`);
  // Sysmon process creations meet the 1,400-odd process_creation rules: half the corpus, by design of SigmaHQ.
  assert.ok(offered / events < index.indexed / 5, `${(offered / events).toFixed(1)} rules offered per event`);
  assert.ok(most < index.indexed * 0.6, `${most} rules offered to one event`);
});
