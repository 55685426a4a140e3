import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readPortalConfig } from './portal-config';

/** CORS for the admin UIs: the configured origins, and the headers clients read. */
export function configurePortalHttp(app: NestFastifyApplication, env: NodeJS.ProcessEnv): void {
  const { corsOrigins } = readPortalConfig(env);
  app.enableCors({
    origin: corsOrigins.includes('*') ? '*' : [...corsOrigins],
    exposedHeaders: ['X-Total-Count', 'ETag', 'Location', 'x-correlation-id'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'x-correlation-id', 'x-request-id'],
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  });
}
