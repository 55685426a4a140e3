import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { conflictOf, unwrap, waf } from '../api/clients';
import { ConflictPanel } from '../components/ConflictPanel';
import { SavedNotice } from '../components/SavedNotice';
import { FieldError, fieldErrors, ProblemBanner } from '../components/problems';
import { TextField } from '../components/TextField';
import { usePermissions } from '../session/session';
import { CustomRulesSection } from './CustomRulesSection';
import { TargetedSection } from './TargetedSection';
import { IpListEditor } from './IpListEditor';
import { type Policy, policyKey, useEngine, usePolicy } from './queries';

const SETTINGS = [
  'name',
  'description',
  'mode',
  'blockingParanoiaLevel',
  'detectionParanoiaLevel',
  'inboundAnomalyThreshold',
  'outboundAnomalyThreshold',
  'earlyBlocking',
  'skipResponseAnalysis',
  'enforceUrlencodedBodyProcessor',
  'allowedMethods',
  'requestBodyLimitBytes',
  'ipAllow',
  'ipDeny',
] as const;
type Settings = Pick<Policy, (typeof SETTINGS)[number]>;

const settingsOf = (policy: Policy): Settings => Object.fromEntries(SETTINGS.map((field) => [field, policy[field]])) as Settings;

export function PolicyEditorPage() {
  const { id } = useParams() as { id: string };
  const loaded = usePolicy(id);
  if (loaded.isPending) return <p>Loading the policy…</p>;
  if (loaded.isError) return <ProblemBanner error={loaded.error} />;
  const { policy, etag } = loaded.data;
  // A new key per version: after a save or a reload the form starts from what the server holds.
  return (
    <SavedNotice
      version={policy.version}
      message="Saved."
      editor={(onSaved) => <PolicyEditor key={`${policy.id}-${policy.version}`} policy={policy} etag={etag} onSaved={onSaved} />}
    />
  );
}

