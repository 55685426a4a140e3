import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, Roles } from '@lib/platform';
import { type Caller, CurrentCaller } from '../common/caller';
import { conditionalBody, etagOf } from '../common/etag';
import { sendPage } from '../common/list';
import { CreateSourceDto, ListSourcesQuery, UpdateSourceDto } from './source.dto';
import { SourceRecord } from './source.record';
import { SourcesService } from './sources.service';

@ApiTags('sources')
@Controller('api/v1/sources')
@Roles('Reader', 'Contributor', 'Admin')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @Get()
  @ApiOperation({ summary: 'List data sources in scope, filtered, sorted and paged (X-Total-Count)' })
  @ApiOkResponse({ type: [SourceRecord], headers: { 'X-Total-Count': { description: 'Rows matching scope and filters', schema: { type: 'integer' } } } })
  @ApiProblems(422)
  async list(@CurrentCaller() caller: Caller, @Query() query: ListSourcesQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendPage(reply, await this.sources.list(caller, query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a data source (ETag; If-None-Match answers 304)' })
  @ApiOkResponse({ type: SourceRecord })
  @ApiHeader({ name: 'If-None-Match', required: false })
  @ApiProblems(404)
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const stored = await this.sources.get(caller, id);
    return conditionalBody(reply, stored.version, ifNoneMatch, stored.record);
  }

  @Post()
  @ApiOperation({ summary: 'Register a data source (draft)' })
  @Roles('Contributor', 'Admin')
  @ApiCreatedResponse({ type: SourceRecord })
  @ApiProblems(422)
  async register(@CurrentCaller() caller: Caller, @Body() body: CreateSourceDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const stored = await this.sources.register(caller, body);
    void reply.status(201).header('etag', etagOf(stored.version)).header('location', `/api/v1/sources/${stored.record.id}`);
    return stored.record;
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a data source (If-Match optional)' })
  @Roles('Contributor', 'Admin')
  @ApiOkResponse({ type: SourceRecord })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiProblems(404, 412, 422)
  async update(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: UpdateSourceDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const stored = await this.sources.update(caller, id, body, ifMatch);
    void reply.header('etag', etagOf(stored.version));
    return stored.record;
  }

  @Post(':id/provision')
  @ApiOperation({ summary: 'Provision an approved data source through its adapter' })
  @HttpCode(200)
  @Roles('Contributor', 'Admin')
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ description: 'Provisioning initiated' })
  @ApiProblems(400, 404, 412, 502)
  async provision(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { result, version } = await this.sources.provision(caller, id, ifMatch);
    void reply.header('etag', etagOf(version));
    return result;
  }

  @Post(':id/decommission')
  @ApiOperation({ summary: 'Decommission a data source' })
  @HttpCode(200)
  @Roles('Contributor', 'Admin')
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: SourceRecord })
  @ApiProblems(404, 412)
  async decommission(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const stored = await this.sources.decommission(caller, id, ifMatch);
    void reply.header('etag', etagOf(stored.version));
    return stored.record;
  }

  @Post(':id/scan')
  @ApiOperation({ summary: 'Scan a data source: schema, row counts and quality' })
  @HttpCode(200)
  @Roles('Contributor', 'Admin')
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ description: '{status: "scanning", scan_id}' })
  @ApiProblems(400, 404, 412, 502)
  async scan(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { scanId, version } = await this.sources.scan(caller, id, ifMatch);
    void reply.header('etag', etagOf(version));
    return { status: 'scanning', scan_id: scanId };
  }
}
