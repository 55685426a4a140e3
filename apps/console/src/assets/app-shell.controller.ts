import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header, Inject, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@lib/platform';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../console-config';

/** The single-page app: every client route answers with its shell, which then routes in the browser. */
@ApiExcludeController()
@Public()
@Controller()
export class AppShellController {
  private readonly shell: string;

  constructor(@Inject(CONSOLE_CONFIG) config: ConsoleConfig) {
    this.shell = readFileSync(join(config.assetsDir, 'index.html'), 'utf8');
  }

  @Get()
  @Redirect('/app', 302)
  root(): void {}

  @Get(['app', 'app/*'])
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  app(): string {
    return this.shell;
  }
}
