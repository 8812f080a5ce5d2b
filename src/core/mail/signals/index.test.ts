import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MailAttachment, ParsedMail } from '../contract.js';
import { testMail } from '../headers/test-mail.js';
import { analyzeContent, CONTENT_WEIGHTS, invisibleInsideWords, mixedScriptWords } from './index.js';

const mail = (subject: string, body: { text?: string; html?: string; name?: string; attachments?: MailAttachment[] } = {}): ParsedMail =>
  testMail([['From', `${body.name ?? 'Ann'} <ann@example.net>`], ['Subject', subject]], { text: body.text ?? '', html: body.html ?? '', attachments: body.attachments ?? [] });
const codes = (m: ParsedMail): string[] => analyzeContent(m).reasons.map((r) => r.code).sort();
const attachment = (filename: string): MailAttachment => ({ index: 0, filename, contentType: 'application/octet-stream', disposition: 'attachment', content: new Uint8Array([1, 2, 3]) });

test('Cyrillic letters hidden in Latin words of the subject, sender name or body are flagged; plain Russian is not', () => {
  // "Аmazon аccоunt" with Cyrillic А, а and о.
  assert.deepEqual(mixedScriptWords('Your \u0410mazon \u0430cc\u043eunt'), ['\u0410mazon', '\u0430cc\u043eunt']);
  const inSubject = analyzeContent(mail('Your \u0410mazon order'));
  assert.deepEqual(inSubject.reasons.map((r) => r.code), ['content.mixed_script']);
  assert.equal(inSubject.reasons[0]!.weight, CONTENT_WEIGHTS['content.mixed_script']);
  assert.deepEqual(inSubject.reasons[0]!.source, { kind: 'header', name: 'subject', value: 'Your \u0410mazon order' });
  assert.deepEqual(codes(mail('Hello', { name: 'Met\u0430Mask' })), ['content.mixed_script']);
  assert.deepEqual(codes(mail('Hello', { text: 'Your w\u0430llet is susp\u0435nded today' })), ['content.mixed_script']);
  // One odd word in a long body is not enough; words wholly in Cyrillic are ordinary Russian.
  assert.deepEqual(codes(mail('Hello', { text: 'The w\u0430llet talk' })), []);
  assert.deepEqual(codes(mail('\u041f\u0440\u0438\u0432\u0435\u0442', { text: '\u041a\u0430\u043a \u0434\u0435\u043b\u0430? See you at the office.' })), []);
});

test('words split by invisible characters (literal or as HTML references) are flagged; a few are not', () => {
  const split = 'H\u200Ce\u200Cl\u200Cl\u200Co \u200Cfr\u200Ciend';
  assert.ok(invisibleInsideWords(split) >= 5);
  assert.deepEqual(codes(mail('Hi', { text: split })), ['content.invisible_characters']);
  assert.deepEqual(codes(mail('Hi', { html: '<p>S&zwnj;t&zwnj;u&#8204;d&#x200c;e&zwnj;n&zwnj;t loan</p>' })), ['content.invisible_characters']);
  // Padding between words (a newsletter preheader) and soft hyphens are not splitting words.
  assert.deepEqual(codes(mail('Hi', { html: '<p>Sale today &zwnj; &zwnj; &zwnj; &zwnj; &zwnj; &zwnj; ver&shy;y good</p>' })), []);
});

test('account threats and credential requests are lures, in English and other languages; talk about passwords is not', () => {
  assert.deepEqual(codes(mail('Notice', { text: 'Your account user@example.org password will expire in 24 hours.' })), ['content.credential_lure']);
  assert.deepEqual(codes(mail('Notice', { html: '<p>Your account has been temporarily suspended. Verify your account now.</p>' })), ['content.credential_lure']);
  assert.deepEqual(codes(mail('Aviso', { text: 'Sua conta foi bloqueada. Informe sua senha.' })), ['content.credential_lure']);
  assert.deepEqual(codes(mail('Tips', { text: 'Should your password or your password expire rules be strict? Our column discusses it.' })), []);
});

test('cryptocurrency lures (airdrops, recovery phrases, wallet verification) are flagged', () => {
  assert.deepEqual(codes(mail('Claim now', { text: 'Connect your wallet to receive the airdrop.' })), ['content.crypto_lure']);
  assert.deepEqual(codes(mail('Security', { text: 'Your 12 words recovery phrase has not been verified.' })), ['content.crypto_lure']);
  assert.deepEqual(codes(mail('Markets', { text: 'Bitcoin fell 3% on Tuesday.' })), []);
});

