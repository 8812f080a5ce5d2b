import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { dkimSign } from 'mailauth';
import { verifyLive, type DnsResolver } from './live-auth.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicDer = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

/** A resolver that answers from a table, offline; every other name does not exist. */
function tableResolver(table: Readonly<Record<string, string[][]>>): DnsResolver {
  return (name, rrtype) => {
    const answer = table[`${rrtype} ${name.toLowerCase()}`];
    if (answer !== undefined) return Promise.resolve(answer);
    return Promise.reject(Object.assign(new Error(`${name} ${rrtype} not found`), { code: 'ENOTFOUND' }));
  };
}

const resolver = tableResolver({
  'TXT s1._domainkey.bank.example': [[`v=DKIM1; k=rsa; p=${publicDer}`]],
  'TXT _dmarc.bank.example': [['v=DMARC1; p=reject']],
  'TXT bank.example': [['v=spf1 ip4:192.0.2.10 -all']],
});

const MESSAGE = 'From: Bank <alerts@bank.example>\r\nTo: you@acme.example\r\nSubject: Statement\r\nDate: Tue, 3 Mar 2026 10:00:00 +0000\r\nMessage-ID: <s1@bank.example>\r\n\r\nYour statement is ready.\r\n';

async function signed(message: string): Promise<string> {
  const key = { signingDomain: 'bank.example', selector: 's1', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  // mailauth reads the keys from signatureData; its types also ask for the first key at the top.
  // A fixed signing time: without one, mailauth reads the clock once for the signed header and again
  // for the header it writes, and a half-second tick between the two made the signature fail (CI, rarely).
  const { signatures } = await dkimSign(message, { ...key, signatureData: [key], signTime: new Date('2026-03-03T10:00:05Z') });
  return signatures + message;
}

test('a correctly signed message passes DKIM and DMARC, checked live through the injected resolver', async () => {
  const raw = Buffer.from(await signed(MESSAGE));
  const result = await verifyLive(raw, { resolver, ip: '192.0.2.10', sender: 'alerts@bank.example', helo: 'mail.bank.example' });
  assert.deepEqual(result.dkim, [{ domain: 'bank.example', result: 'pass' }]);
  assert.equal(result.spf, 'pass');
  assert.equal(result.dmarc, 'pass');
  assert.deepEqual(result.reasons.map((r) => r.code), ['auth.live_dmarc_pass']);
});

test('a tampered body fails DKIM and DMARC; a wrong sending address fails SPF', async () => {
  const raw = Buffer.from((await signed(MESSAGE)).replace('Your statement is ready.', 'Log in at https://bank-login.example now.'));
  const result = await verifyLive(raw, { resolver, ip: '203.0.113.66', sender: 'alerts@bank.example', helo: 'evil.example' });
  // mailauth reports a body-hash mismatch as "neutral" (the signature no longer covers this body).
  assert.ok(['fail', 'neutral'].includes(result.dkim[0]?.result ?? ''));
  assert.equal(result.spf, 'fail');
  assert.equal(result.dmarc, 'fail');
  assert.deepEqual(result.reasons.map((r) => r.code), ['auth.live_dkim_fail', 'auth.live_spf_fail', 'auth.live_dmarc_fail']);
});

test('an unsigned message from a domain with p=reject fails DMARC', async () => {
  const result = await verifyLive(Buffer.from(MESSAGE), { resolver });
  assert.equal(result.dmarc, 'fail');
  assert.ok(result.reasons.some((r) => r.code === 'auth.live_dmarc_fail'));
});
