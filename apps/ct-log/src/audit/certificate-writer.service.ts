import { Injectable } from '@nestjs/common';
import { iso, sql } from '@lib/persistence';
import { problem, ProblemException, requestContext, ValidationProblemException } from '@lib/platform';
import { notFound } from '../common/ct-error';
import { b64 } from '../formats/base64';
import { decodeEventLeaf } from '../formats/event-leaf';
import { getSthJson, type SignedHead } from '../formats/heads';
import { LogRegistry } from '../logs/log-registry';
import type { LogRuntime } from '../sequencer/log-runtime';
import { leafHash } from '../merkle/hash';
import { ProofReader } from '../proofs/proof-reader';
import type { PendingLeaf, Sequenced } from '../sequencer/pending-leaf';
import { CtDb, type CtTx } from '../store/ct-db';
import { withTimeout } from '../submissions/submission.service';
import { checkRegistration, checkRevocation, reasonName, type RevocationInput } from './audit-input';
import { fingerprintHex, normaliseFingerprint } from './certificate-facts';
import { issuedEvent, revokedEvent } from './certificate-events';
import { BARE_ITEMS, itemFrom } from './certificate-items';

/** Where an event sits: what a receipt proves. */
interface Logged {
  readonly log: string;
  readonly leafIndex: number;
  readonly leafInput: Buffer;
}

/** A certificate's issued event and, once revoked, its revocation. */
interface CertificateState extends Logged {
  readonly fingerprint: Buffer;
  readonly serial: string;
  readonly notBefore: Date;
  readonly revocation: (Logged & { reason: number; revokedAt: Date; revokedBy: string | null }) | null;
}

export interface Written {
  readonly created: boolean;
  readonly body: Record<string, unknown>;
}

/** Certificate events through the sequencer, answered with receipts and inclusion proofs. */
@Injectable()
export class CertificateWriter {
  constructor(
    private readonly db: CtDb,
    private readonly registry: LogRegistry,
    private readonly proofs: ProofReader,
  ) {}

  async register(body: unknown): Promise<Written> {
    const input = checkRegistration(body);
    const { fingerprint, notAfter } = input.facts;
    const found = await this.db.unit(async (tx) => {
      const state = await certificateState(tx, fingerprint);
      return { state, target: state ? undefined : await targetLog(tx, notAfter) };
    });
    if (found.state) return { created: false, body: await this.issuedReceipt(found.state) };
    if (!found.target) throw new ProblemException(problem(409, `no events log of this tenant covers the certificate's NotAfter (${notAfter.toISOString()})`));
    const runtime = await this.writable(found.target);
    const sequenced = await this.sequence(runtime, [issuedEvent(input)]);
    if (sequenced[0].duplicate) return { created: false, body: await this.issuedReceipt((await this.db.unit((tx) => certificateState(tx, fingerprint)))!) };
    const state: CertificateState = {
      fingerprint,
      serial: input.facts.serial,
      notBefore: input.facts.notBefore,
      log: runtime.name,
      ...placed(sequenced[0]),
      revocation: null,
    };
    return { created: true, body: await this.issuedReceipt(state, sequenced[0].head) };
  }

  async revoke(fingerprintText: string, body: unknown): Promise<Written> {
    const fingerprint = normaliseFingerprint(fingerprintText);
    if (!fingerprint) throw new ValidationProblemException([{ in: 'path', path: 'fingerprint', message: 'must be 64 hexadecimal digits (":" allowed)' }]);
    const input = checkRevocation(body);
    const state = await this.db.unit((tx) => certificateState(tx, fingerprint));
    if (!state) throw notFound(`no certificate ${fingerprintHex(fingerprint)}`);
    if (state.revocation) return this.repeatedRevocation(state, input);
    const revokedAt = input.revokedAt ?? new Date();
    if (revokedAt < state.notBefore)
      throw new ValidationProblemException([{ in: 'body', path: 'revoked_at', message: "must not precede the certificate's NotBefore" }]);
    const runtime = await this.writable(state.log);
    const revokedBy = input.revokedBy ?? requestContext.current()!.principal!.subject;
    const [sequenced] = await this.sequence(runtime, [
      revokedEvent({ fingerprint, issuedLeafIndex: state.leafIndex, reason: input.reason, revokedAt, revokedBy }),
    ]);
    if (sequenced.duplicate) return this.repeatedRevocation((await this.db.unit((tx) => certificateState(tx, fingerprint)))!, input);
    const revocation = { log: runtime.name, ...placed(sequenced), reason: input.reason, revokedAt, revokedBy };
    return { created: true, body: await this.revocationReceipt({ ...state, revocation }, sequenced.head) };
  }

