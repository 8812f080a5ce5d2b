import { inflateBounded } from './bounded-inflate.js';

/** What a PDF can do when opened, read from its raw objects (and its inflated streams, within a budget). */
export interface PdfSignals {
  readonly javaScript: boolean;
  readonly openAction: boolean;
  readonly launch: boolean;
  readonly embeddedFile: boolean;
  readonly submitForm: boolean;
  readonly uris: readonly string[];
  /** Bytes inflated from streams, charged to the message budget by the caller. */
  readonly inflatedBytes: number;
}

const LATIN1 = new TextDecoder('latin1');
const URI = /\/URI\s*\(((?:[^()\\]|\\.){1,2000})\)/gu;
/** Object streams (PDF 1.5+) hold the objects, and so the actions and links, that a raw scan cannot see. */
const OBJECT_STREAM = /\/Type\s*\/ObjStm\b[^]{0,400}?stream\r?\n/gu;

/** Undoes `#xx` escapes inside PDF names (`/J#61vaScript` is `/JavaScript`). */
function normaliseNames(text: string): string {
  return text.replace(/#([0-9a-f]{2})/giu, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** FlateDecode data is zlib-wrapped (RFC 1950): skip the two-byte header to reach the raw DEFLATE data. */
function withoutZlibHeader(data: Uint8Array): Uint8Array {
  if (data.length >= 2 && (data[0]! & 0x0f) === 8 && ((data[0]! << 8) | data[1]!) % 31 === 0) return data.subarray(2);
  return data;
}

function unescapePdfString(value: string): string {
  return value.replace(/\\([()\\])/gu, '$1');
}

function signalsOf(text: string, uris: Set<string>): { javaScript: boolean; openAction: boolean; launch: boolean; embeddedFile: boolean; submitForm: boolean } {
  for (const match of text.matchAll(URI)) {
    if (uris.size >= 200) break;
    uris.add(unescapePdfString(match[1] ?? ''));
  }
  return {
    javaScript: /\/(?:JavaScript|JS)\b/u.test(text),
    openAction: /\/(?:OpenAction|AA)\b/u.test(text),
    launch: /\/Launch\b/u.test(text),
    embeddedFile: /\/EmbeddedFiles?\b/u.test(text),
    submitForm: /\/SubmitForm\b/u.test(text),
  };
}

/**
 * Scans at most `maxScanBytes` of a PDF as text, then inflates its object streams (which hide
 * actions and links; page content and images are skipped) until `inflateBudget` bytes have come out.
 */
export function scanPdf(bytes: Uint8Array, maxScanBytes: number, inflateBudget: number): PdfSignals {
  const raw = LATIN1.decode(bytes.subarray(0, maxScanBytes));
  const uris = new Set<string>();
  const found = signalsOf(normaliseNames(raw), uris);
  let inflated = 0;
  for (const match of raw.matchAll(OBJECT_STREAM)) {
    if (inflated >= inflateBudget) break;
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const out = inflateBounded(withoutZlibHeader(bytes.subarray(start, end)), Math.min(1024 * 1024, inflateBudget - inflated));
    inflated += out.bytes.length;
    if (out.bytes.length === 0) continue;
    const more = signalsOf(normaliseNames(LATIN1.decode(out.bytes)), uris);
    found.javaScript ||= more.javaScript;
    found.openAction ||= more.openAction;
    found.launch ||= more.launch;
    found.embeddedFile ||= more.embeddedFile;
    found.submitForm ||= more.submitForm;
  }
  return { ...found, uris: [...uris], inflatedBytes: inflated };
}
