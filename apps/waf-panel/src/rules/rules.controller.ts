import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, Roles, JsonObjectPipe } from '@lib/platform';
import { type Caller, CurrentCaller, HUMAN_ROLES, WRITER_ROLES } from '../common/caller';
import type { Json } from '@lib/platform';
import { idParam, notFound } from '../common/problems';
import type { AnyChildKind } from '../policies/policy-store';
import { RulesService } from './rules.service';

type Segment = AnyChildKind['segment'];
const SEGMENTS: readonly string[] = ['overrides', 'exclusions', 'custom-rules'];

/** `overrides`, `exclusions` or `custom-rules`; anything else is an unknown route (404). */
function segmentOf(value: string): Segment {
  if (!SEGMENTS.includes(value)) throw notFound('Route');
  return value as Segment;
}

const policyId = idParam('Policy');
const childId = idParam('Child');
const KIND = { name: 'kind', enum: SEGMENTS };

@ApiTags('policy children')
@Controller('api/v1/policies/:policyId/:kind')
@Roles(...HUMAN_ROLES)
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Get()
  @ApiParam(KIND)
  @ApiOperation({ summary: 'All overrides (by target key), exclusions (render order) or custom rules (by ruleId) of a policy' })
  @ApiProblems(404)
  list(@Param('policyId', policyId) policy: string, @Param('kind') kind: string) {
    return this.rules.list(segmentOf(kind), policy);
  }

  @Post()
  @Roles(...WRITER_ROLES)
  @ApiParam(KIND)
  @ApiOperation({ summary: 'Add a child; an optional If-Match must equal the policy ETag' })
  @ApiProblems(404, 409, 412, 413, 422)
  async create(
    @CurrentCaller() caller: Caller,
    @Param('policyId', policyId) policy: string,
    @Param('kind') kind: string,
    @Body(JsonObjectPipe) body: Json,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const segment = segmentOf(kind);
    const written = await this.rules.create(caller, segment, policy, body, ifMatch);
    void reply.status(201).header('etag', written.etag).header('location', `/api/v1/policies/${policy}/${segment}/${(written.body as { id: string }).id}`);
    return written.body;
  }

  @Get(':id')
  @ApiParam(KIND)
  @ApiOperation({ summary: 'One child (ETag)' })
  @ApiProblems(404)
  async get(@Param('policyId', policyId) policy: string, @Param('kind') kind: string, @Param('id', childId) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const read = await this.rules.get(segmentOf(kind), policy, id);
    void reply.header('etag', read.etag);
    return read.body;
  }

  @Patch(':id')
  @Roles(...WRITER_ROLES)
  @ApiParam(KIND)
  @ApiOperation({ summary: "Change a child (If-Match with the child's ETag)" })
  @ApiProblems(404, 409, 412, 422, 428)
  async update(
    @CurrentCaller() caller: Caller,
    @Param('policyId', policyId) policy: string,
    @Param('kind') kind: string,
    @Param('id', childId) id: string,
    @Body(JsonObjectPipe) body: Json,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const written = await this.rules.update(caller, segmentOf(kind), policy, id, body, ifMatch);
    void reply.header('etag', written.etag);
    return written.body;
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...WRITER_ROLES)
  @ApiParam(KIND)
  @ApiOperation({ summary: "Delete a child (If-Match with the child's ETag)" })
  @ApiProblems(404, 412, 428)
  async remove(@Param('policyId', policyId) policy: string, @Param('kind') kind: string, @Param('id', childId) id: string, @Headers('if-match') ifMatch: string | undefined) {
    await this.rules.remove(segmentOf(kind), policy, id, ifMatch);
  }
}
