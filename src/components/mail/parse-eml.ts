import PostalMime, { addressParser, decodeWords, type Address, type Attachment, type Email } from 'postal-mime';
import type { MailAddress, MailAttachment, ParsedMail, Reason } from '../../core/mail/contract.js';
import './postal-mime-speedups.js';
import { resolveParseLimits, type ParseLimits } from './parse-limits.js';
import { parseProblem } from './parse-problems.js';
import { countDelimiterLines, countMalformedBase64Parts, findHeaderEnd, lastLineEndBefore } from './raw-prescan.js';

export type { ParseLimits } from './parse-limits.js';

const BLANK_LINE = new Uint8Array([0x0d, 0x0a, 0x0d, 0x0a]);

/**
 * Parses a raw RFC 5322 message (an .eml file) into the shape the analysers read. Never throws and
 * never rejects: limits hit and broken structure become `problems`. Work is bounded by the limits
 * (total size, header size, MIME depth, number of parts, attachment size) before postal-mime runs.
 */
export async function parseEml(raw: Uint8Array, options?: Partial<ParseLimits>): Promise<ParsedMail> {
  const limits = resolveParseLimits(options);
  const problems: Reason[] = [];
  try {
    return await parseBounded(raw, limits, problems);
  } catch (error) {
    problems.push(parseProblem('parse.failed', `The message could not be parsed: ${describe(error)}.`));
    return emptyMail(problems);
  }
}

async function parseBounded(input: Uint8Array, limits: ParseLimits, problems: Reason[]): Promise<ParsedMail> {
  let raw = input;
  const split = findHeaderEnd(raw);
  const headerBytes = split === undefined ? raw.length : split.headerEnd;
  if (headerBytes > limits.maxHeaderBytes) {
    problems.push(parseProblem('parse.header_too_large', `The header block is ${headerBytes} bytes (limit ${limits.maxHeaderBytes}); the rest of it was dropped.`));
    const kept = lastLineEndBefore(raw, limits.maxHeaderBytes);
    const body = split === undefined ? new Uint8Array(0) : raw.subarray(split.bodyStart);
    raw = concat([raw.subarray(0, kept), BLANK_LINE.subarray(kept > 0 ? 2 : 0), body]);
  }
  if (raw.length > limits.maxTotalBytes) {
    problems.push(parseProblem('parse.truncated', `The message is ${raw.length} bytes; only the first ${limits.maxTotalBytes} were read.`));
    raw = raw.subarray(0, lastLineEndBefore(raw, limits.maxTotalBytes) || limits.maxTotalBytes);
  }
  if (split?.headerEnd === 0) {
    problems.push(parseProblem('parse.no_headers', 'The message has no header block.'));
  }

  const delimiters = countDelimiterLines(raw, limits.maxParts * 2 + 2);
  if (delimiters > limits.maxParts * 2 + 2) {
    problems.push(parseProblem('parse.too_many_parts', `The message has more than ${limits.maxParts} MIME parts; only its headers were read.`));
    return headersOnly(raw, limits, problems);
  }
  const malformed = countMalformedBase64Parts(raw);
  if (malformed > 0) {
    problems.push(parseProblem('parse.malformed_base64', `${malformed} base64 part${malformed === 1 ? '' : 's'} contain bytes outside the base64 alphabet (content hidden from decoders).`));
  }

  let email: Email;
  try {
    email = await PostalMime.parse(raw, {
      maxNestingDepth: limits.maxMimeDepth,
      maxHeadersSize: limits.maxAllHeadersBytes,
      maxRfc822NestingDepth: Math.min(3, limits.maxMimeDepth),
      attachmentEncoding: 'arraybuffer',
    });
  } catch (error) {
    const message = describe(error);
    if (/nesting depth/i.test(message)) {
      problems.push(parseProblem('parse.mime_too_deep', `The MIME tree is deeper than ${limits.maxMimeDepth} levels; only the message headers were read.`));
    } else if (/header size/i.test(message)) {
      problems.push(parseProblem('parse.headers_limit', `The headers of all parts exceed ${limits.maxAllHeadersBytes} bytes; only the message headers were read.`));
    } else {
      problems.push(parseProblem('parse.failed', `The MIME structure could not be parsed (${message}); only the message headers were read.`));
    }
    return headersOnly(raw, limits, problems);
  }
  return toParsedMail(email, limits, problems);
}

/** Parses just the top-level header block, for messages whose body cannot be parsed within limits. */
async function headersOnly(raw: Uint8Array, limits: ParseLimits, problems: Reason[]): Promise<ParsedMail> {
  const split = findHeaderEnd(raw);
  const header = raw.subarray(0, Math.min(split?.headerEnd ?? raw.length, limits.maxHeaderBytes));
  try {
    const email = await PostalMime.parse(concat([header, BLANK_LINE]), { maxNestingDepth: 1, maxHeadersSize: limits.maxAllHeadersBytes });
    return toParsedMail({ ...email, text: '', html: '', attachments: [] }, limits, problems);
  } catch (error) {
    problems.push(parseProblem('parse.failed', `The header block could not be parsed: ${describe(error)}.`));
    return emptyMail(problems);
  }
}

