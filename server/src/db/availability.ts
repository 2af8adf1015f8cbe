import type { Logger } from 'pino';
import type { Db } from './knex';

/** Seconds a client is told to wait before trying again while the database is down. */
export const retryAfterSeconds = 5;

// SQLSTATE classes and driver errors that say the database cannot be reached, not that a statement failed.
const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up or shutting down)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const unreachableMessages = [
  /Connection terminated/i,
  /Client has encountered a connection error/i,
  /Timeout acquiring a connection/i,
  /Connection ended unexpectedly/i,
];

/** Whether an error from a query means the database is out of reach (down, restarting, the network gone). */
export function isDatabaseUnreachable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message, name, errors } = err as {
    code?: unknown;
    message?: unknown;
    name?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && unreachableCodes.has(code)) return true;
  if (name === 'KnexTimeoutError') return true;
  if (typeof message === 'string' && unreachableMessages.some((pattern) => pattern.test(message))) return true;
  // Node reports a refused connection to a name with several addresses as an AggregateError.
  return Array.isArray(errors) && errors.some(isDatabaseUnreachable);
}

/**
 * What the server knows of its database: up, or down since when. The first query that finds it out of reach
 * marks it down and logs once; while it is down, API requests answer 503 at once without waiting on a
 * connection, and a probe every second brings the server back by itself when the database answers again.
 */
export class DatabaseAvailability {
  private downSince: number | undefined;
  private probe: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly logger: Pick<Logger, 'error' | 'info'>,
    private readonly probeEveryMs = 1000,
  ) {}

  get isDown(): boolean {
    return this.downSince !== undefined;
  }

  /** Looks at a failed query's error: true (and the database marked down) when it says it is out of reach. */
  noteError(err: unknown): boolean {
    if (!isDatabaseUnreachable(err)) return false;
    if (this.downSince === undefined) {
      this.downSince = Date.now();
      const { code, message } = err as { code?: unknown; message?: unknown };
      this.logger.error(
        { reason: { code, message } },
        'Database unreachable: the API answers 503 until it is back; checking every second',
      );
      this.scheduleProbe();
    }
    return true;
  }

  /** Stops probing (the server is shutting down). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.probe);
  }

  private scheduleProbe(): void {
    if (this.stopped) return;
    this.probe = setTimeout(() => void this.check(), this.probeEveryMs);
    this.probe.unref();
  }

  private async check(): Promise<void> {
    try {
      await this.db.raw('select 1');
      const downForMs = Date.now() - (this.downSince ?? Date.now());
      this.downSince = undefined;
      this.logger.info({ downForMs }, 'Database reachable again: the API serves requests');
    } catch {
      this.scheduleProbe();
    }
  }
}
