import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { built } from '../../../test/harness/built';
import { createTestDatabase, type TestDatabase, withAdminClient } from '../../../test/harness/postgres';
import { leafHash } from '../src/merkle/hash';
import { type CtUnderTest, startCtLog, waitServing } from './ct-harness';
import { freePort } from '../../../test/harness/free-port';

const run = promisify(execFile);

/** Runs the built CLI; resolves with its exit code and output whatever the code. */
async function ctlog(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [built('apps/ct-log/src/cli/ctlog-cli.js'), ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('ctlog verify against a live log [postgres]', () => {
  let database: TestDatabase;
  let ct: CtUnderTest;

  beforeAll(async () => {
    database = await createTestDatabase('ctlog verify');
    ct = await startCtLog({ kind: 'postgres', url: database.url });
    expect(
      (await ct.call('POST', '/api/v1/admin/logs', { body: { name: 'audit', kind: 'events', key: 'generate', config: { get_entries_max: 70 } } })).status,
    ).toBe(201);
    await waitServing(ct, 'audit');
    // 600 leaves in batches of varied size: two full level-0 tiles and a partial one, many heads;
    // pages of 70 entries, so pages and tiles never align.
    for (const count of [256, 1, 100, 243]) {
      const leaves = Array.from({ length: count }, () => randomBytes(1 + (count % 40)).toString('base64'));
      expect((await ct.call('POST', '/api/v1/admin/logs/audit/test/append-raw', { body: { leaves } })).status).toBe(200);
    }
  });
  afterAll(async () => {
    await ct?.close();
    await database?.drop();
  });

  it('prints its usage and exit codes', async () => {
    const help = await ctlog('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes: 0 consistent/);
    expect((await ctlog('verify', '--log', 'audit')).code).toBe(2);
    expect((await ctlog('verify', '--log', 'nope', '--url', ct.base)).code).toBe(2);
    // A log that cannot be reached: exit 4, and the reason, not just "fetch failed".
    const dead = await ctlog('verify', '--log', 'audit', '--url', `http://127.0.0.1:${await freePort()}`);
    expect({ code: dead.code, reason: /ECONNREFUSED/.test(dead.stderr) }).toEqual({ code: 4, reason: true });
  });

  it('keygen writes a P-256 key once and refuses to overwrite it, with a message and exit 2', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ctlog-keygen-'));
    try {
      const out = join(directory, 'log.pem');
      expect((await ctlog('keygen', '--out', out)).code).toBe(0);
      const first = readFileSync(out, 'utf8');
      expect(first).toContain('BEGIN PRIVATE KEY');
      const again = await ctlog('keygen', '--out', out);
      expect(again.code).toBe(2);
      expect(again.stderr).toBe(`ctlog keygen: ${out} already exists; reference the existing key, or move it away to generate a new one\n`);
      expect(readFileSync(out, 'utf8')).toBe(first);
      const nowhere = await ctlog('keygen', '--out', join(out, 'under-a-file.pem'));
      expect(nowhere.code).toBe(2);
      expect(nowhere.stderr).toMatch(/cannot be written \(ENOTDIR\)/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('answers key: generate with 409 when the key file exists and 422 when the key directory cannot hold it', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ctlog-keydir-'));
    try {
      writeFileSync(join(directory, 'taken.pem'), 'not mine to overwrite');
      const taken = await startCtLog({ kind: 'postgres', url: database.url }, { CTLOG_KEY_DIR: directory });
      try {
        const exists = await taken.call('POST', '/api/v1/admin/logs', { body: { name: 'taken', kind: 'rfc6962', key: 'generate' } });
        expect(exists.status).toBe(409);
        expect(exists.body.detail).toContain('file:taken.pem already exists');
        expect(readFileSync(join(directory, 'taken.pem'), 'utf8')).toBe('not mine to overwrite');
      } finally {
        await taken.close();
      }
      const readOnly = await startCtLog({ kind: 'postgres', url: database.url }, { CTLOG_KEY_DIR: join(directory, 'taken.pem', 'keys') });
      try {
        const refused = await readOnly.call('POST', '/api/v1/admin/logs', { body: { name: 'elsewhere', kind: 'rfc6962', key: 'generate' } });
        expect(refused.status).toBe(422);
        expect(refused.body.errors).toEqual([{ in: 'body', path: 'key', message: expect.stringContaining('npm run ctlog -- keygen --out FILE') }]);
        expect((await readOnly.call('GET', '/api/v1/admin/logs/elsewhere')).status).toBe(404);
      } finally {
        await readOnly.close();
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('test hook: appends nothing when a leaf repeats or is present, and only to events logs', async () => {
    const leaf = randomBytes(16).toString('base64');
    expect((await ct.call('POST', '/api/v1/admin/logs/audit/test/append-raw', { body: { leaves: [leaf, leaf] } })).status).toBe(409);
    const first = (await ct.call('GET', '/logs/audit/ct/v1/get-entries?start=0&end=0', { who: null })).body.entries[0].leaf_input;
    expect((await ct.call('POST', '/api/v1/admin/logs/audit/test/append-raw', { body: { leaves: [leaf, first] } })).status).toBe(409);
    expect((await ct.call('POST', '/api/v1/admin/logs/audit/test/append-raw', { body: { leaves: [Buffer.from('CTEV\x01').toString('base64')] } })).status).toBe(
      422,
    );
    expect((await ct.call('POST', '/api/v1/admin/logs', { body: { name: 'x509', kind: 'rfc6962', key: 'generate' } })).status).toBe(201);
    expect((await ct.call('POST', '/api/v1/admin/logs/x509/test/append-raw', { body: { leaves: [leaf] } })).status).toBe(422);
  });

  it('finds the log consistent, then reports the first divergence after a tampered entry', async () => {
    expect((await ctlog('verify', '--log', 'audit', '--url', ct.base, '--concurrency', '0')).code).toBe(2);
    const clean = await ctlog('verify', '--log', 'audit', '--url', ct.base, '--json', '--sample-proofs', '20', '--concurrency', '3');
    expect(clean.code).toBe(0);
    const report = JSON.parse(clean.stdout);
    expect(report).toMatchObject({ ok: true, tree_size: 600, entries: 600, first_divergence: null });
    expect(report.heads).toBe(5);
    expect(report.consistency_proofs).toBe(4);

    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query("UPDATE ctlog.entries SET leaf_input = leaf_input || '\\x00'::bytea WHERE leaf_index IN (300, 420)");
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    const tampered = await ctlog('verify', '--log', 'audit', '--url', ct.base, '--json', '--sample-proofs', '0');
    expect(tampered.code).toBe(3);
    // computed: the hash of the entry as served now; served: the tile's hash, still the original leaf's.
    const [row] = (
      await withAdminClient(database.url, (admin) =>
        admin.query(
          "SELECT leaf_input, leaf_hash FROM ctlog.entries e JOIN ctlog.log_directory d ON d.log_id = e.log_id WHERE d.name = 'audit' AND leaf_index = 300",
        ),
      )
    ).rows;
    expect(JSON.parse(tampered.stdout).first_divergence).toMatchObject({
      kind: 'leaf_hash_mismatch',
      leaf_index: 300,
      computed: leafHash(row.leaf_input).toString('hex'),
      served: row.leaf_hash.toString('hex'),
    });
    const human = await ctlog('verify', '--log', 'audit', '--url', ct.base, '--keep-going', '--sample-proofs', '0');
    expect(human.code).toBe(3);
    expect(human.stdout).toMatch(/DIVERGENCE leaf_hash_mismatch/);
  });
});
