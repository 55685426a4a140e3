import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { unwrap, waf } from '../api/clients';
import { fieldErrors, ProblemBanner } from '../components/problems';
import { TextField } from '../components/TextField';
import { usePermissions } from '../session/session';
import { Table } from '../components/Table';

const MODES: Record<string, string> = { off: 'Off', detection_only: 'Detection only', blocking: 'Blocking' };

export function PoliciesPage() {
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const id = useId();
  const list = useInfiniteQuery({
    queryKey: ['waf', 'policies', q],
    queryFn: ({ pageParam }) =>
      unwrap(waf.GET('/api/v1/policies', { params: { query: { ...(q ? { q } : {}), ...(pageParam ? { cursor: pageParam } : {}), limit: 50 } } })),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const policies = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Policies</h1>
      <form
        role="search"
        aria-label="Search policies"
        onSubmit={(event) => {
          event.preventDefault();
          setQ(search.trim());
        }}
      >
        <label htmlFor={`${id}-q`}>Name contains</label>
        <input id={`${id}-q`} type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        <button type="submit">Search</button>
      </form>
      <ProblemBanner error={list.error} />
      {list.isSuccess && policies.length === 0 && <p>No policies{q ? ` match “${q}”` : ' yet'}.</p>}
      {policies.length > 0 && (
        <Table caption="Policies" columns={['Name', 'Mode', 'Paranoia level', 'Virtual hosts', 'Updated']}>
          {policies.map((policy) => (
            <tr key={policy.id}>
              <td>
                <Link to={`/app/waf/policies/${policy.id}`}>{policy.name}</Link>
              </td>
              <td>{MODES[policy.mode] ?? policy.mode}</td>
              <td>{policy.blockingParanoiaLevel}</td>
              <td>{policy.assignedVhostCount}</td>
              <td>{new Date(policy.updatedAt).toLocaleString()}</td>
            </tr>
          ))}
        </Table>
      )}
      {list.hasNextPage && (
        <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          Show more policies
        </button>
      )}
      <CreatePolicy />
    </section>
  );
}

function CreatePolicy() {
  const permissions = usePermissions();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => unwrap(waf.POST('/api/v1/policies', { body: { name } })),
    onSuccess: (policy) => navigate(`/app/waf/policies/${policy.id}`),
  });
  const errors = fieldErrors(create.error);
  return (
    <form
      aria-label="Create a policy"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <h2>Create a policy</h2>
      {!permissions.wafWrite && <p className="notice">{permissions.wafWriteReason}</p>}
      <ProblemBanner error={create.error} shown={['name']} />
      <TextField label="Policy name" value={name} disabled={!permissions.wafWrite} error={errors.name} onValue={setName} />
      <button type="submit" className="primary" disabled={!permissions.wafWrite || create.isPending}>
        Create policy
      </button>
    </form>
  );
}
