import type { RegexFlags } from './regex.js';

/**
 * Texts one of which every string a regular expression matches must contain, lower-cased, for the
 * rule index's literal prefilter (`literal-hints.ts`); undefined when none can be relied on.
 *
 * Conservative by construction: only runs of plain ASCII characters outside groups, classes and
 * optional quantifiers count; top-level alternatives each need one. Under case-insensitive
 * matching RE2 folds `s` with `ſ` (U+017F), which `toLowerCase` leaves alone, so such runs are
 * cut at `s`. Anything the scanner does not understand ends the current run, never adds to it.
 */
export function regexLiterals(source: string, flags: RegexFlags, minLength: number): string[] | undefined {
  // `\Q…\E` quotes metacharacters; rare enough in rules to give up on rather than parse.
  if (source.includes('\\Q')) return undefined;
  let pattern = source;
  const inline = /^\(\?[a-zA-Z]+\)/.exec(pattern);
  if (inline !== null) pattern = pattern.slice(inline[0].length);
  const foldsS = flags.i || /\(\?[a-zA-Z]*i/.test(source);
  const branches = topLevelBranches(pattern);
  if (branches === undefined) return undefined;
  const literals: string[] = [];
  for (const branch of branches) {
    const longest = longestRun(branch, foldsS);
    if (longest === undefined || longest.length < minLength) return undefined;
    literals.push(longest.toLowerCase());
  }
  return literals;
}

/** `a|b|c` at depth 0, split; undefined when brackets do not balance. */
function topLevelBranches(pattern: string): string[] | undefined {
  const branches: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '[') {
      const end = classEnd(pattern, i);
      if (end < 0) return undefined;
      i = end;
    } else if (c === '(') depth++;
    else if (c === ')') {
      if (--depth < 0) return undefined;
    } else if (c === '|' && depth === 0) {
      branches.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) return undefined;
  branches.push(pattern.slice(start));
  return branches;
}

/** The longest run of required literal characters in an alternation-free branch. */
function longestRun(branch: string, foldsS: boolean): string | undefined {
  let best = '';
  let run = '';
  const end = (): void => {
    if (run.length > best.length) best = run;
    run = '';
  };
  let i = 0;
  while (i < branch.length) {
    const c = branch[i]!;
    let literal: string | undefined;
    let next = i + 1;
    if (c === '\\') {
      const e = branch[i + 1];
      if (e === undefined) return undefined;
      next = escapeEnd(branch, i + 1);
      if (!/[A-Za-z0-9]/.test(e)) literal = e;
    } else if (c === '[') {
      const close = classEnd(branch, i);
      if (close < 0) return undefined;
      next = close + 1;
    } else if (c === '(') {
      const close = groupEnd(branch, i);
      if (close < 0) return undefined;
      next = close + 1;
    } else if (!'.^$|)*+?{}'.includes(c)) literal = c;
    const quantifier = quantifierAt(branch, next);
    if (literal === undefined || literal.charCodeAt(0) > 0x7e || literal.charCodeAt(0) < 0x20 || (foldsS && (literal === 's' || literal === 'S'))) end();
    else if (quantifier === undefined) run += literal;
    else if (quantifier.min === 0) end();
    else {
      run += literal;
      end();
    }
    if (quantifier !== undefined) {
      next = quantifier.end;
      end();
    }
    i = next;
  }
  end();
  return best;
}

/** Index after the escape whose letter is at `i`: `\\p{Greek}`, `\\pL`, `\\x{41}`, `\\x41`, `\\012` span more than one character. */
function escapeEnd(s: string, i: number): number {
  const e = s[i]!;
  if (e === 'p' || e === 'P' || e === 'x') {
    if (s[i + 1] === '{') {
      const close = s.indexOf('}', i + 2);
      return close < 0 ? s.length : close + 1;
    }
    return e === 'x' ? i + 3 : i + 2;
  }
  if (e >= '0' && e <= '7') {
    let j = i + 1;
    while (j < i + 3 && s[j]! >= '0' && s[j]! <= '7') j++;
    return j;
  }
  return i + 1;
}

/** The quantifier starting at `i` (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, lazy or not), if one does. */
function quantifierAt(s: string, i: number): { min: number; end: number } | undefined {
  const c = s[i];
  let min: number;
  let end: number;
  if (c === '*' || c === '?') [min, end] = [0, i + 1];
  else if (c === '+') [min, end] = [1, i + 1];
  else if (c === '{') {
    const m = /^\{(\d+)(,\d*)?\}/.exec(s.slice(i, i + 24));
    if (m === null) return undefined;
    [min, end] = [Number(m[1]), i + m[0].length];
  } else return undefined;
  if (s[end] === '?' || s[end] === '+') end++;
  return { min, end };
}

/** Index of the `]` closing the class opened at `open` (a leading `^` and `]` are members), or -1. */
function classEnd(s: string, open: number): number {
  let i = open + 1;
  if (s[i] === '^') i++;
  if (s[i] === ']') i++;
  for (; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '[' && s[i + 1] === ':') {
      const close = s.indexOf(':]', i + 2);
      if (close < 0) return -1;
      i = close + 1;
    } else if (s[i] === ']') return i;
  }
  return -1;
}

/** Index of the `)` closing the group opened at `open`, or -1. */
function groupEnd(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '[') {
      i = classEnd(s, i);
      if (i < 0) return -1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}
