import type { IndicatorHit, IndicatorIndex } from '../intel/index.js';
import { toEcsThreatIndicator } from '../intel/index.js';
import type { Severity } from '../../schema/severity.js';
import { buildAlert, type RuleDefinition } from './alert-factory.js';
import { formatDuration } from './auth-facts.js';
import type { AlertSink, Detector } from './detector.js';
import { EpisodeBook } from './episode-book.js';

export const INTEL_MATCH_RULE: RuleDefinition = {
  id: 'vigil.intel.indicator_match',
  name: 'Activity from a threat-intelligence indicator',
  description: 'An event names an address, domain, URL, e-mail address or file hash that a loaded threat-intelligence feed lists as malicious.',
  category: 'intel',
  severity: 'medium',
  technique: 'T1110',
};

const GAP_MS = 60 * 60_000;

/** Severity from the indicator's confidence (0–100). */
function severityOf(confidence: number | undefined): Severity {
  if (confidence === undefined) return 'medium';
  return confidence >= 80 ? 'high' : confidence >= 50 ? 'medium' : 'low';
}

/**
 * Matches every observable of every event (`source.ip`, `destination.ip`, `url.*`, `related.*`,
 * `file.hash.*` …; see `IndicatorIndex.matchEvent`) against the indicator index, honouring expiry
 * and revocation at the event's time. One alert per indicator and observed value while the activity
 * continues, carrying the indicator in ECS `threat.indicator.*` and the field it was seen in. The
 * technique follows what the address did: failed authentication is brute force (T1110), a
 * successful login valid-account use (T1078).
 */
export function createIntelDetector(index: IndicatorIndex, emit: AlertSink): Detector {
  const hits = new Map<string, { match: IndicatorHit; succeeded: boolean }>();
  const episodes = new EpisodeBook(GAP_MS, (key, episode) => {
    const hit = hits.get(key);
    hits.delete(key);
    if (hit === undefined) return;
    const ind = hit.match.indicator;
    const observed = hit.match.observed;
    emit(
      buildAlert({
        rule: INTEL_MATCH_RULE,
        key,
        episode,
        severity: severityOf(ind.confidence),
        technique: hit.succeeded ? 'T1078' : 'T1110',
        message:
          `${observed} is listed by ${ind.source} (${ind.type} ${ind.value}, confidence ${ind.confidence ?? 'unknown'}` +
          `${ind.tlp === undefined ? '' : `, TLP:${ind.tlp.toUpperCase()}`}) and appeared in ${episode.count} event(s) over ${formatDuration(episode.end - episode.start)}` +
          `${hit.succeeded ? ', including a successful login' : ''}.`,
        explanation: {
          indicator: ind.value,
          indicator_type: ind.type,
          match: hit.match.match,
          source: ind.source,
          confidence: ind.confidence ?? null,
          observed,
          field: hit.match.field,
        },
        indicator: { ...toEcsThreatIndicator(ind) },
      }),
    );
  });
  return {
    id: INTEL_MATCH_RULE.id,
    observablesOnly: true,
    observe(ts, e) {
      episodes.sweep(ts);
      const found = index.matchEvent(e, { at: ts });
      if (found.length === 0) return;
      const succeeded = e.event.action === 'ssh_login' && e.event.outcome === 'success';
      // One alert per indicator and observed value: several indicators of one value (an address and
      // its block) would otherwise page twice for the same activity; the first (most specific) wins.
      const perValue = new Set<string>();
      for (const match of found) {
        if (perValue.has(match.observed)) continue;
        perValue.add(match.observed);
        const key = `${match.indicator.value}\u0000${match.observed}`;
        const episode = episodes.get(key, ts) ?? episodes.start(key, ts, ts);
        episode.add(ts, e);
        const previous = hits.get(key);
        hits.set(key, { match: previous?.match ?? match, succeeded: (previous?.succeeded ?? false) || succeeded });
      }
    },
    flush: () => {
      episodes.closeAll();
    },
  };
}
