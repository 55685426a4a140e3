/**
 * Each service's OpenAPI document is a contract a client can be generated from: it equals the
 * snapshot in libs/contracts (OPENAPI_UPDATE=1 rewrites it), passes Redocly's recommended rules,
 * generates the committed openapi-typescript types, and every answer of a typed client's
 * representative calls matches the schema the document gives its operation and status.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';
import type { Client } from 'openapi-fetch';
import { ADMIN as CT_ADMIN, READER, startCtLog, SUBMITTER, waitServing } from '../../apps/ct-log/test/ct-harness';
import { ADMIN as PORTAL_ADMIN, startPortal } from '../../apps/portal/test/portal-harness';
import { NODE, startWafPanel } from '../../apps/waf-panel/test/waf-harness';
import type { ServiceUnderTest } from '../harness/http-service';
import { contractClient } from './contract-harness';
import { exerciseCtLog } from './ct-log.client';
import { exercisePortal } from './portal.client';
import { exerciseWafPanel } from './waf-panel.client';

const CONTRACTS = join(__dirname, '../../libs/contracts');
const UPDATE = process.env.OPENAPI_UPDATE === '1';

/** The rules of the repository's lint configuration (see docs/decisions/0025-openapi-contract.md). */
async function lint(name: string, source: string) {
  const config = await createConfig(readFileSync(join(__dirname, '../../redocly.yaml'), 'utf8'));
  const problems = await lintFromString({ source, absoluteRef: `${name}.openapi.json`, config });
  return problems.map((problem) => `${problem.severity} ${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer}`);
}

function expectSnapshot(file: string, actual: string): void {
  const path = join(CONTRACTS, file);
  if (UPDATE) writeFileSync(path, actual);
  expect(existsSync(path) ? readFileSync(path, 'utf8') : `(no ${file}: run npm run openapi:update)`).toBe(actual);
}

type Any = ServiceUnderTest<never>;
const services: Array<[string, (url: string) => Promise<Any>, (service: Any, document: never) => Promise<{ breaches: unknown[]; checked: string[] }>]> = [
  [
    'portal',
    (url) => startPortal({ kind: 'sqlite', url }) as Promise<Any>,
    async (service, document) => {
      const contract = contractClient(service, document, await service.token(PORTAL_ADMIN as never));
      await exercisePortal(contract.client as Client<never>);
      return contract;
    },
  ],
  [
    'waf-panel',
    (url) => startWafPanel({ kind: 'sqlite', url }) as Promise<Any>,
    async (service, document) => {
      const contract = contractClient(service, document, await service.token());
      const node = contractClient(service, document, await service.token(NODE as never));
      await exerciseWafPanel(contract.client as Client<never>, node.client as Client<never>);
      return { breaches: [...contract.breaches, ...node.breaches], checked: [...contract.checked, ...node.checked] };
    },
  ],
  [
    'ct-log',
    (url) => startCtLog({ kind: 'sqlite', url }, { CTLOG_TEST_HOOKS: 'false' }) as Promise<Any>,
    async (service, document) => {
      const clients = [CT_ADMIN, SUBMITTER, READER, null].map(async (who) =>
        contractClient(service, document, who === null ? null : await service.token(who as never)),
      );
      const [admin, submitter, reader, anonymous] = await Promise.all(clients);
      await exerciseCtLog(
        { admin: admin.client as never, submitter: submitter.client as never, reader: reader.client as never, anonymous: anonymous.client as never },
        (log) => waitServing(service as never, log),
      );
      const all = [admin, submitter, reader, anonymous];
      return { breaches: all.flatMap((contract) => contract.breaches), checked: all.flatMap((contract) => contract.checked) };
    },
  ],
];

describe('OpenAPI contract of every service', () => {
  const directory = mkdtempSync(join(tmpdir(), 'contract-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it.each(services)(
    '%s: snapshot, lint, generated types, answers match their schemas',
    async (name, start, exercise) => {
      const service = await start(`sqlite:${directory}/${name}/`);
      try {
        const served = (await service.call('GET', '/api/docs-json', { who: null })).body;
        const text = `${JSON.stringify(served, null, 2)}\n`;
        expectSnapshot(`${name}.openapi.json`, text);
        expect(await lint(name, text)).toEqual([]);
        expectSnapshot(`${name}.d.ts`, astToString(await openapiTS(served as never, { defaultNonNullable: false })));
        const { breaches, checked } = await exercise(service, served as never);
        expect(breaches).toEqual([]);
        // The calls reached the operations they name: success and problem answers alike.
        expect(checked.filter((line) => / 2\d\d$/.test(line)).length).toBeGreaterThan(8);
        expect(checked.some((line) => / 4\d\d$/.test(line))).toBe(true);
      } finally {
        await service.close();
      }
    },
    120_000,
  );
});
