/**
 * `1234567` → `1,234,567`, as `toLocaleString('en-US')` writes an integer, without loading ICU's
 * number formatting (its first call costs about 30 ms, a tenth of a small run). Other numbers are
 * rounded to integers first.
 */
export function thousands(x: number): string {
  const rounded = Math.round(x);
  if (!Number.isSafeInteger(rounded)) return x.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const digits = String(Math.abs(rounded));
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return rounded < 0 ? `-${out}` : out;
}
