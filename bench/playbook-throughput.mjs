#!/usr/bin/env node
// Playbook engine throughput: runs per second of a 5-step playbook whose first step is a real HTTP
// call (`http.request`, the connector) to a node:http server on 127.0.0.1, with every run and step
// attempt journaled in a SQLite file (WAL), as in production. Also the added latency from handing
// the runner an alert to the first action's request arriving at the server.
//   node bench/playbook-throughput.mjs [--runs N] [--parallel P]     (after `npx tsc -p .`)
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3000' }, parallel: { type: 'string', default: '16' } } });
const RUNS = Number(values.runs);
const PARALLEL = Number(values.parallel);
const dist = new URL('../dist/', import.meta.url);
const { openSqliteDatabase } = await import(new URL('runtime/store/sqlite-database.js', dist).href);
const { PlaybookJournal, PlaybookRunner, createActionRegistry, vigilActions } = await import(new URL('runtime/playbook/index.js', dist).href);
const { memoryPorts } = await import(new URL('runtime/playbook/actions/testing-ports.js', dist).href);
const { connectorActions } = await import(new URL('components/connectors/index.js', dist).href);
const { parsePlaybook, compilePlaybook } = await import(new URL('core/playbook/index.js', dist).href);

let arrivals = new Map();
const server = createServer((req, res) => {
  const id = req.headers['x-run'];
  if (typeof id === 'string' && !arrivals.has(id)) arrivals.set(id, performance.now());
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"score":80}'));
});
server.keepAliveTimeout = 60_000;
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/enrich`;

const ports = memoryPorts();
const registry = createActionRegistry(connectorActions(), vigilActions(ports));
const text = `name: bench
trigger: { type: alert_created }
steps:
  - id: enrich
    action: http.request
    with: { url: "${url}", headers: { x-run: "\${{ alert.id }}" }, json: { ip: "\${{ alert.source.ip }}" } }
  - id: note
    action: vigil.log
    with: { message: "score \${{ steps.enrich.output.json.score }} for \${{ alert.source.ip }}" }
  - id: lookup
    action: vigil.lookup_indicator
    with: { type: ip, value: "\${{ alert.source.ip }}" }
  - id: high
    action: vigil.log
    if: steps.enrich.output.json.score > 50 and not steps.lookup.output.found
    with: { message: "high score", fields: { ip: "\${{ alert.source.ip }}" } }
  - id: done
    action: vigil.log
    with: { message: "done \${{ alert.id }}" }
`;
const parsed = parsePlaybook(text, 'bench.yml');
const compiled = compilePlaybook(parsed.value, registry.lookup);
if (!compiled.ok) throw new Error(JSON.stringify(compiled.error));
const pb = compiled.value;

const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-pb-'));
const db = openSqliteDatabase(join(dir, 'vigil.db'));
const runner = new PlaybookRunner({ journal: new PlaybookJournal(db), actions: registry });
const alert = (i) => ({ id: `a${i}`, source: { ip: `198.51.100.${i % 250}` }, related: { ip: [], user: [], hosts: [] } });

async function pass(label, n, parallel) {
  arrivals = new Map();
  const handed = new Map();
  let next = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < n) {
        const i = next++;
        handed.set(`a${i}`, performance.now());
        const r = await runner.start(pb, { type: 'alert_created', alert: alert(i) });
        if (r.status !== 'succeeded') failed++;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  const lat = [...handed].map(([id, t]) => arrivals.get(id) - t).sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))].toFixed(2);
  console.log(`${label}: ${n} runs in ${secs.toFixed(2)} s = ${(n / secs).toFixed(0)} runs/s (${failed} failed); alert → first action p50 ${q(0.5)} ms, p99 ${q(0.99)} ms`);
}

await pass('warm-up', 300, PARALLEL);
await pass('sequential (1 run at a time)', Math.min(RUNS, 1000), 1);
await pass(`concurrent (${PARALLEL} runs in flight)`, RUNS, PARALLEL);
const steps = db.prepare('SELECT COUNT(*) AS n FROM playbook_steps').get().n;
const attempts = db.prepare('SELECT COUNT(*) AS n FROM playbook_attempts').get().n;
console.log(`journal: ${steps} step records, ${attempts} attempts, in ${join(dir, 'vigil.db')} (WAL, synchronous=NORMAL)`);
db.close();
server.close();
rmSync(dir, { recursive: true, force: true });
