import { err, ok, type Result } from '../../../lib/result.js';
import type { AuthAction, EcsEvent, TimedEvent } from '../../../schema/event.js';
import { parseFailure, type ParseFailure, type ParseFailureReason } from '../parse-failure.js';
import { SyslogReader, type SyslogFramerOptions } from '../syslog/syslog-reader.js';
import { AuthFacts } from './auth-facts.js';
import { commonLineAction } from './common-lines.js';
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

/**
 * The hot-path view of the last line {@link LinuxAuthParser.scan} read: flat fields, reused for every
 * line, and the ECS event built only when asked for (most lines of a log — cron, sessions — are only
 * counted). Valid until the next `scan`.
 */
export interface ScannedLine {
  /** Epoch milliseconds. */
  readonly ts: number;
  readonly action: AuthAction;
  /** See {@link ParsedLine.understood}. */
  readonly understood: boolean;
  /**
   * The line's event would name something threat intel can match: an address, a domain-like host
   * name or an e-mail-like user name (see `related.*` in `buildAuthEvent`).
   */
  readonly hasObservables: boolean;
  /** Builds the line's ECS event (a new object each call). */
  event(): EcsEvent;
}

/** Parses the lines of one file, in order (the year inference and caches are per file). */
export interface LinuxAuthParser {
  /**
   * Parses one line (a trailing `\n` or `\r\n` is ignored). `lineNumber` (1-based) becomes
   * `event.sequence`, `byteOffset` (of the line's first byte in the file) becomes `log.offset`.
   * Never throws on input: a line that is not syslog is a {@link ParseFailure} value.
   */
  parse(line: string, lineNumber: number, byteOffset: number): Result<ParsedLine, ParseFailure>;
  /**
   * Like {@link parse}, without building the event: returns the reused {@link ScannedLine} view, or
   * undefined when the line is not syslog (then {@link lastFailure} says why).
   */
  scan(line: string, lineNumber: number, byteOffset: number): ScannedLine | undefined;
  /** Why the last `scan` returned undefined. */
  lastFailure(): ParseFailure;
  /**
   * The time and action of the line `text[start, end)` when it has one of the common shapes that
   * {@link commonLineAction} recognises in place (a reused view, valid until the next call), else
   * undefined: then `scan` the line. Either way the year tracking moves on as `scan` would move it.
   */
  scanCommon(text: string, start: number, end: number): CommonLine | undefined;
}

/** See {@link LinuxAuthParser.scanCommon}. */
export interface CommonLine {
  /** Epoch milliseconds. */
  readonly ts: number;
  readonly action: AuthAction;
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
  let original = '';
  let lineNumber = 0;
  let byteOffset = 0;
  let failure: ParseFailureReason = 'empty_line';
  const view = {
    ts: 0,
    action: 'syslog' as AuthAction,
    understood: false,
    hasObservables: false,
    event: (): EcsEvent => buildAuthEvent(original, reader, facts, filePath, lineNumber, byteOffset),
  };

  function scan(line: string, number: number, offset: number): ScannedLine | undefined {
    original = withoutNewline(line);
    lineNumber = number;
    byteOffset = offset;
    const reason = reader.read(original);
    if (reason !== undefined) {
      failure = reason;
      return undefined;
    }
    facts.reset();
    interpretMessage(reader.appname, reader.message, facts);
    view.ts = reader.ts;
    view.action = facts.action;
    view.understood = !isGenericAction(facts.action);
    view.hasObservables = namesObservable(reader.hostname, facts);
    return view;
  }

  const lastFailure = (): ParseFailure => parseFailure(failure, filePath, lineNumber, reader.failureIndex);

  function parse(line: string, number: number, offset: number): Result<ParsedLine, ParseFailure> {
    const scanned = scan(line, number, offset);
    if (scanned === undefined) return err(lastFailure());
    return ok({ ts: scanned.ts, event: scanned.event(), understood: scanned.understood });
  }

  const common = { ts: 0, action: 'syslog' as AuthAction };
  function scanCommon(text: string, start: number, end: number): CommonLine | undefined {
    const action = commonLineAction(reader, text, start, end);
    if (action === undefined) return undefined;
    common.ts = reader.ts;
    common.action = action;
    return common;
  }

  return { parse, scan, lastFailure, scanCommon };
}

function namesObservable(hostname: string, facts: AuthFacts): boolean {
  return (
    facts.sourceIp !== '' ||
    facts.sourceDomain !== '' ||
    hostname.includes('.') ||
    facts.userName.includes('@') ||
    facts.effectiveName.includes('@') ||
    facts.targetName.includes('@') ||
    facts.otherUser.includes('@')
  );
}

function withoutNewline(line: string): string {
  let end = line.length;
  if (end > 0 && line.charCodeAt(end - 1) === 10) end--;
  if (end > 0 && line.charCodeAt(end - 1) === 13) end--;
  return end === line.length ? line : line.slice(0, end);
}
