import { detectIndicatorType } from '../detect-type.js';
import { hashTypeOfLength } from '../hash.js';
import { INDICATOR_TYPES, type IndicatorType } from '../indicator.js';
import { splitCsvLine } from './csv-line.js';
import { FeedCollector, type FeedOptions, type FeedResult } from './feed-result.js';
import { parseFeedTime } from './feed-time.js';
import { forEachLine } from './lines.js';

/** The header of Vigil's own indicator CSV. */
export const VIGIL_CSV_HEADER = ['indicator', 'type', 'confidence', 'source', 'first_seen'] as const;

const TYPE_NAMES: ReadonlySet<string> = new Set(INDICATOR_TYPES);

/**
 * Reads Vigil's indicator CSV (`indicator,type,confidence,source,first_seen`, as written by the auth-log
 * generator beside its log). Columns are found by the header; a missing header is an error on line 1
 * and the standard order is assumed. `type` may also be `ip` or `hash` (resolved from the value) or
 * empty (detected). The `source` column, when set, overrides the option.
 */
export function readVigilCsv(text: string, options: FeedOptions): FeedResult {
  const c = new FeedCollector(options);
  let columns: Map<string, number> | undefined;
  forEachLine(text, c, (line, lineNo) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const split = splitCsvLine(line);
    if (!split.ok) { c.error('INTEL_BAD_FORMAT', 'a quoted field is not closed', lineNo, { column: split.column }); return; }
    const fields = split.fields;
    if (columns === undefined) {
      const lower = fields.map((f) => f.trim().toLowerCase());
      if (lower.includes('indicator')) {
        columns = new Map(lower.map((f, i) => [f, i]));
        return;
      }
      c.error('INTEL_BAD_FORMAT', `no header row (${VIGIL_CSV_HEADER.join(',')}); the standard column order is assumed`, lineNo);
      columns = new Map(VIGIL_CSV_HEADER.map((f, i) => [f, i]));
    }
    const cols = columns;
    const get = (name: string): string | undefined => {
      const i = cols.get(name);
      const v = i === undefined ? undefined : fields[i]?.trim();
      return v === '' ? undefined : v;
    };
    c.records++;
    const value = get('indicator');
    if (value === undefined) { c.error('INTEL_BAD_OBJECT', 'row without an indicator', lineNo); return; }
    const named = get('type')?.toLowerCase();
    let type: IndicatorType | undefined;
    if (named === undefined) type = detectIndicatorType(value);
    else if (TYPE_NAMES.has(named)) type = named as IndicatorType;
    else if (named === 'ip') type = value.includes(':') ? 'ipv6' : 'ipv4';
    else if (named === 'hash') type = hashTypeOfLength(value.length);
    else if (named === 'ipv4-cidr' || named === 'ipv6-cidr') type = 'cidr';
    if (type === undefined) { c.error('INTEL_UNSUPPORTED_TYPE', `type "${named ?? '(none)'}" of "${value.slice(0, 80)}" is not one Vigil matches`, lineNo); return; }
    const conf = get('confidence');
    let confidence: number | undefined;
    if (conf !== undefined) {
      if (/^[0-9]{1,3}$/.test(conf) && Number(conf) <= 100) confidence = Number(conf);
      else c.error('INTEL_INVALID_VALUE', `confidence "${conf.slice(0, 20)}" is not an integer from 0 to 100; ignored`, lineNo);
    }
    const seen = get('first_seen');
    const firstSeen = parseFeedTime(seen);
    if (seen !== undefined && firstSeen === undefined) c.error('INTEL_INVALID_VALUE', `first_seen "${seen.slice(0, 40)}" is not a date; ignored`, lineNo);
    c.add(type, value, { confidence, firstSeen, source: get('source')?.slice(0, 256) }, lineNo);
  });
  return c.result();
}
