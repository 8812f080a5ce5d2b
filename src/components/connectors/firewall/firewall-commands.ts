import type { ConnectorsConfig } from '../../../core/respond/connectors-config.js';
import type { BlockTarget } from '../../../core/respond/block-target.js';

export type FirewallConfig = ConnectorsConfig['firewall'];
export type FirewallOperation = 'block' | 'unblock';

/**
 * The commands for one operation, as argument arrays for `execFile` (first element: the program).
 * `check`, when present, runs first: exit status 0 means the rule is already there (iptables has
 * no idempotent insert), so `apply` is skipped for a block and run for an unblock.
 */
export interface FirewallCommands {
  readonly check?: readonly string[];
  readonly apply: readonly string[];
}

const DEFAULT_BINARY = { nftables: '/usr/sbin/nft', ipset: '/usr/sbin/ipset', iptables: '/usr/sbin/iptables' } as const;

/** Builds the argv for a validated target; nothing here comes from the caller but the canonical address text. */
export function firewallCommands(cfg: FirewallConfig, op: FirewallOperation, target: BlockTarget, timeoutSeconds: number | undefined): FirewallCommands {
  switch (cfg.backend) {
    case 'nftables': {
      const bin = cfg.binary ?? DEFAULT_BINARY.nftables;
      const set = target.family === 4 ? cfg.nftables.set4 : cfg.nftables.set6;
      const element = op === 'block' && timeoutSeconds !== undefined ? [target.text, 'timeout', `${timeoutSeconds}s`] : [target.text];
      return { apply: [bin, op === 'block' ? 'add' : 'delete', 'element', cfg.nftables.family, cfg.nftables.table, set, '{', ...element, '}'] };
    }
    case 'ipset': {
      const bin = cfg.binary ?? DEFAULT_BINARY.ipset;
      const set = target.family === 4 ? cfg.ipset.set4 : cfg.ipset.set6;
      if (op === 'unblock') return { apply: [bin, 'del', set, target.text, '-exist'] };
      return { apply: [bin, 'add', set, target.text, ...(timeoutSeconds === undefined ? [] : ['timeout', String(timeoutSeconds)]), '-exist'] };
    }
    case 'iptables': {
      const bin = target.family === 4 ? (cfg.binary ?? DEFAULT_BINARY.iptables) : (cfg.binary6 ?? '/usr/sbin/ip6tables');
      const rule = [cfg.iptables.chain, '-s', target.text, '-j', 'DROP'];
      return { check: [bin, '-w', '-C', ...rule], apply: [bin, '-w', op === 'block' ? '-I' : '-D', ...rule] };
    }
    default: {
      const never: never = cfg.backend;
      throw new Error(`unknown firewall backend ${String(never)}`);
    }
  }
}
