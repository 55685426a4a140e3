import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TaskGroup } from '@lib/persistence';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { createLogger } from '@lib/platform';
import { CtDb } from '../store/ct-db';
import { LogRegistry } from './log-registry';

const RECONNECT_MS = 1000;

interface Notification {
  readonly channel: string;
  readonly payload?: string;
}

interface ListeningClient {
  query(text: string): Promise<unknown>;
  on(event: 'notification', listener: (message: Notification) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  removeAllListeners(): void;
}

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
  private release: ((error?: Error) => void) | undefined;
  private client: ListeningClient | undefined;
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
    const [client, release] = (await (this.db.store.dataSource.driver as PostgresDriver).obtainMasterConnection()) as [ListeningClient, (error?: Error) => void];
    this.client = client;
    this.release = release;
    if (this.work.closed) return;
    client.on('notification', (message) => {
      if (message.channel === 'ctlog_head' && message.payload) this.registry.headChanged(message.payload);
    });
    client.on('error', (error) => this.reconnect(error));
    await client.query('LISTEN ctlog_head');
  }

  private reconnect(error: Error): void {
    this.drop(error);
    if (this.work.closed) return;
    this.log.warn({ err: error }, 'LISTEN ctlog_head lost; polling continues, reconnecting');
    // The connection's error event and the failed LISTEN may both report one loss: one retry.
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.work.run('listen', () => this.listen()), RECONNECT_MS);
    this.retry.unref();
  }

  private drop(error?: Error): void {
    this.client?.removeAllListeners();
    // Releasing with an error discards the connection, so its LISTEN never reaches another user of the pool.
    this.release?.(error ?? new Error('listener stopped'));
    this.client = undefined;
    this.release = undefined;
  }
}
