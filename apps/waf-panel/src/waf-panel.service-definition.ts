import type { ServiceDefinition } from '@lib/platform';
import { configureWafHttp } from './waf-http';
import { WafPanelModule } from './waf-panel.module';

export const WafPanelService: ServiceDefinition = {
  name: 'waf-panel',
  title: 'WAF policy panel',
  description:
    'Virtual hosts, OWASP CRS policies, custom rules, exclusions, audit log, revisions and deployments compiled to ModSecurity/Coraza configuration.',
  defaultPort: 3001,
  module: (env) => WafPanelModule.forRoot(env),
  problems: { typePrefix: 'urn:waf-panel:problem:' },
  configure: configureWafHttp,
};
