import { EMPTY_ROOT, foldSubtrees, perfectRoot } from './hash';

/** static-ct-api tiles: 8 Merkle levels per tile level, 256 hashes per full tile. */
export const TILE_WIDTH = 256;
export const TILE_HEIGHT = 8;
export const MAX_TILE_LEVEL = 5;

/** Width of tile (level, index) at tree size `size`: 256 when full, 0 when it does not exist. */
export function tileWidth(level: number, index: number, size: number): number {
  const hashes = Math.floor(size / TILE_WIDTH ** level);
  return Math.max(0, Math.min(TILE_WIDTH, hashes - TILE_WIDTH * index));
}

/** The right-edge (partial) tile of each level at `size`: index and width (width 0 = none). */
export function rightEdgeTiles(size: number): Array<{ level: number; index: number; width: number }> {
  const out = [];
  for (let level = 0; level <= MAX_TILE_LEVEL; level++) {
    const hashes = Math.floor(size / TILE_WIDTH ** level);
    out.push({ level, index: Math.floor(hashes / TILE_WIDTH), width: hashes % TILE_WIDTH });
  }
  return out;
}

/** `N` as a tile path: zero-padded to a multiple of 3 digits, 3-digit groups, all but the last prefixed `x`. */
export function tileIndexPath(index: number): string {
  let digits = String(index);
  digits = digits.padStart(Math.ceil(digits.length / 3) * 3, '0');
  const groups = digits.match(/.{3}/g)!;
  return groups.map((group, i) => (i < groups.length - 1 ? `x${group}` : group)).join('/');
}

export function tilePath(level: number | 'data', index: number, width?: number): string {
  return `tile/${level}/${tileIndexPath(index)}${width !== undefined && width < TILE_WIDTH ? `.p/${width}` : ''}`;
}

export interface TileRequest {
  readonly level: number | 'data';
  readonly index: number;
  /** Requested partial width, or undefined for the full tile. */
  readonly width?: number;
}

/** Parses the part after `tile/`; undefined for anything non-canonical. */
export function parseTilePath(path: string): TileRequest | undefined {
  const match = /^(data|[0-5])\/((?:x[0-9]{3}\/)*)([0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(path);
  if (!match) return undefined;
  const digits = match[2].replace(/[x/]/g, '') + match[3];
  // Canonical: no group of leading zeros beyond the padding to a multiple of three.
  if (digits.length > 3 && digits.startsWith('000')) return undefined;
  if (digits.length > 15) return undefined;
  const width = match[4] === undefined ? undefined : Number(match[4]);
  if (width !== undefined && width > 255) return undefined;
  return { level: match[1] === 'data' ? 'data' : Number(match[1]), index: Number(digits), width };
}

/** A tile whose hashes changed in an append: what a batch stores. */
export interface TileUpdate {
  readonly level: number;
  readonly index: number;
  readonly hashes: Buffer[];
}

/**
 * The right edge of a tree as its partial tiles, one per level: a compact range from which the
 * root is folded and onto which leaf hashes are appended, reporting the tiles that change.
 */
export class RightEdge {
  private constructor(
    private treeSize: number,
    /** Per tile level, the hashes of the current partial tile (fewer than 256). */
    private readonly partial: Buffer[][],
  ) {}

  static empty(): RightEdge {
    return new RightEdge(
      0,
      Array.from({ length: MAX_TILE_LEVEL + 1 }, () => []),
    );
  }

  /** From the stored right-edge tiles of `size` (hashes keyed by level, at least as wide as needed). */
  static fromTiles(size: number, tiles: ReadonlyMap<number, Buffer>): RightEdge {
    const partial = rightEdgeTiles(size).map(({ level, width }) => {
      if (width === 0) return [];
      const bytes = tiles.get(level);
      if (!bytes || bytes.length < width * 32) throw new TileMissingError(level, width);
      return Array.from({ length: width }, (_, i) => Buffer.from(bytes.subarray(i * 32, i * 32 + 32)));
    });
    return new RightEdge(size, partial);
  }

  get size(): number {
    return this.treeSize;
  }

  clone(): RightEdge {
    return new RightEdge(
      this.treeSize,
      this.partial.map((hashes) => hashes.slice()),
    );
  }

  /** The partial tile of a level (a copy). */
  tile(level: number): Buffer[] {
    return this.partial[level].slice();
  }

  /** MTH of the whole tree. */
  root(): Buffer {
    if (this.treeSize === 0) return EMPTY_ROOT;
    const subtrees: Buffer[] = [];
    for (let level = MAX_TILE_LEVEL; level >= 0; level--) {
      const hashes = this.partial[level];
      let start = 0;
      for (let bit = TILE_WIDTH / 2; bit >= 1; bit /= 2) {
        if (hashes.length & bit) {
          subtrees.push(perfectRoot(hashes.slice(start, start + bit)));
          start += bit;
        }
      }
    }
    return foldSubtrees(subtrees);
  }

  /** Appends leaf hashes; returns every tile that changed (completed ones and the new partials). */
  append(leafHashes: readonly Buffer[]): TileUpdate[] {
    const completed: TileUpdate[] = [];
    const touched = new Set<number>();
    for (const hash of leafHashes) {
      let carry: Buffer | undefined = hash;
      for (let level = 0; carry && level <= MAX_TILE_LEVEL; level++) {
        const hashes = this.partial[level];
        hashes.push(carry);
        touched.add(level);
        carry = undefined;
        if (hashes.length === TILE_WIDTH) {
          const index = Math.floor(this.treeSize / TILE_WIDTH ** (level + 1));
          completed.push({ level, index, hashes: hashes.slice() });
          carry = perfectRoot(hashes);
          this.partial[level] = [];
        }
      }
      this.treeSize++;
    }
    const partials = rightEdgeTiles(this.treeSize)
      .filter(({ level, width }) => touched.has(level) && width > 0)
      .map(({ level, index }) => ({ level, index, hashes: this.partial[level].slice() }));
    return [...completed, ...partials];
  }
}

export class TileMissingError extends Error {
  constructor(
    readonly level: number,
    readonly width: number,
  ) {
    super(`right-edge tile at level ${level} is missing or narrower than ${width}`);
  }
}
