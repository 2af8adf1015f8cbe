import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { z } from 'zod';
import { sendDigests, sendWaitingEmails } from '../commands/emails';
import { remindDue } from '../commands/reminders';
import type { DatabaseAvailability } from '../db/availability';
import type { Db } from '../db/knex';
import { pruneExpiredCounters } from '../db/rate-limit-store';
import { sqlExecutor } from '../db/sql-executor';
import { sendPasswordChangedEmails, sendWaitingResetEmails } from '../features/auth/service';
import { txtLookupAt } from '../features/single-sign-on/domain-records';
import { recheckSignInDomains } from '../features/single-sign-on/service';
import type { Mailer } from '../mail/mailer';

/**
 * The planner's scheduled work, in a job queue kept in Postgres (pg-boss): reminders every hour, the
 * emails asked for at once (and the password-reset emails to try again, and those telling of a new password)
 * every minute, the daily digests every hour (each district's at 8 AM in its own time zone), and every hour
 * the rate limits' counters whose window is over are deleted; every hour too, the verified sign-in domains not
 * looked at for a day have their TXT record looked for again (a domain whose record stays missing for 7 days is
 * released), so that each is checked daily and released within the hour its time is up. pg-boss
 * runs each scheduled job once whatever the number of server processes; the reminders and emails claim
 * their rows in the database too, so a reminder already sent is never sent again, restart or not.
 */
export const jobs = {
  reminders: { cron: '0 * * * *' },
  emails: { cron: '* * * * *' },
  digests: { cron: '0 * * * *' },
  counters: { cron: '23 * * * *' },
  domains: { cron: '41 * * * *' },
} as const;

/**
 * A digests job may stand for another hour than its own (`{ "at": "2026-11-30T13:00:00Z" }`): queued by
 * hand, it sends the digests of a morning the schedule missed while the server was down. Scheduled, it
 * carries nothing and stands for the hour it runs in.
 */
const digestsJobSchema = z.object({ at: z.iso.datetime().optional() }).nullish();

export interface JobRunner {
  boss: PgBoss;
  stop(): Promise<void>;
}

/** Postgres's code for a transaction it ended to break a deadlock: trying it again succeeds. */
const deadlockDetected = '40P01';

/**
 * Creates a queue if it is not there. Processes starting together create the same queues at once, and
 * pg-boss's creation (a row and a partition of the jobs' table each) can deadlock: Postgres ends one,
 * which tries again and finds the queue made.
 */
async function createQueue(boss: PgBoss, name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await boss.createQueue(name);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== deadlockDetected || attempt === 3) throw err;
    }
  }
}

export async function startJobs(options: {
  db: Db;
  mailer: Mailer;
  publicUrl: string;
  logger: Logger;
  /** Whether to keep the cron schedules (off in tests that send the jobs themselves). */
  schedule?: boolean;
  /** How often an idle worker looks for a job (pg-boss's default is 2 s). */
  pollingIntervalSeconds?: number;
  /** Told of a queue error that means the database is down, so an outage is logged once, not per poll. */
  availability?: DatabaseAvailability;
  /** Where the sign-in domains' TXT records are read (DNS_SERVERS); the system's DNS servers when not given. */
  txtLookup?: (name: string) => Promise<string[][]>;
}): Promise<JobRunner> {
  const { db, mailer, publicUrl, logger } = options;
  const boss = new PgBoss({ db: sqlExecutor(db), schema: 'pgboss', schedule: options.schedule ?? true });
  boss.on('error', (err) => {
    if (!options.availability?.noteError(err)) logger.error({ err }, 'Job queue error');
  });
  await boss.start();
  const work: Record<keyof typeof jobs, (data: unknown) => Promise<unknown>> = {
    reminders: () => remindDue(db),
    emails: async () => {
      await sendWaitingEmails(db, mailer, publicUrl);
      await sendWaitingResetEmails(db, mailer, publicUrl);
      await sendPasswordChangedEmails(db, mailer, publicUrl);
    },
    digests: (data) => {
      const at = digestsJobSchema.parse(data)?.at;
      return sendDigests(db, mailer, publicUrl, at === undefined ? undefined : new Date(at));
    },
    counters: () => pruneExpiredCounters(db),
    domains: async () => {
      const counts = await recheckSignInDomains(db, { txtLookup: options.txtLookup ?? txtLookupAt(undefined) });
      if (counts.unanswered > 0) {
        logger.warn(counts, 'Some sign-in domains could not be checked again: the DNS servers did not answer');
      }
    },
  };
  for (const [name, { cron }] of Object.entries(jobs) as [keyof typeof jobs, { cron: string }][]) {
    await createQueue(boss, name);
    if (options.schedule ?? true) await boss.schedule(name, cron, undefined, { tz: 'UTC' });
    await boss.work(name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (batch) => {
      for (const job of batch) await work[name](job.data);
    });
  }
  return { boss, stop: () => boss.stop({ graceful: true, wait: true }) };
}
