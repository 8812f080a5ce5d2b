/**
 * The event side of the Sigma engine: JSON event formats described by mapping files, event views that
 * read Sigma field names through them, and the bounded NDJSON / JSON reader.
 */
export { EventFormat } from './event-format.js';
export { compileEventFormats, type EventFormats, type Located } from './event-formats.js';
export {
  createEventReader,
  DEFAULT_EVENT_READER_LIMITS,
  EVENT_READ_FAILURE_TEXT,
  type EventReader,
  type EventReaderLimits,
  type EventReadFailure,
  type EventReadFailureReason,
} from './event-reader.js';
export { type ChannelRoute, type EventRoute, type ServiceRoute, toEventId } from './event-route.js';
export { parseEventTime } from './event-time.js';
export { FieldAliases } from './field-aliases.js';
export {
  type EventFormatFile,
  eventFormatFileSchema,
  type FieldAliasesFile,
  fieldAliasesFileSchema,
  type ValueFormsFile,
  valueFormsFileSchema,
} from './format-schema.js';
export { checkJsonShape, type ShapeProblem } from './json-shape.js';
export { isJsonObject, type JsonObject } from './json-path.js';
export { MappedEventView, type RoutedEventView } from './mapped-view.js';
export { type MappingDocument, type MappingIssue, type MappingSource, parseMappingDocument, validateMapping } from './mapping-source.js';
export { braceGuid, unpadHexInteger } from './value-forms.js';
