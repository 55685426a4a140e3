import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { StoreError } from '@lib/persistence';

/**
 * RFC 9457 problem details as feature code raises them: a `slug` that the service's conventions
 * turn into the `type` URI, plus the correlation id and per-field errors added on the way out.
 */
export interface Problem {
  slug: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  /** Extension members (the current state on a 412...). */
  extensions?: Record<string, unknown>;
}

/** Where a bad field was found and its wire path: `name`, `quality_rules[0].rule_name`. */
export interface FieldError {
  readonly in: 'body' | 'query' | 'path' | 'header';
  readonly path: string;
  readonly message: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** The slug of each status that has no more specific one. */
const STATUS_SLUGS: Readonly<Record<number, string>> = {
  400: 'malformed-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  409: 'conflict',
  410: 'gone',
  412: 'precondition-failed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'validation',
  428: 'precondition-required',
  429: 'rate-limited',
  500: 'internal',
  502: 'upstream-failure',
  503: 'unavailable',
};

export function slugForStatus(status: number): string {
  return STATUS_SLUGS[status] ?? (status >= 500 ? 'internal' : 'malformed-request');
}

/** A problem with the usual slug and title of its status. */
export function problem(status: number, detail?: string, more: Partial<Problem> = {}): Problem {
  return { slug: slugForStatus(status), title: STATUS_CODES[status] ?? 'Error', status, detail, ...more };
}

/**
 * An HTTP error that already knows its problem body: throw it from feature code for any status
 * that needs a specific slug, detail or extension members.
 */
export class ProblemException extends HttpException {
  constructor(
    readonly problem: Problem,
    /** Response headers that belong to this problem (`WWW-Authenticate`, `ETag`...). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(problem.detail ?? problem.title, problem.status);
  }
}

export const VALIDATION_DETAIL = 'Request validation failed.';

export class ValidationProblemException extends ProblemException {
  constructor(
    readonly errors: FieldError[],
    detail = VALIDATION_DETAIL,
  ) {
    super(problem(HttpStatus.UNPROCESSABLE_ENTITY, detail, { title: 'Validation failed', errors }));
  }
}

/** What a client sees for any thrown value: never a stack trace, SQL or a secret. */
export function toProblem(exception: unknown): Problem {
  if (exception instanceof ProblemException) return { ...exception.problem };
  if (exception instanceof StoreError) {
    return { slug: exception.problemType, title: exception.title, status: exception.status, detail: exception.exposeDetail ? exception.message : undefined };
  }
  if (exception instanceof HttpException) return problem(exception.getStatus(), httpExceptionDetail(exception));
  const statusCode = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    // Errors raised by Fastify itself before routing: body parsing, size limit, media type.
    return problem(statusCode, fastifyDetail(statusCode));
  }
  return problem(500, 'Internal server error');
}

function httpExceptionDetail(exception: HttpException): string | undefined {
  // Nest's router answers an unknown route with "Cannot GET /x"; feature code never throws a bare 404.
  if (exception.getStatus() === 404) return 'Not Found';
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : undefined;
}

function fastifyDetail(status: number): string {
  switch (status) {
    case 400:
      return 'The request body is malformed.';
    case 413:
      return 'The request body is larger than the service accepts.';
    case 415:
      return 'The request body has an unsupported content type.';
    default:
      return STATUS_CODES[status] ?? 'Bad request';
  }
}
