import { FeedCollector, type FeedOptions, type FeedResult } from './feed-result.js';
import { forEachLine } from './lines.js';

/**
 * Reads Spamhaus DROP / EDROP / DROPv6 in the JSON-lines format (`drop_v4.json`, `drop_v6.json`: one
 * `{"cidr":…,"sblid":…,"rir":…}` per line, a last `{"type":"metadata",…}` line) and the older text
 * format (`1.10.16.0/20 ; SBL256894`, `;` comments). One `cidr` indicator per block (a /32 becomes
 * an `ipv4`), the SBL id as `ref` and label, the RIR as a label.
 */
export function readSpamhausDrop(text: string, options: FeedOptions): FeedResult {
  const c = new FeedCollector(options);
  forEachLine(text, c, (line, lineNo) => {
    const t = line.trim();
    if (t === '' || t.startsWith(';') || t.startsWith('#')) return;
    if (t.startsWith('{')) {
      let obj: unknown;
      try {
        obj = JSON.parse(t) as unknown;
      } catch {
        c.error('INTEL_BAD_FORMAT', 'not a JSON object', lineNo); return;
      }
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) { c.error('INTEL_BAD_FORMAT', 'not a JSON object', lineNo); return; }
      const o = obj as Record<string, unknown>;
      if (o.type === 'metadata') {
        c.skipped++;
        return;
      }
      c.records++;
      if (typeof o.cidr !== 'string') { c.error('INTEL_BAD_OBJECT', 'line without a "cidr" string', lineNo); return; }
      const sbl = typeof o.sblid === 'string' ? o.sblid : undefined;
      const labels = ['spamhaus-drop', ...(sbl === undefined ? [] : [sbl]), ...(typeof o.rir === 'string' ? [`rir:${o.rir}`] : [])];
      c.add('cidr', o.cidr, { labels, ref: sbl }, lineNo);
      return;
    }
    c.records++;
    const [cidr = '', comment = ''] = t.split(';').map((x) => x.trim());
    const sbl = /^SBL[0-9]+$/.test(comment) ? comment : undefined;
    c.add('cidr', cidr, { labels: ['spamhaus-drop', ...(sbl === undefined ? [] : [sbl])], ref: sbl }, lineNo);
  });
  return c.result();
}
