import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
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
 * Spec §4.5: replicas hear each other's new heads on `LISTEN ctlog_head`. One pooled connection
 * is held for it (a LISTEN lives as long as its session); if it breaks, the 1-second poll still
 * bounds staleness and the listener reconnects.
 */
@Injectable()
export class HeadListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = createLogger('ct-head-listener');
  private release: ((error?: Error) => void) | undefined;
  private client: ListeningClient | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: CtDb,
    private readonly registry: LogRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.db.pg) await this.listen();
  }

  beforeApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.drop();
  }

  private async listen(): Promise<void> {
    try {
      const [client, release] = (await (this.db.store.dataSource.driver as PostgresDriver).obtainMasterConnection()) as [ListeningClient, (error?: Error) => void];
      this.client = client;
      this.release = release;
      client.on('notification', (message) => {
        if (message.channel === 'ctlog_head' && message.payload) {
          this.registry.headChanged(message.payload).catch((error) => this.log.warn({ err: error }, 'head refresh failed'));
        }
      });
      client.on('error', (error) => this.reconnect(error));
      await client.query('LISTEN ctlog_head');
    } catch (error) {
      this.reconnect(error as Error);
    }
  }

  private reconnect(error: Error): void {
    this.drop(error);
    if (this.stopped) return;
    this.log.warn({ err: error }, 'LISTEN ctlog_head lost; polling continues, reconnecting');
    this.retry = setTimeout(() => void this.listen(), RECONNECT_MS);
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
