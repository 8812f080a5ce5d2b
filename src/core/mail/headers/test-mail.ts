import type { MailAddress, ParsedMail } from '../contract.js';

/** A ParsedMail for tests: headers as written (names lower-cased), the rest derived or given. */
export function testMail(headers: readonly [string, string][], extra: Partial<ParsedMail> = {}): ParsedMail {
  const list = headers.map(([name, value]) => ({ name: name.toLowerCase(), value }));
  const get = (name: string): string | undefined => list.find((h) => h.name === name)?.value;
  const address = (value: string | undefined): MailAddress | undefined => {
    if (value === undefined) return undefined;
    const m = /^(?:"?([^"<]*)"?\s*)?<([^>]+)>$/.exec(value.trim());
    return m === null ? { name: '', address: value.trim() } : { name: (m[1] ?? '').trim(), address: m[2]! };
  };
  const replyTo = address(get('reply-to'));
  return {
    headers: list,
    subject: get('subject') ?? '',
    from: address(get('from')),
    sender: address(get('sender')),
    replyTo: replyTo === undefined ? [] : [replyTo],
    returnPath: get('return-path')?.replace(/^<|>$/g, ''),
    to: [],
    date: get('date') === undefined ? undefined : new Date(get('date')!).toISOString(),
    messageId: get('message-id'),
    text: '',
    html: '',
    attachments: [],
    problems: [],
    ...extra,
  };
}
