import { Injectable } from '@nestjs/common';

/** One thing that must hold for the service to take traffic; throws (or rejects) when it does not. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<Record<string, unknown> | void>;
}

/** Collects the checks that modules contribute; `/health/ready` runs them all. */
@Injectable()
export class ReadinessRegistry {
  private readonly checks: ReadinessCheck[] = [];

  register(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  /** From now on readiness fails, so traffic is routed elsewhere before the server stops. */
  beginShutdown(): void {
    this.register({ name: 'shutdown', check: () => Promise.reject(new Error('the service is shutting down')) });
  }

  list(): readonly ReadinessCheck[] {
    return this.checks;
  }

  /** Whether every check passes now (the detailed report is `/health/ready`). */
  async allPass(): Promise<boolean> {
    const results = await Promise.allSettled(this.checks.map((check) => check.check()));
    return results.every((result) => result.status === 'fulfilled');
  }
}
