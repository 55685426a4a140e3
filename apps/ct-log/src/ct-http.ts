import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ctErrorCode } from './common/ct-error';

const LOG_PATHS = /^\/logs\//;

/** Errors under `/logs/` are RFC 9162 JSON; everything else stays problem+json. */
export function ctErrorBody(path: string, problem: { status: number; detail: string }, exception: unknown) {
  if (!LOG_PATHS.test(path)) return undefined;
  const code = ctErrorCode(problem.status, exception);
  const message = problem.status >= 500 && code === 'internal' ? 'internal error' : problem.detail;
  return { contentType: 'application/json; charset=utf-8', body: { error_message: message, error_code: code } };
}

/** Public log reads are for any origin (monitors in browsers): `Access-Control-Allow-Origin: *`. */
export function configureCtHttp(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (request, reply, payload, done) => {
      if (LOG_PATHS.test(request.url)) void reply.header('access-control-allow-origin', '*');
      done(null, payload);
    });
}
