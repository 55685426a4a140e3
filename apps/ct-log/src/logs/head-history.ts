import { type SignedHead, verifyHead } from '../formats/heads';
import type { LogPublicKey } from '../formats/log-key';

export type DivergenceKind =
  | 'key_mismatch'
  | 'sth_signature_invalid'
  | 'checkpoint_mismatch'
  | 'head_order_invalid'
  | 'entries_missing'
  | 'malformed_leaf'
  | 'leaf_index_mismatch'
  | 'timestamp_regression'
  | 'event_reference_invalid'
  | 'leaf_hash_mismatch'
  | 'tile_mismatch'
  | 'root_mismatch'
  | 'consistency_proof_invalid'
  | 'inclusion_proof_invalid';

export interface Divergence {
  kind: DivergenceKind;
  leaf_index?: number;
  tree_size?: number;
  level?: number;
  tile_index?: number;
  /** What the verifier recomputed from the entries: the value an auditor trusts. */
  computed?: string;
  /** What the log serves (a tile, a head's root) in its place. */
  served?: string;
  message: string;
}

export const hex = (bytes: Buffer | undefined) => bytes?.toString('hex');

/**
 * The checks of a log's signed-head history, shared by the auditor (`ctlog verify`, over HTTP)
 * and the full startup check (over the store): every head's signature, strictly increasing size
 * and timestamp, and each head's root against the tree recomputed from the entries.
 */
export class HeadHistory {
  private readonly bySize = new Map<number, SignedHead>();
  private last: SignedHead | undefined;

  constructor(
    private readonly key: LogPublicKey,
    private readonly diverge: (divergence: Divergence) => void,
  ) {}

  /** The next head of the history, in order of size. */
  add(head: SignedHead): void {
    if (!verifyHead(this.key, head))
      this.diverge({ kind: 'sth_signature_invalid', tree_size: head.treeSize, message: `history head ${head.treeSize} signature does not verify` });
    if (this.last && (head.treeSize <= this.last.treeSize || head.timestampMs <= this.last.timestampMs)) {
      this.diverge({ kind: 'head_order_invalid', tree_size: head.treeSize, message: 'history heads must strictly increase in size and timestamp' });
    }
    this.bySize.set(head.treeSize, head);
    this.last = head;
  }

  /** The current head must be in the history, with the same root. */
  includes(current: SignedHead): void {
    const same = this.bySize.get(current.treeSize);
    if (!same || !same.rootHash.equals(current.rootHash))
      this.diverge({ kind: 'root_mismatch', tree_size: current.treeSize, message: 'no history head with the current size and root' });
  }

  /** The root recomputed from the first `size` entries (asked only where a head has that size) against that head's. */
  rootAt(size: number, recompute: () => Buffer): void {
    const head = this.bySize.get(size);
    if (!head) return;
    const computed = recompute();
    if (!computed.equals(head.rootHash))
      this.diverge({
        kind: 'root_mismatch',
        tree_size: size,
        computed: hex(computed),
        served: hex(head.rootHash),
        message: `entries do not hash to the root of head ${size}`,
      });
  }
}
