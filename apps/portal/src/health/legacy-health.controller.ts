import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Public, ReadinessRegistry } from '@lib/platform';

/** The replaced system's health route, kept for its UI: exactly `{status, timestamp}`. */
@ApiTags('health')
@Controller('api/v1/health')
@Public()
export class LegacyHealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  @Get()
  @ApiOperation({ summary: "Health in the replaced system's form" })
  @ApiOkResponse({
    description: 'healthy when every readiness check passes, else degraded',
    schema: {
      type: 'object',
      required: ['status', 'timestamp'],
      properties: { status: { type: 'string', enum: ['healthy', 'degraded'] }, timestamp: { type: 'string', format: 'date-time' } },
    },
  })
  async health() {
    return { status: (await this.readiness.allPass()) ? 'healthy' : 'degraded', timestamp: new Date().toISOString() };
  }
}
