import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { requestContext } from '../context/request-context';
import { problem, ProblemException } from '../problems/problem-details';

/** Writes each principal may make per minute on one replica; undefined turns the limit off. */
export const WRITE_RATE_LIMIT = Symbol('WRITE_RATE_LIMIT');

const EXEMPT = 'write-rate-limit:exempt';
/** For write routes with their own back-pressure (the CT log's submission pool). */
export const SkipWriteRateLimit = () => SetMetadata(EXEMPT, true);

const WINDOW_MS = 60_000;
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Beyond this many principals in the table, expired windows are swept before adding one. */
const SWEEP_ABOVE = 10_000;

/**
 * Per-principal write limit, keyed by tenant + subject (never by IP, which an ingress shares):
 * a fixed one-minute window per replica, answering 429 with Retry-After. It runs after
 * authentication and roles, so anonymous and refused calls never fill the table.
 */
@Injectable()
export class WriteRateLimitInterceptor implements NestInterceptor {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    @Inject(WRITE_RATE_LIMIT) private readonly limit: number | undefined,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const limit = this.limit;
    const principal = requestContext.current()?.principal;
    if (limit === undefined || !principal || READS.has(context.switchToHttp().getRequest<FastifyRequest>().method)) return next.handle();
    if (this.reflector.getAllAndOverride<boolean>(EXEMPT, [context.getHandler(), context.getClass()])) return next.handle();
    const now = Date.now();
    const key = `${principal.tenantId}\u0000${principal.subject}`;
    let window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      if (this.windows.size > SWEEP_ABOVE) this.evictExpired(now);
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
