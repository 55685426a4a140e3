import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, CursorPage, Roles, JsonObjectPipe } from '@lib/platform';
import { ApiCursorQuery } from '../common/list-query';
import { type Caller, CurrentCaller, HUMAN_ROLES, WRITER_ROLES } from '../common/caller';
import type { Json } from '@lib/platform';
import { etagOf } from '../common/etag';
import { idParam } from '../common/problems';
import { RevisionsService } from '../revisions/revisions.service';
import { TransferService } from '../transfer/transfer.service';
import { PoliciesService } from './policies.service';
import {
  CreatePolicyBody,
  ExportDocument,
  ImportDocument,
  ImportResult,
  PolicySummary,
  PolicyView,
  RevisionDetail,
  RevisionDiff,
  RevisionView,
  RollbackBody,
  UpdatePolicyBody,
} from './policy.dto';

const uuid = idParam('Policy');

@ApiTags('policies')
@Controller('api/v1/policies')
@Roles(...HUMAN_ROLES)
export class PoliciesController {
  constructor(
    private readonly policies: PoliciesService,
    private readonly revisions: RevisionsService,
    private readonly transfer: TransferService,
  ) {}

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

  @Get('export')
  @ApiOperation({ summary: 'Export every policy of the tenant (audited)' })
  @ApiOkResponse({ type: ExportDocument })
  @ApiProblems()
  async exportAll(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('content-disposition', 'attachment; filename="waf-policies.json"');
    return this.transfer.export(null);
  }

  @Post('import')
  @HttpCode(200)
  @Roles(...WRITER_ROLES)
  @ApiOperation({ summary: 'Import an export document, all or nothing; mode=strict (default) or replace' })
  @ApiQuery({ name: 'mode', required: false, enum: ['strict', 'replace'] })
  @ApiBody({ type: ImportDocument })
  @ApiOkResponse({ type: ImportResult })
  @ApiProblems(409, 413, 422)
  import(@CurrentCaller() caller: Caller, @Body(JsonObjectPipe) body: Json, @Query('mode') mode: unknown) {
    return this.transfer.import(caller, body, mode);
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
  @ApiProblems(404, 409, 412, 428)
  async remove(@Param('id', uuid) id: string, @Headers('if-match') ifMatch: string | undefined) {
    await this.policies.remove(id, ifMatch);
  }

  @Get(':id/export')
  @ApiOperation({ summary: 'Export one policy (audited)' })
  @ApiOkResponse({ type: ExportDocument })
  @ApiProblems(404)
  async exportOne(@Param('id', uuid) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('content-disposition', 'attachment; filename="waf-policy.json"');
    return this.transfer.export(id);
  }

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
