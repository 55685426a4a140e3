import { ConfigurationError, readBoolean, readChoice, readPositiveInt, requireHttpUrl } from '@lib/persistence';
import { resolve } from 'node:path';

export const DEV_ISSUER = 'urn:control-plane:dev';
export const DEV_AUDIENCE = 'control-plane';
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export interface AuthConfig {
  readonly mode: 'oidc' | 'dev';
  readonly issuer: string;
  readonly audience: string;
  /** Explicit JWKS URL; otherwise discovered from the issuer's OIDC metadata. */
  readonly jwksUrl?: string;
  readonly algorithms: string[];
  readonly claims: { readonly tenant: string; readonly roles: string; readonly email: string };
  readonly clockToleranceSeconds: number;
  readonly metricsPublic: boolean;
  /** Where dev mode keeps its signing key. */
  readonly devKeyDirectory: string;
}

/** Reads the auth settings; refuses what would be unsafe (dev keys in production, symmetric or `none` algorithms). */
export function readAuthConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AuthConfig {
  const mode = readChoice(env, 'AUTH_MODE', ['oidc', 'dev'] as const, 'oidc');
  if (mode === 'dev' && env.NODE_ENV === 'production') {
    throw new ConfigurationError('AUTH_MODE=dev is refused when NODE_ENV=production: configure AUTH_ISSUER and AUTH_AUDIENCE for your identity provider.');
  }
  const algorithms = (env.AUTH_ALGORITHMS?.trim() || 'RS256,PS256,ES256')
    .split(',')
    .map((alg) => alg.trim())
    .filter(Boolean);
  const unsafe = algorithms.filter((alg) => !ASYMMETRIC.includes(alg));
  if (unsafe.length > 0) {
    throw new ConfigurationError(`AUTH_ALGORITHMS has ${unsafe.join(', ')}: only asymmetric algorithms are accepted (${ASYMMETRIC.join(', ')}).`);
  }
  const issuer = mode === 'dev' ? DEV_ISSUER : env.AUTH_ISSUER?.trim();
  const audience = mode === 'dev' ? DEV_AUDIENCE : env.AUTH_AUDIENCE?.trim();
  if (!issuer || !audience) {
    throw new ConfigurationError('AUTH_ISSUER and AUTH_AUDIENCE are required (or AUTH_MODE=dev for local development; `npm start` sets it).');
  }
  const jwksUrl = mode === 'dev' ? undefined : env.AUTH_JWKS_URL?.trim() || undefined;
  if (mode === 'oidc')
    for (const [name, value] of [
      ['AUTH_ISSUER', issuer],
      ['AUTH_JWKS_URL', jwksUrl],
    ] as const)
      requireHttpUrl(name, value);
  return {
    mode,
    issuer,
    audience,
    jwksUrl,
    algorithms: mode === 'dev' ? ['ES256'] : algorithms,
    claims: {
      tenant: env.AUTH_CLAIM_TENANT?.trim() || 'tid',
      roles: env.AUTH_CLAIM_ROLES?.trim() || 'roles',
      email: env.AUTH_CLAIM_EMAIL?.trim() || 'email',
    },
    clockToleranceSeconds: readPositiveInt(env, 'AUTH_CLOCK_TOLERANCE_SECONDS', 30),
    metricsPublic: readBoolean(env, 'METRICS_PUBLIC', true),
    devKeyDirectory: resolve(cwd, env.AUTH_DEV_KEY_DIR?.trim() || 'data'),
  };
}
