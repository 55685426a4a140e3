import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { sql, TaskGroup } from '@lib/persistence';
import { createLogger, ReadinessRegistry } from '@lib/platform';
import { CtError } from '../common/ct-error';
import { CtMetrics } from '../common/ct-metrics';
import { CT_CONFIG, type CtConfig } from '../ct-config';
import { treeHeadSignatureInput } from '../formats/heads';
import { LogPublicKey, type LogSigner } from '../formats/log-key';
import { Sequencer } from '../sequencer/sequencer';
import { CtDb, type CtTx } from '../store/ct-db';
import { currentHead, loadRightEdge, readHeadRow } from '../store/tree-store';
import { checkIntegrity } from './integrity-check';
import { KeyStore } from './key-store';
import { LOG_COLUMNS, type LogRecord, readLogRow, shutdownAt } from '../store/log-record';
import { LogRuntime } from '../sequencer/log-runtime';

const TICK_MS = 1000;

/**
 * The logs this replica serves: loaded and integrity-checked at startup, found by
 * name through the directory afterwards, and kept fresh by a one-second tick that polls heads,
 * re-signs idle heads and flips expired logs to read-only.
 */
@Injectable()
export class LogRegistry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = createLogger('ct-logs');
  private readonly runtimes = new Map<string, LogRuntime>();
  private readonly loading = new Map<string, Promise<LogRuntime | undefined>>();
  private timer: NodeJS.Timeout | undefined;
  /** The tick in flight: a slow tick is not run twice at once. */
  private ticking: Promise<void> | undefined;
  /** Loads, startup checks, ticks and head refreshes: all settled before the store closes. */
  private readonly work = new TaskGroup((error, task) => this.log.error({ err: error, task }, 'background work failed'));
  readonly keys: KeyStore;

  constructor(
    private readonly db: CtDb,
    private readonly sequencer: Sequencer,
    private readonly metrics: CtMetrics,
    @Inject(CT_CONFIG) private readonly config: CtConfig,
    readiness: ReadinessRegistry,
  ) {
    this.keys = new KeyStore(config.keyDirectory, process.env);
    // Corrupt logs are listed, but the service stays ready for the others.
    readiness.register({ name: 'ct-logs', check: async () => this.conditions() });
  }

  get publicBaseUrl(): string {
    return this.config.publicBaseUrl;
  }

  async onApplicationBootstrap(): Promise<void> {
    // An acknowledged entry survives power loss on SQLite too.
    await this.db.store.durableCommits('ctlog');
    for (const entry of await this.db.allLogs()) void this.load(entry.name, 'background');
    this.timer = setInterval(() => {
      this.ticking ??= this.work.run('tick', (signal) => this.tick(signal)).then(() => (this.ticking = undefined));
    }, TICK_MS);
    this.timer.unref();
  }

  /**
   * After the server has closed, so in-flight submissions were sequenced, and before the store
   * closes (a global module's hook, run after this one): background work stops and settles.
   */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.work.close();
    const refusal = new CtError(503, 'unavailable', 'the log is shutting down; retry', { 'retry-after': '1' });
    await Promise.all([...this.runtimes.values()].map((runtime) => runtime.pool.close(refusal)));
  }

  /**
   * The log named in a path; undefined when no tenant has it. A log this replica has not seen (one
   * another replica just created) is loaded and checked inside the request, so it is served
   * at once rather than answered "starting".
   */
  async find(name: string): Promise<LogRuntime | undefined> {
    return this.runtimes.get(name) ?? this.load(name, 'request');
  }

  /** Loaded logs by runtime condition, for readiness. */
  conditions(): Record<string, string[]> {
    const by: Record<string, string[]> = { ready: [], starting: [], corrupt: [], key_unavailable: [] };
    for (const runtime of this.runtimes.values()) by[runtime.state].push(runtime.name);
    return by;
  }

  /** A log just created by the admin API: served at once (size 0 needs no check). */
  register(record: LogRecord, runtimeSetup: (runtime: LogRuntime) => void): LogRuntime {
    const runtime = this.newRuntime(record);
    runtimeSetup(runtime);
    this.runtimes.set(record.name, runtime);
    this.metrics.setState(record.name, 'ready');
    return runtime;
  }

  /** Replaces a runtime's record after an admin change (the tick also refreshes it). */
  refreshRecord(record: LogRecord): void {
    const runtime = this.runtimes.get(record.name);
    runtime?.updateRecord(record);
  }

  /** The runtime, ready to serve, or the 503 a starting/corrupt log answers. */
  requireServing(runtime: LogRuntime): void {
    if (runtime.state === 'starting') throw new CtError(503, 'unavailable', 'the log is starting', { 'retry-after': '5' });
    if (runtime.state === 'corrupt') throw new CtError(503, 'corrupt', 'this log failed its integrity check');
  }

  /** Writes need the key (503) and a log that is not read-only (410). */
  requireWritable(runtime: LogRuntime): void {
    if (runtime.state === 'key_unavailable') throw new CtError(503, 'unavailable', 'the log signing key is unavailable', { 'retry-after': '5' });
    const limit = shutdownAt(runtime.record);
    if (runtime.record.state === 'read_only' || (limit && Date.now() >= limit.getTime())) throw new CtError(410, 'shutdown', 'this log is read-only');
  }

  /**
   * Loads the right edge of the cached head when a batch or a poll left it unknown, or the stored
   * head when the cached one is smaller than `minSize` (an entry another replica just committed).
   */
  async ensureEdge(tx: CtTx, runtime: LogRuntime, minSize = 0): Promise<void> {
    if (runtime.edge && runtime.head && runtime.edge.size === runtime.head.treeSize && runtime.head.treeSize >= minSize) return;
    const head = await currentHead(tx, runtime.logId);
    if (!head) return;
    const edge = await loadRightEdge(tx, runtime.logId, head);
    if (!edge) throw new CtError(503, 'unavailable', 'the log is catching up; retry', { 'retry-after': '1' });
    runtime.adopt(head, edge);
    runtime.adoptEdge(edge);
  }

  private newRuntime(record: LogRecord): LogRuntime {
    return new LogRuntime(record, new LogPublicKey(record.publicKey), (runtime, items) => this.sequencer.commit(runtime, items));
  }

  /**
   * At boot (`background`) every log is listed at once as starting and checked in the background,
   * so readiness can tell; a log first asked for by a request is checked before it is listed.
   * One load per name at a time: a request during a background load gets its starting runtime.
   */
  private load(name: string, mode: 'background' | 'request'): Promise<LogRuntime | undefined> {
    let pending = this.loading.get(name);
    if (!pending) {
      pending = (mode === 'background' ? this.work.run(`load ${name}`, () => this.loadOnce(name, mode)) : this.loadOnce(name, mode)).finally(() =>
        this.loading.delete(name),
      );
      this.loading.set(name, pending);
    }
    return pending;
  }

  private async loadOnce(name: string, mode: 'background' | 'request'): Promise<LogRuntime | undefined> {
    const existing = this.runtimes.get(name);
    if (existing) return existing;
    const entry = await this.db.directory(name);
    if (!entry) return undefined;
    const record = await this.db.forLog(entry.tenantId, (tx) => readLog(tx, entry.logId));
    if (!record) return undefined;
    const runtime = this.newRuntime(record);
    this.metrics.setState(name, 'starting');
    if (mode === 'request') {
      // A store fault fails this request (503) and the next one tries again.
      await this.startupCheck(runtime, this.work.signal);
      this.runtimes.set(name, runtime);
      return runtime;
    }
    this.runtimes.set(name, runtime);
    void this.work.run(`startup check of ${name}`, async (signal) => {
      try {
        await this.startupCheck(runtime, signal);
      } catch (error) {
        // The database was unreachable: try again on a later use.
        this.runtimes.delete(runtime.name);
        if (!signal.aborted) this.log.error({ log: runtime.name, err: error }, 'log could not be loaded');
      }
    });
    return runtime;
  }

  /** Key, then integrity: sets the runtime's state; a store fault is thrown. */
  private async startupCheck(runtime: LogRuntime, signal: AbortSignal): Promise<void> {
    let signer: LogSigner | undefined;
    try {
      signer = this.keys.load(runtime.record.keyRef);
      if (!signer.spki.equals(runtime.record.publicKey)) throw new Error('the key does not match the log public key');
    } catch (error) {
      signer = undefined;
      this.log.error({ log: runtime.name, reason: (error as Error).message }, 'log key unavailable: serving reads only');
    }
    const rehash = this.config.startupVerifyFull ? Number.MAX_SAFE_INTEGER : this.config.startupRehash;
    const result = await this.db.forLog(runtime.tenantId, (tx) => checkIntegrity(tx, runtime.logId, runtime.publicKey, rehash, signal));
    if (!result.ok) {
      runtime.markCorrupt();
      this.metrics.setState(runtime.name, 'corrupt');
      this.log.error({ log: runtime.name, problem: result.problem }, 'log failed its startup integrity check: refusing to serve it');
      return;
    }
    runtime.adopt(result.head, result.edge);
    runtime.serve(signer);
    this.metrics.setState(runtime.name, runtime.state);
    this.metrics.treeSize.set({ log: runtime.name }, result.head.treeSize);
  }

  /** `NOTIFY ctlog_head` from any replica: adopt the log's stored head now rather than at the next poll. */
  headChanged(logId: string): void {
    const runtime = [...this.runtimes.values()].find((r) => r.logId === logId);
    if (!runtime || (runtime.state !== 'ready' && runtime.state !== 'key_unavailable')) return;
    void this.work.run(`head refresh of ${runtime.name}`, async () => {
      // The next tick polls the head anyway: a failed refresh is only a late one.
      const head = await this.db
        .forLog(runtime.tenantId, (tx) => currentHead(tx, logId))
        .catch((error: unknown) => void this.log.warn({ log: runtime.name, err: error }, 'head refresh failed'));
      if (head) runtime.adopt(head, undefined);
    });
  }

  private async tick(signal: AbortSignal): Promise<void> {
    for (const runtime of this.runtimes.values()) {
      if (signal.aborted) return;
      if (runtime.state !== 'ready' && runtime.state !== 'key_unavailable') continue;
      try {
        await this.db.forLog(runtime.tenantId, (tx) => this.refresh(tx, runtime));
      } catch (error) {
        this.log.warn({ log: runtime.name, err: error }, 'log refresh failed');
      }
    }
  }

  /** Polls the record and head; flips an expired log to read-only; re-signs an idle head. */
  private async refresh(tx: CtTx, runtime: LogRuntime): Promise<void> {
    const row = await tx.one<Record<string, unknown>>(sql`SELECT ${sql.raw(
      LOG_COLUMNS.split(', ')
        .map((c) => `l.${c}`)
        .join(', '),
    )}, h.tree_size, h.root_hash, h.timestamp_ms, h.signature
      FROM ctlog.logs l JOIN ctlog.log_head h ON h.tenant_id = l.tenant_id AND h.log_id = l.id WHERE ${tx.tenant('l')} AND l.id = ${runtime.logId}`);
    if (!row) return;
    const record = readLogRow(row);
    runtime.updateRecord(record);
    runtime.adopt(readHeadRow(row), undefined);
    const current = runtime.head!;
    const now = Date.now();
    this.metrics.poolPending.set({ log: runtime.name }, runtime.pool.size);
    this.metrics.headAge.set({ log: runtime.name }, (now - current.timestampMs) / 1000);
    const limit = shutdownAt(record);
    if (record.state === 'active' && limit && now >= limit.getTime()) {
      await tx.run(sql`UPDATE ctlog.logs SET state = 'read_only', read_only_at = ${new Date(now).toISOString()}, version = version + 1, updated_at = ${new Date(now).toISOString()}
        WHERE ${tx.tenant()} AND id = ${runtime.logId} AND state = 'active'`);
      runtime.updateRecord({ ...record, state: 'read_only' });
    }
    if (!runtime.signer || runtime.state !== 'ready') return;
    const readOnly = runtime.record.state === 'read_only';
    if (readOnly && (runtime.finalHeadSigned || runtime.pool.size > 0)) return;
    if (!readOnly && now - current.timestampMs < record.config.idle_resign_ms) return;
    const timestampMs = Math.max(now, current.timestampMs + 1);
    const signature = runtime.signer.sign(treeHeadSignatureInput(timestampMs, current.treeSize, current.rootHash));
    const swapped =
      await tx.run(sql`UPDATE ctlog.log_head SET timestamp_ms = ${timestampMs}, signature = ${signature}, updated_at = ${new Date(now).toISOString()}
      WHERE ${tx.tenant()} AND log_id = ${runtime.logId} AND tree_size = ${current.treeSize} AND root_hash = ${current.rootHash} AND timestamp_ms = ${current.timestampMs}`);
    if (swapped === 1) {
      runtime.adopt({ ...current, timestampMs, signature }, runtime.edge);
      if (readOnly) runtime.markFinalHeadSigned();
    }
  }
}

export async function readLog(tx: CtTx, logId: string): Promise<LogRecord | undefined> {
  const row = await tx.one<Record<string, unknown>>(sql`SELECT ${sql.raw(LOG_COLUMNS)} FROM ctlog.logs WHERE ${tx.tenant()} AND id = ${logId}`);
  return row ? readLogRow(row) : undefined;
}
