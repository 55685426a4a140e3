import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type ChannelSubscription, TaskGroup } from '@lib/persistence';
import { createLogger } from '@lib/platform';
import { CtDb } from '../store/ct-db';
import { LogRegistry } from './log-registry';

const RECONNECT_MS = 1000;

/**
 * Replicas hear each other's new heads on `LISTEN ctlog_head`. One pooled connection
 * is held for it (a LISTEN lives as long as its session); if it breaks, the 1-second poll still
 * bounds staleness and the listener reconnects. At shutdown the connection goes back before the
 * store closes, including one that was still being obtained when the shutdown began.
 */
@Injectable()
export class HeadListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = createLogger('ct-head-listener');
  private readonly work = new TaskGroup((error) => this.reconnect(error as Error));
  private subscription: ChannelSubscription | undefined;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: CtDb,
    private readonly registry: LogRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.db.pg) await this.work.run('listen', () => this.listen());
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.retry);
    await this.work.close();
    this.drop();
  }

  private async listen(): Promise<void> {
    this.subscription = await this.db.store.listen('ctlog_head', {
      notify: (payload) => this.registry.headChanged(payload),
      error: (error) => this.reconnect(error),
    });
    // Shutdown began while the connection was being obtained: give it straight back.
    if (this.work.closed) this.drop();
  }

  private reconnect(error: Error): void {
    this.drop();
    if (this.work.closed) return;
    this.log.warn({ err: error }, 'LISTEN ctlog_head lost; polling continues, reconnecting');
    // The connection's error event and the failed LISTEN may both report one loss: one retry.
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.work.run('listen', () => this.listen()), RECONNECT_MS);
    this.retry.unref();
  }

  private drop(): void {
    this.subscription?.close();
    this.subscription = undefined;
  }
}
