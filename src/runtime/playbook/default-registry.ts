import { connectorActions, type ConnectorActionsOptions } from '../../components/connectors/index.js';
import { createActionRegistry, type ActionRegistry } from './action-registry.js';
import type { CasePort, IntelPort } from './actions/ports.js';
import { UNWIRED_PORTS, vigilActions } from './actions/vigil-actions.js';

/**
 * The registry playbooks run with: every connector action (configured from the `connectors`
 * section) and Vigil's own actions over the case and intel ports. Without ports, Vigil's case and
 * intel-writing actions refuse to run (the integrator passes the real stores' adapters).
 */
export function defaultActionRegistry(options: { readonly connectors?: ConnectorActionsOptions['config']; readonly ports?: { readonly cases: CasePort; readonly intel: IntelPort } } = {}): ActionRegistry {
  return createActionRegistry(connectorActions(options.connectors === undefined ? {} : { config: options.connectors }), vigilActions(options.ports ?? UNWIRED_PORTS));
}
