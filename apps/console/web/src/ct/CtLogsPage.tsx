import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ct, unwrap } from '../api/clients';
import { fieldErrors, ProblemBanner } from '../components/problems';
import { TextField } from '../components/TextField';
import { usePermissions } from '../session/session';
import { Table } from '../components/Table';

const age = (ms: number) =>
  ms < 120_000 ? `${Math.round(ms / 1000)} s` : ms < 7_200_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 3_600_000)} h`;

/** The tenant's logs: state, size, and how old the latest signed head is. */
export function CtLogsPage() {
  const id = useId();
  const logs = useQuery({ queryKey: ['ct', 'logs'], queryFn: () => unwrap(ct.GET('/api/v1/admin/logs')) });
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>CT logs</h1>
      <ProblemBanner error={logs.error} />
      {logs.data && logs.data.logs.length === 0 && <p>No logs yet.</p>}
      {logs.data && logs.data.logs.length > 0 && (
        <Table caption="CT logs" columns={['Log', 'Kind', 'State', 'Tree size', 'Latest head', 'Submissions']}>
          {logs.data.logs.map((log) => (
            <tr key={log.name}>
              <td>
                <Link to={`/app/ct/logs/${log.name}`}>{log.name}</Link>
              </td>
              <td>{log.kind}</td>
              <td>{log.state}</td>
              <td>{log.tree_size ?? '–'}</td>
              <td>
                <HeadAge log={log.name} signedAt={log.sth?.timestamp} />
              </td>
              <td>{log.config.submission}</td>
            </tr>
          ))}
        </Table>
      )}
      <CreateLog />
    </section>
  );
}

/** The latest head's age against the log's maximum merge delay: entries must be in a head within it. */
function HeadAge({ log, signedAt }: { log: string; signedAt?: number }) {
  const metadata = useQuery({ queryKey: ['ct', 'metadata', log], queryFn: () => unwrap(ct.GET('/logs/{log}/metadata', { params: { path: { log } } })) });
  if (signedAt === undefined) return <>none yet</>;
  const ms = Date.now() - signedAt;
  const mmd = metadata.data?.mmd;
  return (
    <>
      {age(ms)} old{mmd !== undefined && `, ${ms > mmd * 1000 ? 'older than' : 'within'} the ${age(mmd * 1000)} maximum merge delay`}
    </>
  );
}

const pemBlocks = (text: string) => text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];

/** A new log: its kind, key, accepted roots (PEM files) and optional shard window. Admins only. */
function CreateLog() {
  const id = useId();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const { ctAdmin: admin, ctAdminReason } = usePermissions();
  const [draft, setDraft] = useState({ name: '', kind: 'rfc6962', key: 'generate', description: '', roots: '', start: '', limit: '' });
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        ct.POST('/api/v1/admin/logs', {
          body: {
            name: draft.name,
            kind: draft.kind as 'rfc6962',
            key: draft.key,
            description: draft.description,
            ...(draft.kind === 'rfc6962' ? { roots: pemBlocks(draft.roots) } : {}),
            ...(draft.start && draft.limit
              ? { not_after_start: new Date(draft.start).toISOString(), not_after_limit: new Date(draft.limit).toISOString() }
              : {}),
          },
        }),
      ),
    onSuccess: async (log) => {
      await queries.invalidateQueries({ queryKey: ['ct'] });
      navigate(`/app/ct/logs/${log.name}`);
    },
  });
  const errors = fieldErrors(create.error);
  const set = (patch: Partial<typeof draft>) => setDraft({ ...draft, ...patch });
  const rootCount = pemBlocks(draft.roots).length;
  return (
    <form
      aria-label="Create a log"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <h2>Create a log</h2>
      {!admin && <p className="notice">{ctAdminReason}</p>}
      <ProblemBanner error={create.error} shown={['name', 'key', 'roots', 'not_after_start', 'not_after_limit']} />
      <div className="row">
        <TextField
          label="Log name"
          value={draft.name}
          disabled={!admin}
          hint="lowercase letters, digits and inner hyphens"
          error={errors.name}
          onValue={(name) => set({ name })}
        />
        <div className="field">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select id={`${id}-kind`} value={draft.kind} disabled={!admin} onChange={(event) => set({ kind: event.target.value })}>
            <option value="rfc6962">rfc6962: certificate chains</option>
            <option value="events">events: the certificate audit API</option>
          </select>
        </div>
        <TextField
          label="Signing key"
          value={draft.key}
          disabled={!admin}
          hint="a key file (file:…) or generate (dev mode)"
          error={errors.key}
          onValue={(key) => set({ key })}
        />
      </div>
      <TextField label="Description" value={draft.description} disabled={!admin} onValue={(description) => set({ description })} />
      {draft.kind === 'rfc6962' && (
        <div className="field">
          <label htmlFor={`${id}-roots`}>Accepted roots (PEM files)</label>
          <input
            id={`${id}-roots`}
            type="file"
            accept=".pem,.crt,.cer"
            multiple
            disabled={!admin}
            onChange={async (event) => set({ roots: (await Promise.all([...(event.target.files ?? [])].map((file) => file.text()))).join('\n') })}
          />
          <p className="hint">{rootCount === 1 ? '1 certificate' : `${rootCount} certificates`} chosen</p>
          {Object.entries(errors)
            .filter(([path]) => path.startsWith('roots'))
            .map(([path, message]) => (
              <p key={path} className="field-error">{`${path}: ${message}`}</p>
            ))}
        </div>
      )}
      <div className="row">
        <TextField
          label="Shard: first notAfter"
          type="date"
          value={draft.start}
          disabled={!admin}
          error={errors.not_after_start}
          onValue={(start) => set({ start })}
        />
        <TextField
          label="Shard: notAfter before"
          type="date"
          value={draft.limit}
          disabled={!admin}
          error={errors.not_after_limit}
          onValue={(limit) => set({ limit })}
        />
      </div>
      <button type="submit" className="primary" disabled={!admin || create.isPending}>
        Create log
      </button>
    </form>
  );
}
