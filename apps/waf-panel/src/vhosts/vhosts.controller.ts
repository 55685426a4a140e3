import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiIfMatch, ApiProblems, CursorPage, Roles, JsonObjectPipe } from '@lib/platform';
import { ApiCursorQuery } from '../common/list-query';
import { HUMAN_ROLES } from '../common/caller';
import type { Json } from '@lib/platform';
import { etagOf } from '../common/etag';
import { idParam } from '../common/problems';
import { CreateVhostBody, UpdateVhostBody, VhostView } from './vhost.dto';
import { VhostsService } from './vhosts.service';

const uuid = idParam('Vhost');

@ApiTags('vhosts')
@Controller('api/v1/vhosts')
@Roles(...HUMAN_ROLES)
export class VhostsController {
  constructor(private readonly vhosts: VhostsService) {}

  @Get()
  @ApiOperation({ summary: 'List vhosts sorted by domain; filters domain (substring), policyId, enabled' })
  @ApiQuery({ name: 'domain', required: false, schema: { type: 'string', maxLength: 253 } })
  @ApiQuery({ name: 'policyId', required: false, schema: { type: 'string', format: 'uuid' } })
  @ApiQuery({ name: 'enabled', required: false, schema: { type: 'string', enum: ['true', 'false'] } })
  @ApiCursorQuery()
  @ApiOkResponse({ type: CursorPage(VhostView) })
  @ApiProblems(422)
  list(@Query() query: Json) {
    return this.vhosts.list(query);
  }

  @Post()
  @Roles('Admin')
  @ApiOperation({ summary: 'Create a vhost' })
  @ApiBody({ type: CreateVhostBody })
  @ApiCreatedResponse({ type: VhostView })
  @ApiProblems(409, 413, 422)
  async create(@Body(JsonObjectPipe) body: Json, @Res({ passthrough: true }) reply: FastifyReply) {
    const vhost = await this.vhosts.create(body);
    void reply.status(201).header('location', `/api/v1/vhosts/${vhost.id}`).header('etag', etagOf(vhost.id, vhost.version));
    return vhost;
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a vhost (ETag)' })
  @ApiOkResponse({ type: VhostView })
  @ApiProblems(404)
  async get(@Param('id', uuid) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const vhost = await this.vhosts.get(id);
    void reply.header('etag', etagOf(vhost.id, vhost.version));
    return vhost;
  }

  @Patch(':id')
  @Roles('Admin')
  @ApiOperation({ summary: 'Change a vhost (If-Match required)' })
  @ApiBody({ type: UpdateVhostBody })
  @ApiOkResponse({ type: VhostView })
  @ApiIfMatch()
  @ApiProblems(404, 409, 412, 422, 428)
  async update(
    @Param('id', uuid) id: string,
    @Body(JsonObjectPipe) body: Json,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const vhost = await this.vhosts.update(id, body, ifMatch);
    void reply.header('etag', etagOf(vhost.id, vhost.version));
    return vhost;
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('Admin')
  @ApiOperation({ summary: 'Delete a vhost (If-Match required); 409 while exclusions are scoped to it' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiIfMatch()
  @ApiProblems(404, 409, 412, 428)
  async remove(@Param('id', uuid) id: string, @Headers('if-match') ifMatch: string | undefined) {
    await this.vhosts.remove(id, ifMatch);
  }
}
