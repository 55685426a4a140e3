import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { components } from '@lib/contracts/portal';
import { conflictOf, portal, unwrap, withEtag } from '../api/clients';
import { ConfirmButton } from '../components/ConfirmDialog';
import { ConflictPanel } from '../components/ConflictPanel';
import { fieldErrors, ProblemBanner } from '../components/problems';
import { SavedNotice } from '../components/SavedNotice';
import { TextField } from '../components/TextField';
import { usePermissions } from '../session/session';

type Source = components['schemas']['SourceRecord'];
type Editable = Pick<components['schemas']['UpdateSourceDto'], 'description' | 'classification'> & { name: string };
const editableOf = ({ name, description, classification }: Source): Editable => ({
  name,
  description,
  classification: classification as Editable['classification'],
});
const sourceKey = (id: string) => ['portal', 'source', id] as const;
const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted', 'cui', 'fouo'] as const;

export function SourceDetailPage() {
  const { id } = useParams() as { id: string };
  const loaded = useQuery({ queryKey: sourceKey(id), queryFn: () => withEtag(portal.GET('/api/v1/sources/{id}', { params: { path: { id } } })) });
  if (loaded.isPending) return <p>Loading the source…</p>;
  if (loaded.isError) return <ProblemBanner error={loaded.error} />;
  const { value: source, etag } = loaded.data;
  return (
    <SavedNotice
      version={Date.parse(source.updated_at)}
      message="Saved."
      editor={(onSaved) => <SourceDetail key={`${source.id}-${source.updated_at}`} source={source} etag={etag} onSaved={onSaved} />}
    />
  );
}

/** One source: its settings (edited with If-Match), and the life-cycle actions its status allows. */
function SourceDetail({ source, etag, onSaved }: { source: Source; etag: string; onSaved: (version: number) => void }) {
  const queries = useQueryClient();
  const permissions = usePermissions();
  const id = useId();
  const [draft, setDraft] = useState<Editable>(() => editableOf(source));
  const refresh = () => queries.invalidateQueries({ queryKey: ['portal'] });
  const save = useMutation({
    mutationFn: (ifMatch: string) =>
      unwrap(portal.PATCH('/api/v1/sources/{id}', { params: { path: { id: source.id }, header: { 'If-Match': ifMatch } }, body: draft })),
    onSuccess: async (saved) => {
      onSaved(Date.parse(saved.updated_at));
      await refresh();
    },
  });
  const action = useMutation({
    mutationFn: async (name: 'provision' | 'scan' | 'decommission') => {
      const params = { params: { path: { id: source.id }, header: { 'If-Match': etag } } };
      if (name === 'provision') return unwrap<unknown>(portal.POST('/api/v1/sources/{id}/provision', params));
      if (name === 'scan') return unwrap<unknown>(portal.POST('/api/v1/sources/{id}/scan', params));
      return unwrap<unknown>(portal.POST('/api/v1/sources/{id}/decommission', params));
    },
    onSuccess: refresh,
  });
  const errors = fieldErrors(save.error);
  const conflict = conflictOf(save.error);
  // The portal's 412 names only the new ETag: the state to compare with is read again.
  const latest = useQuery({
    queryKey: [...sourceKey(source.id), 'latest', conflict?.etag],
    enabled: conflict !== undefined,
    queryFn: () => withEtag(portal.GET('/api/v1/sources/{id}', { params: { path: { id: source.id } } })),
  });
  const disabled = !permissions.portalWrite;
  const lifecycle = (name: 'provision' | 'scan' | 'decommission', label: string, consequence: string, allowed: boolean) => (
    <ConfirmButton
      label={label}
      title={`${label}?`}
      confirmLabel={label}
      disabled={disabled || !allowed}
      disabledReason={disabled ? permissions.portalWriteReason : `Not while the source is ${source.status}.`}
      onConfirm={() => action.mutateAsync(name)}
    >
      <p>{consequence}</p>
    </ConfirmButton>
  );
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Source {source.name}</h1>
      <p>
        <Link to="/app/portal/sources">Back to the sources</Link>
      </p>
      <dl className="facts">
        <dt>Status</dt>
        <dd>{source.status}</dd>
        <dt>Type</dt>
        <dd>{source.source_type}</dd>
        <dt>Domain</dt>
        <dd>{source.domain}</dd>
        <dt>Owner</dt>
        <dd>
          {source.owner.name} ({source.owner.team})
        </dd>
        <dt>Pipeline</dt>
        <dd>{source.pipeline_id ?? 'none yet'}</dd>
      </dl>
      {disabled && <p className="notice">{permissions.portalWriteReason}</p>}
      <div className="actions" aria-label="Life cycle">
        {lifecycle(
          'provision',
          'Provision',
          'The portal creates the ingestion pipeline for this source and marks it active once ready.',
          ['draft', 'approved', 'error'].includes(source.status),
        )}
        {lifecycle('scan', 'Scan', 'A catalogue scan of the source starts; its result appears on the source when it ends.', source.status === 'active')}
        {lifecycle(
          'decommission',
          'Decommission',
          'The source stops ingesting and its pipeline is paused. This cannot be undone from the console.',
          source.status !== 'decommissioned',
        )}
      </div>
      <ProblemBanner error={action.error} />
      {conflict && latest.data ? (
        <ConflictPanel
          noun="source"
          loaded={editableOf(source)}
          current={editableOf(latest.data.value)}
          onReload={() => void queries.invalidateQueries({ queryKey: sourceKey(source.id) })}
          onReapply={() => save.mutate(latest.data.etag)}
        />
      ) : (
        <ProblemBanner error={save.error} shown={['name', 'description', 'classification']} />
      )}
      <form
        aria-label="Source settings"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(etag);
        }}
      >
        <TextField label="Name" value={draft.name} disabled={disabled} error={errors.name} onValue={(name) => setDraft({ ...draft, name })} />
        <TextField
          label="Description"
          value={draft.description ?? ''}
          disabled={disabled}
          error={errors.description}
          onValue={(description) => setDraft({ ...draft, description })}
        />
        <div className="field">
          <label htmlFor={`${id}-classification`}>Classification</label>
          <select
            id={`${id}-classification`}
            value={draft.classification}
            disabled={disabled}
            onChange={(event) => setDraft({ ...draft, classification: event.target.value as Editable['classification'] })}
          >
            {CLASSIFICATIONS.map((choice) => (
              <option key={choice}>{choice}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={disabled || save.isPending}>
          Save source
        </button>
      </form>
    </section>
  );
}
