import { splitCsvLine } from './csv-line.js';
import { FeedCollector, type FeedOptions, type FeedResult } from './feed-result.js';
import { forEachLine } from './lines.js';

/** How one abuse.ch CSV export is laid out. */
export interface AbuseChLayout {
  /** A column name only the header row has (`url`, `ioc_value`, `dst_ip`): finds the header. */
  readonly keyColumns: readonly string[];
  /** Columns when the text has no header row. */
  readonly defaultColumns: readonly string[];
  /** Turns one data row (column name → field, names lower-cased) into indicators. */
  readonly row: (get: (column: string) => string | undefined, lineNo: number, collector: FeedCollector) => void;
}

/**
 * Reads an abuse.ch CSV export: `#` comment lines (the banner), a header row that is either a comment
 * (`# id,dateadded,url,…`) or a plain quoted row (`"first_seen_utc","dst_ip",…`), then quoted data rows.
 * Columns are found by name, so added or reordered columns do not break the reader.
 */
export function readAbuseChCsv(text: string, layout: AbuseChLayout, options: FeedOptions): FeedResult {
  const c = new FeedCollector(options);
  let columns = new Map<string, number>(layout.defaultColumns.map((name, i) => [name, i]));
  const isHeader = (fields: readonly string[]): boolean => fields.some((f) => layout.keyColumns.includes(f.trim().toLowerCase()));
  const setHeader = (fields: readonly string[]): void => {
    columns = new Map(fields.map((f, i) => [f.trim().toLowerCase(), i]));
  };
  forEachLine(text, c, (line, lineNo) => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    if (trimmed.startsWith('#')) {
      const body = trimmed.replace(/^#+\s*/, '');
      if (body.includes(',')) {
        const split = splitCsvLine(body);
        if (split.ok && isHeader(split.fields)) setHeader(split.fields);
      }
      return;
    }
    const split = splitCsvLine(line);
    if (!split.ok) {
      c.error('INTEL_BAD_FORMAT', 'a quoted field is not closed', lineNo, { column: split.column });
      return;
    }
    if (isHeader(split.fields)) {
      setHeader(split.fields);
      return;
    }
    c.records++;
    const fields = split.fields;
    layout.row((name) => {
      const i = columns.get(name);
      return i === undefined ? undefined : fields[i];
    }, lineNo, c);
  });
  return c.result();
}

/** `None`, `null` and empty fields are absent. */
export function present(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const t = v.trim();
  return t === '' || t === 'None' || t === 'null' ? undefined : t;
}

/** A comma-separated tag field as labels. */
export function tagList(v: string | undefined): string[] {
  const p = present(v);
  return p === undefined ? [] : p.split(',').map((t) => t.trim()).filter((t) => t !== '' && t !== 'None');
}
