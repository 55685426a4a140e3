import { type Checker, type Json, join } from '@lib/platform';
import { type BackendBody, CreateVhostBody, type TlsBody } from './vhost.dto';
import { backendUrl } from './vhost-names';

export interface Backend {
  readonly url: string;
  readonly weight: number;
}

export interface VhostTls {
  readonly mode: 'off' | 'terminate';
  readonly certificateRef: string | null;
  readonly minVersion: '1.2' | '1.3';
  readonly redirectHttp: boolean;
}

/** A vhost's writable state, validated and normalised. */
export interface VhostInput {
  readonly domain: string;
  readonly description: string;
  readonly enabled: boolean;
  readonly policyId: string | null;
  readonly backends: Backend[];
  readonly tls: VhostTls;
}

export const VHOST_FIELDS = ['domain', 'description', 'enabled', 'policyId', 'backends', 'tls'] as const;

/** Normal forms and defaults of a candidate whose fields passed their rules; duplicate backends named. */
function backendsOf(check: Checker, backends: BackendBody[]): Backend[] {
  const seen = new Set<string>();
  return backends.flatMap(({ url: raw, weight = 1 }, index) => {
    const url = backendUrl(raw).url!;
    if (seen.has(url)) return check.fail(join(join('backends', index), 'url'), 'duplicates another backend') ?? [];
    seen.add(url);
    return [{ url, weight }];
  });
}

function tlsOf(tls: TlsBody | null | undefined): VhostTls {
  const mode = tls?.mode ?? 'off';
  return { mode, certificateRef: tls?.certificateRef ?? null, minVersion: tls?.minVersion ?? '1.2', redirectHttp: tls?.redirectHttp ?? mode === 'terminate' };
}

/**
 * The full candidate state of a vhost (a create body, or a PATCH merged over the stored state)
 * checked field by field. Returns undefined when anything failed; the checker names it all.
 */
export function checkVhost(check: Checker, candidate: Json): VhostInput | undefined {
  const fields = check.fields(CreateVhostBody, candidate);
  if (!fields) return undefined;
  const backends = check.failed('backends') ? [] : backendsOf(check, fields.backends);
  if (!check.ok) return undefined;
  return {
    domain: fields.domain.toLowerCase(),
    description: fields.description ?? '',
    enabled: fields.enabled ?? true,
    policyId: fields.policyId?.toLowerCase() ?? null,
    backends,
    tls: tlsOf(fields.tls),
  };
}
