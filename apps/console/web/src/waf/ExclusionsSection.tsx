import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ApiError, unwrap, waf } from '../api/clients';
import { ConfirmButton } from '../components/ConfirmDialog';
import { FieldError, fieldErrors, ProblemBanner } from '../components/problems';
import { usePermissions } from '../session/session';
import { type Policy, policyKey } from './queries';

const COLLECTIONS = [
  'ARGS',
  'ARGS_GET',
  'ARGS_POST',
  'ARGS_NAMES',
  'REQUEST_COOKIES',
  'REQUEST_COOKIES_NAMES',
  'REQUEST_HEADERS',
  'REQUEST_HEADERS_NAMES',
  'FILES',
  'FILES_NAMES',
  'REQUEST_BODY',
  'REQUEST_URI',
  'QUERY_STRING',
];

interface Draft {
  targetKind: 'ruleId' | 'tag';
  target: string;
  collection: string;
  key: string;
  path: string;
  comment: string;
  force: boolean;
}

const EMPTY: Draft = { targetKind: 'ruleId', target: '', collection: '', key: '', path: '', comment: '', force: false };

/** The policy's exclusions: the narrowest way to stop one rule from inspecting one thing. */
export function ExclusionsSection({ policy, etag }: { policy: Policy; etag: string }) {
  const queries = useQueryClient();
  const permissions = usePermissions();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const id = useId();
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        waf.POST('/api/v1/policies/{policyId}/exclusions', {
          params: { path: { policyId: policy.id }, header: { 'If-Match': etag } },
          body: {
            ...(draft.targetKind === 'ruleId' ? { ruleId: Number(draft.target) } : { tag: draft.target }),
            variable: draft.collection ? { collection: draft.collection, key: draft.key || null } : null,
            path: draft.path || null,
            comment: draft.comment || null,
            ...(draft.force ? { force: true } : {}),
          },
        }),
      ),
    onSuccess: async () => {
      setDraft(EMPTY);
      await queries.invalidateQueries({ queryKey: policyKey(policy.id) });
    },
  });
  const remove = async (exclusionId: string) => {
    await unwrap(
      waf.DELETE('/api/v1/policies/{policyId}/exclusions/{id}', { params: { path: { policyId: policy.id, id: exclusionId }, header: { 'If-Match': etag } } }),
    );
    await queries.invalidateQueries({ queryKey: policyKey(policy.id) });
  };
  const errors = fieldErrors(add.error);
  const protectedTarget = add.error instanceof ApiError && add.error.problem.type?.endsWith(':protected-rule');
  const disabled = !permissions.wafWrite;
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const targetPath = draft.targetKind;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Exclusions</h2>
      {policy.exclusions.length === 0 ? (
        <p>No exclusions: every rule inspects everything.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Exclusions of {policy.name}</caption>
          <thead>
            <tr>
              <th scope="col">Rule or tag</th>
              <th scope="col">Variable</th>
              <th scope="col">Path</th>
              <th scope="col">Comment</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {policy.exclusions.map((exclusion) => {
              const target = exclusion.ruleId !== null ? `rule ${exclusion.ruleId}` : `tag ${exclusion.tag}`;
              return (
                <tr key={exclusion.id}>
                  <td>
                    {target}
                    {exclusion.forced && ' (forced)'}
                  </td>
                  <td>{exclusion.variable ? `${exclusion.variable.collection}${exclusion.variable.key ? `:${exclusion.variable.key}` : ''}` : 'all'}</td>
                  <td>{exclusion.path ?? 'everywhere'}</td>
                  <td>{exclusion.comment}</td>
                  <td>
                    <ConfirmButton
                      label={`Delete exclusion of ${target}`}
                      title="Delete this exclusion?"
                      confirmLabel="Delete"
                      disabled={disabled}
                      disabledReason={permissions.wafWriteReason}
                      onConfirm={() => remove(exclusion.id)}
                    >
                      <p>
                        {target} will inspect {exclusion.variable ? `${exclusion.variable.collection}` : 'every variable'} again once the next deployment is
                        published.
                      </p>
                    </ConfirmButton>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form
        aria-label="Add an exclusion"
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate();
        }}
      >
        <h3>Add an exclusion</h3>
        {disabled && <p className="notice">{permissions.wafWriteReason}</p>}
        <ProblemBanner error={add.error} shown={['ruleId', 'tag', 'variable', 'path', 'comment', 'force']} />
        <div className="row">
          <div className="field">
            <label htmlFor={`${id}-kind`}>Target by</label>
            <select
              id={`${id}-kind`}
              value={draft.targetKind}
              disabled={disabled}
              onChange={(event) => set({ targetKind: event.target.value as Draft['targetKind'] })}
            >
              <option value="ruleId">Rule id</option>
              <option value="tag">Tag</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-target`}>{draft.targetKind === 'ruleId' ? 'Rule id' : 'Tag'}</label>
            <input
              id={`${id}-target`}
              value={draft.target}
              disabled={disabled}
              inputMode={draft.targetKind === 'ruleId' ? 'numeric' : undefined}
              placeholder={draft.targetKind === 'ruleId' ? '942100' : 'attack-sqli'}
              aria-invalid={errors[targetPath] ? true : undefined}
              aria-describedby={errors[targetPath] ? `${id}-target-error` : undefined}
              onChange={(event) => set({ target: event.target.value })}
            />
            <FieldError id={`${id}-target-error`} message={errors[targetPath]} />
          </div>
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor={`${id}-collection`}>Variable</label>
            <select
              id={`${id}-collection`}
              value={draft.collection}
              disabled={disabled}
              aria-invalid={errors.variable || errors['variable.collection'] ? true : undefined}
              aria-describedby={errors.variable || errors['variable.collection'] ? `${id}-variable-error` : undefined}
              onChange={(event) => set({ collection: event.target.value })}
            >
              <option value="">Every variable</option>
              {COLLECTIONS.map((collection) => (
                <option key={collection}>{collection}</option>
              ))}
            </select>
            <FieldError id={`${id}-variable-error`} message={errors.variable ?? errors['variable.collection']} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-key`}>Variable key</label>
            <input
              id={`${id}-key`}
              value={draft.key}
              disabled={disabled}
              placeholder="comment"
              aria-invalid={errors['variable.key'] ? true : undefined}
              aria-describedby={errors['variable.key'] ? `${id}-key-error` : undefined}
              onChange={(event) => set({ key: event.target.value })}
            />
            <FieldError id={`${id}-key-error`} message={errors['variable.key']} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-path`}>Only under path</label>
            <input
              id={`${id}-path`}
              value={draft.path}
              disabled={disabled}
              placeholder="/search"
              aria-invalid={errors.path ? true : undefined}
              aria-describedby={errors.path ? `${id}-path-error` : undefined}
              onChange={(event) => set({ path: event.target.value })}
            />
            <FieldError id={`${id}-path-error`} message={errors.path} />
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-comment`}>Why (comment)</label>
          <input id={`${id}-comment`} value={draft.comment} disabled={disabled} onChange={(event) => set({ comment: event.target.value })} />
        </div>
        {protectedTarget && (
          <div className="notice" role="alert">
            <p>This target scores, initialises or reports for the CRS: excluding it can silently switch the CRS off.</p>
            {permissions.wafForce ? (
              <div className="field checkbox">
                <input id={`${id}-force`} type="checkbox" checked={draft.force} onChange={(event) => set({ force: event.target.checked })} />
                <label htmlFor={`${id}-force`}>I understand: force this protected target</label>
              </div>
            ) : (
              <p>{permissions.wafForceReason}</p>
            )}
          </div>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={disabled || add.isPending}>
            Add exclusion
          </button>
        </div>
      </form>
    </section>
  );
}
