/**
 * Sigma strings: plain values with `*` (any run) and `?` (one character) wildcards, escaped with `\`
 * exactly as the specification and pySigma (`SigmaString.__init__`) do:
 * `\*` `\?` `\\` escape; a backslash before any other character stays a backslash; a trailing
 * backslash stays a backslash. So `C:\Windows\*.dll` ends in an escaped star (a literal `*.dll`),
 * while `C:\Windows\\*.dll` is `C:\Windows\` followed by a wildcard and `.dll`.
 */

/** One piece of a Sigma string. `set` is one character out of `chars` (windash); `ph` a placeholder. */
export type Tok =
  | { readonly t: 'lit'; readonly s: string }
  | { readonly t: 'star' }
  | { readonly t: 'one' }
  | { readonly t: 'set'; readonly chars: string }
  | { readonly t: 'ph'; readonly name: string };

const STAR: Tok = { t: 'star' };
const ONE: Tok = { t: 'one' };

/** Parses a Sigma string value into literal pieces and wildcards. */
export function parseSigmaString(s: string): Tok[] {
  const out: Tok[] = [];
  let acc = '';
  let escaped = false;
  for (const c of s) {
    if (escaped) {
      acc += c === '*' || c === '?' || c === '\\' ? c : '\\' + c;
      escaped = false;
    } else if (c === '\\') {
      escaped = true;
    } else if (c === '*' || c === '?') {
      if (acc !== '') out.push({ t: 'lit', s: acc });
      out.push(c === '*' ? STAR : ONE);
      acc = '';
    } else {
      acc += c;
    }
  }
  if (escaped) acc += '\\';
  if (acc !== '') out.push({ t: 'lit', s: acc });
  return out;
}

/** A literal string as tokens (no wildcard interpretation). */
export function literal(s: string): Tok[] {
  return s === '' ? [] : [{ t: 'lit', s }];
}

/** True when the string has anything but literal text. */
export function hasSpecial(tokens: readonly Tok[]): boolean {
  return tokens.some((tok) => tok.t !== 'lit');
}

/** The literal text of tokens that have no wildcards. */
export function literalText(tokens: readonly Tok[]): string {
  let s = '';
  for (const tok of tokens) if (tok.t === 'lit') s += tok.s;
  return s;
}

/** Adds a leading `*` (endswith, contains) unless there is one. */
export function withLeadingStar(tokens: readonly Tok[]): Tok[] {
  return tokens[0]?.t === 'star' ? [...tokens] : [STAR, ...tokens];
}

/** Adds a trailing `*` (startswith, contains) unless there is one. */
export function withTrailingStar(tokens: readonly Tok[]): Tok[] {
  return tokens[tokens.length - 1]?.t === 'star' ? [...tokens] : [...tokens, STAR];
}

/** Maps every literal piece, merging neighbouring literals afterwards. */
export function mapLiterals(tokens: readonly Tok[], fn: (s: string) => readonly Tok[]): Tok[] {
  const out: Tok[] = [];
  for (const tok of tokens) {
    if (tok.t === 'lit') for (const piece of fn(tok.s)) push(out, piece);
    else push(out, tok);
  }
  return out;
}

function push(out: Tok[], tok: Tok): void {
  const last = out[out.length - 1];
  if (tok.t === 'lit' && last?.t === 'lit') out[out.length - 1] = { t: 'lit', s: last.s + tok.s };
  else if (tok.t !== 'lit' || tok.s !== '') out.push(tok);
}

/** Lower-cases literal text and character sets (for case-insensitive matching). */
export function lowerTokens(tokens: readonly Tok[]): Tok[] {
  return tokens.map((tok) => (tok.t === 'lit' ? { t: 'lit', s: tok.s.toLowerCase() } : tok.t === 'set' ? { t: 'set', chars: tok.chars.toLowerCase() } : tok));
}

/** Writes tokens back in Sigma notation (escaping literal `*`, `?` and backslashes before them). */
export function displayTokens(tokens: readonly Tok[]): string {
  let s = '';
  for (const tok of tokens) {
    switch (tok.t) {
      case 'lit':
        s += tok.s.replace(/\\(?=[*?\\]|$)/g, '\\\\').replace(/[*?]/g, (m) => '\\' + m);
        break;
      case 'star':
        s += '*';
        break;
      case 'one':
        s += '?';
        break;
      case 'set':
        s += `[${tok.chars}]`;
        break;
      case 'ph':
        s += `%${tok.name}%`;
        break;
      default: {
        const never: never = tok;
        throw new Error(`unknown token ${JSON.stringify(never)}`);
      }
    }
  }
  return s;
}

/**
 * Finds `%name%` placeholders in literal pieces (pySigma `insert_placeholders`): a `%` escaped as
 * `\%` is a plain percent sign.
 */
export function insertPlaceholders(tokens: readonly Tok[]): Tok[] {
  return mapLiterals(tokens, (s) => {
    const out: Tok[] = [];
    let last = 0;
    for (const m of s.matchAll(/(?<!\\)%(\w+)%/g)) {
      const before = s.slice(last, m.index).replaceAll('\\%', '%');
      if (before !== '') out.push({ t: 'lit', s: before });
      out.push({ t: 'ph', name: m[1] ?? '' });
      last = m.index + m[0].length;
    }
    const rest = s.slice(last).replaceAll('\\%', '%');
    if (rest !== '') out.push({ t: 'lit', s: rest });
    return out;
  });
}
