import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { createRemoteJWKSet, customFetch, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type CryptoKey } from 'jose';
import { isTenantId } from '@lib/persistence';
import type { Principal } from '../context/request-context';
import { AUTH_CONFIG } from './auth.tokens';
import type { AuthConfig } from './auth-config';
import { loadDevSigningKey } from './dev-signing-key';
import { tracedFetch } from '../tracing/tracing';

const VERIFIED_TTL_MS = 60_000;

/** Why a token was refused: logged, never the token itself. */
export class InvalidTokenError extends Error {}

/** The issuer's keys could not be fetched: the token is neither good nor bad yet (503, not 401). */
export class IdentityProviderUnavailableError extends Error {}

/**
 * Verifies bearer JWTs: signature against the issuer's JWKS (or the dev key), issuer, audience,
 * exp/nbf with a small leeway, and only the configured asymmetric algorithms, so `none` and
 * HS256-signed-with-the-public-key tokens never pass.
 */
@Injectable()
export class TokenVerifier {
  private keys: Promise<JWTVerifyGetKey | CryptoKey> | undefined;

  /**
   * Tokens verified lately, by the SHA-256 of the token: a repeat skips the signature check, never
   * its time limits (exp and nbf are checked on every use). An entry lives at most a minute, so a
   * key withdrawn from the issuer's set stops being honoured within that minute.
   */
  private readonly verified = new LRUCache<string, { principal: Principal; exp: number; nbf?: number }>({ max: 10_000, ttl: VERIFIED_TTL_MS });

  constructor(@Inject(AUTH_CONFIG) private readonly config: AuthConfig) {}

  async verify(token: string): Promise<Principal> {
    const key = createHash('sha256').update(token).digest('base64url');
    const now = Date.now() / 1000;
    const tolerance = this.config.clockToleranceSeconds;
    const known = this.verified.get(key);
    if (known && now <= known.exp + tolerance && (known.nbf === undefined || now >= known.nbf - tolerance)) return known.principal;
    const { principal, payload } = await this.verifySignature(token);
    const lifetimeMs = ((payload.exp as number) + tolerance - now) * 1000;
    this.verified.set(key, { principal, exp: payload.exp as number, nbf: payload.nbf }, { ttl: Math.max(1, Math.min(VERIFIED_TTL_MS, lifetimeMs)) });
    return principal;
  }

  private async verifySignature(token: string): Promise<{ principal: Principal; payload: JWTPayload }> {
    let payload: JWTPayload;
    try {
      const key = await this.resolveKeys();
      ({ payload } = await jwtVerify(token, key as JWTVerifyGetKey, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: this.config.algorithms,
        clockTolerance: this.config.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) {
        throw new IdentityProviderUnavailableError(`the issuer's keys could not be fetched: ${(error as Error).message}`);
      }
      throw new InvalidTokenError(`${error.code}: ${error.message}`);
    }
    return { principal: this.principal(payload), payload };
  }

  private principal(payload: JWTPayload): Principal {
    const { claims } = this.config;
    const tenantId = payload[claims.tenant];
    if (!isTenantId(tenantId)) throw new InvalidTokenError(`claim "${claims.tenant}" is missing or not a UUID`);
    const roles = payload[claims.roles] ?? [];
    if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string'))
      throw new InvalidTokenError(`claim "${claims.roles}" is not a list of strings`);
    const email = payload[claims.email];
    return {
      subject: payload.sub as string,
      tenantId: tenantId.toLowerCase(),
      roles,
      email: typeof email === 'string' ? email : undefined,
      claims: payload,
    };
  }

  private resolveKeys(): Promise<JWTVerifyGetKey | CryptoKey> {
    this.keys ??= this.loadKeys().catch((error: unknown) => {
      this.keys = undefined; // try discovery again on the next request
      throw error;
    });
    return this.keys;
  }

  private async loadKeys(): Promise<JWTVerifyGetKey | CryptoKey> {
    if (this.config.mode === 'dev') return (await loadDevSigningKey(this.config.devKeyDirectory)).publicKey;
    return createRemoteJWKSet(new URL(this.config.jwksUrl ?? (await this.discoverJwksUrl())), {
      cooldownDuration: 30_000,
      cacheMaxAge: 10 * 60_000,
      [customFetch]: tracedFetch,
    });
  }

  private async discoverJwksUrl(): Promise<string> {
    const url = `${this.config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await tracedFetch(url, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new IdentityProviderUnavailableError(`OIDC discovery at ${url} answered ${response.status}`);
    const metadata = (await response.json()) as { issuer?: string; jwks_uri?: string };
    if (metadata.issuer !== this.config.issuer || !metadata.jwks_uri)
      throw new IdentityProviderUnavailableError(`OIDC discovery at ${url} names another issuer or no jwks_uri`);
    return metadata.jwks_uri;
  }
}
