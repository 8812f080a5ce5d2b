import { DEFANG_RULES, FANG_RULES } from './fang-rules.js';
import { type MappedText, rewrite } from './rewrite.js';

/**
 * Refangs text: every defanged form ioc-fanger knows back to the indicator (`hxxp`/`hXXp` → `http`,
 * `[.]` `(.)` `{.}` `[dot]` `(dot)` ` DOT ` `\.` → `.`, `[at]` `(at)` ` AT ` `[@]` → `@`, `[:]` → `:`,
 * `[://]` → `://`, `1,2,3,4` → `1.2.3.4` …). Linear time (RE2) whatever the text.
 */
export function fang(text: string): string {
  return rewrite(text, FANG_RULES, 'fang', false).text;
}

/** Like `fang`, also mapping every output character back to its span in the input. */
export function fangWithMap(text: string): MappedText {
  return rewrite(text, FANG_RULES, 'fang', true);
}

/** Defangs text so no indicator stays clickable: `.x` → `[.]x`, `http:` → `hXXp:`, `a@b` → `a(at)b`. */
export function defang(text: string): string {
  return rewrite(text, DEFANG_RULES, 'defang', false).text;
}
