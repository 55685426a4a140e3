import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiIfMatch, ApiProblems, CursorPage, JsonObjectPipe, type Json, Roles } from '@lib/platform';
import { type Caller, CurrentCaller, HUMAN_ROLES, WRITER_ROLES } from '../common/caller';
import { etagOf } from '../common/etag';
import { idParam } from '../common/problems';
import { PolicyView, RevisionDetail, RevisionDiff, RevisionView, RollbackBody } from '../policies/policy.dto';
import { RevisionsService } from './revisions.service';

const uuid = idParam('Policy');

/** A policy's revisions: list, read, diff and roll back. */
@ApiTags('policies')
@Controller('api/v1/policies')
@Roles(...HUMAN_ROLES)
export class RevisionsController {
  constructor(private readonly revisions: RevisionsService) {}

  @Get(':id/revisions')
  @ApiOperation({ summary: 'Revisions, newest first, without snapshots' })
  @ApiOkResponse({ type: CursorPage(RevisionView) })
  @ApiProblems(404)
  listRevisions(@Param('id', uuid) id: string) {
    return this.revisions.list(id);
  }

  @Get(':id/revisions/:revision')
  @ApiOperation({ summary: 'One revision with its snapshot' })
  @ApiOkResponse({ type: RevisionDetail })
  @ApiProblems(404, 422)
  getRevision(@Param('id', uuid) id: string, @Param('revision') revision: string) {
    return this.revisions.get(id, revision);
  }

  @Get(':id/diff')
  @ApiOperation({ summary: 'Changes between two revisions (to defaults to the latest)' })
  @ApiQuery({ name: 'from', required: true, schema: { type: 'integer', minimum: 1 } })
  @ApiQuery({ name: 'to', required: false, schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ type: RevisionDiff })
  @ApiProblems(404, 422)
  diff(@Param('id', uuid) id: string, @Query() query: Json) {
    return this.revisions.diff(id, query);
  }

  @Post(':id/rollback')
  @HttpCode(200)
  @Roles(...WRITER_ROLES)
  @ApiOperation({ summary: 'Make the policy equal a revision, as a new revision (If-Match required)' })
  @ApiBody({ type: RollbackBody })
  @ApiOkResponse({ type: PolicyView })
  @ApiIfMatch()
  @ApiProblems(404, 409, 412, 422, 428)
  async rollback(
    @CurrentCaller() caller: Caller,
    @Param('id', uuid) id: string,
    @Body(JsonObjectPipe) body: Json,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const policy = await this.revisions.rollback(caller, id, body, ifMatch);
    void reply.header('etag', etagOf(policy.id, policy.version));
    return policy;
  }
}
