import { err, ok, type Result } from '../../../lib/result.js';
import { EventFormat } from './event-format.js';
import { FieldAliases } from './field-aliases.js';
import type { EventFormatFile, FieldAliasesFile, ValueFormsFile } from './format-schema.js';
import type { JsonObject } from './json-path.js';
import { issueAt, type MappingDocument, type MappingIssue } from './mapping-source.js';
import { NO_VALUE_FORMS, type ValueForms } from './value-forms.js';

/** A validated mapping file together with its document (for locating cross-file problems). */
export interface Located<T> {
  readonly value: T;
  readonly document: MappingDocument;
}

/** The event formats Vigil reads, in detection order, with the field aliases of Windows events. */
export interface EventFormats {
  readonly formats: readonly EventFormat[];
  readonly aliases: FieldAliases;
  /** The first format (by priority) whose marks the record has. */
  detect(record: JsonObject): EventFormat | undefined;
  byName(name: string): EventFormat | undefined;
}

/**
 * Compiles format, alias and value-form files into the formats the reader uses. Format names must be
 * unique, and value forms must name formats that exist; every problem is reported.
 */
export function compileEventFormats(
  formatFiles: readonly Located<EventFormatFile>[],
  aliasFiles: readonly Located<FieldAliasesFile>[],
  formFiles: readonly Located<ValueFormsFile>[],
): Result<EventFormats, MappingIssue[]> {
  const issues: MappingIssue[] = [];
  const names = new Set(formatFiles.map((f) => f.value.name));
  const forms = new Map<string, { hexIntegers: boolean; guidFields: Set<string> }>();
  for (const { value, document } of formFiles) {
    value.formats.forEach((name, i) => {
      if (!names.has(name)) {
        issues.push(issueAt(document, ['formats', i], `formats.${i}: no event format is named ${name}`));
        return;
      }
      let form = forms.get(name);
      if (form === undefined) forms.set(name, (form = { hexIntegers: false, guidFields: new Set() }));
      if (value.hexIntegers === true) form.hexIntegers = true;
      for (const field of value.guids ?? []) form.guidFields.add(field);
    });
  }
  const formats: EventFormat[] = [];
  const seen = new Set<string>();
  for (const { value, document } of formatFiles) {
    if (seen.has(value.name)) {
      issues.push(issueAt(document, ['name'], `name: another file already defines the event format ${value.name}`));
      continue;
    }
    seen.add(value.name);
    const valueForms: ValueForms = forms.get(value.name) ?? NO_VALUE_FORMS;
    formats.push(new EventFormat(value, valueForms));
  }
  if (issues.length > 0) return err(issues);
  formats.sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : 1));
  const byName = new Map(formats.map((f) => [f.name, f]));
  const aliases = new FieldAliases(aliasFiles.map((f) => f.value));
  return ok({
    formats,
    aliases,
    detect(record: JsonObject): EventFormat | undefined {
      for (const format of formats) if (format.matches(record)) return format;
      return undefined;
    },
    byName: (name: string) => byName.get(name),
  });
}
