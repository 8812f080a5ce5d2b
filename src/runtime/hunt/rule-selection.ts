import { SIGMA_LEVELS, type SigmaLevel, type SigmaRule } from '../../core/sigma/index.js';

/** Which rules to run, like the anchors' `--level`, `--status` and `--tags` options. */
export interface RuleSelection {
  /** Run rules at least this severe. */
  readonly minLevel?: SigmaLevel | undefined;
  /** Run only rules with one of these statuses. */
  readonly statuses?: readonly string[] | undefined;
  /** Run only rules carrying at least one of these tags (case-insensitive). */
  readonly tags?: readonly string[] | undefined;
}

/** Keeps the rules the selection allows. A rule without a level passes only when no minimum is set. */
export function selectRules<R extends Pick<SigmaRule, 'meta'>>(rules: readonly R[], selection: RuleSelection): R[] {
  const minRank = selection.minLevel === undefined ? -1 : SIGMA_LEVELS.indexOf(selection.minLevel);
  const statuses = selection.statuses?.map((s) => s.toLowerCase());
  const tags = selection.tags?.map((t) => t.toLowerCase());
  return rules.filter((r) => {
    if (minRank >= 0 && (r.meta.level === undefined || SIGMA_LEVELS.indexOf(r.meta.level) < minRank)) return false;
    if (statuses !== undefined && !statuses.includes((r.meta.status ?? '').toLowerCase())) return false;
    if (tags !== undefined && !(r.meta.tags ?? []).some((t) => tags.includes(t.toLowerCase()))) return false;
    return true;
  });
}
