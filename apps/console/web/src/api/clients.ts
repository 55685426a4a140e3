import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as CtPaths } from '@lib/contracts/ct-log';
import type { paths as PortalPaths } from '@lib/contracts/portal';
import type { paths as WafPaths } from '@lib/contracts/waf-panel';

/** An RFC 9457 problem as the services send it; `errors` names every bad field of a 422. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: Array<{ in: string; path: string; message: string }>;
  [extension: string]: unknown;
}

/** A non-2xx answer, carried as an error so TanStack Query and forms can show it. */
export class ApiError extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Headers,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

let csrfToken: string | undefined;
let onSignedOut: () => void = () => {};

/** The session's CSRF token, sent back on every write; and what to do when the session ends. */
export function configureSession(token: string | undefined, signedOut: () => void): void {
  csrfToken = token;
  onSignedOut = signedOut;
}

const session: Middleware = {
  onRequest({ request }) {
    if (csrfToken && request.method !== 'GET' && request.method !== 'HEAD') request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  onResponse({ response }) {
    // The console answers 401 when the session is gone or expired: back to sign-in.
    if (response.status === 401) onSignedOut();
    return response;
  },
};

// Same origin: the console forwards /waf, /portal and /ct to the services. Absolute, since Request needs a full URL outside a page.
const client = <Paths extends object>(prefix: string) => {
  const created = createClient<Paths>({ baseUrl: `${window.location.origin}${prefix}`, fetch: (request) => globalThis.fetch(request) });
  created.use(session);
  return created;
};
export const waf = client<WafPaths>('/waf');
export const portal = client<PortalPaths>('/portal');
export const ct = client<CtPaths>('/ct');

/** The data of an openapi-fetch answer, or an ApiError with the problem. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const problem = (error && typeof error === 'object' ? error : { status: response.status, detail: String(error ?? response.statusText) }) as Problem;
  throw new ApiError({ ...problem, status: response.status }, response.headers);
}

/** The console's own session routes (not a service's API). */
export async function sessionCall<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiError({ ...(parsed as Problem), status: response.status }, response.headers);
  return parsed as T;
}

/** A resource with the ETag its next write must send in If-Match. */
export async function withEtag<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<{ value: T; etag: string }> {
  const answer = await call;
  return { value: await unwrap(Promise.resolve(answer)), etag: answer.response.headers.get('etag')! };
}

/**
 * A 412's ETag, and the current state when the service sends it (the WAF panel does; the portal,
 * wire-compatible with the system it replaces, sends only the ETag).
 */
export function conflictOf(error: unknown): { current?: unknown; etag: string } | undefined {
  if (!(error instanceof ApiError) || error.problem.status !== 412) return undefined;
  return { current: error.problem.current, etag: String(error.problem.etag ?? error.headers.get('etag')) };
}
