import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, Roles } from '@lib/platform';
import { type Caller, CurrentCaller } from '../common/caller';
import { sendPage } from '../common/list';
import { ListPipelinesQuery, ListRunsQuery, PipelineRecord, PipelineRun } from './pipeline.dto';
import { PipelinesService } from './pipelines.service';

const TOTAL = { 'X-Total-Count': { description: 'Rows matching scope and filters', schema: { type: 'integer' } } };

@ApiTags('pipelines')
@Controller('api/v1/pipelines')
@Roles('Reader', 'Contributor', 'Admin')
export class PipelinesController {
  constructor(private readonly pipelines: PipelinesService) {}

  @Get()
  @ApiOperation({ summary: 'List pipelines in scope' })
  @ApiOkResponse({ type: [PipelineRecord], headers: TOTAL })
  @ApiProblems(422)
  async list(@CurrentCaller() caller: Caller, @Query() query: ListPipelinesQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendPage(reply, await this.pipelines.list(caller, query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a pipeline' })
  @ApiOkResponse({ type: PipelineRecord })
  @ApiProblems(404)
  get(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.pipelines.get(caller, id);
  }

  @Get(':id/runs')
  @ApiOperation({ summary: 'Run history of a pipeline, newest first' })
  @ApiOkResponse({ type: [PipelineRun], headers: TOTAL })
  @ApiProblems(404, 422)
  async runs(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: ListRunsQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendPage(reply, await this.pipelines.runs(caller, id, query));
  }

  @Post(':id/trigger')
  @ApiOperation({ summary: 'Trigger a pipeline run' })
  @HttpCode(200)
  @Roles('Contributor', 'Admin')
  @ApiOkResponse({ type: PipelineRun })
  @ApiProblems(400, 404)
  trigger(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.pipelines.trigger(caller, id);
  }
}
