import { createService } from '@lib/platform';
import { describeBackends } from '../../../test/harness/backends';
import { waitFor } from '../../../test/harness/child-process';
import { withAdminClient } from '../../../test/harness/postgres';
import { CtLogService } from '../src/ct-log.service-definition';
import { LogRegistry } from '../src/logs/log-registry';
import { holdSequencer, newKeyDirectory, startCtLog, SUBMITTER, waitServing } from './ct-harness';
import { createRoot, issue, type Issued } from './test-pki';

/**
 * A replica's background work (log loads and their startup checks, the tick, the head listener,
 * the submission pools) ends before its store closes: nothing of it outlives the service.
 */
describeBackends('ct-log shutdown', (backend) => {
  const keys = newKeyDirectory();
  const LOGS = 6;
  let root: Issued;

  beforeAll(async () => {
    root = await createRoot();
    const ct = await startCtLog(backend, { CTLOG_KEY_DIR: keys });
    try {
      for (let i = 0; i < LOGS; i++) {
        expect((await ct.call('POST', '/api/v1/admin/logs', { body: { name: `log-${i}`, kind: 'rfc6962', key: 'generate', roots: [root.pem] } })).status).toBe(
          201,
        );
        await waitServing(ct, `log-${i}`);
      }
    } finally {
      await ct.close();
    }
  }, 60_000);

  /** Sessions on the test database other than the one asking. */
  const otherSessions = () =>
    withAdminClient(backend.url, async (client) =>
      Number((await client.query('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')).rows[0].n),
    );
  /** A closed connection's server process exits a moment after the client has gone; a leaked one never does. */
  const noSessionLeft = () => waitFor(async () => (await otherSessions()) === 0, 5000, 'every session of the closed service to end');

  it('stopped while its logs are still loading, it lets every load settle before the store closes', async () => {
    const failures: unknown[] = [];
    const collect = (reason: unknown) => failures.push(reason);
    process.on('unhandledRejection', collect);
    // On a busy machine a round's loads may all finish before init returns; such a round proves
    // nothing, so rounds go on (up to ten) until three closed with loads still in flight.
    let inFlightRounds = 0;
    try {
      for (let round = 0; round < 10 && inFlightRounds < 3; round++) {
        const service = await createService(CtLogService, {
          env: {
            DATABASE_URL: backend.url,
            CTLOG_KEY_DIR: keys,
            NODE_ENV: 'test',
            AUTH_MODE: 'dev',
            AUTH_DEV_KEY_DIR: keys,
            CTLOG_PUBLIC_BASE_URL: 'https://ct.example.com',
          },
        });
        // Bootstrap starts loading all six logs; the close begins while they are in flight.
        await service.app.init();
        if (service.app.get(LogRegistry).conditions().ready.length < LOGS) inFlightRounds++;
        await service.app.close();
        // A load that outlived the close would fail on the closed store within these turns of the event loop.
        for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
        if (backend.kind === 'postgres') await noSessionLeft();
      }
    } finally {
      process.off('unhandledRejection', collect);
    }
    expect(failures.map(String)).toEqual([]);
    expect(inFlightRounds).toBeGreaterThan(0);
  }, 120_000);

  it('sequences a submission in flight when the server stops, and answers it with its SCT', async () => {
    const ct = await startCtLog(backend, { CTLOG_KEY_DIR: keys });
    await waitServing(ct, 'log-0');
    const pool = (await ct.service.app.get(LogRegistry).find('log-0'))!.pool;
    const certificate = await issue(root);
    // The batch stays committing while the sequencer lock is held elsewhere: the close begins then.
    const release = await holdSequencer(backend, 'log-0');
    const answer = ct.call('POST', '/logs/log-0/ct/v1/add-chain', { who: SUBMITTER, body: { chain: [certificate.b64] } });
    let closed: Promise<void>;
    try {
      await waitFor(async () => pool.size > 0, 4000, 'the submission to be committing');
      closed = ct.close();
    } finally {
      await release();
    }
    const submitted = await answer;
    await closed!;
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ sct_version: 0, id: expect.any(String), signature: expect.any(String) });
    if (backend.kind === 'postgres') await noSessionLeft();

    const again = await startCtLog(backend, { CTLOG_KEY_DIR: keys });
    try {
      await waitServing(again, 'log-0');
      expect((await again.call('GET', '/logs/log-0/ct/v1/get-sth', { who: null })).body.tree_size).toBe(1);
    } finally {
      await again.close();
    }
  }, 60_000);
});
