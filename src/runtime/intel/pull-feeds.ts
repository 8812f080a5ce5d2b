import { isAbsolute, resolve } from 'node:path';
import { type FeedConfig, type FeedResult, readStixObjects, formatIntelError } from '../../core/intel/index.js';
import { VigilError, isVigilError } from '../../lib/errors.js';
import { boundedGet, redact } from './bounded-http.js';
import type { FeedState, IndicatorStore } from './indicator-store.js';
import { resolveSecret } from './load-intel-config.js';
import { readFeedBytes, readFeedFile } from './read-feed-source.js';
import { TaxiiClient } from './taxii/taxii-client.js';

/** What a pull did with one feed. */
export interface PullOutcome {
  readonly name: string;
  /** `updated`: indicators stored; `not-modified`: the source did not change (304, same file); `skipped`: not due; `failed`: nothing stored. */
  readonly status: 'updated' | 'not-modified' | 'skipped' | 'failed';
  readonly message?: string;
  readonly read?: number;
  readonly inserted?: number;
  readonly updated?: number;
  /** Indicators withdrawn because this pull no longer lists them and no other feed does. */
  readonly withdrawn?: number;
  /** Records of the feed that could not be read (the others were stored). */
  readonly badRecords?: number;
  /** Example problems (a few). */
  readonly problems?: readonly string[];
}

