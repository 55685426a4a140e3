import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { portal, unwrap } from '../api/clients';
import { ProblemBanner } from '../components/problems';
import { TextField } from '../components/TextField';
import { Table } from '../components/Table';

/** One event of the portal's hash-chained audit trail, as it is sent. */
interface AuditEvent {
  seq: number;
  timestamp: string;
  actor: { sub: string; email: string | null };
  action: string;
  resource: { type: string; id: string | null };
  outcome: string;
}

export function AuditTrailPage() {
  const id = useId();
  const [draft, setDraft] = useState({ action: '', actor: '' });
  const [filters, setFilters] = useState(draft);
  const verify = useQuery({ queryKey: ['portal', 'audit-verify'], queryFn: () => unwrap(portal.GET('/api/v1/audit/verify')) });
  const events = useQuery({
    queryKey: ['portal', 'audit', filters],
    queryFn: async () => {
      const query = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ''));
      return (await unwrap(portal.GET('/api/v1/audit/events', { params: { query: { ...query, order: 'desc', limit: 100 } } }))) as unknown as AuditEvent[];
    },
  });
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Portal audit trail</h1>
      <ProblemBanner error={verify.error ?? events.error} />
      {verify.data && (
        <p role="status" className={verify.data.valid ? 'notice' : 'problem'}>
          {verify.data.valid
            ? `Chain verified: ${verify.data.events_checked} events, each hash recomputed, none altered.`
            : `The chain is broken at event ${verify.data.first_invalid_seq}: the trail was altered.`}
        </p>
      )}
      <form
        role="search"
        aria-label="Search the audit trail"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters(draft);
        }}
      >
        <div className="row">
          <TextField label="Action" value={draft.action} hint="such as access_request.approve" onValue={(action) => setDraft({ ...draft, action })} />
          <TextField label="Actor" value={draft.actor} onValue={(actor) => setDraft({ ...draft, actor })} />
        </div>
        <button type="submit">Search</button>
      </form>
      {events.data && events.data.length === 0 && <p>No events match.</p>}
      {events.data && events.data.length > 0 && (
        <Table caption="Audit events" columns={['#', 'When', 'Actor', 'Action', 'Resource', 'Outcome']}>
          {events.data.map((event) => (
            <tr key={event.seq}>
              <td>{event.seq}</td>
              <td>{new Date(event.timestamp).toLocaleString()}</td>
              <td>{event.actor.email ?? event.actor.sub}</td>
              <td>{event.action}</td>
              <td>
                {event.resource.type} {event.resource.id}
              </td>
              <td>{event.outcome}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
