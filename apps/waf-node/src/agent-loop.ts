import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { backoffDelay } from '@lib/persistence';

const MAX_BACKOFF_MS = 60_000;

/**
 * One of the agent's loops: `step` every `intervalMs` while it succeeds; after failures, a
 * jittered exponential backoff up to a minute. A failure is logged, never thrown: the loop (and
 * nginx) carry on whatever the panel does.
 */
export class AgentLoop {
  private readonly stop = new AbortController();
  private running: Promise<void> | undefined;
  private readonly logger: Logger;

  constructor(
    name: string,
    private readonly intervalMs: number,
    private readonly step: () => Promise<void>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    this.running ??= this.loop();
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stop.signal.aborted) {
      try {
        await this.step();
        failures = 0;
      } catch (error) {
        failures++;
        this.logger.warn(`${error instanceof Error ? error.message : String(error)} (attempt ${failures}; retrying)`);
      }
      const delay = failures === 0 ? this.intervalMs : backoffDelay(failures, { baseDelayMs: Math.min(this.intervalMs, 1000), maxDelayMs: MAX_BACKOFF_MS });
      await sleep(delay, undefined, { signal: this.stop.signal }).catch(() => undefined);
    }
  }

  /** Ends the loop after the step in flight. */
  async close(): Promise<void> {
    this.stop.abort();
    await this.running;
  }
}
