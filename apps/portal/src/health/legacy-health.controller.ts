import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public, ReadinessRegistry } from '@lib/platform';

/** The replaced system's health route, kept for its UI: exactly `{status, timestamp}`. */
@ApiTags('health')
@Controller('api/v1/health')
@Public()
export class LegacyHealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  @Get()
  @ApiOkResponse({ description: '{status: "healthy" | "degraded", timestamp}' })
  async health() {
    return { status: (await this.readiness.allPass()) ? 'healthy' : 'degraded', timestamp: new Date().toISOString() };
  }
}
