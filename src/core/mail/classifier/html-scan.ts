/**
 * One linear pass over (hostile) HTML: the visible text, the links with their text, and the form
 * elements that matter for phishing. No regex, no DOM; input beyond `maxChars` is ignored, so the
 * cost is bounded whatever the message contains.
 */

/** A link as the reader sees it: where it points and the text shown for it. */
export interface HtmlAnchor {
  readonly href: string;
  readonly text: string;
}

export interface HtmlScan {
  readonly text: string;
  readonly anchors: readonly HtmlAnchor[];
  readonly forms: number;
  readonly passwordInputs: number;
  readonly images: number;
}

const SKIPPED_ELEMENTS = new Set(['script', 'style', 'head', 'title', 'noscript', 'template']);
const BLOCK_ELEMENTS = new Set(['br', 'p', 'div', 'tr', 'li', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'blockquote', 'td']);
const MAX_ANCHORS = 500;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', copy: '©', reg: '®', trade: '™',
  euro: '€', pound: '£', yen: '¥', cent: '¢', middot: '·', bull: '•', hellip: '…', mdash: '—', ndash: '–',
  laquo: '«', raquo: '»', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', zwnj: '', zwj: '', shy: '',
};

/** Decodes the HTML character references in `text` (named ones from a short list, all numeric ones). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const amp = text.indexOf('&', i);
    if (amp < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, amp);
    // Look for the ';' only within an entity's length, so '&&&&…' stays linear.
    const semi = text.slice(amp + 1, amp + 12).indexOf(';') + amp + 1;
    if (semi === amp) {
      out += '&';
      i = amp + 1;
      continue;
    }
    const name = text.slice(amp + 1, semi);
    let decoded: string | undefined;
    if (name.startsWith('#x') || name.startsWith('#X')) decoded = fromCodePoint(Number.parseInt(name.slice(2), 16));
    else if (name.startsWith('#')) decoded = fromCodePoint(Number.parseInt(name.slice(1), 10));
    else decoded = NAMED_ENTITIES[name.toLowerCase()];
    if (decoded === undefined) {
      out += '&';
      i = amp + 1;
    } else {
      out += decoded;
      i = semi + 1;
    }
  }
  return out;
}

function fromCodePoint(code: number): string | undefined {
  if (!Number.isInteger(code) || code < 0 || code > 0x10ffff) return undefined;
  return String.fromCodePoint(code);
}

interface Tag {
  readonly name: string;
  readonly closing: boolean;
  /** The first `href` and `type` attributes (entities decoded): the only ones the scan reads. */
  readonly href: string | undefined;
  readonly type: string | undefined;
  readonly end: number;
}

/** ' ', tab, LF, CR or form feed. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c;
}

/** A character of a tag name: ASCII letter, digit, ':' or '-'. */
function isNameChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x3a) || code === 0x2d;
}

/** Reads the tag starting at `start` (which holds '<'); undefined when it is not a tag. */
function readTag(html: string, start: number): Tag | undefined {
  const length = html.length;
  let i = start + 1;
  const closing = html.charCodeAt(i) === 0x2f;
  if (closing) i++;
  const nameStart = i;
  while (i < length && isNameChar(html.charCodeAt(i))) i++;
  if (i === nameStart) return undefined;
  const name = html.slice(nameStart, i).toLowerCase();
  let href: string | undefined;
  let type: string | undefined;
  while (i < length && html.charCodeAt(i) !== 0x3e) {
    const c = html.charCodeAt(i);
    if (isSpace(c) || c === 0x2f) {
      i++;
      continue;
    }
    const attrStart = i;
    for (let code = html.charCodeAt(i); i < length && !isSpace(code) && code !== 0x2f && code !== 0x3e && code !== 0x3d; code = html.charCodeAt(i)) i++;
    const attrEnd = i;
    while (i < length && isSpace(html.charCodeAt(i))) i++;
    let valueStart = i;
    let valueEnd = i;
    if (html.charCodeAt(i) === 0x3d) {
      i++;
      while (i < length && isSpace(html.charCodeAt(i))) i++;
      const quote = html.charCodeAt(i);
      if (quote === 0x22 || quote === 0x27) {
        const close = html.indexOf(html[i]!, i + 1);
        const stop = close < 0 ? length : close;
        valueStart = i + 1;
        valueEnd = stop;
        i = stop + 1;
      } else {
        valueStart = i;
        for (let code = html.charCodeAt(i); i < length && !isSpace(code) && code !== 0x3e; code = html.charCodeAt(i)) i++;
        valueEnd = i;
      }
    }
    const nameLength = attrEnd - attrStart;
    if (nameLength === 4 && (href === undefined || type === undefined)) {
      const attrName = html.slice(attrStart, attrEnd).toLowerCase();
      if (attrName === 'href' && href === undefined) href = decodeEntities(html.slice(valueStart, valueEnd));
      else if (attrName === 'type' && type === undefined) type = decodeEntities(html.slice(valueStart, valueEnd));
    }
    if (i === attrStart) i++;
  }
  return { name, closing, href, type, end: Math.min(i + 1, length) };
}

