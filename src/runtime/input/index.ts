/**
 * Streaming line input for log files: a path or `-` for stdin, plain or gzip (by content), in
 * batches of parallel arrays. Built for hostile input:
 * - a line longer than `maxLineBytes` is skipped as it streams by (never buffered) and counted;
 * - invalid UTF-8 becomes U+FFFD and the line is flagged `LineFlag.INVALID_UTF8`;
 * - NUL, ESC and other control bytes stay in the text (evidence is not rewritten) and the line is
 *   flagged `LineFlag.CONTROL_BYTES`, so a display can escape them;
 * - failures are VigilErrors (INPUT_NOT_FOUND, INPUT_UNREADABLE, INPUT_CORRUPT) raised after every
 *   complete line before the damage was delivered, never a hang or a bare exception.
 */
export { DEFAULT_HIGH_WATER_MARK, DEFAULT_MAX_LINE_BYTES, readLines } from './read-lines.js';
export { fileModifiedTime, STDIN_PATH } from './open-input.js';
export { readFileStart, readFully } from './read-fully.js';
export { LineFlag } from './types.js';
export type { LineBatch, LineFlagBit, LineSource, ReadLinesOptions, ReadStats } from './types.js';
