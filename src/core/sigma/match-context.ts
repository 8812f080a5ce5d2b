import { Buffer } from 'node:buffer';
import type { EventView, FieldValue } from './contract.js';
import { isVerbatimJson } from './keyword-gate.js';
import { numberText } from './value-spec.js';

/**
 * Per-event scratch space for matching: lower-cased field values and keywords are computed once per
 * event, however many tests (and, when the caller shares the context, however many rules) read them.
 * Create one per event; never keep one across events.
 */
export class MatchContext {
  // Created on first use: many events are rejected by the prefilter before any value is compared.
  private lowered: Map<string, { raw: string; lower: string }> | undefined;
  private utf8Cache: Map<string, { raw: string; bytes: Buffer }> | undefined;
  private keywordList: readonly string[] | undefined;
  private keywordLowerList: readonly string[] | undefined;
  private verbatim: boolean | undefined;

  /** `source`: the JSON text the event was parsed from, when it is at hand (keyword gates read it). */
  constructor(
    readonly event: EventView,
    readonly source?: string,
  ) {}

  /** True when `source` passes `isVerbatimJson`: its strings then appear in it character for character. */
  sourceIsVerbatim(): boolean {
    this.verbatim ??= this.source !== undefined && isVerbatimJson(this.source);
    return this.verbatim;
  }

  /** The event's value of `field`, lower-cased once per event. */
  lower(field: string, raw: string): string {
    this.lowered ??= new Map();
    const hit = this.lowered.get(field);
    if (hit !== undefined && hit.raw === raw) return hit.lower;
    const lower = raw.toLowerCase();
    this.lowered.set(field, { raw, lower });
    return lower;
  }

  /** The event's value of `field` as UTF-8 bytes, encoded once per event (for RE2, which matches UTF-8). */
  utf8(field: string, raw: string): Buffer {
    this.utf8Cache ??= new Map();
    const hit = this.utf8Cache.get(field);
    if (hit !== undefined && hit.raw === raw) return hit.bytes;
    const bytes = Buffer.from(raw, 'utf8');
    this.utf8Cache.set(field, { raw, bytes });
    return bytes;
  }

  /** Every string value of the event (for keyword selections). */
  keywords(): readonly string[] {
    this.keywordList ??= [...this.event.keywords()].filter((k) => typeof k === 'string');
    return this.keywordList;
  }

  /** Every string value of the event, lower-cased. */
  keywordsLower(): readonly string[] {
    this.keywordLowerList ??= this.keywords().map((k) => k.toLowerCase());
    return this.keywordLowerList;
  }
}

/** A scalar event value as the text Sigma compares: strings as they are, numbers and booleans printed. */
export function scalarText(v: FieldValue): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? numberText(v) : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return undefined;
}

/** A scalar event value as a number: numbers, decimal strings and `0x` hexadecimal strings. */
export function scalarNumber(v: FieldValue): number | undefined {
  if (typeof v === 'number') return Number.isNaN(v) ? undefined : v;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s)) return Number(s);
  if (/^0x[0-9a-f]{1,13}$/i.test(s)) return parseInt(s.slice(2), 16);
  return undefined;
}

/** The value quoted in an explanation: scalars as text, lists and maps as JSON, cut to `max` characters. */
export function explainText(v: FieldValue, max: number): string {
  const s = scalarText(v) ?? (v === undefined ? '(absent)' : v === null ? 'null' : safeJson(v));
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function safeJson(v: FieldValue): string {
  try {
    return JSON.stringify(v);
  } catch {
    return '[unprintable]';
  }
}
