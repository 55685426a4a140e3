import { sha256 } from '../merkle/hash';
import { ByteReader, MalformedStructureError, u24, u64, u8 } from './bytes';

/** Certificate lifecycle events, the leaves of `events` logs. */
export const EVENT_MAGIC = Buffer.from('CTEV', 'ascii');
export const EVENT_ISSUED = 1;
export const EVENT_REVOKED = 2;
export const CERT_TYPES = { client: 1, server: 2, intermediate: 3 } as const;
export type CertType = keyof typeof CERT_TYPES;

interface EventCommon {
  readonly timestampMs: number;
  readonly eventTimeMs: number;
  readonly certSha256: Buffer;
  readonly metadataCommitment: Buffer;
}

export interface IssuedEvent extends EventCommon {
  readonly type: typeof EVENT_ISSUED;
  readonly certType: number;
  readonly purpose: string;
  readonly certificate: Buffer;
}

export interface RevokedEvent extends EventCommon {
  readonly type: typeof EVENT_REVOKED;
  readonly reason: number;
  readonly issuedLeafIndex: number;
}

export type EventLeaf = IssuedEvent | RevokedEvent;

export const NO_METADATA = Buffer.alloc(32);

/** SHA-256(salt ‖ M), or 32 zero bytes when there is no private metadata. */
export function metadataCommitment(salt: Buffer | null, canonicalJson: Buffer | null): Buffer {
  return salt && canonicalJson ? sha256(salt, canonicalJson) : NO_METADATA;
}

export function encodeEventLeaf(event: EventLeaf): Buffer {
  const head = [EVENT_MAGIC, u8(1), u8(event.type), u64(event.timestampMs), u64(event.eventTimeMs), event.certSha256, event.metadataCommitment];
  if (event.type === EVENT_ISSUED) {
    const purpose = Buffer.from(event.purpose, 'utf8');
    return Buffer.concat([...head, u8(event.certType), u8(purpose.length), purpose, u24(event.certificate.length), event.certificate]);
  }
  return Buffer.concat([...head, u8(event.reason), u64(event.issuedLeafIndex)]);
}

/** True when the leaf is an EventLeaf this version understands; anything else is opaque. */
export function isEventLeaf(leafInput: Buffer): boolean {
  return leafInput.length >= 5 && leafInput.subarray(0, 4).equals(EVENT_MAGIC) && leafInput[4] === 1;
}

export function decodeEventLeaf(leafInput: Buffer): EventLeaf {
  const reader = new ByteReader(leafInput);
  if (!reader.take(4).equals(EVENT_MAGIC) || reader.uint(1) !== 1) throw new MalformedStructureError('not a CTEV v1 leaf');
  const type = reader.uint(1);
  const common = { timestampMs: reader.uint(8), eventTimeMs: reader.uint(8), certSha256: reader.take(32), metadataCommitment: reader.take(32) };
  if (type === EVENT_ISSUED) {
    const certType = reader.uint(1);
    if (certType < 1 || certType > 3) throw new MalformedStructureError(`unknown certificate type ${certType}`);
    const purpose = reader.take(reader.uint(1)).toString('utf8');
    const certificate = reader.u24Prefixed();
    reader.end('the issued event');
    if (!sha256(certificate).equals(common.certSha256)) throw new MalformedStructureError('cert_sha256 is not the hash of the certificate');
    return { type, ...common, certType, purpose, certificate };
  }
  if (type === EVENT_REVOKED) {
    const reason = reader.uint(1);
    const issuedLeafIndex = reader.uint(8);
    reader.end('the revoked event');
    return { type, ...common, reason, issuedLeafIndex };
  }
  throw new MalformedStructureError(`unknown event type ${type}`);
}

/** Identity hash of an event: SHA-256("CTEV" ‖ event_type ‖ cert_sha256). */
export function eventIdentityHash(type: number, certSha256: Buffer): Buffer {
  return sha256(EVENT_MAGIC, u8(type), certSha256);
}

/** Identity hash of a raw test-hook leaf: SHA-256(0xFF ‖ leaf). */
export function rawLeafIdentityHash(leaf: Buffer): Buffer {
  return sha256(u8(0xff), leaf);
}

/** Data tile entry of an `events` log: u24 len ‖ leaf_input. */
export function eventTileLeaf(leafInput: Buffer): Buffer {
  return Buffer.concat([u24(leafInput.length), leafInput]);
}
