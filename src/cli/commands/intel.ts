import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { text as readStream } from 'node:stream/consumers';
import { type ParseArgsConfig } from 'node:util';
import {
  buildIndicator,
  buildStixExport,
  defang,
  detectIndicatorType,
  EXTRACTED_TYPES,
  extractIocs,
  FEED_FORMATS,
  INDICATOR_TYPES,
  normalizeIndicator,
  tlpFromName,
  type FeedFormat,
  type Indicator,
  type IndicatorType,
} from '../../core/intel/index.js';
import { VigilError } from '../../lib/errors.js';
import { DEFAULT_DB_PATH } from '../../runtime/store/default-path.js';
import { parseCommandArgs, UsageError } from '../command.js';

const HELP = `Usage: vigil intel <verb> [options]

extract [FILE|-] [--json | --stix] [--defang]
          pull indicators out of free text (reports, e-mails, chat): IPv4/IPv6/CIDR, domains (valid
          public suffixes only), URLs, e-mail addresses, MD5/SHA1/SHA256/SHA512, CVE and ATT&CK ids,
          Bitcoin addresses, Windows registry keys and paths. Defanged forms (hxxp, [.], (at), [:] …)
          are refanged first. --json groups by type; --stix prints a STIX 2.1 bundle of the indicators;
          --defang prints the values defanged.
import FILE --format F [--source NAME] [--confidence N] [--tlp LEVEL]
          store a feed file's indicators (re-importing updates, never duplicates). Formats:
          ${FEED_FORMATS.filter((f) => f !== 'taxii').join(', ')}
pull [--force] [--feed NAME]...
          pull the feeds under "intel.feeds" in --config (URL, file or TAXII collection), each at most
          once per interval (--force: all now), with conditional requests; exit 1 if one failed
list [--type T] [--source NAME] [--all] [--limit N] [--json]
          stored indicators (active now, or --all)
search VALUE [--json]
          stored indicators that match VALUE (exact, enclosing CIDR, parent domain) or contain it
stats [--json]
          counts by state, type and source, and each feed's last pull
export --format stix [--out FILE] [--matched-only]
          a STIX 2.1 bundle of the active indicators, with a sighting for each one seen in stored
          intel alerts (--matched-only: only those)

Common options: --db PATH (default ${DEFAULT_DB_PATH}), --config FILE (YAML/JSON, "intel:" section)
`;

type Values = Record<string, string | boolean | string[] | undefined>;

/** `vigil intel …` */
export async function runIntel(args: string[], signal?: AbortSignal): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === undefined || verb === '--help' || verb === '-h') {
    process.stdout.write(HELP);
    return verb === undefined ? 2 : 0;
  }
  switch (verb) {
    case 'extract':
      return runExtract(rest);
    case 'import':
      return runImport(rest);
    case 'pull':
      return runPull(rest, signal);
    case 'list':
      return runList(rest);
    case 'search':
      return runSearch(rest);
    case 'stats':
      return runStats(rest);
    case 'export':
      return runExport(rest);
    default:
      throw new UsageError(`unknown intel verb "${verb}"\n\n${HELP}`);
  }
}

const COMMON = { db: { type: 'string' }, config: { type: 'string' }, json: { type: 'boolean' } } as const;

function parse(rest: string[], options: NonNullable<ParseArgsConfig['options']>): { values: Values; positionals: string[] } {
  const r = parseCommandArgs({ args: rest, allowPositionals: true, options: { ...COMMON, ...options } }, HELP);
  return { values: r.values, positionals: r.positionals };
}

const str = (v: Values[string]): string | undefined => (typeof v === 'string' ? v : undefined);

async function openStore(values: Values) {
  const { openSqliteIndicatorStore } = await import('../../runtime/intel/sqlite-indicator-store.js');
  return openSqliteIndicatorStore(str(values.db) ?? DEFAULT_DB_PATH);
}

