import assert from 'node:assert/strict';
import { test } from 'node:test';
import CFB from 'cfb';
import { looksLikeOle, parseMsg } from './parse-msg.js';

const utf16 = (s: string): Buffer => Buffer.from(s, 'utf16le');

/** A minimal Outlook .msg (an OLE compound file with MAPI property streams), built in the test. */
function buildMsg(withHeaders: boolean): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, '/__substg1.0_0037001F', utf16('Invoice overdue'));
  CFB.utils.cfb_add(cfb, '/__substg1.0_0C1A001F', utf16('PayPal Service'));
  CFB.utils.cfb_add(cfb, '/__substg1.0_0C1F001F', utf16('service@paypa1.example'));
  CFB.utils.cfb_add(cfb, '/__substg1.0_1000001F', utf16('Log in at https://paypa1.example/login today.'));
  if (withHeaders) {
    CFB.utils.cfb_add(cfb, '/__substg1.0_007D001F', utf16('Received: from x.example ([203.0.113.5]) by mx.acme.example; Tue, 3 Mar 2026 10:00:00 +0000\r\nFrom: "PayPal Service" <service@paypa1.example>\r\nReply-To: pp.help@gmail.com\r\nSubject: Invoice overdue\r\nMessage-ID: <m1@paypa1.example>\r\n'));
  }
  CFB.utils.cfb_add(cfb, '/__attach_version1.0_#00000000/__substg1.0_3707001F', utf16('invoice.pdf.exe'));
  CFB.utils.cfb_add(cfb, '/__attach_version1.0_#00000000/__substg1.0_37010102', Buffer.from([0x4d, 0x5a, 0x90, 0x00]));
  CFB.utils.cfb_add(cfb, '/__recip_version1.0_#00000000/__substg1.0_39FE001F', utf16('victim@acme.example'));
  CFB.utils.cfb_add(cfb, '/__recip_version1.0_#00000000/__substg1.0_3001001F', utf16('Victim'));
  return new Uint8Array(CFB.write(cfb, { type: 'buffer' }) as Buffer);
}

test('parses an Outlook .msg: MAPI properties, transport headers, recipients and attachments', async () => {
  const raw = buildMsg(true);
  assert.ok(looksLikeOle(raw));
  const mail = await parseMsg(raw);
  assert.deepEqual(mail.problems, []);
  assert.equal(mail.subject, 'Invoice overdue');
  assert.deepEqual(mail.from, { name: 'PayPal Service', address: 'service@paypa1.example' });
  assert.deepEqual(mail.replyTo.map((a) => a.address), ['pp.help@gmail.com']);
  assert.equal(mail.messageId, '<m1@paypa1.example>');
  assert.ok(mail.headers.some((h) => h.name === 'received'));
  assert.deepEqual(mail.to, [{ name: 'Victim', address: 'victim@acme.example' }]);
  assert.equal(mail.text, 'Log in at https://paypa1.example/login today.');
  assert.equal(mail.attachments.length, 1);
  assert.equal(mail.attachments[0]!.filename, 'invoice.pdf.exe');
  assert.deepEqual([...mail.attachments[0]!.content], [0x4d, 0x5a, 0x90, 0x00]);
});

test('without transport headers the sender comes from the MAPI properties', async () => {
  const mail = await parseMsg(buildMsg(false));
  assert.deepEqual(mail.from, { name: 'PayPal Service', address: 'service@paypa1.example' });
  assert.deepEqual(mail.headers, []);
});

test('a damaged .msg is a problem, not a crash', async () => {
  const raw = buildMsg(true).slice(0, 700);
  const mail = await parseMsg(raw);
  assert.deepEqual(mail.problems.map((p) => p.code), ['parse.msg_unreadable']);
  const junk = await parseMsg(Buffer.from('not an OLE file at all'));
  assert.deepEqual(junk.problems.map((p) => p.code), ['parse.msg_unreadable']);
});
