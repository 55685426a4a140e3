import { Injectable } from '@nestjs/common';
import { sql } from '@lib/persistence';
import { Checker, problem, ProblemException, ValidationProblemException } from '@lib/platform';
import { RawLeavesBody } from './log.dto';
import { decodeBase64Strict } from '../formats/base64';
import { isEventLeaf, rawLeafIdentityHash } from '../formats/event-leaf';
import { getSthJson } from '../formats/heads';
import { LogRegistry } from '../logs/log-registry';
import type { PendingLeaf } from '../sequencer/pending-leaf';
import { CtDb } from '../store/ct-db';
import { withTimeout } from '../submissions/submission.service';
import { LogAdminService } from './log-admin.service';

const MAX_LEAF_BYTES = 65_536;

/**
 * Raw leaves appended to an events log through the normal pool and batch path, as one
 * group. Only with CTLOG_TEST_HOOKS=true (benchmarks and conformance tests).
 */
@Injectable()
export class TestHookService {
  constructor(
    private readonly db: CtDb,
    private readonly admin: LogAdminService,
    private readonly registry: LogRegistry,
  ) {}

  async appendRaw(name: string, body: unknown): Promise<Record<string, unknown>> {
    const check = new Checker();
    const input = check.fields(RawLeavesBody, body);
    const leaves = (check.failed('leaves') ? [] : (input?.leaves ?? [])).map((item, i) => {
      const leaf = decodeBase64Strict(item);
      if (!leaf) return check.fail(`leaves[${i}]`, 'must be strict base64');
      if (leaf.length > MAX_LEAF_BYTES) return check.fail(`leaves[${i}]`, `must be at most ${MAX_LEAF_BYTES} bytes`);
      if (isEventLeaf(leaf)) return check.fail(`leaves[${i}]`, 'must not start with CTEV 01 (event leaves come from the audit API)');
      return leaf;
    });
    check.done();
    const raw = leaves as Buffer[];
    const identities = raw.map(rawLeafIdentityHash);
    await this.db.unit(async (tx) => {
      const log = await this.admin.byName(tx, name);
      if (log.kind !== 'events') throw new ValidationProblemException([{ in: 'path', path: 'name', message: 'the test hook appends to events logs only' }]);
      if (new Set(identities.map((h) => h.toString('hex'))).size !== identities.length)
        throw new ProblemException(problem(409, 'a leaf is repeated in the call'));
      const present = await tx.one(
        sql`SELECT 1 AS one FROM ctlog.entries WHERE ${tx.tenant()} AND log_id = ${log.id} AND identity_hash IN ${sql.list(identities)}`,
      );
      if (present) throw new ProblemException(problem(409, 'a leaf is already in the log; nothing was appended'));
    });
    const runtime = (await this.registry.find(name))!;
    this.registry.requireServing(runtime);
    const pending: PendingLeaf[] = raw.map((leaf, i) => ({
      identityHash: identities[i],
      lowPriority: false,
      build: () => leaf,
      preCertificate: null,
      issuers: [],
      notAfter: null,
    }));
    const results = await withTimeout(Promise.all(runtime.pool.admit(pending)));
    const last = results.reduce((a, b) => (b.head.treeSize > a.head.treeSize ? b : a));
    return { first_index: results[0].leafIndex, tree_size: last.head.treeSize, sth: getSthJson(last.head) };
  }
}
