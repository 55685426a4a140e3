import { randomUUID, X509Certificate } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { sql, StoreConflictError, toJson } from '@lib/persistence';
import { Checker, problem, ProblemException, ValidationProblemException, weakMatch } from '@lib/platform';
import { CT_CONFIG, type CtConfig } from '../ct-config';
import { b64 } from '../formats/base64';
import { type SignedHead, getSthJson, treeHeadSignatureInput } from '../formats/heads';
import { LogKeyError, type LogSigner } from '../formats/log-key';
import { EMPTY_ROOT } from '../merkle/hash';
import { RightEdge } from '../merkle/tiles';
import { KeyStore, KeyWriteError } from '../logs/key-store';
import { LogRegistry, readLog } from '../logs/log-registry';
import { LOG_COLUMNS, type LogRecord, readLogRow, shutdownAt } from '../store/log-record';
import type { Certificate } from '../submissions/certificate';
import { CtDb, type CtTx } from '../store/ct-db';
import { checkConfig, checkNewLog, checkRoot, type NewLog } from './log-input';
import { AddRootBody, UpdateLogBody } from './log.dto';

const notFound = (name: string) => new ProblemException(problem(404, `no log named "${name}" in this tenant`));
const conflict = (detail: string) => new ProblemException(problem(409, detail));

/** The admin API: create, read, change and root management of the tenant's logs. */
@Injectable()
export class LogAdminService {
  constructor(
    private readonly db: CtDb,
    private readonly registry: LogRegistry,
    @Inject(CT_CONFIG) private readonly config: CtConfig,
  ) {}

  async create(body: unknown): Promise<Record<string, unknown>> {
    const input = checkNewLog(body);
    if (await this.db.directory(input.name)) throw conflict(`the log name "${input.name}" is taken`);
    const signer = this.signerFor(input);
    const now = new Date();
    const head: SignedHead = {
      treeSize: 0,
      timestampMs: now.getTime(),
      rootHash: EMPTY_ROOT,
      signature: signer.sign(treeHeadSignatureInput(now.getTime(), 0, EMPTY_ROOT)),
    };
    const id = randomUUID();
    const record = await this.db
      .unit(async (tx) => {
        if (input.kind === 'events') await this.refuseOverlappingWindow(tx, input);
        const stamp = now.toISOString();
        await tx.run(
          sql.insert('ctlog.logs', {
            tenant_id: tx.tenantId,
            id,
            name: input.name,
            kind: input.kind,
            description: input.description,
            state: 'active',
            public_key: signer.spki,
            ct_log_id: signer.logId,
            key_ref: input.key,
            origin: `${this.config.originBase}/logs/${input.name}`,
            not_after_start: input.notAfterStart?.toISOString() ?? null,
            not_after_limit: input.notAfterLimit?.toISOString() ?? null,
            read_only_grace_s: input.readOnlyGraceS,
            read_only_at: null,
            config: toJson(input.config),
            version: 1,
            created_at: stamp,
            updated_at: stamp,
          }),
        );
        await tx.run(sql.insert('ctlog.log_directory', { name: input.name, tenant_id: tx.tenantId, log_id: id, ct_log_id: signer.logId }));
        for (const root of input.roots) await insertRoot(tx, id, root);
        const headRow = { tenant_id: tx.tenantId, log_id: id, tree_size: 0, root_hash: EMPTY_ROOT, timestamp_ms: head.timestampMs, signature: head.signature };
        await tx.run(sql.insert('ctlog.log_head', { ...headRow, updated_at: stamp }));
        await tx.run(sql.insert('ctlog.sth', { ...headRow, created_at: stamp }));
        return (await readLog(tx, id))!;
      })
      .catch((error) => {
        if (error instanceof StoreConflictError) throw conflict('the log name or its key (LogID) is already used by a log');
        throw error;
      });
    this.registry.register(record, (runtime) => {
      runtime.serve(signer);
      runtime.adopt(head, RightEdge.empty());
    });
    return this.get(input.name);
  }

