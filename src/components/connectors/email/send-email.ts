import nodemailer from 'nodemailer';
import { z } from 'zod';
import { ActionFailure, type ActionDefinition, type ActionContext } from '../../../core/respond/action.js';
import type { ConnectorDeps } from '../connector-deps.js';
import { RETRYABLE_SOCKET_CODES } from '../http/http-client.js';
import { requireSecret } from '../http/json-exchange.js';
import { secretRedactor } from '../redact.js';
import { mailAddressSchema, oneLineSubject } from '../../../core/respond/mail-address.js';

/** The SMTP password, used when `connectors.smtp.user` is set. */
export const SMTP_PASSWORD_SECRET = 'SMTP_PASSWORD';

const recipients = z.array(mailAddressSchema).max(50);
const input = z.strictObject({
  to: recipients.min(1),
  cc: recipients.default([]),
  subject: z.string().min(1).max(998),
  /** Plain text only: alert data never becomes HTML a mail client would render. */
  text: z.string().max(1024 * 1024),
});
const output = z.strictObject({ message_id: z.string(), accepted: z.array(z.string()), rejected: z.array(z.string()) });
const sendInfo = z.looseObject({ messageId: z.string(), accepted: z.array(z.unknown()), rejected: z.array(z.unknown()) });

export type SendEmailInput = z.infer<typeof input>;

/** `email.send`: a plain-text message over SMTP (nodemailer), with STARTTLS or TLS and optional AUTH. */
export function defineEmailSend(deps: ConnectorDeps): ActionDefinition<SendEmailInput, z.infer<typeof output>> {
  const cfg = deps.config.smtp;
  const where = `email.send smtp://${cfg.host}:${cfg.port}`;
  return {
    id: 'email.send',
    summary: 'Send a plain-text e-mail over SMTP',
    effect: 'write',
    input,
    output,
    secrets: cfg.user === undefined ? [] : [SMTP_PASSWORD_SECRET],
    plan: (i) =>
      `e-mail ${JSON.stringify(oneLineSubject(i.subject).slice(0, 80))} (${i.text.length} characters) from ${cfg.from} to ${[...i.to, ...i.cc].join(', ')} via ${cfg.host}:${cfg.port} (${cfg.tls})`,
    run: async (i, context) => {
      const auth = cfg.user === undefined ? undefined : { user: cfg.user, pass: requireSecret(context, SMTP_PASSWORD_SECRET, 'email.send') };
      const transport = nodemailer.createTransport({
        host: cfg.host,
        port: cfg.port,
        secure: cfg.tls === 'implicit',
        requireTLS: cfg.tls === 'starttls',
        ignoreTLS: cfg.tls === 'none',
        tls: { rejectUnauthorized: cfg.rejectUnauthorized },
        connectionTimeout: cfg.timeoutMs,
        greetingTimeout: cfg.timeoutMs,
        socketTimeout: cfg.timeoutMs,
        disableFileAccess: true,
        disableUrlAccess: true,
        ...(auth === undefined ? {} : { auth }),
      });
      try {
        const sending = transport.sendMail({
          from: cfg.from,
          to: i.to,
          ...(i.cc.length ? { cc: i.cc } : {}),
          subject: oneLineSubject(i.subject),
          text: i.text,
          headers: { 'X-Vigil-Idempotency-Key': oneLineSubject(context.idempotencyKey) },
          disableFileAccess: true,
          disableUrlAccess: true,
        });
        const info = sendInfo.parse(await untilAborted(sending, context, where, cfg.timeoutMs));
        const accepted = info.accepted.map(String);
        if (accepted.length === 0) throw new ActionFailure(`${where}: every recipient was rejected`, { retryable: false });
        return { message_id: info.messageId, accepted, rejected: info.rejected.map(String) };
      } catch (error) {
        throw smtpFailure(error, where, context);
      } finally {
        transport.close();
      }
    },
  };
}

/** nodemailer takes no AbortSignal: the send races the signal and an overall deadline. */
function untilAborted<T>(work: Promise<T>, context: ActionContext, where: string, timeoutMs: number): Promise<T> {
  const signal = AbortSignal.any([context.signal, AbortSignal.timeout(timeoutMs * 3)]);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => { reject(new ActionFailure(`${where}: ${context.signal.aborted ? 'cancelled' : 'timed out'}`, { retryable: true })); };
    if (signal.aborted) { onAbort(); return; }
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => { signal.removeEventListener('abort', onAbort); });
  });
}

/**
 * Connection trouble and 4xx replies are worth a retry; authentication, certificate and TLS errors
 * and 5xx replies are not. nodemailer wraps socket errors (ESOCKET, ECONNECTION) and keeps the
 * underlying code (ECONNREFUSED, CERT_HAS_EXPIRED …) in `originalCode`.
 */
function smtpFailure(error: unknown, where: string, context: ActionContext): ActionFailure {
  if (error instanceof ActionFailure) return error;
  const code = stringProp(error, 'code') ?? 'ERROR';
  const original = stringProp(error, 'originalCode');
  const reply = typeof error === 'object' && error !== null && 'responseCode' in error && typeof error.responseCode === 'number' ? error.responseCode : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const retryable =
    reply !== undefined ? reply >= 400 && reply < 500 : original !== undefined ? RETRYABLE_SOCKET_CODES.has(original) : ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS'].includes(code);
  // eslint-disable-next-line no-control-regex
  const text = secretRedactor(context.secrets)(message).replace(/[\u0000-\u001f]+/g, ' ').slice(0, 300);
  return new ActionFailure(`${where}: ${code}${original === undefined ? '' : `/${original}`}${reply === undefined ? '' : ` ${reply}`}: ${text}`, { retryable });
}

function stringProp(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null || !(key in value)) return undefined;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : undefined;
}
