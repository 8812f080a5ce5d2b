/**
 * `Authentication-Results` (RFC 8601) and `ARC-Authentication-Results` (RFC 8617) as recorded by
 * the receiving server: each method's result and properties (`smtp.mailfrom`, `header.from`,
 * `header.d` …). Comments in parentheses are dropped; unknown methods are kept.
 */

/** One method's verdict: `dmarc=fail header.from=example.com`. */
export interface AuthMethodResult {
  readonly method: string;
  readonly result: string;
  readonly properties: Readonly<Record<string, string>>;
}

export interface AuthResults {
  /** The server that recorded them, when the header names it. */
  readonly authservId: string | undefined;
  /** ARC instance (`i=`), for ARC-Authentication-Results. */
  readonly instance: number | undefined;
  readonly results: readonly AuthMethodResult[];
}

const MAX_VALUE = 8192;
const METHOD = /^([a-z0-9][a-z0-9_.-]*)\s*=\s*([a-z0-9_.-]+)/i;
const PROPERTY = /([a-z0-9_-]+(?:\.[a-z0-9_-]+)?)\s*=\s*("[^"]*"|[^\s;]+)/gi;

/** Removes RFC 5322 comments (nested parentheses); quoted strings are kept. */
export function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && (depth > 0 || quoted)) {
      i++;
      continue;
    }
    if (quoted) {
      out += c;
      if (c === '"') quoted = false;
    } else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0) {
      if (c === '"') quoted = true;
      out += c;
    }
  }
  return out;
}

/** Parses one Authentication-Results or ARC-Authentication-Results value. */
export function parseAuthResults(value: string): AuthResults {
  const segments = stripComments(value.slice(0, MAX_VALUE)).split(';');
  let authservId: string | undefined;
  let instance: number | undefined;
  const results: AuthMethodResult[] = [];
  for (const [n, raw] of segments.entries()) {
    const segment = raw.trim();
    if (segment === '') continue;
    const arc = /^i\s*=\s*(\d+)$/i.exec(segment);
    if (arc !== null) {
      instance = Number(arc[1]);
      continue;
    }
    const method = METHOD.exec(segment);
    if (method === null) {
      if (authservId === undefined && n <= 1) authservId = segment.split(/\s+/)[0];
      continue;
    }
    const properties: Record<string, string> = {};
    for (const p of segment.slice(method[0].length).matchAll(PROPERTY)) {
      properties[p[1]!.toLowerCase()] = p[2]!.replace(/^"|"$/g, '');
    }
    results.push({ method: method[1]!.toLowerCase(), result: method[2]!.toLowerCase(), properties });
  }
  return { authservId, instance, results };
}

/** The first result of a method, if any. */
export function methodResult(results: AuthResults, method: string): AuthMethodResult | undefined {
  return results.results.find((r) => r.method === method);
}
