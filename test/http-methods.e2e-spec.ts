/**
 * Every route of every service answers a method it does not serve with 405 and an `Allow` header
 * listing exactly the methods its OpenAPI document gives that path, walked from the document
 * itself, so a new route is covered the day it is added.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCtLog } from '../apps/ct-log/test/ct-harness';
import { startPortal } from '../apps/portal/test/portal-harness';
import { startWafPanel } from '../apps/waf-panel/test/waf-harness';
import type { ServiceUnderTest } from './harness/http-service';
import { openApiDocument } from './harness/openapi-routes';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** A value no static segment has, so a filled path matches only its own template. */
const ID = 'a0000000-0000-4000-8000-00000000000a';

describe('405 with an exact Allow on every route of every service', () => {
  const directory = mkdtempSync(join(tmpdir(), 'methods-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const services: Array<[string, (url: string) => Promise<ServiceUnderTest<never>>]> = [
    ['portal', (url) => startPortal({ kind: 'sqlite', url }) as Promise<ServiceUnderTest<never>>],
    ['waf-panel', (url) => startWafPanel({ kind: 'sqlite', url }) as Promise<ServiceUnderTest<never>>],
    ['ct-log', (url) => startCtLog({ kind: 'sqlite', url }) as Promise<ServiceUnderTest<never>>],
  ];

  it.each(services)(
    '%s',
    async (name, start) => {
      const service = await start(`sqlite:${directory}/${name}/`);
      try {
        const paths = Object.entries((await openApiDocument(service)).paths);
        expect(paths.length).toBeGreaterThan(5);
        const wrong: string[] = [];
        let walked = 0;
        for (const [template, operations] of paths) {
          const path = template.replace(/\{[^}]+\}/g, (parameter) => (/revision|index|n\b/i.test(parameter) ? '1' : ID));
          const documented = Object.keys(operations)
            .map((method) => method.toUpperCase())
            .filter((method) => METHODS.includes(method))
            .sort();
          for (const method of METHODS.filter((candidate) => !documented.includes(candidate))) {
            const answer = await service.call(method, path, {});
            walked++;
            const allow = answer.headers.get('allow');
            if (answer.status !== 405 || allow !== documented.join(', '))
              wrong.push(`${method} ${template}: ${answer.status}, Allow: ${allow ?? '(none)'} (documented: ${documented.join(', ')})`);
          }
        }
        expect(walked).toBeGreaterThan(paths.length);
        expect(wrong).toEqual([]);
      } finally {
        await service.close();
      }
    },
    60_000,
  );
});
