import type { SignedHead } from '../formats/heads';
import type { LogPublicKey, LogSigner } from '../formats/log-key';
import type { RightEdge } from '../merkle/tiles';
import type { SubmissionPool } from '../sequencer/submission-pool';
import type { LogRecord } from './log-record';

/** Stored state plus the runtime conditions of spec §4.8. */
export type RuntimeState = 'starting' | 'ready' | 'corrupt' | 'key_unavailable';

/** A small least-recently-used map for immutable things (full tiles, issuers). */
export class Lru<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }
}

/**
 * One log as this replica serves it: its record, key, the cached head with its right-edge tiles
 * (spec §4.9), the pool, and caches of immutable tiles and issuers.
 */
export class LogRuntime {
  state: RuntimeState = 'starting';
  signer: LogSigner | undefined;
  head: SignedHead | undefined;
  /** The right edge of `head`; undefined until loaded. */
  edge: RightEdge | undefined;
  /** Set once the final head after going read-only is signed: never re-signed again. */
  finalHeadSigned = false;
  readonly fullTiles = new Lru<Buffer>(512);
  readonly issuers = new Lru<Buffer>(2048);
  pool!: SubmissionPool;

  constructor(
    public record: LogRecord,
    readonly publicKey: LogPublicKey,
  ) {}

  get tenantId(): string {
    return this.record.tenantId;
  }

  get logId(): string {
    return this.record.id;
  }

  get name(): string {
    return this.record.name;
  }

  /** Adopts a committed head and its right edge (after COMMIT only). */
  adopt(head: SignedHead, edge: RightEdge | undefined): void {
    if (this.head && head.treeSize < this.head.treeSize) return;
    if (this.head && head.treeSize === this.head.treeSize && head.timestampMs <= this.head.timestampMs) return;
    this.head = head;
    if (edge && edge.size === head.treeSize) this.edge = edge;
    else if (this.edge?.size !== head.treeSize) this.edge = undefined;
  }

  /** Forgets cached tree state after a failed batch: the next use reloads it. */
  dropTreeCache(): void {
    this.edge = undefined;
  }
}
