/**
 * Walking a running service's routes from its own OpenAPI document: which routes there are, and
 * concrete paths for them filled with identifiers a tenant actually holds.
 */
import type { ServiceUnderTest } from './http-service';

export interface Operation {
  parameters?: Array<{ name: string; in: string; schema?: { enum?: string[] } }>;
  requestBody?: unknown;
}

export type Routes = Array<[path: string, operations: Record<string, Operation>]>;

export interface ApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
}

export async function openApiDocument<W>(service: ServiceUnderTest<W>): Promise<ApiDocument> {
  return (await service.call('GET', '/api/docs-json', { who: null })).body as ApiDocument;
}

/** The authenticated API routes (`/api/…`, the document itself excepted). */
export async function apiRoutes<W>(service: ServiceUnderTest<W>): Promise<Routes> {
  return Object.entries((await openApiDocument(service)).paths).filter(([path]) => path.startsWith('/api/') && !path.startsWith('/api/docs'));
}

/**
 * GET routes without parameters: every list a tenant can read, except reads that are recorded
 * themselves (audit trails, audited exports, WAF node pulls), whose answers change by reading.
 */
export function listRoutes(routes: Routes): string[] {
  return routes.filter(([path, operations]) => !path.includes('{') && operations.get && !/audit|export|\/nodes?\b/.test(path)).map(([path]) => path);
}

/** The values of `name` (or else `id`) in `who`'s answer at `path`: a list, or an object holding one. */
export async function valuesAt<W>(service: ServiceUnderTest<W>, who: W, path: string, name: string): Promise<string[]> {
  const answer = await service.call('GET', path, { who });
  if (answer.status !== 200) return [];
  const items: unknown[] = Array.isArray(answer.body) ? answer.body : ((Object.values(answer.body ?? {}).find(Array.isArray) as unknown[] | undefined) ?? []);
  return items
    .map((item) => (item && typeof item === 'object' ? ((item as Record<string, unknown>)[name] ?? (item as Record<string, unknown>).id) : undefined))
    .filter((value): value is string | number => typeof value === 'string' || typeof value === 'number')
    .map(String);
}

/**
 * Concrete paths for a template: each parameter from `known`, its enum, or `who`'s list one level
 * up (two values at most).
 */
export async function concretePaths<W>(
  service: ServiceUnderTest<W>,
  who: W,
  template: string,
  operation: Operation,
  known: Record<string, string> = {},
): Promise<string[]> {
  let prefixes = [''];
  for (const segment of template.split('/').slice(1)) {
    const parameter = /^\{(.+)\}$/.exec(segment)?.[1];
    const next: string[] = [];
    for (const prefix of prefixes) {
      if (!parameter) {
        next.push(`${prefix}/${segment}`);
        continue;
      }
      const declared = operation.parameters?.find((p) => p.in === 'path' && p.name === parameter);
      const values =
        known[parameter] !== undefined ? [known[parameter]] : (declared?.schema?.enum ?? (await valuesAt(service, who, prefix, parameter)).slice(0, 2));
      next.push(...values.map((value) => `${prefix}/${encodeURIComponent(value)}`));
    }
    prefixes = next;
  }
  return prefixes;
}

/** Fields that are the time of reading, not data. */
const CLOCK_READINGS = new Set(['timestamp', 'computed_at']);
const withoutClockReadings = (key: string, value: unknown) => (CLOCK_READINGS.has(key) ? undefined : value);

/** Everything `who` can list, as text: equal snapshots mean nothing they can see changed. */
export async function snapshot<W>(service: ServiceUnderTest<W>, who: W, lists: string[]): Promise<string> {
  const answers = await Promise.all(
    lists.map(async (path) => {
      const answer = await service.call('GET', path, { who });
      return answer.status === 200
        ? `${path} total=${answer.headers.get('x-total-count')} ${JSON.stringify(answer.body, withoutClockReadings)}`
        : `${path} ${answer.status}`;
    }),
  );
  return answers.join('\n');
}
