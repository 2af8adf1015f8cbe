import ipaddr from 'ipaddr.js';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '../../db/knex';
import { knexQueryAdapter } from '../../db/rate-limit-store';
import { AppError } from '../../http/app-error';

/**
 * How often one address may open share links: enough for a board meeting behind one school's network,
 * too few to try tokens at random (which 32 random bytes make hopeless anyway). Counted in Postgres, so
 * every server process counts against the same limit.
 */
export interface OpenLimits {
  perWindow: number;
  windowSeconds: number;
}

export const defaultOpenLimits: OpenLimits = { perWindow: 300, windowSeconds: 60 };

/**
 * Whom an address counts as: an IPv4 address alone (also when written as IPv6), an IPv6 address by its
 * /64 network, which one household or school is given whole, so new addresses of it count as one.
 */
export function counterKeyOf(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${(parsed as ipaddr.IPv6).parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(':')}::/64`;
}

export class OpenLimiter {
  private readonly counter: RateLimiterPostgres;

  constructor(db: Db, limits: OpenLimits = defaultOpenLimits) {
    this.counter = new RateLimiterPostgres({
      storeClient: knexQueryAdapter(db),
      storeType: 'pool',
      tableName: 'share_link_open_limits',
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: 'open',
      points: limits.perWindow,
      duration: limits.windowSeconds,
    });
  }

  /** Counts an opening from `address`; past the limit, a 429 with Retry-After. */
  async check(address: string): Promise<void> {
    try {
      await this.counter.consume(counterKeyOf(address));
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      throw new AppError('too_many_attempts', 'This link was opened too many times from here. Please wait a minute.', {
        retryAfter: Math.max(1, Math.ceil(err.msBeforeNext / 1000)),
      });
    }
  }
}
