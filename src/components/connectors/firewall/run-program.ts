import { execFile } from 'node:child_process';

/** How a program ended. */
export interface ProgramOutcome {
  /** Exit status; null when it was killed (timeout, abort) or could not start. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Why it did not run or was stopped (ENOENT, EACCES, ABORT_ERR …). */
  readonly failure?: string;
}

/**
 * Runs a program with an argument array — never a shell, so no argument is ever interpreted — a
 * minimal environment, a time limit and bounded output.
 */
export function runProgram(argv: readonly string[], options: { readonly timeoutMs: number; readonly signal: AbortSignal }): Promise<ProgramOutcome> {
  const [file, ...args] = argv;
  if (file === undefined) return Promise.resolve({ status: null, stdout: '', stderr: '', failure: 'EMPTY_ARGV' });
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { shell: false, timeout: options.timeoutMs, signal: options.signal, maxBuffer: 64 * 1024, windowsHide: true, env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' } },
      (error, stdout, stderr) => {
        if (error === null) { resolve({ status: 0, stdout, stderr }); return; }
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'number') { resolve({ status: code, stdout, stderr }); return; }
        resolve({ status: null, stdout, stderr, failure: typeof code === 'string' ? code : error.killed ? 'TIMEOUT' : 'ERROR' });
      },
    );
  });
}
