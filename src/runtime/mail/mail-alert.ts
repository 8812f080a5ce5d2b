import { createHash } from 'node:crypto';
import type { MessageAnalysis } from '../../core/mail/analyze-message.js';
import type { ParsedMail } from '../../core/mail/contract.js';
import type { Alert, Severity } from '../../schema/alert.js';

export const PHISHING_RULE_ID = 'vigil.mail.phishing';

const MAX_RELATED = 50;
const MAX_REASONS = 20;

/** Where the message came from, for the alert's evidence. */
export interface MailOrigin {
  readonly file: string;
  /** Byte offset of the message in an mbox. */
  readonly offset?: number;
  /** sha256 of the raw message (the id when it has no Message-ID). */
  readonly sha256: string;
}

function severityOf(analysis: MessageAnalysis): Severity {
  if (analysis.verdict === 'malicious') return analysis.score >= 90 ? 'critical' : 'high';
  return 'medium';
}

function technique(analysis: MessageAnalysis): { id: string[]; name: string[] } {
  const attachment = analysis.reasons.some((r) => r.weight > 0 && r.source.kind === 'attachment');
  const link = analysis.reasons.some((r) => r.weight > 0 && r.source.kind === 'url');
  const id = ['T1566'];
  const name = ['Phishing'];
  if (attachment) {
    id.push('T1566.001');
    name.push('Spearphishing Attachment');
  }
  if (link) {
    id.push('T1566.002');
    name.push('Spearphishing Link');
  }
  return { id, name };
}

/**
 * The alert for a malicious or suspicious message (undefined otherwise). Its id is a fingerprint
 * of the rule and the message's Message-ID (or, without one, its content hash), so analysing the
 * same message again never adds a second alert. `now` is used only when the message has no date.
 */
export function mailAlert(mail: ParsedMail, analysis: MessageAnalysis, origin: MailOrigin, now: Date): Alert | undefined {
  if (analysis.verdict !== 'malicious' && analysis.verdict !== 'suspicious') return undefined;
  const key = mail.messageId !== undefined && mail.messageId.includes('@') ? `message-id:${mail.messageId.trim()}` : `sha256:${origin.sha256}`;
  const id = createHash('sha256').update(`${PHISHING_RULE_ID}\u0000${key}`).digest('hex').slice(0, 32);
  const parsedDate = mail.date === undefined ? Number.NaN : Date.parse(mail.date);
  // A forged Date header can say anything; outside 1970–2100 the alert takes the analysis time.
  const plausible = Number.isFinite(parsedDate) && parsedDate >= 0 && parsedDate < Date.UTC(2100, 0, 1);
  const time = (plausible ? new Date(parsedDate) : now).toISOString();
  const pick = (types: readonly string[]): string[] =>
    [...new Set(analysis.observables.filter((o) => types.includes(o.type)).map((o) => o.value))].slice(0, MAX_RELATED);
  const hashes = pick(['md5', 'sha1', 'sha256']);
  const severity = severityOf(analysis);
  const top = analysis.reasons.filter((r) => r.weight > 0).slice(0, 3).map((r) => r.summary);
  const from = mail.from === undefined ? 'an unknown sender' : mail.from.address;
  return {
    id,
    '@timestamp': time,
    event: { kind: 'alert', start: time, end: time, count: 1 },
    rule: {
      id: PHISHING_RULE_ID,
      name: analysis.verdict === 'malicious' ? 'Malicious email' : 'Suspicious email',
      description: 'Phishing triage rated the message malicious or suspicious; the reasons, heaviest first, are in the explanation.',
      category: 'phishing',
      references: ['https://attack.mitre.org/techniques/T1566/'],
    },
    severity,
    risk_score: analysis.score,
    threat: { framework: 'MITRE ATT&CK', technique: technique(analysis), tactic: { id: ['TA0001'], name: ['Initial Access'] } },
    related: { ip: pick(['ip']), user: pick(['email']), hosts: pick(['domain']), ...(hashes.length > 0 ? { hash: hashes } : {}) },
    message: `${analysis.verdict === 'malicious' ? 'Malicious' : 'Suspicious'} email (score ${analysis.score}) from ${from}, "${mail.subject.slice(0, 120)}": ${top.join(' ')}`,
    explanation: {
      verdict: analysis.verdict,
      score: analysis.score,
      subject: mail.subject,
      from: mail.from?.address ?? null,
      message_id: mail.messageId ?? null,
      sha256: origin.sha256,
      reasons: analysis.reasons.slice(0, MAX_REASONS).map((r) => ({ code: r.code, weight: r.weight, summary: r.summary, source: r.source })),
      observables: analysis.observables.slice(0, 200),
    },
    evidence: { total: 1, lines: [{ path: origin.file, line: 1, ...(origin.offset === undefined ? {} : { offset: origin.offset }) }] },
  };
}
