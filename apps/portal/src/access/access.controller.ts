import { Body, Controller, Get, HttpCode, Injectable, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, Roles } from '@lib/platform';
import { type Caller, CurrentCaller } from '../common/caller';
import { sendPage } from '../common/list';
import { AccessRequest, CreateAccessRequestDto, DenyQuery, ListAccessQuery, ListMarketplaceAccessQuery, ReviewDto } from './access.dto';
import { AccessService } from './access.service';

const TOTAL = { 'X-Total-Count': { description: 'Rows matching scope and filters', schema: { type: 'integer' } } };

/** The routes both paths serve identically: one request by id, and a new request. */
@Injectable()
abstract class AccessRequestRoutes {
  protected abstract readonly basePath: string;

  constructor(protected readonly access: AccessService) {}

  @Get(':id')
  @ApiOperation({ summary: 'Read an access request' })
  @ApiOkResponse({ type: AccessRequest })
  @ApiProblems(404)
  get(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.access.get(caller, id);
  }

  @Post()
  @ApiOperation({ summary: 'Request access to a data product' })
  @ApiCreatedResponse({ type: AccessRequest })
  @ApiProblems(404, 409, 422)
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateAccessRequestDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const request = await this.access.create(caller, body);
    void reply.status(201).header('location', `${this.basePath}/${request.id}`);
    return request;
  }
}

@ApiTags('access')
@Controller('api/v1/access')
@Roles('Reader', 'Contributor', 'Admin')
export class AccessController extends AccessRequestRoutes {
  protected readonly basePath = '/api/v1/access';

  @Get()
  @ApiOperation({ summary: 'List access requests (mine, or to review)' })
  @ApiOkResponse({ type: [AccessRequest], headers: TOTAL })
  @ApiProblems(422)
  async list(@CurrentCaller() caller: Caller, @Query() query: ListAccessQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendPage(
      reply,
      await this.access.list(caller, { status: query.status, productId: query.data_product_id, view: query.view, limit: query.limit, offset: query.offset }),
    );
  }

  @Post(':id/approve')
  @ApiOperation({ summary: 'Approve an access request (not your own)' })
  @HttpCode(200)
  @Roles('Contributor', 'Admin')
  @ApiOkResponse({ type: AccessRequest })
  @ApiProblems(400, 404, 422)
  approve(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: ReviewDto) {
    return this.access.review(caller, id, 'approve', body.notes ?? null);
  }

  @Post(':id/deny')
  @ApiOperation({ summary: 'Deny an access request' })
  @HttpCode(200)
  @Roles('Contributor', 'Admin')
  @ApiOkResponse({ type: AccessRequest })
  @ApiProblems(400, 404, 422)
  deny(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: ReviewDto) {
    return this.access.review(caller, id, 'deny', body.notes ?? null);
  }

  @Post(':id/revoke')
  @ApiOperation({ summary: 'Revoke granted access' })
  @HttpCode(200)
  @ApiOkResponse({ type: AccessRequest })
  @ApiProblems(400, 404, 422)
  revoke(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: ReviewDto) {
    return this.access.revoke(caller, id, body.notes ?? null);
  }
}

/** The marketplace's access-request routes: thin adapters over the one workflow. */
@ApiTags('marketplace')
@Controller('api/v1/marketplace/access-requests')
@Roles('Reader', 'Contributor', 'Admin')
export class MarketplaceAccessController extends AccessRequestRoutes {
  protected readonly basePath = '/api/v1/marketplace/access-requests';

  @Get()
  @ApiOperation({ summary: 'List marketplace access requests' })
  @ApiOkResponse({ type: [AccessRequest], headers: TOTAL })
  @ApiProblems(422)
  async list(@CurrentCaller() caller: Caller, @Query() query: ListMarketplaceAccessQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendPage(reply, await this.access.list(caller, { status: query.status, productId: query.product_id, limit: query.limit, offset: query.offset }));
  }

  @Put(':id/approve')
  @ApiOperation({ summary: 'Approve a marketplace access request' })
  @Roles('Contributor', 'Admin')
  @ApiOkResponse({ type: AccessRequest })
  @ApiProblems(400, 404, 422)
  approve(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.access.review(caller, id, 'approve', null);
  }

  @Put(':id/deny')
  @ApiOperation({ summary: 'Deny a marketplace access request' })
  @Roles('Contributor', 'Admin')
  @ApiOkResponse({ type: AccessRequest })
  @ApiProblems(400, 404, 422)
  deny(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: DenyQuery) {
    return this.access.review(caller, id, 'deny', query.review_notes ?? null);
  }
}
