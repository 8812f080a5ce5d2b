import { ActionFailure } from '../../core/respond/action.js';
import type { CaseObservable, CasesConfig } from '../../core/cases/index.js';
import type { CaseService, CaseStore } from '../cases/index.js';
import type { AlertStore } from '../store/alert-store.js';
import type { CasePort } from '../playbook/index.js';

/** What the case actions of playbooks act on: the case service and the stores behind it. */
export interface CasePortDeps {
  readonly service: CaseService;
  readonly cases: CaseStore;
  readonly alerts: AlertStore;
  readonly config: CasesConfig;
  /** Wall-clock time of each change (ISO-8601); injected so tests control it. */
  readonly now: () => string;
}

/**
 * Playbooks' `vigil.add_to_case` and `vigil.set_case_status` over the case service. A request names
 * its case, or the alert whose case it means: an alert already grouped finds its case, an alert not
 * grouped yet is grouped first (opening or extending a case by the usual rules). Refusals (unknown
 * case, a resolution without `resolved`) fail the step without retries.
 */
export function createCasePort(deps: CasePortDeps): CasePort {
  const options = (actor: string): { now: string; config: CasesConfig; actor: string } => ({ now: deps.now(), config: deps.config, actor });

  async function caseForAlert(alertId: string, actor: string): Promise<{ caseId: string; created: boolean } | undefined> {
    const known = (await deps.cases.casesOfAlerts([alertId])).get(alertId);
    if (known !== undefined) return { caseId: known, created: false };
    const alert = await deps.alerts.getAlert(alertId);
    if (alert === undefined) return undefined;
    const outcome = await deps.service.ingestAlerts([alert], options(actor));
    const caseId = (await deps.cases.casesOfAlerts([alertId])).get(alertId);
    return caseId === undefined ? undefined : { caseId, created: outcome.casesCreated > 0 };
  }

  return {
    async addToCase(request) {
      let target = request.caseId === undefined ? undefined : { caseId: request.caseId, created: false };
      if (target === undefined && request.alertId !== undefined) target = await caseForAlert(request.alertId, request.actor);
      if (target === undefined) {
        throw new ActionFailure(
          request.alertId === undefined ? 'no case to add to: give case_id or alert_id' : `alert ${request.alertId} is not in the store`,
          { retryable: false },
        );
      }
      const observables: CaseObservable[] = request.observables.map((o) => ({ type: o.type, value: o.value }));
      const update = await deps.service.updateCase(
        target.caseId,
        {
          ...(observables.length === 0 ? {} : { observables }),
          ...(request.tags.length === 0 ? {} : { tags: request.tags }),
          ...(request.note === undefined || request.note === '' ? {} : { comment: request.note }),
        },
        options(request.actor),
      );
      if (!update.ok) throw new ActionFailure(`case ${target.caseId}: ${update.error.message}`, { retryable: false });
      return target;
    },
    async setStatus(request) {
      const update = await deps.service.updateCase(
        request.caseId,
        {
          status: request.status,
          ...(request.resolution === undefined ? {} : { resolution: request.resolution }),
          ...(request.note === undefined || request.note === '' ? {} : { comment: request.note }),
        },
        options(request.actor),
      );
      if (!update.ok) throw new ActionFailure(`case ${request.caseId}: ${update.error.message}`, { retryable: false });
      return { caseId: request.caseId, status: update.value.case.status };
    },
  };
}
