import type msgReaderModule from '@kenjiuno/msgreader';
import type { FieldsData } from '@kenjiuno/msgreader';
import type { MailAddress, MailAttachment, ParsedMail, Reason } from '../../core/mail/contract.js';
import { emptyMail, parseEml } from './parse-eml.js';
import { resolveParseLimits, type ParseLimits } from './parse-limits.js';
import { parseProblem } from './parse-problems.js';

type MsgReaderClass = typeof msgReaderModule.default;

let msgReader: Promise<MsgReaderClass> | undefined;

/**
 * msgreader, loaded with the first .msg file: a batch of .eml files never pays for it. The package
 * is CommonJS with an ES-style default export: the class sits on `.default` of the module object.
 */
function loadMsgReader(): Promise<MsgReaderClass> {
  msgReader ??= import('@kenjiuno/msgreader').then((loaded) => loaded.default.default);
  return msgReader;
}

/** The first bytes of every OLE compound file (an Outlook .msg is one). */
export const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/** True when the bytes start like an OLE compound file. */
export function looksLikeOle(raw: Uint8Array): boolean {
  return OLE_MAGIC.every((byte, i) => raw[i] === byte);
}

/**
 * Parses an Outlook .msg file. The transport headers (when Outlook kept them) are parsed as real
 * headers; subject, sender, recipients, bodies and attachments come from the MAPI properties.
 * Never throws: an unreadable file becomes a `parse.msg_unreadable` problem.
 */
export async function parseMsg(raw: Uint8Array, options?: Partial<ParseLimits>): Promise<ParsedMail> {
  const limits = resolveParseLimits(options);
  if (raw.length > limits.maxTotalBytes) {
    return emptyMail([parseProblem('parse.truncated', `The .msg file is ${raw.length} bytes, over the ${limits.maxTotalBytes}-byte limit; it was not read.`)]);
  }
  let reader: InstanceType<MsgReaderClass>;
  let fields: FieldsData;
  try {
    const MsgReader = await loadMsgReader();
    const copy = new Uint8Array(raw);
    reader = new MsgReader(copy.buffer);
    fields = reader.getFileData();
  } catch (error) {
    return emptyMail([parseProblem('parse.msg_unreadable', `The .msg file could not be read: ${error instanceof Error ? error.message : String(error)}.`)]);
  }
  if (fields.error !== undefined) {
    return emptyMail([parseProblem('parse.msg_unreadable', `The .msg file could not be read: ${fields.error}.`)]);
  }
  const problems: Reason[] = [];
  const fromHeaders = fields.headers !== undefined && fields.headers.trim() !== ''
    ? await parseEml(Buffer.from(`${fields.headers.replace(/(\r?\n)+$/, '')}\r\n\r\n`, 'utf8'), limits)
    : undefined;
  if (fromHeaders !== undefined) problems.push(...fromHeaders.problems);

  const attachments: MailAttachment[] = [];
  for (const [i, attachment] of (fields.attachments ?? []).entries()) {
    if (attachments.length >= limits.maxParts) {
      problems.push(parseProblem('parse.too_many_parts', `The .msg has more than ${limits.maxParts} attachments; the rest were not analysed.`));
      break;
    }
    try {
      const data = reader.getAttachment(attachment);
      let content = data.content;
      if (content.length > limits.maxAttachmentBytes) {
        problems.push(parseProblem('parse.attachment_truncated', `Attachment ${i} is ${content.length} bytes; only the first ${limits.maxAttachmentBytes} were analysed.`));
        content = content.subarray(0, limits.maxAttachmentBytes);
      }
      attachments.push({
        index: attachments.length,
        filename: data.fileName,
        contentType: attachment.attachMimeTag ?? (attachment.innerMsgContent === true ? 'application/vnd.ms-outlook' : 'application/octet-stream'),
        disposition: attachment.attachmentHidden === true ? 'inline' : 'attachment',
        content,
      });
    } catch (error) {
      problems.push(parseProblem('parse.msg_unreadable', `Attachment ${i} of the .msg could not be read: ${error instanceof Error ? error.message : String(error)}.`));
    }
  }

  const senderAddress = fields.senderSmtpAddress ?? (fields.senderEmail?.includes('@') === true ? fields.senderEmail : fields.creatorSMTPAddress);
  const sender: MailAddress | undefined = senderAddress === undefined ? undefined : { name: fields.senderName ?? '', address: senderAddress };
  const recipients: MailAddress[] = (fields.recipients ?? [])
    .map((r) => ({ name: r.name ?? '', address: r.smtpAddress ?? r.email ?? '' }))
    .filter((r) => r.address !== '');

  return {
    headers: fromHeaders?.headers ?? [],
    subject: fields.subject ?? fromHeaders?.subject ?? '',
    from: fromHeaders?.from ?? sender,
    sender: fromHeaders?.sender,
    replyTo: fromHeaders?.replyTo ?? [],
    returnPath: fromHeaders?.returnPath,
    to: recipients.length > 0 ? recipients : (fromHeaders?.to ?? []),
    date: fromHeaders?.date ?? fields.messageDeliveryTime,
    messageId: fromHeaders?.messageId,
    text: fields.body ?? '',
    html: fields.bodyHtml ?? (fields.html === undefined ? '' : new TextDecoder('utf-8').decode(fields.html)),
    attachments,
    problems,
  };
}
