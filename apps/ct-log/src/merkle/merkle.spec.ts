import { randomBytes } from 'node:crypto';
import { EMPTY_ROOT, leafHash, perfectRoot, rootOfHashes } from './hash';
import { consistencyProof, inclusionProof, type NodeSource } from './proofs';
import { parseTilePath, RightEdge, rightEdgeTiles, tileIndexPath, tilePath, tileWidth } from './tiles';
import { verifyConsistency, verifyInclusion } from './verify';

const hex = (h: string) => Buffer.from(h, 'hex');
const INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hex);
const LEAVES = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
  '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
  'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
  'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
];
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const N = {
  l1b: '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
  l1c: '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
  l1d: 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  l2b: '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
};

/** A NodeSource over leaf hashes held in memory: every perfect level precomputed once. */
function memorySource(leaves: readonly Buffer[]): NodeSource {
  const levels: Buffer[][] = [leaves.slice()];
  while (levels[levels.length - 1].length > 1) {
    const below = levels[levels.length - 1];
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < below.length; i += 2) next.push(perfectRoot([below[i], below[i + 1]]));
    levels.push(next);
  }
  return async (nodes) => nodes.map(({ level, index }) => levels[level][index]);
}

const randomLeaves = (n: number) => Array.from({ length: n }, () => leafHash(randomBytes(8)));
const toHex = (proof: Buffer[]) => proof.map((p) => p.toString('hex'));
const random = (below: number) => Math.floor(Math.random() * below);

function flipEveryBit(proof: Buffer[], check: (mutated: Buffer[]) => boolean): number {
  let accepted = 0;
  for (let p = 0; p < proof.length; p++) {
    for (let bit = 0; bit < 256; bit++) {
      const mutated = proof.map((h) => Buffer.from(h));
      mutated[p][bit >> 3] ^= 1 << (bit & 7);
      if (check(mutated)) accepted++;
    }
  }
  return accepted;
}

describe('RFC 6962 Merkle tree (conformance vectors)', () => {
  const leaves = INPUTS.map(leafHash);
  const source = memorySource(leaves);

  it('hashes leaves and roots as published', () => {
    expect(leaves.map((h) => h.toString('hex'))).toEqual(LEAVES);
    expect(EMPTY_ROOT.toString('hex')).toBe(ROOTS[0]);
    for (let n = 0; n <= 8; n++) expect(rootOfHashes(leaves.slice(0, n)).toString('hex')).toBe(ROOTS[n]);
  });

  it.each([
    [0, 1, []],
    [0, 8, [LEAVES[1], N.l1b, N.l2b]],
    [5, 8, [LEAVES[4], N.l1d, ROOTS[4]]],
    [2, 3, [ROOTS[2]]],
    [1, 5, [LEAVES[0], N.l1b, LEAVES[4]]],
  ] as Array<[number, number, string[]]>)('inclusion of leaf %d in size %d', async (index, size, expected) => {
    const proof = await inclusionProof(index, size, source);
    expect(toHex(proof)).toEqual(expected);
    expect(verifyInclusion(index, size, leaves[index], proof, hex(ROOTS[size]))).toBe(true);
  });

  it.each([
    [1, 1, []],
    [1, 8, [LEAVES[1], N.l1b, N.l2b]],
    [6, 8, [N.l1c, N.l1d, ROOTS[4]]],
    [2, 5, [N.l1b, LEAVES[4]]],
    [6, 7, [N.l1c, LEAVES[6], ROOTS[4]]],
  ] as Array<[number, number, string[]]>)('consistency %d → %d', async (first, second, expected) => {
    const proof = await consistencyProof(first, second, source);
    expect(toHex(proof)).toEqual(expected);
    expect(verifyConsistency(first, second, hex(ROOTS[first]), hex(ROOTS[second]), proof)).toBe(true);
  });

  it('accepts only the empty proof from size 0 and between equal sizes', async () => {
    expect(await consistencyProof(0, 8, source)).toEqual([]);
    expect(verifyConsistency(0, 8, EMPTY_ROOT, hex(ROOTS[8]), [])).toBe(true);
    expect(verifyConsistency(8, 8, hex(ROOTS[8]), hex(ROOTS[8]), [])).toBe(true);
    expect(verifyConsistency(8, 8, hex(ROOTS[8]), hex(ROOTS[8]), [hex(ROOTS[1])])).toBe(false);
    expect(verifyConsistency(8, 8, hex(ROOTS[8]), hex(ROOTS[7]), [])).toBe(false);
    expect(verifyConsistency(5, 4, hex(ROOTS[5]), hex(ROOTS[4]), [])).toBe(false);
  });
});

