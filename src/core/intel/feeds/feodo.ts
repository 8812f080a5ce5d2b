import { type AbuseChLayout, present, readAbuseChCsv } from './abusech-csv.js';
import type { FeedOptions, FeedResult } from './feed-result.js';
import { parseFeedTime } from './feed-time.js';

/** Columns of the Feodo Tracker IP blocklist CSV (header row quoted, not commented). */
export const FEODO_COLUMNS = ['first_seen_utc', 'dst_ip', 'dst_port', 'c2_status', 'last_online', 'malware'] as const;

const layout: AbuseChLayout = {
  keyColumns: ['dst_ip', 'dstip'],
  defaultColumns: FEODO_COLUMNS,
  row: (get, lineNo, c) => {
    // The older layout: `# Firstseen,DstIP,DstPort,LastOnline,Malware`.
    const ip = present(get('dst_ip') ?? get('dstip'));
    if (ip === undefined) { c.error('INTEL_BAD_OBJECT', 'row without dst_ip', lineNo); return; }
    const malware = present(get('malware'));
    const status = present(get('c2_status'));
    const labels = [...(malware === undefined ? [] : [malware]), 'botnet_cc', ...(status === 'offline' ? ['offline'] : [])];
    c.add(ip.includes(':') ? 'ipv6' : 'ipv4', ip, { labels, firstSeen: parseFeedTime(get('first_seen_utc') ?? get('firstseen')), lastSeen: parseFeedTime(get('last_online') ?? get('lastonline')) }, lineNo);
  },
};

/** Reads the Feodo Tracker botnet C2 IP blocklist CSV. */
export function readFeodoCsv(text: string, options: FeedOptions): FeedResult {
  return readAbuseChCsv(text, layout, options);
}
