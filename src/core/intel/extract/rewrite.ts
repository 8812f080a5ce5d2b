import RE2 from 're2';
import type { RewriteRule } from './fang-rules.js';

/** Rewritten text and, for each of its characters, the span of the original text it came from. */
export interface MappedText {
  readonly text: string;
  /** start[i], end[i]: original offsets of output character i (a replacement maps to its whole match). */
  readonly start: Int32Array;
  readonly end: Int32Array;
}

type Part = string | number;

interface Compiled {
  readonly rule: RewriteRule;
  readonly re?: RE2;
  readonly parts: readonly Part[];
}

const cache = new WeakMap<readonly RewriteRule[], readonly Compiled[]>();

function compile(rules: readonly RewriteRule[]): readonly Compiled[] {
  let c = cache.get(rules);
  if (c === undefined) {
    // RE2: every rule runs in time linear in the text, whatever the text (the Python originals have
    // ` *[...]* *` runs that backtrack polynomially on long runs of spaces).
    c = rules.map((rule) => (rule.kind === 'regex' ? { rule, re: new RE2(rule.find, rule.caseSensitive ? 'g' : 'gi'), parts: parseReplacement(rule.replace) } : { rule, parts: [rule.replace] }));
    cache.set(rules, c);
  }
  return c;
}

/** `htt\1` → ['htt', 1]. */
function parseReplacement(r: string): Part[] {
  const parts: Part[] = [];
  const re = /\\([0-9])/g;
  let last = 0;
  for (let m = re.exec(r); m !== null; m = re.exec(r)) {
    if (m.index > last) parts.push(r.slice(last, m.index));
    parts.push(Number(m[1]));
    last = m.index + m[0].length;
  }
  if (last < r.length) parts.push(r.slice(last));
  return parts;
}

/**
 * Applies rewrite rules in order. `mode` chooses how a regex match is replaced: `fang` substitutes
 * the replacement (with `\1` groups, an unmatched group empty, as Python's `re.sub`); `defang`
 * replaces, inside the match, every occurrence of group 1 (or of the rule's text when the rule has
 * no group) — ioc-fanger's defang semantics. With `map`, the original span of every output
 * character is tracked, so positions found in the output point back into the input.
 */
export function rewrite(text: string, rules: readonly RewriteRule[], mode: 'fang' | 'defang', map: boolean): MappedText {
  let s = text;
  let start = map ? identity(text.length, 0) : EMPTY;
  let end = map ? identity(text.length, 1) : EMPTY;
  for (const c of compile(rules)) {
    const matches = findMatches(s, c);
    if (matches.length === 0) continue;
    const pieces: string[] = [];
    const nStart: number[] | undefined = map ? [] : undefined;
    const nEnd: number[] | undefined = map ? [] : undefined;
    let pos = 0;
    for (const m of matches) {
      if (m.start > pos) {
        pieces.push(s.slice(pos, m.start));
        if (nStart !== undefined && nEnd !== undefined) {
          for (let i = pos; i < m.start; i++) {
            nStart.push(start[i]!);
            nEnd.push(end[i]!);
          }
        }
      }
      const rep = replacement(c, m.groups, mode);
      pieces.push(rep);
      if (nStart !== undefined && nEnd !== undefined) {
        const a = start[m.start]!;
        const b = end[m.end - 1]!;
        for (let i = 0; i < rep.length; i++) {
          nStart.push(a);
          nEnd.push(b);
        }
      }
      pos = m.end;
    }
    if (pos < s.length) {
      pieces.push(s.slice(pos));
      if (nStart !== undefined && nEnd !== undefined) {
        for (let i = pos; i < s.length; i++) {
          nStart.push(start[i]!);
          nEnd.push(end[i]!);
        }
      }
    }
    s = pieces.join('');
    if (nStart !== undefined && nEnd !== undefined) {
      start = Int32Array.from(nStart);
      end = Int32Array.from(nEnd);
    }
  }
  return { text: s, start, end };
}

const EMPTY = new Int32Array(0);

function identity(n: number, plus: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i + plus;
  return a;
}

interface Match {
  readonly start: number;
  readonly end: number;
  readonly groups: readonly (string | undefined)[];
}

function findMatches(s: string, c: Compiled): Match[] {
  const out: Match[] = [];
  const rule = c.rule;
  if (rule.kind === 'literal') {
    for (let i = s.indexOf(rule.find); i !== -1; i = s.indexOf(rule.find, i + rule.find.length)) out.push({ start: i, end: i + rule.find.length, groups: [rule.find] });
    return out;
  }
  if (rule.kind === 'comma-quad') {
    // `(?:^|(?<=\s))d,d,d,d(?=\s|$)`: a whitespace-delimited token of four comma-separated 1–3 digit numbers.
    const token = /\S+/g;
    for (let m = token.exec(s); m !== null; m = token.exec(s)) {
      const g = /^([0-9]{1,3}),([0-9]{1,3}),([0-9]{1,3}),([0-9]{1,3})$/.exec(m[0]);
      if (g !== null) out.push({ start: m.index, end: m.index + m[0].length, groups: [...g] });
    }
    return out;
  }
  const re = c.re!;
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    if (m[0].length === 0) {
      re.lastIndex = m.index + 1;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length, groups: [...m] });
  }
  return out;
}

function replacement(c: Compiled, groups: readonly (string | undefined)[], mode: 'fang' | 'defang'): string {
  const whole = groups[0] ?? '';
  if (mode === 'defang' && c.rule.kind === 'regex') {
    const g1 = groups[1];
    const needle = groups.length > 1 && g1 !== undefined && g1 !== '' ? g1 : c.rule.find;
    return whole.split(needle).join(c.rule.replace);
  }
  if (c.rule.kind === 'comma-quad') return `${groups[1] ?? ''}.${groups[2] ?? ''}.${groups[3] ?? ''}.${groups[4] ?? ''}`;
  let out = '';
  for (const p of c.parts) out += typeof p === 'number' ? (groups[p] ?? '') : p;
  return out;
}
