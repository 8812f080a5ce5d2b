import type { ParsedMail, Reason } from '../contract.js';
import { headerReason } from './header-reasons.js';
import type { ReceivedChain } from './received-chain.js';

const DAY = 24 * 3600 * 1000;

/** Headers every real mail client writes (Date, Message-ID) and Received hops that do not add up. */
export function checkPresenceAndTimes(mail: ParsedMail, chain: ReceivedChain): Reason[] {
  const reasons: Reason[] = [];
  if (mail.date === undefined || mail.date === '') reasons.push(headerReason('header.missing_date', 'The message has no Date header.', 'date'));
  if (mail.messageId === undefined || !mail.messageId.includes('@')) {
    reasons.push(headerReason('header.missing_message_id', mail.messageId === undefined ? 'The message has no Message-ID.' : `The Message-ID "${mail.messageId}" is malformed.`, 'message-id', mail.messageId));
  }
  if (chain.hops.length === 0 && mail.headers.length > 0) {
    reasons.push(headerReason('received.missing', 'No Received headers: the message did not come through a mail server as written.', 'received'));
    return reasons;
  }
  const longest = chain.delays.reduce<number>((max, d) => (d !== undefined && d > max ? d : max), 0);
  if (longest > DAY) {
    reasons.push(headerReason('received.long_delay', `One hop of the Received chain took ${Math.round(longest / 3600_000)} hours (a forged or replayed message).`, 'received'));
  }
  const newest = chain.hops[chain.hops.length - 1]?.time;
  const sent = mail.date === undefined ? Number.NaN : Date.parse(mail.date);
  if (newest !== undefined && Number.isFinite(sent) && Math.abs(newest - sent) > 2 * DAY) {
    reasons.push(headerReason('received.date_mismatch', `The Date header is ${Math.round(Math.abs(newest - sent) / DAY)} days away from when the message was received.`, 'date', mail.date));
  }
  return reasons;
}
