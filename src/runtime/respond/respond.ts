import type { CaseDomainEvent } from '../../core/cases/index.js';
import { formatIssue, triggerMatches, type CompiledPlaybook, type TriggerType } from '../../core/playbook/index.js';
import type { Alert } from '../../schema/alert.js';
import { caseStoreOn, createCaseService } from '../cases/index.js';
import type { VigilConfig } from '../config/load-config.js';
import { createStoreLookup } from '../intel/store-lookup.js';
import { indicatorStoreOn } from '../intel/sqlite-indicator-store.js';
import type { RunResult } from '../playbook/index.js';
import { openPlaybookSession, type PlaybookSession } from '../playbook/playbook-session.js';
import { openSqliteDatabase } from '../store/sqlite-database.js';
import { alertStoreOn } from '../store/sqlite-store.js';
import { createCasePort } from './case-port.js';
import { createIntelPort } from './intel-port.js';

export interface RespondOptions {
  /** The SQLite store the alerts were written to; cases and the playbook journal go there too. */
  readonly dbPath: string;
  /** `vigil.yml`, validated (its `cases`, `playbooks` and `connectors` sections are used). */
  readonly config: Pick<VigilConfig, 'cases' | 'playbooks' | 'connectors'>;
  /** Run actions with effects outside Vigil (webhooks, mail, firewall …); otherwise they are only planned. */
  readonly execute: boolean;
  readonly signal?: AbortSignal | undefined;
  /** Wall clock (epoch ms); injected by tests. */
  readonly now?: () => number;
}

/** What responding did, for the summary. */
export interface RespondSummary {
  readonly casesCreated: number;
  readonly casesUpdated: number;
  readonly alertsAdded: number;
  readonly alertsRepeated: number;
  readonly runs: number;
  readonly runsFailed: number;
  /** Runs left waiting for an analyst's approval (`vigil playbook approve`). */
  readonly runsWaiting: number;
  readonly actionsTaken: number;
  readonly actionsPlanned: number;
  /** Playbooks that did not load, one line each. */
  readonly playbookIssues: readonly string[];
}

const CASE_TRIGGERS: Readonly<Record<CaseDomainEvent['type'], TriggerType>> = {
  'case.created': 'case_created',
  'case.updated': 'case_updated',
  'sla.breached': 'sla_breached',
};

/**
 * `vigil analyze --respond`: groups the new alerts into cases, then runs the playbooks whose trigger
 * matches each new alert and each case change, in order. Vigil's own actions (cases, intel) run;
 * actions with effects outside Vigil are planned, not run, unless `execute` is set. Approval steps
 * leave their run waiting durably. Everything is journaled in the same store.
 */
export async function respondToAlerts(alerts: readonly Alert[], options: RespondOptions): Promise<RespondSummary> {
  const now = options.now ?? Date.now;
  const iso = (): string => new Date(now()).toISOString();
  const db = openSqliteDatabase(options.dbPath);
  let session: PlaybookSession | undefined;
  try {
    const alertStore = alertStoreOn(db, { closeDatabase: false });
    const caseStore = caseStoreOn(db, { closeDatabase: false });
    const service = createCaseService(caseStore);
    const config = options.config.cases;
    const intelStore = indicatorStoreOn(db, { closeDatabase: false });
    const lookup = await createStoreLookup(intelStore, now());
    session = openPlaybookSession({
      dbPath: options.dbPath,
      db,
      config: options.config,
      ports: {
        cases: createCasePort({ service, cases: caseStore, alerts: alertStore, config, now: iso }),
        intel: createIntelPort(intelStore, lookup, now),
      },
    });
    const grouped = await service.ingestAlerts(alerts, { now: iso(), config });

    const runs: RunResult[] = [];
    const run = async (pb: CompiledPlaybook, trigger: Parameters<PlaybookSession['runner']['start']>[1]): Promise<void> => {
      runs.push(
        await session!.runner.start(pb, trigger, {
          plan: (action) => !options.execute && !action.id.startsWith('vigil.'),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        }),
      );
    };
    const inputs = session.config.inputs;
    for (const alert of alerts) {
      const facts = { type: 'alert_created' as const, ruleId: alert.rule.id, severity: alert.severity, techniques: alert.threat.technique.id };
      for (const pb of session.playbooks) if (triggerMatches(pb.playbook, facts)) await run(pb, { type: 'alert_created', alert, inputs });
    }
    for (const event of grouped.events) {
      const type = CASE_TRIGGERS[event.type];
      const facts = { type, severity: event.case.severity, tags: event.case.tags };
      for (const pb of session.playbooks) if (triggerMatches(pb.playbook, facts)) await run(pb, { type, case: event.case, inputs });
    }

    const steps = runs.flatMap((r) => r.steps.filter((s) => s.kind === 'action'));
    return {
      casesCreated: grouped.casesCreated,
      casesUpdated: grouped.casesUpdated,
      alertsAdded: grouped.alertsAdded,
      alertsRepeated: grouped.alertsRepeated,
      runs: runs.length,
      runsFailed: runs.filter((r) => r.status === 'failed').length,
      runsWaiting: runs.filter((r) => r.status === 'waiting').length,
      actionsTaken: steps.filter((s) => s.status === 'succeeded').length,
      actionsPlanned: steps.filter((s) => s.status === 'planned').length,
      playbookIssues: session.issues.map(formatIssue),
    };
  } finally {
    session?.close();
    db.close();
  }
}

/** The summary's lines for the analyze report. */
export function describeResponse(s: RespondSummary, execute: boolean): string {
  const lines = [
    `Cases: ${s.casesCreated} opened, ${s.casesUpdated} updated (${s.alertsAdded} alert(s) added, ${s.alertsRepeated} seen again).`,
    `Playbooks: ${s.runs} run(s)${s.runsFailed > 0 ? `, ${s.runsFailed} failed` : ''}${s.runsWaiting > 0 ? `, ${s.runsWaiting} waiting for approval (vigil playbook approve)` : ''}; ` +
      `${s.actionsTaken} action(s) taken, ${s.actionsPlanned} planned${execute || s.actionsPlanned === 0 ? '' : ' (add --execute to run them)'}.`,
  ];
  for (const issue of s.playbookIssues) lines.push(`Playbook not loaded: ${issue}`);
  return `${lines.join('\n')}\n`;
}
