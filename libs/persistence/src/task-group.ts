/**
 * The background work of one component (timers, listeners, loads started outside any request).
 * A task is never an unhandled rejection: its failure goes to `onError`. `close()` tells running
 * tasks to stop through `signal`, refuses new ones, and resolves once every task has settled, so
 * a component that closes its group before the store closes never queries a closed store.
 */
export class TaskGroup {
  private readonly running = new Set<Promise<unknown>>();
  private readonly controller = new AbortController();

  constructor(private readonly onError: (error: unknown, task: string) => void) {}

  /** Aborted once `close()` is called: long tasks check it between steps. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get closed(): boolean {
    return this.controller.signal.aborted;
  }

  /** Runs `task` unless the group is closed; resolves to its result, or undefined when it was refused or failed. */
  run<T>(name: string, task: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const settled = task(this.signal).catch((error: unknown) => {
      // Work cut short by close() is expected, not a fault.
      if (!(this.closed && (error === this.signal.reason || (error as Error)?.name === 'AbortError'))) this.onError(error, name);
      return undefined;
    });
    this.running.add(settled);
    void settled.finally(() => this.running.delete(settled));
    return settled;
  }

  async close(): Promise<void> {
    this.controller.abort();
    await Promise.all(this.running);
  }
}
