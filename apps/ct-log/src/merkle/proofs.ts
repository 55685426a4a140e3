import { foldSubtrees, splitPoint } from './hash';

/** A half-open leaf range [start, end) whose MTH a proof carries. */
export type LeafRange = readonly [start: number, end: number];

/** A perfect subtree: 2^level leaves starting at index·2^level. */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** Where proofs get perfect subtree hashes from (tiles, memory); one call per proof so reads batch. */
export type NodeSource = (nodes: readonly NodeId[]) => Promise<Buffer[]>;

/** RFC 6962 §2.1.1 PATH(m, D[0:n]) as the ranges it hashes, leaf side first. */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  const topDown: LeafRange[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      topDown.push([start + k, end]);
      end = start + k;
    } else {
      topDown.push([start, start + k]);
      start += k;
    }
  }
  return topDown.reverse();
}

/** RFC 6962 §2.1.2 PROOF(m, D[0:n]) as the ranges it hashes, smallest first. */
export function consistencyRanges(first: number, second: number): LeafRange[] {
  if (first === 0 || first === second) return [];
  const topDown: LeafRange[] = [];
  let start = 0;
  let end = second;
  let m = first;
  let complete = true;
  for (;;) {
    const n = end - start;
    if (m === n) {
      if (!complete) topDown.push([start, end]);
      break;
    }
    const k = splitPoint(n);
    if (m <= k) {
      topDown.push([start + k, end]);
      end = start + k;
    } else {
      topDown.push([start, start + k]);
      start += k;
      m -= k;
      complete = false;
    }
  }
  return topDown.reverse();
}

/** The perfect subtrees whose fold is MTH(D[start:end]), left to right (ranges from the two functions above). */
export function perfectNodes([start, end]: LeafRange): NodeId[] {
  const nodes: NodeId[] = [];
  let at = start;
  while (at < end) {
    let level = 0;
    // The largest aligned power of two that starts at `at` and fits.
    while (at % 2 ** (level + 1) === 0 && at + 2 ** (level + 1) <= end) level++;
    nodes.push({ level, index: at / 2 ** level });
    at += 2 ** level;
  }
  return nodes;
}

/** The hashes of `ranges`, reading every perfect node they need in one call to `source`. */
export async function rangeHashes(ranges: readonly LeafRange[], source: NodeSource): Promise<Buffer[]> {
  const perRange = ranges.map(perfectNodes);
  const hashes = await source(perRange.flat());
  let at = 0;
  return perRange.map((nodes) => {
    const subtrees = hashes.slice(at, at + nodes.length);
    at += nodes.length;
    return foldSubtrees(subtrees);
  });
}

export function inclusionProof(index: number, size: number, source: NodeSource): Promise<Buffer[]> {
  return rangeHashes(inclusionRanges(index, size), source);
}

export function consistencyProof(first: number, second: number, source: NodeSource): Promise<Buffer[]> {
  return rangeHashes(consistencyRanges(first, second), source);
}
