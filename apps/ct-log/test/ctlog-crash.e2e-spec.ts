/**
 * An acknowledged submission is never lost. The built service is killed with SIGKILL
 * in the middle of a load of submissions and restarted; every SCT answered before the kill must be
 * in the tree, with no gap or duplicate index.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintDevToken, readAuthConfig } from '@lib/platform';
import { built } from '../../../test/harness/built';
import { freePort } from '../../../test/harness/free-port';
import { createTestDatabase, type TestDatabase } from '../../../test/harness/postgres';
import { headFromJson } from '../src/formats/heads';
import { parseMerkleTreeLeaf } from '../src/formats/rfc6962-leaf';
import { TENANT_A } from './ct-harness';
import { createRoot, issue, type Issued } from './test-pki';

const b = (text: string) => Buffer.from(text, 'base64');

describe('ct-log killed during submissions [postgres]', () => {
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let base: string;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('ctlog crash');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      PORT: String(port),
      AUTH_MODE: 'dev',
      AUTH_DEV_KEY_DIR: mkdtempSync(join(tmpdir(), 'ctlog-auth-')),
      CTLOG_KEY_DIR: mkdtempSync(join(tmpdir(), 'ctlog-keys-')),
    };
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await database?.drop();
  });

  async function start(): Promise<void> {
    child = spawn(process.execPath, [built('apps/ct-log/src/main.js')], { env, stdio: 'ignore' });
    for (let i = 0; i < 200; i++) {
      const ready = await fetch(`${base}/health/ready`).catch(() => undefined);
      if (ready?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('ct-log did not become ready');
  }

  it('keeps every acknowledged SCT across a SIGKILL and restart', async () => {
    await start();
    const token = await mintDevToken({ tenant: TENANT_A, roles: ['Admin', 'CtSubmitter'], subject: 'crash-test', claims: {} }, readAuthConfig(env));
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const root = await createRoot();
    // Small batches so many commits happen while the kill lands.
    const created = await fetch(`${base}/api/v1/admin/logs`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'crashy', kind: 'rfc6962', key: 'generate', roots: [root.b64], config: { batch_max_size: 4, batch_max_age_ms: 10 } }),
    });
    expect(created.status).toBe(201);
    const leaves = await Promise.all(Array.from({ length: 300 }, () => issue(root)));
    const acknowledged: Array<{ leaf: Issued; index: number }> = [];
    const submit = async (leaf: Issued) => {
      const answer = await fetch(`${base}/logs/crashy/ct/v1/add-chain`, { method: 'POST', headers, body: JSON.stringify({ chain: [leaf.b64] }) }).catch(
        () => undefined,
      );
      if (answer?.status === 200) acknowledged.push({ leaf, index: b(((await answer.json()) as { extensions: string }).extensions).readUIntBE(3, 5) });
    };
    const load = Promise.all(leaves.map((leaf, i) => new Promise((resolve) => setTimeout(resolve, i * 3)).then(() => submit(leaf))));
    while (acknowledged.length < 60) await new Promise((resolve) => setTimeout(resolve, 5));
    child!.kill('SIGKILL');
    await load;
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);
    expect(acknowledged.length).toBeLessThan(leaves.length);

    await start();
    let sthAnswer = await fetch(`${base}/logs/crashy/ct/v1/get-sth`);
    for (let i = 0; i < 50 && sthAnswer.status === 503; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      sthAnswer = await fetch(`${base}/logs/crashy/ct/v1/get-sth`);
    }
    const sth = headFromJson(await sthAnswer.json())!;
    const entries: Array<{ leaf_input: string }> = [];
    while (entries.length < sth.treeSize) {
      const page = (await (await fetch(`${base}/logs/crashy/ct/v1/get-entries?start=${entries.length}&end=${sth.treeSize - 1}`)).json()) as {
        entries: Array<{ leaf_input: string }>;
      };
      entries.push(...page.entries);
    }
    const parsed = entries.map((e) => parseMerkleTreeLeaf(b(e.leaf_input)));
    expect(parsed.map((p) => p.leafIndex)).toEqual(parsed.map((_, i) => i));
    for (const { leaf, index } of acknowledged) {
      expect(index).toBeLessThan(sth.treeSize);
      expect(parsed[index].entry.subarray(3).equals(leaf.der)).toBe(true);
    }
    // A caller that got no answer retries: dedup or a new entry, never an error.
    const retry = await fetch(`${base}/logs/crashy/ct/v1/add-chain`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ chain: [leaves[leaves.length - 1].b64] }),
    });
    expect(retry.status).toBe(200);
  });
});
