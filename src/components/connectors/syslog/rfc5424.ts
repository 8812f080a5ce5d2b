/**
 * RFC 5424 message formatting, pure. Header fields are printable US-ASCII without spaces; MSG and
 * structured-data values have their control characters (CR and LF above all) replaced by `#ooo`
 * octal escapes, as rsyslog does on receipt, so one message can never turn into two.
 */

export const FACILITIES = {
  kern: 0, user: 1, mail: 2, daemon: 3, auth: 4, syslog: 5, lpr: 6, news: 7, uucp: 8, cron: 9, authpriv: 10, ftp: 11,
  local0: 16, local1: 17, local2: 18, local3: 19, local4: 20, local5: 21, local6: 22, local7: 23,
} as const;
export const SEVERITY_LEVELS = { emerg: 0, alert: 1, crit: 2, err: 3, warning: 4, notice: 5, info: 6, debug: 7 } as const;

export type Facility = keyof typeof FACILITIES;
export type SyslogSeverity = keyof typeof SEVERITY_LEVELS;

/** An SD-NAME (SD-ID or PARAM-NAME): 1 to 32 printable ASCII characters except `=`, space, `]` and `"`. */
export const SD_NAME = /^[!#-<>-\\^-~]{1,32}$/;

export interface SyslogMessage {
  readonly facility: Facility;
  readonly severity: SyslogSeverity;
  readonly timestampMs: number;
  readonly hostname: string;
  readonly appName: string;
  readonly procId?: string;
  readonly msgId?: string;
  /** SD-ID → PARAM-NAME → value; names must match {@link SD_NAME}. */
  readonly structuredData?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly message: string;
}

/** A header field: printable ASCII only, at most `max` characters, `-` (NILVALUE) when empty. */
export function headerField(value: string | undefined, max: number): string {
  if (value === undefined) return '-';
  let out = '';
  for (const ch of value) {
    const c = ch.charCodeAt(0);
    out += c >= 33 && c <= 126 && ch.length === 1 ? ch : '_';
    if (out.length >= max) break;
  }
  return out === '' ? '-' : out;
}

/** Replaces control characters (C0 and DEL) with `#` and three octal digits. */
export function neutralizeControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => `#${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
}

/** A PARAM-VALUE: `"`, `\` and `]` escaped with a backslash (RFC 5424 6.3.3), controls neutralised. */
export function escapeParamValue(value: string): string {
  return neutralizeControls(value).replace(/["\\\]]/g, (c) => `\\${c}`);
}

/** The STRUCTURED-DATA field; throws on a name that is not an SD-NAME (validate inputs first). */
export function formatStructuredData(sd: SyslogMessage['structuredData']): string {
  if (sd === undefined) return '-';
  let out = '';
  for (const [id, params] of Object.entries(sd)) {
    if (!SD_NAME.test(id)) throw new Error(`invalid SD-ID ${JSON.stringify(id)}`);
    out += `[${id}`;
    for (const [name, value] of Object.entries(params)) {
      if (!SD_NAME.test(name)) throw new Error(`invalid PARAM-NAME ${JSON.stringify(name)}`);
      out += ` ${name}="${escapeParamValue(value)}"`;
    }
    out += ']';
  }
  return out === '' ? '-' : out;
}

/** The whole message as one line of UTF-8, truncated to `maxBytes` on a character boundary. */
export function formatRfc5424(m: SyslogMessage, maxBytes: number): Buffer {
  const pri = FACILITIES[m.facility] * 8 + SEVERITY_LEVELS[m.severity];
  const head = `<${pri}>1 ${new Date(m.timestampMs).toISOString()} ${headerField(m.hostname, 255)} ${headerField(m.appName, 48)} ${headerField(m.procId, 128)} ${headerField(m.msgId, 32)} ${formatStructuredData(m.structuredData)}`;
  const msg = neutralizeControls(m.message);
  const full = Buffer.from(msg === '' ? head : `${head} ${msg}`, 'utf8');
  if (full.length <= maxBytes) return full;
  let end = maxBytes;
  // Back up to the start of a UTF-8 character (continuation bytes are 10xxxxxx).
  while (end > 0 && (full[end]! & 0xc0) === 0x80) end--;
  return full.subarray(0, end);
}

/** RFC 6587 octet-counting framing for TCP: `LENGTH SP MESSAGE`. */
export function frameOctetCounted(message: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${message.length} `, 'ascii'), message]);
}
