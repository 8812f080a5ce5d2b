import { createHash } from 'node:crypto';
import { type Result, err, ok } from '../../../lib/result.js';
import { type IntelError, intelError } from '../errors.js';
import type { IndicatorType, Tlp } from '../indicator.js';
import { checkJsonShape } from '../json-depth.js';
import { tlpFromName } from '../stix/tlp.js';
import { FeedCollector, type FeedOptions, type FeedResult } from './feed-result.js';
import { parseFeedTime } from './feed-time.js';
import { forEachLine } from './lines.js';

/** One event listed in a MISP feed's `manifest.json`. */
export interface MispManifestEntry {
  readonly uuid: string;
  readonly info: string;
  readonly date?: string;
  /** Last change of the event (epoch ms): refetch the event file only when it moved. */
  readonly timestamp?: number;
  readonly orgName?: string;
  readonly tlp?: Tlp;
  readonly tags: readonly string[];
}

type Obj = Readonly<Record<string, unknown>>;

/** Reads a MISP feed `manifest.json` (event uuid → event summary). */
export function readMispManifest(doc: unknown): Result<{ entries: MispManifestEntry[]; errors: IntelError[] }, IntelError> {
  const shape = checkJsonShape(doc);
  if (shape !== undefined) return err(shape);
  if (!isObj(doc)) return err(intelError('INTEL_BAD_FORMAT', 'a MISP manifest is a JSON object keyed by event uuid'));
  const entries: MispManifestEntry[] = [];
  const errors: IntelError[] = [];
  for (const [uuid, v] of Object.entries(doc)) {
    if (!isObj(v)) {
      errors.push(intelError('INTEL_BAD_OBJECT', 'manifest entry is not an object', { objectId: uuid }));
      continue;
    }
    const tags = tagNames(v.Tag);
    const tlp = tlpOfTags(tags);
    const orgc = isObj(v.Orgc) && typeof v.Orgc.name === 'string' ? v.Orgc.name : undefined;
    const ts = parseFeedTime(typeof v.timestamp === 'string' || typeof v.timestamp === 'number' ? v.timestamp : undefined);
    entries.push({
      uuid,
      info: typeof v.info === 'string' ? v.info : '',
      ...(typeof v.date === 'string' ? { date: v.date } : {}),
      ...(ts === undefined ? {} : { timestamp: ts }),
      ...(orgc === undefined ? {} : { orgName: orgc }),
      ...(tlp === undefined ? {} : { tlp }),
      tags: tags.filter((t) => tlpFromName(t) === undefined),
    });
  }
  return ok({ entries, errors });
}

/** Options of `readMispEvent`. */
export interface MispEventOptions extends FeedOptions {
  /** Also take attributes with `to_ids: false` (MISP's "not for detection"). Default false. */
  readonly includeNonIds?: boolean;
}

/** MISP attribute types and what Vigil takes from them (`part` of a `a|b` composite value). */
const MISP_TYPES: Readonly<Record<string, readonly { type: IndicatorType | 'ip'; part: 0 | 1 }[]>> = {
  'ip-src': [{ type: 'ip', part: 0 }],
  'ip-dst': [{ type: 'ip', part: 0 }],
  'ip-src|port': [{ type: 'ip', part: 0 }],
  'ip-dst|port': [{ type: 'ip', part: 0 }],
  domain: [{ type: 'domain', part: 0 }],
  hostname: [{ type: 'domain', part: 0 }],
  'hostname|port': [{ type: 'domain', part: 0 }],
  'domain|ip': [{ type: 'domain', part: 0 }, { type: 'ip', part: 1 }],
  url: [{ type: 'url', part: 0 }],
  email: [{ type: 'email', part: 0 }],
  'email-src': [{ type: 'email', part: 0 }],
  'email-dst': [{ type: 'email', part: 0 }],
  'email-reply-to': [{ type: 'email', part: 0 }],
  'target-email': [{ type: 'email', part: 0 }],
  'whois-registrant-email': [{ type: 'email', part: 0 }],
  md5: [{ type: 'md5', part: 0 }],
  sha1: [{ type: 'sha1', part: 0 }],
  sha256: [{ type: 'sha256', part: 0 }],
  sha512: [{ type: 'sha512', part: 0 }],
  'filename|md5': [{ type: 'md5', part: 1 }],
  'filename|sha1': [{ type: 'sha1', part: 1 }],
  'filename|sha256': [{ type: 'sha256', part: 1 }],
  'filename|sha512': [{ type: 'sha512', part: 1 }],
  'malware-sample': [{ type: 'md5', part: 1 }],
};

/**
 * Reads one MISP event file of a feed (`{"Event": {…}}`): the attributes of the event and of its
 * objects whose type names an IP, domain, URL, e-mail address or hash. `to_ids: false` and deleted
 * attributes are skipped (counted), as are types Vigil does not match. TLP from `tlp:` tags (the
 * attribute's own tags win over the event's), other tags and the category as labels, first/last seen
 * from the attribute (its `timestamp` when absent), `ref` the attribute uuid, `description` the event info.
 */
