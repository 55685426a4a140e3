import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags, ApiOperation } from '@nestjs/swagger';
import { ApiProblems, Roles } from '@lib/platform';
import { type Caller, CurrentCaller } from '../common/caller';
import { StatsService } from './stats.service';

class PlatformStatsDto {
  @ApiProperty() registered_sources: number;
  @ApiProperty({ description: 'Pipelines created, running or waiting' }) active_pipelines: number;
  @ApiProperty() data_products: number;
  @ApiProperty() pending_access_requests: number;
  @ApiProperty({ description: 'PORTAL_VOLUME_GB_PER_SOURCE x active or provisioning sources (an estimate)' }) total_data_volume_gb: number;
  @ApiProperty() last_24h_pipeline_runs: number;
  @ApiProperty() avg_quality_score: number;
}

class DomainOverviewDto {
  @ApiProperty() name: string;
  @ApiProperty() source_count: number;
  @ApiProperty() pipeline_count: number;
  @ApiProperty() data_product_count: number;
  @ApiProperty() avg_quality_score: number;
  @ApiProperty({ enum: ['healthy', 'warning', 'critical'] }) status: string;
}

@ApiTags('stats')
@Controller('api/v1')
@Roles('Reader', 'Contributor', 'Admin')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('stats')
  @ApiOperation({ summary: 'Platform statistics for the tenant' })
  @ApiOkResponse({ type: PlatformStatsDto })
  @ApiProblems()
  platform(@CurrentCaller() caller: Caller) {
    return this.stats.platform(caller);
  }

  @Get('stats/domains/:domain')
  @ApiOperation({ summary: 'Statistics of one domain' })
  @ApiOkResponse({ type: DomainOverviewDto })
  @ApiProblems(404)
  domain(@CurrentCaller() caller: Caller, @Param('domain') domain: string) {
    return this.stats.domain(caller, domain);
  }

  @Get('domains')
  @ApiOperation({ summary: 'Domain overview' })
  @ApiOkResponse({ type: [DomainOverviewDto] })
  @ApiProblems()
  domains(@CurrentCaller() caller: Caller) {
    return this.stats.domains(caller);
  }
}
