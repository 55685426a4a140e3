import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, CursorPage, Roles, RolesWithDetail, JsonObjectPipe } from '@lib/platform';
import { ApiCursorQuery } from '../common/list-query';
import { HUMAN_ROLES } from '../common/caller';
import type { Json } from '@lib/platform';
import { idParam } from '../common/problems';
import { CreateDeploymentBody, DeploymentDetail, DeploymentView, NodeBundle, NodeReportBody, NodeView, PendingView } from './deployment.dto';
import { DeploymentsService } from './deployments.service';

@ApiTags('deployments')
@Controller('api/v1')
@Roles(...HUMAN_ROLES)
export class DeploymentsController {
  constructor(private readonly deployments: DeploymentsService) {}

  @Post('deployments')
  @Roles('Admin')
  @ApiOperation({ summary: 'Render, validate and publish every enabled vhost (201); 200 when nothing changed' })
  @ApiBody({ type: CreateDeploymentBody })
  @ApiCreatedResponse({ type: DeploymentView, description: 'Published' })
  @ApiOkResponse({ type: DeploymentView, description: 'Nothing changed: the current deployment' })
  @ApiProblems(409, 422)
  async create(@Body(JsonObjectPipe) body: Json, @Res({ passthrough: true }) reply: FastifyReply) {
    const { created, deployment } = await this.deployments.create(body);
    void reply.status(created ? 201 : 200).header('etag', `"${deployment.checksum}"`);
    if (created) void reply.header('location', `/api/v1/deployments/${deployment.id}`);
    return deployment;
  }

  @Get('deployments')
  @ApiOperation({ summary: 'Deployments, newest first' })
  @ApiCursorQuery()
  @ApiOkResponse({ type: CursorPage(DeploymentView) })
  @ApiProblems(422)
  list(@Query() query: Json) {
    return this.deployments.list(query);
  }

  @Get('deployments/current')
  @ApiOperation({ summary: 'The deployment nodes are served (404 if none)' })
  @ApiOkResponse({ type: DeploymentDetail })
  @ApiProblems(404)
  current() {
    return this.deployments.current();
  }

  @Get('deployments/pending')
  @ApiOperation({ summary: 'What a deployment now would change, per vhost' })
  @ApiOkResponse({ type: PendingView })
  @ApiProblems()
  pending() {
    return this.deployments.pending();
  }

  @Get('deployments/:id')
  @ApiOperation({ summary: 'One deployment and its files (?include=content for their content)' })
  @ApiQuery({ name: 'include', required: false, enum: ['content'] })
  @ApiOkResponse({ type: DeploymentDetail })
  @ApiProblems(404, 422)
  get(@Param('id', idParam('Deployment')) id: string, @Query('include') include: unknown) {
    return this.deployments.get(id, include);
  }

  @Get('nodes')
  @ApiOperation({ summary: 'WAF nodes: last pull, its result, the checksum served, and whether it is current' })
  @ApiOkResponse({ type: CursorPage(NodeView) })
  @ApiProblems()
  nodes() {
    return this.deployments.nodes();
  }
}

@ApiTags('node')
@Controller('api/v1/node')
@RolesWithDetail('This route is for WAF nodes (role WafNode).', 'WafNode')
export class NodeController {
  constructor(private readonly deployments: DeploymentsService) {}

  @Get('deployment')
  @ApiOperation({
    summary:
      "The tenant's current deployment for a WAF node; 304 with If-None-Match; 409 crs-version-mismatch when X-WAF-CRS-Version differs from the CRS it was rendered for",
  })
  @ApiHeader({ name: 'X-WAF-CRS-Version', required: false, description: 'The CRS version the node loads (x.y.z)' })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The checksum ETag the node holds' })
  @ApiOkResponse({ type: NodeBundle })
  @ApiResponse({ status: 304, description: 'The node holds the current deployment' })
  @ApiProblems(400, 404, 409)
  async pull(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('x-waf-crs-version') crsVersion: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const answer = await this.deployments.pull(ifNoneMatch, crsVersion);
    void reply.status(answer.status).header('etag', answer.etag);
    return answer.body;
  }

  @Post('reports')
  @HttpCode(204)
  @ApiOperation({ summary: 'The node applied the deployment it pulled, or its engine check or reload failed (it then keeps serving the previous one)' })
  @ApiBody({ type: NodeReportBody })
  @ApiNoContentResponse({ description: 'Recorded; GET /nodes shows it' })
  @ApiProblems(409, 422)
  async report(@Body(JsonObjectPipe) body: Json): Promise<void> {
    await this.deployments.report(body);
  }
}
