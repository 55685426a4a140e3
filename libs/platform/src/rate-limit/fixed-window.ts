const WINDOW_MS = 60_000;
/** Beyond this many keys in the table, expired windows are swept before adding one. */
const SWEEP_ABOVE = 10_000;

/**
 * At most `limit` calls per key in each one-minute window, on one replica. Fixed windows are
 * enough for abuse limits, and a table per replica needs no shared store (decision 0020).
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(readonly limit: number) {}

  /** Counts one call for `key`: undefined when it may go ahead, else the seconds until it may. */
  take(key: string, now = Date.now()): number | undefined {
    let window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      if (this.windows.size > SWEEP_ABOVE) this.evictExpired(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.limit) return Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
    window.count += 1;
    return undefined;
  }

  private evictExpired(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(key);
  }
}
