import { NavLink, Outlet } from 'react-router';
import { useSession } from '../session/session';

/** The console's screens, by the service they belong to. */
const SECTIONS: ReadonlyArray<{ readonly service: string; readonly screens: ReadonlyArray<readonly [path: string, name: string]> }> = [
  {
    service: 'WAF panel',
    screens: [
      ['/app/waf/policies', 'Policies'],
      ['/app/waf/vhosts', 'Virtual hosts'],
      ['/app/waf/deployments', 'Deployments'],
      ['/app/waf/security-events', 'Security events'],
      ['/app/waf/audit', 'Audit log'],
    ],
  },
  {
    service: 'Portal',
    screens: [
      ['/app/portal', 'Dashboard'],
      ['/app/portal/sources', 'Sources'],
      ['/app/portal/pipelines', 'Pipelines'],
      ['/app/portal/access', 'Access requests'],
      ['/app/portal/marketplace', 'Marketplace'],
      ['/app/portal/audit', 'Audit trail'],
    ],
  },
  {
    service: 'CT log',
    screens: [
      ['/app/ct/logs', 'Logs'],
      ['/app/ct/certificates', 'Certificate audit'],
    ],
  },
];

/** The frame of every screen: who is signed in, for which tenant, with which roles; and where to go. */
export function Shell() {
  const { session, signOut } = useSession();
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header>
        <span className="brand">Control-plane console</span>
        <section aria-label="Signed in" className="who">
          <span>{session.email ?? session.subject}</span>
          <span>
            Tenant <code>{session.tenant}</code>
          </span>
          <span>Roles: {session.roles?.length ? session.roles.join(', ') : 'none'}</span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </section>
      </header>
      <div className="sidebar">
        {SECTIONS.map(({ service, screens }) => (
          <nav aria-label={service} key={service}>
            <h2>{service}</h2>
            <ul>
              {screens.map(([path, name]) => (
                <li key={path}>
                  {/* A section's first screen is active on its own path only, not under the others. */}
                  <NavLink to={path} end={path === '/app/portal'}>
                    {name}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ))}
      </div>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
