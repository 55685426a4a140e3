import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { problem, ProblemException, requestContext } from '@lib/platform';
import type { PortalConfig } from '../portal-config';
import { PORTAL_CONFIG } from './tokens';

const WINDOW_MS = 60_000;
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * PORTAL_RATE_LIMIT_WRITES_PER_MINUTE, keyed by tenant + subject (never by IP): a fixed one-minute
 * window per replica, answering 429 with Retry-After. Runs after authentication and roles.
 */
@Injectable()
export class WriteRateLimitInterceptor implements NestInterceptor {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(@Inject(PORTAL_CONFIG) private readonly config: PortalConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const limit = this.config.rateLimitWritesPerMinute;
    const principal = requestContext.current()?.principal;
    if (limit === undefined || !principal || READS.has(context.switchToHttp().getRequest<FastifyRequest>().method)) return next.handle();
    const now = Date.now();
    const key = `${principal.tenantId}\u0000${principal.subject}`;
    let window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      if (this.windows.size > 10_000) this.evictExpired(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= limit) {
      const retryAfter = Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
      throw new ProblemException(problem(429, `Write rate limit of ${limit} per minute reached; retry after ${retryAfter} s.`), { 'retry-after': String(retryAfter) });
    }
    window.count += 1;
    return next.handle();
  }

  private evictExpired(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(key);
  }
}
