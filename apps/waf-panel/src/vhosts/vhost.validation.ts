import { type Checker, type Json, join } from '@lib/platform';
import { isIpLiteral } from '../common/ip';

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
const TLS_FIELDS = ['mode', 'certificateRef', 'minVersion', 'redirectHttp'];
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const CERTIFICATE_REF = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;

/** A DNS name as a vhost domain: lowercase A-labels, at least two, an optional leading `*.`. */
export function domainProblem(domain: string): string | undefined {
  if (domain.length > 253) return 'must be at most 253 characters';
  if (isIpLiteral(domain)) return 'must be a DNS name, not an IP address';
  const labels = (domain.startsWith('*.') ? domain.slice(2) : domain).split('.');
  if (labels.length + (domain.startsWith('*.') ? 1 : 0) < 2) return 'must have at least two labels';
  if (!labels.every((label) => LABEL.test(label))) {
    return 'labels must be 1–63 characters of a-z, 0-9 and -, not starting or ending with - (no scheme, port, path, _ or trailing dot; IDNs as xn-- A-labels)';
  }
  if (/^\d+$/.test(labels.at(-1)!)) return 'the last label must not be all digits';
  return undefined;
}

function hostProblem(host: string): string | undefined {
  if (host.startsWith('[')) {
    const inner = host.slice(1, -1);
    if (!host.endsWith(']') || !isIpLiteral(inner) || !inner.includes(':')) return 'host must be a DNS name, IPv4, or bracketed IPv6';
    return /^[0:]+$/.test(inner) ? 'host must not be ::' : undefined;
  }
  if (/^[\d.]+$/.test(host)) {
    if (!isIpLiteral(host)) return 'host must be a DNS name, IPv4, or bracketed IPv6';
    return host === '0.0.0.0' ? 'host must not be 0.0.0.0' : undefined;
  }
  return host.split('.').every((label) => LABEL.test(label)) ? undefined : 'host must be a DNS name, IPv4, or bracketed IPv6';
}

const BACKEND_URL = /^(https?):\/\/(\[[^\]/]*\]|[^:/?#@[\]]+)(?::(\d{1,5}))?\/?$/i;

/** `scheme://host[:port]`, scheme and host lowercased, no trailing `/`. */
function normaliseBackendUrl(check: Checker, raw: unknown, path: string): string | undefined {
  const url = check.string(raw, path, { min: 1, max: 2048 });
  if (url === undefined) return undefined;
  const match = BACKEND_URL.exec(url);
  if (!match) return check.fail(path, 'must be http(s)://host[:port] with an empty path or /, and no userinfo, query or fragment');
  const [, scheme, rawHost, port] = match;
  const host = rawHost.toLowerCase();
  const problem = hostProblem(host);
  if (problem) return check.fail(path, problem);
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535 || /^0/.test(port))) return check.fail(path, 'port must be 1–65535');
  return `${scheme.toLowerCase()}://${host}${port !== undefined ? `:${port}` : ''}`;
}

function checkBackends(check: Checker, value: unknown): Backend[] | undefined {
  const list = check.array(value, 'backends', 1, 16);
  if (!list) return undefined;
  const seen = new Set<string>();
  const backends: Backend[] = [];
  list.forEach((item, index) => {
    const path = join('backends', index);
    const backend = check.object(item, path, ['url', 'weight']);
    if (!backend) return;
    const url = normaliseBackendUrl(check, backend.url, join(path, 'url'));
    const weight = backend.weight === undefined ? 1 : check.integer(backend.weight, join(path, 'weight'), 1, 100);
    if (url === undefined || weight === undefined) return;
    if (seen.has(url)) return void check.fail(join(path, 'url'), 'duplicates another backend');
    seen.add(url);
    backends.push({ url, weight });
  });
  return backends;
}

/** `tls` as a whole: defaults for absent properties, and no key material, ever. */
function checkTls(check: Checker, value: unknown): VhostTls | undefined {
  if (value === undefined || value === null) return { mode: 'off', certificateRef: null, minVersion: '1.2', redirectHttp: false };
  const tls = check.object(value, 'tls', TLS_FIELDS);
  if (!tls) return undefined;
  const mode = tls.mode === undefined ? 'off' : check.oneOf(tls.mode, 'tls.mode', ['off', 'terminate'] as const);
  const minVersion = tls.minVersion === undefined ? '1.2' : check.oneOf(tls.minVersion, 'tls.minVersion', ['1.2', '1.3'] as const);
  const redirectHttp = tls.redirectHttp === undefined ? mode === 'terminate' : check.boolean(tls.redirectHttp, 'tls.redirectHttp');
  let certificateRef: string | null | undefined = null;
  if (mode === 'terminate') {
    if (tls.certificateRef === undefined || tls.certificateRef === null) check.fail('tls.certificateRef', 'is required when mode is terminate');
    else
      certificateRef = check.string(tls.certificateRef, 'tls.certificateRef', {
        min: 1,
        max: 253,
        pattern: CERTIFICATE_REF,
        patternMessage: 'must be a lowercase secret name',
      });
  } else if (tls.certificateRef !== undefined && tls.certificateRef !== null) {
    check.fail('tls.certificateRef', 'is only allowed when mode is terminate');
  }
  if (mode === undefined || minVersion === undefined || redirectHttp === undefined || certificateRef === undefined) return undefined;
  return { mode, certificateRef, minVersion, redirectHttp };
}

/**
 * The full candidate state of a vhost (a create body, or a PATCH merged over the stored state)
 * checked field by field. Returns undefined when anything failed; the checker names it all.
 */
export function checkVhost(check: Checker, candidate: Json): VhostInput | undefined {
  let domain: string | undefined;
  if (candidate.domain === undefined) check.fail('domain', 'is required');
  else if (typeof candidate.domain !== 'string') check.fail('domain', 'must be a string');
  else {
    domain = candidate.domain.toLowerCase();
    const problem = /[^\x21-\x7e]/.test(domain) ? 'must be ASCII without whitespace (send IDNs as xn-- A-labels)' : domainProblem(domain);
    if (problem) domain = check.fail('domain', problem);
  }
  const description = candidate.description === undefined ? '' : check.string(candidate.description, 'description', { max: 1000 });
  const enabled = candidate.enabled === undefined ? true : check.boolean(candidate.enabled, 'enabled');
  const policyId = candidate.policyId === undefined || candidate.policyId === null ? null : check.uuid(candidate.policyId, 'policyId');
  const backends = candidate.backends === undefined ? check.fail('backends', 'is required') : checkBackends(check, candidate.backends);
  const tls = checkTls(check, candidate.tls);
  if (!check.ok) return undefined;
  return { domain: domain!, description: description!, enabled: enabled!, policyId: policyId!, backends: backends!, tls: tls! };
}
