import type { ServiceDefinition } from '@lib/platform';
import { configureCtHttp, ctErrorBody } from './ct-http';
import { CtLogModule } from './ct-log.module';

export const CtLogService: ServiceDefinition = {
  name: 'ct-log',
  title: 'Certificate transparency log',
  description: 'Per-tenant append-only logs with RFC 6962 Merkle proofs, signed tree heads, static-ct-api tiles and a certificate audit API.',
  defaultPort: 3002,
  module: (env) => CtLogModule.forRoot(env),
  problems: { typePrefix: 'urn:ct-log:problem:', alternateBody: ctErrorBody },
  configure: configureCtHttp,
};
