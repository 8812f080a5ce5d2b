/**
 * Logsource dispatch: logsource mappings (Windows channels and event ids, Vigil's syslog services) and
 * the index that offers each event only the rules whose logsource can match it.
 */
export { buildLogsourceIndex, type IndexableRule, type LogsourceIndex, type UnmappedRule } from './logsource-index.js';
export {
  type ChannelSource,
  compileLogsourceMappings,
  type FieldCondition,
  type LogsourceMappings,
  type ProductMapping,
  type SyslogService,
} from './logsource-mappings.js';
export {
  type ChannelLogsourcesFile,
  channelLogsourcesFileSchema,
  type ServiceLogsourcesFile,
  serviceLogsourcesFileSchema,
} from './logsource-schema.js';
export { type LogsourceTarget, resolveLogsource, type ResolvedLogsource, type UnmappedLogsource, type UnmappedReason } from './resolve-logsource.js';
export { conditionHolds, RuleBucket } from './rule-bucket.js';
export { compileSigmaMappings, MAPPING_KINDS, type SigmaMappings } from './sigma-mappings.js';
