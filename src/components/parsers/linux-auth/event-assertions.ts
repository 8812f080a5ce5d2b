import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { ecsEventSchema, type EcsEvent } from '../../../schema/event.js';
import { createLinuxAuthParser, type LinuxAuthParserOptions, type ParsedLine } from './parser.js';

/**
 * Test support (no tests here): parse lines and check every event against the ECS schema and the
 * invariants every parser output must keep, so each test only states what is specific to it.
 */

/** Asserts the schema and the parser-wide invariants on `event`. */
export function assertValidEvent(event: EcsEvent): void {
  const checked = ecsEventSchema.safeParse(event);
  if (!checked.success) assert.fail(`invalid event: ${checked.error.message}\n${JSON.stringify(event)}`);
  const ip = event.source?.ip;
  if (ip !== undefined) assert.notEqual(isIP(ip), 0, `source.ip ${ip} is not an address`);
  for (const related of event.related?.ip ?? []) assert.notEqual(isIP(related), 0, `related.ip ${related}`);
  for (const list of [event.related?.user, event.related?.hosts, event.related?.ip]) {
    if (list !== undefined) assert.equal(new Set(list).size, list.length, `duplicates in ${JSON.stringify(list)}`);
  }
}

/** Parses lines in order with one parser (by default for year 2026) and returns the valid results. */
export function parseLines(lines: readonly string[], options: Omit<LinuxAuthParserOptions, 'filePath'> = { year: 2026 }): ParsedLine[] {
  const parser = createLinuxAuthParser({ filePath: '/var/log/auth.log', ...options });
  return lines.map((line, index) => {
    const result = parser.parse(line, index + 1, index * 100);
    if (!result.ok) assert.fail(`line ${index + 1} failed (${result.error.reason}): ${line}`);
    assertValidEvent(result.value.event);
    return result.value;
  });
}

/** The event of `message` logged by `program` (an RFC 3164 line on host `bastion`). */
export function eventOf(program: string, message: string): EcsEvent {
  const [parsed] = parseLines([`Nov  2 08:38:24 bastion ${program}: ${message}`]);
  return parsed!.event;
}

/** `event.action` of `message` logged by `program`. */
export function actionOf(program: string, message: string): string | undefined {
  return eventOf(program, message).event.action;
}
