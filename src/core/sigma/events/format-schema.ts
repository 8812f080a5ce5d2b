import { z } from 'zod';

/** A dotted path (`Event.System.Channel`, `$` for the record itself); `*` steps into the only child element. */
const pathText = z.string().min(1).max(512).regex(/^(\$|[^.]+(\.[^.]+)*)$/, 'a dotted path such as Event.System.Channel, or $');
const pathList = z.array(pathText).min(1).max(16);
/** A Sigma field name as rules write it. */
const fieldName = z.string().min(1).max(256);
const formatName = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'a lower-case name such as evtx-flat');
const eventId = z.number().int().min(0).max(0xffffffff);

/** `kind: event-format`: how one JSON event format exposes Sigma field names. */
export const eventFormatFileSchema = z.strictObject({
  kind: z.literal('event-format'),
  name: formatName,
  description: z.string().max(1024),
  /** Formats are tried in ascending priority; the first whose `detect` holds reads the record. */
  priority: z.number().int().min(0).max(1000),
  detect: z
    .strictObject({ allOf: pathList.optional(), anyOf: pathList.optional() })
    .refine((d) => d.allOf !== undefined || d.anyOf !== undefined, 'detect needs allOf or anyOf'),
  route: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('channel'), channel: pathList, eventId: pathList }),
    z.strictObject({ kind: z.literal('service'), dataset: pathList, appname: pathList }),
  ]),
  time: pathList,
  /** Sigma field → paths, tried first. */
  fields: z.record(fieldName, pathList).optional(),
  /** Then the field by its own name inside each of these objects. */
  containers: z
    .array(
      z.strictObject({
        path: pathText,
        /** `A_B` also reads `A.#attributes.B` (EVTX System elements: Provider_Name, Security_UserID). */
        attributesJoined: z.boolean().optional(),
      }),
    )
    .max(16)
    .optional(),
  /** Sigma field → paths, tried when neither `fields` nor a container has the field. */
  fallbacks: z.record(fieldName, pathList).optional(),
  /** A Sigma field containing dots is also read as a path from the record (`user.name`). */
  dottedFields: z.boolean().optional(),
  /**
   * Where keyword (field-less) search looks: the string values at these paths. Without it, every
   * string value of the record. Vigil's events keep the raw line in event.original; their ECS fields
   * (`system.auth`, `authentication`) are not text the log said.
   */
  keywordPaths: pathList.optional(),
  /** Object keys whose values keyword search skips (`xmlns`: markup, not event content). */
  keywordSkipKeys: z.array(z.string().min(1).max(256)).max(64).optional(),
});

/** A validated `kind: event-format` file. */
export type EventFormatFile = z.infer<typeof eventFormatFileSchema>;

/** `kind: field-aliases`: Sigma fields that events of some channel and event ids carry under another name. */
export const fieldAliasesFileSchema = z.strictObject({
  kind: z.literal('field-aliases'),
  aliases: z
    .array(
      z.strictObject({
        channels: z.array(z.string().min(1).max(256)).min(1),
        eventIds: z.array(eventId).min(1),
        /** Sigma field → the event's field. */
        fields: z.record(fieldName, fieldName),
      }),
    )
    .min(1),
});

/** A validated `kind: field-aliases` file. */
export type FieldAliasesFile = z.infer<typeof fieldAliasesFileSchema>;

/** `kind: value-forms`: values some renderers write differently from Windows, normalised on read. */
export const valueFormsFileSchema = z.strictObject({
  kind: z.literal('value-forms'),
  formats: z.array(formatName).min(1),
  /** Any value that is exactly `0x` + zero-padded hex digits loses the leading zeros. */
  hexIntegers: z.boolean().optional(),
  /** These fields' bare GUIDs get braces. */
  guids: z.array(fieldName).optional(),
});

/** A validated `kind: value-forms` file. */
export type ValueFormsFile = z.infer<typeof valueFormsFileSchema>;
