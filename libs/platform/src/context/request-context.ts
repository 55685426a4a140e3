import { AsyncLocalStorage } from 'node:async_hooks';

export interface Principal {
  readonly subject: string;
  readonly tenantId: string;
  readonly roles: readonly string[];
  readonly email?: string;
  /** Every verified claim, for app-specific ones (the portal's `domain`). */
  readonly claims: Readonly<Record<string, unknown>>;
}

export interface RequestContext {
  readonly correlationId: string;
  principal?: Principal;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The context of the request (or CLI command, or job) this code runs for. */
export const requestContext = {
  run<T>(context: RequestContext, work: () => T): T {
    return storage.run(context, work);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
  correlationId(): string | undefined {
    return storage.getStore()?.correlationId;
  },
};
