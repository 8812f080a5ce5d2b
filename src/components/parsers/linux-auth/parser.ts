import { err, ok, type Result } from '../../../lib/result.js';
import type { AuthAction, TimedEvent } from '../../../schema/event.js';
import { parseFailure, type ParseFailure } from '../parse-failure.js';
import { SyslogReader, type SyslogFramerOptions } from '../syslog/syslog-reader.js';
import { AuthFacts } from './auth-facts.js';
import { buildAuthEvent } from './build-event.js';
import { interpretMessage } from './interpret.js';

/** One input file's settings; see {@link SyslogFramerOptions} for the year and time-zone rules. */
export interface LinuxAuthParserOptions extends SyslogFramerOptions {
  /** Written to `log.file.path` and to failure locations. */
  readonly filePath: string;
}

/** A parsed line: its event and time, and whether a specific interpreter understood it. */
export interface ParsedLine extends TimedEvent {
  /**
   * False when the line was kept as a generic event (`event.action` `syslog` or `ssh_other`): framed,
   * but no interpreter knew the message. Callers count these as "lines not understood".
   */
  readonly understood: boolean;
}

/** Parses the lines of one file, in order (the year inference and caches are per file). */
export interface LinuxAuthParser {
  /**
   * Parses one line (a trailing `\n` or `\r\n` is ignored). `lineNumber` (1-based) becomes
   * `event.sequence`, `byteOffset` (of the line's first byte in the file) becomes `log.offset`.
   * Never throws on input: a line that is not syslog is a {@link ParseFailure} value.
   */
  parse(line: string, lineNumber: number, byteOffset: number): Result<ParsedLine, ParseFailure>;
}

/** True for the actions of lines kept without interpretation. */
export function isGenericAction(action: AuthAction): boolean {
  return action === 'syslog' || action === 'ssh_other';
}

/**
 * Creates the parser for Linux auth logs and syslog (`/var/log/auth.log`, `/var/log/secure`,
 * `/var/log/messages`, journald's `short-iso` export): OpenSSH, PAM, sudo, su, shadow-utils account
 * changes, systemd-logind and cron become specific ECS events; other lines become generic events.
 */
export function createLinuxAuthParser(options: LinuxAuthParserOptions): LinuxAuthParser {
  const reader = new SyslogReader(options);
  const facts = new AuthFacts();
  const filePath = options.filePath;

  function parse(line: string, lineNumber: number, byteOffset: number): Result<ParsedLine, ParseFailure> {
    const original = withoutNewline(line);
    const reason = reader.read(original);
    if (reason !== undefined) return err(parseFailure(reason, filePath, lineNumber, reader.failureIndex));
    facts.reset();
    interpretMessage(reader.appname, reader.message, facts);
    const event = buildAuthEvent(original, reader, facts, filePath, lineNumber, byteOffset);
    return ok({ ts: reader.ts, event, understood: !isGenericAction(facts.action) });
  }

  return { parse };
}

function withoutNewline(line: string): string {
  let end = line.length;
  if (end > 0 && line.charCodeAt(end - 1) === 10) end--;
  if (end > 0 && line.charCodeAt(end - 1) === 13) end--;
  return end === line.length ? line : line.slice(0, end);
}