  async list(): Promise<Array<Record<string, unknown>>> {
    return this.db.read(async (tx) => {
      const rows = await tx.rows<Record<string, unknown>>(sql`SELECT ${sql.raw(LOG_COLUMNS)} FROM ctlog.logs WHERE ${tx.tenant()} ORDER BY name`);
      return Promise.all(rows.map((row) => this.resource(tx, readLogRow(row))));
    });
  }

  get(name: string): Promise<Record<string, unknown>> {
    return this.db.read(async (tx) => this.resource(tx, await this.byName(tx, name)));
  }

  async update(name: string, body: unknown, ifMatch: string | undefined): Promise<Record<string, unknown>> {
    const check = new Checker();
    const { description, config: configBody, read_only_grace_s: grace, state } = check.fields(UpdateLogBody, body) ?? {};
    const config = configBody === undefined || check.failed('config') ? undefined : checkConfig(check, configBody);
    check.done();
    const record = await this.db.unit(async (tx) => {
      const current = await this.byName(tx, name, true);
      // The admin API hands out weak tags (W/"<version>") and takes them back in If-Match, so it
      // compares weakly there, list and `*` included: a deliberate part of its wire contract.
      if (ifMatch !== undefined && !weakMatch(ifMatch, `W/"${current.version}"`)) {
        throw new ProblemException(problem(412, 'the log changed since you read it'), { etag: `W/"${current.version}"` });
      }
      if (state === 'active' && current.state === 'read_only') throw conflict('a read-only log cannot become active again');
      if (grace !== undefined && current.state !== 'active')
        throw new ValidationProblemException([{ in: 'body', path: 'read_only_grace_s', message: 'can only change while the log is active' }]);
      const readOnlyNow = state === 'read_only' && current.state === 'active';
      const stamp = tx.now.toISOString();
      await tx.run(
        sql`UPDATE ctlog.logs SET ${sql.assignments({
          description: description ?? current.description,
          config: toJson({ ...current.config, ...config }),
          read_only_grace_s: grace ?? current.readOnlyGraceS,
          state: readOnlyNow ? 'read_only' : current.state,
          read_only_at: readOnlyNow ? stamp : current.readOnlyAt,
          version: current.version + 1,
          updated_at: stamp,
        })} WHERE ${tx.tenant()} AND id = ${current.id}`,
      );
      return (await readLog(tx, current.id))!;
    });
    this.registry.refreshRecord(record);
    return this.get(name);
  }

  async addRoot(name: string, body: unknown): Promise<Record<string, unknown>> {
    const check = new Checker();
    const input = check.fields(AddRootBody, body);
    const root = input && checkRoot(check, input.certificate, 'certificate');
    check.done();
    return this.db.unit(async (tx) => {
      const log = await this.byName(tx, name);
      if (log.kind === 'events') throw new ValidationProblemException([{ in: 'path', path: 'name', message: 'events logs take no roots' }]);
      const exists = await tx.one(sql`SELECT 1 AS one FROM ctlog.log_roots WHERE ${tx.tenant()} AND log_id = ${log.id} AND fingerprint = ${root!.fingerprint}`);
      if (exists) throw conflict('this root is already accepted');
      await insertRoot(tx, log.id, root!);
      return rootView(root!.x509);
    });
  }

  async removeRoot(name: string, fingerprint: string): Promise<void> {
    if (!/^[0-9a-fA-F]{64}$/.test(fingerprint)) throw new ProblemException(problem(404, 'no such root'));
    await this.db.unit(async (tx) => {
      const log = await this.byName(tx, name);
      const removed = await tx.run(
        sql`DELETE FROM ctlog.log_roots WHERE ${tx.tenant()} AND log_id = ${log.id} AND fingerprint = ${Buffer.from(fingerprint, 'hex')}`,
      );
      if (removed === 0) throw new ProblemException(problem(404, 'no such root'));
    });
  }

