import type { ServiceDefinition } from '@lib/platform';
import { CONSOLE_PROBLEMS, configureConsoleHttp } from './console-http';
import { ConsoleModule } from './console.module';

export const ConsoleService: ServiceDefinition = {
  name: 'console',
  title: 'Admin console',
  description: 'The web UI for the portal, the WAF panel and the CT log: sign-in, sessions, and same-origin access to the three services.',
  defaultPort: 3003,
  module: (env) => ConsoleModule.forRoot(env),
  problems: CONSOLE_PROBLEMS,
  configure: configureConsoleHttp,
};
