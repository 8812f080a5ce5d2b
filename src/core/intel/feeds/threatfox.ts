import type { IndicatorType } from '../indicator.js';
import { type AbuseChLayout, present, readAbuseChCsv, tagList } from './abusech-csv.js';
import type { FeedOptions, FeedResult } from './feed-result.js';
import { parseFeedTime } from './feed-time.js';

/** Columns of the ThreatFox CSV exports (the header is a `#` comment; `is_compromised` came later). */
export const THREATFOX_COLUMNS = [
  'first_seen_utc', 'ioc_id', 'ioc_value', 'ioc_type', 'threat_type', 'fk_malware', 'malware_alias', 'malware_printable', 'last_seen_utc', 'confidence_level', 'is_compromised', 'reference', 'tags', 'anonymous', 'reporter',
] as const;

const TYPES: Readonly<Record<string, IndicatorType>> = { domain: 'domain', url: 'url', md5_hash: 'md5', sha1_hash: 'sha1', sha256_hash: 'sha256', sha512_hash: 'sha512' };

const layout: AbuseChLayout = {
  keyColumns: ['ioc_value', 'ioc_type'],
  defaultColumns: THREATFOX_COLUMNS,
  row: (get, lineNo, c) => {
    const value = present(get('ioc_value'));
    const kind = present(get('ioc_type'));
    if (value === undefined || kind === undefined) { c.error('INTEL_BAD_OBJECT', 'row without ioc_value and ioc_type', lineNo); return; }
    let type: IndicatorType | undefined = TYPES[kind];
    let raw = value;
    if (kind === 'ip:port') {
      // `1.2.3.4:443` or `[2001:db8::1]:443`
      const m = /^\[?([^\]]+?)\]?:[0-9]{1,5}$/.exec(value);
      raw = m?.[1] ?? value;
      type = raw.includes(':') ? 'ipv6' : 'ipv4';
    }
    if (type === undefined) { c.error('INTEL_UNSUPPORTED_TYPE', `ioc_type "${kind}" is not one Vigil matches`, lineNo); return; }
    const conf = present(get('confidence_level'));
    const confidence = conf !== undefined && /^[0-9]{1,3}$/.test(conf) && Number(conf) <= 100 ? Number(conf) : undefined;
    const labels = [present(get('threat_type')), present(get('malware_printable')), present(get('fk_malware')), ...tagList(get('tags'))].filter((x): x is string => x !== undefined);
    c.add(type, raw, { labels: [...new Set(labels)], confidence, firstSeen: parseFeedTime(get('first_seen_utc')), lastSeen: parseFeedTime(get('last_seen_utc')), ref: present(get('ioc_id')), description: present(get('reference')) }, lineNo);
  },
};

/** Reads a ThreatFox CSV export: IPs (port dropped), domains, URLs and hashes with confidence, malware and tags. */
export function readThreatFoxCsv(text: string, options: FeedOptions): FeedResult {
  return readAbuseChCsv(text, layout, options);
}