/** Scans `html` (at most `maxChars` of it) for its visible text, links and forms. */
export function scanHtml(html: string, maxChars = 1_000_000): HtmlScan {
  const source = html.length > maxChars ? html.slice(0, maxChars) : html;
  const chunks: string[] = [];
  const anchors: HtmlAnchor[] = [];
  let forms = 0;
  let passwordInputs = 0;
  let images = 0;
  let openAnchor: { href: string; text: string[] } | undefined;
  let i = 0;
  const emitText = (raw: string): void => {
    if (raw === '') return;
    const text = decodeEntities(raw);
    chunks.push(text);
    if (openAnchor !== undefined && openAnchor.text.length < 50) openAnchor.text.push(text);
  };
  const closeAnchor = (): void => {
    if (openAnchor === undefined) return;
    if (anchors.length < MAX_ANCHORS) anchors.push({ href: openAnchor.href.trim(), text: openAnchor.text.join(' ').replace(/\s+/g, ' ').trim() });
    openAnchor = undefined;
  };
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    if (lt < 0) {
      emitText(source.slice(i));
      break;
    }
    emitText(source.slice(i, lt));
    if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt + 4);
      i = end < 0 ? source.length : end + 3;
      continue;
    }
    if (source[lt + 1] === '!' || source[lt + 1] === '?') {
      const end = source.indexOf('>', lt);
      i = end < 0 ? source.length : end + 1;
      continue;
    }
    const tag = readTag(source, lt);
    if (tag === undefined) {
      emitText('<');
      i = lt + 1;
      continue;
    }
    i = tag.end;
    if (tag.closing) {
      if (tag.name === 'a') closeAnchor();
      if (BLOCK_ELEMENTS.has(tag.name)) chunks.push('\n');
      continue;
    }
    if (SKIPPED_ELEMENTS.has(tag.name)) {
      // The element's content is not shown: jump to its closing tag (case-insensitively).
      const close = indexOfCaseless(source, `</${tag.name}`, i);
      i = close < 0 ? source.length : close;
      continue;
    }
    switch (tag.name) {
      case 'a':
        closeAnchor();
        openAnchor = { href: tag.href ?? '', text: [] };
        break;
      case 'form':
        forms++;
        break;
      case 'input':
        if ((tag.type ?? '').toLowerCase() === 'password') passwordInputs++;
        break;
      case 'img':
        images++;
        break;
      default:
        if (BLOCK_ELEMENTS.has(tag.name)) chunks.push('\n');
    }
  }
  closeAnchor();
  return { text: chunks.join(' '), anchors, forms, passwordInputs, images };
}

function indexOfCaseless(haystack: string, needle: string, from: number): number {
  const lowerNeedle = needle.toLowerCase();
  let at = haystack.indexOf('</', from);
  while (at >= 0) {
    if (haystack.slice(at, at + lowerNeedle.length).toLowerCase() === lowerNeedle) return at;
    at = haystack.indexOf('</', at + 2);
  }
  return -1;
}
