import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemException, toProblem } from './problem-details';

/** Renders every error as `application/problem+json`; logs server faults with their cause. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(exception);
    problem.instance = request.url.split('?')[0];
    problem.correlationId = String(request.id);
    if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception : String(exception));
    if (reply.sent) return;
    if (exception instanceof ProblemException) void reply.headers(exception.headers);
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}
