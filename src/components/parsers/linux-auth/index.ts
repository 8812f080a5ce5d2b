/** Linux auth/syslog lines → ECS events. */
export { createLinuxAuthParser, isGenericAction, type LinuxAuthParser, type LinuxAuthParserOptions, type ParsedLine } from './parser.js';