/** Options of `pullFeeds`. */
export interface PullFeedsOptions {
  /** Time of the pull (epoch ms). */
  readonly now: number;
  /** Pull every feed, due or not. */
  readonly force?: boolean;
  /** Only these feeds (by name). */
  readonly only?: readonly string[];
  /** Folder relative feed files are resolved against (the configuration's). */
  readonly baseDir?: string;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Pulls the configured feeds into the store, one after the other: a feed pulled successfully less
 * than its interval ago is skipped (unless `force`); URLs are fetched with `If-None-Match` /
 * `If-Modified-Since` from the last success, so an unchanged feed (304) costs one request and changes
 * nothing; a file feed whose size and modification time did not change is not read again; a TAXII
 * feed asks only for objects added after the last pull's cursor. A file or URL feed is a whole
 * snapshot: indicators it listed before and lists no more are withdrawn when no other feed lists
 * them (see `IndicatorStore.recordFeedListing`). Each feed is all or nothing: a feed
 * that fails (network, size, timeout, encoding, format) leaves the store as it was, and the failure
 * is recorded in its state with the time of the attempt.
 */
export async function pullFeeds(feeds: readonly FeedConfig[], store: IndicatorStore, options: PullFeedsOptions): Promise<PullOutcome[]> {
  const out: PullOutcome[] = [];
  for (const feed of feeds) {
    if (options.only !== undefined && !options.only.includes(feed.name)) continue;
    const state = (await store.getFeedState(feed.name)) ?? { name: feed.name };
    if (options.force !== true && state.lastSuccess !== undefined && options.now - state.lastSuccess < feed.intervalMinutes * 60_000) {
      const dueIn = Math.ceil((state.lastSuccess + feed.intervalMinutes * 60_000 - options.now) / 60_000);
      out.push({ name: feed.name, status: 'skipped', message: `not due for ${dueIn} min (pulled ${new Date(state.lastSuccess).toISOString()})` });
      continue;
    }
    try {
      out.push(await pullOne(feed, state, store, options));
    } catch (error) {
      if (options.signal?.aborted === true || !isVigilError(error)) throw error;
      await store.putFeedState({ ...state, lastAttempt: options.now, lastError: error.message.slice(0, 2000) });
      out.push({ name: feed.name, status: 'failed', message: error.message });
    }
  }
  return out;
}

async function pullOne(feed: FeedConfig, state: FeedState, store: IndicatorStore, options: PullFeedsOptions): Promise<PullOutcome> {
  const labels = { source: feed.source ?? feed.name, confidence: feed.confidence, tlp: feed.tlp };
  const succeed = async (next: Omit<FeedState, 'name' | 'lastAttempt' | 'lastSuccess' | 'lastError'>, result: FeedResult | undefined): Promise<PullOutcome> => {
    if (result === undefined) {
      await store.putFeedState({ ...withoutError(state), ...next, lastAttempt: options.now, lastSuccess: options.now });
      return { name: feed.name, status: 'not-modified', message: 'unchanged since the last pull' };
    }
    const put = await store.putIndicators(result.indicators);
    const badRecords = result.errors.length + result.errorsDropped;
    // A file or URL feed is a whole snapshot: what it no longer lists is withdrawn, unless some record
    // could not be read (its indicator would look dropped). TAXII pulls only what is new.
    const listing = await store.recordFeedListing(feed.name, result.indicators, options.now, feed.format !== 'taxii' && badRecords === 0);
    await store.putFeedState({ ...withoutError(state), ...next, lastAttempt: options.now, lastSuccess: options.now, lastCount: result.indicators.length });
    return {
      name: feed.name,
      status: 'updated',
      read: result.indicators.length,
      inserted: put.inserted,
      updated: put.updated,
      withdrawn: listing.withdrawn,
      badRecords,
      problems: result.errors.slice(0, 3).map(formatIntelError),
    };
  };

  if (feed.format === 'taxii') {
    const client = new TaxiiClient({ auth: await authOf(feed), maxBytes: feed.maxBytes, timeoutMs: feed.timeoutSeconds * 1000, signal: options.signal });
    const root = await client.resolveApiRoot(feed.url!);
    const pulled = await client.pullObjects(root, feed.collection!, { addedAfter: state.cursor, maxPages: feed.maxPages, maxObjects: feed.maxObjects });
    const read = readStixObjects({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000000', objects: pulled.objects }, { source: labels.source, ...(labels.confidence === undefined ? {} : { defaultConfidence: labels.confidence }), ...(labels.tlp === undefined ? {} : { tlp: labels.tlp }) });
    if (!read.ok) throw new VigilError('INPUT_CORRUPT', `${redact(new URL(root))}: ${formatIntelError(read.error)}`);
    return succeed(pulled.cursor === undefined ? {} : { cursor: pulled.cursor }, read.value);
  }

  if (feed.file !== undefined) {
    const path = isAbsolute(feed.file) ? feed.file : resolve(options.baseDir ?? process.cwd(), feed.file);
    const file = await readFeedFile(path, feed.maxBytes);
    // A file has no ETag: its size and modification time stand for one.
    const etag = `file:${file.size}:${Math.trunc(file.mtimeMs)}`;
    if (options.force !== true && state.etag === etag) return succeed({ etag }, undefined);
    return succeed({ etag }, readFeedBytes(file.bytes, feed.format, labels, path));
  }

  const url = feed.url!;
  const headers: Record<string, string> = { accept: '*/*' };
  if (state.etag !== undefined && !state.etag.startsWith('file:')) headers['if-none-match'] = state.etag;
  if (state.lastModified !== undefined) headers['if-modified-since'] = state.lastModified;
  const auth = await authOf(feed);
  if (auth?.type === 'basic') headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
  else if (auth?.type === 'bearer') headers.authorization = `Bearer ${auth.token}`;
  const res = await boundedGet({ url, headers, maxBytes: feed.maxBytes, timeoutMs: feed.timeoutSeconds * 1000, signal: options.signal });
  const where = redact(new URL(url));
  if (res.status === 304) return succeed(pick(state), undefined);
  if (res.status !== 200) throw new VigilError('INPUT_UNREADABLE', `${where}: HTTP ${res.status}${res.status === 401 || res.status === 403 ? " (check the feed's credentials)" : ''}`);
  const etag = header(res.headers.etag);
  const lastModified = header(res.headers['last-modified']);
  return succeed({ ...(etag === undefined ? {} : { etag }), ...(lastModified === undefined ? {} : { lastModified }) }, readFeedBytes(res.body, feed.format, labels, where));
}

async function authOf(feed: FeedConfig): Promise<{ type: 'basic'; username: string; password: string } | { type: 'bearer'; token: string } | undefined> {
  const a = feed.auth;
  if (a === undefined) return undefined;
  if (a.type === 'bearer') return { type: 'bearer', token: await resolveSecret(a.token, `feed ${feed.name}`) };
  return { type: 'basic', username: a.username, password: await resolveSecret(a.password, `feed ${feed.name}`) };
}

function header(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.length > 512 ? undefined : s;
}

function pick(state: FeedState): Omit<FeedState, 'name'> {
  return { ...(state.etag === undefined ? {} : { etag: state.etag }), ...(state.lastModified === undefined ? {} : { lastModified: state.lastModified }) };
}

function withoutError(state: FeedState): FeedState {
  const out: { -readonly [K in keyof FeedState]: FeedState[K] } = { ...state };
  delete out.lastError;
  return out;
}
