import { domainToASCII } from 'node:url';
import { IANA_TLDS } from './iana-tlds.js';

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
 * Second-level suffixes common in IOC reports, until the full Public Suffix List is wired in
 * (see `builtinPublicSuffixList`).
 */
const COMMON_SECOND_LEVEL = (
  'co.uk org.uk ac.uk gov.uk me.uk ltd.uk plc.uk net.uk com.au net.au org.au edu.au gov.au co.nz org.nz net.nz co.jp ne.jp or.jp ac.jp go.jp ' +
  'com.cn net.cn org.cn gov.cn edu.cn com.hk com.tw org.tw co.kr or.kr ne.kr com.sg com.my co.id co.in net.in org.in firm.in gen.in ind.in ' +
  'co.za org.za com.br net.br org.br com.ar com.mx com.co com.pe com.ve com.ec com.tr net.tr org.tr com.ua org.ua com.ru org.ru com.pl net.pl ' +
  'com.es com.pt co.il org.il com.eg com.sa com.pk com.ng com.vn com.ph co.th in.th com.bd blogspot.com github.io herokuapp.com azurewebsites.net ' +
  'cloudfront.net appspot.com firebaseapp.com web.app pages.dev workers.dev netlify.app vercel.app duckdns.org no-ip.org ddns.net'
).split(' ');

let builtin: RulePublicSuffixList | undefined;

/**
 * The suffix list Vigil ships until a full Public Suffix List is added as a dependency: every IANA
 * top-level domain plus a small set of common second-level suffixes (`co.uk`, `com.br`, hosting
 * platforms). Names under other private or second-level suffixes are still accepted (their TLD is
 * known); only their registrable part may be judged one label too short.
 */
export function builtinPublicSuffixList(): PublicSuffixList {
  builtin ??= RulePublicSuffixList.fromRules([...IANA_TLDS.split(' '), ...COMMON_SECOND_LEVEL]);
  return builtin;
}
