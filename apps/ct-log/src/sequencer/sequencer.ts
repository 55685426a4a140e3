import { Injectable } from '@nestjs/common';
import { sql, StoreCommitOutcomeUnknownError, StoreConflictError, StoreTransientError } from '@lib/persistence';
import { createLogger } from '@lib/platform';
import { CtError } from '../common/ct-error';
import { type SignedHead, treeHeadSignatureInput } from '../formats/heads';
import { leafHash } from '../merkle/hash';
import type { RightEdge, TileUpdate } from '../merkle/tiles';
import type { LogRuntime } from '../logs/log-runtime';
import { CtDb, type CtTx } from '../store/ct-db';
import { currentHead, loadRightEdge } from '../store/tree-store';
import { CtMetrics } from '../common/ct-metrics';
import type { Sequenced } from './pending-leaf';
import type { PoolItem } from './submission-pool';

const ATTEMPTS = 3;
/** Rows per INSERT statement: under SQLite's bound-parameter limit. */
const INSERT_CHUNK = 500;

export class CorruptLogError extends Error {}
class HeadMovedError extends Error {}

interface BatchOutcome {
  readonly head: SignedHead;
  readonly edge: RightEdge;
  readonly completed: TileUpdate[];
  readonly results: Map<PoolItem, Sequenced>;
}

/**
 * The only writer of entries, tiles, heads and the audit projection (spec §4.4). The head row
 * lock serialises batches across replicas; the compare-and-swap on the head and the primary
 * keys make a batch built on stale state fail instead of forking the log.
 */
@Injectable()
export class Sequencer {
  private readonly log = createLogger('ct-sequencer');

  constructor(
    private readonly db: CtDb,
    private readonly metrics: CtMetrics,
  ) {}

