/**
 * Client-side pacing by Slack's per-method rate tiers, so a large workspace settles at the
 * published rate instead of living on 429s (which are still obeyed, with Retry-After). Each
 * method has a token bucket: a minute's worth of burst, then the tier's rate.
 */

/** Calls per minute of the tiers of the methods residue uses (api.slack.com/apis/rate-limits). */
export const SLACK_TIERS: Readonly<Record<string, number>> = {
  "auth.test": 100, // tier 4
  "conversations.list": 20, // tier 2
  "conversations.info": 50, // tier 3
  "conversations.history": 50, // tier 3
  "conversations.replies": 50, // tier 3
};

/** A clock, injectable so tests never wait. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/** Per-method token buckets. */
export class TierLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly perMinute: Readonly<Record<string, number>> = SLACK_TIERS,
    private readonly clock: Clock = realClock,
    private readonly burst?: number,
  ) {}

  /** Waits until `method` may be called; returns the milliseconds waited. */
  async take(method: string): Promise<number> {
    const rate = this.perMinute[method];
    if (!rate) return 0;
    const cap = this.burst ?? rate;
    const now = this.clock.now();
    const b = this.buckets.get(method) ?? { tokens: cap, at: now };
    b.tokens = Math.min(cap, b.tokens + ((now - b.at) * rate) / 60_000);
    b.at = now;
    b.tokens -= 1;
    this.buckets.set(method, b);
    if (b.tokens >= 0) return 0;
    // the token is spent already; wait until the bucket is back at zero
    const wait = Math.ceil((-b.tokens * 60_000) / rate);
    await this.clock.sleep(wait);
    return wait;
  }
}
