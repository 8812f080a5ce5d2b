/**
 * Values that EVTX renderers write differently from Windows, brought to the Windows form so that rules
 * written against Windows match every renderer (see content/mappings/values/windows.yml).
 */

/** `0x00000000000003e7` → `0x3e7` (python-evtx pads hex integers); other strings are returned as they are. */
export function unpadHexInteger(value: string): string {
  // Fast reject: only `0x0…` can change.
  if (value.length < 4 || value.charCodeAt(0) !== 48 || (value.charCodeAt(1) | 0x20) !== 120 || value.charCodeAt(2) !== 48) return value;
  for (let i = 3; i < value.length; i++) if (!isHexDigit(value.charCodeAt(i))) return value;
  let first = 2;
  while (first < value.length - 1 && value.charCodeAt(first) === 48) first++;
  return value.slice(0, 2) + value.slice(first);
}

/** `0197231E-9BE6-…` → `{0197231E-9BE6-…}` (evtx_dump drops the braces Windows writes); other strings unchanged. */
export function braceGuid(value: string): string {
  if (value.length !== 36) return value;
  for (let i = 0; i < 36; i++) {
    const code = value.charCodeAt(i);
    const dash = i === 8 || i === 13 || i === 18 || i === 23;
    if (dash ? code !== 45 : !isHexDigit(code)) return value;
  }
  return `{${value}}`;
}

function isHexDigit(code: number): boolean {
  const lower = code | 0x20;
  return (code >= 48 && code <= 57) || (lower >= 97 && lower <= 102);
}

/** What one format normalises. */
export interface ValueForms {
  readonly hexIntegers: boolean;
  readonly guidFields: ReadonlySet<string>;
}

/** No normalisation. */
export const NO_VALUE_FORMS: ValueForms = { hexIntegers: false, guidFields: new Set() };
