import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { unwrap, waf } from '../api/clients';
import { fieldErrors, ProblemBanner } from '../components/problems';
import { TextField } from '../components/TextField';
import { Table } from '../components/Table';

interface Filters {
  q: string;
  action: string;
  actor: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { q: '', action: '', actor: '', from: '', to: '' };
/** `datetime-local` has no zone: it is the browser's local time, sent as UTC. */
const toUtc = (local: string) => (local ? new Date(local).toISOString() : '');

export function AuditPage() {
  const id = useId();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const query = Object.fromEntries(
    Object.entries({ ...filters, from: toUtc(filters.from), to: toUtc(filters.to) }).filter(([, value]) => value !== ''),
  ) as Partial<Filters>;
  const events = useInfiniteQuery({
    queryKey: ['waf', 'audit', query],
    queryFn: ({ pageParam }) =>
      unwrap(waf.GET('/api/v1/audit-events', { params: { query: { ...query, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const errors = fieldErrors(events.error);
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  const field = (name: keyof Filters, label: string, type = 'text', hint?: string) => (
    <TextField label={label} type={type} hint={hint} value={draft[name]} error={errors[name]} onValue={(value) => setDraft({ ...draft, [name]: value })} />
  );
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Audit log</h1>
      <form
        role="search"
        aria-label="Search the audit log"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters(draft);
        }}
      >
        <div className="row">
          {field('q', 'Text')}
          {field('action', 'Action', 'text', 'An action such as policy.update, or a prefix such as policy.*')}
          {field('actor', 'Actor (subject or e-mail)')}
        </div>
        <div className="row">
          {field('from', 'From', 'datetime-local')}
          {field('to', 'To', 'datetime-local')}
        </div>
        <button type="submit">Search</button>
      </form>
      <ProblemBanner error={events.error} shown={['q', 'action', 'actor', 'from', 'to']} />
      {events.isSuccess && items.length === 0 && <p>No audit entries match.</p>}
      {items.length > 0 && (
        <Table caption="Audit entries" columns={['When', 'Actor', 'Action', 'Outcome', 'What']}>
          {items.map((entry) => (
            <tr key={entry.id}>
              <td>{new Date(entry.occurredAt).toLocaleString()}</td>
              <td>{entry.actor.email ?? entry.actor.sub}</td>
              <td>{entry.action}</td>
              <td>{entry.outcome}</td>
              <td>{entry.entity.label ?? entry.entity.id ?? entry.entity.type}</td>
            </tr>
          ))}
        </Table>
      )}
      {events.hasNextPage && (
        <button type="button" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
          Show older entries
        </button>
      )}
    </section>
  );
}