test('a large sum with the story of an advance-fee fraud is flagged; money news is not', () => {
  const fraud = analyzeContent(mail('Greetings', { text: 'I wish to transfer the funds of US$18.5 million to you as the beneficiary of my late client.' }));
  assert.deepEqual(fraud.reasons.map((r) => r.code), ['content.advance_fee']);
  assert.match(fraud.reasons[0]!.summary, /us\$18\.5 million/);
  assert.deepEqual(codes(mail('News', { text: 'The company paid $4.6 million to settle; its attorney said the estate was sold.' })), []);
});

test('a password given in the body for an attachment is flagged, only with a lockable attachment', () => {
  const m = mail('Documento', { text: 'Veja o arquivo em anexo. Senha de acesso: 123', attachments: [attachment('boleto-2291.pdf')] });
  const r = analyzeContent(m).reasons;
  assert.deepEqual(r.map((x) => x.code), ['content.credential_lure', 'content.attachment_password']);
  assert.deepEqual(r[1]!.source, { kind: 'attachment', filename: 'boleto-2291.pdf', index: 0 });
  assert.deepEqual(codes(mail('Photo', { text: 'Password: hunter2 (joke)', attachments: [attachment('cat.jpg')] })), []);
});

test('an ordinary message has no content reasons, and huge bodies are read within bounds', () => {
  assert.deepEqual(codes(mail('Lunch on Friday', { text: 'Shall we meet at noon? Ann' })), []);
  const started = performance.now();
  analyzeContent(mail('Big', { html: `<p>${'a\u200Cb '.repeat(2_000_000)}</p>`, text: '' }));
  assert.ok(performance.now() - started < 5_000);
});

test('prize and delivery lures are flagged, in English and other languages; "you won\'t" is not a prize', () => {
  assert.deepEqual(codes(mail('News', { text: "Congratulations, you've won an iPhone! Claim your prize today." })), ['content.prize_lure']);
  assert.deepEqual(codes(mail('Aviso', { text: 'Sie wurden ausgewählt: ein Set von Parkside.' })), ['content.prize_lure']);
  assert.deepEqual(codes(mail('Tips', { text: "If you won't be there, tell us." })), []);
  assert.deepEqual(codes(mail('Delivery', { text: 'Your package is on hold until the customs fee is paid.' })), ['content.delivery_lure']);
  assert.deepEqual(codes(mail('Correio', { text: 'Sua encomenda encontra-se retida.' })), ['content.delivery_lure']);
  assert.deepEqual(codes(mail('Order', { text: 'Your package has shipped and arrives Tuesday.' })), []);
});

test('a greeting by e-mail address is a reason; a generic greeting a weak one; a name none', () => {
  const byAddress = analyzeContent(mail('Notice', { text: 'Dear bob@example.org, please read the notice.' })).reasons;
  assert.deepEqual(byAddress.map((r) => r.code), ['content.address_greeting']);
  assert.equal(byAddress[0]!.weight, CONTENT_WEIGHTS['content.address_greeting']);
  const generic = analyzeContent(mail('Notice', { text: 'Dear customer, please read the notice.' })).reasons;
  assert.deepEqual(generic.map((r) => r.code), ['content.generic_greeting']);
  assert.ok(generic[0]!.weight < CONTENT_WEIGHTS['content.address_greeting']);
  assert.deepEqual(codes(mail('Notice', { text: 'Dear Bob, please read the notice.' })), []);
});

test('styled letters (mathematical bold, small capitals) and dotted words in the subject or sender name are obfuscation', () => {
  // "𝐩𝐡𝐨𝐧𝐞" in mathematical bold; "ᴘᴀʏᴍᴇɴᴛ" in small capitals.
  assert.deepEqual(codes(mail('Your \u{1D429}\u{1D421}\u{1D428}\u{1D427}\u{1D41E} is blocked')), ['content.styled_letters']);
  assert.deepEqual(codes(mail('Hello', { name: '\u1D18\u1D00\u028F\u1D0D\u1D07\u0274\u1D1B' })), ['content.styled_letters']);
  assert.deepEqual(codes(mail('We C.a.l.l.e.d You 3 Times')), ['content.styled_letters']);
  // Initials and abbreviations are not dotted words.
  assert.deepEqual(codes(mail('Notes from the U.S.A. trip, e.g. costs')), []);
});

