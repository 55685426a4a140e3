import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public } from '@lib/platform';
import { ApiCtErrors, ConsistencyView, EntriesView, EntryAndProofView, ProofByHashView, RootsView, SthView } from './ct-v1.dto';
import { CtError, malformed } from '../common/ct-error';
import { b64, decodeBase64Strict } from '../formats/base64';
import { getSthJson } from '../formats/heads';
import { ProofReader } from '../proofs/proof-reader';
import { extraData, issuersOf, readEntries } from './entries';
import { intParam, LogAccess, RawQuery } from './log-access';
import { leafIndexOfHash, rootCertificates } from '../store/log-reads';

type Query = Record<string, unknown>;

/** RFC 6962's reads under `/logs/<log>/ct/v1/`, for anyone (submissions: SubmissionsController). */
@ApiTags('ct/v1')
@Controller('logs/:log/ct/v1')
@Public()
export class CtV1Controller {
  constructor(
    private readonly access: LogAccess,
    private readonly proofs: ProofReader,
  ) {}

  @Get('get-sth')
  @ApiOperation({ summary: 'The current signed tree head' })
  @ApiOkResponse({ type: SthView })
  @ApiCtErrors(404, 503)
  async getSth(@Param('log') log: string) {
    const runtime = await this.access.runtime(log);
    return getSthJson(runtime.head!);
  }

  @Get('get-sth-consistency')
  @ApiOperation({ summary: 'Consistency proof between two tree sizes' })
  @ApiQuery({ name: 'first', required: true, schema: { type: 'integer', minimum: 0 } })
  @ApiQuery({ name: 'second', required: true, schema: { type: 'integer', minimum: 0 } })
  @ApiOkResponse({ type: ConsistencyView })
  @ApiCtErrors(400, 404, 503)
  getSthConsistency(@Param('log') log: string, @RawQuery() query: Query) {
    const first = intParam(query, 'first');
    const second = intParam(query, 'second');
    return this.access.read(
      log,
      async (runtime, tx) => {
        if (first > second) throw new CtError(400, 'secondBeforeFirst', 'first is larger than second');
        if (second > runtime.head!.treeSize) throw new CtError(400, 'secondUnknown', `second is larger than the tree (${runtime.head!.treeSize})`);
        return { consistency: (await this.proofs.consistency(tx, runtime, first, second)).map(b64) };
      },
      { edge: true },
    );
  }

  @Get('get-proof-by-hash')
  @ApiOperation({ summary: 'Inclusion proof for a leaf hash' })
  @ApiQuery({ name: 'hash', required: true, schema: { type: 'string', format: 'byte' }, description: 'The leaf hash, base64' })
  @ApiQuery({ name: 'tree_size', required: true, schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ type: ProofByHashView })
  @ApiCtErrors(400, 404, 503)
  getProofByHash(@Param('log') log: string, @RawQuery() query: Query) {
    const hash = typeof query.hash === 'string' ? decodeBase64Strict(query.hash) : undefined;
    if (hash?.length !== 32) throw malformed('hash must be the base64 of exactly 32 bytes');
    const treeSize = intParam(query, 'tree_size');
    return this.access.read(
      log,
      async (runtime, tx) => {
        if (treeSize === 0 || treeSize > runtime.head!.treeSize) throw new CtError(400, 'treeSizeUnknown', `tree_size must be 1…${runtime.head!.treeSize}`);
        const leafIndex = await leafIndexOfHash(tx, runtime.logId, hash, treeSize);
        if (leafIndex === undefined) throw new CtError(404, 'hashUnknown', 'no leaf with that hash in the tree of that size');
        return { leaf_index: leafIndex, audit_path: (await this.proofs.inclusion(tx, runtime, leafIndex, treeSize)).map(b64) };
      },
      { edge: true },
    );
  }

  @Get('get-entries')
  @ApiOperation({ summary: 'Entries start…end (inclusive), truncated to get_entries_max and the tree' })
  @ApiQuery({ name: 'start', required: true, schema: { type: 'integer', minimum: 0 } })
  @ApiQuery({ name: 'end', required: true, schema: { type: 'integer', minimum: 0 } })
  @ApiOkResponse({ type: EntriesView })
  @ApiCtErrors(400, 404, 503)
  getEntries(@Param('log') log: string, @RawQuery() query: Query) {
    const start = intParam(query, 'start');
    const end = intParam(query, 'end');
    return this.access.read(log, async (runtime, tx) => {
      if (end < start) throw new CtError(400, 'endBeforeStart', 'end is before start');
      const size = runtime.head!.treeSize;
      if (start >= size) throw new CtError(400, 'startUnknown', `start must be below the tree size (${size})`);
      const last = Math.min(end, start + runtime.record.config.get_entries_max - 1, size - 1);
      const entries = await readEntries(tx, runtime.logId, start, last + 1);
      const issuers = await issuersOf(tx, runtime, entries);
      return { entries: entries.map((e) => ({ leaf_input: b64(e.leafInput), extra_data: b64(extraData(runtime.record.kind, e, issuers)) })) };
    });
  }

  @Get('get-roots')
  @ApiOperation({ summary: 'Accepted root certificates' })
  @ApiOkResponse({ type: RootsView })
  @ApiCtErrors(404, 503)
  getRoots(@Param('log') log: string) {
    return this.access.read(log, async (runtime, tx) => ({ certificates: (await rootCertificates(tx, runtime.logId)).map(b64) }));
  }

  @Get('get-entry-and-proof')
  @ApiOperation({ summary: 'One entry and its inclusion proof in a tree size' })
  @ApiQuery({ name: 'leaf_index', required: true, schema: { type: 'integer', minimum: 0 } })
  @ApiQuery({ name: 'tree_size', required: true, schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({ type: EntryAndProofView })
  @ApiCtErrors(400, 404, 503)
  getEntryAndProof(@Param('log') log: string, @RawQuery() query: Query) {
    const leafIndex = intParam(query, 'leaf_index');
    const treeSize = intParam(query, 'tree_size');
    return this.access.read(
      log,
      async (runtime, tx) => {
        if (treeSize === 0 || treeSize > runtime.head!.treeSize) throw new CtError(400, 'treeSizeUnknown', `tree_size must be 1…${runtime.head!.treeSize}`);
        if (leafIndex >= treeSize) throw new CtError(400, 'startUnknown', 'leaf_index must be below tree_size');
        const [entry] = await readEntries(tx, runtime.logId, leafIndex, leafIndex + 1);
        const issuers = await issuersOf(tx, runtime, [entry]);
        return {
          leaf_input: b64(entry.leafInput),
          extra_data: b64(extraData(runtime.record.kind, entry, issuers)),
          audit_path: (await this.proofs.inclusion(tx, runtime, leafIndex, treeSize)).map(b64),
        };
      },
      { edge: true },
    );
  }
}
