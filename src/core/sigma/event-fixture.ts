import type { EventView, FieldValue } from './contract.js';
import { loadRuleText } from './loader.js';
import type { Placeholders } from './placeholders.js';
import type { SigmaRule } from './rule.js';

/**
 * Test support: a plain object seen as an event (field names are the object's keys; keywords are
 * all its string values, nested ones included), and one-rule compilation from a detection snippet.
 */
export function eventOf(fields: Record<string, FieldValue>, time = Number.NaN): EventView {
  return {
    get: (f) => (Object.hasOwn(fields, f) ? fields[f] : undefined),
    keywords: () => strings(fields),
    time,
  };
}

function* strings(v: FieldValue): Generator<string> {
  if (typeof v === 'string') yield v;
  else if (Array.isArray(v)) for (const x of v as readonly FieldValue[]) yield* strings(x);
  else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) yield* strings(x);
}

/** Compiles a rule whose `detection:` section is `detectionYaml` (indented by 4 spaces inside). Throws when it does not load. */
export function ruleOf(detectionYaml: string, placeholders?: Placeholders): SigmaRule {
  const text = `title: test\nid: 00000000-0000-4000-8000-000000000000\nlogsource:\n    product: test\ndetection:\n${indent(detectionYaml)}\n`;
  const r = loadRuleText(text, 'test.yml', placeholders === undefined ? {} : { placeholders });
  const rule = r.rules[0];
  if (rule === undefined) throw new Error(`rule did not load: ${r.errors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
  return rule;
}

/** The errors of a rule with this detection section. */
export function errorsOf(detectionYaml: string, placeholders?: Placeholders): ReturnType<typeof loadRuleText>['errors'] {
  const text = `title: test\nid: 00000000-0000-4000-8000-000000000000\nlogsource:\n    product: test\ndetection:\n${indent(detectionYaml)}\n`;
  return loadRuleText(text, 'test.yml', placeholders === undefined ? {} : { placeholders }).errors;
}

function indent(s: string): string {
  const lines = s.replace(/^\n+/, '').replace(/\s+$/, '').split('\n');
  const min = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0));
  return lines.map((l) => '    ' + l.slice(min)).join('\n');
}

/** True when the rule matches the object seen as an event. */
export function matches(rule: SigmaRule, fields: Record<string, FieldValue>): boolean {
  const a = rule.test(eventOf(fields));
  const b = rule.match(eventOf(fields)) !== undefined;
  if (a !== b) throw new Error(`test() and match() disagree for ${JSON.stringify(fields)}`);
  return a;
}
