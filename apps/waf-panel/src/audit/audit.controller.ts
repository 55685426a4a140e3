import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CursorPage, Roles } from '@lib/platform';
import { ApiCursorQuery } from '../common/list-query';
import { AuditEntryView } from './audit.dto';
import { HUMAN_ROLES } from '../common/caller';
import type { Json } from '@lib/platform';
import { idParam } from '../common/problems';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('api/v1/audit-events')
@Roles(...HUMAN_ROLES)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Search the audit log, newest first: entityType, entityId, policyId, actor, action (or prefix.*), outcome, from, to, q' })
  @ApiQuery({ name: 'entityType', required: false, schema: { type: 'string', maxLength: 50 } })
  @ApiQuery({ name: 'entityId', required: false, schema: { type: 'string', maxLength: 100 } })
  @ApiQuery({ name: 'policyId', required: false, schema: { type: 'string', format: 'uuid' }, description: 'The policy and its children' })
  @ApiQuery({ name: 'actor', required: false, schema: { type: 'string', maxLength: 200 }, description: 'Subject or e-mail' })
  @ApiQuery({ name: 'action', required: false, schema: { type: 'string', maxLength: 100 }, description: 'An action, or a prefix ending in .*' })
  @ApiQuery({ name: 'outcome', required: false, enum: ['success', 'denied', 'precondition_failed', 'failed'] })
  @ApiQuery({ name: 'from', required: false, schema: { type: 'string', format: 'date-time' } })
  @ApiQuery({ name: 'to', required: false, schema: { type: 'string', format: 'date-time' } })
  @ApiQuery({ name: 'q', required: false, schema: { type: 'string', maxLength: 500 }, description: 'Text in names, labels and before/after values' })
  @ApiCursorQuery()
  @ApiOkResponse({ type: CursorPage(AuditEntryView) })
  @ApiProblems(422)
  search(@Query() query: Json) {
    return this.audit.search(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One audit entry' })
  @ApiOkResponse({ type: AuditEntryView })
  @ApiProblems(404)
  get(@Param('id', idParam('Audit event')) id: string) {
    return this.audit.get(id);
  }
}
