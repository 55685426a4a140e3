import type { ServiceDefinition } from '@lib/platform';
import { WafNodeModule } from './waf-node.module';

export const WafNodeService: ServiceDefinition = {
  name: 'waf-node',
  title: 'WAF node agent',
  description:
    'Runs beside nginx: pulls the deployment, checks and reloads nginx, reports the outcome, and ships security events. Serves health and metrics only.',
  defaultPort: 3004,
  module: (env) => WafNodeModule.forRoot(env),
  problems: { typePrefix: 'urn:waf-node:problem:' },
};
