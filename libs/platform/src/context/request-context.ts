import { workContext, type WorkContext } from '@lib/persistence';

export interface Principal {
  readonly subject: string;
  readonly tenantId: string;
  readonly roles: readonly string[];
  readonly email?: string;
  /** Every verified claim, for app-specific ones (the portal's `domain`). */
  readonly claims: Readonly<Record<string, unknown>>;
}

/** The work context of an HTTP request: its correlation id and, once authenticated, its principal. */
export interface RequestContext extends WorkContext {
  correlationId: string;
  clientIp?: string;
  userAgent?: string;
  httpMethod?: string;
  /** The request path without its query string. */
  httpPath?: string;
  principal?: Principal;
}

export const requestContext = {
  run<T>(context: RequestContext, work: () => T): T {
    return workContext.run(context, work);
  },
  current(): RequestContext | undefined {
    return workContext.current() as RequestContext | undefined;
  },
  correlationId(): string | undefined {
    return workContext.current()?.correlationId;
  },
  /** Binds the verified principal, and with it the tenant every query of this request is confined to. */
  authenticate(principal: Principal): void {
    const context = workContext.current() as RequestContext | undefined;
    if (!context) throw new Error('no request context: the onRequest hook did not run');
    context.principal = principal;
    context.tenantId = principal.tenantId;
    context.actor = principal.subject;
  },
};