async function runExtract(rest: string[]): Promise<number> {
  const { values, positionals } = parse(rest, { defang: { type: 'boolean' }, stix: { type: 'boolean' } });
  if (positionals.length > 1) throw new UsageError('intel extract reads one FILE (or - for standard input)');
  if (values.stix === true && (values.json === true || values.defang === true)) throw new UsageError('--stix goes without --json and --defang');
  const source = positionals[0] ?? '-';
  let text: string;
  try {
    text = source === '-' ? await readStream(process.stdin) : await readFile(source, 'utf8');
  } catch (cause) {
    throw new VigilError('INPUT_UNREADABLE', `cannot read ${source}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  const result = extractIocs(text);
  if (!result.ok) throw new VigilError('INVALID_ARGUMENT', `${source}: ${result.error.message}`);
  const show = (value: string): string => (values.defang === true ? defang(value) : value);
  if (values.stix === true) {
    // Only the observable types a STIX pattern can name; CVE, ATT&CK ids, paths … stay in the text output.
    const now = Date.now();
    const indicators: Indicator[] = [];
    for (const type of INDICATOR_TYPES) {
      for (const ioc of result.value[type]) {
        const built = buildIndicator(type, ioc.value, { source: `vigil intel extract ${basename(source)}`, labels: [], revoked: false, firstSeen: now });
        if (built.ok) indicators.push(built.value);
      }
    }
    const { bundle } = buildStixExport(indicators, [], { now, producer: 'Vigil' });
    process.stdout.write(`${JSON.stringify(bundle, null, 2)}\n`);
    return 0;
  }
  if (values.json === true) {
    const grouped = Object.fromEntries(
      EXTRACTED_TYPES.filter((t) => result.value[t].length > 0).map((t) => [t, result.value[t].map((i) => ({ value: show(i.value), count: i.positions.length, defanged: i.defanged }))]),
    );
    process.stdout.write(`${JSON.stringify(grouped, null, 2)}\n`);
    return 0;
  }
  let total = 0;
  for (const type of EXTRACTED_TYPES) {
    for (const ioc of result.value[type]) {
      total++;
      process.stdout.write(`${type.padEnd(9)} ${show(ioc.value)}${ioc.positions.length > 1 ? `  (${ioc.positions.length}×)` : ''}\n`);
    }
  }
  process.stdout.write(`${total} indicator(s)\n`);
  return 0;
}

async function runImport(rest: string[]): Promise<number> {
  const { values, positionals } = parse(rest, { format: { type: 'string' }, source: { type: 'string' }, confidence: { type: 'string' }, tlp: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('intel import needs exactly one FILE');
  const format = str(values.format);
  if (format === undefined || format === 'taxii' || !(FEED_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FEED_FORMATS.filter((f) => f !== 'taxii').join(', ')}`);
  }
  const confidence = str(values.confidence) === undefined ? undefined : Number(str(values.confidence));
  if (confidence !== undefined && !(Number.isInteger(confidence) && confidence >= 0 && confidence <= 100)) throw new UsageError('--confidence must be an integer from 0 to 100');
  const tlpRaw = str(values.tlp);
  const tlp = tlpRaw === undefined ? undefined : tlpFromName(tlpRaw);
  if (tlpRaw !== undefined && tlp === undefined) throw new UsageError('--tlp must be clear, white, green, amber, amber+strict or red');
  const path = positionals[0]!;
  const { readFeedFile, readFeedBytes } = await import('../../runtime/intel/read-feed-source.js');
  const file = await readFeedFile(path, 512 * 1024 * 1024);
  const result = readFeedBytes(file.bytes, format as FeedFormat, { source: str(values.source) ?? basename(path), confidence, tlp }, path);
  const store = await openStore(values);
  try {
    const put = await store.putIndicators(result.indicators);
    const bad = result.errors.length + result.errorsDropped;
    if (values.json === true) process.stdout.write(`${JSON.stringify({ file: path, read: result.indicators.length, ...put, bad_records: bad, skipped: result.skipped })}\n`);
    else {
      process.stdout.write(`${path}: ${result.indicators.length} indicator(s) read, ${put.inserted} new, ${put.updated} updated${bad > 0 ? `, ${bad} record(s) not read` : ''}.\n`);
      const { formatIntelError } = await import('../../core/intel/index.js');
      for (const e of result.errors.slice(0, 5)) process.stderr.write(`vigil: ${path}: ${formatIntelError(e)}\n`);
    }
  } finally {
    await store.close();
  }
  return 0;
}

