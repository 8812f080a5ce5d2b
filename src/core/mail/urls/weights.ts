/**
 * Weights of URL findings in verdict points (`verdict.ts`: 30 suspicious, 60 malicious; the scale of
 * `LOOKALIKE_WEIGHTS`): a known-bad indicator is malicious alone, a password form suspicious alone.
 */
export const URL_WEIGHTS = {
  intelMatch: 60,
  credentialForm: 40,
  textMismatchBrand: 35,
  passwordField: 25,
  userinfoDomain: 30,
  obfuscatedIp: 25,
  dataUri: 30,
  dangerousScheme: 35,
  scriptLink: 20,
  /** A link to a bare IP address: old list servers did it too, so it is evidence, not a verdict (decides no phishing_pot-dev verdict). */
  ipHost: 10,
  /** An image or style loaded from a bare IP address: nothing the reader follows, old list servers did it. */
  ipHostEmbedded: 6,
  encodedHost: 15,
  fileLink: 15,
  userinfo: 8,
  /** A link that carries an e-mail address in hex or base64: personalised for tracking, hidden from filters. */
  encodedAddress: 10,
  textMismatch: 10,
  /** Link text shows another domain, but the link leads to the sender's own domain (newsletter click tracking). */
  textMismatchToSender: 3,
  userContentHost: 10,
  formExternal: 1,
  metaRefresh: 10,
  /** A URL carried in a parameter (newsletters' click tracking does it too; decides no phishing_pot-dev verdict). */
  redirect: 4,
  shortener: 6,
  abusedTld: 5,
  unusualPort: 5,
  heavilyEncoded: 5,
  veryLong: 2,
  htmlTruncated: 3,
  tooManyUrls: 1,
} as const;

/** Bounds of URL analysis for one message. */
export interface UrlLimits {
  /** Distinct URLs analysed (redirect targets included); the rest are counted and reported. */
  readonly maxUrls: number;
  /** HTML characters scanned. */
  readonly maxHtmlChars: number;
  /** Plain-text characters scanned for URLs. */
  readonly maxTextChars: number;
  /** Redirect targets followed inside one URL. */
  readonly maxRedirectDepth: number;
  /** Reasons listed with the same code (one per host or URL); only the first counts towards the score. */
  readonly maxReasonsPerCode: number;
  /** Observables returned. */
  readonly maxObservables: number;
}

/** Defaults: 300 URLs, 1 MiB of HTML, 1 MiB of text, 3 redirects, 3 reasons per code, 500 observables. */
export const DEFAULT_URL_LIMITS: UrlLimits = {
  maxUrls: 300,
  maxHtmlChars: 1024 * 1024,
  maxTextChars: 1024 * 1024,
  maxRedirectDepth: 3,
  maxReasonsPerCode: 3,
  maxObservables: 500,
};