function PolicyEditor({ policy, etag, onSaved }: { policy: Policy; etag: string; onSaved: (version: number) => void }) {
  const queries = useQueryClient();
  const permissions = usePermissions();
  const engine = useEngine();
  const crs4 = (engine.data?.crsMajor ?? 4) >= 4;
  const [draft, setDraft] = useState<Settings>(() => settingsOf(policy));
  const save = useMutation({
    mutationFn: (ifMatch: string) =>
      unwrap(waf.PATCH('/api/v1/policies/{id}', { params: { path: { id: policy.id }, header: { 'If-Match': ifMatch } }, body: draft })),
    onSuccess: async (saved) => {
      onSaved(saved.version);
      await queries.invalidateQueries({ queryKey: policyKey(policy.id) });
    },
  });
  const errors = fieldErrors(save.error);
  const conflict = conflictOf(save.error);
  const disabled = !permissions.wafWrite;
  const set = <K extends keyof Settings>(field: K, value: Settings[K]) => setDraft((current) => ({ ...current, [field]: value }));
  const id = useId();
  const described = (field: string) => (errors[field] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${field}-error` } : {});
  const error = (field: string) => <FieldError id={`${id}-${field}-error`} message={errors[field]} />;
  const number = (field: keyof Settings, label: string) => (
    <TextField
      label={label}
      type="number"
      value={String(draft[field] ?? '')}
      disabled={disabled}
      error={errors[field]}
      onValue={(value) => set(field, (value === '' ? '' : Number(value)) as never)}
    />
  );
  const checkbox = (field: 'earlyBlocking' | 'skipResponseAnalysis' | 'enforceUrlencodedBodyProcessor', label: string) => (
    <div className="field checkbox">
      <input
        id={`${id}-${field}`}
        type="checkbox"
        checked={draft[field]}
        disabled={disabled}
        onChange={(event) => set(field, event.target.checked)}
        {...described(field)}
      />
      <label htmlFor={`${id}-${field}`}>{label}</label>
      {error(field)}
    </div>
  );
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Policy {policy.name}</h1>
      <p className="meta">
        Version {policy.version}, last changed by {policy.updatedBy} at {new Date(policy.updatedAt).toLocaleString()} ·{' '}
        <Link to={`/app/waf/policies/${policy.id}/revisions`}>Revisions</Link>
      </p>
      {disabled && <p className="notice">{permissions.wafWriteReason}</p>}
      {policy.warnings.length > 0 && (
        <ul className="warnings" aria-label="Warnings">
          {policy.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {conflict ? (
        <ConflictPanel
          noun="policy"
          loaded={settingsOf(policy)}
          current={settingsOf(conflict.current as Policy)}
          onReload={() => void queries.invalidateQueries({ queryKey: policyKey(policy.id) })}
          onReapply={() => save.mutate(conflict.etag)}
        />
      ) : (
        <ProblemBanner error={save.error} shown={[...SETTINGS]} />
      )}
      <form
        aria-label="Policy settings"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(etag);
        }}
      >
        <TextField label="Name" value={draft.name} disabled={disabled} error={errors.name} onValue={(name) => set('name', name)} />
        <div className="field">
          <label htmlFor={`${id}-description`}>Description</label>
          <textarea
            id={`${id}-description`}
            value={draft.description}
            disabled={disabled}
            onChange={(event) => set('description', event.target.value)}
            {...described('description')}
          />
          {error('description')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-mode`}>Mode</label>
          <select
            id={`${id}-mode`}
            value={draft.mode}
            disabled={disabled}
            onChange={(event) => set('mode', event.target.value as Settings['mode'])}
            {...described('mode')}
          >
            <option value="off">Off</option>
            <option value="detection_only">Detection only (log, never block)</option>
            <option value="blocking">Blocking</option>
          </select>
          {error('mode')}
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor={`${id}-blockingParanoiaLevel`}>Blocking paranoia level</label>
            <select
              id={`${id}-blockingParanoiaLevel`}
              value={draft.blockingParanoiaLevel}
              disabled={disabled}
              onChange={(event) => set('blockingParanoiaLevel', Number(event.target.value))}
              {...described('blockingParanoiaLevel')}
            >
              {[1, 2, 3, 4].map((level) => (
                <option key={level} value={level}>
                  {level}
                </option>
              ))}
            </select>
            {error('blockingParanoiaLevel')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-detectionParanoiaLevel`}>Detection paranoia level</label>
            <select
              id={`${id}-detectionParanoiaLevel`}
              value={draft.detectionParanoiaLevel ?? ''}
              disabled={disabled}
              onChange={(event) => set('detectionParanoiaLevel', event.target.value === '' ? null : Number(event.target.value))}
              {...described('detectionParanoiaLevel')}
            >
              <option value="">Same as blocking</option>
              {[1, 2, 3, 4].map((level) => (
                <option key={level} value={level}>
                  {level}
                </option>
              ))}
            </select>
            {error('detectionParanoiaLevel')}
          </div>
        </div>
        <div className="row">
          {number('inboundAnomalyThreshold', 'Inbound anomaly threshold')}
          {number('outboundAnomalyThreshold', 'Outbound anomaly threshold')}
          {number('requestBodyLimitBytes', 'Request body limit (bytes)')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-allowedMethods`}>Allowed methods</label>
          <input
            id={`${id}-allowedMethods`}
            value={draft.allowedMethods.join(', ')}
            disabled={disabled}
            onChange={(event) =>
              set(
                'allowedMethods',
                event.target.value
                  .split(',')
                  .map((method) => method.trim())
                  .filter(Boolean),
              )
            }
            {...described('allowedMethods')}
          />
          <p className="hint">Comma-separated, such as GET, HEAD, OPTIONS, POST.</p>
          {error('allowedMethods')}
          {draft.allowedMethods.map((method, index) => (
            <FieldError
              key={method + index}
              id={`${id}-allowedMethods-${index}`}
              message={errors[`allowedMethods[${index}]`] && `${method}: ${errors[`allowedMethods[${index}]`]}`}
            />
          ))}
        </div>
        {checkbox('enforceUrlencodedBodyProcessor', 'Parse bodies without a content type as URL-encoded')}
        {crs4 ? (
          <>
            {checkbox('earlyBlocking', 'Early blocking (block at the end of the request phase)')}
            {checkbox('skipResponseAnalysis', 'Skip response analysis')}
          </>
        ) : (
          <p className="hint">Early blocking and skipping response analysis need CRS 4; the engine loads CRS {engine.data?.crsVersion}.</p>
        )}
        <IpListEditor
          name="ipAllow"
          legend="IP allow list"
          entries={draft.ipAllow}
          onChange={(entries) => set('ipAllow', entries)}
          errors={errors}
          disabled={disabled}
        />
        <IpListEditor
          name="ipDeny"
          legend="IP deny list"
          entries={draft.ipDeny}
          onChange={(entries) => set('ipDeny', entries)}
          errors={errors}
          disabled={disabled}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={disabled || save.isPending} title={disabled ? permissions.wafWriteReason : undefined}>
            Save policy
          </button>
        </div>
      </form>
      <TargetedSection kind="overrides" policy={policy} etag={etag} />
      <TargetedSection kind="exclusions" policy={policy} etag={etag} />
      <CustomRulesSection policy={policy} etag={etag} />
    </section>
  );
}
