import { mergeLiterals } from './glob.js';
import { SIGMA_LIMITS } from './limits.js';
import { insertPlaceholders, parseSigmaString, type Tok } from './sigma-string.js';

/** Values for `|expand` placeholders: `%Servers%` → `Servers: ['srv*', 'dc01']` (values are Sigma strings, wildcards allowed). */
export type Placeholders = Readonly<Record<string, readonly string[]>>;

/**
 * Resolves `%name%` placeholders into every combination of configured values. Unknown names are
 * returned as `missing`; more than `maxExpansion` combinations is `tooMany`.
 */
export function expandPlaceholders(
  tokens: readonly Tok[],
  placeholders: Placeholders,
): { ok: true; variants: Tok[][] } | { ok: false; missing: string[] } | { ok: false; tooMany: number } {
  const marked = insertPlaceholders(tokens);
  const missing = [...new Set(marked.flatMap((t) => (t.t === 'ph' && !Object.hasOwn(placeholders, t.name) ? [t.name] : [])))];
  if (missing.length > 0) return { ok: false, missing };
  let total = 1;
  for (const t of marked) if (t.t === 'ph') total *= Math.max(1, placeholders[t.name]?.length ?? 0);
  if (total > SIGMA_LIMITS.maxExpansion) return { ok: false, tooMany: total };
  let variants: Tok[][] = [[]];
  for (const t of marked) {
    if (t.t === 'ph') {
      const values = (placeholders[t.name] ?? []).map(parseSigmaString);
      variants = variants.flatMap((v) => values.map((value) => [...v, ...value]));
    } else {
      variants = variants.map((v) => [...v, t]);
    }
  }
  return { ok: true, variants: variants.map(mergeLiterals) };
}
