import { CallerParam, claimText, currentPrincipal, type Principal } from '@lib/platform';

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

function wafCaller(principal: Principal): Caller {
  const roles = ['Admin', 'Editor', 'Viewer', 'WafNode'].filter((role) => principal.roles.includes(role));
  return { tenantId: principal.tenantId, sub: principal.subject, email: claimText(principal.claims.email), roles, admin: roles.includes('Admin') };
}

export const callerFromContext = (): Caller => wafCaller(currentPrincipal());

export const CurrentCaller = CallerParam(wafCaller);
