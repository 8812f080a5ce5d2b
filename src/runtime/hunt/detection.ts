import type { CorrelationMatch, MatchExplanation, RuleMeta, SigmaLevel } from '../../core/sigma/index.js';
import type { JsonObject } from '../../core/sigma/events/index.js';

/** The rule part of a detection: what the rule says about itself (DRL 1.1: author, id, references kept). */
export interface DetectionRule {
  readonly id: string;
  readonly name: string;
  readonly level: SigmaLevel | null;
  readonly status: string | null;
  readonly tags: readonly string[];
  readonly author: string | null;
  readonly references: readonly string[];
  readonly path: string;
}

/** One `vigil hunt` result: a single-event match, or a correlation that held. */
export type Detection =
  | {
      readonly kind: 'match';
      readonly '@timestamp': string | null;
      readonly rule: DetectionRule;
      /** The event's computer or host name, when it has one. */
      readonly host: string | null;
      /** The event object as it was read. */
      readonly event: JsonObject;
      readonly explanation: MatchExplanation;
      readonly log: { readonly file: { readonly path: string }; readonly line: number };
    }
  | {
      readonly kind: 'correlation';
      readonly '@timestamp': string;
      readonly rule: DetectionRule & { readonly correlation_type: string };
      readonly correlation: {
        readonly group: Readonly<Record<string, string | null>>;
        readonly start: string;
        readonly end: string;
        readonly count: number;
        readonly value: number;
        readonly contributions: CorrelationMatch['contributions'];
      };
    };

const iso = (ms: number): string | null => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);

function ruleOf(meta: Pick<RuleMeta, 'id' | 'title' | 'level' | 'status' | 'tags' | 'author' | 'references' | 'path'>): DetectionRule {
  return {
    id: meta.id,
    name: meta.title,
    level: meta.level ?? null,
    status: meta.status ?? null,
    tags: meta.tags ?? [],
    author: meta.author ?? null,
    references: meta.references ?? [],
    path: meta.path,
  };
}

/** A single-event detection. */
export function matchDetection(
  meta: RuleMeta,
  event: JsonObject,
  time: number,
  host: string | null,
  explanation: MatchExplanation,
  path: string,
  line: number,
): Detection {
  return { kind: 'match', '@timestamp': iso(time), rule: ruleOf(meta), host, event, explanation, log: { file: { path }, line } };
}

/** A correlation detection. */
export function correlationDetection(m: CorrelationMatch): Detection {
  const meta = m.correlation.meta;
  return {
    kind: 'correlation',
    '@timestamp': iso(m.lastTime) ?? new Date(0).toISOString(),
    rule: { ...ruleOf(meta), correlation_type: m.correlation.type },
    correlation: {
      group: m.group,
      start: iso(m.firstTime) ?? '',
      end: iso(m.lastTime) ?? '',
      count: m.count,
      value: m.value,
      contributions: m.contributions,
    },
  };
}
