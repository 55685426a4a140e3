import { Inject, Injectable } from '@nestjs/common';
import { sql } from '@lib/persistence';
import { bearerToken, FixedWindowLimiter, InvalidTokenError, requestContext, TokenVerifier } from '@lib/platform';
import { CtError } from '../common/ct-error';
import { CtMetrics } from '../common/ct-metrics';
import { CT_CONFIG, type CtConfig } from '../ct-config';
import { decodeBase64Strict } from '../formats/base64';
import { identityHash, type SctJson, sctFor, signedEntry, timestampedEntry, merkleTreeLeaf, X509_ENTRY } from '../formats/rfc6962-leaf';
import type { LogRuntime } from '../sequencer/log-runtime';
import { LogAccess } from '../public/log-access';
import type { PendingLeaf } from '../sequencer/pending-leaf';
import type { CtTx } from '../store/ct-db';
import { storedLeaves } from '../store/tree-store';
import { parseCertificate } from './certificate';
import { type AcceptedRoot, validateChain, type ValidatedChain } from './chain-validator';

export const SEQUENCING_TIMEOUT_MS = 15_000;
export const SUBMITTER_ROLES = ['CtSubmitter', 'Admin'];

/** add-chain and add-pre-chain in RFC 6962 order: log, auth, state, chain, window, dedup, pool, SCT. */
@Injectable()
export class SubmissionService {
  /** Open logs' submissions per client address: the bound a token gives token logs. */
  private readonly openSubmissions: FixedWindowLimiter;

  constructor(
    private readonly access: LogAccess,
    private readonly verifier: TokenVerifier,
    private readonly metrics: CtMetrics,
    @Inject(CT_CONFIG) config: CtConfig,
  ) {
    this.openSubmissions = new FixedWindowLimiter(config.openSubmissionsPerMinute);
  }

  async submit(name: string, body: unknown, precert: boolean, authorization: string | undefined): Promise<SctJson> {
    const started = process.hrtime.bigint();
    const runtime = await this.access.runtime(name);
    let result = 'error';
    try {
      await this.authorize(runtime, authorization);
      this.access.registry.requireWritable(runtime);
      if (runtime.record.kind === 'events') throw new CtError(400, 'badType', 'this log records certificate events; it takes no CT submissions');
      // One transaction reads the roots (a root change applies at once) and checks for a stored duplicate.
      const { validated, stored } = await this.access.db.forLog(runtime.tenantId, async (tx) => {
        // An X.509 entry's identity is its leaf's bytes, known before validation: one statement reads both.
        const expected = precert ? undefined : x509Identity(body);
        const { roots, duplicate } = await rootsAndEntry(tx, runtime.logId, expected);
        const chain = validateChain(body, precert, {
          roots,
          maxChainLength: runtime.record.config.max_chain_length,
          notAfterStart: runtime.record.notAfterStart,
          notAfterLimit: runtime.record.notAfterLimit,
          now: new Date(),
        });
        const stored = expected?.equals(chain.identityHash) ? duplicate : (await storedLeaves(tx, runtime.logId, [chain]))[0];
        return { validated: chain, stored };
      });
      const sequenced = stored
        ? { ...stored, head: runtime.head!, duplicate: true }
        : await withTimeout(runtime.pool.waiting(validated.identityHash) ?? runtime.pool.admit([pendingChain(validated)])[0]);
      result = sequenced.duplicate ? 'duplicate' : 'added';
      this.metrics.sctLatency.observe(Number(process.hrtime.bigint() - started) / 1e9);
      return sctFor(runtime.signer!, sequenced.leafInput);
    } catch (error) {
      if (error instanceof CtError) result = error.code;
      throw error;
    } finally {
      this.metrics.submissions.inc({ log: runtime.name, result });
    }
  }

