import type { ServiceDefinition } from '@lib/platform';
import { PortalModule } from './portal.module';

export const PortalService: ServiceDefinition = {
  name: 'portal',
  title: 'Data portal',
  description: 'Sources, pipelines and runs, access requests, a data-product marketplace with quality history, and platform statistics.',
  defaultPort: 3000,
  module: PortalModule,
};
