/**
 * SIGKILL in the middle of a write stream, as a lost node or the OOM killer does it, then a
 * restart on the same database: every acknowledged write is there, no refused one is, and no
 * aggregate is half written. (ct-log's own crash suite checks its tree: ctlog-crash.e2e-spec.ts.)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDatabaseUrl, Store } from '@lib/persistence';
import { describeBackends } from './harness/backends';
import { waitFor } from './harness/child-process';
import { startServerProcess } from './harness/service-process';
import { clientFor, ledgerBreaches, portalTarget, streamWrites, wafTarget } from './harness/write-targets';

describeBackends('a service killed with SIGKILL during writes', (backend) => {
  for (const target of [portalTarget, wafTarget]) {
    it(`${target.name}: keeps every acknowledged write and no half-written aggregate across the kill and a restart`, async () => {
      const keys = mkdtempSync(join(tmpdir(), 'crash-auth-'));
      const env = { NODE_ENV: 'test', LOG_LEVEL: 'warn', AUTH_MODE: 'dev', AUTH_DEV_KEY_DIR: keys, DATABASE_URL: backend.url, ...target.env };
      let server = await startServerProcess(target.script, env);
      const client = () => clientFor(server.base, target.tenant, keys);
      const stream = streamWrites(target, client, 6);
      await waitFor(() => stream.outcomes.filter((o) => o.status < 300 && o.status > 0).length >= 40, 30_000, 'writes before the kill');
      await server.kill();
      const outcomes = await stream.stop();
      // Calls cut by the kill got no answer: their outcome is unknown, like an in-doubt commit.
      expect(outcomes.some((o) => o.status === 0)).toBe(true);

      server = await startServerProcess(target.script, env, server.port);
      const owner = await Store.open({ location: parseDatabaseUrl(backend.url), schemas: ['portal', 'waf'] });
      try {
        const { found, broken } = await target.inspect(client(), owner);
        expect({ ...ledgerBreaches(outcomes, found), broken }).toEqual({ lost: [], phantom: [], broken: [] });
        expect(outcomes.filter((o) => o.status >= 300).map((o) => `${o.status} ${o.kind}`)).toEqual([]);
        // The restarted process takes writes again.
        expect((await target.write(client(), 1_000_000)).status).toBeLessThan(300);
        process.stdout.write(
          `[crash] ${target.name} [${backend.kind}]: ${outcomes.length} writes, ${found.size} found, ${outcomes.filter((o) => o.status === 0).length} cut by the kill\n`,
        );
      } finally {
        await owner.close();
        await server.stop();
      }
    }, 90_000);
  }
});
