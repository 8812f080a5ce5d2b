import { normalizeDomain } from './domain.js';

/**
 * Canonical e-mail address: `mailto:` and angle brackets removed, lower-cased (local parts are
 * case-sensitive in theory and case-insensitive at every large provider in practice), the domain
 * normalized like a domain indicator. The local part is a dot-atom of RFC 5322 (no quoted strings),
 * 64 characters at most.
 */
export function normalizeEmail(raw: string): { ok: true; value: string; domain: string } | { ok: false; reason: string } {
  let s = raw.trim();
  if (s.toLowerCase().startsWith('mailto:')) s = s.slice(7);
  if (s.startsWith('<') && s.endsWith('>')) s = s.slice(1, -1);
  const at = s.lastIndexOf('@');
  if (at <= 0 || at === s.length - 1) return { ok: false, reason: `"${clip(s)}" is not an e-mail address` };
  const local = s.slice(0, at).toLowerCase();
  if (local.length > 64) return { ok: false, reason: 'the local part is longer than 64 characters' };
  if (!LOCAL_PART.test(local) || local.includes('..')) return { ok: false, reason: `"${clip(local)}" is not a valid local part` };
  const domain = normalizeDomain(s.slice(at + 1));
  if (!domain.ok) return { ok: false, reason: domain.reason };
  return { ok: true, value: `${local}@${domain.value}`, domain: domain.value };
}

const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
