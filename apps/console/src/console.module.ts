import { type DynamicModule, Module } from '@nestjs/common';
import { readAuthConfig, ServingModule } from '@lib/platform';
import { AppShellController } from './assets/app-shell.controller';
import { CONSOLE_CONFIG, readConsoleConfig } from './console-config';
import { SessionController } from './session/session.controller';
import { OidcSignIn } from './session/oidc-sign-in';
import { SessionService } from './session/session.service';

/** The console's server: sessions, the app shell, and (console-http.ts) the proxies and assets. */
@Module({})
export class ConsoleModule {
  static forRoot(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const auth = readAuthConfig(env);
    const config = readConsoleConfig(env, auth.mode);
    return {
      module: ConsoleModule,
      imports: [ServingModule.forRoot({ auth })],
      controllers: [SessionController, AppShellController],
      providers: [{ provide: CONSOLE_CONFIG, useValue: config }, SessionService, OidcSignIn],
    };
  }
}
