import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { ApiResponseSchemaHost } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { redactText } from '@lib/persistence';
import { Public } from '../public.decorator';
import { ReadinessRegistry, type ReadinessCheck } from './readiness';

type SchemaObject = ApiResponseSchemaHost['schema'];

const CHECK_TIMEOUT_MS = 3000;

const CHECKS: SchemaObject = {
  type: 'object',
  additionalProperties: { type: 'object', properties: { status: { type: 'string', enum: ['up', 'down'] } }, additionalProperties: true },
};
/** @nestjs/terminus's answer: overall status, then each check under info (up), error (down) and details (all). */
const READINESS: SchemaObject = {
  type: 'object',
  required: ['status', 'details'],
  properties: { status: { type: 'string', enum: ['ok', 'error', 'shutting_down'] }, info: CHECKS, error: CHECKS, details: CHECKS },
};

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly readiness: ReadinessRegistry,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process serves HTTP' })
  @ApiOkResponse({
    description: 'The process is up and serving HTTP.',
    schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database and every registered check answer' })
  @ApiOkResponse({ description: 'Every readiness check passed.', schema: READINESS })
  @ApiServiceUnavailableResponse({ description: 'At least one check failed; the body says which and why.', schema: READINESS })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      return await this.health.check(this.readiness.list().map((check) => () => this.run(check)));
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }

  private async run(check: ReadinessCheck) {
    const session = this.indicators.check(check.name);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      });
      const data = await Promise.race([check.check(), timeout]);
      return session.up(data ?? {});
    } catch (error) {
      return session.down({ message: redactText(error instanceof Error ? error.message : String(error)) });
    } finally {
      clearTimeout(timer);
    }
  }
}
