import { z } from 'zod';

/**
 * Vigil's event: Elastic Common Schema field names (https://www.elastic.co/guide/en/ecs/current/).
 * Vendor fields that ECS lacks live under a vendor prefix; Linux auth details follow the names of
 * Filebeat's `system.auth` module so that existing content (Sigma mappings, dashboards) applies.
 *
 * Parsers build these objects directly (typed, no per-event validation); `ecsEventSchema` validates
 * events that arrive from outside (JSON input, queues, HTTP) and is used in tests to check parsers.
 */

const ip = z.string().min(1).max(64);
const name = z.string().max(4096);

/** What happened, as `event.action`, for the Linux auth/syslog parsers. */
export const AUTH_ACTIONS = [
  'ssh_login', // Accepted/Failed password|publickey|keyboard-interactive|hostbased|gssapi-with-mic
  'ssh_invalid_user', // "Invalid user X from IP"
  'ssh_disconnect', // preauth disconnects / connection closed / received disconnect
  'ssh_max_auth_attempts', // "maximum authentication attempts exceeded"
  'ssh_reverse_mapping_failed', // "reverse mapping checking getaddrinfo ... POSSIBLE BREAK-IN ATTEMPT"
  'ssh_other', // any other sshd message (kept, not interpreted)
  'pam_auth_failure', // pam_unix(...:auth): authentication failure
  'pam_check_pass_unknown_user', // pam_unix(...:auth): check pass; user unknown
  'session_opened', // pam_unix(...:session): session opened
  'session_closed', // pam_unix(...:session): session closed
  'sudo_command', // "user : TTY=... ; COMMAND=..."
  'sudo_refused', // "user NOT in sudoers" / "user NOT allowed to execute"
  'sudo_auth_failure', // "N incorrect password attempts"
  'su_attempt', // su: (to root) user on pts/0  /  FAILED SU
  'user_created', // useradd: new user
  'group_created', // useradd/groupadd: new group
  'user_deleted', // userdel
  'user_modified', // usermod (other than group membership)
  'group_member_added', // usermod/gpasswd: add 'x' to group 'y'
  'password_changed', // passwd: password changed for x
  'logind_session_new', // systemd-logind: New session N of user x
  'logind_session_removed', // systemd-logind: Removed session N
  'cron_command', // CRON[pid]: (user) CMD (command)
  'syslog', // a syslog line no specific parser understood
] as const;
export type AuthAction = (typeof AUTH_ACTIONS)[number];

export const ecsEventSchema = z
  .object({
    '@timestamp': z.iso.datetime({ offset: true }),
    message: z.string().optional(),
    event: z.object({
      kind: z.enum(['event', 'alert', 'signal', 'metric', 'state', 'pipeline_error']),
      category: z.array(z.string()).optional(),
      type: z.array(z.string()).optional(),
      action: z.string().max(256).optional(),
      outcome: z.enum(['success', 'failure', 'unknown']).optional(),
      reason: z.string().optional(),
      dataset: z.string().optional(),
      module: z.string().optional(),
      original: z.string(),
      sequence: z.number().int().nonnegative().optional(),
    }),
    source: z.object({ ip: ip.optional(), port: z.number().int().min(0).max(65535).optional(), domain: name.optional() }).optional(),
    destination: z.object({ ip: ip.optional(), port: z.number().int().min(0).max(65535).optional() }).optional(),
    user: z
      .object({
        name: name.optional(),
        id: z.string().optional(),
        target: z.object({ name: name.optional(), id: z.string().optional(), group: z.object({ name: name.optional() }).optional() }).optional(),
        effective: z.object({ name: name.optional(), id: z.string().optional() }).optional(),
      })
      .optional(),
    group: z.object({ name: name.optional(), id: z.string().optional() }).optional(),
    host: z.object({ name: name.optional(), hostname: name.optional() }).optional(),
    process: z
      .object({
        name: name.optional(),
        pid: z.number().int().nonnegative().optional(),
        command_line: z.string().optional(),
        executable: z.string().optional(),
        working_directory: z.string().optional(),
      })
      .optional(),
    related: z.object({ ip: z.array(ip).optional(), user: z.array(name).optional(), hosts: z.array(name).optional() }).optional(),
    log: z
      .object({
        file: z.object({ path: z.string() }).optional(),
        offset: z.number().int().nonnegative().optional(),
        syslog: z
          .object({
            appname: name.optional(),
            hostname: name.optional(),
            procid: z.string().optional(),
            priority: z.number().int().min(0).max(191).optional(),
            version: z.string().optional(),
          })
          .optional(),
      })
      .optional(),
    system: z
      .object({
        auth: z
          .object({
            ssh: z
              .object({
                method: z.string().optional(),
                event: z.string().optional(),
                signature: z.string().optional(),
                invalid_user: z.boolean().optional(),
              })
              .optional(),
            sudo: z
              .object({
                tty: z.string().optional(),
                pwd: z.string().optional(),
                user: z.string().optional(),
                command: z.string().optional(),
                error: z.string().optional(),
              })
              .optional(),
          })
          .optional(),
      })
      .optional(),
  })
  .loose();

/** One normalized event. */
export type EcsEvent = z.infer<typeof ecsEventSchema>;

/** A parsed event together with its time as epoch milliseconds (the detectors' clock). */
export interface TimedEvent {
  readonly ts: number;
  readonly event: EcsEvent;
}
