import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '../../db/knex';
import { knexQueryAdapter } from '../../db/rate-limit-store';

export interface LoginLimits {
  /** Attempts allowed for one account from one address in the window: the tight limit. */
  perPair: number;
  /**
   * Attempts for one account from anywhere, in growing windows: after the first number in a quarter
   * hour the account waits out that quarter hour, after the second in an hour the hour, after the
   * third in a day the day. A person on a device they signed in from before is not held by these.
   */
  perAccount: readonly [number, number, number];
  /** Attempts from one address (a school's shared one, say), loose. */
  perAddress: number;
  /** Attempts from one known device (its own counter, instead of the account's and the address's). */
  perDevice: number;
  /** The pair's window, in seconds. */
  windowSeconds: number;
}

export const defaultLoginLimits: LoginLimits = {
  perPair: 5,
  perAccount: [10, 20, 40],
  perAddress: 100,
  perDevice: 10,
  windowSeconds: 15 * 60,
};

export class TooManyAttempts extends Error {
  constructor(readonly secondsToWait: number) {
    super('Too many sign-in attempts.');
  }
}

/**
 * The counters' table keeps keys of up to 255 characters, prefix included: a longer one (an email of up to
 * 254 characters with an address) is kept as its hash rather than failing the request.
 */
class Counter extends RateLimiterPostgres {
  override getKey(key: string | number): string {
    const stored = super.getKey(key);
    return stored.length <= 255 ? stored : createHash('sha256').update(stored).digest('base64url');
  }
}

/**
 * What a password is tried for: signing in, or changing it while signed in (the current one is asked).
 * Each has counters of its own under the same limits: a session left open is no way round the sign-in
 * limits, and strangers' guesses at sign-in do not keep a signed-in person from changing their password.
 */
export type PasswordTry = 'signIn' | 'currentPassword';

interface Counters {
  pair: Counter;
  accounts: Counter[];
  address: Counter;
}

/**
 * Counts password attempts atomically before the password is checked (consume first, then verify), so
 * parallel attempts are limited exactly like one after another. A success gives its points back.
 */
export class LoginLimiter {
  private readonly counters: Record<PasswordTry, Counters>;
  private readonly device: Counter;

  constructor(db: Db, limits: LoginLimits) {
    const limiter = (keyPrefix: string, points: number, duration: number) =>
      new Counter({
        storeClient: knexQueryAdapter(db),
        storeType: 'pool',
        tableName: 'login_rate_limits',
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix,
        points,
        duration,
      });
    const countersOf = (prefix: string): Counters => ({
      pair: limiter(`${prefix}pair`, limits.perPair, limits.windowSeconds),
      accounts: limits.perAccount.map((points, i) => limiter(`${prefix}account${i}`, points, [900, 3600, 86_400][i]!)),
      address: limiter(`${prefix}address`, limits.perAddress, limits.windowSeconds),
    });
    this.counters = { signIn: countersOf(''), currentPassword: countersOf('current-password-') };
    this.device = limiter('device', limits.perDevice, limits.windowSeconds);
  }

  /**
   * A known device has a counter of its own at sign-in only: whoever changes a password sits at a device
   * signed in already, perhaps one its owner left unattended.
   */
  private keys(attempt: Attempt, purpose: PasswordTry) {
    const email = attempt.email.toLowerCase();
    const { pair, accounts, address } = this.counters[purpose];
    return attempt.deviceId && purpose === 'signIn'
      ? [{ limiter: this.device, key: `${attempt.deviceId}|${email}` }]
      : [
          { limiter: pair, key: `${email}|${attempt.address}` },
          ...accounts.map((limiter) => ({ limiter, key: email })),
          { limiter: address, key: attempt.address },
        ];
  }

  /** Counts this attempt; throws TooManyAttempts (with the seconds to wait) when a limit is passed. */
  async consume(attempt: Attempt, purpose: PasswordTry = 'signIn'): Promise<void> {
    const results = await Promise.allSettled(
      this.keys(attempt, purpose).map(({ limiter, key }) => limiter.consume(key)),
    );
    const refused = results.flatMap((r) =>
      r.status === 'rejected' && r.reason instanceof RateLimiterRes ? [r.reason] : [],
    );
    const failed = results.find((r) => r.status === 'rejected' && !(r.reason instanceof RateLimiterRes));
    if (failed && failed.status === 'rejected') throw failed.reason;
    if (refused.length > 0) {
      throw new TooManyAttempts(Math.max(1, ...refused.map((r) => Math.ceil(r.msBeforeNext / 1000))));
    }
  }

  /** The attempt was the right person: its points come back, and the pair and device start afresh. */
  async succeeded(attempt: Attempt, purpose: PasswordTry = 'signIn'): Promise<void> {
    const email = attempt.email.toLowerCase();
    const { pair, accounts, address } = this.counters[purpose];
    const onDevice = Boolean(attempt.deviceId) && purpose === 'signIn';
    await Promise.all([
      pair.delete(`${email}|${attempt.address}`),
      onDevice ? this.device.delete(`${attempt.deviceId}|${email}`) : Promise.resolve(),
      ...(onDevice ? [] : accounts.map((limiter) => limiter.reward(email))),
      onDevice ? Promise.resolve() : address.reward(attempt.address),
    ]);
  }

  /**
   * After a password reset, nobody else's guesses keep the person out, nor from changing it again; nor do
   * their own from the address they reset it from (the pair's counters, as a success starts them afresh).
   */
  async clearAccount(email: string, address: string): Promise<void> {
    const lower = email.toLowerCase();
    const { signIn, currentPassword } = this.counters;
    await Promise.all([
      ...[...signIn.accounts, ...currentPassword.accounts].map((limiter) => limiter.delete(lower)),
      ...[signIn.pair, currentPassword.pair].map((limiter) => limiter.delete(`${lower}|${address}`)),
    ]);
  }
}

export interface Attempt {
  email: string;
  address: string;
  /** Set when the browser carries a device cookie from an earlier sign-in to this very account. */
  deviceId?: string | undefined;
}
