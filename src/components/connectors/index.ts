import type { ActionDefinition, AnyActionDefinition } from '../../core/respond/action.js';
import { VigilError } from '../../lib/errors.js';
import { connectorsConfigSchema, type ConnectorsConfigInput } from '../../core/respond/connectors-config.js';
import type { ConnectorDeps } from './connector-deps.js';
import { defineElasticsearchBulkIndex } from './elasticsearch/bulk-index.js';
import { defineEmailSend } from './email/send-email.js';
import { defineFirewallBlockIp, defineFirewallUnblockIp } from './firewall/block-ip.js';
import { defineHttpRequest } from './http/http-request.js';
import { defineWebhookPost } from './http/webhook-post.js';
import { defineSlackPostMessage } from './slack/post-message.js';
import { defineSplunkHecSend } from './splunk/hec-send.js';
import { defineSyslogSend } from './syslog/syslog-send.js';
import { defineTeamsPostMessage } from './teams/post-message.js';
import { defineTheHiveCreateAlert } from './thehive/create-alert.js';

export { connectorsConfigSchema, type ConnectorsConfig, type ConnectorsConfigInput } from '../../core/respond/connectors-config.js';

/** Options for {@link connectorActions}: the `connectors` config section (all or part of it) and a clock. */
export interface ConnectorActionsOptions {
  readonly config?: ConnectorsConfigInput;
  /** Epoch milliseconds; `Date.now` by default. */
  readonly now?: () => number;
}

/**
 * Every connector action, built from the connectors' configuration: the one registry list. An
 * invalid configuration throws a `VigilError` (`INVALID_CONFIG`) naming each bad key.
 */
export function connectorActions(options: ConnectorActionsOptions = {}): AnyActionDefinition[] {
  const parsed = connectorsConfigSchema.safeParse(options.config ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `connectors.${i.path.join('.')}: ${i.message}`);
    throw new VigilError('INVALID_CONFIG', `the connectors configuration is invalid:\n  ${issues.join('\n  ')}`);
  }
  const deps: ConnectorDeps = { config: parsed.data, now: options.now ?? Date.now };
  return [
    eraseAction(defineHttpRequest(deps)),
    eraseAction(defineWebhookPost(deps)),
    eraseAction(defineSlackPostMessage(deps)),
    eraseAction(defineTeamsPostMessage(deps)),
    eraseAction(defineEmailSend(deps)),
    eraseAction(defineSplunkHecSend(deps)),
    eraseAction(defineElasticsearchBulkIndex(deps)),
    eraseAction(defineSyslogSend(deps)),
    eraseAction(defineTheHiveCreateAlert(deps)),
    eraseAction(defineFirewallBlockIp(deps)),
    eraseAction(defineFirewallUnblockIp(deps)),
  ];
}

/**
 * Forgets an action's input and output types for the registry. Sound because the runner only calls
 * `plan` and `run` with values that the action's own `input` schema produced.
 */
export function eraseAction<I, O>(action: ActionDefinition<I, O>): AnyActionDefinition {
  return action as unknown as AnyActionDefinition;
}
