import RE2 from 're2';
import { INTEL_LIMITS } from './limits.js';

/**
 * Compiles a PCRE literal as MISP writes them (`/^(abuse|noc)\@.*$/i`, any non-alphanumeric
 * delimiter) with RE2. Flags `i`, `m`, `s` are kept; `g`, `u`, `D`, `U`-less anchoring hints are
 * ignored; `x` (extended syntax) is refused, as is anything RE2 cannot run in linear time.
 */
export function compilePcreLiteral(literal: string): { ok: true; value: RE2 } | { ok: false; reason: string } {
  if (literal.length > INTEL_LIMITS.maxRegexLength) return { ok: false, reason: `regex longer than ${INTEL_LIMITS.maxRegexLength} characters` };
  const d = literal[0];
  let pattern = literal;
  let flags = '';
  if (d !== undefined && !/[A-Za-z0-9\\\s]/.test(d)) {
    const close = d === '(' ? ')' : d === '{' ? '}' : d === '[' ? ']' : d === '<' ? '>' : d;
    const last = literal.lastIndexOf(close);
    if (last <= 0) return { ok: false, reason: 'regex delimiter is not closed' };
    pattern = literal.slice(1, last);
    const mods = literal.slice(last + 1);
    if (!/^[imsxuADUgJ]*$/.test(mods)) return { ok: false, reason: `unknown regex modifiers "${mods}"` };
    if (mods.includes('x')) return { ok: false, reason: 'extended (x) regex syntax is not supported' };
    for (const f of 'ims') if (mods.includes(f)) flags += f;
  }
  try {
    return { ok: true, value: new RE2(pattern, flags) };
  } catch (cause) {
    return { ok: false, reason: `refused by RE2: ${cause instanceof Error ? cause.message : String(cause)}` };
  }
}
