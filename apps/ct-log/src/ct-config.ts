import { statSync } from 'node:fs';
import { ConfigurationError, readPositiveInt } from '@lib/persistence';

/** The ct-log service's own settings. */
export interface CtConfig {
  /** `CTLOG_PUBLIC_BASE_URL` minus its scheme: the prefix of every log's origin. */
  readonly originBase: string;
  readonly publicBaseUrl: string;
  readonly keyDirectory: string;
  readonly testHooks: boolean;
  /** `AUTH_MODE=dev`: `key: "generate"` is allowed. */
  readonly devKeys: boolean;
  readonly startupRehash: number;
  readonly startupVerifyFull: boolean;
  /** Admin and audit API writes per principal per minute on one replica; submissions are exempt. */
  readonly writeRateLimitPerMinute: number;
  /** Submissions per client address per minute to a log with open submission, on one replica. */
  readonly openSubmissionsPerMinute: number;
}

export const CT_CONFIG = Symbol('CT_CONFIG');

export function readCtConfig(env: NodeJS.ProcessEnv): CtConfig {
  const base = (env.CTLOG_PUBLIC_BASE_URL ?? 'http://localhost:3002').replace(/\/+$/, '');
  const match = /^https?:\/\/([^/?#\s]+(?:\/[^?#\s]*)?)$/.exec(base);
  if (!match) throw new ConfigurationError(`CTLOG_PUBLIC_BASE_URL "${base}" must be an http(s) URL such as https://ct.example.com`);
  const testHooks = env.CTLOG_TEST_HOOKS === 'true';
  if (testHooks && env.NODE_ENV === 'production')
    throw new ConfigurationError('CTLOG_TEST_HOOKS=true is refused with NODE_ENV=production: the test hook must never reach a deployed log');
  const rehash = env.CTLOG_STARTUP_REHASH ?? '65536';
  if (!/^[0-9]{1,10}$/.test(rehash))
    throw new ConfigurationError(`CTLOG_STARTUP_REHASH "${rehash}" must be a non-negative integer (entries re-hashed per log at startup)`);
  const verify = env.CTLOG_STARTUP_VERIFY ?? 'tail';
  if (verify !== 'tail' && verify !== 'full') throw new ConfigurationError(`CTLOG_STARTUP_VERIFY "${verify}" must be "tail" or "full"`);
  return {
    originBase: match[1],
    publicBaseUrl: base,
    keyDirectory: env.CTLOG_KEY_DIR ?? './data/keys',
    testHooks,
    devKeys: (env.AUTH_MODE ?? 'oidc') === 'dev',
    startupRehash: Number(rehash),
    startupVerifyFull: verify === 'full',
    writeRateLimitPerMinute: readPositiveInt(env, 'CTLOG_RATE_LIMIT_WRITES_PER_MINUTE', 600),
    openSubmissionsPerMinute: readPositiveInt(env, 'CTLOG_OPEN_SUBMISSIONS_PER_MINUTE', 1200),
  };
}

/**
 * Outside dev mode (which generates keys into it) the key directory holds the operator's keys:
 * one that is not there fails the boot rather than leave every log serving reads only.
 */
export function requireKeyDirectory(config: CtConfig): void {
  if (!config.devKeys && !statSync(config.keyDirectory, { throwIfNoEntry: false })?.isDirectory())
    throw new ConfigurationError(`CTLOG_KEY_DIR "${config.keyDirectory}" is not a directory: mount the log keys there (see docs/ct-log.md)`);
}
