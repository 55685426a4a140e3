import { CallerParam, claimText as text, currentPrincipal, type Principal } from '@lib/platform';

export const PORTAL_ROLES = ['Reader', 'Contributor', 'Admin'] as const;
export type PortalRole = (typeof PORTAL_ROLES)[number];

/** The verified principal as the portal reads it. */
export interface Caller {
  readonly tenantId: string;
  readonly sub: string;
  readonly oid: string | null;
  readonly email: string | null;
  readonly roles: readonly PortalRole[];
  /** The `domain` claim, else `team`; null when absent or empty. */
  readonly domain: string | null;
  readonly admin: boolean;
  /** Contributor or Admin. */
  readonly writer: boolean;
  /** `email`, else `preferred_username`, else `sub`. */
  readonly identity: string;
  /** The non-empty values among email, preferred_username, sub and oid. */
  readonly identifiers: readonly string[];
}

function portalCaller(principal: Principal): Caller {
  const claims = principal.claims;
  const roles = PORTAL_ROLES.filter((role) => principal.roles.includes(role));
  const email = text(claims.email);
  const preferred = text(claims.preferred_username);
  const oid = text(claims.oid);
  const admin = roles.includes('Admin');
  return {
    tenantId: principal.tenantId,
    sub: principal.subject,
    oid,
    email,
    roles,
    domain: text(claims.domain) ?? text(claims.team),
    admin,
    writer: admin || roles.includes('Contributor'),
    identity: email ?? preferred ?? principal.subject,
    identifiers: [email, preferred, principal.subject, oid].filter((v): v is string => v !== null),
  };
}

export const callerFromContext = (): Caller => portalCaller(currentPrincipal());

/** The caller of this request, as a handler parameter. */
export const CurrentCaller = CallerParam(portalCaller);