test('variation-selector and tag characters inside words count as invisible characters', () => {
  const vs = '\u{E0139}\u{E0139}';
  assert.deepEqual(codes(mail('Hi', { text: `Tr${vs}u${vs}s${vs}t Wa${vs}l${vs}let up${vs}gra${vs}ded` })), ['content.invisible_characters']);
});

test('money talk from a free-mail sender is a reason; the same from a company domain or without money is not', () => {
  const fromGmail = (text: string): ParsedMail => testMail([['From', 'Mr Musa <musa.m198@gmail.com>'], ['Subject', 'Greetings']], { text });
  assert.deepEqual(codes(fromGmail('I have a LOAN DEAL OFFER for you at 2% interest.')), ['content.freemail_money']);
  assert.deepEqual(codes(fromGmail('You are the beneficiary of my late client.')), ['content.freemail_money']);
  assert.deepEqual(codes(fromGmail('See you at lunch on Friday.')), []);
  assert.deepEqual(codes(mail('Rates', { text: 'We have a loan offer for members.' })), []);
});

test('casino bonuses pushed on the reader are a lure; news about a casino is not', () => {
  assert.deepEqual(codes(mail('Welcome', { text: 'Claim 100 free spins and a 200% welcome bonus today!' })), ['content.gambling_lure']);
  assert.deepEqual(codes(mail('Bonus', { text: 'Jetzt 50 Freispiele sichern.' })), ['content.gambling_lure']);
  assert.deepEqual(codes(mail('No deposit', { text: 'Casino Royale: $500 bonus, no deposit required.' })), ['content.gambling_lure']);
  assert.deepEqual(codes(mail('News', { text: 'The city council voted against a new casino near the harbour.' })), []);
  assert.deepEqual(codes(mail('Payroll', { text: 'Your annual bonus will be paid in March.' })), []);
});

test('strangers offering dates are a lure; talk about dates and meetings is not', () => {
  assert.deepEqual(codes(mail('Hi', { text: 'Lonely women in your area want to meet tonight.' })), ['content.dating_lure']);
  assert.deepEqual(codes(mail('Hallo', { text: 'Treffen Sie Singles in Ihrer Nähe!' })), ['content.dating_lure']);
  assert.deepEqual(codes(mail('Alert', { text: 'You have a private message from your girlfriend Olena.' })), ['content.dating_lure']);
  assert.deepEqual(codes(mail('Meeting', { text: 'Shall we meet on the date we agreed? The singles tournament starts at noon.' })), []);
});

test('a failed delivery in Spanish, French or German is a delivery lure', () => {
  assert.deepEqual(codes(mail('Tercer intento fallido. Este es su aviso final.')), ['content.delivery_lure']);
  assert.deepEqual(codes(mail('Avis', { text: 'Échec de livraison de votre colis.' })), ['content.delivery_lure']);
  assert.deepEqual(codes(mail('Hinweis', { text: 'Zweiter Zustellversuch ist gescheitert.' })), ['content.delivery_lure']);
});

test('invisible or overlay characters splitting words of the subject or sender name are obfuscation', () => {
  const tag = '\u{E0139}';
  const subject = analyzeContent(mail(`Your M${tag}i${tag}c${tag}rosoft renewal`)).reasons;
  assert.deepEqual(subject.map((r) => r.code), ['content.invisible_characters']);
  assert.deepEqual(subject[0]!.source, { kind: 'header', name: 'subject', value: `Your M${tag}i${tag}c${tag}rosoft renewal` });
  assert.deepEqual(codes(mail('Hello', { name: 'Entre\u0337ga pe\u0337rdida' })), ['content.invisible_characters']);
  // One stray joiner is not enough; joiners between emoji or words are not inside words.
  assert.deepEqual(codes(mail('Re\u200Bport for May')), []);
  assert.deepEqual(codes(mail('Team \u{1F468}\u200D\u{1F4BB} update \u200B ready')), []);
});

test('files about to be deleted from cloud storage are an account threat; routine clean-up notices are not', () => {
  assert.deepEqual(codes(mail('Storage', { text: 'Your photos and videos will be deleted on Friday unless you upgrade.' })), ['content.credential_lure']);
  assert.deepEqual(codes(mail('Hinweis', { text: 'Ihre Cloud-Speicherdaten sind unmittelbar von der Löschung bedroht.' })), ['content.credential_lure']);
  assert.deepEqual(codes(mail('Build', { text: 'Temporary build files will be deleted nightly.' })), []);
});
