import type { ServiceDefinition } from '@lib/platform';
import { CtLogModule } from './ct-log.module';

export const CtLogService: ServiceDefinition = {
  name: 'ct-log',
  title: 'Certificate transparency log',
  description: 'Per-tenant append-only logs with RFC 6962 Merkle proofs, signed tree heads, static-ct-api tiles and a certificate audit API.',
  defaultPort: 3002,
  module: () => CtLogModule,
};
