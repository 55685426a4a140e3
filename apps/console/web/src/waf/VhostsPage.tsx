import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { unwrap, waf } from '../api/clients';
import { CodeView } from '../components/CodeView';
import { FieldError, fieldErrors, ProblemBanner } from '../components/problems';
import { TextField } from '../components/TextField';
import type { components } from '@lib/contracts/waf-panel';
import { usePermissions } from '../session/session';
import { useEngine } from './queries';
import { Table } from '../components/Table';

type VhostBundle = components['schemas']['VhostBundleView'];

export function VhostsPage() {
  const id = useId();
  const vhosts = useQuery({ queryKey: ['waf', 'vhosts'], queryFn: () => unwrap(waf.GET('/api/v1/vhosts', { params: { query: { limit: 200 } } })) });
  const policies = useQuery({ queryKey: ['waf', 'policy-names'], queryFn: () => unwrap(waf.GET('/api/v1/policies', { params: { query: { limit: 200 } } })) });
  const names = new Map((policies.data?.items ?? []).map((policy) => [policy.id, policy.name]));
  const pending = useQuery({ queryKey: ['waf', 'pending'], queryFn: () => unwrap(waf.GET('/api/v1/deployments/pending')) });
  const changes = new Map((pending.data?.changes ?? []).map((change) => [change.vhostId, change.change]));
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Virtual hosts</h1>
      <ProblemBanner error={vhosts.error} />
      {vhosts.data && vhosts.data.items.length === 0 && <p>No virtual hosts yet.</p>}
      {vhosts.data && vhosts.data.items.length > 0 && (
        <Table caption="Virtual hosts" columns={['Domain', 'Backends', 'TLS', 'Policy', 'Deployed', 'Bundle']}>
          {vhosts.data.items.map((vhost) => (
            <tr key={vhost.id}>
              <td>
                <Link to={`/app/waf/vhosts/${vhost.id}`}>{vhost.domain}</Link>
              </td>
              <td>{vhost.backends.map((backend) => backend.url).join(', ')}</td>
              <td>{vhost.tls.mode === 'terminate' ? `terminate (${vhost.tls.certificateRef}, TLS ${vhost.tls.minVersion}+)` : 'off'}</td>
              <td>{vhost.policyId ? (names.get(vhost.policyId) ?? vhost.policyId) : 'none'}</td>
              <td>{changes.has(vhost.id) ? `pending (${changes.get(vhost.id)})` : 'deployed'}</td>
              <td>
                <Link to={`/app/waf/vhosts/${vhost.id}/bundle`}>Bundle of {vhost.domain}</Link>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <CreateVhost policies={policies.data?.items ?? []} />
    </section>
  );
}

function CreateVhost({ policies }: { policies: Array<{ id: string; name: string }> }) {
  const queries = useQueryClient();
  const permissions = usePermissions();
  const id = useId();
  const [domain, setDomain] = useState('');
  const [backend, setBackend] = useState('');
  const [policyId, setPolicyId] = useState('');
  const create = useMutation({
    mutationFn: () => unwrap(waf.POST('/api/v1/vhosts', { body: { domain, backends: [{ url: backend }], policyId: policyId || null } })),
    onSuccess: async () => {
      setDomain('');
      setBackend('');
      await queries.invalidateQueries({ queryKey: ['waf'] });
    },
  });
  const errors = fieldErrors(create.error);
  const input = (name: string, label: string, value: string, onValue: (value: string) => void, placeholder: string) => (
    <TextField label={label} value={value} placeholder={placeholder} disabled={!permissions.wafWrite} error={errors[name]} onValue={onValue} />
  );
  return (
    <form
      aria-label="Add a virtual host"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <h2>Add a virtual host</h2>
      {!permissions.wafWrite && <p className="notice">{permissions.wafWriteReason}</p>}
      <ProblemBanner error={create.error} shown={['domain', 'backends', 'policyId']} />
      <div className="row">
        {input('domain', 'Domain', domain, setDomain, 'shop.example.com')}
        {input('backends[0].url', 'Backend URL', backend, setBackend, 'http://app:8080')}
        <div className="field">
          <label htmlFor={`${id}-policy`}>Policy</label>
          <select id={`${id}-policy`} value={policyId} disabled={!permissions.wafWrite} onChange={(event) => setPolicyId(event.target.value)}>
            <option value="">No policy</option>
            {policies.map((policy) => (
              <option key={policy.id} value={policy.id}>
                {policy.name}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-policyId-error`} message={errors.policyId} />
        </div>
      </div>
      <button type="submit" className="primary" disabled={!permissions.wafWrite || create.isPending}>
        Add virtual host
      </button>
    </form>
  );
}

export function BundlePage() {
  const { id } = useParams() as { id: string };
  const titleId = useId();
  const bundle = useQuery({
    queryKey: ['waf', 'bundle', id],
    // format=json answers the bundle as JSON (without it, the configuration as text).
    queryFn: async () => (await unwrap(waf.GET('/api/v1/vhosts/{id}/render', { params: { path: { id }, query: { format: 'json' } } }))) as VhostBundle,
  });
  const engine = useEngine();
  const latest = useQuery({
    queryKey: ['waf', 'deployments', 'latest'],
    queryFn: async () => (await unwrap(waf.GET('/api/v1/deployments', { params: { query: { limit: 1 } } }))).items[0],
  });
  const problems = latest.data?.errors.filter((error) => error.domain === bundle.data?.domain) ?? [];
  const check = !engine.data?.engineCheck
    ? 'Engine check: not run (WAF_ENGINE_CHECK_CMD is not set).'
    : !latest.data
      ? 'Engine check: no deployment yet.'
      : problems.length > 0
        ? `Engine check of deployment ${latest.data.sequence}: failed: ${problems.map((error) => error.message).join('; ')}`
        : `Engine check of deployment ${latest.data.sequence}: ${latest.data.status === 'failed' ? 'failed for other hosts' : 'passed'}.`;
  return (
    <section aria-labelledby={titleId}>
      <h1 id={titleId}>Bundle {bundle.data ? `of ${bundle.data.domain}` : ''}</h1>
      <p>
        <Link to="/app/waf/vhosts">Back to the virtual hosts</Link>
      </p>
      <ProblemBanner error={bundle.error} />
      {bundle.data && (
        <>
          <p>
            {bundle.data.pending ? 'Not deployed yet: differs from what the nodes serve.' : 'Deployed: the nodes serve this bundle.'} SHA-256{' '}
            <code>{bundle.data.sha256.slice(0, 16)}…</code>
          </p>
          <p>{check}</p>
          {bundle.data.warnings.length > 0 && (
            <ul aria-label="Warnings">
              {bundle.data.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
          <CodeView code={bundle.data.content} label={`ModSecurity configuration of ${bundle.data.domain}`} />
        </>
      )}
    </section>
  );
}
