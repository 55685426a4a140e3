import { gzipSync } from 'node:zlib';
import { Controller, Get, Headers, Param, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@lib/platform';
import { ApiCtErrors, HeadsView, LogMetadata } from './ct-v1.dto';
import { malformed, notFound } from '../common/ct-error';
import { b64 } from '../formats/base64';
import { checkpointText, getSthJson } from '../formats/heads';
import { parseTilePath, TILE_WIDTH, tileWidth } from '../merkle/tiles';
import { readTiles } from '../store/tree-store';
import { dataTile, readEntries } from './entries';
import { intParam, LogAccess, RawQuery } from './log-access';
import { headsAfter, issuerCertificate } from '../store/log-reads';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const PARTIAL = 'public, max-age=60';

/** static-ct-api checkpoint, tiles and issuers, plus our metadata and head history. */
@ApiTags('static-ct-api')
@Controller('logs/:log')
@Public()
export class StaticController {
  constructor(private readonly access: LogAccess) {}

  @Get('checkpoint')
  @ApiOperation({ summary: 'The current head as a C2SP signed note' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The checkpoint', schema: { type: 'string' } })
  @ApiCtErrors(404, 503)
  async checkpoint(@Param('log') log: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const runtime = await this.access.runtime(log);
    void reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'public, max-age=1');
    return checkpointText(runtime.record.origin, runtime.publicKey.logId, runtime.head!);
  }

  @Get('tile/*')
  @ApiOperation({ summary: 'A Merkle tile tile/<L>/<N>[.p/<W>] or data tile tile/data/<N>[.p/<W>]' })
  @ApiParam({ name: 'path', description: 'The tile path after tile/, e.g. 0/x001/234 or data/000.p/7', schema: { type: 'string' } })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The tile bytes', schema: { type: 'string', format: 'binary' } })
  @ApiCtErrors(404, 503)
  tile(@Param('log') log: string, @Req() incoming: FastifyRequest, @Headers('accept-encoding') acceptEncoding: string | undefined, @Res() reply: FastifyReply) {
    // Fastify names the wildcard `*`; the document names it `path`.
    const request = parseTilePath((incoming.params as Record<string, string | undefined>)['*'] ?? '');
    if (!request) throw notFound('not a canonical tile path');
    return this.access.read(
      log,
      async (runtime, tx) => {
        const size = runtime.head!.treeSize;
        const current = tileWidth(request.level === 'data' ? 0 : request.level, request.index, size);
        const width = request.width ?? TILE_WIDTH;
        if (current === 0 || width > current) throw notFound('no such tile at the current tree size');
        void reply.header('content-type', 'application/octet-stream').header('cache-control', request.width === undefined ? IMMUTABLE : PARTIAL);
        if (request.level === 'data') {
          const entries = await readEntries(tx, runtime.logId, request.index * TILE_WIDTH, request.index * TILE_WIDTH + width);
          const bytes = dataTile(runtime.record.kind, entries);
          if (/\bgzip\b/.test(acceptEncoding ?? '')) return reply.header('content-encoding', 'gzip').send(gzipSync(bytes));
          return reply.send(bytes);
        }
        const level = request.level;
        const hashes = (await readTiles(tx, runtime.logId, runtime.edge!, runtime.fullTiles, [{ level, index: request.index }])).tiles.get(
          `${level}/${request.index}`,
        );
        if (!hashes) throw notFound('tile not stored');
        return reply.send(hashes.subarray(0, width * 32));
      },
      { edge: true },
    );
  }

  @Get('issuer/:fingerprint')
  @ApiOperation({ summary: 'An issuer certificate referenced by entries, by lowercase SHA-256 hex' })
  @ApiProduces('application/pkix-cert')
  @ApiOkResponse({ description: 'The certificate, DER', schema: { type: 'string', format: 'binary' } })
  @ApiCtErrors(404, 503)
  issuer(@Param('log') log: string, @Param('fingerprint') fingerprint: string, @Res({ passthrough: true }) reply: FastifyReply) {
    if (!/^[0-9a-f]{64}$/.test(fingerprint)) throw notFound('issuers are named by lowercase SHA-256 hex');
    return this.access.read(log, async (_runtime, tx) => {
      const der = await issuerCertificate(tx, Buffer.from(fingerprint, 'hex'));
      if (!der) throw notFound('unknown issuer');
      void reply.header('content-type', 'application/pkix-cert').header('cache-control', IMMUTABLE);
      return der;
    });
  }

  @Get('metadata')
  @ApiOperation({ summary: 'Log description, key and state (served even when the log is corrupt)' })
  @ApiOkResponse({ type: LogMetadata })
  @ApiCtErrors(404)
  async metadata(@Param('log') log: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const runtime = await this.access.runtime(log, { evenIfCorrupt: true });
    const record = runtime.record;
    const base = `${this.access.registry.publicBaseUrl}/logs/${record.name}`;
    void reply.header('cache-control', 'public, max-age=60');
    return {
      name: record.name,
      kind: record.kind,
      description: record.description,
      origin: record.origin,
      log_id: b64(runtime.publicKey.logId),
      key: b64(record.publicKey),
      mmd: 60,
      state: runtime.state === 'ready' ? record.state : runtime.state,
      tree_size: runtime.head?.treeSize ?? null,
      temporal_interval: record.notAfterStart
        ? { start_inclusive: record.notAfterStart.toISOString(), end_exclusive: record.notAfterLimit!.toISOString() }
        : null,
      submission_url: `${base}/ct/v1/`,
      monitoring_url: `${base}/`,
    };
  }

  @Get('heads')
  @ApiOperation({ summary: 'Head history: the first head signed at each size, ascending' })
  @ApiQuery({
    name: 'after',
    required: false,
    schema: { type: 'integer', minimum: -1 },
    description: 'Heads with a larger tree size (next_after of the previous page)',
  })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000, default: 1000 } })
  @ApiOkResponse({ type: HeadsView })
  @ApiCtErrors(400, 404, 503)
  heads(@Param('log') log: string, @RawQuery() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const after = query.after === undefined ? -1 : intParam(query, 'after');
    const limit = intParam(query, 'limit', 1000);
    if (limit < 1 || limit > 1000) throw malformed('limit must be 1…1000');
    return this.access.read(log, async (runtime, tx) => {
      void reply.header('cache-control', 'no-cache');
      const heads = (await headsAfter(tx, runtime.logId, after, limit)).map(getSthJson);
      return { heads, next_after: heads.length > 0 ? heads[heads.length - 1].tree_size : null };
    });
  }
}
