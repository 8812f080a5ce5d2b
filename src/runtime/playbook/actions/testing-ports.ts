import type { CasePort, IndicatorType, IntelMatch, IntelPort, Observable } from './ports.js';

/** In-memory case and intel ports for tests of the playbook engine (not for production use). */
export function memoryPorts(): {
  cases: CasePort & { readonly cases: Map<string, { title: string; severity: string; status: string; observables: Observable[]; alerts: string[] }> };
  intel: IntelPort & { readonly indicators: IntelMatch[] };
} {
  const cases = new Map<string, { title: string; severity: string; status: string; observables: Observable[]; alerts: string[] }>();
  const indicators: IntelMatch[] = [];
  return {
    cases: {
      cases,
      addToCase: (r) => {
        let id = r.caseId;
        if (id === undefined) {
          for (const [cid, c] of cases) if (c.status !== 'resolved' && r.observables.some((o) => c.observables.some((x) => x.type === o.type && x.value === o.value))) id = cid;
        }
        const created = id === undefined || !cases.has(id);
        id ??= `case-${cases.size + 1}`;
        const c = cases.get(id) ?? { title: r.title, severity: r.severity, status: 'new', observables: [], alerts: [] };
        for (const o of r.observables) if (!c.observables.some((x) => x.type === o.type && x.value === o.value)) c.observables.push(o);
        if (r.alertId !== undefined) c.alerts.push(r.alertId);
        cases.set(id, c);
        return Promise.resolve({ caseId: id, created });
      },
      setStatus: (r) => {
        const c = cases.get(r.caseId);
        if (c === undefined) return Promise.reject(new Error(`no case ${r.caseId}`));
        c.status = r.status;
        return Promise.resolve({ caseId: r.caseId, status: r.status });
      },
    },
    intel: {
      indicators,
      lookup: (type: IndicatorType, value: string) => Promise.resolve(indicators.filter((i) => i.type === type && i.value === value)),
      addIndicator: (i) => {
        if (indicators.some((x) => x.type === i.type && x.value === i.value)) return Promise.resolve({ added: false });
        indicators.push({ type: i.type, value: i.value, source: i.source, confidence: i.confidence, tags: [...i.tags] });
        return Promise.resolve({ added: true });
      },
    },
  };
}
