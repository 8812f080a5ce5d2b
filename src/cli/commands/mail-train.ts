import { z } from 'zod';
import { modelId } from '../../core/mail/classifier/index.js';
import { trainOnFolders, writeMailModelFile } from '../../runtime/mail-train/index.js';
import { parseCommandArgs, UsageError } from '../command.js';

export const DEFAULT_MODEL_OUT = '.vigil/mail-model.json';

const HELP = `Usage: vigil mail train --ham DIR... --spam DIR... [--out FILE] [--seed N] [--name NAME]

Trains the mail classifier on your own labelled mail and writes a model file that
"vigil mail analyze --model FILE" uses instead of the shipped one.

  --ham PATH     legitimate mail (repeatable): a folder of .eml/.msg files, a Maildir, or an mbox
  --spam PATH    spam and phishing (repeatable), same forms
  --out FILE     where to write the model (default ${DEFAULT_MODEL_OUT})
  --seed N       seed of the example order (default 1); same mail + seed give the same file
  --name NAME    the model's name in reasons (default "local"; cited as NAME@VERSION)
  --epochs N     passes over the data (default 12)
`;

const optionsSchema = z.strictObject({
  ham: z.array(z.string().min(1)).min(1, 'give at least one --ham folder'),
  spam: z.array(z.string().min(1)).min(1, 'give at least one --spam folder'),
  out: z.string().min(1).default(DEFAULT_MODEL_OUT),
  seed: z.coerce.number().int().min(0).max(0xffffffff).default(1),
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, ".", "_" or "-"').default('local'),
  epochs: z.coerce.number().int().min(1).max(200).default(12),
});

/** `vigil mail train`: retrains the classifier on the user's labelled folders. Returns the exit code. */
export async function runMailTrain(args: string[], signal?: AbortSignal): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  const parsed = parseCommandArgs(
    {
      args,
      allowPositionals: false,
      options: {
        ham: { type: 'string', multiple: true },
        spam: { type: 'string', multiple: true },
        out: { type: 'string' },
        seed: { type: 'string' },
        name: { type: 'string' },
        epochs: { type: 'string' },
      },
    },
    HELP,
  );
  const options = optionsSchema.safeParse({ ham: parsed.values.ham ?? [], spam: parsed.values.spam ?? [], ...withoutUndefined(parsed.values, ['out', 'seed', 'name', 'epochs']) });
  if (!options.success) {
    const issue = options.error.issues[0];
    throw new UsageError(`mail train: ${issue?.path.length ? `--${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid options'}\n\n${HELP}`);
  }
  const { ham, spam, out, seed, name, epochs } = options.data;
  const started = performance.now();
  const model = await trainOnFolders({
    ham,
    spam,
    seed,
    name,
    version: '1',
    epochs,
    ...(signal === undefined ? {} : { signal }),
    onProgress: (label, done) => {
      if (process.stderr.isTTY && done % 100 === 0) process.stderr.write(`\rreading ${label}: ${done}`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  await writeMailModelFile(out, model);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`wrote ${out}: ${modelId(model)} trained on ${model.training.examples.ham} ham and ${model.training.examples.spam} spam (seed ${seed}, ${seconds} s)\n`);
  return 0;
}

function withoutUndefined(values: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.flatMap((k) => (values[k] === undefined ? [] : [[k, values[k]]])));
}