  /** Commits one batch of a log's pool; resolves or rejects every item. */
  async commit(runtime: LogRuntime, items: PoolItem[]): Promise<void> {
    const started = process.hrtime.bigint();
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.db.forTenant(runtime.tenantId, (tx) => this.sequence(tx, runtime, items));
        runtime.adopt(outcome.head, outcome.edge);
        for (const tile of outcome.completed) runtime.fullTiles.set(`${tile.level}/${tile.index}`, Buffer.concat(tile.hashes));
        // Merge delay: from the entries' timestamp to the moment the head covering them is published.
        this.metrics.mergeDelay.observe(Math.max(0, Date.now() - outcome.head.timestampMs) / 1000);
        for (const item of items) item.resolve(outcome.results.get(item)!);
        this.metrics.batchEntries.observe(items.length);
        this.metrics.batchSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
        this.metrics.treeSize.set({ log: runtime.name }, outcome.head.treeSize);
        return;
      } catch (error) {
        runtime.dropTreeCache();
        if (error instanceof CorruptLogError) {
          runtime.state = 'corrupt';
          this.metrics.setState(runtime.name, 'corrupt');
          this.log.error({ log: runtime.name, err: error }, 'log is corrupt: its tiles do not hash to its signed root');
          const refusal = new CtError(503, 'corrupt', 'this log failed its integrity check');
          for (const item of items) item.reject(refusal);
          runtime.pool.failAll(refusal);
          return;
        }
        const retryable = error instanceof HeadMovedError || error instanceof StoreConflictError || error instanceof StoreTransientError;
        if (!retryable || attempt >= ATTEMPTS) {
          this.log.error({ log: runtime.name, err: error, attempt }, 'batch could not be committed');
          const refusal =
            error instanceof StoreCommitOutcomeUnknownError
              ? new CtError(503, 'outcomeUnknown', 'the connection failed while the batch was committing; resubmit: a sequenced certificate is answered with its SCT', { 'retry-after': '1' })
              : new CtError(503, 'unavailable', 'the log could not commit the submission; retry', { 'retry-after': '1' });
          for (const item of items) item.reject(refusal);
          return;
        }
      }
    }
  }

  private async sequence(tx: CtTx, runtime: LogRuntime, items: PoolItem[]): Promise<BatchOutcome> {
    await tx.sequencerSettings();
    const head = await currentHead(tx, runtime.logId, true);
    if (!head) throw new CorruptLogError(`log ${runtime.name} has no head`);
    const cached = runtime.edge && runtime.head && runtime.edge.size === head.treeSize && runtime.head.rootHash.equals(head.rootHash) ? runtime.edge : undefined;
    const base = cached ?? (await loadRightEdge(tx, runtime.logId, head));
    if (!base) throw new CorruptLogError(`the right-edge tiles of ${runtime.name} do not hash to the root of size ${head.treeSize}`);
    const edge = base.clone();

    const results = new Map<PoolItem, Sequenced>();
    const stored = await this.storedDuplicates(tx, runtime.logId, items);
    const fresh = items.filter((item) => !stored.has(item.key));
    if (fresh.length === 0) {
      for (const item of items) results.set(item, { ...stored.get(item.key)!, head, duplicate: true });
      return { head, edge, completed: [], results };
    }

    const timestampMs = Math.max(Date.now(), head.timestampMs + 1);
    const placed = fresh.map((item, k) => {
      const leafIndex = head.treeSize + k;
      const leafInput = item.leaf.build(leafIndex, timestampMs);
      return { item, leafIndex, leafInput, hash: leafHash(leafInput) };
    });
    const updates = edge.append(placed.map((p) => p.hash));
    const rootHash = edge.root();
    const newHead: SignedHead = {
      treeSize: edge.size,
      timestampMs,
      rootHash,
      signature: runtime.signer!.sign(treeHeadSignatureInput(timestampMs, edge.size, rootHash)),
    };

    const tenant = tx.tenantId;
    const logId = runtime.logId;
    for (let i = 0; i < placed.length; i += INSERT_CHUNK) {
      await tx.run(
        sql.insertMany(
          'ctlog.entries',
          placed.slice(i, i + INSERT_CHUNK).map((p) => ({
            tenant_id: tenant,
            log_id: logId,
            leaf_index: p.leafIndex,
            leaf_hash: p.hash,
            identity_hash: p.item.leaf.identityHash,
            timestamp_ms: timestampMs,
            leaf_input: p.leafInput,
            pre_certificate: p.item.leaf.preCertificate,
            chain: Buffer.concat(p.item.leaf.issuers.map((issuer) => issuer.fingerprint)),
            not_after: p.item.leaf.notAfter?.toISOString() ?? null,
          })),
        ),
      );
    }
    const issuers = new Map(placed.flatMap((p) => p.item.leaf.issuers.map((issuer) => [issuer.fingerprint.toString('hex'), issuer.der] as const)));
    if (issuers.size > 0) {
      const rows = [...issuers].map(([fingerprint, der]) => ({ tenant_id: tenant, fingerprint: Buffer.from(fingerprint, 'hex'), der }));
      await tx.run(sql`${sql.insertMany('ctlog.issuers', rows)} ON CONFLICT DO NOTHING`);
    }
    await tx.run(
      sql.insertMany(
        'ctlog.tiles',
        updates.map((u) => ({ tenant_id: tenant, log_id: logId, level: u.level, tile_index: u.index, width: u.hashes.length, hashes: Buffer.concat(u.hashes) })),
      ),
    );
    await tx.run(
      sql.insert('ctlog.sth', {
        tenant_id: tenant,
        log_id: logId,
        tree_size: newHead.treeSize,
        timestamp_ms: timestampMs,
        root_hash: rootHash,
        signature: newHead.signature,
        created_at: tx.now.toISOString(),
      }),
    );
    for (const p of placed) await p.item.leaf.project?.(tx, { logId, leafIndex: p.leafIndex, timestampMs, leafInput: p.leafInput });
    const swapped = await tx.run(sql`UPDATE ctlog.log_head SET tree_size = ${newHead.treeSize}, root_hash = ${rootHash}, timestamp_ms = ${timestampMs},
        signature = ${newHead.signature}, updated_at = ${tx.now.toISOString()}
      WHERE tenant_id = ${tenant} AND log_id = ${logId} AND tree_size = ${head.treeSize} AND root_hash = ${head.rootHash} AND timestamp_ms = ${head.timestampMs}`);
    if (swapped !== 1) throw new HeadMovedError(`the head of ${runtime.name} moved during the batch`);
    if (tx.pg) await tx.rows(sql`SELECT pg_notify('ctlog_head', ${logId})`);

    for (const p of placed) results.set(p.item, { leafIndex: p.leafIndex, leafInput: p.leafInput, head: newHead, duplicate: false });
    for (const item of items) if (stored.has(item.key)) results.set(item, { ...stored.get(item.key)!, head: newHead, duplicate: true });
    return { head: newHead, edge, completed: updates.filter((u) => u.hashes.length === 256), results };
  }

  /**
   * Items already stored (spec §4.4 step 4), keyed by identity: the same identity in this log, or
   * an issued event's certificate logged in another log of the tenant.
   */
  private async storedDuplicates(tx: CtTx, logId: string, items: PoolItem[]): Promise<Map<string, { leafIndex: number; leafInput: Buffer }>> {
    const rows = await tx.rows<Record<string, unknown>>(sql`SELECT identity_hash, leaf_index, leaf_input FROM ctlog.entries
      WHERE tenant_id = ${tx.tenantId} AND log_id = ${logId} AND identity_hash IN ${sql.list(items.map((item) => item.leaf.identityHash))}`);
    const stored = new Map(rows.map((row) => [(row.identity_hash as Buffer).toString('hex'), { leafIndex: Number(row.leaf_index), leafInput: row.leaf_input as Buffer }]));
    const certificates = new Map(items.filter((item) => item.leaf.certificate && !stored.has(item.key)).map((item) => [item.leaf.certificate!.toString('hex'), item.key]));
    if (certificates.size === 0) return stored;
    const logged = await tx.rows<Record<string, unknown>>(sql`SELECT c.fingerprint, e.leaf_index, e.leaf_input FROM ctlog.certificates c
      JOIN ctlog.entries e ON e.tenant_id = c.tenant_id AND e.log_id = c.log_id AND e.leaf_index = c.leaf_index
      WHERE c.tenant_id = ${tx.tenantId} AND c.fingerprint IN ${sql.list([...certificates.keys()].map((hex) => Buffer.from(hex, 'hex')))}`);
    for (const row of logged) stored.set(certificates.get((row.fingerprint as Buffer).toString('hex'))!, { leafIndex: Number(row.leaf_index), leafInput: row.leaf_input as Buffer });
    return stored;
  }
}
