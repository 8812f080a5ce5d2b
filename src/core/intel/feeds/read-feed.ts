import { type Result, err, ok } from '../../../lib/result.js';
import { type IntelError, intelError } from '../errors.js';
import { assertNever } from '../indicator.js';
import type { FeedFormat } from '../intel-config.js';
import { parseJsonDocument } from '../json-depth.js';
import { readStixBundle } from '../stix/bundle-reader.js';
import { stixBundleIndicators } from '../stix/to-indicators.js';
import type { FeedOptions, FeedResult } from './feed-result.js';
import { readFeodoCsv } from './feodo.js';
import { readMispEvent } from './misp-feed.js';
import { readPlainList } from './plain-list.js';
import { readSpamhausDrop } from './spamhaus-drop.js';
import { readThreatFoxCsv } from './threatfox.js';
import { readUrlhausCsv } from './urlhaus.js';
import { readVigilCsv } from './vigil-csv.js';

/**
 * Reads a feed document of a known format. A document that cannot be read as a whole (bad JSON,
 * too deep, not a bundle) is an error; bad records inside a readable document are in `errors`.
 * `taxii` is not a document format (the runtime pulls TAXII collections as STIX objects).
 */
export function readFeed(format: FeedFormat, text: string, options: FeedOptions): Result<FeedResult, IntelError> {
  switch (format) {
    case 'vigil-csv':
      return ok(readVigilCsv(text, options));
    case 'plain':
      return ok(readPlainList(text, options));
    case 'urlhaus':
      return ok(readUrlhausCsv(text, options));
    case 'threatfox':
      return ok(readThreatFoxCsv(text, options));
    case 'feodo':
      return ok(readFeodoCsv(text, options));
    case 'spamhaus-drop':
      return ok(readSpamhausDrop(text, options));
    case 'misp-event': {
      const doc = parseJsonDocument(text);
      return doc.ok ? readMispEvent(doc.value, options) : err(doc.error);
    }
    case 'stix': {
      const doc = parseJsonDocument(text);
      return doc.ok ? readStixObjects(doc.value, options) : err(doc.error);
    }
    case 'taxii':
      return err(intelError('INTEL_BAD_FORMAT', 'a TAXII feed is pulled from its server, not read from a file'));
    default:
      return assertNever(format);
  }
}

/** Indicators of a STIX 2.1 bundle (or single object), already JSON-parsed. */
export function readStixObjects(doc: unknown, options: FeedOptions): Result<FeedResult, IntelError> {
  const bundle = readStixBundle(doc);
  if (!bundle.ok) return bundle;
  const got = stixBundleIndicators(bundle.value, { defaultSource: options.source });
  const errors = [...bundle.value.errors, ...bundle.value.warnings].slice(0, 1000);
  const indicators = got.indicators.map((i) => ({
    ...i,
    ...(i.confidence === undefined && options.defaultConfidence !== undefined ? { confidence: options.defaultConfidence } : {}),
    ...(i.tlp === undefined && options.tlp !== undefined ? { tlp: options.tlp } : {}),
  }));
  return ok({ indicators, errors, errorsDropped: 0, records: bundle.value.indicators.length, skipped: got.notTaken.length });
}