  /** A user's live certificates, oldest logged first, each log's share sequenced as one group. */
  async revokeUser(userId: string, body: unknown): Promise<Record<string, unknown>> {
    if (userId.length < 1 || userId.length > 256) throw new ValidationProblemException([{ in: 'path', path: 'userId', message: 'must be 1–256 characters' }]);
    const input = checkRevocation(body);
    const revokedAt = input.revokedAt ?? new Date();
    const revokedBy = input.revokedBy ?? requestContext.current()!.principal!.subject;
    const { selected, total } = await this.db.unit(async (tx) => {
      const live = sql`${tx.tenant('c')} AND c.issuing_user_id = ${userId} AND r.fingerprint IS NULL AND c.not_after > ${tx.now.toISOString()}`;
      const from = itemFrom(BARE_ITEMS);
      const rows = await tx.rows<Record<string, unknown>>(sql`SELECT c.fingerprint, c.leaf_index, c.not_before, l.name AS log_name FROM ${from}
        WHERE ${live} ORDER BY c.timestamp_ms, l.name, c.leaf_index LIMIT ${MAX_BULK_REVOCATIONS}`);
      const count = await tx.one<{ n: unknown }>(sql`SELECT count(*) AS n FROM ${from} WHERE ${live}`);
      return { selected: rows, total: Number(count!.n) };
    });
    if (selected.some((row) => new Date(iso(row.not_before)) > revokedAt)) {
      throw new ValidationProblemException([{ in: 'body', path: 'revoked_at', message: 'must not precede the NotBefore of any certificate it revokes' }]);
    }
    const byLog = new Map<string, Array<Record<string, unknown>>>();
    for (const row of selected) byLog.set(String(row.log_name), [...(byLog.get(String(row.log_name)) ?? []), row]);
    // Every log is checked before anything is admitted: a read-only or corrupt log leaves the call unwritten.
    const runtimes = new Map<string, LogRuntime>();
    for (const name of byLog.keys()) runtimes.set(name, await this.writable(name));
    const groups = [...byLog].map(async ([name, rows]) => {
      const events = rows.map((row) =>
        revokedEvent({ fingerprint: row.fingerprint as Buffer, issuedLeafIndex: Number(row.leaf_index), reason: input.reason, revokedAt, revokedBy }),
      );
      const results = await this.sequence(runtimes.get(name)!, events);
      // The revocation events' positions, as each single revocation's receipt gives them.
      return rows.map((row, i) => ({ fingerprint: fingerprintHex(row.fingerprint as Buffer), log: name, leaf_index: results[i].leafIndex }));
    });
    const revoked = (await Promise.all(groups)).flat();
    return { user_id: userId, revoked, remaining: total - revoked.length };
  }

  private async writable(name: string): Promise<LogRuntime> {
    const runtime = await this.registry.find(name);
    if (!runtime) throw notFound(`no log named "${name}"`);
    this.registry.requireServing(runtime);
    this.registry.requireWritable(runtime);
    return runtime;
  }

  /**
   * Admits the events as one group and waits for their commit. A single event identical to one
   * already pending joins it: the caller that admitted it gets the 201, this one the repeat's 200.
   */
  private async sequence(runtime: LogRuntime, events: PendingLeaf[]): Promise<Sequenced[]> {
    const waiting = events.length === 1 ? runtime.pool.waiting(events[0].identityHash) : undefined;
    if (waiting) return [{ ...(await withTimeout(waiting)), duplicate: true }];
    return withTimeout(Promise.all(runtime.pool.admit(events)));
  }

  /** The same reason with omitted or equal details → 200 with the original; anything else → 409. */
  private async repeatedRevocation(state: CertificateState, input: RevocationInput): Promise<Written> {
    const original = state.revocation!;
    const same =
      original.reason === input.reason &&
      (input.revokedAt === null || input.revokedAt.getTime() === original.revokedAt.getTime()) &&
      (input.revokedBy === null || input.revokedBy === original.revokedBy);
    if (!same)
      throw new ProblemException(problem(409, `the certificate is already revoked (${reasonName(original.reason)} at ${original.revokedAt.toISOString()})`));
    return { created: false, body: await this.revocationReceipt(state) };
  }

