import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, Roles } from '@lib/platform';
import { HUMAN_ROLES } from '../common/caller';
import { idParam } from '../common/problems';
import { VhostBundleView } from './render.dto';
import { VhostBundleService } from './vhost-bundle.service';

/** A vhost's bundle, rendered now. */
@ApiTags('vhosts')
@ApiExtraModels(VhostBundleView)
@Controller('api/v1/vhosts')
@Roles(...HUMAN_ROLES)
export class RenderController {
  constructor(private readonly bundles: VhostBundleService) {}

  @Get(':id/render')
  @ApiOperation({ summary: 'The vhost bundle as text/plain, or JSON with Accept: application/json or ?format=json' })
  @ApiQuery({ name: 'format', required: false, enum: ['json'] })
  @ApiProduces('text/plain', 'application/json')
  @ApiOkResponse({ content: { 'text/plain': { schema: { type: 'string' } }, 'application/json': { schema: { $ref: getSchemaPath(VhostBundleView) } } } })
  @ApiProblems(404, 409, 422)
  async render(
    @Param('id', idParam('Vhost')) id: string,
    @Query('format') format: unknown,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const rendered = await this.bundles.render(id);
    void reply.header('etag', `"${rendered.sha256}"`);
    if (format === 'json' || (accept ?? '').includes('application/json')) return rendered;
    void reply.type('text/plain; charset=utf-8');
    return rendered.content;
  }
}
