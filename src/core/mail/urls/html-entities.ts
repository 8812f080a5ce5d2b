/** Named character references that matter for URLs and link text (the rest are kept as written). */
const NAMED: ReadonlyMap<string, string> = new Map([
  ['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"], ['nbsp', ' '], ['colon', ':'], ['sol', '/'], ['bsol', '\\'],
  ['period', '.'], ['commat', '@'], ['lpar', '('], ['rpar', ')'], ['quest', '?'], ['equals', '='], ['num', '#'], ['percnt', '%'],
  ['newline', '\n'], ['tab', '\t'], ['shy', ''], ['zwj', ''], ['zwnj', ''], ['lrm', ''], ['rlm', ''], ['ndash', '–'], ['mdash', '—'],
]);

/**
 * Decodes HTML character references (`&amp;`, `&#58;`, `&#x3a;`, `&colon;`) in one pass. Unknown
 * names stay as written; a code point beyond Unicode becomes U+FFFD. Linear in `s`.
 */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const amp = s.indexOf('&', i);
    if (amp === -1) {
      out += s.slice(i);
      break;
    }
    out += s.slice(i, amp);
    let j = amp + 1;
    const limit = Math.min(s.length, amp + 34);
    while (j < limit && isRefChar(s.charCodeAt(j))) j++;
    const body = s.slice(amp + 1, j);
    const hasSemi = j < s.length && s.charCodeAt(j) === 59;
    // In attributes a reference without `;` before `=` is literal (`?a=1&lt=2`), as browsers read it.
    const decoded = !hasSemi && j < s.length && s.charCodeAt(j) === 61 ? undefined : decodeReference(body);
    if (decoded === undefined) {
      out += '&';
      i = amp + 1;
      continue;
    }
    out += decoded;
    i = hasSemi ? j + 1 : j;
  }
  return out;
}

function isRefChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 35;
}

function decodeReference(body: string): string | undefined {
  if (body.length === 0) return undefined;
  if (body.charCodeAt(0) === 35) {
    const hex = body.length > 1 && (body[1] === 'x' || body[1] === 'X');
    const digits = body.slice(hex ? 2 : 1);
    if (digits === '' || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return undefined;
    const cp = digits.length > 8 ? 0x110000 : parseInt(digits, hex ? 16 : 10);
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
    return String.fromCodePoint(cp);
  }
  return NAMED.get(body.toLowerCase());
}
