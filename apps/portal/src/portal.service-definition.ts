import type { ServiceDefinition } from '@lib/platform';
import { configurePortalHttp } from './portal-http';
import { PortalModule } from './portal.module';

export const PortalService: ServiceDefinition = {
  name: 'portal',
  title: 'Data portal',
  description: 'Sources, pipelines and runs, access requests, a data-product marketplace with quality history, and platform statistics.',
  defaultPort: 3000,
  module: (env) => PortalModule.forRoot(env),
  problems: { typePrefix: 'urn:problem:portal:', correlationIdAlias: 'correlation_id' },
  configure: configurePortalHttp,
};
