import { randomInt } from 'node:crypto';
import { decodeBase64Strict } from '../formats/base64';
import { MalformedStructureError } from '../formats/bytes';
import { decodeEventLeaf, EVENT_ISSUED, EVENT_REVOKED, isEventLeaf } from '../formats/event-leaf';
import { headFromCheckpoint, headFromJson, type SignedHead, verifyHead } from '../formats/heads';
import { LogPublicKey } from '../formats/log-key';
import { checkExtraData, parseMerkleTreeLeaf } from '../formats/rfc6962-leaf';
import { leafHash, perfectRoot } from '../merkle/hash';
import { RightEdge, TILE_WIDTH, tilePath } from '../merkle/tiles';
import { verifyConsistency, verifyInclusion } from '../merkle/verify';
import type { LogClient } from './log-client';
import { type Divergence, HeadHistory, hex } from '../logs/head-history';
import type { components } from '@lib/contracts/ct-log';

/** The CT log's published answer schemas: the auditor reads what the document promises. */
type Schemas = components['schemas'];

export type { Divergence, DivergenceKind } from '../logs/head-history';

export interface VerifyReport {
  ok: boolean;
  log: string;
  tree_size: number;
  entries: number;
  heads: number;
  consistency_proofs: number;
  tiles: number;
  first_divergence: Divergence | null;
  divergences: Divergence[];
}

interface ServedEntry {
  readonly leaf_input: string;
  readonly extra_data: string;
}

interface Page {
  readonly start: number;
  /** The page asked for [start, end). */
  readonly end: number;
  readonly entries: ServedEntry[];
}

export interface VerifyOptions {
  readonly publicKey?: Buffer;
  readonly sampleProofs: number;
  readonly keepGoing: boolean;
  /** Pages of entries (with their level-0 tiles) fetched ahead while earlier ones are checked. */
  readonly concurrency: number;
  readonly progress?: (message: string) => void;
}

class Stop extends Error {}

const b = (text: string) => decodeBase64Strict(text) ?? Buffer.alloc(0);

/** Audits a log through its public HTTP API only. */
export class LogVerifier {
  private readonly found: Divergence[] = [];
  private readonly counts = { entries: 0, heads: 0, consistency_proofs: 0, tiles: 0 };
  /** Served level-0 tiles by index, from the pages fetched so far until their entries are checked. */
  private readonly levelZero = new Map<number, Buffer | undefined>();

  constructor(
    private readonly client: LogClient,
    private readonly log: string,
    private readonly options: VerifyOptions,
  ) {}

  async run(): Promise<VerifyReport> {
    let size = 0;
    try {
      const metadata = await this.client.json<Schemas['LogMetadata']>('metadata');
      const served = b(metadata.key);
      if (this.options.publicKey && !this.options.publicKey.equals(served))
        this.diverge({ kind: 'key_mismatch', message: 'the served key is not the expected public key' });
      const key = new LogPublicKey(this.options.publicKey ?? served);
      const sth = headFromJson(await this.client.json('ct/v1/get-sth'))!;
      size = sth.treeSize;
      if (!verifyHead(key, sth)) this.diverge({ kind: 'sth_signature_invalid', tree_size: sth.treeSize, message: 'get-sth signature does not verify' });
      const checkpoint = headFromCheckpoint(await this.client.text('checkpoint'), metadata.origin, key.logId);
      if (
        !checkpoint ||
        checkpoint.treeSize < sth.treeSize ||
        (checkpoint.treeSize === sth.treeSize && !checkpoint.rootHash.equals(sth.rootHash)) ||
        !verifyHead(key, checkpoint)
      ) {
        this.diverge({ kind: 'checkpoint_mismatch', tree_size: sth.treeSize, message: 'the checkpoint does not carry a valid head consistent with get-sth' });
      }
      const { heads, history } = await this.heads(key, sth);
      await this.entries(metadata.kind, sth, history);
      await this.proofs(heads, sth);
    } catch (error) {
      if (!(error instanceof Stop)) throw error;
    }
    const first = this.found.length === 0 ? null : this.found.reduce((a, c) => (position(c) < position(a) ? c : a));
    return { ok: this.found.length === 0, log: this.log, tree_size: size, ...this.counts, first_divergence: first, divergences: this.found };
  }

  private diverge(divergence: Divergence): void {
    this.found.push(divergence);
    if (!this.options.keepGoing) throw new Stop();
  }

