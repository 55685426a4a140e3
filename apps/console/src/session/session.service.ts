import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AUTH_CONFIG, type AuthConfig, Checker, mintDevToken, problem, ProblemException, TokenVerifier } from '@lib/platform';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../console-config';
import { DevSignInBody, type SessionView } from './session.dto';
import { endSession, readSession, startSession } from './session.store';

const DEV_SESSION_TTL = '8h';

@Injectable()
export class SessionService {
  constructor(
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    @Inject(AUTH_CONFIG) private readonly auth: AuthConfig,
    private readonly verifier: TokenVerifier,
  ) {}

  /** Who is signed in, as the services will see them (the token is verified as they verify it). */
  async current(request: FastifyRequest): Promise<SessionView> {
    const base = { authMode: this.auth.mode, devSignIn: this.config.devSignIn };
    const session = readSession(request);
    if (!session) return { ...base, signedIn: false };
    const principal = await this.verifier.verify(session.token).catch(() => undefined);
    if (!principal) {
      endSession(request);
      return { ...base, signedIn: false };
    }
    const claims = Object.fromEntries(
      (['domain', 'team'] as const).flatMap((name) => (typeof principal.claims[name] === 'string' ? [[name, principal.claims[name] as string]] : [])),
    );
    return {
      ...base,
      signedIn: true,
      subject: principal.subject,
      tenant: principal.tenantId,
      roles: [...principal.roles],
      email: principal.email,
      claims,
      expiresAt: new Date(session.expiresAt).toISOString(),
      csrfToken: session.csrf,
    };
  }

  /** Dev mode only: a token from the local dev key, held in the sealed cookie. */
  async devSignIn(request: FastifyRequest, body: unknown): Promise<SessionView> {
    if (!this.config.devSignIn) throw new ProblemException(problem(404, 'The dev sign-in exists only with AUTH_MODE=dev outside production.'));
    const check = new Checker();
    const input = check.fields(DevSignInBody, body);
    check.done();
    const { tenant, roles, subject, email, domain, team } = input!;
    const claims = { ...(domain ? { domain } : {}), ...(team ? { team } : {}) };
    const token = await mintDevToken({ tenant, roles, subject, email, claims, ttl: DEV_SESSION_TTL }, this.auth);
    startSession(request, token);
    return this.current(request);
  }

  signOut(request: FastifyRequest): void {
    endSession(request);
  }
}
