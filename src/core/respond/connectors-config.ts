import { z } from 'zod';
import { mailAddressSchema } from './mail-address.js';
import { parseRange } from './block-target.js';

const ms = (d: number) => z.number().int().min(1).max(10 * 60 * 1000).default(d);
const bytes = (d: number) => z.number().int().min(1024).max(256 * 1024 * 1024).default(d);
const httpUrl = z.url({ protocol: /^https?$/ }).max(2048);
const range = z.string().superRefine((text, ctx) => {
  const r = parseRange(text);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
});
/** An absolute program path: never looked up in PATH. */
const program = z.string().min(2).max(4096).refine((p) => p.startsWith('/') && !p.includes('\0'), 'an absolute path');
const host = z.string().min(1).max(253).regex(/^[A-Za-z0-9.:_-]+$/, 'a host name or address');

/**
 * The connectors' settings (`connectors:` in vigil.yml): endpoints and limits, never secrets —
 * those come from `VIGIL_SECRET_<NAME>` or the secrets file. Strict: an unknown key is an error.
 */
export const connectorsConfigSchema = z.strictObject({
  http: z
    .strictObject({
      timeoutMs: ms(10_000),
      maxResponseBytes: bytes(1024 * 1024),
      maxRequestBytes: bytes(5 * 1024 * 1024),
      /**
       * When true, `http.request` and `webhook.post` declare the WEBHOOK_SIGNING_KEY secret and can
       * sign (`sign: true`). Off by default: a declared secret must be set for the action to run.
       */
      signing: z.boolean().default(false),
    })
    .prefault({}),
  smtp: z
    .strictObject({
      host: host.default('127.0.0.1'),
      port: z.number().int().min(1).max(65535).default(25),
      /** `starttls` requires STARTTLS, `implicit` is TLS from the first byte (port 465), `none` never upgrades. */
      tls: z.enum(['none', 'starttls', 'implicit']).default('starttls'),
      rejectUnauthorized: z.boolean().default(true),
      /** When set, logs in with this user and the SMTP_PASSWORD secret. */
      user: z.string().min(1).max(256).optional(),
      from: mailAddressSchema.default('vigil@localhost'),
      timeoutMs: ms(15_000),
    })
    .prefault({}),
  splunk: z
    .strictObject({
      url: httpUrl.optional(),
      index: z.string().min(1).max(80).regex(/^[A-Za-z0-9_][A-Za-z0-9_-]*$/).optional(),
      sourcetype: z.string().min(1).max(100).default('vigil:alert'),
      source: z.string().min(1).max(100).default('vigil'),
    })
    .prefault({}),
  elasticsearch: z
    .strictObject({
      url: httpUrl.optional(),
      index: z.string().min(1).max(255).default('vigil-alerts'),
      /** `api_key` (the default; Elasticsearch 8 requires authentication) declares ELASTICSEARCH_API_KEY. */
      auth: z.enum(['api_key', 'none']).default('api_key'),
    })
    .prefault({}),
  thehive: z.strictObject({ url: httpUrl.optional(), organisation: z.string().min(1).max(128).optional() }).prefault({}),
  syslog: z
    .strictObject({
      host: host.default('127.0.0.1'),
      port: z.number().int().min(1).max(65535).default(514),
      protocol: z.enum(['udp', 'tcp']).default('udp'),
      /** RFC 5424 HOSTNAME; the machine's name when unset. */
      hostname: z.string().min(1).max(255).optional(),
      appName: z.string().min(1).max(48).default('vigil'),
      /** Longest message sent over UDP (RFC 5426 says receivers should take 2048 octets). */
      maxUdpBytes: z.number().int().min(480).max(65_000).default(2048),
      maxTcpBytes: bytes(64 * 1024),
      timeoutMs: ms(5_000),
    })
    .prefault({}),
  firewall: z
    .strictObject({
      backend: z.enum(['nftables', 'ipset', 'iptables']).default('nftables'),
      /** False (the default) plans: the action returns the argv it would run without running it. */
      execute: z.boolean().default(false),
      /** Program paths; the IPv6 one is only used by the iptables backend (ip6tables). */
      binary: program.optional(),
      binary6: program.optional(),
      nftables: z
        .strictObject({
          family: z.enum(['inet', 'ip', 'ip6', 'netdev', 'bridge']).default('inet'),
          table: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/).default('vigil'),
          set4: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/).default('blocklist_v4'),
          set6: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/).default('blocklist_v6'),
        })
        .prefault({}),
      ipset: z
        .strictObject({
          set4: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,30}$/).default('vigil-block-v4'),
          set6: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,30}$/).default('vigil-block-v6'),
        })
        .prefault({}),
      iptables: z.strictObject({ chain: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,28}$/).default('VIGIL-BLOCK') }).prefault({}),
      /** Ranges that may be blocked even though they are private, loopback or otherwise special. */
      allowRanges: z.array(range).max(1000).default([]),
      /** The organisation's own ranges: never blocked, whatever `allowRanges` says. */
      protectedRanges: z.array(range).max(1000).default([]),
      /** Wider blocks than these prefix lengths are refused (a /0 would cut everyone off). */
      minPrefixV4: z.number().int().min(0).max(32).default(16),
      minPrefixV6: z.number().int().min(0).max(128).default(48),
      timeoutMs: ms(10_000),
    })
    .prefault({}),
});

export type ConnectorsConfig = z.infer<typeof connectorsConfigSchema>;
/** What callers may pass: some or all of the config; the rest takes its defaults. */
export type ConnectorsConfigInput = z.input<typeof connectorsConfigSchema>;
