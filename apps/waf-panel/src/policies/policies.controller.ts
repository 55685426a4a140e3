import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiIfMatch, ApiProblems, CursorPage, Roles, JsonObjectPipe } from '@lib/platform';
import { ApiCursorQuery } from '../common/list-query';
import { HUMAN_ROLES, WRITER_ROLES } from '../common/caller';
import type { Json } from '@lib/platform';
import { etagOf } from '../common/etag';
import { idParam } from '../common/problems';
import { PoliciesService } from './policies.service';
import { CreatePolicyBody, PolicySummary, PolicyView, UpdatePolicyBody } from './policy.dto';

const uuid = idParam('Policy');

@ApiTags('policies')
@Controller('api/v1/policies')
@Roles(...HUMAN_ROLES)
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get()
  @ApiOperation({ summary: 'List policies sorted by name; q filters by name substring' })
  @ApiQuery({ name: 'q', required: false, schema: { type: 'string', maxLength: 100 } })
  @ApiCursorQuery()
  @ApiOkResponse({ type: CursorPage(PolicySummary) })
  @ApiProblems(422)
  list(@Query() query: Json) {
    return this.policies.list(query);
  }

  @Post()
  @Roles(...WRITER_ROLES)
  @ApiOperation({ summary: 'Create a policy (revision 1, with the documented defaults)' })
  @ApiBody({ type: CreatePolicyBody })
  @ApiCreatedResponse({ type: PolicyView })
  @ApiProblems(409, 413, 422)
  async create(@Body(JsonObjectPipe) body: Json, @Res({ passthrough: true }) reply: FastifyReply) {
    const policy = await this.policies.create(body);
    void reply.status(201).header('location', `/api/v1/policies/${policy.id}`).header('etag', etagOf(policy.id, policy.version));
    return policy;
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a policy with its children, assigned vhosts and warnings (ETag)' })
  @ApiOkResponse({ type: PolicyView })
  @ApiProblems(404)
  async get(@Param('id', uuid) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const policy = await this.policies.get(id);
    void reply.header('etag', etagOf(policy.id, policy.version));
    return policy;
  }

  @Patch(':id')
  @Roles(...WRITER_ROLES)
  @ApiOperation({ summary: 'Change policy settings (If-Match required)' })
  @ApiBody({ type: UpdatePolicyBody })
  @ApiOkResponse({ type: PolicyView })
  @ApiIfMatch()
  @ApiProblems(404, 409, 412, 422, 428)
  async update(
    @Param('id', uuid) id: string,
    @Body(JsonObjectPipe) body: Json,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const policy = await this.policies.update(id, body, ifMatch);
    void reply.header('etag', etagOf(policy.id, policy.version));
    return policy;
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...WRITER_ROLES)
  @ApiOperation({ summary: 'Delete a policy and its children (If-Match required); 409 while vhosts use it' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiIfMatch()
  @ApiProblems(404, 409, 412, 428)
  async remove(@Param('id', uuid) id: string, @Headers('if-match') ifMatch: string | undefined) {
    await this.policies.remove(id, ifMatch);
  }
}
