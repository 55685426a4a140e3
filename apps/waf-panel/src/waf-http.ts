import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { auditRefusedWrites } from './audit/refused-write-audit';

/** Import documents may be up to 5 MiB; every other body keeps the 1 MiB limit. */
export const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;

export function configureWafHttp(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route) => {
    if (route.url === '/api/v1/policies/import') route.bodyLimit = IMPORT_BODY_LIMIT;
  });
  auditRefusedWrites(app);
}
