import RE2 from 're2';
import type { Tok } from './sigma-string.js';

/** A compiled wildcard pattern. Inputs are already lower-cased when the pattern is case-insensitive. */
export interface Glob {
  match(s: string): boolean;
}

/** Windash expansions up to this many variants become separate fast patterns; more use character sets. */
const MAX_SET_VARIANTS = 32;

const ANY_ONE = -1;

/**
 * Segments with `?` or character sets are compared unit by unit at each candidate position, which is
 * O(text × segment). Past this many units such patterns run on RE2 instead, linear whatever the input.
 */
const MAX_UNIT_SEGMENT = 256;

/**
 * Compiles tokens (literal, `*`, `?`, character sets) into the cheapest matcher for their shape:
 * equality, prefix, suffix, substring, or a segment matcher that searches each `*`-separated piece
 * left to right (linear in practice, never exponential). Placeholder tokens must be resolved first.
 */
export function compileGlob(tokens: readonly Tok[]): Glob {
  const variants = countSetVariants(tokens);
  if (variants > 1 && variants <= MAX_SET_VARIANTS) return new AnyGlob(expandSets(tokens).map(compileSimple));
  return compileSimple(tokens);
}

function compileSimple(tokens: readonly Tok[]): Glob {
  const segments: Segment[] = [];
  let current: (string | number)[] = [];
  const sets: string[] = [];
  const startsWithStar = tokens[0]?.t === 'star';
  const endsWithStar = tokens[tokens.length - 1]?.t === 'star';
  const flush = (): void => {
    if (current.length > 0) segments.push(toSegment(current));
    current = [];
  };
  for (const tok of tokens) {
    switch (tok.t) {
      case 'lit':
        current.push(tok.s);
        break;
      case 'one':
        current.push(ANY_ONE);
        break;
      case 'set':
        sets.push(tok.chars);
        current.push(-2 - (sets.length - 1));
        break;
      case 'star':
        flush();
        break;
      case 'ph':
        throw new Error(`unresolved placeholder %${tok.name}% reached the matcher compiler`);
      default: {
        const never: never = tok;
        throw new Error(`unknown token ${JSON.stringify(never)}`);
      }
    }
  }
  flush();
  if (segments.length === 0) return startsWithStar ? MATCH_ALL : new Exact('');
  const [only] = segments;
  if (segments.length === 1 && only?.lit !== undefined) {
    if (!startsWithStar && !endsWithStar) return new Exact(only.lit);
    if (!startsWithStar) return new Prefix(only.lit);
    if (!endsWithStar) return new Suffix(only.lit);
    return new Contains(only.lit);
  }
  if (segments.some((s) => s.lit === undefined && s.units.length > MAX_UNIT_SEGMENT)) return new Re2Glob(tokens);
  return new SegmentGlob(segments, sets, !startsWithStar, !endsWithStar);
}

/** A wildcard pattern run as an anchored RE2 expression (`.` matching newlines, as `?` and `*` do). */
class Re2Glob implements Glob {
  private readonly re: RE2;
  constructor(tokens: readonly Tok[]) {
    const escape = (s: string): string => s.replace(/[\\^$.|?*+()[\]{}-]/g, '\\$&');
    const body = tokens
      .map((t) => (t.t === 'lit' ? escape(t.s) : t.t === 'star' ? '.*' : t.t === 'one' ? '.' : t.t === 'set' ? `[${escape(t.chars)}]` : ''))
      .join('');
    this.re = new RE2(`^(?:${body})$`, 's');
  }
  match(s: string): boolean {
    return this.re.test(s);
  }
}

interface Segment {
  /** Set when the segment is plain text (searched with indexOf). */
  readonly lit: string | undefined;
  /** Code units; ANY_ONE for `?`, -2-k for character set k. */
  readonly units: Int32Array;
}

function toSegment(parts: readonly (string | number)[]): Segment {
  const plain = parts.every((p) => typeof p === 'string');
  const units: number[] = [];
  for (const p of parts) {
    if (typeof p === 'number') units.push(p);
    else for (let i = 0; i < p.length; i++) units.push(p.charCodeAt(i));
  }
  return { lit: plain ? parts.join('') : undefined, units: Int32Array.from(units) };
}

