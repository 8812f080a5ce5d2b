/**
 * The contract between the Sigma engine (rules → compiled matchers) and the event side (formats,
 * field mappings, logsource dispatch). Each side may grow, but these shapes are what they share.
 */

/** A field's value as read from an event: scalars, lists, or nested objects (kept as read). */
export type FieldValue = string | number | boolean | null | undefined | readonly FieldValue[] | { readonly [key: string]: FieldValue };

/**
 * One event seen through a field mapping: `get` takes a Sigma field name (`Image`, `CommandLine`,
 * `EventID` …) and returns the event's value for it, or undefined when the event lacks the field.
 * `keywords` yields every string value of the event, for Sigma keyword (field-less) selections.
 */
export interface EventView {
  get(field: string): FieldValue;
  keywords(): Iterable<string>;
  /** Event time, epoch milliseconds, for correlations and output; NaN when the event has none. */
  readonly time: number;
}

/** A rule's `logsource`. */
export interface SigmaLogsource {
  readonly product?: string;
  readonly category?: string;
  readonly service?: string;
  readonly definition?: string;
}

/** Sigma levels, lowest first. */
export const SIGMA_LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type SigmaLevel = (typeof SIGMA_LEVELS)[number];

/** What a rule says about itself (kept for display: DRL 1.1 asks to keep author, id and references). */
export interface RuleMeta {
  readonly id: string;
  readonly title: string;
  /** The rule's optional unique `name` (correlations and filters may reference rules by it). */
  readonly name?: string;
  readonly status?: string;
  readonly level?: SigmaLevel;
  readonly description?: string;
  readonly author?: string;
  readonly references?: readonly string[];
  readonly tags?: readonly string[];
  readonly falsepositives?: readonly string[];
  readonly logsource: SigmaLogsource;
  /** Where the rule was loaded from. */
  readonly path: string;
}

/** Why an event matched: the selections that held and, in each, the field tests that held. */
export interface MatchExplanation {
  readonly selections: readonly {
    readonly name: string;
    readonly fields: readonly { readonly field: string; readonly modifiers: readonly string[]; readonly expected: string; readonly actual: string }[];
  }[];
}

/** A compiled single-event rule. */
export interface CompiledRule {
  readonly meta: RuleMeta;
  /** The explanation when the event matches, undefined otherwise. Never throws on event content. */
  match(event: EventView): MatchExplanation | undefined;
}
