import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { decodeJwt } from 'jose';

/** What the sealed session cookie holds: the services' token never leaves the server. */
export interface SessionData {
  readonly token: string;
  readonly csrf: string;
  /** ms since the epoch: the token's exp. */
  readonly expiresAt: number;
  /** OIDC: the ID token, the hint for the identity provider's sign-out. */
  readonly idToken?: string;
}

/** A sign-in in progress (OIDC): what the callback checks the provider's answer against. */
export interface SignInFlow {
  readonly verifier: string;
  readonly state: string;
  readonly nonce: string;
  readonly returnTo: string;
}

interface SealedSession<T> {
  get(key: 'data'): T | undefined;
  set(key: 'data', value: T): void;
  delete(): void;
}

const sessionOf = (request: FastifyRequest) => (request as FastifyRequest & { session: SealedSession<SessionData> }).session;
/** Its own cookie, SameSite=Lax: the provider's redirect back is a cross-site navigation, which a Strict cookie misses. */
const flowOf = (request: FastifyRequest) => (request as FastifyRequest & { signInFlow: SealedSession<SignInFlow> }).signInFlow;

export const readFlow = (request: FastifyRequest): SignInFlow | undefined => flowOf(request).get('data');
export const writeFlow = (request: FastifyRequest, flow: SignInFlow): void => flowOf(request).set('data', flow);
export const endFlow = (request: FastifyRequest): void => flowOf(request).delete();

/** The signed-in session, or undefined when there is none or its token has expired. */
export function readSession(request: FastifyRequest, now = Date.now()): SessionData | undefined {
  const data = sessionOf(request).get('data');
  return data && data.expiresAt > now ? data : undefined;
}

/** A session for a verified token: it ends with the token (`exp`), and gets a fresh CSRF token. */
export function startSession(request: FastifyRequest, token: string, idToken?: string): void {
  const { exp } = decodeJwt(token);
  sessionOf(request).set('data', { token, csrf: randomBytes(24).toString('base64url'), expiresAt: exp! * 1000, idToken });
}
export const endSession = (request: FastifyRequest): void => sessionOf(request).delete();

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Writes carry the session's CSRF token in a header a cross-site form cannot set (beside SameSite=Strict). */
export function csrfHolds(request: FastifyRequest, session: SessionData): boolean {
  return !UNSAFE.has(request.method) || request.headers['x-csrf-token'] === session.csrf;
}
