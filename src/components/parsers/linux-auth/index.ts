/** Linux auth/syslog lines → ECS events. */
export { createLinuxAuthParser, isGenericAction, type LinuxAuthParser, type LinuxAuthParserOptions, type ParsedLine, type ScannedLine } from './parser.js';
