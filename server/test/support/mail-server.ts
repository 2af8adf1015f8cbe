import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { createMailer, type Mailer } from '../../src/mail/mailer';

/**
 * A real SMTP server on 127.0.0.1 that keeps what arrives, parsed: the tests read the mail the app sends
 * rather than trusting a mock of nodemailer.
 */
export interface TestMailServer {
  url: string;
  /** A mailer of the app that sends to this server. */
  mailer: Mailer;
  received: ParsedMail[];
  /** The next message to this address (or one already here), of those `matching`, waiting up to 10 s. */
  messageTo(address: string, matching?: (mail: ParsedMail) => boolean): Promise<ParsedMail>;
  close(): Promise<void>;
}

const addressesOf = (mail: ParsedMail) =>
  [mail.to]
    .flat()
    .flatMap((to) => to?.value ?? [])
    .map((a) => (a.address ?? '').toLowerCase());

/**
 * `refuse`: the addresses the server answers 550 to, as one does for a mailbox that is not there. `answerAfter`: a
 * message is kept (and `messageTo` finds it) at once, but the sender hears it went only once this settles.
 */
export async function startMailServer(
  options: { refuse?: (address: string) => boolean; answerAfter?: Promise<void> } = {},
): Promise<TestMailServer> {
  const received: ParsedMail[] = [];
  const waiting: { address: string; matching: (mail: ParsedMail) => boolean; resolve: (mail: ParsedMail) => void }[] =
    [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address.toLowerCase())) {
        callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          for (const w of [...waiting]) {
            if (addressesOf(mail).includes(w.address) && w.matching(mail)) {
              waiting.splice(waiting.indexOf(w), 1);
              w.resolve(mail);
            }
          }
          return options.answerAfter;
        })
        .then(() => callback())
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const url = `smtp://127.0.0.1:${port}`;
  return {
    url,
    mailer: createMailer({
      smtpUrl: url,
      from: 'Teacher Leadership Planner <planner@test.invalid>',
      logger: pino({ level: 'silent' }),
    }),
    received,
    messageTo(address, matching = () => true) {
      const lower = address.toLowerCase();
      const already = received.find((mail) => addressesOf(mail).includes(lower) && matching(mail));
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`No mail to ${address} arrived within 10 s`)), 10_000);
        waiting.push({
          address: lower,
          matching,
          resolve: (mail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
