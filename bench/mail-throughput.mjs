#!/usr/bin/env node
// Messages per second of `vigil mail analyze` over the whole phishing_pot-dev corpus on one core
// (pinned with taskset when it exists), with JSON output to a sink and no store: the figure is
// parsing + every analyser + the classifier + NDJSON. Prints wall-clock and CPU-time rates: on a
// shared, loaded machine the CPU-time rate is the one that says what one free core would do.
// Usage: node bench/mail-throughput.mjs [--dir DIR] [--runs N]   (needs a build: npx tsc -p .)
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { dir: { type: 'string', default: resolve(root, '../shared/data/phishing/phishing_pot-dev') }, runs: { type: 'string', default: '1' } } });
const messages = readdirSync(values.dir).filter((f) => f.endsWith('.eml')).length;
// Reports the child's own CPU time when it exits.
const cpuProbe = "data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('CPU_US '+(u.user+u.system)+'\\n')})";
const args = ['--import', cpuProbe, resolve(root, 'bin/vigil.js'), 'mail', 'analyze', values.dir, '--json', '--no-store', '--no-progress'];
const pinned = existsSync('/usr/bin/taskset');
const command = pinned ? ['/usr/bin/taskset', ['-c', '0', process.execPath, ...args]] : [process.execPath, args];
console.log(`$ ${pinned ? 'taskset -c 0 ' : ''}node bin/vigil.js mail analyze ${values.dir} --json --no-store --no-progress > sink`);

for (let run = 1; run <= Number(values.runs); run++) {
  // The machine's load when the run starts: with more runnable processes than cores, wall time
  // stretches and even CPU time grows (shared caches), so compare runs made under similar load.
  const load = loadavg()[0].toFixed(2);
  const started = performance.now();
  const child = spawn(command[0], command[1], { stdio: ['ignore', 'pipe', 'pipe'] });
  let lines = 0;
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise((done) => child.on('close', done));
  const seconds = (performance.now() - started) / 1000;
  const cpu = Number(/CPU_US (\d+)/.exec(stderr)?.[1] ?? Number.NaN) / 1e6;
  if (code !== 0) {
    console.error(stderr);
    process.exit(1);
  }
  console.log(
    `run ${run}: ${lines}/${messages} messages, wall ${seconds.toFixed(2)} s = ${Math.round(lines / seconds)} msg/s; ` +
      `CPU ${cpu.toFixed(2)} s = ${Math.round(lines / cpu)} msg/s per CPU-second (${((cpu / lines) * 1000).toFixed(2)} CPU-ms/message); load average ${load}`,
  );
}
