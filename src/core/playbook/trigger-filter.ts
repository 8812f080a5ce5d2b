import { SEVERITIES, type Severity } from '../../schema/severity.js';
import type { Playbook, TriggerType } from './playbook-schema.js';

/** What a trigger offers the filters: the alert's rule, severity, techniques and tags. */
export interface TriggerFacts {
  readonly type: TriggerType;
  readonly ruleId?: string;
  readonly severity?: Severity;
  readonly techniques?: readonly string[];
  readonly tags?: readonly string[];
}

/** `*` matches any run of characters (no other syntax, so no regex and no backtracking blow-up). */
export function globMatch(pattern: string, text: string): boolean {
  const pieces = pattern.split('*');
  if (pieces.length === 1) return pattern === text;
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (!text.startsWith(first) || text.length < first.length + last.length || !text.endsWith(last)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const found = text.indexOf(pieces[i]!, at);
    if (found < 0 || found + pieces[i]!.length > end) return false;
    at = found + pieces[i]!.length;
  }
  return true;
}

/** Whether a playbook wants this trigger: same type, and every filter it sets holds. */
export function triggerMatches(playbook: Playbook, facts: TriggerFacts): boolean {
  if (playbook.trigger.type !== facts.type) return false;
  const f = playbook.filters;
  if (f.rules !== undefined && (facts.ruleId === undefined || !f.rules.some((g) => globMatch(g, facts.ruleId!)))) return false;
  if (f.min_severity !== undefined && (facts.severity === undefined || SEVERITIES.indexOf(facts.severity) < SEVERITIES.indexOf(f.min_severity))) return false;
  if (f.techniques !== undefined && !f.techniques.some((t) => facts.techniques?.some((x) => x === t || x.startsWith(`${t}.`)))) return false;
  if (f.tags !== undefined && !f.tags.every((t) => facts.tags?.includes(t))) return false;
  return true;
}
