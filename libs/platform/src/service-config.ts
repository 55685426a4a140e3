import { ConfigurationError, readBoolean, readChoice, readNumber, readPort, readPositiveInt } from '@lib/persistence';
import { LOG_LEVELS } from './logging/logger';

export interface ServiceConfig {
  readonly port: number;
  readonly host: string;
  readonly bodyLimitBytes: number;
  /** Serve the OpenAPI document and its UI at /api/docs: on by default, off in production unless asked for. */
  readonly apiDocs: boolean;
  /** Reverse proxies in front (ingress, load balancer) whose X-Forwarded-For/-Proto are believed; 0: none. */
  readonly trustProxyHops: number;
  /** The most time a client may take to send a whole request (headers and body) before a 408. */
  readonly requestTimeoutMs: number;
  /** After SIGTERM: how long readiness reports false while requests are still served. */
  readonly shutdownDrainMs: number;
  /** After SIGTERM: the most the whole shutdown may take before the process exits 1. */
  readonly shutdownTimeoutMs: number;
  readonly logLevel: string;
}

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export function readServiceConfig(defaultPort: number, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return {
    port: readPort(env, 'PORT', defaultPort),
    host: env.HOST?.trim() || '0.0.0.0',
    bodyLimitBytes: readPositiveInt(env, 'BODY_LIMIT_BYTES', DEFAULT_BODY_LIMIT_BYTES),
    apiDocs: readBoolean(env, 'API_DOCS', env.NODE_ENV !== 'production'),
    trustProxyHops: readNumber(env, 'TRUST_PROXY_HOPS', 0, { integer: true, min: 0 }),
    requestTimeoutMs: readPositiveInt(env, 'REQUEST_TIMEOUT_MS', 30_000),
    logLevel: readChoice(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    ...readShutdownConfig(env),
  };
}

function readShutdownConfig(env: NodeJS.ProcessEnv): Pick<ServiceConfig, 'shutdownDrainMs' | 'shutdownTimeoutMs'> {
  const shutdownDrainMs = readNumber(env, 'SHUTDOWN_DRAIN_MS', 0, { integer: true, min: 0 });
  const shutdownTimeoutMs = readPositiveInt(env, 'SHUTDOWN_TIMEOUT_MS', 25_000);
  if (shutdownDrainMs >= shutdownTimeoutMs) {
    throw new ConfigurationError(
      `SHUTDOWN_DRAIN_MS (${shutdownDrainMs}) must be below SHUTDOWN_TIMEOUT_MS (${shutdownTimeoutMs}), which leaves in-flight requests the time between them.`,
    );
  }
  return { shutdownDrainMs, shutdownTimeoutMs };
}
