import { z } from 'zod';
import { connectorsConfigSchema } from '../core/respond/connectors-config.js';
import { playbookConfigSchema } from '../core/playbook/standing-policy.js';
import { intelConfigSchema } from '../core/intel/intel-config.js';
import { casesConfigSchema } from '../core/cases/cases-config.js';
import { protectedDomainsConfigSchema } from '../core/mail/lookalike/config-schema.js';

const count = (d: number) => z.number().int().min(1).max(1_000_000).default(d);
const minutes = (d: number) => z.number().positive().max(30 * 24 * 60).default(d);
const enabled = z.boolean().default(true);

/**
 * Detection settings. Every threshold and window is configuration with a default, never a constant
 * buried in a detector. Strict: an unknown key is an error that names the key.
 */
export const detectionConfigSchema = z.strictObject({
  bruteForce: z
    .strictObject({ enabled, failures: count(10), windowMinutes: minutes(10) })
    .prefault({}),
  passwordSpray: z
    .strictObject({ enabled, validAccounts: count(5), windowMinutes: minutes(60) })
    .prefault({}),
  credentialStuffing: z
    .strictObject({ enabled, invalidAccounts: count(5), windowMinutes: minutes(60) })
    .prefault({}),
  distributedBruteForce: z
    .strictObject({ enabled, sources: count(10), windowMinutes: minutes(30) })
    .prefault({}),
  successAfterFailures: z
    .strictObject({ enabled, failures: count(5), windowMinutes: minutes(60) })
    .prefault({}),
  unusualLogin: z
    .strictObject({
      enabled,
      /** Logins the whole population must have shown before an hour can be called unusual. */
      minPopulationLogins: count(100),
      /** An hour (± tolerance) holding less than this share of all logins is a rare hour. */
      rareHourShare: z.number().min(0).max(1).default(0.01),
      hourToleranceHours: z.number().int().min(0).max(11).default(1),
      /** Logins a user must have shown before a source can be called new for that user. */
      minUserLogins: count(1),
    })
    .prefault({}),
  accountChanges: z
    .strictObject({
      enabled,
      privilegedGroups: z.array(z.string().min(1)).default(['root', 'sudo', 'wheel', 'admin', 'adm', 'docker', 'lxd', 'disk', 'shadow']),
    })
    .prefault({}),
  sudoRefusal: z.strictObject({ enabled, minIncorrectAttempts: count(3) }).prefault({}),
  anomaly: z
    .strictObject({
      enabled,
      windowMinutes: minutes(60),
      trees: z.number().int().min(1).max(1000).default(100),
      seed: z.number().int().default(1),
      /** Liu et al.'s s(x) above which a window is anomalous (0.5 = no distinct anomaly). */
      minScore: z.number().min(0.5).max(1).default(0.6),
      /** Windows needed before the forest is trusted at all. */
      minWindows: count(200),
      /**
       * Share of the isolation that must come from risk features moving in the risky direction (more
       * failures, more accounts or sources, unknown accounts, new sources). A window isolated because it
       * had more successful logins or touched more hosts is unusual, not suspicious.
       */
      minRiskShare: z.number().min(0).max(1).default(0.5),
      /**
       * The main risk driver must exceed this quantile of its feature over all windows: an anomaly
       * must be extreme in a risky direction, not merely a rare mix of ordinary values.
       */
      populationQuantile: z.number().min(0.5).max(1).default(0.99),
      /** Earlier windows an entity needs before its own history can excuse a window. */
      minHistoryWindows: count(3),
      /** A window is usual for an entity with history unless its main risk driver exceeds this multiple of the entity's earlier maximum. */
      historyGain: z.number().min(1).max(1000).default(2),
    })
    .prefault({}),
});

export type DetectionConfig = z.infer<typeof detectionConfigSchema>;

/** The defaults, as a fully populated config. */
export function defaultDetectionConfig(): DetectionConfig {
  return detectionConfigSchema.parse({});
}

/** The whole configuration file (`vigil.yml`); sections are added as Vigil grows. */
export const vigilConfigSchema = z.strictObject({
  detections: detectionConfigSchema.prefault({}),
  playbooks: playbookConfigSchema.prefault({}),
  intel: intelConfigSchema.prefault({}),
  protectedDomains: protectedDomainsConfigSchema.prefault({}),
  cases: casesConfigSchema.prefault({}),
  connectors: connectorsConfigSchema.prefault({}),
});
