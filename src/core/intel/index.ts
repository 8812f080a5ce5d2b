/**
 * Vigil's threat-intelligence core: indicators and their canonical values, STIX 2.1 patterns and
 * bundles, feed readers (text in, indicators out), MISP warninglists, the event matcher, IOC
 * extraction from free text. Pure: no I/O, no clock; the runtime reads files and fetches feeds.
 */
export { INTEL_ERROR_CODES, formatIntelError, type IntelError, type IntelErrorCode, type IntelLocation } from './errors.js';
export { INTEL_LIMITS } from './limits.js';
export {
  INDICATOR_TYPES,
  TLP_LEVELS,
  TLP_RANK,
  buildIndicator,
  indicatorSchema,
  normalizeIndicator,
  type Indicator,
  type IndicatorMeta,
  type IndicatorType,
  type NormalizedValue,
  type Tlp,
} from './indicator.js';
export { detectIndicatorType } from './detect-type.js';
export { indicatorKey, mergeIndicator, mergeIndicators } from './merge.js';
export { formatIpv4, formatIpv6, parseCidr, parseIpv4, parseIpv6, type Cidr, type Ipv6Words } from '../../lib/ip.js';
export { normalizeDomain } from './domain.js';
export { canonicalizeUrl, quickUrlHost } from './url.js';
export { normalizeEmail } from './email.js';
export { HASH_TYPES, hashTypeFromName, type HashType } from './hash.js';
export { CidrIndex, type CidrEntry } from './cidr-index.js';
export { IndicatorIndex, type IndicatorHit, type IndicatorIndexOptions, type IndicatorMatch, type MatchEventOptions, type MatchKind } from './matcher.js';
export { SuppressionLog, dropKnownGoodIndicators, indicatorTypeOfObservable, knownGoodFromWarninglists, type KnownGood, type SuppressedExample } from './known-good.js';
export { isPublicSuffix } from './public-suffix-guard.js';
export { DEFAULT_WARNINGLISTS, FEED_FORMATS, feedConfigSchema, intelConfigSchema, type FeedAuth, type FeedConfig, type FeedFormat, type IntelConfig, type SecretRef } from './intel-config.js';
export type { IndicatorLookup } from './lookup-port.js';
export { OBSERVABLE_FIELDS, collectObservables, observableKindOf, type Observable, type ObservableKind } from './observables.js';
export { ecsConfidence, stixObservableType, toEcsThreatEnrichment, toEcsThreatIndicator, type EcsConfidence, type EcsThreatEnrichment, type EcsThreatIndicator } from './ecs-threat.js';
export { WARNINGLIST_TYPES, WarninglistIndex, mispWarninglistSchema, type MispWarninglist, type WarninglistHit, type WarninglistType } from './warninglists.js';
export { checkJsonShape, parseJsonDocument } from './json-depth.js';
export { decodeUtf8 } from './text.js';

export { parsePattern, type ParsedPattern, type PatternError } from './stix/pattern-parser.js';
export type { ComparisonExpr, ObjectPath, ObservationExpr, PathStep, PatternLiteral, Qualifier, TestOperator } from './stix/pattern-ast.js';
export { patternValues, type PatternFeature, type PatternValue, type PatternValues } from './stix/pattern-values.js';
export { STIX21_OBJECT_TYPES } from './stix/stix-object.js';
export { readStixBundle, type StixBundle, type StixIndicatorRecord, type StixPatternState, type StixRelationship, type StixSighting } from './stix/bundle-reader.js';
export { stixIndicatorStatus, type StixIndicatorStatus } from './stix/indicator-status.js';
export { summarizeStixBundle, type StixBundleSummary, type StixIndicatorSummary } from './stix/bundle-summary.js';
export { stixBundleIndicators, type StixIndicators, type StixToIndicatorsOptions } from './stix/to-indicators.js';
export { STANDARD_TLP_MARKINGS, tlpFromName } from './stix/tlp.js';
export { buildStixExport, type StixExportOptions, type StixSightingInput } from './stix/export-bundle.js';

export type { FeedOptions, FeedResult } from './feeds/feed-result.js';
export { readVigilCsv, VIGIL_CSV_HEADER } from './feeds/vigil-csv.js';
export { readUrlhausCsv, URLHAUS_COLUMNS } from './feeds/urlhaus.js';
export { readThreatFoxCsv, THREATFOX_COLUMNS } from './feeds/threatfox.js';
export { readFeodoCsv, FEODO_COLUMNS } from './feeds/feodo.js';
export { readSpamhausDrop } from './feeds/spamhaus-drop.js';
export { readPlainList } from './feeds/plain-list.js';
export { mispValueHash, readMispEvent, readMispHashesCsv, readMispManifest, type MispEventOptions, type MispManifestEntry, type MispValueHash } from './feeds/misp-feed.js';
export { parseFeedTime } from './feeds/feed-time.js';
export { readFeed, readStixObjects } from './feeds/read-feed.js';

export { defang, fang, fangWithMap } from './extract/fang.js';
export type { MappedText } from './extract/rewrite.js';
export { EXTRACTED_TYPES, type ExtractedType } from './extract/candidate.js';
export { extractIocs, type ExtractOptions, type ExtractedIoc, type ExtractedIocs, type TextSpan } from './extract/extract.js';
export { RulePublicSuffixList, builtinPublicSuffixList, type PublicSuffixList } from './extract/public-suffix.js';
export { FILE_EXTENSION_TLDS } from './extract/scan-web.js';
