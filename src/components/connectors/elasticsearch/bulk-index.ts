import { z } from 'zod';
import { ActionFailure, type ActionDefinition } from '../../../core/respond/action.js';
import { describeUrl, type ConnectorDeps } from '../connector-deps.js';
import { endpoint } from '../endpoint.js';
import { postJson, readJsonBody, requireSecret } from '../http/json-exchange.js';
import { secretRedactor } from '../redact.js';

/** Sent as `Authorization: ApiKey <value>` unless `connectors.elasticsearch.auth` is `none`. */
export const ELASTICSEARCH_API_KEY_SECRET = 'ELASTICSEARCH_API_KEY';

/** Elasticsearch's rules for index names: lower case, no `\ / * ? " < > | , # :` or space, not starting with `-_+`. */
const indexName = z.string().min(1).max(255).regex(/^[a-z0-9][a-z0-9._-]*$/, 'a lower-case Elasticsearch index name');
const input = z.strictObject({
  index: indexName.optional(),
  documents: z
    .array(z.strictObject({ id: z.string().min(1).max(512).optional(), doc: z.record(z.string(), z.unknown()) }))
    .min(1)
    .max(10_000),
});
const output = z.strictObject({ indexed: z.number().int() });

const itemResult = z.looseObject({
  status: z.number().int(),
  _id: z.string().optional(),
  error: z.looseObject({ type: z.string().optional(), reason: z.string().nullish() }).optional(),
});
const bulkAnswer = z.looseObject({ errors: z.boolean(), items: z.array(z.record(z.string(), itemResult)) });

export type BulkIndexInput = z.infer<typeof input>;

/** The NDJSON body of a `_bulk` request: one `index` action line and one source line per document. */
export function bulkBody(index: string, documents: BulkIndexInput['documents']): string {
  let out = '';
  for (const d of documents) {
    out += `${JSON.stringify({ index: { _index: index, ...(d.id === undefined ? {} : { _id: d.id }) } })}\n${JSON.stringify(d.doc)}\n`;
  }
  return out;
}

/** `elasticsearch.bulk_index`: documents into Elasticsearch or OpenSearch through the `_bulk` API. */
export function defineElasticsearchBulkIndex(deps: ConnectorDeps): ActionDefinition<BulkIndexInput, z.infer<typeof output>> {
  const cfg = deps.config.elasticsearch;
  return {
    id: 'elasticsearch.bulk_index',
    summary: 'Index documents into Elasticsearch/OpenSearch with the _bulk API',
    effect: 'write',
    input,
    output,
    secrets: cfg.auth === 'api_key' ? [ELASTICSEARCH_API_KEY_SECRET] : [],
    plan: (i) =>
      `index ${i.documents.length} document(s) into ${i.index ?? cfg.index} at ${cfg.url === undefined ? '(connectors.elasticsearch.url not configured)' : describeUrl(new URL(cfg.url))} via _bulk`,
    run: async (i, context) => {
      const url = endpoint(cfg.url, '/_bulk', 'elasticsearch.bulk_index', 'elasticsearch.url');
      const key = cfg.auth === 'api_key' ? requireSecret(context, ELASTICSEARCH_API_KEY_SECRET, 'elasticsearch.bulk_index') : undefined;
      const target = `elasticsearch.bulk_index ${describeUrl(url)}`;
      const response = await postJson(
        {
          url,
          target,
          payload: bulkBody(i.index ?? cfg.index, i.documents),
          contentType: 'application/x-ndjson',
          headers: key === undefined ? {} : { authorization: `ApiKey ${key}` },
        },
        context,
        deps.config.http,
        deps.now,
      );
      const answer = readJsonBody(response, bulkAnswer, target, context);
      if (answer.items.length !== i.documents.length) {
        throw new ActionFailure(`${target}: ${answer.items.length} results for ${i.documents.length} documents`, { retryable: false });
      }
      const failed = answer.items.flatMap((item) => Object.values(item)).filter((r) => r.status < 200 || r.status >= 300);
      if (failed.length > 0) {
        // Documents carry ids, so re-sending the batch overwrites rather than duplicates: a retry is safe
        // when only back-pressure (429) or server errors failed items.
        const retryable = failed.every((r) => r.status === 429 || r.status >= 500);
        const first = failed[0]!;
        const redact = secretRedactor(context.secrets);
        const why = redact(`${first.error?.type ?? `status ${first.status}`}${first.error?.reason ? `: ${first.error.reason}` : ''}`).slice(0, 300);
        throw new ActionFailure(`${target}: ${failed.length} of ${i.documents.length} documents failed (first: ${why})`, { retryable });
      }
      return { indexed: i.documents.length };
    },
  };
}
