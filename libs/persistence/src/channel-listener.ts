import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

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

export interface ChannelHandlers {
  /** A notification's payload (notifications without one are dropped). */
  notify(payload: string): void;
  /** The connection broke: the subscription is gone; subscribe again to go on. */
  error(error: Error): void;
}

/** A `LISTEN` held on one pooled connection until `close`. */
export interface ChannelSubscription {
  close(): void;
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

/**
 * `LISTEN channel` on a PostgreSQL connection taken from the pool for as long as it lasts (a
 * LISTEN lives as long as its session). Closing discards the connection instead of returning it,
 * so its LISTEN never reaches another user of the pool.
 */
export async function listenOn(dataSource: DataSource, channel: string, handlers: ChannelHandlers): Promise<ChannelSubscription> {
  if (!CHANNEL.test(channel)) throw new Error(`"${channel}" is not a channel name (lowercase letters, digits, _)`);
  const [client, release] = (await (dataSource.driver as PostgresDriver).obtainMasterConnection()) as [ListeningClient, (error?: Error) => void];
  let open = true;
  const close = (error?: Error) => {
    if (!open) return;
    open = false;
    client.removeAllListeners();
    release(error ?? new Error(`LISTEN ${channel} closed`));
  };
  client.on('notification', (message) => {
    if (message.channel === channel && message.payload) handlers.notify(message.payload);
  });
  client.on('error', (error) => {
    close(error);
    handlers.error(error);
  });
  try {
    await client.query(`LISTEN ${channel}`);
  } catch (error) {
    close(error as Error);
    throw error;
  }
  return { close: () => close() };
}