  private async heads(key: LogPublicKey, sth: SignedHead): Promise<{ heads: SignedHead[]; history: HeadHistory }> {
    const heads: SignedHead[] = [];
    const history = new HeadHistory(key, (divergence) => this.diverge(divergence));
    let after = -1;
    const done = () => {
      history.includes(sth);
      return { heads, history };
    };
    for (;;) {
      const page = await this.client.json<Schemas['HeadsView']>(`heads?limit=1000${after >= 0 ? `&after=${after}` : ''}`);
      for (const json of page.heads) {
        const head = headFromJson(json)!;
        if (head.treeSize > sth.treeSize) return done();
        history.add(head);
        heads.push(head);
        this.counts.heads++;
      }
      if (page.heads.length === 0 || page.next_after === null) return done();
      after = page.next_after;
    }
  }

  private async entries(kind: 'rfc6962' | 'events', sth: SignedHead, history: HeadHistory): Promise<void> {
    const edge = RightEdge.empty();
    const issuedHashes = new Map<number, Buffer>();
    let lastTimestamp = 0;
    for await (const page of this.pages(sth.treeSize)) {
      for (const [offset, entry] of page.entries.entries()) {
        const index = page.start + offset;
        const leafInput = b(entry.leaf_input);
        lastTimestamp = this.checkLeaf(kind, index, leafInput, b(entry.extra_data), lastTimestamp, issuedHashes);
        const hash = leafHash(leafInput);
        const tile = Math.floor(index / TILE_WIDTH);
        if (index % TILE_WIDTH === 0) this.levelZero.delete(tile - 1);
        const served = this.levelZero.get(tile)?.subarray((index % TILE_WIDTH) * 32, (index % TILE_WIDTH) * 32 + 32);
        if (!served || !served.equals(hash))
          this.diverge({
            kind: 'leaf_hash_mismatch',
            leaf_index: index,
            computed: hex(hash),
            served: hex(served),
            message: `entry ${index} does not hash to the served level-0 tile`,
          });
        for (const update of edge.append([hash]))
          if (update.level >= 1 && update.hashes.length === TILE_WIDTH) await this.compareTile(update.level, update.index, update.hashes);
        history.rootAt(edge.size, () => edge.root());
        this.counts.entries++;
      }
      const got = page.start + page.entries.length;
      this.options.progress?.(`${got}/${sth.treeSize} entries`);
      if (got < page.end) {
        // Past a gap every index would be off by the missing entries: nothing more can be checked.
        this.diverge({ kind: 'entries_missing', leaf_index: got, message: 'get-entries returned fewer entries than the log holds' });
        return;
      }
    }
  }

  /**
   * Entries in index order, page by page. The first answer sets the page size (the server's cap);
   * then up to `concurrency` pages, each with the level-0 tiles that start in it, are in flight.
   */
  private async *pages(size: number): AsyncGenerator<Page> {
    if (size === 0) return;
    const probe = await this.entriesFrom(0, size);
    const step = Math.max(1, probe.length);
    const inFlight: Array<Promise<Page>> = [];
    let next = step;
    const fill = () => {
      for (; inFlight.length < this.options.concurrency && next < size; next += step) inFlight.push(this.page(next, Math.min(size, next + step), size));
    };
    const first = await this.withTiles({ start: 0, end: Math.min(size, step), entries: probe }, size);
    fill();
    yield first;
    while (inFlight.length > 0) {
      const page = await inFlight.shift()!;
      fill();
      yield page;
    }
  }

  /** Entries [start, end), looping while the server truncates; short only where it has none. */
  private async page(start: number, end: number, size: number): Promise<Page> {
    const entries: ServedEntry[] = [];
    while (start + entries.length < end) {
      const got = await this.entriesFrom(start + entries.length, end);
      if (got.length === 0) break;
      entries.push(...got);
    }
    return this.withTiles({ start, end, entries }, size);
  }

  private async entriesFrom(start: number, end: number): Promise<ServedEntry[]> {
    return (await this.client.json<Schemas['EntriesView']>(`ct/v1/get-entries?start=${start}&end=${end - 1}`)).entries as ServedEntry[];
  }

  /** Fetches the level-0 tiles whose first entry lies in the page (pages are consumed in order). */
  private async withTiles(page: Page, size: number): Promise<Page> {
    for (let tile = Math.ceil(page.start / TILE_WIDTH); tile * TILE_WIDTH < page.end; tile++) {
      this.levelZero.set(tile, await this.client.optional(tilePath(0, tile, Math.min(TILE_WIDTH, size - tile * TILE_WIDTH))));
      this.counts.tiles++;
    }
    return page;
  }

