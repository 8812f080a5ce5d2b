import { ActionFailure } from '../../core/respond/action.js';

/** Joins a configured base URL (which may have a path prefix) and an API path. */
export function endpoint(base: string | undefined, path: string, actionId: string, configKey: string): URL {
  if (base === undefined) throw new ActionFailure(`${actionId}: connectors.${configKey} is not configured`, { retryable: false });
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  url.search = '';
  url.hash = '';
  return url;
}
