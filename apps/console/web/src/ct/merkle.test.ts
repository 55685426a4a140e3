import { describe, expect, it } from 'vitest';
import { leafHash, nodeHash, verifyInclusion } from './merkle';

/** The RFC 6962 root of leaves, and each leaf's audit path, computed the slow way. */
async function tree(leaves: Uint8Array[]): Promise<{ root: Uint8Array; path: (index: number) => Promise<Uint8Array[]> }> {
  const mth = async (items: Uint8Array[]): Promise<Uint8Array> => {
    if (items.length === 1) return leafHash(items[0]);
    let k = 1;
    while (k * 2 < items.length) k *= 2;
    return nodeHash(await mth(items.slice(0, k)), await mth(items.slice(k)));
  };
  const path = async (index: number, items: Uint8Array[]): Promise<Uint8Array[]> => {
    if (items.length === 1) return [];
    let k = 1;
    while (k * 2 < items.length) k *= 2;
    return index < k
      ? [...(await path(index, items.slice(0, k))), await mth(items.slice(k))]
      : [...(await path(index - k, items.slice(k))), await mth(items.slice(0, k))];
  };
  return { root: await mth(leaves), path: (index) => path(index, leaves) };
}

describe('verifyInclusion', () => {
  it('proves every leaf of trees of every size up to 17, and nothing else', async () => {
    for (let size = 1; size <= 17; size++) {
      const leaves = Array.from({ length: size }, (_, i) => Uint8Array.of(i, size));
      const { root, path } = await tree(leaves);
      for (let index = 0; index < size; index++) {
        const proof = await path(index);
        expect(await verifyInclusion(leaves[index], index, size, proof, root)).toBe(true);
        if (size > 1) {
          expect(await verifyInclusion(leaves[index], (index + 1) % size, size, proof, root)).toBe(false);
          const tampered = proof.map((node, at) => (at === 0 ? node.map((byte, i) => (i === 0 ? byte ^ 1 : byte)) : node));
          expect(await verifyInclusion(leaves[index], index, size, tampered, root)).toBe(false);
        }
      }
    }
  });

  it('refuses an index outside the tree', async () => {
    const { root } = await tree([Uint8Array.of(1)]);
    expect(await verifyInclusion(Uint8Array.of(1), 1, 1, [], root)).toBe(false);
  });
});