async function runPull(rest: string[], signal: AbortSignal | undefined): Promise<number> {
  const { values } = parse(rest, { force: { type: 'boolean' }, feed: { type: 'string', multiple: true } });
  const configPath = str(values.config);
  const { loadIntelConfig } = await import('../../runtime/intel/load-intel-config.js');
  const config = await loadIntelConfig(configPath);
  if (config.feeds.length === 0) throw new VigilError('INVALID_CONFIG', `no feeds under "intel.feeds" in ${configPath ?? 'the configuration (give --config FILE)'}`);
  const only = Array.isArray(values.feed) ? values.feed : undefined;
  for (const name of only ?? []) if (!config.feeds.some((f) => f.name === name)) throw new UsageError(`no feed named "${name}" in the configuration`);
  const { pullFeeds } = await import('../../runtime/intel/pull-feeds.js');
  const store = await openStore(values);
  try {
    const outcomes = await pullFeeds(config.feeds, store, {
      now: Date.now(),
      force: values.force === true,
      ...(only === undefined ? {} : { only }),
      ...(configPath === undefined ? {} : { baseDir: dirname(configPath) }),
      signal,
    });
    if (values.json === true) process.stdout.write(`${JSON.stringify(outcomes, null, 2)}\n`);
    else {
      for (const o of outcomes) {
        const counts = o.status === 'updated' ? `: ${o.read ?? 0} read, ${o.inserted ?? 0} new, ${o.updated ?? 0} updated${o.withdrawn ? `, ${o.withdrawn} withdrawn (no longer listed)` : ''}${o.badRecords ? `, ${o.badRecords} record(s) not read` : ''}` : o.message === undefined ? '' : `: ${o.message}`;
        process.stdout.write(`${o.name.padEnd(20)} ${o.status}${counts}\n`);
      }
    }
    return outcomes.some((o) => o.status === 'failed') ? 1 : 0;
  } finally {
    await store.close();
  }
}

async function runList(rest: string[]): Promise<number> {
  const { values } = parse(rest, { type: { type: 'string' }, source: { type: 'string' }, all: { type: 'boolean' }, limit: { type: 'string' } });
  const type = str(values.type);
  if (type !== undefined && !(INDICATOR_TYPES as readonly string[]).includes(type)) throw new UsageError(`--type must be one of ${INDICATOR_TYPES.join(', ')}`);
  const limit = parseLimit(str(values.limit));
  const store = await openStore(values);
  try {
    const list = await store.listIndicators({
      ...(type === undefined ? {} : { type: type as IndicatorType }),
      ...(str(values.source) === undefined ? {} : { source: str(values.source)! }),
      ...(values.all === true ? {} : { activeAt: Date.now() }),
      limit,
    });
    printIndicators(list, values.json === true);
  } finally {
    await store.close();
  }
  return 0;
}

