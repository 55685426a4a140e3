import { sha256 } from '../merkle/hash';
import { b64 } from './base64';
import { ByteReader, MalformedStructureError, u16, u40, u64, u8, u24List, withU16Length, withU24Length } from './bytes';
import type { LogSigner } from './log-key';

export const X509_ENTRY = 0;
export const PRECERT_ENTRY = 1;
export type EntryType = typeof X509_ENTRY | typeof PRECERT_ENTRY;

/** static-ct-api `leaf_index` extension content: type 0, u16 length 5, 40-bit index (8 bytes). */
export function leafIndexExtension(index: number): Buffer {
  return Buffer.concat([u8(0), u16(5), u40(index)]);
}

/** x509: u24 len ‖ DER; precert: issuer_key_hash ‖ u24 len ‖ TBS. */
export function signedEntry(type: EntryType, body: { certificate: Buffer } | { issuerKeyHash: Buffer; tbs: Buffer }): Buffer {
  if (type === X509_ENTRY && 'certificate' in body) return withU24Length(body.certificate);
  if (type === PRECERT_ENTRY && 'tbs' in body) return Buffer.concat([body.issuerKeyHash, withU24Length(body.tbs)]);
  throw new Error('entry type and signed entry body disagree');
}

/** The dedup key: SHA-256(u16 entry_type ‖ signed_entry). */
export function identityHash(type: EntryType, entry: Buffer): Buffer {
  return sha256(u16(type), entry);
}

export function timestampedEntry(timestampMs: number, type: EntryType, entry: Buffer, index: number): Buffer {
  return Buffer.concat([u64(timestampMs), u16(type), entry, withU16Length(leafIndexExtension(index))]);
}

/** `MerkleTreeLeaf` v1 timestamped_entry: the leaf_input that is hashed. */
export function merkleTreeLeaf(timestampedEntryBytes: Buffer): Buffer {
  return Buffer.concat([u8(0), u8(0), timestampedEntryBytes]);
}

/** The TimestampedEntry inside a leaf_input (MerkleTreeLeaf minus version and leaf type). */
export function timestampedEntryOf(leafInput: Buffer): Buffer {
  return leafInput.subarray(2);
}

export function extraDataX509(chain: readonly Buffer[]): Buffer {
  return u24List(chain);
}

export function extraDataPrecert(precertificate: Buffer, chain: readonly Buffer[]): Buffer {
  return Buffer.concat([withU24Length(precertificate), u24List(chain)]);
}

/** static-ct-api TileLeaf: TimestampedEntry ‖ [precertificate] ‖ fingerprints of the chain. */
export function tileLeaf(leafInput: Buffer, precertificate: Buffer | null, chainFingerprints: Buffer): Buffer {
  const parts = [timestampedEntryOf(leafInput)];
  if (precertificate) parts.push(withU24Length(precertificate));
  parts.push(u16(chainFingerprints.length), chainFingerprints);
  return Buffer.concat(parts);
}

export interface ParsedLeaf {
  readonly timestampMs: number;
  readonly entryType: EntryType;
  readonly leafIndex: number;
  /** The signed_entry bytes. */
  readonly entry: Buffer;
}

/** Parses a `MerkleTreeLeaf` v1 with exactly the static-ct-api `leaf_index` extension. */
export function parseMerkleTreeLeaf(leafInput: Buffer): ParsedLeaf {
  const reader = new ByteReader(leafInput);
  if (reader.uint(1) !== 0 || reader.uint(1) !== 0) throw new MalformedStructureError('not a v1 timestamped_entry MerkleTreeLeaf');
  const timestampMs = reader.uint(8);
  const entryType = reader.uint(2);
  const start = reader.offset;
  if (entryType === X509_ENTRY) reader.u24Prefixed();
  else if (entryType === PRECERT_ENTRY) {
    reader.take(32);
    reader.u24Prefixed();
  } else throw new MalformedStructureError(`unknown entry type ${entryType}`);
  const entry = leafInput.subarray(start, reader.offset);
  const extensions = new ByteReader(reader.u16Prefixed());
  reader.end('the MerkleTreeLeaf');
  if (extensions.uint(1) !== 0) throw new MalformedStructureError('the extension is not leaf_index');
  const content = extensions.u16Prefixed();
  extensions.end('the leaf_index extension');
  if (content.length !== 5) throw new MalformedStructureError('leaf_index is not 40 bits');
  return { timestampMs, entryType, leafIndex: content.readUIntBE(0, 5), entry };
}

/** Checks that extra_data is well-formed for the entry type (lists of u24-prefixed certificates). */
export function checkExtraData(entryType: EntryType, extraData: Buffer): void {
  const reader = new ByteReader(extraData);
  if (entryType === PRECERT_ENTRY) reader.u24Prefixed();
  const chain = new ByteReader(reader.u24Prefixed());
  reader.end('extra_data');
  while (!chain.done) chain.u24Prefixed();
}

/** RFC 6962 SCT JSON, built from a stored leaf. */
export interface SctJson {
  sct_version: 0;
  id: string;
  timestamp: number;
  extensions: string;
  signature: string;
}

export function sctSignatureInput(leafInput: Buffer): Buffer {
  return Buffer.concat([u8(0), u8(0), timestampedEntryOf(leafInput)]);
}

export function sctFor(signer: LogSigner, leafInput: Buffer): SctJson {
  const leaf = parseMerkleTreeLeaf(leafInput);
  return {
    sct_version: 0,
    id: b64(signer.logId),
    timestamp: leaf.timestampMs,
    extensions: b64(leafIndexExtension(leaf.leafIndex)),
    signature: b64(signer.sign(sctSignatureInput(leafInput))),
  };
}
