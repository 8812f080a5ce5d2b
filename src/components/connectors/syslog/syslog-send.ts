import { hostname } from 'node:os';
import { z } from 'zod';
import type { ActionDefinition } from '../../../core/respond/action.js';
import type { ConnectorDeps } from '../connector-deps.js';
import { FACILITIES, formatRfc5424, SD_NAME, SEVERITY_LEVELS, type Facility, type SyslogSeverity } from './rfc5424.js';
import { sendSyslog } from './syslog-transport.js';

const sdName = z.string().regex(SD_NAME, 'an SD-NAME: 1-32 printable ASCII characters, no =, space, ] or "');
const input = z.strictObject({
  message: z.string().max(64 * 1024),
  severity: z.enum(Object.keys(SEVERITY_LEVELS) as [SyslogSeverity, ...SyslogSeverity[]]).default('warning'),
  facility: z.enum(Object.keys(FACILITIES) as [Facility, ...Facility[]]).default('local0'),
  msg_id: z.string().max(32).optional(),
  /** SD-ID (e.g. `vigil@32473`) → parameter → value. */
  structured_data: z
    .record(sdName, z.record(sdName, z.string().max(4096)).refine((p) => Object.keys(p).length <= 50, 'at most 50 parameters'))
    .refine((sd) => Object.keys(sd).length <= 10, 'at most 10 SD elements')
    .optional(),
  /** Event time, epoch milliseconds; now when absent. */
  timestamp: z.number().int().nonnegative().max(253402300799999).optional(),
});
const output = z.strictObject({ bytes: z.number().int() });

export type SyslogSendInput = z.infer<typeof input>;

/** `syslog.send`: one RFC 5424 message over UDP or TCP (RFC 6587 octet counting). */
export function defineSyslogSend(deps: ConnectorDeps): ActionDefinition<SyslogSendInput, z.infer<typeof output>> {
  const cfg = deps.config.syslog;
  return {
    id: 'syslog.send',
    summary: 'Send an RFC 5424 syslog message over UDP or TCP',
    effect: 'write',
    input,
    output,
    secrets: [],
    plan: (i) => `send an RFC 5424 message (${i.facility}.${i.severity}, ${i.message.length} characters) to ${cfg.protocol}://${cfg.host}:${cfg.port}`,
    run: async (i, context) => {
      const bytes = formatRfc5424(
        {
          facility: i.facility,
          severity: i.severity,
          timestampMs: i.timestamp ?? deps.now(),
          hostname: cfg.hostname ?? hostname(),
          appName: cfg.appName,
          procId: String(process.pid),
          ...(i.msg_id === undefined ? {} : { msgId: i.msg_id }),
          ...(i.structured_data === undefined ? {} : { structuredData: i.structured_data }),
          message: i.message,
        },
        cfg.protocol === 'udp' ? cfg.maxUdpBytes : cfg.maxTcpBytes,
      );
      await sendSyslog(bytes, { host: cfg.host, port: cfg.port, protocol: cfg.protocol, timeoutMs: cfg.timeoutMs }, context.signal);
      return { bytes: bytes.length };
    },
  };
}
