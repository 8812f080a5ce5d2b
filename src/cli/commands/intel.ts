import { readFile } from 'node:fs/promises';
import { text as readStream } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { defang, EXTRACTED_TYPES, extractIocs } from '../../core/intel/index.js';
import { VigilError } from '../../lib/errors.js';
import { UsageError } from '../command.js';

const HELP = `Usage: vigil intel extract [FILE|-] [--json] [--defang]

extract   pulls indicators out of free text (reports, e-mails, chat): IPv4/IPv6/CIDR, domains (valid
          public suffixes only), URLs, e-mail addresses, MD5/SHA1/SHA256/SHA512, CVE and ATT&CK ids,
          Bitcoin addresses, Windows registry keys and paths. Defanged forms (hxxp, [.], (at), [:] …)
          are refanged first. Prints a table (type, value, occurrences), or with --json an object
          grouped by type; --defang prints the values defanged, safe to paste into a ticket.
`;

/** `vigil intel extract` */
export async function runIntel(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === undefined || verb === '--help' || verb === '-h') {
    process.stdout.write(HELP);
    return verb === undefined ? 2 : 0;
  }
  if (verb !== 'extract') throw new UsageError(`unknown intel verb "${verb}"\n\n${HELP}`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean' }, defang: { type: 'boolean' } } });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError('intel extract reads one FILE (or - for standard input)');
  const source = positionals[0] ?? '-';
  let text: string;
  try {
    text = source === '-' ? await readStream(process.stdin) : await readFile(source, 'utf8');
  } catch (cause) {
    throw new VigilError('INPUT_UNREADABLE', `cannot read ${source}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  const result = extractIocs(text);
  if (!result.ok) throw new VigilError('INVALID_ARGUMENT', `${source}: ${result.error.message}`);
  const show = (value: string): string => (values.defang === true ? defang(value) : value);
  if (values.json === true) {
    const grouped = Object.fromEntries(
      EXTRACTED_TYPES.filter((t) => result.value[t].length > 0).map((t) => [t, result.value[t].map((i) => ({ value: show(i.value), count: i.positions.length, defanged: i.defanged }))]),
    );
    process.stdout.write(`${JSON.stringify(grouped, null, 2)}\n`);
    return 0;
  }
  let total = 0;
  for (const type of EXTRACTED_TYPES) {
    for (const ioc of result.value[type]) {
      total++;
      process.stdout.write(`${type.padEnd(9)} ${show(ioc.value)}${ioc.positions.length > 1 ? `  (${ioc.positions.length}×)` : ''}\n`);
    }
  }
  process.stdout.write(`${total} indicator(s)\n`);
  return 0;
}
