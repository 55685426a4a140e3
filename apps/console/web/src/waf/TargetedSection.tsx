import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ApiError, unwrap, waf } from '../api/clients';
import { ConfirmButton } from '../components/ConfirmDialog';
import { FieldError, fieldErrors, ProblemBanner } from '../components/problems';
import { Table } from '../components/Table';
import { TextField } from '../components/TextField';
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

/** The two kinds of targeted children: an override switches a rule off, an exclusion narrows what it inspects. */
const KINDS = {
  overrides: { title: 'Overrides', noun: 'override', empty: 'No overrides: every CRS rule runs.', scoped: false },
  exclusions: { title: 'Exclusions', noun: 'exclusion', empty: 'No exclusions: every rule inspects everything.', scoped: true },
} as const;
export type TargetedKind = keyof typeof KINDS;

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

/**
 * A policy's overrides or exclusions: the list, deletion, and the form to add one, with the
 * deployed CRS's rule ids and tags offered when the panel has its catalogue.
 */
export function TargetedSection({ kind, policy, etag }: { kind: TargetedKind; policy: Policy; etag: string }) {
  const queries = useQueryClient();
  const permissions = usePermissions();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const id = useId();
  const { title, noun, empty, scoped } = KINDS[kind];
  const catalogue = useQuery({ queryKey: ['waf', 'catalogue'], queryFn: () => unwrap(waf.GET('/api/v1/engine/catalogue')), staleTime: 5 * 60_000 });
  const items = kind === 'exclusions' ? policy.exclusions : policy.overrides.map((override) => ({ ...override, variable: null, path: null }));
  const add = useMutation({
    mutationFn: () => {
      const params = { path: { policyId: policy.id }, header: { 'If-Match': etag } };
      const target = draft.targetKind === 'ruleId' ? { ruleId: Number(draft.target) } : { tag: draft.target };
      const common = { ...target, comment: draft.comment || null, ...(draft.force ? { force: true } : {}) };
      return unwrap<unknown>(
        kind === 'exclusions'
          ? waf.POST('/api/v1/policies/{policyId}/exclusions', {
              params,
              body: { ...common, variable: draft.collection ? { collection: draft.collection, key: draft.key || null } : null, path: draft.path || null },
            })
          : waf.POST('/api/v1/policies/{policyId}/overrides', { params, body: common }),
      );
    },
    onSuccess: async () => {
      setDraft(EMPTY);
      await queries.invalidateQueries({ queryKey: policyKey(policy.id) });
    },
  });
  const remove = async (childId: string) => {
    const params = { path: { policyId: policy.id, id: childId }, header: { 'If-Match': etag } };
    await unwrap<unknown>(
      kind === 'exclusions'
        ? waf.DELETE('/api/v1/policies/{policyId}/exclusions/{id}', { params })
        : waf.DELETE('/api/v1/policies/{policyId}/overrides/{id}', { params }),
    );
    await queries.invalidateQueries({ queryKey: policyKey(policy.id) });
  };
  const errors = fieldErrors(add.error);
  const protectedTarget = add.error instanceof ApiError && add.error.problem.type?.endsWith(':protected-rule');
  const disabled = !permissions.wafWrite;
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <Table caption={`${title} of ${policy.name}`} columns={['Rule or tag', ...(scoped ? ['Variable', 'Path'] : []), 'Comment', 'Actions']}>
          {items.map((item) => {
            const target = item.ruleId !== null ? `rule ${item.ruleId}` : `tag ${item.tag}`;
            return (
              <tr key={item.id}>
                <td>
                  {target}
                  {item.forced && ' (forced)'}
                </td>
                {scoped && <td>{item.variable ? `${item.variable.collection}${item.variable.key ? `:${item.variable.key}` : ''}` : 'all'}</td>}
                {scoped && <td>{item.path ?? 'everywhere'}</td>}
                <td>{item.comment}</td>
                <td>
                  <ConfirmButton
                    label={`Delete ${noun} of ${target}`}
                    title={`Delete this ${noun}?`}
                    confirmLabel="Delete"
                    disabled={disabled}
                    disabledReason={permissions.wafWriteReason}
                    onConfirm={() => remove(item.id)}
                  >
                    <p>
                      {scoped ? `${target} will inspect ${item.variable ? item.variable.collection : 'every variable'} again` : `${target} will run again`} once
                      the next deployment is published.
                    </p>
                  </ConfirmButton>
                </td>
              </tr>
            );
          })}
        </Table>
      )}
      <form
        aria-label={`Add an ${noun}`}
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate();
        }}
      >
        <h3>Add an {noun}</h3>
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
          <TextField
            label={`${draft.targetKind === 'ruleId' ? 'Rule id' : 'Tag'} to ${scoped ? 'exclude' : 'switch off'}`}
            list={catalogue.data?.configured ? `${id}-catalogue` : undefined}
            value={draft.target}
            disabled={disabled}
            inputMode={draft.targetKind === 'ruleId' ? 'numeric' : undefined}
            placeholder={draft.targetKind === 'ruleId' ? '942100' : 'attack-sqli'}
            error={errors[draft.targetKind]}
            onValue={(target) => set({ target })}
          />
          {catalogue.data?.configured && (
            <datalist id={`${id}-catalogue`}>
              {(draft.targetKind === 'ruleId' ? catalogue.data.ids.map(String) : catalogue.data.tags).map((value) => (
                <option key={value} value={value} />
              ))}
            </datalist>
          )}
        </div>
        {scoped && (
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
            <TextField
              label="Variable key"
              value={draft.key}
              disabled={disabled}
              placeholder="comment"
              error={errors['variable.key']}
              onValue={(key) => set({ key })}
            />
            <TextField
              label="Only under path"
              value={draft.path}
              disabled={disabled}
              placeholder="/search"
              error={errors.path}
              onValue={(path) => set({ path })}
            />
          </div>
        )}
        <TextField label="Why (comment)" value={draft.comment} disabled={disabled} error={errors.comment} onValue={(comment) => set({ comment })} />
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
            Add {noun}
          </button>
        </div>
      </form>
    </section>
  );
}
