import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { ApiError } from './api/clients';
import { Shell } from './layout/Shell';
import { SessionProvider, useSession } from './session/session';
import { SignInPage } from './session/SignIn';
import { AuditPage } from './waf/AuditPage';
import { DeploymentsPage } from './waf/DeploymentsPage';
import { PoliciesPage } from './waf/PoliciesPage';
import { PolicyEditorPage } from './waf/PolicyEditor';
import { RevisionsPage } from './waf/RevisionsPage';
import { VhostEditorPage } from './waf/VhostEditor';
import { BundlePage, VhostsPage } from './waf/VhostsPage';
import './styles.css';

const queries = new QueryClient({
  defaultOptions: {
    // A problem (4xx) is an answer, not a glitch: only faults are retried, once.
    queries: { retry: (count, error) => count < 1 && !(error instanceof ApiError && error.problem.status < 500), refetchOnWindowFocus: false },
  },
});

const router = createBrowserRouter([
  {
    path: '/app',
    Component: Gate,
    children: [
      { index: true, element: <Navigate to="/app/waf/policies" replace /> },
      { path: 'waf/policies', Component: PoliciesPage },
      { path: 'waf/policies/:id', Component: PolicyEditorPage },
      { path: 'waf/policies/:id/revisions', Component: RevisionsPage },
      { path: 'waf/vhosts', Component: VhostsPage },
      { path: 'waf/vhosts/:id', Component: VhostEditorPage },
      { path: 'waf/vhosts/:id/bundle', Component: BundlePage },
      { path: 'waf/deployments', Component: DeploymentsPage },
      { path: 'waf/audit', Component: AuditPage },
      // With its charts, the security-events screen loads on first visit.
      { path: 'waf/security-events', lazy: async () => ({ Component: (await import('./waf/SecurityEventsPage')).SecurityEventsPage }) },
      // The portal's screens load on first visit: their code (and the chart library) stays out of the first screen.
      { path: 'portal', lazy: async () => ({ Component: (await import('./portal/DashboardPage')).DashboardPage }) },
      { path: 'portal/sources', lazy: async () => ({ Component: (await import('./portal/SourcesPage')).SourcesPage }) },
      { path: 'portal/sources/:id', lazy: async () => ({ Component: (await import('./portal/SourceDetailPage')).SourceDetailPage }) },
      { path: 'portal/pipelines', lazy: async () => ({ Component: (await import('./portal/PipelinesPage')).PipelinesPage }) },
      { path: 'portal/access', lazy: async () => ({ Component: (await import('./portal/AccessPage')).AccessPage }) },
      { path: 'portal/marketplace', lazy: async () => ({ Component: (await import('./portal/MarketplacePage')).MarketplacePage }) },
      { path: 'portal/marketplace/:id', lazy: async () => ({ Component: (await import('./portal/MarketplacePage')).ProductPage }) },
      // The CT log's screens load on first visit too (they carry the X.509 decoder).
      { path: 'ct/logs', lazy: async () => ({ Component: (await import('./ct/CtLogsPage')).CtLogsPage }) },
      { path: 'ct/certificates', lazy: async () => ({ Component: (await import('./ct/CertificatesPage')).CertificatesPage }) },
      { path: 'ct/certificates/:fingerprint', lazy: async () => ({ Component: (await import('./ct/CertificatePage')).CertificatePage }) },
      { path: 'ct/logs/:name', lazy: async () => ({ Component: (await import('./ct/CtLogPage')).CtLogPage }) },
      { path: 'portal/audit', lazy: async () => ({ Component: (await import('./portal/AuditTrailPage')).AuditTrailPage }) },
      { path: '*', element: <p>There is no such screen.</p> },
    ],
  },
]);

/** Signed in: the console; not (or no longer): the sign-in screen. */
function Gate() {
  const { session } = useSession();
  return session.signedIn ? <Shell /> : <SignInPage />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <SessionProvider fallback={<p>Loading…</p>}>
        <RouterProvider router={router} />
      </SessionProvider>
    </QueryClientProvider>
  </StrictMode>,
);
