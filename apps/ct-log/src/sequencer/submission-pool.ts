import { randomInt } from 'node:crypto';
import { CtError } from '../common/ct-error';
import type { LogConfig } from '../store/log-record';
import type { PendingLeaf, Sequenced } from './pending-leaf';

export interface PoolItem {
  readonly leaf: PendingLeaf;
  readonly key: string;
  readonly admittedAt: number;
  /** Items of one group are flushed together (one bulk revoke's share, one test-hook call). */
  readonly group: object;
  inTransaction: boolean;
  readonly done: Promise<Sequenced>;
  resolve(value: Sequenced): void;
  reject(error: unknown): void;
}

/** Commits a batch: resolves or rejects every item it was given. */
export type BatchCommitter = (items: PoolItem[]) => Promise<void>;

export function poolFull(config: LogConfig): CtError {
  const [low, high] = config.retry_after_s;
  return new CtError(503, 'poolFull', 'the submission pool is full; retry later', { 'retry-after': String(randomInt(low, high + 1)) });
}

/**
 * One replica's admitted, uncommitted leaves for one log: FIFO, one flush at a time,
 * by group commit. A batch starts as soon as the previous commit ends and anything is pending, so
 * a batch is whatever arrived during the last commit (up to `batch_max_size`); a lone submission
 * on an idle log is committed at once, well inside `batch_max_age_ms`.
 */
export class SubmissionPool {
  private readonly pending: PoolItem[] = [];
  private readonly byKey = new Map<string, PoolItem>();
  /** The batch being committed, if any: `close` waits for it. */
  private flushing: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly config: () => LogConfig,
    private readonly commit: BatchCommitter,
  ) {}

  get size(): number {
    return this.pending.length;
  }

  /** The caller's wait for an identical leaf already pending, if any. */
  waiting(identityHash: Buffer): Promise<Sequenced> | undefined {
    return this.byKey.get(identityHash.toString('hex'))?.done;
  }

  /** Admits leaves as one group; 503 poolFull when there is no room (after evicting low priority). */
  admit(leaves: readonly PendingLeaf[]): Array<Promise<Sequenced>> {
    const config = this.config();
    const fresh = leaves.filter((leaf) => !this.byKey.has(leaf.identityHash.toString('hex')));
    const overflow = this.pending.length + fresh.length - config.pool_size;
    if (overflow > 0) this.evictLowPriority(overflow, fresh, config);
    const group = {};
    for (const leaf of fresh) {
      let resolve!: (value: Sequenced) => void;
      let reject!: (error: unknown) => void;
      const done = new Promise<Sequenced>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      done.catch(() => undefined);
      const item: PoolItem = { leaf, key: leaf.identityHash.toString('hex'), admittedAt: Date.now(), group, inTransaction: false, done, resolve, reject };
      this.pending.push(item);
      this.byKey.set(item.key, item);
    }
    this.schedule();
    return leaves.map((leaf) => this.byKey.get(leaf.identityHash.toString('hex'))!.done);
  }

  /** Rejects everything pending (the log became corrupt or the service stops). */
  failAll(error: unknown): void {
    for (const item of this.pending.splice(0)) {
      this.byKey.delete(item.key);
      item.reject(error);
    }
  }

  /**
   * Once the server has stopped answering: lets the batch being committed finish, then refuses
   * what is left (items whose callers already timed out) instead of committing into a closing store.
   */
  async close(refusal: unknown): Promise<void> {
    this.closed = true;
    await this.flushing;
    this.failAll(refusal);
  }

  private evictLowPriority(needed: number, newcomers: readonly PendingLeaf[], config: LogConfig): void {
    if (newcomers.some((leaf) => leaf.lowPriority)) throw poolFull(config);
    const victims: PoolItem[] = [];
    for (let i = this.pending.length - 1; i >= 0 && victims.length < needed; i--) {
      const item = this.pending[i];
      if (item.leaf.lowPriority && !item.inTransaction && this.pending.every((other) => other.group !== item.group || other === item)) victims.push(item);
    }
    if (victims.length < needed) throw poolFull(config);
    for (const victim of victims) {
      this.pending.splice(this.pending.indexOf(victim), 1);
      this.byKey.delete(victim.key);
      victim.reject(poolFull(config));
    }
  }

  private schedule(): void {
    if (this.closed || this.flushing || this.pending.length === 0) return;
    this.flushing = this.flush();
  }

  /** Never rejects: the committer settles every item, and what it throws is the items' outcome. */
  private async flush(): Promise<void> {
    try {
      const config = this.config();
      let take = Math.min(config.batch_max_size, this.pending.length);
      // A group is never split: extend the batch to the end of the last item's group.
      while (take < this.pending.length && this.pending[take].group === this.pending[take - 1].group) take++;
      const batch = this.pending.slice(0, take);
      for (const item of batch) item.inTransaction = true;
      try {
        await this.commit(batch);
      } catch (error) {
        for (const item of batch) item.reject(error);
      } finally {
        for (const item of batch) {
          const at = this.pending.indexOf(item);
          if (at >= 0) this.pending.splice(at, 1);
          this.byKey.delete(item.key);
        }
      }
    } finally {
      this.flushing = undefined;
      this.schedule();
    }
  }
}
