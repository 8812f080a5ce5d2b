import { existsSync } from 'node:fs';
import { INTEL_MATCH_RULE } from '../../core/detect/intel-detector.js';
import { buildStixExport, indicatorKey, type Indicator, type StixSightingInput } from '../../core/intel/index.js';
import { VigilError } from '../../lib/errors.js';
import { openSqliteDatabase } from '../store/sqlite-database.js';
import { alertStoreOn } from '../store/sqlite-store.js';
import { indicatorStoreOn } from './sqlite-indicator-store.js';

/** Options of `exportStix`. */
export interface ExportStixOptions {
  readonly now: number;
  /** Only indicators seen in stored intel alerts. */
  readonly matchedOnly?: boolean;
  readonly producer?: string;
}

/**
 * The STIX 2.1 bundle of the store's active indicators and a sighting for each one that stored intel
 * alerts matched (`threat.indicator.name`/`provider` name the indicator; counts and times add up
 * over the alerts).
 */
export async function exportStix(dbPath: string, options: ExportStixOptions): Promise<ReturnType<typeof buildStixExport>> {
  if (dbPath !== ':memory:' && !existsSync(dbPath)) throw new VigilError('INPUT_NOT_FOUND', `no store at ${dbPath}`);
  const db = openSqliteDatabase(dbPath);
  try {
    const indicators = await indicatorStoreOn(db, { closeDatabase: false }).activeIndicators(options.now);
    const alerts = await alertStoreOn(db, { closeDatabase: false }).listAlerts({ ruleId: INTEL_MATCH_RULE.id, limit: 100_000 });
    const byKey = new Map<string, Indicator>();
    const byValueSource = new Map<string, Indicator>();
    for (const i of indicators) byValueSource.set(`${i.value}\u0000${i.source}`, i);
    const seen = new Map<string, StixSightingInput>();
    for (const a of alerts) {
      const ti = a.threat.indicator;
      const name = typeof ti?.name === 'string' ? ti.name : undefined;
      const provider = typeof ti?.provider === 'string' ? ti.provider : undefined;
      if (name === undefined || provider === undefined) continue;
      const ind = byValueSource.get(`${name}\u0000${provider}`);
      const type = ind?.type ?? 'ipv4';
      const key = indicatorKey({ type, value: name, source: provider });
      if (ind !== undefined) byKey.set(key, ind);
      const start = Date.parse(a.event.start);
      const end = Date.parse(a.event.end);
      const prev = seen.get(key);
      seen.set(key, {
        type,
        value: name,
        source: provider,
        count: (prev?.count ?? 0) + a.event.count,
        firstSeen: Math.min(prev?.firstSeen ?? start, start),
        lastSeen: Math.max(prev?.lastSeen ?? end, end),
      });
    }
    const exported = options.matchedOnly === true ? [...byKey.values()] : indicators;
    return buildStixExport(exported, [...seen.values()], { now: options.now, producer: options.producer ?? 'Vigil' });
  } finally {
    db.close();
  }
}
