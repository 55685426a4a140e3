import { type ArgumentsHost, Catch, type ExceptionFilter, Logger, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { StoreError } from '@lib/persistence';
import { type Problem, problem as problemOf, PROBLEM_CONTENT_TYPE, ProblemException, toProblem } from './problem-details';
import type { RouteTable } from './route-table';

/** How a service spells its problems on the wire. */
export interface ProblemConventions {
  /** Prefix of `type`; the problem's slug follows it. */
  readonly typePrefix: string;
  /** A second member repeating `correlationId`, for clients of a system this one replaces. */
  readonly correlationIdAlias?: string;
  /**
   * A different error body for some paths (the CT log's RFC 9162 JSON under `/logs/`); undefined
   * keeps problem+json.
   */
  readonly alternateBody?: (
    path: string,
    problem: { status: number; detail: string },
    exception: unknown,
  ) => { contentType: string; body: unknown } | undefined;
}

/** The problem+json body of a problem answered to `request`, in the service's conventions. */
export function problemBody(conventions: ProblemConventions, problem: Problem, request: FastifyRequest): Record<string, unknown> {
  const { slug, extensions, errors, ...fields } = problem;
  const correlationId = String(request.id);
  return {
    type: `${conventions.typePrefix}${slug}`,
    ...fields,
    instance: request.url.split('?')[0],
    correlationId,
    ...(conventions.correlationIdAlias ? { [conventions.correlationIdAlias]: correlationId } : {}),
    ...(errors ? { errors } : {}),
    ...extensions,
  };
}

export const DEFAULT_PROBLEM_CONVENTIONS: ProblemConventions = { typePrefix: 'urn:control-plane:problem:' };

/** Renders every error as `application/problem+json`; logs server faults with their cause. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(
    private readonly conventions: ProblemConventions = DEFAULT_PROBLEM_CONVENTIONS,
    private readonly routes?: RouteTable,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const path = request.url.split('?')[0];
    // The router's 404 for a path that exists under other methods is a 405.
    const allowed = exception instanceof NotFoundException && !(exception instanceof ProblemException) ? (this.routes?.allowed(path) ?? []) : [];
    const problem = allowed.length > 0 ? problemOf(405, `Method ${request.method} is not allowed here; use ${allowed.join(', ')}.`) : toProblem(exception);
    const body = problemBody(this.conventions, problem, request);
    // Faults are logged; a 503 that feature code raises on purpose (pool full, starting) is an answer, not a fault.
    const deliberate = exception instanceof ProblemException && problem.status !== 500;
    if (problem.status >= 500 && !deliberate) this.logger.error(exception instanceof Error ? exception : String(exception));
    if (reply.sent) return;
    if (exception instanceof ProblemException) void reply.headers(exception.headers);
    if (exception instanceof StoreError && exception.retryAfterSeconds !== undefined) void reply.header('retry-after', String(exception.retryAfterSeconds));
    if (allowed.length > 0) void reply.header('allow', allowed.join(', '));
    const alternate = this.conventions.alternateBody?.(path, { status: problem.status, detail: problem.detail ?? problem.title }, exception);
    if (alternate) void reply.status(problem.status).header('content-type', alternate.contentType).send(alternate.body);
    else void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }
}
