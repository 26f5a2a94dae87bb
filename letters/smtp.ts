import nodemailer, { type Transporter } from 'nodemailer';
import type { SmtpSettings } from '../platform/config';

/**
 * One SMTP transport for the process, or none when SMTP_URL is unset (letters then wait in the outbox).
 * Timeouts are short so a dead server makes an attempt fail (and be retried later) rather than hang.
 */
export function createSmtpTransport(smtp: SmtpSettings | undefined): Transporter | undefined {
  if (!smtp) return undefined;
  return nodemailer.createTransport({
    host: smtp.host, port: smtp.port, secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000,
    // Our logger never sees SMTP traffic: it carries addresses and letter text.
    logger: false, debug: false,
  });
}
