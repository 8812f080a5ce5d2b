import RE2 from 're2';
import { type Candidate, trimTrailingPunctuation } from './candidate.js';

const REGISTRY_RE = new RE2('\\b(?:HKEY_LOCAL_MACHINE|HKEY_CURRENT_USER|HKEY_CLASSES_ROOT|HKEY_USERS|HKEY_CURRENT_CONFIG|HKLM|HKCU|HKCR|HKU|HKCC)\\\\', 'gi');
const PATH_RE = new RE2('(?:\\b[A-Za-z]:\\\\|\\\\\\\\[A-Za-z0-9._$-]+\\\\|%[A-Za-z_][A-Za-z0-9_()]*%\\\\)', 'g');
const MAX = 1024;

/**
 * Windows registry keys (`HKLM\Software\…`, `HKEY_CURRENT_USER\…`). A key in quotes runs to the closing
 * quote (keys have spaces: `"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"`); otherwise to the
 * first space or quote. Trailing prose punctuation is dropped.
 */
export function scanRegistryKeys(s: string, out: Candidate[]): void {
  scanRooted(s, REGISTRY_RE, 'registry', out);
}

/** Windows file paths: drive (`C:\…`), UNC (`\\server\share\…`) and environment (`%APPDATA%\…`) rooted, quoted like registry keys. */
export function scanWindowsPaths(s: string, out: Candidate[]): void {
  scanRooted(s, PATH_RE, 'filepath', out);
}

function scanRooted(s: string, re: RE2, type: 'registry' | 'filepath', out: Candidate[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const start = m.index;
    const rootEnd = start + m[0].length;
    const quote = start > 0 ? s[start - 1] : undefined;
    let end = rootEnd;
    if (quote === '"' || quote === "'") {
      const close = s.indexOf(quote, rootEnd);
      const nl = s.indexOf('\n', rootEnd);
      end = close === -1 || (nl !== -1 && nl < close) || close - start > MAX ? scanBare(s, rootEnd) : close;
    } else end = scanBare(s, rootEnd);
    if (quote !== '"' && quote !== "'") end = trimTrailingPunctuation(s, start, end);
    while (end > rootEnd && s[end - 1] === '\\') end--;
    if (end <= rootEnd) continue;
    out.push({ type, value: s.slice(start, end), start, end });
    re.lastIndex = Math.max(re.lastIndex, end);
  }
}

function scanBare(s: string, from: number): number {
  let i = from;
  const limit = Math.min(s.length, from + MAX);
  while (i < limit) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c === 34 || c === 39 || c === 60 || c === 62 || c === 124 || c === 42 || c === 63 || c === 0x7f) break;
    i++;
  }
  return i;
}
