import type { Reason } from '../../core/mail/contract.js';

/**
 * The reasons a parser reports about the message's structure. Weights are points towards the
 * verdict: a message built to break parsers is itself a sign of evasion.
 */
export const PARSE_PROBLEM_WEIGHTS = {
  'parse.truncated': 1,
  'parse.header_too_large': 3,
  'parse.mime_too_deep': 4,
  'parse.too_many_parts': 3,
  'parse.headers_limit': 3,
  'parse.attachment_truncated': 1,
  'parse.malformed_base64': 2,
  'parse.no_headers': 2,
  'parse.failed': 2,
  'parse.msg_unreadable': 2,
} as const;

export type ParseProblemCode = keyof typeof PARSE_PROBLEM_WEIGHTS;

/** A parse problem as a reason on the whole message. */
export function parseProblem(code: ParseProblemCode, summary: string): Reason {
  return { code, weight: PARSE_PROBLEM_WEIGHTS[code], summary, source: { kind: 'message' } };
}
