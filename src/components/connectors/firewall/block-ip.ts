import { z } from 'zod';
import { ActionFailure, type ActionContext, type ActionDefinition } from '../../../core/respond/action.js';
import { VigilError } from '../../../lib/errors.js';
import type { ConnectorDeps } from '../connector-deps.js';
import { blockPolicy, checkBlockTarget, type BlockPolicy } from '../../../core/respond/block-target.js';
import { firewallCommands, type FirewallConfig, type FirewallOperation } from './firewall-commands.js';
import { runProgram } from './run-program.js';

const output = z.strictObject({
  target: z.string(),
  family: z.union([z.literal(4), z.literal(6)]),
  backend: z.enum(['nftables', 'ipset', 'iptables']),
  /** False in dry-run mode (`connectors.firewall.execute: false`, the default). */
  executed: z.boolean(),
  /** True when the rule was already in the state asked for and nothing was changed. */
  unchanged: z.boolean(),
  /** Every command, as the argument array it ran (or would run) with. */
  argv: z.array(z.array(z.string())),
});

export interface FirewallInput {
  readonly ip: string;
  readonly reason?: string | undefined;
  readonly timeout_seconds?: number | undefined;
}
export type FirewallOutput = z.infer<typeof output>;

/** `firewall.block_ip` (destructive): adds one validated address or block to the firewall's block set. */
export function defineFirewallBlockIp(deps: ConnectorDeps): ActionDefinition<FirewallInput, FirewallOutput> {
  return defineFirewallAction(deps, 'block');
}

/** `firewall.unblock_ip`: removes one address or block from the firewall's block set. */
export function defineFirewallUnblockIp(deps: ConnectorDeps): ActionDefinition<FirewallInput, FirewallOutput> {
  return defineFirewallAction(deps, 'unblock');
}

function defineFirewallAction(deps: ConnectorDeps, op: FirewallOperation): ActionDefinition<FirewallInput, FirewallOutput> {
  const cfg = deps.config.firewall;
  const built = blockPolicy(cfg);
  if (!built.ok) throw new VigilError('INVALID_CONFIG', built.error.join('; '));
  const policy = built.value;
  const id = op === 'block' ? 'firewall.block_ip' : 'firewall.unblock_ip';
  const input = z.strictObject({
    ip: z.string().max(64).superRefine((text, ctx) => {
      const r = checkBlockTarget(text, policy);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
    }),
    reason: z.string().max(500).optional(),
    timeout_seconds: op === 'block' ? z.number().int().min(1).max(365 * 24 * 3600).optional() : z.undefined().optional(),
  });
  return {
    id,
    summary: op === 'block' ? 'Block an IP address or CIDR block in the host firewall (nftables, ipset or iptables)' : 'Remove an IP address or CIDR block from the host firewall block set',
    effect: op === 'block' ? 'destructive' : 'write',
    input,
    output,
    secrets: [],
    plan: (i) => {
      const target = checkBlockTarget(i.ip, policy);
      if (!target.ok) return `${op} refused: ${target.error}`;
      const commands = firewallCommands(cfg, op, target.value, i.timeout_seconds);
      const argv = [commands.check, commands.apply].filter((c) => c !== undefined).map((c) => JSON.stringify(c)).join(' then ');
      return `${op} ${target.value.text} with ${cfg.backend}: ${argv}${cfg.execute ? '' : ' (dry run: connectors.firewall.execute is false)'}`;
    },
    run: (i, context) => runFirewall(cfg, policy, op, i, context),
  };
}

async function runFirewall(cfg: FirewallConfig, policy: BlockPolicy, op: FirewallOperation, i: FirewallInput, context: ActionContext): Promise<FirewallOutput> {
  const id = op === 'block' ? 'firewall.block_ip' : 'firewall.unblock_ip';
  // Validated again here: run() must be safe even when a caller skipped the input schema.
  const checked = checkBlockTarget(i.ip, policy);
  if (!checked.ok) throw new ActionFailure(`${id}: ${checked.error}`, { retryable: false });
  const target = checked.value;
  if (i.timeout_seconds !== undefined && cfg.backend === 'iptables') throw new ActionFailure(`${id}: the iptables backend has no timeouts; use nftables or ipset`, { retryable: false });
  const commands = firewallCommands(cfg, op, target, i.timeout_seconds);
  const base = { target: target.text, family: target.family, backend: cfg.backend };
  const all = [commands.check, commands.apply].filter((c) => c !== undefined).map((c) => [...c]);
  if (!cfg.execute) {
    context.log(`${id}: dry run`, { target: target.text, argv: all });
    return { ...base, executed: false, unchanged: false, argv: all };
  }
  const ran: string[][] = [];
  if (commands.check !== undefined) {
    ran.push([...commands.check]);
    const probe = await runProgram(commands.check, { timeoutMs: cfg.timeoutMs, signal: context.signal });
    if (probe.status === null) throw programFailure(id, probe.failure, probe.stderr);
    const present = probe.status === 0;
    if (present === (op === 'block')) {
      context.log(`${id}: already ${op === 'block' ? 'blocked' : 'absent'}`, { target: target.text });
      return { ...base, executed: true, unchanged: true, argv: ran };
    }
  }
  ran.push([...commands.apply]);
  const result = await runProgram(commands.apply, { timeoutMs: cfg.timeoutMs, signal: context.signal });
  if (result.status !== 0) throw programFailure(id, result.failure ?? `exit status ${result.status}`, result.stderr);
  context.log(`${id}: done`, { target: target.text, argv: ran });
  return { ...base, executed: true, unchanged: false, argv: ran };
}

function programFailure(id: string, why: string | undefined, stderr: string): ActionFailure {
  // A timed-out or cancelled program may succeed later; a refused command (bad set name, no permission) will not.
  const retryable = why === 'TIMEOUT' || why === 'ABORT_ERR';
  // eslint-disable-next-line no-control-regex
  const detail = stderr.replace(/[\u0000-\u001f]+/g, ' ').trim().slice(0, 300);
  return new ActionFailure(`${id}: the firewall command failed (${why ?? 'unknown'})${detail ? `: ${detail}` : ''}`, { retryable });
}
