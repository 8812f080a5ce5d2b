import { err, ok, type Result } from '../../../lib/result.js';
import type { FrameFailure, SyslogFrame } from './frame.js';
import { SyslogReader, type SyslogFramerOptions } from './syslog-reader.js';

export type { SyslogFramerOptions } from './syslog-reader.js';

/** Splits one line into a {@link SyslogFrame}. Stateful (year, caches): one framer per file, lines in order. */
export interface SyslogFramer {
  frame(line: string): Result<SyslogFrame, FrameFailure>;
}

/**
 * Creates a framer for RFC 3164 (`Nov  2 08:38:24 host app[pid]: msg`, optionally after `<PRI>`),
 * ISO-prefixed (`2026-11-02T08:38:24.123456+00:00 host app[pid]: msg`, rsyslog/journald) and RFC 5424
 * (`<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG`) lines. Anything else is a failure value, never an
 * exception. Trailing whitespace (CR of CRLF files included) is not part of the message.
 */
export function createSyslogFramer(options: SyslogFramerOptions = {}): SyslogFramer {
  const reader = new SyslogReader(options);
  return {
    frame(line: string): Result<SyslogFrame, FrameFailure> {
      const reason = reader.read(line);
      if (reason !== undefined) return err({ reason, index: reader.failureIndex });
      return ok({
        ts: reader.ts,
        timestamp: reader.timestamp,
        hostname: reader.hostname,
        appname: reader.appname,
        procid: reader.procid,
        pid: reader.pid,
        priority: reader.priority,
        version: reader.version,
        msgid: reader.msgid,
        structuredData: reader.structuredData,
        message: reader.message,
      });
    },
  };
}
