import type { ProtectedDomains } from '../protected-domains.js';

/** What header analysis knows about the organisation and its mail. All optional. */
export interface HeaderContext {
  /** Protected brands and the organisation's own domains (display names naming them must come from them). */
  readonly protectedDomains?: ProtectedDomains;
  /** Display names of people in the organisation (a name from an outside address is spoofing). */
  readonly internalPeople?: readonly string[];
  /** True when mail from this registrable domain was seen before, false when never, undefined when unknown. */
  readonly isKnownSenderDomain?: (domain: string) => boolean | undefined;
}
