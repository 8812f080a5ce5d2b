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

/** Longest host name accepted (DNS limit). */
export const MAX_HOSTNAME = 255;
/** Longest program name accepted (RFC 5424 APP-NAME limit; RFC 3164 TAGs are shorter still). */
export const MAX_APPNAME = 48;
/** Longest process id accepted (RFC 5424 PROCID limit). */
export const MAX_PROCID = 128;
