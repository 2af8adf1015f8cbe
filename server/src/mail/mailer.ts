import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends the planner's mail over SMTP; `enabled` is false when no mail server is configured. */
export interface Mailer {
  readonly enabled: boolean;
  /** Resolves once the server accepted the message; rejects when it did not. */
  send(message: MailMessage): Promise<void>;
}

/** How many times the mail server may refuse an email before it is given up on. */
export const emailAttempts = 3;

/** An SMTP reply of 5xx: the mail server will not take the message, however often it is sent. */
export const isPermanentRefusal = (err: unknown) => Number((err as { responseCode?: unknown }).responseCode) >= 500;

export const noMail: Mailer = {
  enabled: false,
  send: () => Promise.reject(new Error('No mail server is configured (SMTP_URL).')),
};

export function createMailer(options: {
  smtpUrl?: string | undefined;
  from?: string | undefined;
  logger: Logger;
}): Mailer {
  if (!options.smtpUrl || !options.from) return noMail;
  // Mail goes out while a person waits (an invitation's answer says whether it was emailed): a mail server
  // that does not answer is given up on in seconds, not after nodemailer's 2 minutes to connect, 30 s for
  // its greeting and 10 minutes of silence.
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 15_000,
  });
  const from = options.from;
  return {
    enabled: true,
    async send(message) {
      const info = await transport.sendMail({ from, ...message });
      options.logger.info({ messageId: info.messageId }, 'Mail sent');
    },
  };
}
