/** Syslog framing: one line → timestamp, host, program, pid and message. */
export { createSyslogFramer, type SyslogFramer } from './framer.js';
export { SyslogReader, type SyslogFramerOptions } from './syslog-reader.js';
export type { FrameFailure, SyslogFrame } from './frame.js';
export { YearTracker, type YearStart } from './year-tracker.js';
