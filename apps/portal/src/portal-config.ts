import { ConfigurationError, isTenantId, readBoolean, readNumber, readPositiveInt } from '@lib/persistence';

export interface PortalConfig {
  readonly demoData: boolean;
  readonly demoTenantIds: readonly string[];
  /** 0 disables the sweeper; reads still report expiry. */
  readonly accessExpirySweepSeconds: number;
  readonly volumeGbPerSource: number;
  /** Writes per minute per tenant + subject; undefined: no limit. */
  readonly rateLimitWritesPerMinute?: number;
  readonly clockOffsetSeconds: number;
  readonly corsOrigins: readonly string[];
}

export const DEFAULT_DEMO_TENANT = 'd3000000-0000-4000-8000-000000000001';

/** Every bad value fails the boot naming its variable. */
export function readPortalConfig(env: NodeJS.ProcessEnv = process.env): PortalConfig {
  const production = env.NODE_ENV === 'production';
  const demoData = readBoolean(env, 'DEMO_DATA', !production && env.NODE_ENV !== 'test');
  if (demoData && production) throw new ConfigurationError('DEMO_DATA=true is refused when NODE_ENV=production: demo rows never go into a production database');
  const demoTenantIds = (env.DEMO_TENANT_IDS ?? DEFAULT_DEMO_TENANT)
    .split(',')
    .map((id) => id.trim().toLowerCase())
    .filter(Boolean);
  const badTenant = demoTenantIds.find((id) => !isTenantId(id));
  if (badTenant !== undefined) throw new ConfigurationError(`DEMO_TENANT_IDS: "${badTenant}" is not a UUID (comma-separated tenant UUIDs)`);
  const clockOffsetSeconds = readNumber(env, 'PORTAL_CLOCK_OFFSET_SECONDS', 0, { integer: true });
  if (clockOffsetSeconds !== 0 && production)
    throw new ConfigurationError('PORTAL_CLOCK_OFFSET_SECONDS is for acceptance tests: refused when NODE_ENV=production');
  const corsOrigins = (env.CORS_ORIGINS ?? 'http://localhost:5173')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (production && corsOrigins.includes('*')) throw new ConfigurationError('CORS_ORIGINS="*" is refused when NODE_ENV=production: list the admin UI origins');
  const badOrigin = corsOrigins.find((o) => o !== '*' && !/^https?:\/\/[^/\s]+$/.test(o));
  if (badOrigin !== undefined) throw new ConfigurationError(`CORS_ORIGINS: "${badOrigin}" is not an origin like https://admin.example.com`);
  const rateLimit = env.PORTAL_RATE_LIMIT_WRITES_PER_MINUTE?.trim();
  return {
    demoData,
    demoTenantIds,
    accessExpirySweepSeconds: readNumber(env, 'ACCESS_EXPIRY_SWEEP_SECONDS', 60, { integer: true, min: 0 }),
    volumeGbPerSource: readNumber(env, 'PORTAL_VOLUME_GB_PER_SOURCE', 100, { min: 0 }),
    rateLimitWritesPerMinute: rateLimit ? readPositiveInt(env, 'PORTAL_RATE_LIMIT_WRITES_PER_MINUTE', 1) : undefined,
    clockOffsetSeconds,
    corsOrigins,
  };
}
