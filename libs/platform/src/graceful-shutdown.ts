import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import { redactText } from '@lib/persistence';
import { ReadinessRegistry } from './health/readiness';
import type { ServiceConfig } from './service-config';

/**
 * Kubernetes stops a pod with SIGTERM, and SIGKILL after the grace period. On the first SIGTERM
 * (or SIGINT): readiness fails at once, so no new traffic is routed here; requests are still
 * served for the drain delay, while the endpoints catch up; then the server stops accepting,
 * in-flight requests finish, the shutdown hooks close the database pools, and the process exits 0.
 * A shutdown that outlasts its timeout exits 1 instead of waiting to be killed.
 */
export function stopGracefullyOnSignals(app: INestApplication, config: ServiceConfig, logger: Logger): void {
  let stopping = false;
  const exit = (code: number) => logger.flush(() => process.exit(code));
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      logger.error({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out; exiting');
      exit(1);
    }, config.shutdownTimeoutMs).unref();
    app.get(ReadinessRegistry).beginShutdown();
    logger.info({ signal, drainMs: config.shutdownDrainMs }, 'shutting down: readiness now fails');
    await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
    logger.info('closing the server: in-flight requests finish, new connections are refused');
    try {
      await app.close();
    } catch (error) {
      logger.error({ error: redactText(error instanceof Error ? error.message : String(error)) }, 'shutdown failed');
      return exit(1);
    }
    logger.info('stopped: server closed, database pools closed');
    exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, (received) => void stop(received));
}
