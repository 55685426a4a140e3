import { useQuery } from '@tanstack/react-query';
import type { components } from '@lib/contracts/waf-panel';
import { unwrap, waf, withEtag } from '../api/clients';

export type Policy = components['schemas']['PolicyView'];

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
