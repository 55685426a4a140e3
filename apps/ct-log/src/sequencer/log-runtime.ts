import { Lru } from '../common/lru';
import type { SignedHead } from '../formats/heads';
import type { LogPublicKey, LogSigner } from '../formats/log-key';
import type { LogRecord } from '../store/log-record';
import type { RightEdge } from '../merkle/tiles';
import { type PoolItem, SubmissionPool } from './submission-pool';

/** Stored state plus the runtime conditions the startup check decides. */
export type RuntimeState = 'starting' | 'ready' | 'corrupt' | 'key_unavailable';

/** Commits one batch of a runtime's pool (the sequencer). */
export type RuntimeCommitter = (runtime: LogRuntime, items: PoolItem[]) => Promise<void>;

/**
 * One log as this replica serves it: its record, key, the cached head with its right-edge tiles
 *, its submission pool, and caches of immutable tiles and issuers. Readers see it
 * through getters; every change goes through a method here, so the state a request, the
 * sequencer and the registry's tick share changes in one place, under one set of rules.
 */
export class LogRuntime {
  private condition: RuntimeState = 'starting';
  private key: LogSigner | undefined;
  private currentHead: SignedHead | undefined;
  /** The right edge of `head`; undefined until loaded. */
  private currentEdge: RightEdge | undefined;
  private finalSigned = false;
  readonly fullTiles = new Lru<Buffer>(512);
  readonly issuers = new Lru<Buffer>(2048);
  readonly pool: SubmissionPool;

  constructor(
    private current: LogRecord,
    readonly publicKey: LogPublicKey,
    commit: RuntimeCommitter,
  ) {
    this.pool = new SubmissionPool(
      () => this.current.config,
      (items) => commit(this, items),
    );
  }

  get record(): LogRecord {
    return this.current;
  }

  get state(): RuntimeState {
    return this.condition;
  }

  get signer(): LogSigner | undefined {
    return this.key;
  }

  get head(): SignedHead | undefined {
    return this.currentHead;
  }

  get edge(): RightEdge | undefined {
    return this.currentEdge;
  }

  /** Set once the final head after going read-only is signed: never re-signed again. */
  get finalHeadSigned(): boolean {
    return this.finalSigned;
  }

  get tenantId(): string {
    return this.current.tenantId;
  }

  get logId(): string {
    return this.current.id;
  }

  get name(): string {
    return this.current.name;
  }

  /** Checked (or just created): serves reads, and writes when it has its signing key. */
  serve(signer: LogSigner | undefined): void {
    this.key = signer;
    this.condition = signer ? 'ready' : 'key_unavailable';
  }

  /** Failed an integrity check: refused from now on. */
  markCorrupt(): void {
    this.condition = 'corrupt';
  }

  /** The stored record as last read (admin changes, the tick's poll, the read-only flip). */
  updateRecord(record: LogRecord): void {
    this.current = record;
  }

  markFinalHeadSigned(): void {
    this.finalSigned = true;
  }

  /** Adopts a committed head and its right edge (after COMMIT only). */
  adopt(head: SignedHead, edge: RightEdge | undefined): void {
    if (this.currentHead && head.treeSize < this.currentHead.treeSize) return;
    if (this.currentHead && head.treeSize === this.currentHead.treeSize && head.timestampMs <= this.currentHead.timestampMs) return;
    this.currentHead = head;
    if (edge && edge.size === head.treeSize) this.currentEdge = edge;
    else if (this.currentEdge?.size !== head.treeSize) this.currentEdge = undefined;
  }

  /** A right edge loaded for the current head. */
  adoptEdge(edge: RightEdge): void {
    if (this.currentHead?.treeSize === edge.size) this.currentEdge = edge;
  }

  /** Forgets cached tree state after a failed batch: the next use reloads it. */
  dropTreeCache(): void {
    this.currentEdge = undefined;
  }
}
