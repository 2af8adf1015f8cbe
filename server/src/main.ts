import path from 'node:path';
import type { Server } from 'node:http';
import pino from 'pino';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { DatabaseAvailability } from './db/availability';
import { DatabaseInUse, openDatabase } from './db/knex';
import { migrateToLatest } from './db/migrations';
import { seedDemoIfEmpty } from './commands/seed-demo';
import { txtLookupAt } from './features/single-sign-on/domain-records';
import { startJobs, type JobRunner } from './jobs/runner';
import { createMailer } from './mail/mailer';

const shutdownGraceMs = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  // Lines go out asynchronously (a synchronous write per request took about 8% of a small request's time);
  // pino flushes what is pending when the process exits.
  const logger = pino({ level: config.logLevel }, pino.destination({ dest: 1, sync: false }));
  const db = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    preparedStatements: config.preparedStatements,
    logger,
  });
  logger.info(
    config.databaseUrl
      ? 'Using the Postgres at DATABASE_URL'
      : `Using the embedded Postgres in ${path.resolve(config.dataDir)}`,
  );

  const databaseReady = (async () => {
    const applied = await migrateToLatest(db);
    if (applied.length > 0) logger.info({ applied }, 'Applied migrations');
    if (config.nodeEnv !== 'production') await seedDemoIfEmpty(db, logger);
  })();

  // The bundle lives in server/dist; the built client in client/dist. The server listens while the
  // database opens (the embedded one takes seconds): pages load at once, API requests wait for it.
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, logger });
  const availability = new DatabaseAvailability(db, logger);
  const { app, pdfPool, planDocuments } = createApp({
    db,
    config,
    logger,
    mailer,
    availability,
    databaseReady,
    clientDist: path.resolve(__dirname, '../../client/dist'),
  });
  const server: Server = app.listen(config.port, () => {
    logger.info(`Teacher Leadership Planner listening on http://localhost:${config.port}`);
  });
  // Reminders and emails run in every process; the queue hands each scheduled job to one of them.
  const jobs: Promise<JobRunner> = databaseReady.then(() =>
    startJobs({
      db,
      mailer,
      publicUrl: config.publicUrl,
      logger,
      availability,
      txtLookup: txtLookupAt(config.dnsServers),
    }),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Shutting down: finishing requests in flight');
    availability.stop();
    const force = setTimeout(() => {
      logger.error('Requests still open after the grace period; closing them');
      server.closeAllConnections();
    }, shutdownGraceMs);
    force.unref();
    // close() stops accepting and waits for requests in flight; keep-alive sockets are closed as soon as
    // they fall idle, so a client holding one open does not hold the shutdown for the grace period.
    const closeIdle = setInterval(() => server.closeIdleConnections(), 100);
    closeIdle.unref();
    server.close(() => {
      clearInterval(closeIdle);
      jobs
        .then((runner) => runner.stop())
        .catch((err: unknown) => logger.error({ err }, 'Stopping the job queue failed'))
        .then(() => pdfPool.close())
        .then(() => planDocuments.settled())
        .then(() => db.destroy())
        .then(() => logger.info('Stopped'))
        .catch((err: unknown) => logger.error({ err }, 'Closing the database failed'))
        .finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // A database that cannot be migrated or a queue that cannot start ends the process (main's catch).
  await jobs;
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DatabaseInUse) {
    console.error(err.message);
  } else {
    console.error('The server could not start:', err);
  }
  process.exit(1);
});
