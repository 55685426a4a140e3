import { useQuery } from '@tanstack/react-query';
import type { components } from '@lib/contracts/waf-panel';
import { ApiError, unwrap, waf } from '../api/clients';

export type Policy = components['schemas']['PolicyView'];
export type PolicySummary = components['schemas']['PolicySummary'];
export type Exclusion = components['schemas']['ExclusionView'];

/** A resource with the ETag its next write must send in If-Match. */
export async function withEtag<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<{ value: T; etag: string }> {
  const answer = await call;
  return { value: await unwrap(Promise.resolve(answer)), etag: answer.response.headers.get('etag')! };
}

export async function readPolicy(id: string): Promise<{ policy: Policy; etag: string }> {
  const { value, etag } = await withEtag(waf.GET('/api/v1/policies/{id}', { params: { path: { id } } }));
  return { policy: value, etag };
}

export const policyKey = (id: string) => ['waf', 'policy', id] as const;

export function usePolicy(id: string) {
  return useQuery({ queryKey: policyKey(id), queryFn: () => readPolicy(id) });
}

export function useEngine() {
  return useQuery({ queryKey: ['waf', 'engine'], queryFn: () => unwrap(waf.GET('/api/v1/engine')), staleTime: 5 * 60_000 });
}

/** A 412's current state and ETag, for the "what changed since you loaded it" view. */
export function conflictOf(error: unknown): { current: unknown; etag: string } | undefined {
  if (!(error instanceof ApiError) || error.problem.status !== 412) return undefined;
  return { current: error.problem.current, etag: String(error.problem.etag ?? error.headers.get('etag')) };
}
