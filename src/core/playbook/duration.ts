import { z } from 'zod';
import { PLAYBOOK_LIMITS } from './limits.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `250ms`, `30s`, `5m`, `1h`, `2d`, or a number of milliseconds; at most `PLAYBOOK_LIMITS.maxDelayMs` unless `max` says more. */
export const durationSchema = (max: number = PLAYBOOK_LIMITS.maxDelayMs) =>
  z
    .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,9}(ms|s|m|h|d)$/, 'a duration like 250ms, 30s, 5m, 1h or 2d')])
    .transform((v, ctx) => {
      const ms = typeof v === 'number' ? v : Number(/^\d+/.exec(v)![0]) * UNIT_MS[/[a-z]+$/.exec(v)![0]]!;
      if (ms > max) {
        ctx.addIssue({ code: 'custom', message: `at most ${max} ms` });
        return z.NEVER;
      }
      return ms;
    });
