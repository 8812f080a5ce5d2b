/** Lookalike domains: sender domains and any host name compared with the protected brands. */
export { analyzeSenderDomains, domainOfAddress } from './sender-domains.js';
export { checkDomainLookalike, type DomainCheck, LOOKALIKE_WEIGHTS, type LookalikeFinding } from './check-domain.js';
export { type Confusables, skeleton } from './confusables.js';