class Exact implements Glob {
  constructor(private readonly text: string) {}
  match(s: string): boolean {
    return s === this.text;
  }
}

class Prefix implements Glob {
  constructor(private readonly text: string) {}
  match(s: string): boolean {
    return s.startsWith(this.text);
  }
}

class Suffix implements Glob {
  constructor(private readonly text: string) {}
  match(s: string): boolean {
    return s.endsWith(this.text);
  }
}

class Contains implements Glob {
  constructor(readonly text: string) {}
  match(s: string): boolean {
    return s.includes(this.text);
  }
}

/** The literal of a `*literal*` pattern (a plain substring test), otherwise undefined. */
export function substringOf(glob: Glob): string | undefined {
  return glob instanceof Contains ? glob.text : undefined;
}

const MATCH_ALL: Glob = { match: () => true };

class AnyGlob implements Glob {
  constructor(private readonly globs: readonly Glob[]) {}
  match(s: string): boolean {
    for (const g of this.globs) if (g.match(s)) return true;
    return false;
  }
}

class SegmentGlob implements Glob {
  constructor(
    private readonly segments: readonly Segment[],
    private readonly sets: readonly string[],
    private readonly anchorStart: boolean,
    private readonly anchorEnd: boolean,
  ) {}

  match(s: string): boolean {
    const segs = this.segments;
    let first = 0;
    let last = segs.length - 1;
    let pos = 0;
    let end = s.length;
    if (this.anchorStart) {
      const seg = segs[0]!;
      if (seg.units.length > end || !this.at(seg, s, 0)) return false;
      pos = seg.units.length;
      first = 1;
      if (segs.length === 1) return !this.anchorEnd || pos === end;
    }
    if (this.anchorEnd && last >= first) {
      const seg = segs[last]!;
      const start = end - seg.units.length;
      if (start < pos || !this.at(seg, s, start)) return false;
      end = start;
      last -= 1;
    }
    for (let i = first; i <= last; i++) {
      const seg = segs[i]!;
      const found = this.find(seg, s, pos, end);
      if (found < 0) return false;
      pos = found + seg.units.length;
    }
    return true;
  }

  private find(seg: Segment, s: string, from: number, end: number): number {
    const n = seg.units.length;
    if (seg.lit !== undefined) {
      const i = s.indexOf(seg.lit, from);
      return i >= 0 && i + n <= end ? i : -1;
    }
    for (let i = from; i + n <= end; i++) if (this.at(seg, s, i)) return i;
    return -1;
  }

  private at(seg: Segment, s: string, start: number): boolean {
    if (seg.lit !== undefined) return s.startsWith(seg.lit, start);
    const units = seg.units;
    for (let k = 0; k < units.length; k++) {
      const u = units[k]!;
      const c = s.charCodeAt(start + k);
      if (u === ANY_ONE) continue;
      if (u >= 0) {
        if (u !== c) return false;
      } else if (!this.sets[-2 - u]!.includes(String.fromCharCode(c))) {
        return false;
      }
    }
    return true;
  }
}

function countSetVariants(tokens: readonly Tok[]): number {
  let n = 1;
  for (const tok of tokens) if (tok.t === 'set') n *= tok.chars.length;
  return n;
}

function expandSets(tokens: readonly Tok[]): Tok[][] {
  let variants: Tok[][] = [[]];
  for (const tok of tokens) {
    if (tok.t === 'set') {
      variants = variants.flatMap((v) => Array.from(tok.chars).map((c) => [...v, { t: 'lit', s: c } as const]));
    } else {
      variants = variants.map((v) => [...v, tok]);
    }
  }
  return variants.map(mergeLiterals);
}

/** Joins adjacent literal tokens into one. */
export function mergeLiterals(tokens: readonly Tok[]): Tok[] {
  const out: Tok[] = [];
  for (const tok of tokens) {
    const last = out[out.length - 1];
    if (tok.t === 'lit' && last?.t === 'lit') out[out.length - 1] = { t: 'lit', s: last.s + tok.s };
    else out.push(tok);
  }
  return out;
}
