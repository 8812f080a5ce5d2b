/**
 * Vigil's log parsers. Each turns the lines of one input into ECS events (`TimedEvent`) or
 * {@link ParseFailure} values; none throws on hostile input.
 */
export { createLinuxAuthParser, isGenericAction, type LinuxAuthParser, type LinuxAuthParserOptions, type ParsedLine } from './linux-auth/index.js';
export { PARSE_FAILURE_TEXT, type ParseFailure, type ParseFailureReason } from './parse-failure.js';
export { createSyslogFramer, YearTracker, type FrameFailure, type SyslogFrame, type SyslogFramer, type SyslogFramerOptions, type YearStart } from './syslog/index.js';
export { isIpAddress, isIpv4, isIpv6 } from '../../lib/ip.js';
