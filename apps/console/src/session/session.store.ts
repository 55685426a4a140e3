import type { FastifyRequest } from 'fastify';

/** What the sealed session cookie holds: the services' token never leaves the server. */
export interface SessionData {
  readonly token: string;
  readonly csrf: string;
  /** ms since the epoch: the token's exp. */
  readonly expiresAt: number;
}

interface SealedSession {
  get(key: 'console'): SessionData | undefined;
  set(key: 'console', value: SessionData): void;
  delete(): void;
}

const sessionOf = (request: FastifyRequest) => (request as FastifyRequest & { session: SealedSession }).session;

/** The signed-in session, or undefined when there is none or its token has expired. */
export function readSession(request: FastifyRequest, now = Date.now()): SessionData | undefined {
  const data = sessionOf(request).get('console');
  return data && data.expiresAt > now ? data : undefined;
}

export const writeSession = (request: FastifyRequest, data: SessionData): void => sessionOf(request).set('console', data);
export const endSession = (request: FastifyRequest): void => sessionOf(request).delete();

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Writes carry the session's CSRF token in a header a cross-site form cannot set (beside SameSite=Strict). */
export function csrfHolds(request: FastifyRequest, session: SessionData): boolean {
  return !UNSAFE.has(request.method) || request.headers['x-csrf-token'] === session.csrf;
}
