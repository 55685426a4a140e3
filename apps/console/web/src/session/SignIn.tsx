import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { sessionCall } from '../api/clients';
import { FieldError, fieldErrors, ProblemBanner } from '../components/problems';
import { useSession } from './session';

const ROLES = [
  { role: 'Admin', what: 'everything, in every service' },
  { role: 'Editor', what: 'WAF panel: change policies, hosts and deployments' },
  { role: 'Viewer', what: 'WAF panel: read only' },
  { role: 'Contributor', what: 'portal: register and change sources' },
  { role: 'Reader', what: 'portal: read only' },
  { role: 'CtSubmitter', what: 'CT log: submit and register certificates' },
  { role: 'CtReader', what: 'CT log: read the audit API' },
];

interface DevSignIn {
  tenant: string;
  roles: string[];
  subject: string;
  email: string;
  domain: string;
  team: string;
}

/** The dev sign-in: pick who to be. Only offered with AUTH_MODE=dev outside production. */
export function SignInPage() {
  const { session, refresh } = useSession();
  const id = useId();
  const { register, handleSubmit } = useForm<DevSignIn>({
    defaultValues: { tenant: 'd3000000-0000-4000-8000-000000000001', roles: ['Admin'], subject: 'dev-admin', email: 'admin@example.com', domain: '', team: '' },
  });
  const signIn = useMutation({
    mutationFn: (values: DevSignIn) =>
      sessionCall('POST', '/session/dev', {
        tenant: values.tenant.trim(),
        roles: values.roles,
        subject: values.subject.trim() || undefined,
        email: values.email.trim() || undefined,
        domain: values.domain.trim() || undefined,
        team: values.team.trim() || undefined,
      }),
    onSuccess: () => refresh(),
  });
  const errors = fieldErrors(signIn.error);
  const failure = new URLSearchParams(window.location.search).get('signInError');
  if (!session.devSignIn) {
    const returnTo = window.location.pathname.startsWith('/app') ? window.location.pathname : '/app';
    return (
      <main className="sign-in">
        <h1>Sign in</h1>
        {failure && (
          <p className="problem" role="alert">
            The last sign-in did not finish: {failure}
          </p>
        )}
        <p>The console signs you in with your organisation's identity provider; you come back here once it knows you.</p>
        <a className="button primary" href={`/session/oidc/start?returnTo=${encodeURIComponent(returnTo)}`}>
          Sign in with your identity provider
        </a>
      </main>
    );
  }
  const text = (name: 'tenant' | 'subject' | 'email' | 'domain' | 'team', label: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        {...register(name)}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${id}-${name}-error` : undefined}
      />
      {hint && <p className="hint">{hint}</p>}
      <FieldError id={`${id}-${name}-error`} message={errors[name]} />
    </div>
  );
  return (
    <main className="sign-in">
      <h1>Sign in (development)</h1>
      <p>
        This console runs with <code>AUTH_MODE=dev</code>: choose who to be. The console mints a token with the local dev key and keeps it on the server; your
        browser holds only a session cookie.
      </p>
      <ProblemBanner error={signIn.error} shown={['tenant', 'roles', 'subject', 'email', 'domain', 'team']} />
      <form aria-label="Dev sign-in" onSubmit={handleSubmit((values) => signIn.mutate(values))}>
        {text('tenant', 'Tenant', 'A tenant id (UUID); the default is the portal demo tenant.')}
        <fieldset aria-describedby={errors.roles ? `${id}-roles-error` : undefined}>
          <legend>Roles</legend>
          {ROLES.map(({ role, what }) => (
            <div className="field checkbox" key={role}>
              <input id={`${id}-role-${role}`} type="checkbox" value={role} {...register('roles')} />
              <label htmlFor={`${id}-role-${role}`}>
                {role} <span className="hint">({what})</span>
              </label>
            </div>
          ))}
          <FieldError id={`${id}-roles-error`} message={errors.roles} />
        </fieldset>
        {text('subject', 'Subject')}
        {text('email', 'E-mail')}
        {text('domain', 'Data domain (portal)', 'Optional: scopes portal reviews to one domain.')}
        {text('team', 'Team (portal)')}
        <button type="submit" className="primary" disabled={signIn.isPending}>
          Sign in
        </button>
      </form>
    </main>
  );
}
