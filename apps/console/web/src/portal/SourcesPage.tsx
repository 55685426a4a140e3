import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { components } from '@lib/contracts/portal';
import { portal, unwrap } from '../api/clients';
import { fieldErrors, ProblemBanner } from '../components/problems';
import { TextField } from '../components/TextField';
import { usePermissions } from '../session/session';
import { Table } from '../components/Table';

type CreateSource = components['schemas']['CreateSourceDto'];
const STATUSES = ['draft', 'pending_approval', 'approved', 'provisioning', 'active', 'paused', 'decommissioned', 'error'] as const;
const TYPES = [
  'azure_sql',
  'synapse',
  'cosmos_db',
  'adls_gen2',
  'blob_storage',
  'databricks',
  'postgresql',
  'mysql',
  'oracle',
  'rest_api',
  'odata',
  'sftp',
  'sharepoint',
  'event_hub',
  'iot_hub',
  'kafka',
] as const satisfies readonly CreateSource['source_type'][];
const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted', 'cui', 'fouo'] as const;
const SORTS = { created_at: 'Oldest first', '-created_at': 'Newest first', name: 'Name A–Z', '-name': 'Name Z–A', '-updated_at': 'Recently changed' } as const;
const PAGE = 20;

/** The sources the user may see, filtered, sorted and paged by the portal (X-Total-Count). */
export function SourcesPage() {
  const id = useId();
  const [filters, setFilters] = useState({ status: '', source_type: '', search: '', sort: '-created_at' as keyof typeof SORTS });
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    queryKey: ['portal', 'sources', filters, offset],
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const query = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ''));
      const { data, error, response } = await portal.GET('/api/v1/sources', { params: { query: { ...query, limit: PAGE, offset } } });
      return { items: await unwrap(Promise.resolve({ data, error, response })), total: Number(response.headers.get('x-total-count')) };
    },
  });
  const set = (patch: Partial<typeof filters>) => {
    setFilters({ ...filters, ...patch });
    setOffset(0);
  };
  const select = (name: 'status' | 'source_type', label: string, choices: readonly string[]) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <select id={`${id}-${name}`} value={filters[name]} onChange={(event) => set({ [name]: event.target.value })}>
        <option value="">Any</option>
        {choices.map((choice) => (
          <option key={choice}>{choice}</option>
        ))}
      </select>
    </div>
  );
  const total = list.data?.total ?? 0;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Sources</h1>
      <div className="row" role="search" aria-label="Filter sources">
        {select('status', 'Status', STATUSES)}
        {select('source_type', 'Type', TYPES)}
        <TextField label="Name or description contains" type="search" value={filters.search} onValue={(search) => set({ search })} />
        <div className="field">
          <label htmlFor={`${id}-sort`}>Sort</label>
          <select id={`${id}-sort`} value={filters.sort} onChange={(event) => set({ sort: event.target.value as keyof typeof SORTS })}>
            {Object.entries(SORTS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ProblemBanner error={list.error} />
      {list.data && (
        <>
          <p role="status">{total === 0 ? 'No sources match.' : `Sources ${offset + 1}–${Math.min(offset + PAGE, total)} of ${total}`}</p>
          {list.data.items.length > 0 && (
            <Table caption="Sources" columns={['Name', 'Type', 'Domain', 'Classification', 'Status']}>
              {list.data.items.map((source) => (
                <tr key={source.id}>
                  <td>
                    <Link to={`/app/portal/sources/${source.id}`}>{source.name}</Link>
                  </td>
                  <td>{source.source_type}</td>
                  <td>{source.domain}</td>
                  <td>{source.classification}</td>
                  <td>{source.status}</td>
                </tr>
              ))}
            </Table>
          )}
          <div className="actions">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              Previous page
            </button>
            <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
              Next page
            </button>
          </div>
        </>
      )}
      <RegisterSource />
    </section>
  );
}

function RegisterSource() {
  const permissions = usePermissions();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const id = useId();
  const [draft, setDraft] = useState({ name: '', source_type: 'postgresql', domain: '', classification: 'internal', host: '', owner: '', email: '', team: '' });
  const set = (patch: Partial<typeof draft>) => setDraft({ ...draft, ...patch });
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        portal.POST('/api/v1/sources', {
          body: {
            name: draft.name,
            source_type: draft.source_type as CreateSource['source_type'],
            domain: draft.domain,
            classification: draft.classification as CreateSource['classification'],
            connection: { host: draft.host || null },
            owner: { name: draft.owner, email: draft.email, team: draft.team },
          },
        }),
      ),
    onSuccess: async (source) => {
      await queries.invalidateQueries({ queryKey: ['portal'] });
      navigate(`/app/portal/sources/${source.id}`);
    },
  });
  const errors = fieldErrors(create.error);
  const disabled = !permissions.portalWrite;
  const text = (name: keyof typeof draft, label: string, path: string = name, hint?: string) => (
    <TextField label={label} value={draft[name]} disabled={disabled} hint={hint} error={errors[path]} onValue={(value) => set({ [name]: value })} />
  );
  const choose = (name: 'source_type' | 'classification', label: string, choices: readonly string[]) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <select id={`${id}-${name}`} value={draft[name]} disabled={disabled} onChange={(event) => set({ [name]: event.target.value })}>
        {choices.map((choice) => (
          <option key={choice}>{choice}</option>
        ))}
      </select>
    </div>
  );
  return (
    <form
      aria-label="Register a source"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <h2>Register a source</h2>
      {disabled && <p className="notice">{permissions.portalWriteReason}</p>}
      <ProblemBanner error={create.error} shown={['name', 'domain', 'connection', 'owner']} />
      <div className="row">
        {text('name', 'Source name')}
        {choose('source_type', 'Source type', TYPES)}
        {text('domain', 'Domain', 'domain', 'Your own domain unless you are an Admin')}
        {choose('classification', 'Classification', CLASSIFICATIONS)}
      </div>
      <div className="row">
        {text('host', 'Host', 'connection.host')}
        {text('owner', 'Owner name', 'owner.name')}
        {text('email', 'Owner e-mail', 'owner.email')}
        {text('team', 'Owner team', 'owner.team')}
      </div>
      <button type="submit" className="primary" disabled={disabled || create.isPending}>
        Register source
      </button>
    </form>
  );
}
