import { Client } from 'pg';
import { Store } from '@lib/persistence';
import { describeBackends } from '../../../test/harness/backends';
import { withAdminClient } from '../../../test/harness/postgres';
import { headFromJson } from '../src/formats/heads';
import { LogRegistry } from '../src/logs/log-registry';
import { parseMerkleTreeLeaf } from '../src/formats/rfc6962-leaf';
import { leafHash, rootOfHashes } from '../src/merkle/hash';
import { ADMIN, ADMIN_B, type CtUnderTest, holdSequencer, newKeyDirectory, startCtLog, SUBMITTER, TENANT_A, TENANT_B, waitServing } from './ct-harness';
import { waitFor } from '../../../test/harness/child-process';
import { createRoot, issue, type Issued } from './test-pki';
// The owner's raw connection, past the Store's error translation: the trigger's own refusal is the point.
import { dataSourceOf } from '../../../libs/persistence/src/store';

const b = (text: string) => Buffer.from(text, 'base64');
const DAY = 86_400_000;
const IMMUTABLE = ['entries', 'sth', 'issuers', 'tiles', 'log_directory'];

describeBackends('ct-log immutability, isolation and sequencing', (backend) => {
  let ct: CtUnderTest;
  let root: Issued;
  const keys = newKeyDirectory();

  beforeAll(async () => {
    ct = await startCtLog(backend, { CTLOG_KEY_DIR: keys });
    root = await createRoot();
    const created = await ct.call('POST', '/api/v1/admin/logs', { body: { name: 'main', kind: 'rfc6962', key: 'generate', roots: [root.pem] } });
    expect(created.status).toBe(201);
    await waitServing(ct, 'main');
    for (let i = 0; i < 3; i++) expect((await add(ct, 'main', [await issue(root)])).status).toBe(200);
  });
  afterAll(() => ct?.close());

  it('keeps each tenant to its own logs through the authenticated API', async () => {
    expect((await ct.call('GET', '/api/v1/admin/logs', { who: ADMIN_B })).body.logs).toEqual([]);
    expect((await ct.call('PATCH', '/api/v1/admin/logs/main', { who: ADMIN_B, body: { description: 'mine' } })).status).toBe(404);
    expect((await ct.call('POST', '/api/v1/admin/logs', { who: ADMIN_B, body: { name: 'main', kind: 'events', key: 'generate' } })).status).toBe(409);
    expect((await ct.call('GET', '/api/v1/admin/logs', { who: ADMIN })).body.logs.map((l: { name: string }) => l.name)).toEqual(['main']);
  });

  it('answers certificates outside the shard window with badSubmission', async () => {
    const now = Date.now();
    const created = await ct.call('POST', '/api/v1/admin/logs', {
      body: {
        name: 'shard-2030',
        kind: 'rfc6962',
        key: 'generate',
        roots: [root.b64],
        not_after_start: new Date(now + 10 * DAY).toISOString(),
        not_after_limit: new Date(now + 20 * DAY).toISOString(),
      },
    });
    expect(created.status).toBe(201);
    const outside = await add(ct, 'shard-2030', [await issue(root, { notAfter: new Date(now + 30 * DAY) })]);
    expect(outside.body.error_code).toBe('badSubmission');
    expect((await add(ct, 'shard-2030', [await issue(root, { notAfter: new Date(now + 15 * DAY) })])).status).toBe(200);
  });

  // On SQLite a committing batch holds the one connection, which the next submission needs before
  // it reaches the pool; the pool's own accounting is unit-tested (submission-pool.spec.ts).
  if (backend.kind === 'postgres')
    it('answers 503 poolFull with Retry-After while the pool is full', async () => {
      expect(
        (
          await ct.call('POST', '/api/v1/admin/logs', {
            body: { name: 'tiny', kind: 'rfc6962', key: 'generate', roots: [root.b64], config: { pool_size: 1, retry_after_s: [2, 3] } },
          })
        ).status,
      ).toBe(201);
      const pool = (await ct.service.app.get(LogRegistry).find('tiny'))!.pool;
      const release = await holdSequencer(backend, 'tiny');
      let first: Promise<Awaited<ReturnType<typeof add>>>;
      try {
        first = add(ct, 'tiny', [await issue(root)]);
        await waitFor(async () => pool.size === 1, 4000, 'the first submission to be committing');
        const second = await add(ct, 'tiny', [await issue(root)]);
        expect(second.status).toBe(503);
        expect(second.body.error_code).toBe('poolFull');
        expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(2);
      } finally {
        await release();
      }
      expect((await first!).status).toBe(200);
    });

  it('refuses a read-only log with 410 shutdown and never goes back', async () => {
    expect((await ct.call('POST', '/api/v1/admin/logs', { body: { name: 'frozen', kind: 'rfc6962', key: 'generate', roots: [root.b64] } })).status).toBe(201);
    expect((await ct.call('PATCH', '/api/v1/admin/logs/frozen', { body: { state: 'read_only' }, headers: { 'if-match': 'W/"7"' } })).status).toBe(412);
    // If-Match takes the weak tag GET gives, in a list too.
    const read = await ct.call('GET', '/api/v1/admin/logs/frozen');
    const described = await ct.call('PATCH', '/api/v1/admin/logs/frozen', {
      body: { description: 'frozen soon' },
      headers: { 'if-match': `W/"7", ${read.headers.get('etag')}` },
    });
    expect(described.status).toBe(200);
    expect((await ct.call('PATCH', '/api/v1/admin/logs/frozen', { body: { state: 'read_only' } })).body.state).toBe('read_only');
    expect((await add(ct, 'frozen', [await issue(root)])).body.error_code).toBe('shutdown');
    expect((await ct.call('PATCH', '/api/v1/admin/logs/frozen', { body: { state: 'active' } })).status).toBe(409);
    expect((await ct.call('PATCH', '/api/v1/admin/logs/frozen', { body: { name: 'thawed' } })).status).toBe(422);
  });

  if (backend.kind === 'postgres') {
    it('lets the app role only read and insert history; triggers bind the owner too', async () => {
      const client = new Client({ connectionString: backend.url });
      await client.connect();
      try {
        for (const table of IMMUTABLE) {
          for (const statement of [`UPDATE ctlog.${table} SET tenant_id = tenant_id`, `DELETE FROM ctlog.${table}`, `TRUNCATE ctlog.${table}`]) {
            await client.query('BEGIN');
            await client.query('SET LOCAL ROLE ctlog_app');
            await client.query(`SELECT set_config('app.tenant_id', '${TENANT_A}', true)`);
            await expect(client.query(statement)).rejects.toThrow(/permission denied/);
            await client.query('ROLLBACK');
          }
          await expect(client.query(`DELETE FROM ctlog.${table}`)).rejects.toThrow(/append-only/);
          await expect(client.query(`UPDATE ctlog.${table} SET tenant_id = tenant_id`)).rejects.toThrow(/append-only/);
          await expect(client.query(`TRUNCATE ctlog.${table} CASCADE`)).rejects.toThrow(/append-only/);
        }
        await expect(client.query('DELETE FROM ctlog.log_head')).rejects.toThrow(/append-only/);
        await expect(client.query('UPDATE ctlog.log_head SET tree_size = tree_size + 1, timestamp_ms = timestamp_ms + 1')).rejects.toThrow(/equal sth row/);
        await expect(client.query('UPDATE ctlog.log_head SET timestamp_ms = timestamp_ms - 1')).rejects.toThrow(/must increase/);
        await expect(
          client.query('INSERT INTO ctlog.sth SELECT tenant_id, log_id, 1, timestamp_ms, root_hash, signature, now() FROM ctlog.sth WHERE tree_size = 0'),
        ).rejects.toThrow(/must exceed/);
        await expect(client.query("UPDATE ctlog.logs SET name = 'renamed'")).rejects.toThrow(/immutable/);
        await expect(client.query("UPDATE ctlog.logs SET state = 'active' WHERE state = 'read_only'")).rejects.toThrow(/stays read-only/);
        await expect(client.query('DELETE FROM ctlog.logs')).rejects.toThrow(/cannot be deleted/);
        await client.query('BEGIN');
        await client.query('SET LOCAL ROLE ctlog_app');
        await client.query(`SELECT set_config('app.tenant_id', '${TENANT_B}', true)`);
        expect((await client.query('SELECT count(*)::int AS n FROM ctlog.entries')).rows[0].n).toBe(0);
        await expect(
          client.query(`INSERT INTO ctlog.log_directory VALUES ('stolen', '${TENANT_A}', gen_random_uuid(), decode(repeat('ab', 32), 'hex'))`),
        ).rejects.toThrow(/current tenant/);
        await client.query('ROLLBACK');
      } finally {
        await client.end();
      }
    });

    it('sequences one consistent tree from two replicas submitting concurrently', async () => {
      const other = await startCtLog(backend, { CTLOG_KEY_DIR: keys });
      try {
        await waitServing(other, 'main');
        const heard = jest.spyOn(other.service.app.get(LogRegistry), 'headChanged');
        const leaves = await Promise.all(Array.from({ length: 60 }, () => issue(root)));
        const answers = await Promise.all(leaves.map((leaf, i) => add(i % 2 === 0 ? ct : other, 'main', [leaf])));
        expect(answers.map((a) => a.status)).toEqual(leaves.map(() => 200));
        await delay(1200); // both replicas poll the head
        const sth = headFromJson((await other.call('GET', '/logs/main/ct/v1/get-sth', { who: null })).body)!;
        const entries = (await ct.call('GET', `/logs/main/ct/v1/get-entries?start=0&end=${sth.treeSize - 1}`, { who: null })).body.entries;
        expect(entries).toHaveLength(sth.treeSize);
        const parsed = entries.map((e: { leaf_input: string }) => parseMerkleTreeLeaf(b(e.leaf_input)));
        expect(parsed.map((p: { leafIndex: number }) => p.leafIndex)).toEqual(entries.map((_: unknown, i: number) => i));
        expect(rootOfHashes(entries.map((e: { leaf_input: string }) => leafHash(b(e.leaf_input)))).equals(sth.rootHash)).toBe(true);
        answers.forEach((answer, i) => {
          const index = b(answer.body.extensions).readUIntBE(3, 5);
          expect(index).toBeLessThan(sth.treeSize);
          expect(parsed[index].entry.subarray(3).equals(leaves[i].der)).toBe(true);
        });
        const timestamps = parsed.map((p: { timestampMs: number }) => p.timestampMs);
        expect([...timestamps].sort((x, y) => x - y)).toEqual(timestamps);
        // The other replica heard every batch's NOTIFY ctlog_head, including those of the first.
        const { logId } = (await other.service.app.get(LogRegistry).find('main'))!;
        expect(heard.mock.calls.length).toBeGreaterThanOrEqual(2);
        expect(new Set(heard.mock.calls.map(([id]) => id))).toEqual(new Set([logId]));
      } finally {
        await other.close();
      }
    });

    it('serves a log another replica just created on its first request, without a 503 while it loads it', async () => {
      const other = await startCtLog(backend, { CTLOG_KEY_DIR: keys });
      try {
        await waitServing(other, 'main');
        expect((await ct.call('POST', '/api/v1/admin/logs', { body: { name: 'fresh', kind: 'rfc6962', key: 'generate', roots: [root.b64] } })).status).toBe(
          201,
        );
        // The other replica has never seen "fresh": its first reads and writes load it inside the request.
        const leaves = await Promise.all(Array.from({ length: 8 }, () => issue(root)));
        const answers = await Promise.all([
          other.call('GET', '/logs/fresh/ct/v1/get-sth', { who: null }),
          other.call('GET', '/logs/fresh/checkpoint', { who: null }),
          ...leaves.map((leaf) => add(other, 'fresh', [leaf])),
        ]);
        expect(answers.map((answer) => [answer.status, answer.headers.get('retry-after')])).toEqual(answers.map(() => [200, null]));
      } finally {
        await other.close();
      }
    });

    it('with CTLOG_STARTUP_VERIFY=full, refuses to serve a log whose history holds a head that does not verify, as ctlog verify does', async () => {
      expect((await ct.call('POST', '/api/v1/admin/logs', { body: { name: 'history', kind: 'rfc6962', key: 'generate', roots: [root.b64] } })).status).toBe(
        201,
      );
      await waitServing(ct, 'history');
      for (let i = 0; i < 3; i++) expect((await add(ct, 'history', [await issue(root)])).status).toBe(200);
      // A head of the history, not the current one: its root no longer matches its signature.
      const rewrite = (root: string) =>
        withAdminClient(backend.url, async (client) => {
          await client.query('BEGIN');
          await client.query('SET LOCAL session_replication_role = replica');
          const [row] = (
            await client.query(
              `UPDATE ctlog.sth s SET root_hash = decode($1, 'hex') FROM ctlog.sth old
            WHERE s.log_id = (SELECT log_id FROM ctlog.log_directory WHERE name = 'history') AND s.tree_size = 1 AND old.tenant_id = s.tenant_id AND old.log_id = s.log_id AND old.tree_size = 1
            RETURNING encode(old.root_hash, 'hex') AS before`,
              [root],
            )
          ).rows;
          await client.query('COMMIT');
          return row.before as string;
        });
      const original = await rewrite('ff'.repeat(32));
      try {
        const full = await startCtLog(backend, { CTLOG_KEY_DIR: keys, CTLOG_STARTUP_VERIFY: 'full' });
        try {
          let answer = await full.call('GET', '/logs/history/ct/v1/get-sth', { who: null });
          for (let i = 0; i < 50 && answer.body.error_code === 'unavailable'; i++) {
            await delay(100);
            answer = await full.call('GET', '/logs/history/ct/v1/get-sth', { who: null });
          }
          expect(answer.body.error_code).toBe('corrupt');
          // Every other log finishes its own full check and is served.
          await waitServing(full, 'main');
          const ready = await full.call('GET', '/health/ready', { who: null });
          expect(ready.body.info['ct-logs'].corrupt).toEqual(['history']);
          expect(ready.body.info['ct-logs'].ready).toContain('main');
        } finally {
          await full.close();
        }
      } finally {
        await rewrite(original);
      }
    });

    it('refuses to serve a log whose stored tiles no longer hash to its signed root', async () => {
      const client = new Client({ connectionString: backend.url });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query('SET LOCAL session_replication_role = replica');
        await client.query(
          `UPDATE ctlog.tiles SET hashes = overlay(hashes placing '\\xff'::bytea from 1 for 1) WHERE level = 0 AND log_id = (SELECT log_id FROM ctlog.log_directory WHERE name = 'main')`,
        );
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
      const restarted = await startCtLog(backend, { CTLOG_KEY_DIR: keys });
      try {
        // Each log re-hashes its tiles at startup and answers 503 `unavailable` until it is done.
        const sthOnceStarted = async (log: string) => {
          let answer = await restarted.call('GET', `/logs/${log}/ct/v1/get-sth`, { who: null });
          for (let i = 0; i < 50 && answer.body.error_code === 'unavailable'; i++) {
            await delay(100);
            answer = await restarted.call('GET', `/logs/${log}/ct/v1/get-sth`, { who: null });
          }
          return answer;
        };
        const answer = await sthOnceStarted('main');
        expect(answer.status).toBe(503);
        expect(answer.body.error_code).toBe('corrupt');
        expect(answer.headers.get('retry-after')).toBeNull();
        expect((await restarted.call('GET', '/logs/main/metadata', { who: null })).body.state).toBe('corrupt');
        expect((await sthOnceStarted('tiny')).status).toBe(200);
        const ready = await restarted.call('GET', '/health/ready', { who: null });
        expect(ready.status).toBe(200);
        expect(ready.body.info['ct-logs'].corrupt).toEqual(['main']);
        expect(ready.body.info['ct-logs'].ready).toContain('tiny');
      } finally {
        await restarted.close();
      }
    });
  } else {
    it('triggers refuse changes to history on SQLite', async () => {
      const store = ct.service.app.get(Store);
      for (const table of IMMUTABLE) {
        await expect(dataSourceOf(store).query(`DELETE FROM ctlog.${table}`)).rejects.toThrow(/append-only/);
        await expect(dataSourceOf(store).query(`UPDATE ctlog.${table} SET tenant_id = tenant_id`)).rejects.toThrow(/append-only/);
      }
      await expect(dataSourceOf(store).query('UPDATE ctlog.log_head SET tree_size = tree_size + 1, timestamp_ms = timestamp_ms + 1')).rejects.toThrow(
        /equal sth row/,
      );
      await expect(dataSourceOf(store).query("UPDATE ctlog.logs SET name = 'renamed'")).rejects.toThrow(/immutable/);
    });
  }
});

function add(ct: CtUnderTest, log: string, chain: Issued[]) {
  return ct.call('POST', `/logs/${log}/ct/v1/add-chain`, { who: SUBMITTER, body: { chain: chain.map((c) => c.b64) } });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
