import type { Buffer } from 'node:buffer';
import RE2 from 're2';
import type { SigmaErrorCode } from './errors.js';

/** Regular expression flags Sigma defines (`re|i`, `re|m`, `re|s`). */
export interface RegexFlags {
  readonly i: boolean;
  readonly m: boolean;
  readonly s: boolean;
}

/** A compiled regular expression: RE2, so matching time is linear in the input whatever the pattern. */
export interface CompiledRegex {
  /** Tests a string, or its UTF-8 bytes (RE2 works on UTF-8; passing bytes saves converting once per test). */
  test(s: string | Buffer): boolean;
  readonly source: string;
  readonly flags: string;
}

/**
 * Compiles a Sigma regular expression with RE2. A leading inline flag group such as `(?i)` becomes a
 * flag (16 SigmaHQ values start with one). Patterns RE2 refuses are reported: `SIGMA_UNSAFE_REGEX`
 * when JavaScript's backtracking engine would accept them (lookaround, backreferences: features
 * that can take exponential time), `SIGMA_INVALID_REGEX` when they do not parse at all.
 */
export function compileRegex(
  source: string,
  flags: RegexFlags,
): { ok: true; value: CompiledRegex } | { ok: false; code: SigmaErrorCode; reason: string } {
  let pattern = source;
  let { i, m, s } = flags;
  const inline = /^\(\?([ims]+)\)/.exec(pattern);
  if (inline !== null) {
    const set = inline[1] ?? '';
    i ||= set.includes('i');
    m ||= set.includes('m');
    s ||= set.includes('s');
    pattern = pattern.slice(inline[0].length);
  }
  const flagText = `${i ? 'i' : ''}${m ? 'm' : ''}${s ? 's' : ''}`;
  try {
    const re = new RE2(pattern, flagText);
    return { ok: true, value: { test: (x) => re.test(x), source: pattern, flags: flagText } };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    try {
      new RegExp(pattern, flagText);
    } catch {
      return { ok: false, code: 'SIGMA_INVALID_REGEX', reason: `/${source}/ does not parse: ${reason}` };
    }
    return { ok: false, code: 'SIGMA_UNSAFE_REGEX', reason: `/${source}/ needs a backtracking feature RE2 does not run in linear time (${reason})` };
  }
}
