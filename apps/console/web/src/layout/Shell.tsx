import { NavLink, Outlet } from 'react-router';
import { useSession } from '../session/session';

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
        <nav aria-label="WAF panel">
          <h2>WAF panel</h2>
          <ul>
            <li>
              <NavLink to="/app/waf/policies">Policies</NavLink>
            </li>
            <li>
              <NavLink to="/app/waf/vhosts">Virtual hosts</NavLink>
            </li>
            <li>
              <NavLink to="/app/waf/deployments">Deployments</NavLink>
            </li>
            <li>
              <NavLink to="/app/waf/audit">Audit log</NavLink>
            </li>
          </ul>
        </nav>
        <nav aria-label="Portal">
          <h2>Portal</h2>
          <ul>
            <li>
              <NavLink to="/app/portal" end>
                Dashboard
              </NavLink>
            </li>
            <li>
              <NavLink to="/app/portal/sources">Sources</NavLink>
            </li>
            <li>
              <NavLink to="/app/portal/pipelines">Pipelines</NavLink>
            </li>
            <li>
              <NavLink to="/app/portal/access">Access requests</NavLink>
            </li>
            <li>
              <NavLink to="/app/portal/marketplace">Marketplace</NavLink>
            </li>
            <li>
              <NavLink to="/app/portal/audit">Audit trail</NavLink>
            </li>
          </ul>
        </nav>
        <nav aria-label="CT log">
          <h2>CT log</h2>
          <ul>
            <li>
              <NavLink to="/app/ct/logs">Logs</NavLink>
            </li>
            <li>
              <NavLink to="/app/ct/certificates">Certificate audit</NavLink>
            </li>
          </ul>
        </nav>
      </div>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
