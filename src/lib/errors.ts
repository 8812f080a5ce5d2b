/**
 * The one catalogue of error codes. Code branches on `code`, never on a message.
 */
export const ERROR_CODES = {
  INPUT_NOT_FOUND: 'the input file does not exist',
  INPUT_UNREADABLE: 'the input could not be read',
  INPUT_CORRUPT: 'the input is damaged (for example a truncated gzip stream)',
  OUTPUT_FAILED: 'an output could not be written',
  INVALID_ARGUMENT: 'a command-line argument is invalid',
  INVALID_CONFIG: 'the configuration is invalid',
  STORE_FAILED: 'the store could not be opened or written',
  PARSE_FAILED: 'a record could not be parsed',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Where an error came from, when it came from a file. */
export interface ErrorLocation {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** Vigil's single error class: a stable code, a human message, an optional cause and location. */
export class VigilError extends Error {
  override readonly name = 'VigilError';
  readonly code: ErrorCode;
  readonly location: ErrorLocation | undefined;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; location?: ErrorLocation } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.location = options.location;
  }
}

/** True for VigilError values (also across module copies). */
export function isVigilError(value: unknown): value is VigilError {
  return value instanceof VigilError;
}
