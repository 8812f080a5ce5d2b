import { domainToASCII } from 'node:url';
import { parse as parseDomain } from 'tldts';

/**
 * Which domain names can exist: the public suffix under which names are registered (`com`, `co.uk`).
 * IOC extraction accepts a domain only when its suffix is known and it has a label in front of it.
 */
export interface PublicSuffixList {
  /** The longest public suffix of an ASCII, lower-case domain; undefined when its top-level domain is unknown. */
  publicSuffix(domain: string): string | undefined;
}

/**
 * The Public Suffix List algorithm (https://publicsuffix.org/list/) over a set of rules in the
 * list's format: one rule a line, `//` comments, `*.ck` wildcards, `!www.ck` exceptions, Unicode rules
 * (converted to punycode). Unlike the list's implicit `*` rule, an unknown TLD has no suffix.
 */
export class RulePublicSuffixList implements PublicSuffixList {
  private readonly rules = new Set<string>();
  private readonly wildcards = new Set<string>();
  private readonly exceptions = new Set<string>();

  /** Builds the list from rule lines (a `public_suffix_list.dat` split into lines works as is). */
  static fromRules(lines: Iterable<string>): RulePublicSuffixList {
    const l = new RulePublicSuffixList();
    for (const raw of lines) {
      const rule = raw.trim().split(/\s/)[0] ?? '';
      if (rule === '' || rule.startsWith('//')) continue;
      if (rule.startsWith('!')) l.exceptions.add(ascii(rule.slice(1)));
      else if (rule.startsWith('*.')) l.wildcards.add(ascii(rule.slice(2)));
      else l.rules.add(ascii(rule));
    }
    return l;
  }

  publicSuffix(domain: string): string | undefined {
    let pos = 0;
    for (;;) {
      const candidate = pos === 0 ? domain : domain.slice(pos);
      if (this.exceptions.has(candidate)) {
        const dot = candidate.indexOf('.');
        return dot === -1 ? undefined : candidate.slice(dot + 1);
      }
      if (this.rules.has(candidate)) return candidate;
      const dot = candidate.indexOf('.');
      if (dot !== -1 && this.wildcards.has(candidate.slice(dot + 1))) return candidate;
      const next = domain.indexOf('.', pos);
      if (next === -1) return undefined;
      pos = next + 1;
    }
  }
}

function ascii(rule: string): string {
  const lower = rule.toLowerCase();
  return /^[a-z0-9.-]*$/.test(lower) ? lower : domainToASCII(lower) || lower;
}

/**
 * The full Public Suffix List (ICANN and private sections, as packaged by `tldts`): a domain is
 * accepted when its suffix is on the list, so `report.pdf` and `invoice.docx` are file names while
 * `evil.co.uk` and `x.github.io` are domains with their registrable part judged correctly.
 */
const PSL: PublicSuffixList = {
  publicSuffix(domain: string): string | undefined {
    const parsed = parseDomain(domain, { allowPrivateDomains: true, extractHostname: false, detectIp: false, validateHostname: false });
    return (parsed.isIcann === true || parsed.isPrivate === true) && parsed.publicSuffix !== null ? parsed.publicSuffix : undefined;
  },
};

/** The suffix list IOC extraction uses by default: the Public Suffix List. */
export function builtinPublicSuffixList(): PublicSuffixList {
  return PSL;
}
