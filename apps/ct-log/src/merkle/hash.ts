import { createHash } from 'node:crypto';

/** RFC 6962 §2.1 hashing with SHA-256: domain-separated leaves (0x00) and interior nodes (0x01). */
export const HASH_SIZE = 32;

export function sha256(...parts: Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export const EMPTY_ROOT = sha256();

export function leafHash(leafInput: Uint8Array): Buffer {
  return sha256(LEAF_PREFIX, leafInput);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return sha256(NODE_PREFIX, left, right);
}

/** The largest power of two strictly below n (n ≥ 2): RFC 6962's split point. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH of a list of leaf hashes (in memory; used for tiles and tests). */
export function rootOfHashes(hashes: readonly Buffer[]): Buffer {
  if (hashes.length === 0) return EMPTY_ROOT;
  // Perfect subtrees left to right, largest first, folded from the right: RFC 6962's recursion without recursion.
  const subtrees: Buffer[] = [];
  let start = 0;
  let remaining = hashes.length;
  while (remaining > 0) {
    let size = 1;
    while (size * 2 <= remaining) size *= 2;
    subtrees.push(perfectRoot(hashes.slice(start, start + size)));
    start += size;
    remaining -= size;
  }
  return foldSubtrees(subtrees);
}

/** Root of a power-of-two run of hashes. */
export function perfectRoot(hashes: readonly Buffer[]): Buffer {
  let level = hashes.slice();
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(nodeHash(level[i], level[i + 1]));
    level = next;
  }
  return level[0];
}

/** Combines perfect subtree roots (left to right, decreasing sizes) into the root over all of them. */
export function foldSubtrees(subtrees: readonly Buffer[]): Buffer {
  if (subtrees.length === 0) return EMPTY_ROOT;
  let root = subtrees[subtrees.length - 1];
  for (let i = subtrees.length - 2; i >= 0; i--) root = nodeHash(subtrees[i], root);
  return root;
}
