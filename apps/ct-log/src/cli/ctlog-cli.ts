/**
 * `npm run ctlog -- <command>`: audit a live log over HTTP, make a log key, prune superseded tiles.
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CLI_EXIT, ConfigurationError, readPersistenceConfig, runAsTenant, runTenantUnit, sql, Store, tokenProviderFor } from '@lib/persistence';
import { HttpError, LogClient, NetworkError } from './log-client';
import { LogVerifier } from './log-verifier';
import { KeyWriteError, writeNewKey } from '../logs/key-store';

const USAGE = `Usage: npm run ctlog -- <command> [options]

Commands:
  verify --log NAME --url BASE   audit a log through its public HTTP API
      [--public-key FILE]        PEM public key the log must serve
      [--json]                   machine-readable report
      [--sample-proofs N]        random inclusion proofs to check (default 100)
      [--concurrency N]          pages of entries fetched ahead, 1–64 (default 4)
      [--keep-going]             report every divergence, not only the first
  keygen --out FILE              write a new ECDSA P-256 log key (PKCS#8 PEM, mode 0600); never
                                 over an existing file
  prune-partials --log NAME      delete partial tiles superseded by wider ones (connects with
                                 DATABASE_URL as the schema owner)

Exit codes: 0 consistent / done; 1 failed unexpectedly; 2 bad arguments, an unknown log, or a key
file that exists or cannot be written; 3 divergence found; 4 the log could not be reached;
78 configuration error (the suite's one table, docs/decisions/0006-exit-codes.md).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      log: { type: 'string' },
      url: { type: 'string' },
      'public-key': { type: 'string' },
      json: { type: 'boolean', default: false },
      'sample-proofs': { type: 'string', default: '100' },
      concurrency: { type: 'string', default: '4' },
      'keep-going': { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command === 'keygen') {
    if (!values.out) return usage('keygen needs --out FILE');
    try {
      writeNewKey(values.out);
    } catch (error) {
      if (!(error instanceof KeyWriteError)) throw error;
      process.stderr.write(`ctlog keygen: ${error.message}\n`);
      return 2;
    }
    process.stdout.write(`wrote ${values.out}\n`);
    return 0;
  }
  if (!values.log) return usage(`${command} needs --log NAME`);
  if (command === 'prune-partials') return prunePartials(values.log);
  if (command !== 'verify') return usage(`unknown command "${command}"`);
  if (!values.url) return usage('verify needs --url BASE');
  const sampleProofs = Number(values['sample-proofs']);
  if (!Number.isInteger(sampleProofs) || sampleProofs < 0) return usage('--sample-proofs must be a non-negative integer');
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) return usage('--concurrency must be an integer from 1 to 64');
  const publicKey = values['public-key'] ? createPublicKey(readFileSync(values['public-key'], 'utf8')).export({ format: 'der', type: 'spki' }) : undefined;
  const progress = values.json ? undefined : (message: string) => process.stderr.write(`\r${message}`);
  try {
    const report = await new LogVerifier(new LogClient(values.url, values.log), values.log, {
      publicKey,
      sampleProofs,
      concurrency,
      keepGoing: values['keep-going'],
      progress,
    }).run();
    if (values.json) process.stdout.write(`${JSON.stringify({ ...report, divergences: undefined })}\n`);
    else {
      process.stderr.write('\n');
      process.stdout.write(
        report.ok
          ? `${values.log}: consistent — ${report.tree_size} entries, ${report.heads} heads, ${report.consistency_proofs} consistency proofs, ${report.tiles} tiles checked\n`
          : `${values.log}: DIVERGENCE ${report.first_divergence!.kind} — ${report.first_divergence!.message}\n`,
      );
    }
    return report.ok ? CLI_EXIT.ok : CLI_EXIT.problems;
  } catch (error) {
    if (error instanceof NetworkError || error instanceof HttpError) {
      process.stderr.write(`ctlog verify: ${error.message}\n`);
      return error instanceof NetworkError ? CLI_EXIT.unreachable : CLI_EXIT.usage;
    }
    throw error;
  }
}

async function prunePartials(log: string): Promise<number> {
  const config = readPersistenceConfig(process.env);
  const store = await Store.open({ location: config.migrationLocation, schemas: ['ctlog'], poolSize: 1, tokenProvider: tokenProviderFor(config) });
  try {
    const rows = await store.rows<{ tenant_id: string; log_id: string }>(sql`SELECT tenant_id, log_id FROM ctlog.log_directory WHERE name = ${log}`);
    if (rows.length === 0) return usage(`no log named "${log}"`);
    const { tenant_id: tenantId, log_id: logId } = rows[0];
    const removed = await runAsTenant(tenantId, 'ctlog prune-partials', () =>
      runTenantUnit(store, (scope) =>
        scope.execute(sql`DELETE FROM ctlog.tiles WHERE tenant_id = ${tenantId} AND log_id = ${logId} AND width < 256 AND EXISTS (SELECT 1 FROM ctlog.tiles wider
          WHERE wider.tenant_id = ctlog.tiles.tenant_id AND wider.log_id = ctlog.tiles.log_id AND wider.level = ctlog.tiles.level
            AND wider.tile_index = ctlog.tiles.tile_index AND wider.width > ctlog.tiles.width)`),
      ),
    );
    process.stdout.write(`pruned ${removed.affected} superseded partial tiles of ${log}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

function usage(message: string): number {
  process.stderr.write(`ctlog: ${message}\n\n${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`ctlog: ${error instanceof ConfigurationError ? error.message : (error as Error).stack}\n`);
    process.exit(error instanceof ConfigurationError ? CLI_EXIT.configuration : CLI_EXIT.failed);
  },
);