  /** A valid token (401) with the submitter role for this log's tenant (403). */
  /**
   * A token log needs a CtSubmitter (or Admin) token of its tenant. An open log takes anyone, as
   * public CT logs do, bounded by its roots, its pool and a per-client-address limit; a token it
   * is sent is not looked at. Entries belong to the log's tenant either way.
   */
  private async authorize(runtime: LogRuntime, authorization: string | undefined): Promise<void> {
    if (runtime.record.config.submission === 'open') {
      const retryAfter = this.openSubmissions.take(`${runtime.name}\u0000${requestContext.current()?.clientIp ?? ''}`);
      if (retryAfter !== undefined) {
        throw new CtError(429, 'rateLimited', `at most ${this.openSubmissions.limit} submissions per minute from one address`, {
          'retry-after': String(retryAfter),
        });
      }
      return;
    }
    const token = bearerToken(authorization);
    if (!token) throw new CtError(401, 'unauthorized', 'a bearer token is required to submit', { 'www-authenticate': 'Bearer' });
    try {
      requestContext.authenticate(await this.verifier.verify(token));
    } catch (error) {
      if (error instanceof InvalidTokenError)
        throw new CtError(401, 'unauthorized', 'invalid or expired token', { 'www-authenticate': 'Bearer error="invalid_token"' });
      throw error;
    }
    const principal = requestContext.current()!.principal!;
    if (principal.tenantId !== runtime.tenantId || !SUBMITTER_ROLES.some((role) => principal.roles.includes(role))) {
      throw new CtError(403, 'forbidden', 'submissions need the CtSubmitter role of the log tenant');
    }
  }
}

/**
 * The log's accepted roots and, when `identity` is known, its stored entry: one round trip on the
 * submission path (a root change applies at once, so roots are read every time).
 */
async function rootsAndEntry(
  tx: CtTx,
  logId: string,
  identity: Buffer | undefined,
): Promise<{ roots: AcceptedRoot[]; duplicate: { leafIndex: number; leafInput: Buffer } | undefined }> {
  const roots = sql`SELECT fingerprint, der, NULL AS leaf_index, NULL AS leaf_input FROM ctlog.log_roots WHERE ${tx.tenant()} AND log_id = ${logId}`;
  const rows = await tx.rows<{ fingerprint: Buffer | null; der: Buffer | null; leaf_index: unknown; leaf_input: Buffer | null }>(
    identity
      ? sql`${roots} UNION ALL SELECT NULL AS fingerprint, NULL AS der, leaf_index, leaf_input FROM ctlog.entries WHERE ${tx.tenant()} AND log_id = ${logId} AND identity_hash = ${identity}`
      : roots,
  );
  const entry = rows.find((row) => row.leaf_input);
  return {
    roots: rows.flatMap((row) => {
      const certificate = row.der ? parseCertificate(row.der) : undefined;
      return certificate ? [{ fingerprint: row.fingerprint!, certificate }] : [];
    }),
    duplicate: entry ? { leafIndex: Number(entry.leaf_index), leafInput: entry.leaf_input! } : undefined,
  };
}

/** The identity of an add-chain submission, from its leaf as sent; undefined when it is not strict base64. */
function x509Identity(body: unknown): Buffer | undefined {
  const leaf = decodeBase64Strict((body as { chain?: unknown[] } | null)?.chain?.[0]);
  return leaf ? identityHash(X509_ENTRY, signedEntry(X509_ENTRY, { certificate: leaf })) : undefined;
}

function pendingChain(validated: ValidatedChain): PendingLeaf {
  return {
    identityHash: validated.identityHash,
    lowPriority: validated.lowPriority,
    build: (leafIndex, timestampMs) => merkleTreeLeaf(timestampedEntry(timestampMs, validated.entryType, validated.signedEntry, leafIndex)),
    preCertificate: validated.precertificate,
    issuers: validated.issuers.map((c) => ({ fingerprint: c.fingerprint, der: c.der })),
    notAfter: validated.notAfter,
  };
}

/** A caller waits at most the sequencing timeout; its retry is answered by dedup if the item committed. */
export function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CtError(503, 'unavailable', 'sequencing took too long; retry', { 'retry-after': '1' })), SEQUENCING_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
