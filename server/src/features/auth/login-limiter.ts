import { RateLimiterPostgres, type RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '../../db/knex';

export interface LoginLimits {
  /** Failed sign-ins allowed per account in the window. */
  perAccount: number;
  /** Failed sign-ins allowed per client address in the window. */
  perAddress: number;
  windowSeconds: number;
}

export const defaultLoginLimits: LoginLimits = { perAccount: 5, perAddress: 50, windowSeconds: 15 * 60 };

/**
 * rate-limiter-flexible speaks node-postgres' `query({ text, values })`. This adapter sends its
 * statements through knex instead, so the counters live in Postgres on the embedded database too.
 */
function knexQueryAdapter(db: Db) {
  return {
    async query({ text, values = [] }: { text: string; values?: unknown[] }) {
      const bindings: unknown[] = [];
      const sql = text.replace(/\$(\d+)/g, (_, n: string) => {
        bindings.push(values[Number(n) - 1]);
        return '?';
      });
      const result = (await db.raw(sql, bindings as never[])) as { rows: unknown[] };
      return { rows: result.rows, rowCount: result.rows.length };
    },
  };
}

/** Counts failed sign-ins by account and by address; a blocked key answers with seconds to wait. */
export class LoginLimiter {
  private readonly byAccount: RateLimiterPostgres;
  private readonly byAddress: RateLimiterPostgres;

  constructor(db: Db, limits: LoginLimits) {
    const common = {
      storeClient: knexQueryAdapter(db),
      storeType: 'pool',
      tableName: 'login_rate_limits',
      tableCreated: true,
      duration: limits.windowSeconds,
      clearExpiredByTimeout: false,
    };
    this.byAccount = new RateLimiterPostgres({ ...common, keyPrefix: 'account', points: limits.perAccount });
    this.byAddress = new RateLimiterPostgres({ ...common, keyPrefix: 'address', points: limits.perAddress });
  }

  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  async secondsToWait(email: string, address: string): Promise<number> {
    const [account, addr] = await Promise.all([this.byAccount.get(email.toLowerCase()), this.byAddress.get(address)]);
    const blocked = [
      { res: account, limit: this.byAccount.points },
      { res: addr, limit: this.byAddress.points },
    ].filter((x): x is { res: RateLimiterRes; limit: number } => x.res !== null && x.res.consumedPoints >= x.limit);
    if (blocked.length === 0) return 0;
    return Math.max(1, ...blocked.map((b) => Math.ceil(b.res.msBeforeNext / 1000)));
  }

  async recordFailure(email: string, address: string): Promise<void> {
    // consume() rejects once the limit is passed; the next secondsToWait() reports the wait.
    await Promise.allSettled([this.byAccount.consume(email.toLowerCase()), this.byAddress.consume(address)]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.byAccount.delete(email.toLowerCase());
  }
}
