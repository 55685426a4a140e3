import { useQuery } from '@tanstack/react-query';
import type { components } from '@lib/contracts/waf-panel';
import { ApiError, unwrap, waf } from '../api/clients';

export type Policy = components['schemas']['PolicyView'];
export type PolicySummary = components['schemas']['PolicySummary'];
export type Exclusion = components['schemas']['ExclusionView'];

/** A policy with the ETag its next write must send in If-Match. */
export async function readPolicy(id: string): Promise<{ policy: Policy; etag: string }> {
  const { data, error, response } = await waf.GET('/api/v1/policies/{id}', { params: { path: { id } } });
  if (!response.ok || !data) await unwrap(Promise.resolve({ data, error, response }));
  return { policy: data!, etag: response.headers.get('etag')! };
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
