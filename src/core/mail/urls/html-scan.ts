import { cssUrls } from './css-urls.js';
import { decodeEntities } from './html-entities.js';

/** A URL found in HTML: where it sits (`a[href]`) and, for links, the text the reader sees. */
export interface HtmlUrl {
  readonly url: string;
  readonly where: string;
  /** The link's visible text (entity-decoded, whitespace collapsed), for `<a>` and `<area>`. */
  text?: string;
}

/** A form in the HTML: where it posts and whether it asks for a password. */
export interface HtmlForm {
  readonly action: string | undefined;
  hasPassword: boolean;
  inputs: number;
}

/** What the scanner found. Arrays are bounded by `HtmlScanLimits`. */
export interface HtmlScan {
  readonly urls: HtmlUrl[];
  readonly forms: HtmlForm[];
  /** Targets of `<meta http-equiv="refresh">`. */
  readonly refreshes: string[];
  /** A password field outside any form. */
  passwordOutsideForm: boolean;
  /** The `<base href>`, when there is one. */
  base: string | undefined;
  /** Visible text that holds `://` (outside tags, scripts and styles), bounded, for URLs written as text. */
  text: string;
  /** True when the HTML was longer than `maxChars` and only its start was scanned. */
  truncated: boolean;
  /** URLs found beyond `maxUrls` and dropped. */
  droppedUrls: number;
}

/** Bounds of one scan. */
export interface HtmlScanLimits {
  readonly maxChars: number;
  readonly maxUrls: number;
  readonly maxTextChars: number;
}

/** Default bounds: the first 1 MiB characters, 2,000 URLs, 256 KiB of visible text. */
export const DEFAULT_HTML_SCAN_LIMITS: HtmlScanLimits = { maxChars: 1024 * 1024, maxUrls: 2_000, maxTextChars: 256 * 1024 };

const URL_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'src', 'action', 'formaction', 'poster', 'background', 'longdesc', 'lowsrc', 'dynsrc', 'xlink:href', 'cite', 'ping']);
const RAW_TEXT: ReadonlySet<string> = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noembed', 'noframes', 'iframe', 'plaintext']);
const MAX_ATTRIBUTES = 64;
const MAX_ATTRIBUTE_CHARS = 64 * 1024;
const MAX_LINK_TEXT = 300;
const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();

/**
 * Scans HTML for URLs, forms and refreshes with a forward-only tokenizer (no DOM, no regular
 * expressions): comments, doctypes and processing instructions are skipped, raw-text elements
 * (script, style …) are jumped over to their end tag, attributes are read quoted or not and
 * entity-decoded. Every step advances, so the scan is linear in the scanned length; malformed HTML
 * (unclosed quotes, stray `<`) ends or skips a token, as a browser would roughly read it.
 */
