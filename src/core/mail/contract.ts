/**
 * The shapes every part of mail analysis shares: the parsed message the analysers read, and the
 * reasons and observables they return. Analysers are pure functions of a message (plus explicit
 * options such as protected domains or an intel lookup); the verdict adds up their reasons.
 */

/** Where a reason comes from, so the analyst can go straight to it. */
export type ReasonSource =
  | { readonly kind: 'header'; readonly name: string; readonly value?: string }
  | { readonly kind: 'url'; readonly url: string; readonly where?: string }
  | { readonly kind: 'attachment'; readonly filename: string; readonly index: number; readonly path?: readonly string[] }
  | { readonly kind: 'body'; readonly part?: 'text' | 'html' }
  | { readonly kind: 'message' }
  | { readonly kind: 'model'; readonly model: string };

/**
 * One piece of evidence for (positive weight) or against (negative weight) the message being
 * malicious. `code` is stable (`lookalike.homoglyph`, `attachment.double_extension` …) and is what
 * tests and tuning refer to; `summary` is the sentence an analyst reads.
 */
export interface Reason {
  readonly code: string;
  readonly weight: number;
  readonly summary: string;
  readonly source: ReasonSource;
}

export type ObservableType = 'ip' | 'domain' | 'url' | 'email' | 'md5' | 'sha1' | 'sha256' | 'filename';

export interface Observable {
  readonly type: ObservableType;
  readonly value: string;
}

/** An address as written in a header: `"Display Name" <local@domain>`. */
export interface MailAddress {
  readonly name: string;
  readonly address: string;
}

/** One attachment (or inline part with a file name), decoded. `depth` is its MIME nesting depth. */
export interface MailAttachment {
  readonly index: number;
  readonly filename: string;
  readonly contentType: string;
  readonly disposition: 'attachment' | 'inline' | 'unknown';
  readonly content: Uint8Array;
}

/** A message as the analysers see it, whatever it was parsed from (.eml, .msg, mbox, Maildir). */
export interface ParsedMail {
  /** Headers in order, names lower-cased, values unfolded and decoded (RFC 2047). */
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  readonly subject: string;
  readonly from: MailAddress | undefined;
  readonly sender: MailAddress | undefined;
  readonly replyTo: readonly MailAddress[];
  readonly returnPath: string | undefined;
  readonly to: readonly MailAddress[];
  readonly date: string | undefined;
  readonly messageId: string | undefined;
  readonly text: string;
  readonly html: string;
  readonly attachments: readonly MailAttachment[];
  /** What went wrong while parsing (limits hit, broken encodings); each becomes a reason. */
  readonly problems: readonly Reason[];
}

/** What one analyser found in a message. */
export interface Findings {
  readonly reasons: readonly Reason[];
  readonly observables: readonly Observable[];
}

/** Optional lookups the analysers use when they exist (the intel store, sender history). */
export interface MailLookups {
  /** Returns a reason when the value is a known indicator, undefined otherwise. */
  readonly indicator?: (type: ObservableType, value: string) => { readonly source: string; readonly confidence: number } | undefined;
}
