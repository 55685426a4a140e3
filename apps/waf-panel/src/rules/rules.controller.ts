import { Body, Controller, createParamDecorator, Delete, type ExecutionContext, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems, Roles, JsonObjectPipe } from '@lib/platform';
import { type Caller, CurrentCaller, HUMAN_ROLES, WRITER_ROLES } from '../common/caller';
import type { Json } from '@lib/platform';
import { idParam } from '../common/problems';
import type { AnyChildKind } from '../policies/policy-store';
import { RulesService } from './rules.service';

type Segment = AnyChildKind['segment'];
const SEGMENTS: readonly Segment[] = ['overrides', 'exclusions', 'custom-rules'];

/**
 * The kind of child the matched route serves: its fixed segment after the policy id. Each kind
 * is a route of its own, so any other segment is no route at all (404 or 405 with its `Allow`).
 */
const ChildSegment = createParamDecorator((_data: unknown, context: ExecutionContext): Segment => {
  const route = context.switchToHttp().getRequest<FastifyRequest>().routeOptions.url!;
  return route.split('/')[5] as Segment;
});

const policyId = idParam('Policy');
const childId = idParam('Child');

@ApiTags('policy children')
@Controller(SEGMENTS.map((segment) => `api/v1/policies/:policyId/${segment}`))
@Roles(...HUMAN_ROLES)
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Get()
  @ApiOperation({ summary: 'All overrides (by target key), exclusions (render order) or custom rules (by ruleId) of a policy' })
  @ApiProblems(404)
  list(@Param('policyId', policyId) policy: string, @ChildSegment() segment: Segment) {
    return this.rules.list(segment, policy);
  }

  @Post()
  @Roles(...WRITER_ROLES)
  @ApiOperation({ summary: 'Add a child; an optional If-Match must equal the policy ETag' })
  @ApiProblems(404, 409, 412, 413, 422)
  async create(
    @CurrentCaller() caller: Caller,
    @Param('policyId', policyId) policy: string,
    @ChildSegment() segment: Segment,
    @Body(JsonObjectPipe) body: Json,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const written = await this.rules.create(caller, segment, policy, body, ifMatch);
    void reply.status(201).header('etag', written.etag).header('location', `/api/v1/policies/${policy}/${segment}/${(written.body as { id: string }).id}`);
    return written.body;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One child (ETag)' })
  @ApiProblems(404)
  async get(@Param('policyId', policyId) policy: string, @ChildSegment() segment: Segment, @Param('id', childId) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const read = await this.rules.get(segment, policy, id);
    void reply.header('etag', read.etag);
    return read.body;
  }

  @Patch(':id')
  @Roles(...WRITER_ROLES)
  @ApiOperation({ summary: "Change a child (If-Match with the child's ETag)" })
  @ApiProblems(404, 409, 412, 422, 428)
  async update(
    @CurrentCaller() caller: Caller,
    @Param('policyId', policyId) policy: string,
    @ChildSegment() segment: Segment,
    @Param('id', childId) id: string,
    @Body(JsonObjectPipe) body: Json,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const written = await this.rules.update(caller, segment, policy, id, body, ifMatch);
    void reply.header('etag', written.etag);
    return written.body;
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...WRITER_ROLES)
  @ApiOperation({ summary: "Delete a child (If-Match with the child's ETag)" })
  @ApiProblems(404, 412, 428)
  async remove(@Param('policyId', policyId) policy: string, @ChildSegment() segment: Segment, @Param('id', childId) id: string, @Headers('if-match') ifMatch: string | undefined) {
    await this.rules.remove(segment, policy, id, ifMatch);
  }
}
