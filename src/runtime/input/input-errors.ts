import { VigilError } from '../../lib/errors.js';

/** The `code` of a Node system or zlib error (`ENOENT`, `Z_DATA_ERROR`, ...), if it has one. */
function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Maps a failure to open or stat `path` to INPUT_NOT_FOUND or INPUT_UNREADABLE. */
export function openError(error: unknown, path: string): VigilError {
  const options = { cause: error, location: { file: path } };
  switch (errorCode(error) ?? '') {
    case 'ENOENT':
    case 'ENOTDIR':
      return new VigilError('INPUT_NOT_FOUND', `input file not found: ${path}`, options);
    case 'EISDIR':
      return directoryError(path, error);
    case 'EACCES':
    case 'EPERM':
      return new VigilError('INPUT_UNREADABLE', `permission denied reading ${path}`, options);
    default:
      return new VigilError('INPUT_UNREADABLE', `cannot open ${path}: ${reason(error)}`, options);
  }
}

/** INPUT_UNREADABLE for a path that names a directory. */
export function directoryError(path: string, cause?: unknown): VigilError {
  const location = { file: path };
  return new VigilError('INPUT_UNREADABLE', `${path} is a directory, not a log file`, cause === undefined ? { location } : { cause, location });
}

/** How far reading got when it failed, for the error message. */
export interface ReadProgress {
  /** Lines finished (delivered or skipped as too long) before the failure. */
  readonly linesSeen: number;
  /** Lines delivered before the failure. */
  readonly linesDelivered: number;
  /** Bytes of the unfinished line that was cut off and not delivered. */
  readonly unfinishedBytes: number;
}

/**
 * Maps an error raised while reading `name` to INPUT_CORRUPT (zlib rejected the data) or
 * INPUT_UNREADABLE (the read itself failed), saying how much was delivered first.
 */
export function readError(error: unknown, name: string, progress: ReadProgress): VigilError {
  const options = { cause: error, location: { file: name, line: progress.linesSeen + 1 } };
  const partial = progress.unfinishedBytes > 0 ? `; the ${progress.unfinishedBytes}-byte start of line ${progress.linesSeen + 1} was dropped` : '';
  const delivered = `lines 1-${progress.linesSeen} (${progress.linesDelivered} delivered) were read before it${partial}`;
  if (errorCode(error)?.startsWith('Z_') === true) {
    return new VigilError('INPUT_CORRUPT', `${name}: gzip data is damaged (${reason(error)}); ${delivered}`, options);
  }
  return new VigilError('INPUT_UNREADABLE', `${name}: reading failed (${reason(error)}); ${delivered}`, options);
}