  private async issuedReceipt(state: CertificateState, head?: SignedHead): Promise<Record<string, unknown>> {
    return { fingerprint: fingerprintHex(state.fingerprint), serial: state.serial, status: 'logged', ...(await this.proven(state, head)) };
  }

  private async revocationReceipt(state: CertificateState, head?: SignedHead): Promise<Record<string, unknown>> {
    const revocation = state.revocation!;
    return {
      fingerprint: fingerprintHex(state.fingerprint),
      status: 'revoked',
      revocation: {
        reason: reasonName(revocation.reason),
        reason_code: revocation.reason,
        revoked_at: revocation.revokedAt.toISOString(),
        revoked_by: revocation.revokedBy,
      },
      ...(await this.proven(revocation, head)),
    };
  }

  /** The event's position, leaf hash and inclusion proof in `head` (by default the log's latest head). */
  private async proven(event: Logged, head?: SignedHead): Promise<Record<string, unknown>> {
    const runtime = (await this.registry.find(event.log))!;
    this.registry.requireServing(runtime);
    return this.db.forLog(runtime.tenantId, async (tx) => {
      await this.registry.ensureEdge(tx, runtime, Math.max(event.leafIndex + 1, head?.treeSize ?? 0));
      const proofHead = head ?? runtime.head!;
      const path = await this.proofs.inclusion(tx, runtime, event.leafIndex, proofHead.treeSize);
      return {
        log: event.log,
        leaf_index: event.leafIndex,
        leaf_hash: b64(leafHash(event.leafInput)),
        timestamp: new Date(decodeEventLeaf(event.leafInput).timestampMs).toISOString(),
        sth: getSthJson(proofHead),
        audit_path: path.map(b64),
      };
    });
  }
}

export const MAX_BULK_REVOCATIONS = 1000;

const placed = (sequenced: Sequenced) => ({ leafIndex: sequenced.leafIndex, leafInput: sequenced.leafInput });

/** The tenant's events log for this NotAfter: a windowed log wins over the unwindowed one. */
async function targetLog(tx: CtTx, notAfter: Date): Promise<string | undefined> {
  const at = notAfter.toISOString();
  const row = await tx.one<{ name: string }>(sql`SELECT name FROM ctlog.logs
    WHERE ${tx.tenant()} AND kind = 'events' AND (not_after_start IS NULL OR (not_after_start <= ${at} AND not_after_limit > ${at}))
    ORDER BY CASE WHEN not_after_start IS NULL THEN 1 ELSE 0 END LIMIT 1`);
  return row?.name;
}

async function certificateState(tx: CtTx, fingerprint: Buffer): Promise<CertificateState | undefined> {
  const row = await tx.one<Record<string, unknown>>(sql`SELECT c.serial, c.leaf_index, c.not_before, l.name AS log_name, ie.leaf_input,
      r.reason, r.revoked_at, r.revoked_by, r.leaf_index AS r_leaf_index, re.leaf_input AS r_leaf_input
    FROM ctlog.certificates c
    JOIN ctlog.logs l ON l.tenant_id = c.tenant_id AND l.id = c.log_id
    JOIN ctlog.entries ie ON ie.tenant_id = c.tenant_id AND ie.log_id = c.log_id AND ie.leaf_index = c.leaf_index
    LEFT JOIN ctlog.cert_revocations r ON r.tenant_id = c.tenant_id AND r.fingerprint = c.fingerprint
    LEFT JOIN ctlog.entries re ON re.tenant_id = r.tenant_id AND re.log_id = r.log_id AND re.leaf_index = r.leaf_index
    WHERE ${tx.tenant('c')} AND c.fingerprint = ${fingerprint}`);
  if (!row) return undefined;
  const log = String(row.log_name);
  return {
    fingerprint,
    serial: String(row.serial),
    notBefore: new Date(iso(row.not_before)),
    log,
    leafIndex: Number(row.leaf_index),
    leafInput: row.leaf_input as Buffer,
    revocation:
      row.reason === null || row.reason === undefined
        ? null
        : {
            log,
            leafIndex: Number(row.r_leaf_index),
            leafInput: row.r_leaf_input as Buffer,
            reason: Number(row.reason),
            revokedAt: new Date(iso(row.revoked_at)),
            revokedBy: (row.revoked_by as string | null) ?? null,
          },
  };
}
