import { zipSync } from 'fflate';

/** Hostile messages built in code (for tests and the e2e test; nothing is copied from a corpus). */

const enc = (s: string): Buffer => Buffer.from(s, 'utf8');

const HEAD = 'From: "IT Helpdesk" <it@helpdesk-mail.example>\r\nTo: you@acme.example\r\nDate: Tue, 3 Mar 2026 10:00:00 +0000\r\n';

/** A MIME tree nested `levels` deep. */
export function deepMimeMessage(levels: number): Buffer {
  let open = '';
  let close = '';
  for (let i = 0; i < levels; i++) {
    open += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`;
    close = `\r\n--b${i}--\r\n` + close;
  }
  return enc(`${HEAD}Subject: deep\r\nMessage-ID: <deep@helpdesk-mail.example>\r\n${open}Content-Type: text/plain\r\n\r\nhello${close}`);
}

/** A message whose header block is `bytes` long. */
export function hugeHeaderMessage(bytes: number): Buffer {
  return Buffer.concat([enc(`${HEAD}Subject: huge header\r\nMessage-ID: <huge@helpdesk-mail.example>\r\nX-Filler: `), Buffer.alloc(bytes, 0x41), enc('\r\n\r\nbody\r\n')]);
}

function withAttachment(subject: string, filename: string, contentType: string, base64Body: string): Buffer {
  return enc(
    `${HEAD}Subject: ${subject}\r\nMessage-ID: <${subject.replace(/\W+/g, '-')}@helpdesk-mail.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="z"\r\n\r\n--z\r\nContent-Type: text/plain\r\n\r\nSee the attachment.\r\n--z\r\nContent-Type: ${contentType}; name="${filename}"\r\nContent-Disposition: attachment; filename="${filename}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Body}\r\n--z--\r\n`,
  );
}

/** A zip holding `megabytes` of zeros (a zip bomb: tiny on the wire, huge inflated). */
export function zipBombMessage(megabytes: number): Buffer {
  const zip = zipSync({ 'invoice.bin': new Uint8Array(megabytes * 1024 * 1024) }, { level: 9 });
  return withAttachment('zip bomb', 'invoice.zip', 'application/zip', Buffer.from(zip).toString('base64').replace(/.{76}/g, '$&\r\n'));
}

/** A base64 part with bytes outside the base64 alphabet. */
export function malformedBase64Message(): Buffer {
  return withAttachment('malformed base64', 'data.bin', 'application/octet-stream', 'TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAA!!**<<>>\u00ff\u00feAAAA');
}

/** An attachment whose name climbs out of any folder. */
export function traversalNameMessage(): Buffer {
  return withAttachment('path traversal', '../../etc/passwd', 'text/plain', Buffer.from('root:x:0:0:root:/root:/bin/bash\n').toString('base64'));
}
