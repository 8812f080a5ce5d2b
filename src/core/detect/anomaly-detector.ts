import type { DetectionConfig } from '../../schema/config.js';
import { AuthWindowFeatures, historyBefore, type EntityKind, type EntityWindow, type FeatureMatrix } from '../anomaly/auth-window-features.js';
import { scoreByDistinctRows } from '../anomaly/distinct-rows.js';
import type { IsolationForestModel } from '../anomaly/isolation-forest-model.js';
import { buildAlert, type RuleDefinition } from './alert-factory.js';
import type { AlertSink, Detector } from './detector.js';
import { Episode } from './episode.js';
import { deservesAlert, hasExtremeRiskFeature, populationStats, riskShare, type Driver, type PopulationStats } from './anomaly-gates.js';

export const SOURCE_ANOMALY_RULE: RuleDefinition = {
  id: 'vigil.anomaly.source_behaviour',
  name: 'Anomalous authentication behaviour of a source address',
  description: 'An Isolation Forest over per-source, per-window features isolated this source far faster than the others.',
  category: 'anomaly',
  severity: 'medium',
  technique: 'T1110',
};

export const USER_ANOMALY_RULE: RuleDefinition = {
  id: 'vigil.anomaly.account_behaviour',
  name: 'Anomalous authentication behaviour of an account',
  description: 'An Isolation Forest over per-account, per-window features isolated this account far faster than the others.',
  category: 'anomaly',
  severity: 'medium',
  technique: 'T1078',
};

/** How the detector fits a forest; injected so the core stays free of a particular implementation. */
export type FitForest = (data: Float64Array, rows: number, cols: number, seed: number, trees: number) => IsolationForestModel;

/**
 * Unsupervised anomaly detection over per-entity, per-window authentication features. The forest is
 * fitted at the end of a batch over every window seen; a window is anomalous when Liu et al.'s score
 * s(x) = −score_samples(x) reaches `minScore` (no fixed contamination: quiet input yields no alerts).
 * Consecutive anomalous windows of one entity become one alert that names the features that
 * isolated it and how they compare with the typical window.
 */
export function createAnomalyDetector(config: DetectionConfig['anomaly'], fit: FitForest, emit: AlertSink): Detector {
  const windowMs = config.windowMinutes * 60_000;
  const features = new AuthWindowFeatures(windowMs);
  return {
    id: 'vigil.anomaly',
    actions: ['ssh_login'],
    observe: (ts, e) => {
      features.observe(ts, e);
    },
    flush() {
      for (const kind of ['source', 'user'] as const) {
        const matrix = features.matrix(kind);
        if (matrix.rows < config.minWindows) continue;
        const model = fit(matrix.data, matrix.rows, matrix.cols, config.seed, config.trees);
        const scores = scoreByDistinctRows(matrix.data, matrix.rows, matrix.cols, (distinct) => model.scoreSamples(distinct));
        reportAnomalies(kind, matrix, model, scores, config, windowMs, emit);
      }
    },
  };
}

/** A window the forest isolated, with why. */
interface Finding {
  readonly row: number;
  readonly drivers: Driver[];
}

function reportAnomalies(
  kind: EntityKind,
  m: FeatureMatrix,
  model: IsolationForestModel,
  scores: Float64Array,
  config: DetectionConfig['anomaly'],
  windowMs: number,
  emit: AlertSink,
): void {
  let stats: PopulationStats | undefined;
  const byEntity = new Map<string, Finding[]>();
  for (let r = 0; r < m.rows; r++) {
    if (-scores[r]! < config.minScore) continue;
    stats ??= populationStats(m, config);
    const window = m.windows[r]!;
    // Cheap gate first: explaining a row walks every tree, and most rows have no extreme risk feature.
    if (!hasExtremeRiskFeature(m, r, stats, config)) continue;
    const finding = explainRow(r, m, model, stats);
    if (!deservesAlert(window, finding.drivers, m.names, stats, config)) continue;
    let findings = byEntity.get(window.entity);
    if (findings === undefined) byEntity.set(window.entity, (findings = []));
    findings.push(finding);
  }
  if (byEntity.size === 0) return;
  const sortedScores = Float64Array.from(scores).sort();
  for (const [entity, findings] of byEntity) {
    // Windows closer than one window apart belong to one episode.
    let group: Finding[] = [];
    const flushGroup = (): void => {
      if (group.length > 0) emit(anomalyAlert(kind, entity, group, m, scores, sortedScores, config));
      group = [];
    };
    for (const f of findings) {
      const prev = group.at(-1);
      if (prev !== undefined && m.windows[f.row]!.start - m.windows[prev.row]!.start > windowMs) flushGroup();
      group.push(f);
    }
    flushGroup();
  }
}

