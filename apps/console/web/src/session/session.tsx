import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import { configureSession, sessionCall } from '../api/clients';

export interface Session {
  signedIn: boolean;
  authMode: 'dev' | 'oidc';
  devSignIn: boolean;
  subject?: string;
  tenant?: string;
  roles?: string[];
  email?: string;
  claims?: Record<string, string>;
  expiresAt?: string;
  csrfToken?: string;
}

interface SessionState {
  readonly session: Session;
  readonly refresh: () => Promise<unknown>;
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

export function SessionProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const queries = useQueryClient();
  const { data, refetch } = useQuery({ queryKey: ['session'], queryFn: () => sessionCall<Session>('GET', '/session'), staleTime: Infinity });
  useEffect(() => {
    configureSession(data?.csrfToken, () => {
      // Whatever was cached belongs to the session that ended.
      queries.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
      void refetch();
    });
  }, [data?.csrfToken, queries, refetch]);
  const state = useMemo<SessionState | undefined>(
    () =>
      data && {
        session: data,
        refresh: () => refetch(),
        signOut: async () => {
          const { endSessionUrl } = await sessionCall<{ endSessionUrl: string | null }>('DELETE', '/session');
          queries.clear();
          // With an identity provider, its session ends too; it sends the browser back to the console.
          if (endSessionUrl) window.location.assign(endSessionUrl);
          else await refetch();
        },
      },
    [data, queries, refetch],
  );
  if (!state) return <>{fallback}</>;
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

const WAF_WRITERS = ['Admin', 'Editor'];
const PORTAL_WRITERS = ['Admin', 'Contributor'];

/** What the signed-in roles allow, with the reason shown on what they do not. */
export function usePermissions() {
  const { session } = useSession();
  const roles = session.roles ?? [];
  const held = roles.length > 0 ? roles.join(', ') : 'no roles';
  return {
    wafWrite: roles.some((role) => WAF_WRITERS.includes(role)),
    wafWriteReason: `Your roles (${held}) cannot change the WAF panel: Admin or Editor can.`,
    wafForce: roles.includes('Admin'),
    wafForceReason: `Only an Admin may force a protected target (your roles: ${held}).`,
    portalWrite: roles.some((role) => PORTAL_WRITERS.includes(role)),
    portalWriteReason: `Your roles (${held}) cannot change the portal: Contributor or Admin can.`,
    portalAdmin: roles.includes('Admin'),
    ctWrite: roles.some((role) => role === 'Admin' || role === 'CtSubmitter'),
    ctWriteReason: `Your roles (${held}) cannot change the certificate audit: CtSubmitter or Admin can.`,
    ctAdmin: roles.includes('Admin'),
    ctAdminReason: `Only an Admin administers logs (your roles: ${held}).`,
    /** Reviews: an Admin, or a Contributor of the product's domain, never the requester. */
    portalReview: (requesterEmail: string, productDomain: string | undefined): string | undefined => {
      if (requesterEmail === session.email) return 'You requested this access: someone else must review it (separation of duties).';
      if (roles.includes('Admin')) return undefined;
      if (!roles.includes('Contributor')) return `Your roles (${held}) cannot review access requests: a Contributor of the domain or an Admin can.`;
      const domain = session.claims?.domain ?? session.claims?.team;
      return productDomain !== undefined && domain !== productDomain
        ? `Only reviewers of the ${productDomain} domain (or an Admin) review this request.`
        : undefined;
    },
  };
}
