import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Res, type Type } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiIfMatch, ApiProblems, CursorPage, JsonObjectPipe, type Json, Roles } from '@lib/platform';
import { type Caller, CurrentCaller, HUMAN_ROLES, WRITER_ROLES } from '../common/caller';
import { idParam } from '../common/problems';
import type { AnyChildKind } from '../policies/policy-store';
import { CustomRuleBody, ExclusionBody, OverrideBody, WrittenCustomRule, WrittenExclusion, WrittenOverride } from './rule.dto';
import { RulesService } from './rules.service';
import { CustomRuleView, ExclusionView, OverrideView } from '../policies/children.dto';

type Segment = AnyChildKind['segment'];

const policyId = idParam('Policy');
const childId = idParam('Child');

interface ChildRoutes {
  readonly segment: Segment;
  /** Plural noun for the summaries: "overrides". */
  readonly noun: string;
  readonly order: string;
  readonly body: Type;
  readonly view: Type;
  readonly written: Type;
  readonly controller: string;
}

/**
 * The routes of one kind of policy child. Each kind is a controller of its own, so each has its
 * own schemas in the document and any other segment is no route at all (404, or 405 with Allow).
 */
function childController(routes: ChildRoutes): Type {
  const { segment, noun, body, view, written } = routes;

  @ApiTags('policy children')
  @Controller(`api/v1/policies/:policyId/${segment}`)
  @Roles(...HUMAN_ROLES)
  class ChildController {
    constructor(readonly rules: RulesService) {}

    @Get()
    @ApiOperation({ summary: `All ${noun} of a policy (${routes.order})` })
    @ApiOkResponse({ type: CursorPage(view) })
    @ApiProblems(404)
    list(@Param('policyId', policyId) policy: string) {
      return this.rules.list(segment, policy);
    }

    @Post()
    @Roles(...WRITER_ROLES)
    @ApiOperation({ summary: `Add one of the ${noun}; an optional If-Match must equal the policy ETag` })
    @ApiBody({ type: body })
    @ApiCreatedResponse({ type: written })
    @ApiIfMatch(false)
    @ApiProblems(404, 409, 412, 413, 422)
    async create(
      @CurrentCaller() caller: Caller,
      @Param('policyId', policyId) policy: string,
      @Body(JsonObjectPipe) input: Json,
      @Headers('if-match') ifMatch: string | undefined,
      @Res({ passthrough: true }) reply: FastifyReply,
    ) {
      const result = await this.rules.create(caller, segment, policy, input, ifMatch);
      void reply
        .status(201)
        .header('etag', result.etag)
        .header('location', `/api/v1/policies/${policy}/${segment}/${(result.body as { id: string }).id}`);
      return result.body;
    }

    @Get(':id')
    @ApiOperation({ summary: `One of the ${noun} (ETag)` })
    @ApiOkResponse({ type: view })
    @ApiProblems(404)
    async get(@Param('policyId', policyId) policy: string, @Param('id', childId) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
      const read = await this.rules.get(segment, policy, id);
      void reply.header('etag', read.etag);
      return read.body;
    }

    @Patch(':id')
    @Roles(...WRITER_ROLES)
    @ApiOperation({ summary: `Change one of the ${noun} (If-Match with its ETag)` })
    @ApiBody({ type: body })
    @ApiOkResponse({ type: written })
    @ApiIfMatch()
    @ApiProblems(404, 409, 412, 422, 428)
    async update(
      @CurrentCaller() caller: Caller,
      @Param('policyId', policyId) policy: string,
      @Param('id', childId) id: string,
      @Body(JsonObjectPipe) input: Json,
      @Headers('if-match') ifMatch: string | undefined,
      @Res({ passthrough: true }) reply: FastifyReply,
    ) {
      const result = await this.rules.update(caller, segment, policy, id, input, ifMatch);
      void reply.header('etag', result.etag);
      return result.body;
    }

    @Delete(':id')
    @HttpCode(204)
    @Roles(...WRITER_ROLES)
    @ApiOperation({ summary: `Delete one of the ${noun} (If-Match with its ETag)` })
    @ApiNoContentResponse({ description: 'Deleted' })
    @ApiIfMatch()
    @ApiProblems(404, 412, 428)
    async remove(@Param('policyId', policyId) policy: string, @Param('id', childId) id: string, @Headers('if-match') ifMatch: string | undefined) {
      await this.rules.remove(segment, policy, id, ifMatch);
    }
  }
  Object.defineProperty(ChildController, 'name', { value: routes.controller });
  return ChildController;
}

export const OverridesController = childController({
  segment: 'overrides',
  noun: 'overrides',
  order: 'by target key',
  body: OverrideBody,
  view: OverrideView,
  written: WrittenOverride,
  controller: 'OverridesController',
});
export const ExclusionsController = childController({
  segment: 'exclusions',
  noun: 'exclusions',
  order: 'in render order',
  body: ExclusionBody,
  view: ExclusionView,
  written: WrittenExclusion,
  controller: 'ExclusionsController',
});
export const CustomRulesController = childController({
  segment: 'custom-rules',
  noun: 'custom rules',
  order: 'by ruleId',
  body: CustomRuleBody,
  view: CustomRuleView,
  written: WrittenCustomRule,
  controller: 'CustomRulesController',
});