  private checkLeaf(kind: string, index: number, leafInput: Buffer, extraData: Buffer, lastTimestamp: number, issued: Map<number, Buffer>): number {
    try {
      if (kind === 'rfc6962') {
        const leaf = parseMerkleTreeLeaf(leafInput);
        checkExtraData(leaf.entryType, extraData);
        if (leaf.leafIndex !== index) this.diverge({ kind: 'leaf_index_mismatch', leaf_index: index, message: `leaf_index extension says ${leaf.leafIndex}` });
        if (leaf.timestampMs < lastTimestamp) this.diverge({ kind: 'timestamp_regression', leaf_index: index, message: 'timestamps must not decrease' });
        return leaf.timestampMs;
      }
      if (!isEventLeaf(leafInput)) return lastTimestamp;
      const event = decodeEventLeaf(leafInput);
      if (event.timestampMs < lastTimestamp) this.diverge({ kind: 'timestamp_regression', leaf_index: index, message: 'timestamps must not decrease' });
      if (event.type === EVENT_ISSUED) issued.set(index, event.certSha256);
      if (event.type === EVENT_REVOKED && (event.issuedLeafIndex >= index || !issued.get(event.issuedLeafIndex)?.equals(event.certSha256))) {
        this.diverge({
          kind: 'event_reference_invalid',
          leaf_index: index,
          message: 'a revoked event must point to an earlier issued event of the same certificate',
        });
      }
      return event.timestampMs;
    } catch (error) {
      if (!(error instanceof MalformedStructureError)) throw error;
      this.diverge({ kind: 'malformed_leaf', leaf_index: index, message: error.message });
      return lastTimestamp;
    }
  }

  private async compareTile(level: number, index: number, hashes: Buffer[]): Promise<void> {
    const served = await this.client.optional(tilePath(level, index));
    this.counts.tiles++;
    const expected = Buffer.concat(hashes);
    if (!served || !served.equals(expected)) {
      const leaf = (index + 1) * TILE_WIDTH ** (level + 1) - 1;
      this.diverge({
        kind: 'tile_mismatch',
        level,
        tile_index: index,
        leaf_index: leaf,
        computed: hex(perfectRoot(hashes)),
        served: served ? hex(perfectRoot(split(served))) : undefined,
        message: `tile ${level}/${index} differs from the entries`,
      });
    }
  }

  private async proofs(heads: SignedHead[], sth: SignedHead): Promise<void> {
    const chain = [...heads, sth];
    for (let i = 1; i < chain.length; i++) {
      const [first, second] = [chain[i - 1], chain[i]];
      if (first.treeSize === second.treeSize) continue;
      const proof = (
        await this.client.json<Schemas['ConsistencyView']>(`ct/v1/get-sth-consistency?first=${first.treeSize}&second=${second.treeSize}`)
      ).consistency.map(b);
      this.counts.consistency_proofs++;
      if (!verifyConsistency(first.treeSize, second.treeSize, first.rootHash, second.rootHash, proof)) {
        this.diverge({
          kind: 'consistency_proof_invalid',
          tree_size: second.treeSize,
          message: `consistency ${first.treeSize} → ${second.treeSize} does not verify`,
        });
      }
    }
    for (let i = 0; i < this.options.sampleProofs && sth.treeSize > 0; i++) {
      const index = randomInt(sth.treeSize);
      const answer = await this.client.json<Schemas['EntryAndProofView']>(`ct/v1/get-entry-and-proof?leaf_index=${index}&tree_size=${sth.treeSize}`);
      if (!verifyInclusion(index, sth.treeSize, leafHash(b(answer.leaf_input)), answer.audit_path.map(b), sth.rootHash)) {
        this.diverge({
          kind: 'inclusion_proof_invalid',
          leaf_index: index,
          tree_size: sth.treeSize,
          message: `inclusion of ${index} in ${sth.treeSize} does not verify`,
        });
      }
    }
  }
}

function split(tile: Buffer): Buffer[] {
  return Array.from({ length: Math.floor(tile.length / 32) }, (_, i) => tile.subarray(i * 32, i * 32 + 32));
}

/** The lowest leaf index first; a head of size s counts as position s − 1. */
function position(d: Divergence): number {
  if (d.leaf_index !== undefined) return d.leaf_index;
  if (d.tree_size !== undefined) return d.tree_size - 1;
  return -1;
}
