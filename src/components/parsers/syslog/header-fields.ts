import { matchesAt } from '../text/scan.js';

/**
 * The header fields a reader found, written in place (one object per framer, reused for every line,
 * so the hot path allocates nothing until the frame itself). `stop` is where reading ended or failed.
 */
export class HeaderFields {
  hostname = '';
  appname = '';
  procid = '';
  pid: number | undefined = undefined;
  msgid: string | undefined = undefined;
  structuredData: string | undefined = undefined;
  messageStart = 0;
  stop = 0;
  /** The previous line's host and program names (kept across `reset`), reused when a line repeats them. */
  private lastHostname = '';
  private lastAppname = '';

  /** Sets `hostname` to `line[start, end)`, without a new string when it is the previous line's host. */
  setHostname(line: string, start: number, end: number): void {
    if (!sameText(line, start, end, this.lastHostname)) this.lastHostname = line.slice(start, end);
    this.hostname = this.lastHostname;
  }

  /** Sets `appname` to `line[start, end)`, without a new string when it is the previous line's program. */
  setAppname(line: string, start: number, end: number): void {
    if (!sameText(line, start, end, this.lastAppname)) this.lastAppname = line.slice(start, end);
    this.appname = this.lastAppname;
  }

  /** Forgets the previous line. */
  reset(): void {
    this.hostname = '';
    this.appname = '';
    this.procid = '';
    this.pid = undefined;
    this.msgid = undefined;
    this.structuredData = undefined;
    this.messageStart = 0;
    this.stop = 0;
  }
}

function sameText(line: string, start: number, end: number, text: string): boolean {
  return end - start === text.length && text.length > 0 && matchesAt(line, start, text);
}

/** Longest host name accepted (DNS limit). */
export const MAX_HOSTNAME = 255;
/** Longest program name accepted (RFC 5424 APP-NAME limit; RFC 3164 TAGs are shorter still). */
export const MAX_APPNAME = 48;
/** Longest process id accepted (RFC 5424 PROCID limit). */
export const MAX_PROCID = 128;
