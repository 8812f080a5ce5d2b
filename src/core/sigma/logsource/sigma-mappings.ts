import { err, ok, type Result } from '../../../lib/result.js';
import { compileEventFormats, type EventFormats, type Located } from '../events/event-formats.js';
import {
  type EventFormatFile,
  eventFormatFileSchema,
  type FieldAliasesFile,
  fieldAliasesFileSchema,
  type ValueFormsFile,
  valueFormsFileSchema,
} from '../events/format-schema.js';
import { issueAt, type MappingDocument, type MappingIssue, type MappingSource, parseMappingDocument, validateMapping } from '../events/mapping-source.js';
import { compileLogsourceMappings, type LogsourceMappings } from './logsource-mappings.js';
import { type ChannelLogsourcesFile, channelLogsourcesFileSchema, type ServiceLogsourcesFile, serviceLogsourcesFileSchema } from './logsource-schema.js';

/** Everything `content/mappings/` says: how events are read and how logsources select them. */
export interface SigmaMappings {
  readonly events: EventFormats;
  readonly logsources: LogsourceMappings;
}

/** The mapping file kinds, by their `kind:` value. */
export const MAPPING_KINDS = ['event-format', 'field-aliases', 'value-forms', 'channel-logsources', 'service-logsources'] as const;

interface Collected {
  readonly formats: Located<EventFormatFile>[];
  readonly aliases: Located<FieldAliasesFile>[];
  readonly forms: Located<ValueFormsFile>[];
  readonly channels: Located<ChannelLogsourcesFile>[];
  readonly services: Located<ServiceLogsourcesFile>[];
}

function collect(document: MappingDocument, into: Collected, issues: MappingIssue[]): void {
  const kind: unknown = typeof document.value === 'object' && document.value !== null && 'kind' in document.value ? document.value.kind : undefined;
  const add = <T>(list: Located<T>[], result: Result<T, MappingIssue[]>): void => {
    if (result.ok) list.push({ value: result.value, document });
    else issues.push(...result.error);
  };
  switch (kind) {
    case 'event-format':
      add(into.formats, validateMapping(document, eventFormatFileSchema));
      return;
    case 'field-aliases':
      add(into.aliases, validateMapping(document, fieldAliasesFileSchema));
      return;
    case 'value-forms':
      add(into.forms, validateMapping(document, valueFormsFileSchema));
      return;
    case 'channel-logsources':
      add(into.channels, validateMapping(document, channelLogsourcesFileSchema));
      return;
    case 'service-logsources':
      add(into.services, validateMapping(document, serviceLogsourcesFileSchema));
      return;
    default:
      issues.push(issueAt(document, ['kind'], `kind: expected one of ${MAPPING_KINDS.join(', ')}`));
  }
}

/**
 * Parses, validates and compiles mapping files (YAML texts; the runtime reads them from
 * `content/mappings/`). Collects every problem of every file, located, instead of stopping at the first.
 */
export function compileSigmaMappings(sources: readonly MappingSource[]): Result<SigmaMappings, MappingIssue[]> {
  const issues: MappingIssue[] = [];
  const collected: Collected = { formats: [], aliases: [], forms: [], channels: [], services: [] };
  for (const source of sources) {
    const document = parseMappingDocument(source);
    if (document.ok) collect(document.value, collected, issues);
    else issues.push(...document.error);
  }
  const events = compileEventFormats(collected.formats, collected.aliases, collected.forms);
  if (!events.ok) issues.push(...events.error);
  const logsources = compileLogsourceMappings(collected.channels, collected.services);
  if (!logsources.ok) issues.push(...logsources.error);
  if (issues.length > 0 || !events.ok || !logsources.ok) return err(issues);
  return ok({ events: events.value, logsources: logsources.value });
}
