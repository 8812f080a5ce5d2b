import { z } from 'zod';
import { ActionFailure, type ActionDefinition } from '../../../core/respond/action.js';
import { describeUrl, type ConnectorDeps } from '../connector-deps.js';
import { endpoint } from '../endpoint.js';
import { postJson, readJsonBody, requireSecret } from '../http/json-exchange.js';
import { secretRedactor } from '../redact.js';

/** The HEC token, sent as `Authorization: Splunk <token>`. */
export const SPLUNK_HEC_SECRET = 'SPLUNK_HEC_TOKEN';

// eslint-disable-next-line no-control-regex
const name = z.string().min(1).max(100).regex(/^[^\u0000-\u001f]*$/, 'no control characters');
const input = z.strictObject({
  /** Each value becomes one HEC event (an alert object, typically). */
  events: z.array(z.unknown()).min(1).max(10_000),
  /** Event time in epoch seconds; HEC uses the receipt time when absent. */
  time: z.number().nonnegative().optional(),
  host: name.optional(),
  source: name.optional(),
  sourcetype: name.optional(),
  index: z.string().min(1).max(80).regex(/^[A-Za-z0-9_][A-Za-z0-9_-]*$/).optional(),
});
const output = z.strictObject({ sent: z.number().int() });
const hecAnswer = z.looseObject({ text: z.string(), code: z.number().int() });

export type HecSendInput = z.infer<typeof input>;

/** `splunk.hec_send`: events to a Splunk HTTP Event Collector (`/services/collector/event`). */
export function defineSplunkHecSend(deps: ConnectorDeps): ActionDefinition<HecSendInput, z.infer<typeof output>> {
  const cfg = deps.config.splunk;
  return {
    id: 'splunk.hec_send',
    summary: 'Send events to a Splunk HTTP Event Collector',
    effect: 'write',
    input,
    output,
    secrets: [SPLUNK_HEC_SECRET],
    plan: (i) =>
      `send ${i.events.length} event(s) to Splunk HEC ${cfg.url === undefined ? '(connectors.splunk.url not configured)' : describeUrl(new URL(cfg.url))} as sourcetype ${i.sourcetype ?? cfg.sourcetype}${(i.index ?? cfg.index) === undefined ? '' : ` in index ${i.index ?? cfg.index}`}, token ${SPLUNK_HEC_SECRET}`,
    run: async (i, context) => {
      const url = endpoint(cfg.url, '/services/collector/event', 'splunk.hec_send', 'splunk.url');
      const token = requireSecret(context, SPLUNK_HEC_SECRET, 'splunk.hec_send');
      const index = i.index ?? cfg.index;
      const envelope = {
        ...(i.time === undefined ? {} : { time: i.time }),
        ...(i.host === undefined ? {} : { host: i.host }),
        source: i.source ?? cfg.source,
        sourcetype: i.sourcetype ?? cfg.sourcetype,
        ...(index === undefined ? {} : { index }),
      };
      // HEC takes several events as concatenated JSON objects in one body.
      const body = i.events.map((event) => JSON.stringify({ ...envelope, event })).join('\n');
      const target = `splunk.hec_send ${describeUrl(url)}`;
      const response = await postJson(
        { url, target, payload: body, contentType: 'application/json', headers: { authorization: `Splunk ${token}` } },
        context,
        deps.config.http,
        deps.now,
      );
      const answer = readJsonBody(response, hecAnswer, target, context);
      if (answer.code !== 0) throw new ActionFailure(`${target}: HEC answered code ${answer.code} (${secretRedactor(context.secrets)(answer.text).slice(0, 200)})`, { retryable: false });
      return { sent: i.events.length };
    },
  };
}
