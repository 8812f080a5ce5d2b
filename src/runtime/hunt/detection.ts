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

/**
 * Where a match keeps the JSON text its event was read from. A symbol key: `JSON.stringify` leaves it
 * out, and {@link detectionJson} writes the text in place of the re-serialised event.
 */
export const EVENT_TEXT: unique symbol = Symbol('event JSON text');

/** One `vigil hunt` result: a single-event match, or a correlation that held. */
export type Detection =
  | {
      readonly kind: 'match';
      /** The JSON text of `event`, as read, when the event was read from text. */
      readonly [EVENT_TEXT]?: string | undefined;
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

/** One `DetectionRule` per rule, shared by its detections, with its JSON text made once. */
const detectionRules = new WeakMap<RuleMeta, DetectionRule>();
const ruleJson = new WeakMap<DetectionRule, string>();

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

function sharedRuleOf(meta: RuleMeta): DetectionRule {
  let rule = detectionRules.get(meta);
  if (rule === undefined) detectionRules.set(meta, (rule = ruleOf(meta)));
  return rule;
}

function jsonOfRule(rule: DetectionRule): string {
  let json = ruleJson.get(rule);
  if (json === undefined) ruleJson.set(rule, (json = JSON.stringify(rule)));
  return json;
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
  eventText?: string,
): Detection {
  return { kind: 'match', [EVENT_TEXT]: eventText, '@timestamp': iso(time), rule: sharedRuleOf(meta), host, event, explanation, log: { file: { path }, line } };
}

const LINE_BREAKS = /[\r\n]+/g;

/**
 * A detection as one line of JSON (no line break), the same as `JSON.stringify(d)` but for a match
 * read from text: its event is written as that text (line breaks between tokens, the only place JSON
 * allows them, become spaces), since re-serialising a large event costs more than matching it.
 */
export function detectionJson(d: Detection): string {
  if (d.kind !== 'match' || d[EVENT_TEXT] === undefined) return JSON.stringify(d);
  const text = d[EVENT_TEXT];
  const event = text.includes('\n') || text.includes('\r') ? text.replace(LINE_BREAKS, ' ') : text;
  return (
    `{"kind":"match","@timestamp":${JSON.stringify(d['@timestamp'])},"rule":${jsonOfRule(d.rule)},"host":${JSON.stringify(d.host)},` +
    `"event":${event.trim()},"explanation":${JSON.stringify(d.explanation)},"log":${JSON.stringify(d.log)}}`
  );
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
