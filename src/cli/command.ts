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