export function readMispEvent(doc: unknown, options: MispEventOptions): Result<FeedResult, IntelError> {
  const shape = checkJsonShape(doc);
  if (shape !== undefined) return err(shape);
  const event = isObj(doc) && isObj(doc.Event) ? doc.Event : isObj(doc) && Array.isArray(doc.Attribute) ? doc : undefined;
  if (event === undefined) return err(intelError('INTEL_BAD_FORMAT', 'not a MISP event ({"Event": {…}})'));
  const c = new FeedCollector(options);
  const eventTags = tagNames(event.Tag);
  const eventTlp = tlpOfTags(eventTags);
  const info = typeof event.info === 'string' ? event.info.slice(0, 4096) : undefined;
  const eventId = typeof event.uuid === 'string' ? event.uuid : undefined;
  const attrs: { a: unknown; path: string }[] = [];
  if (Array.isArray(event.Attribute)) event.Attribute.forEach((a, i) => attrs.push({ a, path: `Attribute[${i}]` }));
  if (Array.isArray(event.Object)) {
    event.Object.forEach((o, oi) => {
      if (isObj(o) && Array.isArray(o.Attribute)) o.Attribute.forEach((a, i) => attrs.push({ a, path: `Object[${oi}].Attribute[${i}]` }));
    });
  }
  for (const { a, path } of attrs) {
    c.records++;
    const at = { path, ...(eventId === undefined ? {} : { objectId: eventId }) };
    if (!isObj(a) || typeof a.type !== 'string' || typeof a.value !== 'string') {
      c.error('INTEL_BAD_OBJECT', 'attribute without a string type and value', undefined, at);
      continue;
    }
    const targets = MISP_TYPES[a.type];
    const toIds = a.to_ids === true || a.to_ids === '1' || a.to_ids === 1;
    if (targets === undefined || a.deleted === true || (!toIds && options.includeNonIds !== true)) {
      c.skipped++;
      continue;
    }
    const tags = tagNames(a.Tag);
    const tlp = tlpOfTags(tags) ?? eventTlp;
    const labels = [...new Set([...(typeof a.category === 'string' ? [a.category] : []), ...[...eventTags, ...tags].filter((t) => tlpFromName(t) === undefined)])].slice(0, 256);
    const stamp = parseFeedTime(typeof a.timestamp === 'string' || typeof a.timestamp === 'number' ? a.timestamp : undefined);
    const firstSeen = typeof a.first_seen === 'string' ? (parseFeedTime(a.first_seen) ?? stamp) : stamp;
    const lastSeen = typeof a.last_seen === 'string' ? (parseFeedTime(a.last_seen) ?? stamp) : stamp;
    const parts = a.value.split('|');
    for (const t of targets) {
      const raw = parts[t.part];
      if (raw === undefined) {
        c.error('INTEL_INVALID_VALUE', `a ${a.type} value has two parts separated by "|"`, undefined, at);
        continue;
      }
      const type: IndicatorType = t.type === 'ip' ? (raw.includes(':') ? 'ipv6' : 'ipv4') : t.type;
      c.add(type, raw, { tlp, labels, firstSeen, lastSeen, ref: typeof a.uuid === 'string' ? a.uuid : undefined, description: info }, undefined, at);
    }
  }
  return ok(c.result());
}

/** One line of a MISP feed's `hashes.csv`: the MD5 of an attribute value and the event holding it. */
export interface MispValueHash {
  readonly valueMd5: string;
  readonly eventUuid: string;
}

/**
 * Reads a MISP feed `hashes.csv`. Its lines are `md5(attribute value),event uuid` (PyMISP's
 * `attributes_hashes('md5')`; each part of a composite `a|b` value hashed on its own): a lookup
 * index over the feed's values, not file hashes. Use `mispValueHash` on an observed value and look
 * it up to learn which events to fetch, without fetching them all.
 */
export function readMispHashesCsv(text: string, options: FeedOptions): { entries: MispValueHash[]; errors: readonly IntelError[] } {
  const c = new FeedCollector(options);
  const entries: MispValueHash[] = [];
  forEachLine(text, c, (line, lineNo) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return;
    const m = /^([0-9a-fA-F]{32}),([0-9a-fA-F-]{32,36})$/.exec(t);
    if (m === null) { c.error('INTEL_BAD_FORMAT', 'expected "<md5 of value>,<event uuid>"', lineNo); return; }
    entries.push({ valueMd5: m[1]!.toLowerCase(), eventUuid: m[2]!.toLowerCase() });
  });
  return { entries, errors: c.result().errors };
}

/** The MD5 MISP feeds list in `hashes.csv` for a value (hex, of its UTF-8 bytes, as written). */
export function mispValueHash(value: string): string {
  return createHash('md5').update(value, 'utf8').digest('hex');
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function tagNames(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((t) => (isObj(t) && typeof t.name === 'string' ? [t.name] : []));
}

function tlpOfTags(tags: readonly string[]): Tlp | undefined {
  for (const t of tags) {
    if (!t.toLowerCase().startsWith('tlp:')) continue;
    const tlp = tlpFromName(t);
    if (tlp !== undefined) return tlp;
  }
  return undefined;
}
