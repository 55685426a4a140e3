import { readPort, readPositiveInt } from '@lib/persistence';

export interface ServiceConfig {
  readonly port: number;
  readonly host: string;
  readonly bodyLimitBytes: number;
}

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export function readServiceConfig(defaultPort: number, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return {
    port: readPort(env, 'PORT', defaultPort),
    host: env.HOST?.trim() || '0.0.0.0',
    bodyLimitBytes: readPositiveInt(env, 'BODY_LIMIT_BYTES', DEFAULT_BODY_LIMIT_BYTES),
  };
}
