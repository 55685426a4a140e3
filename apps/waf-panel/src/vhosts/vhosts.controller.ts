import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { sql } from '@lib/persistence';
import { ApiProblems, Roles, JsonObjectPipe } from '@lib/platform';
import { HUMAN_ROLES } from '../common/caller';
import type { Json } from '@lib/platform';
import { etagOf } from '../common/etag';
import { conflict, found, idParam, unprocessable } from '../common/problems';
import { WafDb } from '../common/waf-db';
import { readAggregate, readPolicy } from '../policies/policy-store';
import { RenderError, vhostDirectory } from '../render/bundle-renderer';
import { BundleService } from '../render/bundle.service';
import { readVhost } from './vhost-store';
import { VhostsService } from './vhosts.service';

const uuid = idParam('Vhost');

@ApiTags('vhosts')
@Controller('api/v1/vhosts')
@Roles(...HUMAN_ROLES)
export class VhostsController {
  constructor(
    private readonly vhosts: VhostsService,
    private readonly db: WafDb,
    private readonly bundles: BundleService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List vhosts sorted by domain; filters domain (substring), policyId, enabled' })
  @ApiProblems(422)
  list(@Query() query: Json) {
    return this.vhosts.list(query);
  }

  @Post()
  @Roles('Admin')
  @ApiOperation({ summary: 'Create a vhost' })
  @ApiProblems(409, 413, 422)
  async create(@Body(JsonObjectPipe) body: Json, @Res({ passthrough: true }) reply: FastifyReply) {
    const vhost = await this.vhosts.create(body);
    void reply.status(201).header('location', `/api/v1/vhosts/${vhost.id}`).header('etag', etagOf(vhost.id, vhost.version));
    return vhost;
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a vhost (ETag)' })
  @ApiProblems(404)
  async get(@Param('id', uuid) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const vhost = await this.vhosts.get(id);
    void reply.header('etag', etagOf(vhost.id, vhost.version));
    return vhost;
  }

  @Patch(':id')
  @Roles('Admin')
  @ApiOperation({ summary: 'Change a vhost (If-Match required)' })
  @ApiProblems(404, 409, 412, 422, 428)
  async update(@Param('id', uuid) id: string, @Body(JsonObjectPipe) body: Json, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const vhost = await this.vhosts.update(id, body, ifMatch);
    void reply.header('etag', etagOf(vhost.id, vhost.version));
    return vhost;
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('Admin')
  @ApiOperation({ summary: 'Delete a vhost (If-Match required); 409 while exclusions are scoped to it' })
  @ApiProblems(404, 409, 412, 428)
  async remove(@Param('id', uuid) id: string, @Headers('if-match') ifMatch: string | undefined) {
    await this.vhosts.remove(id, ifMatch);
  }

  @Get(':id/render')
  @ApiOperation({ summary: 'The vhost bundle as text/plain, or JSON with Accept: application/json or ?format=json' })
  @ApiProblems(404, 409, 422)
  async render(@Param('id', uuid) id: string, @Query() query: Json, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.db.unit(async (tx) => {
      const vhost = found(await readVhost(tx, id), 'Vhost');
      if (vhost.policyId === null) throw conflict('vhost-without-policy', 'The vhost has no policy, so it has no bundle.');
      const aggregate = await readAggregate(tx, (await readPolicy(tx, vhost.policyId))!);
      let bundle;
      try {
        bundle = this.bundles.render(tx.tenantId, vhost, aggregate);
      } catch (error) {
        if (!(error instanceof RenderError)) throw error;
        throw unprocessable('render-failed', 'The bundle cannot be rendered.', undefined, { violations: error.violations });
      }
      const deployed = await tx.one<{ sha256: string }>(
        sql`SELECT f.sha256 FROM waf.deployment_state s JOIN waf.deployment_files f ON f.tenant_id = s.tenant_id AND f.deployment_id = s.current_deployment_id
          WHERE s.tenant_id = ${tx.tenantId} AND f.path = ${`${vhostDirectory(vhost.domain)}/modsecurity.conf`}`,
      );
      return { vhost, policyRevision: aggregate.policy.version, bundle, deployedSha256: deployed?.sha256 ?? null };
    });
    void reply.header('etag', `"${result.bundle.sha256}"`);
    if (query.format === 'json' || (accept ?? '').includes('application/json')) {
      const { vhost, bundle, deployedSha256 } = result;
      return {
        vhostId: vhost.id,
        domain: vhost.domain,
        policyId: vhost.policyId,
        policyRevision: result.policyRevision,
        sha256: bundle.sha256,
        content: bundle.content,
        warnings: bundle.warnings,
        deployedSha256,
        pending: deployedSha256 !== bundle.sha256,
      };
    }
    void reply.type('text/plain; charset=utf-8');
    return result.bundle.content;
  }
}
