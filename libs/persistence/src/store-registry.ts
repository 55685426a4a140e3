import { Store, type StoreSettings } from './store';

/**
 * One Store per (database URL, role) per process: every module of a service borrows the same
 * pool, and shutdown closes each exactly once.
 */
export class StoreRegistry {
  private readonly stores = new Map<string, Promise<Store>>();

  get(settings: StoreSettings): Promise<Store> {
    const location = settings.location;
    const url = location.kind === 'postgres' ? location.connectionString : location.mainFile;
    const key = `${url}\u0000${settings.role ?? ''}`;
    let store = this.stores.get(key);
    if (!store) {
      store = Store.open(settings);
      this.stores.set(key, store);
      store.catch(() => this.stores.delete(key));
    }
    return store;
  }

  async closeAll(): Promise<void> {
    const opened = [...this.stores.values()];
    this.stores.clear();
    await Promise.all(opened.map(async (pending) => (await pending.catch(() => undefined))?.close()));
  }
}
