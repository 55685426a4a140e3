/**
 * PostgreSQL stops under a stream of writes to each service, then comes back. While it is down,
 * every request is refused fast with a 503 problem and readiness fails; once it is back, the same
 * processes serve again; every acknowledged write is stored and no refused one is. Then the pool:
 * when every connection is busy, a request waits a bounded time and is answered 503.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDatabaseUrl, Store } from '@lib/persistence';
import { waitFor } from './harness/child-process';
import { type PrivatePostgres, startPrivatePostgres } from './harness/private-postgres';
import { createTestDatabase, withAdminClient } from './harness/postgres';
import { type ServerProcess, startServerProcess } from './harness/service-process';
import {
  clientFor,
  ctTarget,
  ledgerBreaches,
  OUTCOME_UNKNOWN,
  type Outcome,
  portalTarget,
  streamWrites,
  type TargetClient,
  wafTarget,
  type WriteTarget,
} from './harness/write-targets';

const POOL_TIMEOUT_MS = 1500;
/** The longest any answer may take while the database is down: one pool wait plus the retries' backoff. */
const ANSWER_BOUND_MS = POOL_TIMEOUT_MS + 2000;

interface Running {
  readonly target: WriteTarget;
  readonly server: ServerProcess;
  readonly client: TargetClient;
}

const ready = async (server: ServerProcess) => (await fetch(`${server.base}/health/ready`).catch(() => undefined))?.status;
const acked = (outcomes: readonly Outcome[]) => outcomes.filter((o) => o.status >= 200 && o.status < 300).length;

describe('PostgreSQL stopped under a write stream, then restarted [postgres]', () => {
  let postgres: PrivatePostgres;
  let url: string;
  const keys = mkdtempSync(join(tmpdir(), 'faults-auth-'));
  const running: Running[] = [];

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    const database = new URL(postgres.adminUrl);
    database.pathname = '/faults';
    await withAdminClient(postgres.adminUrl, (client) => client.query('CREATE DATABASE faults'));
    url = database.toString();
    for (const target of [portalTarget, wafTarget, ctTarget()]) {
      const server = await startServerProcess(target.script, {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        AUTH_MODE: 'dev',
        AUTH_DEV_KEY_DIR: keys,
        CTLOG_KEY_DIR: mkdtempSync(join(tmpdir(), 'faults-ctlog-')),
        DATABASE_URL: url,
        DATABASE_POOL_TIMEOUT_MS: String(POOL_TIMEOUT_MS),
        ...target.env,
      });
      const client = clientFor(server.base, target.tenant, keys);
      await target.prepare(client);
      running.push({ target, server, client });
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(running.map(({ server }) => server.stop()));
    await postgres?.stop();
  });

  it('refuses fast with 503 while down, recovers without a restart, and keeps exactly the acknowledged writes', async () => {
    const streams = running.map(({ target, client }) => ({ target, stream: streamWrites(target, () => client) }));
    await waitFor(() => streams.every(({ stream }) => acked(stream.outcomes) >= 20), 30_000, 'writes before the outage');

    const haltedAt = Date.now();
    await postgres.halt();
    await waitFor(
      async () => (await Promise.all(running.map(({ server }) => ready(server)))).every((status) => status === 503),
      10_000,
      'readiness to fail everywhere',
    );
    // Writes keep coming while the database is away.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const resumedAt = Date.now();
    await postgres.resume();
    await waitFor(
      async () => (await Promise.all(running.map(({ server }) => ready(server)))).every((status) => status === 200),
      30_000,
      'readiness to return everywhere',
    );
    const before = streams.map(({ stream }) => acked(stream.outcomes));
    await waitFor(() => streams.every(({ stream }, i) => acked(stream.outcomes) >= before[i] + 20), 30_000, 'writes after the outage');
    const ledgers = await Promise.all(streams.map(async ({ target, stream }) => ({ target, outcomes: await stream.stop() })));

    const owner = await Store.open({ location: parseDatabaseUrl(url), schemas: ['portal', 'waf', 'ctlog'] });
    try {
      for (const { target, outcomes } of ledgers) {
        const during = outcomes.filter((o) => o.startedAt > haltedAt + 200 && o.startedAt + o.ms < resumedAt);
        const refused = during.filter((o) => o.status === 503);
        // Every call of the outage got an answer, and in time: no hang, no crash, no 500.
        expect({
          service: target.name,
          noAnswer: outcomes.filter((o) => o.status === 0).length,
          errors: outcomes.filter((o) => o.status >= 500 && o.status !== 503).map((o) => `${o.status} ${o.kind}`),
        }).toEqual({ service: target.name, noAnswer: 0, errors: [] });
        expect(refused.length).toBeGreaterThan(5);
        expect({ service: target.name, slow: during.filter((o) => o.ms > ANSWER_BOUND_MS).map((o) => o.ms) }).toEqual({ service: target.name, slow: [] });
        expect(during.every((o) => o.status === 503 && o.contentType?.startsWith('application/'))).toBe(true);
        const { found, broken } = await target.inspect(running.find((r) => r.target === target)!.client, owner);
        expect({ service: target.name, ...ledgerBreaches(outcomes, found), broken }).toEqual({ service: target.name, lost: [], phantom: [], broken: [] });
        const unknown = outcomes.filter((o) => OUTCOME_UNKNOWN.has(o.kind ?? '')).length;
        process.stdout.write(
          `[faults] ${target.name}: ${outcomes.length} writes, ${acked(outcomes)} acknowledged and found, ${outcomes.filter((o) => o.status === 503).length} refused with 503 (${unknown} outcome unknown), longest refusal ${Math.max(...refused.map((o) => o.ms))} ms\n`,
        );
      }
    } finally {
      await owner.close();
    }
  }, 180_000);
});

describe('pool exhaustion [postgres]', () => {
  it('answers 503 with Retry-After after the pool timeout instead of queueing without limit', async () => {
    const database = await createTestDatabase('pool exhaustion');
    const keys = mkdtempSync(join(tmpdir(), 'pool-auth-'));
    const server = await startServerProcess(wafTarget.script, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      AUTH_MODE: 'dev',
      AUTH_DEV_KEY_DIR: keys,
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '2',
      DATABASE_POOL_TIMEOUT_MS: '500',
      DATABASE_STATEMENT_TIMEOUT_MS: '4000',
      ...wafTarget.env,
    });
    const client = clientFor(server.base, wafTarget.tenant, keys);
    try {
      // A lock taken outside the service makes each of its writes hold a pooled connection.
      await withAdminClient(database.url, async (admin) => {
        await admin.query('BEGIN');
        await admin.query('LOCK TABLE waf.policies IN ACCESS EXCLUSIVE MODE');
        const answers = await Promise.all(
          Array.from({ length: 6 }, async (_, n) => {
            const answer = await wafTarget.write(client, n);
            return { status: answer.status, retryAfter: answer.headers.get('retry-after'), body: (await answer.json()) as { type: string } };
          }),
        );
        await admin.query('ROLLBACK');
        const waited = answers.filter((a) => a.body.type.endsWith(':store-timeout'));
        // Two writes held the two connections until the statement timeout; the other four waited 500 ms.
        expect(answers.map((a) => a.status)).toEqual(Array(6).fill(503));
        expect(waited.length).toBeGreaterThanOrEqual(4);
        expect(answers.every((a) => a.retryAfter === '1')).toBe(true);
      });
      // The lock is gone: the same process writes again.
      expect((await wafTarget.write(client, 99)).status).toBe(201);
    } finally {
      await server.stop();
      await database.drop();
    }
  }, 60_000);
});
