import { createParamDecorator } from '@nestjs/common';
import { requestContext } from '@lib/platform';

export const HUMAN_ROLES = ['Admin', 'Editor', 'Viewer'] as const;
export const WRITER_ROLES = ['Admin', 'Editor'] as const;

/** The verified principal as the panel reads it: roles only count for the token's tenant. */
export interface Caller {
  readonly tenantId: string;
  readonly sub: string;
  readonly email: string | null;
  readonly roles: readonly string[];
  readonly admin: boolean;
}

export function callerFromContext(): Caller {
  const principal = requestContext.current()?.principal;
  if (!principal) throw new Error('no authenticated principal: the auth guard did not run');
  const roles = ['Admin', 'Editor', 'Viewer', 'WafNode'].filter((role) => principal.roles.includes(role));
  const email = typeof principal.claims.email === 'string' && principal.claims.email !== '' ? principal.claims.email : null;
  return { tenantId: principal.tenantId, sub: principal.subject, email, roles, admin: roles.includes('Admin') };
}

export const CurrentCaller = createParamDecorator((): Caller => callerFromContext());
