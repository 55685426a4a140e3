import { Injectable } from '@nestjs/common';
import { StoreCommitOutcomeUnknownError, StoreConflictError, StoreTransientError } from '@lib/persistence';
import { createLogger } from '@lib/platform';
import { CtError } from '../common/ct-error';
import { type SignedHead, treeHeadSignatureInput } from '../formats/heads';
import { leafHash } from '../merkle/hash';
import type { RightEdge, TileUpdate } from '../merkle/tiles';
import type { LogRuntime } from './log-runtime';
import { CtDb, type CtTx } from '../store/ct-db';
import { currentHead, loadRightEdge, storeBatch, storedLeaves, swapHead } from '../store/tree-store';
import { CtMetrics } from '../common/ct-metrics';
import type { Sequenced } from './pending-leaf';
import type { PoolItem } from './submission-pool';

const ATTEMPTS = 3;

export class CorruptLogError extends Error {}
class HeadMovedError extends Error {}

interface BatchOutcome {
  readonly head: SignedHead;
  readonly edge: RightEdge;
  readonly completed: TileUpdate[];
  readonly results: Map<PoolItem, Sequenced>;
}

/**
 * The only writer of entries, tiles, heads and the audit projection. The head row
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
        const outcome = await this.db.forLog(runtime.tenantId, (tx) => this.sequence(tx, runtime, items));
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
          runtime.markCorrupt();
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
              ? new CtError(
                  503,
                  'outcomeUnknown',
                  'the connection failed while the batch was committing; resubmit: a sequenced certificate is answered with its SCT',
                  { 'retry-after': '1' },
                )
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
    const cached =
      runtime.edge && runtime.head && runtime.edge.size === head.treeSize && runtime.head.rootHash.equals(head.rootHash) ? runtime.edge : undefined;
    const base = cached ?? (await loadRightEdge(tx, runtime.logId, head));
    if (!base) throw new CorruptLogError(`the right-edge tiles of ${runtime.name} do not hash to the root of size ${head.treeSize}`);
    const edge = base.clone();

    const results = new Map<PoolItem, Sequenced>();
    const leaves = await storedLeaves(
      tx,
      runtime.logId,
      items.map((item) => ({ identityHash: item.leaf.identityHash, certificate: item.leaf.certificate })),
    );
    const stored = new Map(items.flatMap((item, i) => (leaves[i] ? [[item.key, leaves[i]!] as const] : [])));
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

    const logId = runtime.logId;
    await storeBatch(tx, logId, {
      timestampMs,
      head: newHead,
      tiles: updates,
      entries: placed.map((p) => ({
        leafIndex: p.leafIndex,
        leafHash: p.hash,
        leafInput: p.leafInput,
        identityHash: p.item.leaf.identityHash,
        preCertificate: p.item.leaf.preCertificate,
        issuers: p.item.leaf.issuers,
        notAfter: p.item.leaf.notAfter,
      })),
    });
    for (const p of placed) await p.item.leaf.project?.(tx, { logId, leafIndex: p.leafIndex, timestampMs, leafInput: p.leafInput });
    if (!(await swapHead(tx, logId, head, newHead))) throw new HeadMovedError(`the head of ${runtime.name} moved during the batch`);

    for (const p of placed) results.set(p.item, { leafIndex: p.leafIndex, leafInput: p.leafInput, head: newHead, duplicate: false });
    for (const item of items) if (stored.has(item.key)) results.set(item, { ...stored.get(item.key)!, head: newHead, duplicate: true });
    return { head: newHead, edge, completed: updates.filter((u) => u.hashes.length === 256), results };
  }
}