function explainRow(row: number, m: FeatureMatrix, model: IsolationForestModel, stats: PopulationStats): Finding {
  const explanation = model.explain(m.data.subarray(row * m.cols, (row + 1) * m.cols));
  const drivers = [...explanation.fractions]
    .map((share, c) => ({ name: m.names[c]!, share, value: m.raw[row * m.cols + c]!, typical: stats.typical[c]! }))
    .filter((d) => d.share > 0)
    .sort((a, b) => b.share - a.share);
  return { row, drivers };
}

function anomalyAlert(
  kind: EntityKind,
  entity: string,
  findings: Finding[],
  m: FeatureMatrix,
  scores: Float64Array,
  sortedScores: Float64Array,
  config: DetectionConfig['anomaly'],
): ReturnType<typeof buildAlert> {
  const worst = findings.reduce((a, b) => (scores[b.row]! < scores[a.row]! ? b : a));
  const window = m.windows[worst.row]!;
  const history = historyBefore(window);
  const drivers = worst.drivers.filter((d) => d.share > 0.05).slice(0, 3);
  const windows = findings.map((f) => m.windows[f.row]!);
  const episode = windowsEpisode(windows);
  const score = -scores[worst.row]!;
  const rank = lowerCount(sortedScores, scores[worst.row]!) / sortedScores.length;
  const failureHeavy = windows.reduce((n, w) => n + w.failures - w.successes, 0) > 0;
  const rule = kind === 'source' ? SOURCE_ANOMALY_RULE : USER_ANOMALY_RULE;
  const what = kind === 'source' ? `Source ${entity}` : `Account "${entity}"`;
  const reasons = drivers.map((d) => `${d.name} = ${fmt(d.value)} (typical ${fmt(d.typical)}; ${Math.round(d.share * 100)}% of the isolation)`).join(', ');
  return buildAlert({
    rule,
    key: `${kind}\u0000${entity}`,
    episode,
    technique: failureHeavy ? 'T1110' : 'T1078',
    message:
      `${what} behaved unlike ${(100 * (1 - rank)).toFixed(2)}% of the ${m.rows} ${kind} windows: anomaly score ${score.toFixed(3)} ` +
      `(threshold ${config.minScore}) in ${windows.length} window(s) of ${config.windowMinutes} min. Driven by ${reasons || 'no single feature'}.`,
    explanation: {
      entity_kind: kind,
      entity,
      score,
      threshold: config.minScore,
      risk_share: riskShare(worst.drivers),
      entity_history_windows: history.windows,
      entity_history_max: Object.fromEntries(m.names.map((name, c) => [name, history.max[c] ?? 0])),
      windows: windows.length,
      window_minutes: config.windowMinutes,
      features: Object.fromEntries(m.names.map((name, c) => [name, m.raw[worst.row * m.cols + c]!])),
      drivers,
    },
    ...(kind === 'source' ? { extraIps: [entity] } : { extraUsers: [entity] }),
  });
}

function windowsEpisode(windows: EntityWindow[]): Episode {
  const episode = new Episode(windows[0]!.start, windows[0]!.start);
  for (const w of windows) {
    episode.end = Math.max(episode.end, w.end);
    for (const host of w.hosts()) episode.hosts.add(host);
    if (w.kind === 'source') for (const u of w.peers()) episode.users.add(u);
    else for (const ip of w.peers()) episode.ips.add(ip);
  }
  episode.count = windows.reduce((n, w) => n + w.count, 0);
  episode.addEvidence(windows.flatMap((w) => w.evidence()));
  return episode;
}

/** How many of the sorted values are strictly lower than `x`. */
function lowerCount(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(2));
