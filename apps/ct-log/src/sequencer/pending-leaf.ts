import type { SignedHead } from '../formats/heads';
import type { CtTx } from '../store/ct-db';

/** Where a committed leaf sits, for the projection of `events` logs. */
export interface Placement {
  readonly logId: string;
  readonly leafIndex: number;
  readonly timestampMs: number;
  readonly leafInput: Buffer;
}

/** A leaf waiting to be sequenced: everything the batch needs to store it. */
export interface PendingLeaf {
  readonly identityHash: Buffer;
  /** An issued event's fingerprint: logged at most once per tenant, whichever log holds it. */
  readonly certificate?: Buffer;
  readonly lowPriority: boolean;
  /** The leaf_input at its position; the timestamp is the batch head's. */
  build(leafIndex: number, timestampMs: number): Buffer;
  readonly preCertificate: Buffer | null;
  readonly issuers: ReadonlyArray<{ readonly fingerprint: Buffer; readonly der: Buffer }>;
  readonly notAfter: Date | null;
  /** Audit projection rows, written inside the batch transaction. */
  project?(tx: CtTx, placement: Placement): Promise<void>;
}

/** What a submitter gets once its leaf is committed. */
export interface Sequenced {
  readonly leafIndex: number;
  readonly leafInput: Buffer;
  /** The head committed with the leaf (for a duplicate: the head current at the batch). */
  readonly head: SignedHead;
  /** The identity was already in the log: nothing new was written. */
  readonly duplicate: boolean;
}
