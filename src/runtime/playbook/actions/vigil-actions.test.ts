import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openSqliteDatabase } from '../../store/sqlite-database.js';
import { createActionRegistry } from '../action-registry.js';
import { PlaybookJournal } from '../journal-store.js';
import { PlaybookRunner } from '../runner.js';
import { compileForTest } from '../engine-testing.js';
import { memoryPorts } from './testing-ports.js';
import { vigilActions } from './vigil-actions.js';

test("Vigil's own actions enrich, open and extend cases, set status and add indicators through the ports", async () => {
  const ports = memoryPorts();
  ports.intel.indicators.push({ type: 'ip', value: '203.0.113.5', source: 'feodo', confidence: 90, tags: ['c2'] });
  const actions = createActionRegistry(vigilActions(ports));
  const runner = new PlaybookRunner({ journal: new PlaybookJournal(openSqliteDatabase(':memory:')), actions });
  const pb = compileForTest(
    `name: own
trigger: { type: alert_created }
steps:
  - id: enrich
    action: vigil.enrich_ip
    with: { ip: "\${{ alert.source.ip }}" }
  - id: case
    action: vigil.add_to_case
    with:
      title: "Brute force from \${{ alert.source.ip }}"
      severity: "\${{ alert.severity }}"
      alert_id: "\${{ alert.id }}"
      observables: [{ type: ip, value: "\${{ alert.source.ip }}" }]
  - id: ioc
    action: vigil.add_indicator
    if: steps.enrich.output.known
    with: { type: ip, value: "\${{ alert.source.ip }}", tags: "\${{ steps.enrich.output.tags }}" }
  - id: contain
    action: vigil.set_case_status
    if: steps.enrich.output.score >= 80
    with: { case_id: "\${{ steps.case.output.case_id }}", status: contained }
  - id: log
    action: vigil.log
    with: { message: "case \${{ steps.case.output.case_id }} created=\${{ steps.case.output.created }}" }
`,
    actions,
  );
  const alert = (id: string, ip: string) => ({ id, severity: 'high', source: { ip } });
  const a = await runner.start(pb, { type: 'alert_created', alert: alert('a1', '203.0.113.5') });
  const b = await runner.start(pb, { type: 'alert_created', alert: alert('a2', '203.0.113.5') });
  const c = await runner.start(pb, { type: 'alert_created', alert: alert('a3', '198.51.100.1') });
  for (const r of [a, b, c]) assert.equal(r.status, 'succeeded', r.error ?? '');
  assert.equal(ports.cases.cases.size, 2, 'the second alert extended the first case');
  assert.deepEqual(ports.cases.cases.get('case-1')!.alerts, ['a1', 'a2']);
  assert.equal(ports.cases.cases.get('case-1')!.status, 'contained');
  assert.equal(ports.cases.cases.get('case-2')!.status, 'new');
  assert.deepEqual(c.steps.map((s) => [s.stepId, s.status]), [['enrich', 'succeeded'], ['case', 'succeeded'], ['ioc', 'skipped'], ['contain', 'skipped'], ['log', 'succeeded']]);
  assert.equal((JSON.parse(b.steps[2]!.outputJson!) as { added: boolean }).added, false);
  assert.deepEqual((JSON.parse(a.steps[0]!.outputJson!) as { tags: string[] }).tags, ['c2']);
  const bad = await runner.start(pb, { type: 'alert_created', alert: alert('a4', 'not-an-ip; rm -rf /') });
  assert.equal(bad.status, 'failed');
  assert.match(bad.steps[0]!.error!, /ip: an IPv4 or IPv6 address/);
});
