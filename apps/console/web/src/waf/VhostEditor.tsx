import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { components } from '@lib/contracts/waf-panel';
import { conflictOf, unwrap, waf, withEtag } from '../api/clients';
import { ConflictPanel } from '../components/ConflictPanel';
import { SavedNotice } from '../components/SavedNotice';
import { FieldError, fieldErrors, ProblemBanner } from '../components/problems';
import { TextField } from '../components/TextField';
import { usePermissions } from '../session/session';

type Vhost = components['schemas']['VhostView'];
type Settings = Pick<Vhost, 'domain' | 'description' | 'enabled' | 'policyId' | 'backends' | 'tls'>;
const settingsOf = ({ domain, description, enabled, policyId, backends, tls }: Vhost): Settings => ({ domain, description, enabled, policyId, backends, tls });
const vhostKey = (id: string) => ['waf', 'vhost', id] as const;

async function readVhost(id: string): Promise<{ vhost: Vhost; etag: string }> {
  const { value, etag } = await withEtag(waf.GET('/api/v1/vhosts/{id}', { params: { path: { id } } }));
  return { vhost: value, etag };
}

export function VhostEditorPage() {
  const { id } = useParams() as { id: string };
  const loaded = useQuery({ queryKey: vhostKey(id), queryFn: () => readVhost(id) });
  if (loaded.isPending) return <p>Loading the virtual host…</p>;
  if (loaded.isError) return <ProblemBanner error={loaded.error} />;
  const { vhost, etag } = loaded.data;
  return (
    <SavedNotice
      version={vhost.version}
      message="Saved. It is pending until the next deployment."
      editor={(onSaved) => <VhostEditor key={`${vhost.id}-${vhost.version}`} vhost={vhost} etag={etag} onSaved={onSaved} />}
    />
  );
}

/** A virtual host's domain, backends, TLS and policy, saved with If-Match like every edit. */
function VhostEditor({ vhost, etag, onSaved }: { vhost: Vhost; etag: string; onSaved: (version: number) => void }) {
  const queries = useQueryClient();
  const permissions = usePermissions();
  const id = useId();
  const [draft, setDraft] = useState<Settings>(() => settingsOf(vhost));
  const policies = useQuery({ queryKey: ['waf', 'policy-names'], queryFn: () => unwrap(waf.GET('/api/v1/policies', { params: { query: { limit: 200 } } })) });
  const save = useMutation({
    mutationFn: (ifMatch: string) =>
      unwrap(
        waf.PATCH('/api/v1/vhosts/{id}', { params: { path: { id: vhost.id }, header: { 'If-Match': ifMatch } }, body: { ...draft, tls: { ...draft.tls } } }),
      ),
    onSuccess: async (saved) => {
      onSaved(saved.version);
      await queries.invalidateQueries({ queryKey: ['waf'] });
    },
  });
  const errors = fieldErrors(save.error);
  const conflict = conflictOf(save.error);
  const disabled = !permissions.wafWrite;
  const set = (patch: Partial<Settings>) => setDraft((current) => ({ ...current, ...patch }));
  const setTls = (patch: Partial<Settings['tls']>) => setDraft((current) => ({ ...current, tls: { ...current.tls, ...patch } }));
  const setBackend = (index: number, url: string) => set({ backends: draft.backends.map((backend, at) => (at === index ? { ...backend, url } : backend)) });
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Virtual host {vhost.domain}</h1>
      <p>
        <Link to="/app/waf/vhosts">Back to the virtual hosts</Link> · <Link to={`/app/waf/vhosts/${vhost.id}/bundle`}>Its bundle</Link>
      </p>
      {disabled && <p className="notice">{permissions.wafWriteReason}</p>}
      {conflict ? (
        <ConflictPanel
          noun="virtual host"
          loaded={settingsOf(vhost)}
          current={settingsOf(conflict.current as Vhost)}
          onReload={() => void queries.invalidateQueries({ queryKey: vhostKey(vhost.id) })}
          onReapply={() => save.mutate(conflict.etag)}
        />
      ) : (
        <ProblemBanner error={save.error} shown={['domain', 'description', 'policyId', 'backends', 'tls']} />
      )}
      <form
        aria-label="Virtual host settings"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(etag);
        }}
      >
        <TextField label="Domain" value={draft.domain} disabled={disabled} error={errors.domain} onValue={(domain) => set({ domain })} />
        <fieldset>
          <legend>Backends</legend>
          <FieldError id={`${id}-backends-error`} message={errors.backends} />
          {draft.backends.map((backend, index) => (
            <div className="row" key={index}>
              <TextField
                label={`Backend ${index + 1} URL`}
                value={backend.url}
                disabled={disabled}
                error={errors[`backends[${index}].url`]}
                onValue={(url) => setBackend(index, url)}
              />
              <button
                type="button"
                disabled={disabled || draft.backends.length === 1}
                onClick={() => set({ backends: draft.backends.filter((_, at) => at !== index) })}
              >
                Remove backend {index + 1}
              </button>
            </div>
          ))}
          <button type="button" disabled={disabled} onClick={() => set({ backends: [...draft.backends, { url: '', weight: 1 }] })}>
            Add a backend
          </button>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-policy`}>Policy</label>
          <select id={`${id}-policy`} value={draft.policyId ?? ''} disabled={disabled} onChange={(event) => set({ policyId: event.target.value || null })}>
            <option value="">No policy</option>
            {(policies.data?.items ?? []).map((policy) => (
              <option key={policy.id} value={policy.id}>
                {policy.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>TLS</legend>
          <div className="field">
            <label htmlFor={`${id}-tls-mode`}>TLS</label>
            <select
              id={`${id}-tls-mode`}
              value={draft.tls.mode}
              disabled={disabled}
              onChange={(event) =>
                setTls({ mode: event.target.value as Settings['tls']['mode'], ...(event.target.value === 'off' ? { certificateRef: null } : {}) })
              }
            >
              <option value="off">Off (plain HTTP)</option>
              <option value="terminate">Terminate TLS here</option>
            </select>
          </div>
          {draft.tls.mode === 'terminate' && (
            <TextField
              label="Certificate (Kubernetes secret name)"
              value={draft.tls.certificateRef ?? ''}
              disabled={disabled}
              error={errors['tls.certificateRef']}
              onValue={(certificateRef) => setTls({ certificateRef: certificateRef || null })}
            />
          )}
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary" disabled={disabled || save.isPending}>
            Save virtual host
          </button>
        </div>
      </form>
    </section>
  );
}
