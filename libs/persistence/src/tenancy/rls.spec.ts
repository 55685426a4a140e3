import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase, withAdminClient } from '../../../../test/harness/postgres';
import { appRoleName, provisionSchemaSql } from './rls';

/** Until `pid` waits on a lock, so the race below is the one we mean to provoke. */
async function blockedOnLock(observer: Client, pid: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const { rows } = await observer.query('SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1', [pid]);
    if (rows[0]?.wait_event_type === 'Lock') return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`backend ${pid} never waited on a lock`);
}

describe('schema provisioning on PostgreSQL', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });

  it('lets two databases of one server create the same cluster-wide app role at once', async () => {
    const [first, second] = [await createTestDatabase('provision_a'), await createTestDatabase('provision_b')];
    databases.push(first, second);
    const schema = `race_${randomBytes(4).toString('hex')}`;
    const [one, two] = [new Client({ connectionString: first.url }), new Client({ connectionString: second.url })];
    await Promise.all([one.connect(), two.connect()]);
    try {
      // The first creates the role and holds its transaction open; the second misses the
      // uncommitted role, blocks on the role's unique index, and sees the first commit.
      await one.query('BEGIN');
      for (const statement of provisionSchemaSql(schema)) await one.query(statement);
      const secondPid = (await two.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
      const secondRun = (async () => {
        await two.query('BEGIN');
        for (const statement of provisionSchemaSql(schema)) await two.query(statement);
        await two.query('COMMIT');
      })();
      await withAdminClient(first.url, (observer) => blockedOnLock(observer, secondPid));
      await one.query('COMMIT');
      await expect(secondRun).resolves.toBeUndefined();
      const { rows } = await two.query(`SELECT has_schema_privilege($1, $2, 'USAGE') AS usage`, [appRoleName(schema), schema]);
      expect(rows[0].usage).toBe(true);
    } finally {
      await Promise.all([one.end(), two.end()]);
      await withAdminClient(first.url, (admin) => admin.query(`DROP OWNED BY "${appRoleName(schema)}"`).then(() => undefined)).catch(() => undefined);
    }
  });
});