function toParsedMail(email: Email, limits: ParseLimits, problems: Reason[]): ParsedMail {
  const attachments: MailAttachment[] = [];
  const all = email.attachments;
  if (all.length > limits.maxParts) {
    problems.push(parseProblem('parse.too_many_parts', `The message has ${all.length} attachments; only the first ${limits.maxParts} were analysed.`));
  }
  for (let i = 0; i < all.length && i < limits.maxParts; i++) {
    attachments.push(toAttachment(all[i]!, i, limits, problems));
  }
  return {
    headers: email.headers.map((h) => header(h.key, h.value)),
    subject: email.subject ?? '',
    from: firstMailbox(email.from, headerValue(email, 'from')),
    sender: firstMailbox(email.sender, headerValue(email, 'sender')),
    replyTo: flatten(email.replyTo),
    returnPath: cleanReturnPath(email.returnPath),
    to: [...flatten(email.to), ...flatten(email.cc)],
    date: email.date,
    messageId: email.messageId,
    text: email.text ?? '',
    html: email.html ?? '',
    attachments,
    problems,
  };
}

function toAttachment(attachment: Attachment, index: number, limits: ParseLimits, problems: Reason[]): MailAttachment {
  let content = toBytes(attachment.content);
  const filename = attachment.filename ?? '';
  if (content.length > limits.maxAttachmentBytes) {
    problems.push(parseProblem('parse.attachment_truncated', `Attachment ${index} (${filename || attachment.mimeType}) is ${content.length} bytes; only the first ${limits.maxAttachmentBytes} were analysed.`));
    content = content.subarray(0, limits.maxAttachmentBytes);
  }
  const disposition: MailAttachment['disposition'] =
    attachment.disposition === 'attachment' ? 'attachment' : attachment.disposition === 'inline' ? 'inline' : 'unknown';
  return { index, filename, contentType: attachment.mimeType, disposition, content };
}

function toBytes(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

/**
 * A header whose value has its RFC 2047 words decoded when first read. Analysers read a handful
 * of headers by name, while transport headers such as X-Microsoft-Antispam-Message-Info carry
 * kilobytes of encoded words that nothing reads: decoding every one cost more than the parse.
 */
function header(name: string, raw: string): { readonly name: string; readonly value: string } {
  if (!raw.includes('=?')) return { name, value: raw };
  let decoded: string | undefined;
  return {
    name,
    get value(): string {
      decoded ??= decodeHeaderValue(raw);
      return decoded;
    },
  };
}

/** RFC 2047 words decoded; a header value that fails to decode is kept as written. */
function decodeHeaderValue(value: string): string {
  if (!value.includes('=?')) return value;
  try {
    return decodeWords(value);
  } catch {
    return value;
  }
}

function headerValue(email: Email, key: string): string | undefined {
  const value = email.headers.find((h) => h.key === key)?.value;
  return value === undefined ? undefined : decodeHeaderValue(value);
}

function flatten(addresses: readonly Address[] | undefined): MailAddress[] {
  const out: MailAddress[] = [];
  for (const a of addresses ?? []) {
    if (a.group !== undefined) for (const m of a.group) out.push({ name: m.name, address: m.address });
    else out.push({ name: a.name, address: a.address });
  }
  return out;
}

/**
 * The From (or Sender) mailbox. postal-mime returns one address, but an unquoted comma in a display
 * name (`Microsoft account team ,_<x@y>`) splits it: the mailbox is then the first part with an
 * address, and the display name everything written before it.
 */
function firstMailbox(address: Address | undefined, header: string | undefined): MailAddress | undefined {
  if (address === undefined) return undefined;
  const first = flatten([address])[0];
  if (first === undefined || first.address !== '' || header === undefined) return first;
  const all = flatten(addressParser(header));
  const index = all.findIndex((a) => a.address !== '');
  if (index < 0) return first;
  const name = all.slice(0, index + 1).map((a) => a.name).filter((n) => n !== '').join(', ');
  return { name, address: all[index]!.address };
}

function cleanReturnPath(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim().replace(/^<|>$/g, '').trim();
  return trimmed;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  return Buffer.concat(chunks);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A message with nothing readable: the analysers still run and see the problems. */
export function emptyMail(problems: readonly Reason[]): ParsedMail {
  return {
    headers: [],
    subject: '',
    from: undefined,
    sender: undefined,
    replyTo: [],
    returnPath: undefined,
    to: [],
    date: undefined,
    messageId: undefined,
    text: '',
    html: '',
    attachments: [],
    problems,
  };
}
