import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { unwrap, waf } from '../api/clients';
import { fieldErrors, ProblemBanner } from '../components/problems';
import { Table } from '../components/Table';
import { TextField } from '../components/TextField';
import { usePermissions } from '../session/session';
import { ProposalDialog } from './ProposalDialog';

interface Filters {
  host: string;
  ruleId: string;
  path: string;
  clientIp: string;
  action: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { host: '', ruleId: '', path: '', clientIp: '', action: '', from: '', to: '' };
/** `datetime-local` has no zone: it is the browser's local time, sent as UTC. */
const toUtc = (local: string) => (local ? new Date(local).toISOString() : '');
/** Scoring and reporting rules fire on every blocked request; the list shows the rules that did the matching. */
const isScoring = (ruleId: number) => (ruleId >= 949000 && ruleId < 950000) || (ruleId >= 959000 && ruleId < 960000) || (ruleId >= 980000 && ruleId < 981000);

/**
 * What the WAF nodes' engines matched: filters, the triage figures (top rules with the variables
 * they matched, top paths, events per hour), and the events, from which an exclusion is proposed.
 */
export function SecurityEventsPage() {
  const id = useId();
  const permissions = usePermissions();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [proposing, setProposing] = useState<string[] | null>(null);
  const query = Object.fromEntries(
    Object.entries({ ...filters, from: toUtc(filters.from), to: toUtc(filters.to) }).filter(([, value]) => value !== ''),
  ) as Partial<Filters>;
  // The filters go as typed, unchecked: the panel names a bad one (a rule id that is not a number), beside its field.
  const typed = {
    ...query,
    ruleId: query.ruleId === undefined ? undefined : (query.ruleId as unknown as number),
    action: query.action as 'blocked' | 'detected' | undefined,
  };
  const summary = useQuery({
    queryKey: ['waf', 'security-events', 'summary', query],
    queryFn: () => unwrap(waf.GET('/api/v1/security-events/summary', { params: { query: typed } })),
  });
  const events = useInfiniteQuery({
    queryKey: ['waf', 'security-events', query],
    queryFn: ({ pageParam }) =>
      unwrap(waf.GET('/api/v1/security-events', { params: { query: { ...typed, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const errors = fieldErrors(events.error ?? summary.error);
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  const field = (name: keyof Filters, label: string, type = 'text', hint?: string) => (
    <TextField label={label} type={type} hint={hint} value={draft[name]} error={errors[name]} onValue={(value) => setDraft({ ...draft, [name]: value })} />
  );
  const toggle = (eventId: string) => {
    const next = new Set(selected);
    if (next.has(eventId)) next.delete(eventId);
    else next.add(eventId);
    setSelected(next);
  };
  const variablesOf = (ruleId: number) =>
    (summary.data?.ruleVariables ?? [])
      .filter((variable) => variable.ruleId === ruleId)
      .map((variable) => `${variable.variable} (${variable.events})`)
      .join(', ');
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Security events</h1>
      <p>
        What the engines on your WAF nodes matched, as the nodes ship it. A blocked legitimate request is a false positive: select it and propose the exclusion
        that lets it through.
      </p>
      <form
        role="search"
        aria-label="Filter security events"
        onSubmit={(event) => {
          event.preventDefault();
          setSelected(new Set());
          setFilters(draft);
        }}
      >
        <div className="row">
          {field('host', 'Host')}
          {field('path', 'Path', 'text', 'This path and everything below it')}
          {field('ruleId', 'Rule id')}
        </div>
        <div className="row">
          {field('clientIp', 'Client address')}
          <div className="field">
            <label htmlFor={`${id}-action`}>Action</label>
            <select id={`${id}-action`} value={draft.action} onChange={(event) => setDraft({ ...draft, action: event.target.value })}>
              <option value="">Blocked or detected</option>
              <option value="blocked">Blocked</option>
              <option value="detected">Detected only</option>
            </select>
          </div>
          {field('from', 'From', 'datetime-local')}
          {field('to', 'To', 'datetime-local')}
        </div>
        <button type="submit">Filter</button>
      </form>
      <ProblemBanner error={events.error ?? summary.error} shown={Object.keys(EMPTY)} />

      {summary.data && summary.data.total > 0 && (
        <>
          <h2>Triage</h2>
          <p>
            {summary.data.total} {summary.data.total === 1 ? 'event' : 'events'} match.
          </p>
          <figure aria-labelledby={`${id}-rules-chart`}>
            <figcaption id={`${id}-rules-chart`}>Events per rule (the table below has the same figures)</figcaption>
            <div aria-hidden="true" style={{ width: '100%', height: 220 }}>
              <ResponsiveContainer>
                <BarChart data={summary.data.topRules.map((rule) => ({ ...rule, name: String(rule.ruleId) }))} accessibilityLayer={false}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="name" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Bar dataKey="events" name="Events" fill="#b42318" />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </figure>
          <Table caption="Top rules" columns={['Rule', 'Message', 'Events', 'Matched variables']}>
            {summary.data.topRules.map((rule) => (
              <tr key={rule.ruleId}>
                <td>{rule.ruleId}</td>
                <td>{rule.message}</td>
                <td>{rule.events}</td>
                <td>{variablesOf(rule.ruleId)}</td>
              </tr>
            ))}
          </Table>
          <Table caption="Top paths" columns={['Host', 'Path', 'Events']}>
            {summary.data.topPaths.map((path) => (
              <tr key={`${path.host}${path.path}`}>
                <td>{path.host}</td>
                <td>
                  <code>{path.path}</code>
                </td>
                <td>{path.events}</td>
              </tr>
            ))}
          </Table>
          <figure aria-labelledby={`${id}-hours-chart`}>
            <figcaption id={`${id}-hours-chart`}>Events per hour, blocked and detected only</figcaption>
            <div aria-hidden="true" style={{ width: '100%', height: 200 }}>
              <ResponsiveContainer>
                <BarChart data={summary.data.timeline.map((hour) => ({ ...hour, name: new Date(hour.hour).toLocaleString() }))} accessibilityLayer={false}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="name" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Legend />
                  <Bar dataKey="blocked" name="Blocked" stackId="a" fill="#b42318" />
                  <Bar dataKey="detected" name="Detected only" stackId="a" fill="#9a6700" />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </figure>
        </>
      )}

      <h2>Events</h2>
      {!permissions.wafWrite && <p className="notice">{permissions.wafWriteReason}</p>}
      <button
        type="button"
        className="primary"
        disabled={!permissions.wafWrite || selected.size === 0}
        title={!permissions.wafWrite ? permissions.wafWriteReason : undefined}
        onClick={() => setProposing([...selected])}
      >
        Propose an exclusion for {selected.size} selected {selected.size === 1 ? 'event' : 'events'}
      </button>
      {events.isSuccess && items.length === 0 && <p>No security events match.</p>}
      {items.length > 0 && (
        <Table caption="Security events" columns={['Select', 'When', 'Host', 'Request', 'Client', 'Outcome', 'Rules matched', '']}>
          {items.map((event) => (
            <tr key={event.id}>
              <td>
                <input type="checkbox" aria-label={`Select event ${event.transactionId}`} checked={selected.has(event.id)} onChange={() => toggle(event.id)} />
              </td>
              <td>{new Date(event.occurredAt).toLocaleString()}</td>
              <td>{event.host}</td>
              <td>
                {event.method} <code>{event.path}</code>
              </td>
              <td>{event.clientIp}</td>
              <td>
                {event.action === 'blocked' ? 'blocked' : 'detected only'} ({event.status})
              </td>
              <td>
                {event.matches
                  .filter((match) => !isScoring(match.ruleId))
                  .map((match) => `${match.ruleId}${match.collection ? ` on ${match.collection}${match.key ? `:${match.key}` : ''}` : ''}`)
                  .join(', ')}
              </td>
              <td>
                <button
                  type="button"
                  disabled={!permissions.wafWrite}
                  title={!permissions.wafWrite ? permissions.wafWriteReason : undefined}
                  aria-label={`Create an exclusion from event ${event.transactionId}`}
                  onClick={() => setProposing([event.id])}
                >
                  Create exclusion
                </button>
              </td>
            </tr>
          ))}
        </Table>
      )}
      {events.hasNextPage && (
        <button type="button" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
          Show older events
        </button>
      )}
      {proposing && <ProposalDialog eventIds={proposing} onClose={() => setProposing(null)} />}
    </section>
  );
}
