import { type AbuseChLayout, present, readAbuseChCsv, tagList } from './abusech-csv.js';
import type { FeedOptions, FeedResult } from './feed-result.js';
import { parseFeedTime } from './feed-time.js';

/** Columns of the URLhaus CSV dumps (csv_recent, csv_online, full). */
export const URLHAUS_COLUMNS = ['id', 'dateadded', 'url', 'url_status', 'last_online', 'threat', 'tags', 'urlhaus_link', 'reporter'] as const;

const layout: AbuseChLayout = {
  keyColumns: ['url_status', 'urlhaus_link'],
  defaultColumns: URLHAUS_COLUMNS,
  row: (get, lineNo, c) => {
    const url = present(get('url'));
    if (url === undefined) { c.error('INTEL_BAD_OBJECT', 'row without a url', lineNo); return; }
    const status = present(get('url_status'));
    const threat = present(get('threat'));
    const labels = [...(threat === undefined ? [] : [threat]), ...tagList(get('tags')), ...(status === 'offline' ? ['offline'] : [])];
    c.add('url', url, { labels, firstSeen: parseFeedTime(get('dateadded')), lastSeen: parseFeedTime(get('last_online')), ref: present(get('urlhaus_link')) ?? present(get('id')) }, lineNo);
  },
};

/** Reads a URLhaus CSV dump: one `url` indicator per row, threat and tags as labels, `offline` marked. */
export function readUrlhausCsv(text: string, options: FeedOptions): FeedResult {
  return readAbuseChCsv(text, layout, options);
}
