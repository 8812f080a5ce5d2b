import type { IndicatorIndex, IndicatorMatch } from '../intel/index.js';
import { toEcsThreatIndicator } from '../intel/index.js';
import type { Severity } from '../../schema/severity.js';
import { buildAlert, type RuleDefinition } from './alert-factory.js';
import { formatDuration } from './auth-facts.js';
import type { AlertSink, Detector } from './detector.js';
import { EpisodeBook } from './episode-book.js';

export const INTEL_MATCH_RULE: RuleDefinition = {
  id: 'vigil.intel.indicator_match',
  name: 'Activity from a threat-intelligence indicator',
  description: 'An event names an address that a loaded threat-intelligence feed lists as malicious.',
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
 * Matches every event's source address against the indicator index (exact addresses and CIDR blocks,
 * honouring expiry and revocation at the event's time). One alert per indicator and address while the
 * activity continues, carrying the indicator in ECS `threat.indicator.*`. The technique follows what
 * the address did: failed authentication is brute force (T1110), a successful login valid-account
 * use (T1078).
 */
export function createIntelDetector(index: IndicatorIndex, emit: AlertSink): Detector {
  const hits = new Map<string, { match: IndicatorMatch; succeeded: boolean }>();
  const episodes = new EpisodeBook(GAP_MS, (key, episode) => {
    const hit = hits.get(key);
    hits.delete(key);
    if (hit === undefined) return;
    const ind = hit.match.indicator;
    const observed = [...episode.ips][0] ?? ind.value;
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
        explanation: { indicator: ind.value, indicator_type: ind.type, match: hit.match.match, source: ind.source, confidence: ind.confidence ?? null, observed },
        indicator: { ...toEcsThreatIndicator(ind) },
      }),
    );
  });
  return {
    id: INTEL_MATCH_RULE.id,
    observe(ts, e) {
      episodes.sweep(ts);
      const ip = e.source?.ip;
      if (ip === undefined) return;
      const matches = index.matchIp(ip, ts);
      const match = matches[0];
      if (match === undefined) return;
      const key = `${match.indicator.value}\u0000${ip}`;
      const episode = episodes.get(key, ts) ?? episodes.start(key, ts, ts);
      episode.add(ts, e);
      const previous = hits.get(key);
      hits.set(key, { match, succeeded: (previous?.succeeded ?? false) || (e.event.action === 'ssh_login' && e.event.outcome === 'success') });
    },
    flush: () => {
      episodes.closeAll();
    },
  };
}
