import { closeSync, openSync, writeSync } from 'node:fs';
import { VigilError } from '../../lib/errors.js';
import { SIGMA_LEVELS, type SigmaLevel } from '../../core/sigma/index.js';
import { loadRules } from '../../runtime/content/load-rules.js';
import { loadSigmaMappings } from '../../runtime/content/load-mappings.js';
import { detectionJson, type Detection } from '../../runtime/hunt/detection.js';
import { hunt } from '../../runtime/hunt/hunt.js';
import { selectRules } from '../../runtime/hunt/rule-selection.js';
import { parseCommandArgs, UsageError } from '../command.js';
import { formatDetectionRow, formatHuntFooter, HUNT_TABLE_HEADER } from '../format/hunt-report.js';

const HELP = `Usage: vigil hunt FILE... --rules PATH [--rules PATH]... [options]

Runs Sigma rules (a rule file or a folder, searched recursively) over JSON event files: NDJSON,
JSON arrays, or evtx_dump's JSON output (EVTX records flat or nested, Winlogbeat/ECS, Vigil's own events).

Options:
  --rules PATH       Sigma rule file or folder (repeatable; required)
  --ndjson OUT|-     write one detection per line as NDJSON to OUT (- for standard output)
  --level LEVEL      only rules at least this severe (${SIGMA_LEVELS.join(', ')})
  --status LIST      only rules with these statuses (comma-separated: stable,test,experimental …)
  --tags LIST        only rules with one of these tags (comma-separated, e.g. attack.t1059.001)
  --mappings DIR     field and logsource mappings (default: the shipped content/mappings)
  -h, --help         this help
`;

const isLevel = (s: string): s is SigmaLevel => (SIGMA_LEVELS as readonly string[]).includes(s);
const list = (s: string | undefined): string[] | undefined => s?.split(',').map((x) => x.trim()).filter(Boolean);

/** `vigil hunt FILE... --rules PATH` */
export async function runHunt(args: string[], signal: AbortSignal): Promise<number> {
  const parsed = parseCommandArgs(
    {
      args,
      allowPositionals: true,
      options: {
        rules: { type: 'string', multiple: true },
        ndjson: { type: 'string' },
        level: { type: 'string' },
        status: { type: 'string' },
        tags: { type: 'string' },
        mappings: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    HELP,
  );
  const { values, positionals } = parsed;
  if (values.help === true) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError(`hunt needs at least one FILE\n\n${HELP}`);
  if (values.rules === undefined || values.rules.length === 0) throw new UsageError(`hunt needs --rules PATH\n\n${HELP}`);
  if (values.level !== undefined && !isLevel(values.level)) throw new UsageError(`--level must be one of ${SIGMA_LEVELS.join(', ')}`);

  const mappings = await loadSigmaMappings(values.mappings);
  if (!mappings.ok) throw new VigilError('INVALID_CONFIG', `the mappings are invalid:\n  ${mappings.error.map((i) => `${i.location.file}: ${i.message}`).join('\n  ')}`);
  const loaded = await loadRules(values.rules);
  const rules = selectRules(loaded.rules, { minLevel: values.level !== undefined && isLevel(values.level) ? values.level : undefined, statuses: list(values.status), tags: list(values.tags) });
  const report = values.ndjson === '-' ? process.stderr : process.stdout;
  report.write(`Loaded ${loaded.rules.length} rules and ${loaded.correlations.length} correlations from ${loaded.files} files (${loaded.errors.length} problems; see "vigil rules lint"); running ${rules.length}.\n`);

  // NDJSON to a file is written as it comes, in blocks: memory stays flat however many detections.
  const ndjson = values.ndjson === undefined || values.ndjson === '-' ? undefined : openBlockWriter(values.ndjson);
  let tableRows = 0;
  if (values.ndjson === undefined) report.write(`${HUNT_TABLE_HEADER}\n`);
  const summary = await hunt({
    inputs: positionals,
    rules: { rules, correlations: loaded.correlations },
    mappings: mappings.value,
    signal,
    onDetection: (d: Detection) => {
      if (values.ndjson === '-') process.stdout.write(`${detectionJson(d)}\n`);
      else if (ndjson !== undefined) ndjson.write(`${detectionJson(d)}\n`);
      else {
        tableRows++;
        report.write(`${formatDetectionRow(d)}\n`);
      }
    },
  });
  ndjson?.close();
  report.write(formatHuntFooter(summary, tableRows));
  const failed = summary.inputs.filter((i) => i.error !== undefined);
  for (const input of failed) process.stderr.write(`vigil: ${input.path}: ${input.error!.message}\n`);
  return failed.length > 0 ? 1 : 0;
}

/** A file written in blocks of about 1 MiB; errors are OUTPUT_FAILED naming the file. */
function openBlockWriter(path: string): { write(text: string): void; close(): void } {
  const fail = (cause: unknown): never => {
    throw new VigilError('OUTPUT_FAILED', `cannot write ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  };
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (cause) {
    return fail(cause);
  }
  let pending: string[] = [];
  let size = 0;
  const flush = (): void => {
    try {
      writeSync(fd, pending.join(''));
    } catch (cause) {
      fail(cause);
    }
    pending = [];
    size = 0;
  };
  return {
    write(text) {
      pending.push(text);
      size += text.length;
      if (size >= 1 << 20) flush();
    },
    close() {
      flush();
      closeSync(fd);
    },
  };
}