export function scanHtml(html: string, limits: HtmlScanLimits = DEFAULT_HTML_SCAN_LIMITS): HtmlScan {
  const truncated = html.length > limits.maxChars;
  const s = truncated ? html.slice(0, limits.maxChars) : html;
  const n = s.length;
  const scan: HtmlScan = { urls: [], forms: [], refreshes: [], passwordOutsideForm: false, base: undefined, text: '', truncated, droppedUrls: 0 };
  let anchor: HtmlUrl | undefined;
  let anchorText = '';
  let form: HtmlForm | undefined;
  const closeAnchor = (): void => {
    if (anchor !== undefined) anchor.text = collapse(decodeEntities(anchorText));
    anchor = undefined;
    anchorText = '';
  };
  const addUrl = (url: string, where: string): HtmlUrl | undefined => {
    if (url === '') return undefined;
    if (scan.urls.length >= limits.maxUrls) {
      scan.droppedUrls++;
      return undefined;
    }
    const u: HtmlUrl = { url, where };
    scan.urls.push(u);
    return u;
  };
  const onText = (from: number, to: number): void => {
    if (to <= from) return;
    if (anchor !== undefined && anchorText.length < MAX_LINK_TEXT) anchorText += s.slice(from, Math.min(to, from + MAX_LINK_TEXT - anchorText.length));
    // Only text that can hold a URL (`scheme://`) is kept for the URL scanner.
    if (scan.text.length < limits.maxTextChars) {
      const colon = s.indexOf('://', from);
      if (colon !== -1 && colon < to) scan.text += ` ${s.slice(from, Math.min(to, from + limits.maxTextChars - scan.text.length))}`;
    }
  };

  let i = 0;
  while (i < n) {
    const lt = s.indexOf('<', i);
    if (lt === -1) {
      onText(i, n);
      break;
    }
    onText(i, lt);
    const c = s.charCodeAt(lt + 1);
    if (c === 33 /* ! */) {
      if (s.startsWith('!--', lt + 1)) {
        const end = s.indexOf('-->', lt + 4);
        i = end === -1 ? n : end + 3;
      } else {
        const end = s.indexOf('>', lt + 2);
        i = end === -1 ? n : end + 1;
      }
      continue;
    }
    if (c === 63 /* ? */) {
      const end = s.indexOf('>', lt + 2);
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (c === 47 /* / */) {
      const nameEnd = tagNameEnd(s, lt + 2);
      const name = s.slice(lt + 2, nameEnd).toLowerCase();
      if (name === 'a' || name === 'area') closeAnchor();
      else if (name === 'form') form = undefined;
      const end = s.indexOf('>', nameEnd);
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (!isAsciiLetter(c)) {
      onText(lt, lt + 1);
      i = lt + 1;
      continue;
    }
    const nameEnd = tagNameEnd(s, lt + 1);
    const tag = s.slice(lt + 1, nameEnd).toLowerCase();
    const tagData = readAttributes(s, nameEnd);
    i = tagData.end;
    const attrs = tagData.attributes;

    if (tag === 'a' || tag === 'area') closeAnchor();
    if (tag === 'base') {
      const href = attrs.get('href');
      if (href !== undefined && scan.base === undefined) scan.base = href.trim();
    }
    for (const [name, value] of attrs) {
      if (URL_ATTRIBUTES.has(name) && tag !== 'base') {
        const u = addUrl(value.trim(), `${tag}[${name}]`);
        if (u !== undefined && name === 'href' && (tag === 'a' || tag === 'area')) {
          anchor = u;
          if (tag === 'area') anchorText = attrs.get('alt') ?? '';
        }
      } else if (name === 'data' && tag === 'object') addUrl(value.trim(), 'object[data]');
      else if (name === 'srcset' || name === 'imagesrcset') for (const u of srcsetUrls(value)) addUrl(u, `${tag}[${name}]`);
      else if (name === 'style') styleUrls(value, `${tag}[style]`, addUrl);
    }
    if (tag === 'meta' && attrs.get('http-equiv')?.trim().toLowerCase() === 'refresh') {
      const target = refreshTarget(attrs.get('content') ?? '');
      if (target !== undefined) {
        scan.refreshes.push(target);
        addUrl(target, 'meta[refresh]');
      }
    }
    if (tag === 'form') form = openForm(scan, attrs.get('action'));
    if (tag === 'input') {
      const type = (attrs.get('type') ?? 'text').trim().toLowerCase();
      const name = (attrs.get('name') ?? attrs.get('id') ?? '').toLowerCase();
      const password = type === 'password' || ((type === 'text' || type === '') && (name.includes('passw') || name === 'pwd' || name === 'pass'));
      if (form !== undefined) {
        form.inputs++;
        if (password) form.hasPassword = true;
      } else if (password) scan.passwordOutsideForm = true;
    }
    if (RAW_TEXT.has(tag) && !tagData.selfClosing) {
      const close = findEndTag(s, i, tag);
      if (tag === 'style') styleUrls(s.slice(i, Math.min(close, i + MAX_ATTRIBUTE_CHARS * 4)), 'style', addUrl);
      if (tag === 'title' || tag === 'textarea') onText(i, close);
      const end = close >= n ? n : s.indexOf('>', close);
      i = end === -1 ? n : end + 1;
    }
  }
  closeAnchor();
  return scan;
}

function openForm(scan: HtmlScan, action: string | undefined): HtmlForm {
  const f: HtmlForm = { action: action?.trim(), hasPassword: false, inputs: 0 };
  if (scan.forms.length < 100) scan.forms.push(f);
  return f;
}

function styleUrls(css: string, where: string, add: (url: string, where: string) => unknown): void {
  const found: string[] = [];
  cssUrls(css, found, 100);
  for (const u of found) add(u, where);
}

/** The URLs of a `srcset` (`a.png 1x, b.png 2x`): the first token of each comma-separated candidate. */
export function srcsetUrls(srcset: string): string[] {
  const out: string[] = [];
  for (const part of srcset.split(',', 50)) {
    const t = part.trim();
    const sp = t.search(/\s/);
    const u = sp === -1 ? t : t.slice(0, sp);
    if (u !== '') out.push(u);
  }
  return out;
}

/** The URL of a refresh's content (`0; url='https://…'`), when it has one. */
export function refreshTarget(content: string): string | undefined {
  const semi = content.search(/[;,]/);
  if (semi === -1) return undefined;
  let rest = content.slice(semi + 1).trim();
  if (rest.slice(0, 3).toLowerCase() === 'url') {
    const eq = rest.indexOf('=');
    if (eq !== -1) rest = rest.slice(eq + 1).trim();
  }
  if (rest.length >= 2 && (rest[0] === '"' || rest[0] === "'")) {
    const close = rest.indexOf(rest[0], 1);
    rest = close === -1 ? rest.slice(1) : rest.slice(1, close);
  }
  rest = rest.trim();
  return rest === '' ? undefined : rest;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

function tagNameEnd(s: string, from: number): number {
  let j = from;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (isSpace(c) || c === 47 || c === 62) break;
    j++;
  }
  return j;
}

/** Reads attributes from `from` to the tag's `>`; returns them (names lower-cased, values decoded) and the index after `>`. */
function readAttributes(s: string, from: number): { attributes: ReadonlyMap<string, string>; end: number; selfClosing: boolean } {
  let attributes: Map<string, string> | undefined;
  const n = s.length;
  let j = from;
  let selfClosing = false;
  while (j < n) {
    let c = s.charCodeAt(j);
    if (c === 62) return { attributes: attributes ?? NO_ATTRIBUTES, end: j + 1, selfClosing };
    if (isSpace(c)) {
      j++;
      continue;
    }
    if (c === 47) {
      selfClosing = s.charCodeAt(j + 1) === 62;
      j++;
      continue;
    }
    const nameStart = j;
    j++;
    while (j < n) {
      c = s.charCodeAt(j);
      if (isSpace(c) || c === 47 || c === 62 || c === 61) break;
      j++;
    }
    const name = s.slice(nameStart, j).toLowerCase();
    while (j < n && isSpace(s.charCodeAt(j))) j++;
    let value = '';
    if (s.charCodeAt(j) === 61) {
      j++;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      const q = s.charCodeAt(j);
      if (q === 34 || q === 39) {
        const close = s.indexOf(q === 34 ? '"' : "'", j + 1);
        const stop = close === -1 ? n : close;
        value = s.slice(j + 1, Math.min(stop, j + 1 + MAX_ATTRIBUTE_CHARS));
        j = close === -1 ? n : close + 1;
      } else {
        const start = j;
        while (j < n) {
          c = s.charCodeAt(j);
          if (isSpace(c) || c === 62) break;
          j++;
        }
        value = s.slice(start, Math.min(j, start + MAX_ATTRIBUTE_CHARS));
      }
    }
    attributes ??= new Map();
    if (attributes.size < MAX_ATTRIBUTES && !attributes.has(name)) attributes.set(name, decodeEntities(value));
  }
  return { attributes: attributes ?? NO_ATTRIBUTES, end: n, selfClosing };
}

/** The index of `</tag` (any case) at or after `from`, or `s.length`. */
function findEndTag(s: string, from: number, tag: string): number {
  let k = from;
  for (;;) {
    const at = s.indexOf('</', k);
    if (at === -1) return s.length;
    if (s.slice(at + 2, at + 2 + tag.length).toLowerCase() === tag) {
      const after = s.charCodeAt(at + 2 + tag.length);
      if (Number.isNaN(after) || isSpace(after) || after === 62 || after === 47) return at;
    }
    k = at + 2;
  }
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
