import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { requestContext } from '../context/request-context';
import { problem, ProblemException } from '../problems/problem-details';
import { FixedWindowLimiter } from './fixed-window';

/** Writes each principal may make per minute on one replica; undefined turns the limit off. */
export const WRITE_RATE_LIMIT = Symbol('WRITE_RATE_LIMIT');

const EXEMPT = 'write-rate-limit:exempt';
/** For write routes with their own back-pressure (the CT log's submission pool). */
export const SkipWriteRateLimit = () => SetMetadata(EXEMPT, true);

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Per-principal write limit, keyed by tenant + subject (never by IP, which an ingress shares):
 * a fixed one-minute window per replica, answering 429 with Retry-After. It runs after
 * authentication and roles, so anonymous and refused calls never fill the table.
 */
@Injectable()
export class WriteRateLimitInterceptor implements NestInterceptor {
  private readonly limiter: FixedWindowLimiter | undefined;

  constructor(
    @Inject(WRITE_RATE_LIMIT) limit: number | undefined,
    private readonly reflector: Reflector,
  ) {
    this.limiter = limit === undefined ? undefined : new FixedWindowLimiter(limit);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const limiter = this.limiter;
    const principal = requestContext.current()?.principal;
    if (!limiter || !principal || READS.has(context.switchToHttp().getRequest<FastifyRequest>().method)) return next.handle();
    if (this.reflector.getAllAndOverride<boolean>(EXEMPT, [context.getHandler(), context.getClass()])) return next.handle();
    const retryAfter = limiter.take(`${principal.tenantId}\u0000${principal.subject}`);
    if (retryAfter !== undefined) {
      throw new ProblemException(problem(429, `Write rate limit of ${limiter.limit} per minute reached; retry after ${retryAfter} s.`), {
        'retry-after': String(retryAfter),
      });
    }
    return next.handle();
  }
}