  async byName(tx: CtTx, name: string, lock = false): Promise<LogRecord> {
    const row = await tx.one<Record<string, unknown>>(
      sql`SELECT ${sql.raw(LOG_COLUMNS)} FROM ctlog.logs WHERE ${tx.tenant()} AND name = ${name}${lock ? tx.forUpdate : sql``}`,
    );
    if (!row) throw notFound(name);
    return readLogRow(row);
  }

  private signerFor(input: NewLog): LogSigner {
    const keyError = (message: string) => new ValidationProblemException([{ in: 'body', path: 'key', message }]);
    if (input.key === 'generate') {
      if (!this.config.devKeys) throw keyError('"generate" is only available with AUTH_MODE=dev');
      try {
        input.key = this.registry.keys.generate(input.name);
      } catch (error) {
        if (!(error instanceof KeyWriteError)) throw error;
        throw error.reason === 'exists' ? conflict(`key: ${error.message}`) : keyError(error.message);
      }
    }
    const problemWithRef = KeyStore.problemWith(input.key);
    if (problemWithRef) throw keyError(problemWithRef);
    try {
      return this.registry.keys.load(input.key);
    } catch (error) {
      if (error instanceof LogKeyError) throw keyError(error.message);
      throw error;
    }
  }

  /** At most one unwindowed events log, and no two overlapping windows. */
  private async refuseOverlappingWindow(tx: CtTx, input: NewLog): Promise<void> {
    const rows = await tx.rows<Record<string, unknown>>(sql`SELECT ${sql.raw(LOG_COLUMNS)} FROM ctlog.logs WHERE ${tx.tenant()} AND kind = 'events'`);
    for (const log of rows.map(readLogRow)) {
      if (!input.notAfterStart && !log.notAfterStart)
        throw conflict(`events log "${log.name}" already takes every certificate; only one unwindowed events log is allowed`);
      if (input.notAfterStart && log.notAfterStart && input.notAfterStart < log.notAfterLimit! && log.notAfterStart < input.notAfterLimit!)
        throw conflict(`the window overlaps events log "${log.name}"`);
    }
  }

  private async resource(tx: CtTx, record: LogRecord): Promise<Record<string, unknown>> {
    const roots = await tx.rows<{ der: Buffer }>(
      sql`SELECT der FROM ctlog.log_roots WHERE ${tx.tenant()} AND log_id = ${record.id} ORDER BY added_at, fingerprint`,
    );
    const head = await tx.one<{ tree_size: unknown }>(sql`SELECT tree_size FROM ctlog.log_head WHERE ${tx.tenant()} AND log_id = ${record.id}`);
    const runtime = await this.registry.find(record.name);
    const limit = shutdownAt(record);
    return {
      name: record.name,
      kind: record.kind,
      state: runtime && runtime.state !== 'ready' ? runtime.state : record.state,
      description: record.description,
      origin: record.origin,
      log_id: b64(record.ctLogId),
      public_key: b64(record.publicKey),
      key_ref: record.keyRef,
      not_after_start: record.notAfterStart?.toISOString() ?? null,
      not_after_limit: record.notAfterLimit?.toISOString() ?? null,
      read_only_grace_s: record.readOnlyGraceS,
      read_only_at: limit?.toISOString() ?? null,
      config: record.config,
      roots: roots.map((row) => rootView(new X509Certificate(row.der))),
      tree_size: Number(head?.tree_size ?? 0),
      sth: runtime?.head ? getSthJson(runtime.head) : null,
      created_at: record.createdAt,
      updated_at: record.updatedAt,
      version: record.version,
    };
  }
}

async function insertRoot(tx: CtTx, logId: string, root: Certificate): Promise<void> {
  await tx.run(
    sql.insert('ctlog.log_roots', { tenant_id: tx.tenantId, log_id: logId, fingerprint: root.fingerprint, der: root.der, added_at: tx.now.toISOString() }),
  );
}

function rootView(x509: X509Certificate): Record<string, unknown> {
  return { fingerprint: x509.fingerprint256.replace(/:/g, ''), subject: x509.subject.replace(/\n/g, ', '), not_after: new Date(x509.validTo).toISOString() };
}
