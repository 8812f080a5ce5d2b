import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A CLI command: its name, a one-line summary and how it runs (returns the exit code). */
export interface Command {
  readonly name: string;
  readonly summary: string;
  run(args: string[], signal: AbortSignal): Promise<number>;
}

/** A mistake in how the command was called; printed without a stack, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Node's `parseArgs`, with its errors turned into a `UsageError` followed by the command's help. */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T, help: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${help}`);
  }
}
