import { sha256 } from '../merkle/hash';
import { b64, decodeBase64Strict } from './base64';
import { u64, u8 } from './bytes';
import type { LogPublicKey } from './log-key';

/** A signed tree head as stored and served. */
export interface SignedHead {
  readonly treeSize: number;
  readonly timestampMs: number;
  readonly rootHash: Buffer;
  /** `DigitallySigned` over `treeHeadSignatureInput`. */
  readonly signature: Buffer;
}

/** RFC 6962 `TreeHeadSignature` (50 bytes): v1, tree_hash, timestamp, size, root. */
export function treeHeadSignatureInput(timestampMs: number, treeSize: number, rootHash: Buffer): Buffer {
  return Buffer.concat([u8(0), u8(1), u64(timestampMs), u64(treeSize), rootHash]);
}

export function getSthJson(head: SignedHead): { tree_size: number; timestamp: number; sha256_root_hash: string; tree_head_signature: string } {
  return { tree_size: head.treeSize, timestamp: head.timestampMs, sha256_root_hash: b64(head.rootHash), tree_head_signature: b64(head.signature) };
}

/** The get-sth JSON back into a head; undefined when any field is malformed. */
export function headFromJson(json: unknown): SignedHead | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const value = json as Record<string, unknown>;
  const rootHash = decodeBase64Strict(value.sha256_root_hash);
  const signature = decodeBase64Strict(value.tree_head_signature);
  if (!Number.isSafeInteger(value.tree_size) || !Number.isSafeInteger(value.timestamp) || rootHash?.length !== 32 || !signature) return undefined;
  return { treeSize: value.tree_size as number, timestampMs: value.timestamp as number, rootHash, signature };
}

export function verifyHead(key: LogPublicKey, head: SignedHead): boolean {
  return key.verify(treeHeadSignatureInput(head.timestampMs, head.treeSize, head.rootHash), head.signature);
}

/** C2SP signed-note key id: SHA-256(origin ‖ 0x0A ‖ 0x05 ‖ LogID)[0:4]. */
export function checkpointKeyId(origin: string, logId: Buffer): Buffer {
  return sha256(Buffer.from(origin, 'utf8'), Buffer.from([0x0a, 0x05]), logId).subarray(0, 4);
}

/** The static-ct-api checkpoint of a head. */
export function checkpointText(origin: string, logId: Buffer, head: SignedHead): string {
  const note = Buffer.concat([checkpointKeyId(origin, logId), u64(head.timestampMs), head.signature]);
  return `${origin}\n${head.treeSize}\n${b64(head.rootHash)}\n\n\u2014 ${origin} ${b64(note)}\n`;
}

/** A checkpoint back into a head, checking its shape and key id; undefined when it is not one. */
export function headFromCheckpoint(text: string, origin: string, logId: Buffer): SignedHead | undefined {
  const match = /^([^\n]+)\n(0|[1-9][0-9]{0,15})\n([A-Za-z0-9+/=]+)\n\n\u2014 ([^ \n]+) ([A-Za-z0-9+/=]+)\n$/.exec(text);
  if (!match || match[1] !== origin || match[4] !== origin) return undefined;
  const rootHash = decodeBase64Strict(match[3]);
  const note = decodeBase64Strict(match[5]);
  if (rootHash?.length !== 32 || !note || note.length < 16) return undefined;
  if (!note.subarray(0, 4).equals(checkpointKeyId(origin, logId))) return undefined;
  return { treeSize: Number(match[2]), timestampMs: Number(note.readBigUInt64BE(4)), rootHash, signature: note.subarray(12) };
}
