import { isIpLiteral } from '../common/ip';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

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

/** `scheme://host[:port]`, scheme and host lowercased, no trailing `/`; or what is wrong with it. */
export function backendUrl(url: string): { url?: string; problem?: string } {
  const match = BACKEND_URL.exec(url);
  if (!match) return { problem: 'must be http(s)://host[:port] with an empty path or /, and no userinfo, query or fragment' };
  const [, scheme, rawHost, port] = match;
  const host = rawHost.toLowerCase();
  const problem = hostProblem(host);
  if (problem) return { problem };
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535 || /^0/.test(port))) return { problem: 'port must be 1–65535' };
  return { url: `${scheme.toLowerCase()}://${host}${port !== undefined ? `:${port}` : ''}` };
}
