import { AppError } from '../../http/app-error';

/**
 * How often one address may open share links: enough for a board meeting behind one school's network,
 * too few to try tokens at random (which 32 random bytes make hopeless anyway). Kept in memory: each
 * server process counts its own, which only makes the limit looser by the number of processes.
 */
export interface OpenLimits {
  perWindow: number;
  windowMs: number;
}

export const defaultOpenLimits: OpenLimits = { perWindow: 300, windowMs: 60_000 };

export class OpenLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly limits: OpenLimits = defaultOpenLimits) {}

  /** Counts an opening from `address`; past the limit, a 429 with Retry-After. */
  check(address: string, now = Date.now()): void {
    let window = this.windows.get(address);
    if (!window || now - window.start >= this.limits.windowMs) {
      // Forget the finished windows now and then, so the map stays as small as the traffic of a minute.
      if (this.windows.size > 10_000) this.prune(now);
      window = { start: now, count: 0 };
      this.windows.set(address, window);
    }
    window.count += 1;
    if (window.count > this.limits.perWindow) {
      throw new AppError('too_many_attempts', 'This link was opened too many times from here. Please wait a minute.', {
        retryAfter: Math.ceil((window.start + this.limits.windowMs - now) / 1000),
      });
    }
  }

  private prune(now: number): void {
    for (const [address, window] of this.windows) {
      if (now - window.start >= this.limits.windowMs) this.windows.delete(address);
    }
  }
}
