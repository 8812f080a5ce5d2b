/** What an HTML (or SVG) attachment does once a browser opens it. */
export interface HtmlSignals {
  /** Indicators that the page rebuilds a file in the browser and hands it to the user. */
  readonly smuggling: readonly string[];
  readonly hasPasswordInput: boolean;
  /** Absolute http(s) form actions: where typed credentials would go. */
  readonly formActions: readonly string[];
  /** Targets of meta refresh and script redirects. */
  readonly redirects: readonly string[];
  /** Whether script posts data somewhere by itself (fetch, XMLHttpRequest, $.ajax). */
  readonly scriptPostsData: boolean;
  /** Every http(s) link found, in order of appearance. */
  readonly urls: readonly string[];
  /** The largest base64 payloads (decoded later to check what they carry). */
  readonly base64Payloads: readonly string[];
}

const SMUGGLING_MARKERS: readonly { readonly label: string; readonly pattern: RegExp }[] = [
  { label: 'msSaveOrOpenBlob', pattern: /msSaveOrOpenBlob|msSaveBlob/u },
  { label: 'new Blob', pattern: /new\s+Blob\s*\(/u },
  { label: 'URL.createObjectURL', pattern: /createObjectURL\s*\(/u },
  { label: 'download attribute', pattern: /\.download\s*=|\bdownload\s*=\s*["'][^"']{1,200}["']|setAttribute\s*\(\s*["']download["']/u },
  { label: 'atob', pattern: /\batob\s*\(/u },
  { label: 'String.fromCharCode', pattern: /fromCharCode\s*\(/u },
  { label: 'Uint8Array', pattern: /\bUint8Array\b/u },
  { label: 'click()', pattern: /\.click\s*\(\s*\)|dispatchEvent\s*\(/u },
  { label: 'data: download link', pattern: /data:application\/(?:octet-stream|zip|x-[a-z0-9-]{1,40})[;,]/iu },
];

const PASSWORD_INPUT = /<input\b[^>]{0,1000}?type\s*=\s*["']?password/iu;
const FORM_ACTION = /<form\b[^>]{0,1000}?\baction\s*=\s*["']?(https?:\/\/[^"'\s>]{1,2000})/giu;
const META_REFRESH = /<meta\b[^>]{0,1000}?http-equiv\s*=\s*["']?refresh["']?[^>]{0,1000}?content\s*=\s*["']?\s*\d{0,6}\s*[;,]?\s*(?:url\s*=\s*)?["']?([^"'\s>]{1,2000})/giu;
const SCRIPT_REDIRECT = /(?:window\.|document\.|top\.|self\.)?location(?:\.href)?\s*(?:=|\.replace\s*\(|\.assign\s*\()\s*["'`](https?:\/\/[^"'`\s]{1,2000})/giu;
const SCRIPT_POST = /\bfetch\s*\(|XMLHttpRequest|\$\.(?:ajax|post)\s*\(|navigator\.sendBeacon/u;
const URL_ANYWHERE = /https?:\/\/[^\s"'<>`)\\]{3,2000}/giu;

function isBase64Char(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2f;
}

/** Runs of base64 characters at least `minLength` long, found in one linear pass (no regex backtracking). */
export function longBase64Runs(text: string, minLength: number): string[] {
  const runs: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i += 1) {
    const inRun = i < text.length && isBase64Char(text.charCodeAt(i));
    if (inRun && start < 0) start = i;
    if (!inRun && start >= 0) {
      let end = i;
      while (end < text.length && end - i < 2 && text.charCodeAt(end) === 0x3d) end += 1;
      if (end - start >= minLength && runs.length < 50) runs.push(text.slice(start, end));
      start = -1;
    }
  }
  return runs;
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** Decodes the HTML entities that hide URLs in attributes (`&amp;`, numeric references). */
function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]{1,6});?/giu, (_, hex: string) => String.fromCodePoint(Math.min(0x10ffff, parseInt(hex, 16))))
    .replace(/&#(\d{1,7});?/gu, (_, dec: string) => String.fromCodePoint(Math.min(0x10ffff, parseInt(dec, 10))))
    .replace(/&amp;/giu, '&');
}

/**
 * Scans an HTML page as text. It does not build a DOM: these patterns are what smuggling kits and
 * phishing pages write, and a scan of bounded text costs time linear in its length.
 */
export function scanHtml(html: string): HtmlSignals {
  const smuggling = SMUGGLING_MARKERS.filter((m) => m.pattern.test(html)).map((m) => m.label);
  const base64Payloads = longBase64Runs(html, 1000).sort((a, b) => b.length - a.length).slice(0, 3);
  const formActions = unique(Array.from(html.matchAll(FORM_ACTION), (m) => decodeEntities(m[1] ?? '')));
  const redirects = unique([
    ...Array.from(html.matchAll(META_REFRESH), (m) => decodeEntities(m[1] ?? '')),
    ...Array.from(html.matchAll(SCRIPT_REDIRECT), (m) => m[1] ?? ''),
  ].filter((u) => u.length > 0));
  const urls = unique([
    ...formActions,
    ...redirects,
    ...Array.from(html.matchAll(URL_ANYWHERE), (m) => decodeEntities(m[0])),
  ]).slice(0, 500);
  return {
    smuggling,
    hasPasswordInput: PASSWORD_INPUT.test(html),
    formActions,
    redirects,
    scriptPostsData: SCRIPT_POST.test(html),
    urls,
    base64Payloads,
  };
}

/** Whether the markers add up to HTML smuggling: a payload built in script and a way to hand it over. */
export function looksLikeSmuggling(signals: HtmlSignals): boolean {
  const marks = new Set(signals.smuggling);
  const builds = marks.has('new Blob') || marks.has('URL.createObjectURL') || marks.has('msSaveOrOpenBlob') || marks.has('data: download link');
  const payload = marks.has('atob') || marks.has('String.fromCharCode') || marks.has('Uint8Array') || signals.base64Payloads.length > 0;
  const delivers = marks.has('msSaveOrOpenBlob') || marks.has('download attribute') || marks.has('click()') || marks.has('data: download link');
  return builds && payload && delivers;
}
