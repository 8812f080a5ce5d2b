import { detectIndicatorType } from '../detect-type.js';
import { fang } from '../extract/fang.js';
import { FeedCollector, type FeedOptions, type FeedResult } from './feed-result.js';
import { forEachLine } from './lines.js';

const DEFANGED = /[[\](){}\\]|hxxp|hXXp|\[dot\]/;

/**
 * Reads a one-indicator-per-line list: blank lines and `#`, `;`, `//` comments skipped, a trailing
 * ` # comment` dropped, hosts-file lines (`0.0.0.0 evil.example`) read as their name, defanged
 * values (`evil[.]example`, `hxxp://…`) refanged, the type of each value detected.
 */
export function readPlainList(text: string, options: FeedOptions): FeedResult {
  const c = new FeedCollector(options);
  forEachLine(text, c, (line, lineNo) => {
    let t = line.trim();
    if (t === '' || t.startsWith('#') || t.startsWith(';') || t.startsWith('//')) return;
    const hash = t.search(/\s[#;]/);
    if (hash !== -1) t = t.slice(0, hash).trim();
    const parts = t.split(/\s+/);
    let value = parts[0] ?? '';
    if ((value === '0.0.0.0' || value === '127.0.0.1') && parts[1] !== undefined) value = parts[1];
    else if (parts.length > 1) {
      c.records++;
      c.error('INTEL_BAD_FORMAT', 'more than one value on the line', lineNo); return;
    }
    if (DEFANGED.test(value)) value = fang(value);
    c.records++;
    const type = detectIndicatorType(value);
    if (type === undefined) { c.error('INTEL_UNSUPPORTED_TYPE', `"${value.slice(0, 80)}" is not an IP, CIDR, domain, URL, e-mail address or hash`, lineNo); return; }
    c.add(type, value, {}, lineNo);
  });
  return c.result();
}
