import type http from 'node:http';
import type { AnyActionDefinition } from '../../../core/respond/action.js';
import { connectorActions } from '../index.js';
import { reply, type RecordedRequest } from './local-http-server.js';

/** The secrets the HTTP connectors use in tests; long and distinctive, so a leak is easy to grep. */
export const TEST_SECRETS: Readonly<Record<string, string>> = {
  WEBHOOK_SIGNING_KEY: 'sig-key-Q9v7Lm2Rw4',
  SLACK_WEBHOOK_URL: '', // set per server: it is a URL
  TEAMS_WEBHOOK_URL: '',
  SPLUNK_HEC_TOKEN: 'hec-tok-8d1e5b3c9a7f',
  ELASTICSEARCH_API_KEY: 'es-apikey-Zx81Kq0Pw5',
  THEHIVE_API_KEY: 'hive-key-Mn42Bv86Tr',
};

/** One HTTP-based connector, ready to run against a server at `base`. */
export interface HttpConnectorCase {
  readonly action: AnyActionDefinition;
  readonly input: unknown;
  readonly secrets: Readonly<Record<string, string>>;
}

/** Every HTTP-based action, configured to talk to `base` (a URL whose path selects the server's behaviour). */
export function httpConnectorCases(base: string, timeoutMs: number): HttpConnectorCase[] {
  const actions = connectorActions({
    config: {
      http: { timeoutMs, maxResponseBytes: 4096, signing: true },
      splunk: { url: base },
      elasticsearch: { url: base },
      thehive: { url: base },
    },
    now: () => Date.UTC(2026, 10, 28, 3, 0, 0),
  });
  const byId = (id: string): AnyActionDefinition => {
    const a = actions.find((x) => x.id === id);
    if (a === undefined) throw new Error(`no action ${id}`);
    return a;
  };
  const secrets = { ...TEST_SECRETS, SLACK_WEBHOOK_URL: `${base}/services/T01/B02/slack-path-Xy7Wq3`, TEAMS_WEBHOOK_URL: `${base}/webhookb2/teams-path-Pk5Hj1` };
  const alert = { id: 'a1', rule: 'brute_force', ip: '203.0.113.5', note: '; rm -rf / $(touch /tmp/x) {{7*7}} ${7*7}' };
  return [
    { action: byId('http.request'), input: { url: `${base}/generic`, json: alert, sign: true }, secrets },
    { action: byId('webhook.post'), input: { url: `${base}/hook`, payload: alert, sign: true }, secrets },
    { action: byId('slack.post_message'), input: { text: `Alert ${alert.note}` }, secrets },
    { action: byId('teams.post_message'), input: { title: 'Alert', text: alert.note }, secrets },
    { action: byId('splunk.hec_send'), input: { events: [alert] }, secrets },
    { action: byId('elasticsearch.bulk_index'), input: { documents: [{ id: 'a1', doc: alert }] }, secrets },
    { action: byId('thehive.create_alert'), input: { title: 'Alert', observables: [{ type: 'ip', value: '203.0.113.5' }] }, secrets },
  ];
}

/** Answers each connector's request as its real service would on success. */
export function answerSuccess(req: RecordedRequest, res: http.ServerResponse): void {
  if (req.path.endsWith('/services/collector/event')) { reply(res, 200, { text: 'Success', code: 0 }); return; }
  if (req.path.endsWith('/_bulk')) {
    const count = req.body.split('\n').filter(Boolean).length / 2;
    reply(res, 200, { took: 1, errors: false, items: Array.from({ length: count }, (_, i) => ({ index: { _id: `d${i}`, status: 201 } })) }); return;
  }
  if (req.path.endsWith('/api/v1/alert')) { reply(res, 201, { _id: '~4096' }); return; }
  reply(res, 200, { ok: true });
}

/** A hostile server's error body: it reflects every header and the path back, secrets included. */
export function reflectingBody(req: RecordedRequest): string {
  return `error for ${req.path}: ${JSON.stringify(req.headers)} body=${req.body.slice(0, 200)}`;
}
