import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CursorPage, type Json, JsonObjectPipe, Roles, RolesWithDetail } from '@lib/platform';
import { type Caller, CurrentCaller, HUMAN_ROLES, WRITER_ROLES } from '../common/caller';
import { ApiCursorQuery } from '../common/list-query';
import { idParam } from '../common/problems';
import {
  EVENT_ACTIONS,
  ProposalBody,
  ProposalView,
  SecurityEventBatchBody,
  SecurityEventBatchResult,
  SecurityEventSummary,
  SecurityEventView,
} from './event.dto';
import { EventsService } from './events.service';

/** The search filters, shared by the list and the summary. */
function ApiEventFilters() {
  return applyDecorators(
    ApiQuery({ name: 'vhostId', required: false, schema: { type: 'string', format: 'uuid' } }),
    ApiQuery({ name: 'host', required: false, schema: { type: 'string', maxLength: 260 } }),
    ApiQuery({ name: 'ruleId', required: false, schema: { type: 'integer' }, description: 'Events that matched this rule' }),
    ApiQuery({ name: 'path', required: false, schema: { type: 'string', maxLength: 2048 }, description: 'This path and below' }),
    ApiQuery({ name: 'clientIp', required: false, schema: { type: 'string' } }),
    ApiQuery({ name: 'action', required: false, enum: EVENT_ACTIONS }),
    ApiQuery({ name: 'from', required: false, schema: { type: 'string', format: 'date-time' } }),
    ApiQuery({ name: 'to', required: false, schema: { type: 'string', format: 'date-time' } }),
  );
}

@ApiTags('security events')
@Controller('api/v1/security-events')
@Roles(...HUMAN_ROLES)
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({ summary: 'Security events the nodes shipped, newest first, within the retention period' })
  @ApiEventFilters()
  @ApiCursorQuery()
  @ApiOkResponse({ type: CursorPage(SecurityEventView) })
  @ApiProblems(422)
  search(@Query() query: Json) {
    return this.events.search(query);
  }

  @Get('summary')
  @ApiOperation({ summary: 'Triage: top rules (and the variables each matched), top paths, events per hour; same filters as the list' })
  @ApiEventFilters()
  @ApiOkResponse({ type: SecurityEventSummary })
  @ApiProblems(422)
  summary(@Query() query: Json) {
    return this.events.summary(query);
  }

  @Post('proposal')
  @HttpCode(200)
  @Roles(...WRITER_ROLES)
  @ApiOperation({
    summary:
      'The narrowest exclusions that would have let these events through (rule, exact variable, vhost, shared path), what each stops inspecting, and the bundle it renders; writes nothing',
  })
  @ApiBody({ type: ProposalBody })
  @ApiOkResponse({ type: ProposalView })
  @ApiProblems(403, 409, 422)
  propose(@CurrentCaller() caller: Caller, @Body(JsonObjectPipe) body: Json) {
    return this.events.propose(caller, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One security event with the rules it matched' })
  @ApiOkResponse({ type: SecurityEventView })
  @ApiProblems(404)
  get(@Param('id', idParam('Security event')) id: string) {
    return this.events.get(id);
  }
}

@ApiTags('node')
@Controller('api/v1/node/events')
@RolesWithDetail('This route is for WAF nodes (role WafNode).', 'WafNode')
export class NodeEventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: "A node's batch of security events (from the engine's JSON audit log); a re-sent transaction is stored once" })
  @ApiBody({ type: SecurityEventBatchBody })
  @ApiOkResponse({ type: SecurityEventBatchResult })
  @ApiProblems(413, 422)
  ingest(@Body(JsonObjectPipe) body: Json) {
    return this.events.ingest(body);
  }
}
