import { MatchContext, type MatchExplanation, type SigmaLevel, type SigmaRule } from '../sigma/index.js';
import { createEventReader } from '../sigma/events/index.js';
import { buildLogsourceIndex, type SigmaMappings } from '../sigma/logsource/index.js';
import type { Severity } from '../../schema/severity.js';
import { buildAlert, type RuleDefinition } from './alert-factory.js';
import type { AlertSink, Detector } from './detector.js';
import { EpisodeBook } from './episode-book.js';

const GAP_MS = 60 * 60_000;
const LEVEL_SEVERITY: Readonly<Record<SigmaLevel, Severity>> = { informational: 'low', low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

/** The first ATT&CK technique a rule's tags name (`attack.t1110.001` → `T1110.001`), or null. */
export function techniqueFromTags(tags: readonly string[] | undefined): string | null {
  for (const tag of tags ?? []) {
    const m = /^attack\.(t\d{4}(?:\.\d{3})?)$/i.exec(tag);
    if (m?.[1] !== undefined) return m[1].toUpperCase();
  }
  return null;
}

/**
 * Runs Sigma rules inside `vigil analyze`: each ECS event from Vigil's parsers is read through the
 * Vigil-ECS mapping, offered to the rules its logsource can match, and a match becomes an alert. One
 * alert per rule and host while matches keep coming (an hour apart at most).
 */
export function createSigmaDetector(rules: readonly SigmaRule[], mappings: SigmaMappings, emit: AlertSink): Detector {
  const reader = createEventReader(mappings.events);
  const index = buildLogsourceIndex(rules, mappings.logsources);
  const state = new Map<string, { rule: SigmaRule; why: MatchExplanation }>();
  const episodes = new EpisodeBook(GAP_MS, (key, episode) => {
    const hit = state.get(key);
    state.delete(key);
    if (hit === undefined) return;
    const meta = hit.rule.meta;
    const technique = techniqueFromTags(meta.tags);
    const definition: RuleDefinition = {
      id: meta.id,
      name: meta.title,
      description: meta.description ?? meta.title,
      category: 'sigma',
      severity: LEVEL_SEVERITY[meta.level ?? 'medium'],
      technique: null,
      ...(meta.references === undefined ? {} : { references: meta.references }),
    };
    const fields = [...new Set(hit.why.selections.flatMap((s) => s.fields.map((f) => `${f.field}${f.modifiers.length ? `|${f.modifiers.join('|')}` : ''} = ${f.actual}`)))];
    emit(
      buildAlert({
        rule: definition,
        key,
        episode,
        ...(technique === null ? {} : { technique }),
        message:
          `Sigma rule "${meta.title}" (${meta.id}${meta.author === undefined ? '' : `, by ${meta.author}`}) matched ${episode.count} event(s) on ` +
          `${[...episode.hosts].join(', ') || 'an unknown host'}: ${hit.why.selections.map((s) => s.name).join(', ')}${fields.length ? ` (${fields.slice(0, 3).join('; ')})` : ''}.`,
        explanation: { rule_path: meta.path, level: meta.level ?? null, selections: hit.why.selections },
      }),
    );
  });
  return {
    id: 'vigil.sigma',
    observe(ts, e) {
      episodes.sweep(ts);
      const read = reader.readValue(e);
      if (!read.ok) return;
      const view = read.value;
      const candidates = index.candidates(view);
      if (candidates.length === 0) return;
      const context = new MatchContext(view);
      for (const rule of candidates) {
        const why = rule.match(context);
        if (why === undefined) continue;
        const key = `${rule.meta.id}\u0000${e.host?.name ?? ''}`;
        const episode = episodes.get(key, ts) ?? episodes.start(key, ts, ts);
        episode.add(ts, e);
        if (!state.has(key)) state.set(key, { rule, why });
      }
    },
    flush: () => {
      episodes.closeAll();
    },
  };
}
