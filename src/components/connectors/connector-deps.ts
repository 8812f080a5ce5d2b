import type { ConnectorsConfig } from '../../core/respond/connectors-config.js';

/** What every connector receives when it is built: its settings and a clock (injected for tests). */
export interface ConnectorDeps {
  readonly config: ConnectorsConfig;
  readonly now: () => number;
}

/** A URL for plans and messages: origin and path, never the query (which may carry tokens) or credentials. */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}
