import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { DEV_AUDIENCE, DEV_ISSUER, type AuthConfig } from './auth-config';
import { loadDevSigningKey } from './dev-signing-key';

export interface DevTokenRequest {
  readonly tenant: string;
  readonly roles?: readonly string[];
  readonly email?: string;
  readonly subject?: string;
  /** App-specific claims (the portal's `domain`). */
  readonly claims?: Readonly<Record<string, string>>;
  /** jose duration: `30m`, `8h`, `2d`. */
  readonly ttl?: string;
}

/** A token the services accept in dev mode, signed with the local key, claim names as configured. */
export async function mintDevToken(request: DevTokenRequest, config: AuthConfig): Promise<string> {
  const key = await loadDevSigningKey(config.devKeyDirectory);
  return new SignJWT({
    ...request.claims,
    [config.claims.tenant]: request.tenant.toLowerCase(),
    [config.claims.roles]: [...(request.roles ?? [])],
    ...(request.email ? { [config.claims.email]: request.email } : {}),
  })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(request.subject ?? 'dev-user')
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(request.ttl ?? '8h')
    .sign(key.privateKey);
}
