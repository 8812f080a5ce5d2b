import type { ActionContext, Secret } from '../../../core/respond/action.js';
import { makeSecret } from '../../../core/respond/secret.js';

/** What a test context recorded: every log line, so tests can grep them for secrets. */
export interface TestContext extends ActionContext {
  readonly logs: string[];
}

/** A real action context for tests: secrets from a plain object, a signal, a log that records lines. */
export function testContext(secrets: Readonly<Record<string, string>> = {}, signal: AbortSignal = new AbortController().signal, idempotencyKey = 'run-1/step-1'): TestContext {
  const map = new Map<string, Secret>(Object.entries(secrets).map(([name, value]) => [name, makeSecret(name, value)]));
  const logs: string[] = [];
  return {
    signal,
    secrets: map,
    idempotencyKey,
    logs,
    log: (message, fields) => {
      logs.push(JSON.stringify({ message, ...fields }));
    },
  };
}