describe('Merkle proofs (property tests on random trees)', () => {
  const sizes = [1, 2, 3, 255, 256, 257, ...Array.from({ length: 6 }, () => 1 + random(3000))];

  it.each(sizes)('every inclusion proof verifies in a tree of %d leaves, and no other index or root is accepted', async (size) => {
    const leaves = randomLeaves(size);
    const source = memorySource(leaves);
    const root = rootOfHashes(leaves);
    for (let index = 0; index < size; index++) {
      const proof = await inclusionProof(index, size, source);
      expect(verifyInclusion(index, size, leaves[index], proof, root)).toBe(true);
      if (size > 1) expect(verifyInclusion((index + 1) % size, size, leaves[index], proof, root)).toBe(false);
    }
  });

  it.each(sizes)('consistency proofs between random sizes up to %d verify; shorter, longer and mutated ones fail', async (size) => {
    const leaves = randomLeaves(size);
    const source = memorySource(leaves);
    for (let round = 0; round < 100; round++) {
      const second = 1 + random(size);
      const first = 1 + random(second);
      const proof = await consistencyProof(first, second, source);
      const [r1, r2] = [rootOfHashes(leaves.slice(0, first)), rootOfHashes(leaves.slice(0, second))];
      expect(verifyConsistency(first, second, r1, r2, proof)).toBe(true);
      if (proof.length > 0) expect(verifyConsistency(first, second, r1, r2, proof.slice(0, -1))).toBe(false);
      expect(verifyConsistency(first, second, r1, r2, [...proof, r1])).toBe(false);
    }
  });

  it('rejects every single-bit mutation of inclusion and consistency proofs, and proofs one hash too short or long', async () => {
    for (let round = 0; round < 12; round++) {
      const size = 2 + random(3000);
      const leaves = randomLeaves(size);
      const source = memorySource(leaves);
      const root = rootOfHashes(leaves);
      const index = random(size);
      const inclusion = await inclusionProof(index, size, source);
      expect(flipEveryBit(inclusion, (mutated) => verifyInclusion(index, size, leaves[index], mutated, root))).toBe(0);
      expect(verifyInclusion(index, size, leaves[index], inclusion.slice(1), root)).toBe(false);
      expect(verifyInclusion(index, size, leaves[index], [...inclusion, root], root)).toBe(false);

      const first = 1 + random(size - 1);
      const oldRoot = rootOfHashes(leaves.slice(0, first));
      const consistency = await consistencyProof(first, size, source);
      expect(flipEveryBit(consistency, (mutated) => verifyConsistency(first, size, oldRoot, root, mutated))).toBe(0);
    }
  });
});

describe('tiles', () => {
  it('formats and parses tile paths canonically', () => {
    expect(tileIndexPath(0)).toBe('000');
    expect(tileIndexPath(1000)).toBe('x001/000');
    expect(tileIndexPath(1234067)).toBe('x001/x234/067');
    expect(tilePath(0, 5, 17)).toBe('tile/0/005.p/17');
    expect(tilePath('data', 1000)).toBe('tile/data/x001/000');
    expect(parseTilePath('data/x001/x234/067.p/9')).toEqual({ level: 'data', index: 1234067, width: 9 });
    expect(parseTilePath('1/000')).toEqual({ level: 1, index: 0, width: undefined });
    for (const bad of ['6/000', '0/00', '0/0000', '0/x000/001', '0/001/002', '0/001.p/0', '0/001.p/256', '0/001.p/07', '00/001', '0/1']) {
      expect(parseTilePath(bad)).toBeUndefined();
    }
  });

  it('sizes tiles as in the spec examples', () => {
    const at70000 = rightEdgeTiles(70000).filter((t) => t.width > 0);
    expect(at70000).toEqual([
      { level: 0, index: 273, width: 112 },
      { level: 1, index: 1, width: 17 },
      { level: 2, index: 0, width: 1 },
    ]);
    expect(tileWidth(0, 272, 70000)).toBe(256);
    expect(tileWidth(1, 0, 70000)).toBe(256);
    expect(tileWidth(0, 274, 70000)).toBe(0);
    expect(rightEdgeTiles(256).filter((t) => t.width > 0)).toEqual([{ level: 1, index: 0, width: 1 }]);
    expect(tileWidth(0, 0, 256)).toBe(256);
  });

  it('keeps the root and tiles of the right edge equal to the tree, appended in random batches', () => {
    const leaves = randomLeaves(70000);
    const edge = RightEdge.empty();
    const stored = new Map<string, Buffer[]>();
    let at = 0;
    while (at < leaves.length) {
      const batch = leaves.slice(at, at + 1 + random(700));
      for (const update of edge.append(batch)) stored.set(`${update.level}/${update.index}`, update.hashes);
      at += batch.length;
      if (random(20) === 0) expect(edge.root().equals(rootOfHashes(leaves.slice(0, at)))).toBe(true);
    }
    expect(edge.root().equals(rootOfHashes(leaves))).toBe(true);
    expect(stored.get('0/273')).toHaveLength(112);
    expect(stored.get('1/1')).toHaveLength(17);
    expect(stored.get('2/0')).toHaveLength(1);
    expect(stored.get('1/0')![5].equals(perfectRoot(leaves.slice(5 * 256, 6 * 256)))).toBe(true);
    expect(stored.get('2/0')![0].equals(perfectRoot(leaves.slice(0, 65536)))).toBe(true);

    const reloaded = RightEdge.fromTiles(
      70000,
      new Map([0, 1, 2].map((level) => [level, Buffer.concat(stored.get(`${level}/${level === 0 ? 273 : level === 1 ? 1 : 0}`)!)])),
    );
    expect(reloaded.root().equals(edge.root())).toBe(true);
  });
});
