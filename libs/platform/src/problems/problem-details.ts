import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { StoreError } from '@lib/persistence';

/** RFC 9457 problem details, plus the correlation id and per-field errors. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  correlationId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface FieldError {
  /** Path of the offending field in the request body or query: `name`, `rules[2].pattern`. */
  readonly field: string;
  readonly message: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
const TYPE_PREFIX = 'urn:control-plane:problem:';

export function problemType(slug: string): string {
  return `${TYPE_PREFIX}${slug}`;
}

/**
 * An HTTP error that already knows its problem body: throw it from feature code for any
 * status that needs a specific `type` or extension members (412 with the current state...).
 */
export class ProblemException extends HttpException {
  constructor(
    readonly problem: ProblemDetails,
    /** Response headers that belong to this problem (`WWW-Authenticate`, `ETag`...). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(problem, problem.status);
  }
}

export class ValidationProblemException extends ProblemException {
  constructor(errors: FieldError[]) {
    super({
      type: problemType('validation'),
      title: 'Validation failed',
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      detail: `${errors.length} field${errors.length === 1 ? '' : 's'} failed validation: ${[...new Set(errors.map((e) => e.field))].join(', ')}`,
      errors,
    });
  }
}

/** What a client sees for any thrown value: never a stack trace, SQL or a secret. */
export function toProblem(exception: unknown): ProblemDetails {
  if (exception instanceof ProblemException) return { ...exception.problem };
  if (exception instanceof StoreError) {
    return {
      type: problemType(exception.problemType),
      title: exception.title,
      status: exception.status,
      detail: exception.exposeDetail ? exception.message : undefined,
    };
  }
  if (exception instanceof HttpException) return fromStatus(exception.getStatus(), httpExceptionDetail(exception));
  const statusCode = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    // Errors raised by Fastify itself before routing: body parsing, size limit, media type.
    return fromStatus(statusCode, fastifyDetail(statusCode));
  }
  return { type: 'about:blank', title: STATUS_CODES[500] ?? 'Internal Server Error', status: 500, detail: 'An unexpected error occurred; quote the correlation id when reporting it.' };
}

function fromStatus(status: number, detail: string | undefined): ProblemDetails {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail };
}

function httpExceptionDetail(exception: HttpException): string | undefined {
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
