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
  const transport = nodemailer.createTransport(options.smtpUrl);
  const from = options.from;
  return {
    enabled: true,
    async send(message) {
      const info = await transport.sendMail({ from, ...message });
      options.logger.info({ messageId: info.messageId }, 'Mail sent');
    },
  };
}