async function runSearch(rest: string[]): Promise<number> {
  const { values, positionals } = parse(rest, {});
  if (positionals.length !== 1 || positionals[0]!.trim() === '') throw new UsageError('intel search needs one VALUE');
  const raw = positionals[0]!.trim();
  const store = await openStore(values);
  try {
    const now = Date.now();
    const found = new Map<string, { indicator: Indicator; match: string }>();
    const key = (i: Indicator): string => `${i.type}\u0000${i.value}\u0000${i.source}`;
    const type = detectIndicatorType(raw);
    if (type !== undefined) {
      const { createStoreLookup } = await import('../../runtime/intel/store-lookup.js');
      const n = normalizeIndicator(type, raw);
      const lookup = await createStoreLookup(store, now);
      for (const m of lookup.lookupIndicator(n.ok ? n.value.type : type, n.ok ? n.value.value : raw, now)) found.set(key(m.indicator), { indicator: m.indicator, match: m.match });
      if (n.ok) for (const i of await store.findByValue(n.value.type, n.value.value)) if (!found.has(key(i))) found.set(key(i), { indicator: i, match: 'exact (inactive)' });
    }
    for (const i of await store.listIndicators({ contains: raw, limit: 1000 })) if (!found.has(key(i))) found.set(key(i), { indicator: i, match: 'contains' });
    const rows = [...found.values()];
    if (values.json === true) process.stdout.write(`${JSON.stringify(rows.map((r) => ({ match: r.match, ...r.indicator })), null, 2)}\n`);
    else {
      for (const r of rows) process.stdout.write(`${r.match.padEnd(17)} ${formatIndicator(r.indicator)}\n`);
      process.stdout.write(`${rows.length} indicator(s)\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

async function runStats(rest: string[]): Promise<number> {
  const { values } = parse(rest, {});
  const store = await openStore(values);
  try {
    const stats = await store.stats(Date.now());
    const feeds = await store.listFeedStates();
    if (values.json === true) {
      process.stdout.write(`${JSON.stringify({ ...stats, feeds }, null, 2)}\n`);
      return 0;
    }
    const out = [
      `Indicators: ${stats.total} stored, ${stats.active} active, ${stats.expired} expired, ${stats.revoked} revoked, ${stats.withdrawn} withdrawn by their feeds, ${stats.notYetValid} not yet valid`,
      `Active by type:   ${Object.entries(stats.byType).map(([k, n]) => `${k} ${n}`).join(', ') || '-'}`,
      `Active by source: ${Object.entries(stats.bySource).slice(0, 20).map(([k, n]) => `${k} ${n}`).join(', ') || '-'}`,
    ];
    for (const f of feeds) {
      const when = (t: number | undefined): string => (t === undefined ? 'never' : new Date(t).toISOString());
      out.push(`Feed ${f.name}: last success ${when(f.lastSuccess)}, last attempt ${when(f.lastAttempt)}${f.lastError === undefined ? '' : `, last error: ${f.lastError}`}`);
    }
    process.stdout.write(`${out.join('\n')}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

async function runExport(rest: string[]): Promise<number> {
  const { values } = parse(rest, { format: { type: 'string' }, out: { type: 'string' }, 'matched-only': { type: 'boolean' } });
  if (str(values.format) !== 'stix') throw new UsageError('intel export needs --format stix');
  const { exportStix } = await import('../../runtime/intel/export-stix.js');
  const db = str(values.db) ?? DEFAULT_DB_PATH;
  const result = await exportStix(db, { now: Date.now(), matchedOnly: values['matched-only'] === true });
  const text = `${JSON.stringify(result.bundle, null, 2)}\n`;
  const out = str(values.out);
  if (out === undefined || out === '-') process.stdout.write(text);
  else {
    try {
      await writeFile(out, text);
    } catch (cause) {
      throw new VigilError('OUTPUT_FAILED', `cannot write ${out}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
  }
  process.stderr.write(`Exported ${result.indicators} indicator(s) and ${result.sightings} sighting(s)${result.sightingsWithoutIndicator > 0 ? ` (${result.sightingsWithoutIndicator} matched indicator(s) are not in the store)` : ''}.\n`);
  return 0;
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return 1000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new UsageError('--limit must be an integer from 1 to 100000');
  return n;
}

function formatIndicator(i: Indicator): string {
  const parts = [i.type.padEnd(6), i.value, `source=${i.source}`];
  if (i.confidence !== undefined) parts.push(`confidence=${i.confidence}`);
  if (i.tlp !== undefined) parts.push(`TLP:${i.tlp.toUpperCase()}`);
  if (i.validUntil !== undefined) parts.push(`valid_until=${new Date(i.validUntil).toISOString()}`);
  if (i.revoked) parts.push('REVOKED');
  if (i.labels.length > 0) parts.push(`labels=${i.labels.slice(0, 5).join(',')}`);
  return parts.join('  ');
}

function printIndicators(list: readonly Indicator[], json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return;
  }
  for (const i of list) process.stdout.write(`${formatIndicator(i)}\n`);
  process.stdout.write(`${list.length} indicator(s)\n`);
}
