#!/usr/bin/env node
// A side-by-side figure for issue 5: how many phishing_pot-dev messages and how many held-out
// SpamAssassin ham messages (the test split's easy ham plus all hard ham, as in bench/mail-eval.mjs)
// Apache SpamAssassin flags as spam with local tests only (no network tests, no Bayes training of
// ours: whatever the installed rules and their default scores say). Local use only, never in CI:
// it needs Debian's spamassassin package (apt-get install -y spamassassin) and skips otherwise.
//
//   node bench/spamassassin-side-by-side.mjs [--phishing DIR] [--limit N] [--jobs N] [--spamc]
//
// By default each message goes through `spamassassin -L` (slow: the rules load per message). With
// --spamc, messages go to a running spamd through `spamc -c` instead; start one with local tests
// only first, e.g. `spamd -L --listen 127.0.0.1 -m 2 -d -r /tmp/spamd.pid`, and stop it afterwards
// by that pid. The phishing corpus is read in place, never copied.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    phishing: { type: 'string', default: resolve(root, '../shared/data/phishing/phishing_pot-dev') },
    limit: { type: 'string' },
    jobs: { type: 'string', default: '2' },
    spamc: { type: 'boolean', default: false },
  },
});

const program = values.spamc ? 'spamc' : 'spamassassin';
const found = await new Promise((done) => execFile(program, values.spamc ? ['-V'] : ['-V'], (error) => done(error === null)));
if (!found) {
  console.log(`${program} is not installed (apt-get install -y spamassassin): skipped.`);
  process.exit(0);
}
if (!existsSync(join(root, 'dist/runtime/mail-corpus/spam-assassin.js'))) {
  console.error('needs a build: npx tsc -p .');
  process.exit(1);
}
const corpus = await import(new URL('../dist/runtime/mail-corpus/spam-assassin.js', import.meta.url).href);

/** Runs one message through SpamAssassin; returns its score and whether it is spam. */
function check(raw) {
  const args = values.spamc ? ['-c', '-s', String(8 * 1024 * 1024)] : ['-L'];
  return new Promise((done, fail) => {
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('latin1');
    child.stdout.on('data', (chunk) => {
      // `spamassassin -L` echoes the whole message: only its headers are needed.
      if (out.length < 256 * 1024) out += chunk;
    });
    child.on('error', fail);
    child.on('close', () => {
      if (values.spamc) {
        // spamc -c prints "score/threshold".
        const m = /^(-?[\d.]+)\/(-?[\d.]+)/.exec(out.trim());
        done(m === null ? undefined : { score: Number(m[1]), spam: Number(m[1]) >= Number(m[2]) });
        return;
      }
      const m = /^X-Spam-Status: (Yes|No), score=(-?[\d.]+)/im.exec(out);
      done(m === null ? undefined : { score: Number(m[2]), spam: m[1].toLowerCase() === 'yes' });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(raw);
  });
}

async function rate(name, items, read) {
  const list = values.limit === undefined ? items : items.slice(0, Number(values.limit));
  let next = 0;
  let spam = 0;
  let failed = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < list.length) {
      const item = list[next++];
      const result = await check(await read(item));
      if (result === undefined) failed++;
      else if (result.spam) spam++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Number(values.jobs)) }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { name, n: list.length, spam, failed, seconds };
}

const phishingFiles = (await readdir(values.phishing)).filter((f) => f.endsWith('.eml')).sort();
const all = await corpus.listSpamAssassinCorpus();
const ham = all.filter((m) => m.split === 'test' && m.label === 'ham');
const rows = [
  await rate('phishing_pot-dev', phishingFiles, (f) => readFile(join(values.phishing, f))),
  await rate('SpamAssassin ham (test split + all hard ham)', ham, (m) => corpus.readCorpusMessage(m)),
];
console.log(`$ ${program} ${values.spamc ? '-c (spamd -L)' : '-L'}   (local tests only)`);
console.log('set                                             messages   spam  share  unreadable  seconds');
for (const r of rows) {
  console.log(`${r.name.padEnd(47)} ${String(r.n).padStart(8)} ${String(r.spam).padStart(6)} ${((100 * r.spam) / Math.max(1, r.n - r.failed)).toFixed(2).padStart(6)}% ${String(r.failed).padStart(10)} ${r.seconds.toFixed(0).padStart(8)}`);
}
