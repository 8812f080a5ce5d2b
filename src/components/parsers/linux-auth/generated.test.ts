import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assertValidEvent } from './event-assertions.js';
import { createLinuxAuthParser, type ParsedLine } from './parser.js';

/** The shared labelled auth.log generator (beside the checkout, like the shared data). */
const GENERATOR = resolve(process.cwd(), '..', 'shared', 'tools', 'authlog-gen.mjs');

interface Incident {
  readonly kind: string;
  readonly src_ips: readonly string[];
  readonly users: readonly string[];
}

function generate(format: 'rfc3164' | 'iso'): { lines: string[]; incidents: Incident[] } {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-authlog-'));
  try {
    const out = join(dir, 'auth.log');
    execFileSync(process.execPath, [GENERATOR, '--out', out, '--seed', '1', '--days', '2', '--format', format], { stdio: 'pipe' });
    const lines = readFileSync(out, 'utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    const incidents = readFileSync(`${out}.labels.jsonl`, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Incident);
    return { lines, incidents };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseAll(lines: readonly string[]): ParsedLine[] {
  // The generator starts on 2026-11-02; its files would have been written shortly after.
  const parser = createLinuxAuthParser({ filePath: 'auth.log', referenceTime: Date.UTC(2026, 10, 5) });
  return lines.map((line, index) => {
    const result = parser.parse(line, index + 1, 0);
    if (!result.ok) assert.fail(`line ${index + 1} ${result.error.reason}: ${line}`);
    assertValidEvent(result.value.event);
    return result.value;
  });
}

for (const format of ['rfc3164', 'iso'] as const) {
  test(`generated auth.log (${format}): every line understood, attacks visible`, () => {
    const { lines, incidents } = generate(format);
    const parsed = parseAll(lines);
    const notUnderstood = parsed.filter((p) => !p.understood).map((p) => p.event.event.original);
    assert.deepEqual(notUnderstood, []);

    const count = (predicate: (p: ParsedLine) => boolean): number => parsed.filter(predicate).length;
    const grep = (text: string): number => lines.filter((line) => line.includes(text)).length;
    assert.equal(count((p) => p.event.event.action === 'ssh_login' && p.event.event.outcome === 'failure'), grep('Failed password for '));
    assert.equal(count((p) => p.event.event.action === 'ssh_login' && p.event.event.outcome === 'success'), grep(': Accepted '));
    assert.equal(count((p) => p.event.event.action === 'ssh_invalid_user'), grep(': Invalid user '));
    assert.equal(count((p) => p.event.event.action === 'sudo_refused'), grep('NOT in sudoers'));

    // Times never go backwards (the generator writes in order) and stay in November 2026.
    assert.ok(parsed.every((p, i) => i === 0 || p.ts >= parsed[i - 1]!.ts));
    assert.ok(parsed.every((p) => p.event['@timestamp'].startsWith('2026-11-')));

    const brute = incidents.find((incident) => incident.kind === 'brute_force')!;
    const fromAttacker = parsed.filter((p) => p.event.source?.ip === brute.src_ips[0] && p.event.event.action === 'ssh_login');
    assert.ok(fromAttacker.length >= 300 && fromAttacker.every((p) => p.event.user?.name === brute.users[0]));
    const backdoor = incidents.find((incident) => incident.kind === 'backdoor_account')!;
    const created = parsed.find((p) => p.event.event.action === 'user_created');
    assert.ok(created !== undefined && backdoor.users.includes(created.event.user?.target?.name ?? ''));
  });
}
