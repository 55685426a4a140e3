import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { components } from '@lib/contracts/waf-panel';
import { unwrap, waf } from '../api/clients';
import { ConfirmButton } from '../components/ConfirmDialog';
import { FieldError, fieldErrors, ProblemBanner } from '../components/problems';
import { TextField } from '../components/TextField';
import { usePermissions } from '../session/session';
import { type Policy, policyKey } from './queries';
import { Table } from '../components/Table';

type CustomRuleBody = components['schemas']['CustomRuleBody'];

// The choices the API documents; `satisfies` holds them to the contract's types.
const OPERATORS = [
  'rx',
  'pm',
  'streq',
  'contains',
  'containsWord',
  'beginsWith',
  'endsWith',
  'within',
  'eq',
  'ge',
  'gt',
  'le',
  'lt',
  'ipMatch',
  'detectSQLi',
  'detectXSS',
] as const satisfies readonly CustomRuleBody['operator'][];
const ACTIONS = ['deny', 'log', 'allow'] as const satisfies readonly CustomRuleBody['action'][];
const SEVERITIES = ['CRITICAL', 'ERROR', 'WARNING', 'NOTICE'] as const satisfies readonly CustomRuleBody['severity'][];
const COLLECTIONS = [
  'ARGS',
  'ARGS_GET',
  'ARGS_POST',
  'ARGS_NAMES',
  'REQUEST_COOKIES',
  'REQUEST_HEADERS',
  'REQUEST_URI',
  'REQUEST_FILENAME',
  'REQUEST_METHOD',
  'REQUEST_BODY',
  'QUERY_STRING',
  'REMOTE_ADDR',
];

interface Draft {
  ruleId: string;
  phase: string;
  collection: string;
  key: string;
  operator: CustomRuleBody['operator'];
  argument: string;
  action: CustomRuleBody['action'];
  severity: CustomRuleBody['severity'];
  message: string;
}

const EMPTY: Draft = {
  ruleId: '',
  phase: '2',
  collection: 'ARGS',
  key: '',
  operator: 'contains',
  argument: '',
  action: 'deny',
  severity: 'CRITICAL',
  message: '',
};

/** A policy's own rules: one variable, one operator, an action; checked by the panel field by field. */
export function CustomRulesSection({ policy, etag }: { policy: Policy; etag: string }) {
  const queries = useQueryClient();
  const permissions = usePermissions();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const id = useId();
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        waf.POST('/api/v1/policies/{policyId}/custom-rules', {
          params: { path: { policyId: policy.id }, header: { 'If-Match': etag } },
          body: {
            ruleId: Number(draft.ruleId),
            phase: Number(draft.phase),
            variables: [{ collection: draft.collection, key: draft.key || null }],
            operator: draft.operator,
            argument: draft.argument === '' ? null : draft.argument,
            action: draft.action,
            severity: draft.severity,
            message: draft.message,
          },
        }),
      ),
    onSuccess: async () => {
      setDraft(EMPTY);
      await queries.invalidateQueries({ queryKey: policyKey(policy.id) });
    },
  });
  const remove = async (ruleId: string) => {
    await unwrap(
      waf.DELETE('/api/v1/policies/{policyId}/custom-rules/{id}', { params: { path: { policyId: policy.id, id: ruleId }, header: { 'If-Match': etag } } }),
    );
    await queries.invalidateQueries({ queryKey: policyKey(policy.id) });
  };
  const errors = fieldErrors(add.error);
  const disabled = !permissions.wafWrite;
  const select = (field: 'phase' | 'collection' | 'operator' | 'action' | 'severity', label: string, choices: readonly string[], path: string = field) => (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <select
        id={`${id}-${field}`}
        value={draft[field]}
        disabled={disabled}
        aria-invalid={errors[path] ? true : undefined}
        aria-describedby={errors[path] ? `${id}-${field}-error` : undefined}
        onChange={(event) => set({ [field]: event.target.value } as Partial<Draft>)}
      >
        {choices.map((choice) => (
          <option key={choice}>{choice}</option>
        ))}
      </select>
      <FieldError id={`${id}-${field}-error`} message={errors[path]} />
    </div>
  );
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Custom rules</h2>
      {policy.customRules.length === 0 ? (
        <p>No custom rules.</p>
      ) : (
        <Table caption={`Custom rules of ${policy.name}`} columns={['Rule id', 'Matches', 'Action', 'Message', 'Actions']}>
          {policy.customRules.map((rule) => (
            <tr key={rule.id}>
              <td>{rule.ruleId}</td>
              <td>
                {rule.variables.map((variable) => (variable.key ? `${variable.collection}:${variable.key}` : variable.collection)).join('|')}{' '}
                {rule.negate ? '!' : ''}@{rule.operator} {rule.argument ?? ''} (phase {rule.phase})
              </td>
              <td>{rule.action === 'deny' ? `deny ${rule.status}` : rule.action}</td>
              <td>{rule.message}</td>
              <td>
                <ConfirmButton
                  label={`Delete custom rule ${rule.ruleId}`}
                  title={`Delete custom rule ${rule.ruleId}?`}
                  confirmLabel="Delete"
                  disabled={disabled}
                  disabledReason={permissions.wafWriteReason}
                  onConfirm={() => remove(rule.id)}
                >
                  <p>Requests it matches pass again once the next deployment is published.</p>
                </ConfirmButton>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <form
        aria-label="Add a custom rule"
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate();
        }}
      >
        <h3>Add a custom rule</h3>
        {disabled && <p className="notice">{permissions.wafWriteReason}</p>}
        <ProblemBanner error={add.error} shown={['ruleId', 'phase', 'variables', 'operator', 'argument', 'action', 'severity', 'message']} />
        <div className="row">
          <TextField
            label="Custom rule id"
            inputMode="numeric"
            value={draft.ruleId}
            disabled={disabled}
            hint="1–89999"
            error={errors.ruleId}
            onValue={(ruleId) => set({ ruleId })}
          />
          {select('phase', 'Phase', ['1', '2', '3', '4'])}
          {select('collection', 'Inspect', COLLECTIONS, 'variables[0].collection')}
          <TextField label="Key" value={draft.key} disabled={disabled} placeholder="q" error={errors['variables[0].key']} onValue={(key) => set({ key })} />
        </div>
        <div className="row">
          {select('operator', 'Operator', OPERATORS)}
          <TextField label="Argument" value={draft.argument} disabled={disabled} error={errors.argument} onValue={(argument) => set({ argument })} />
        </div>
        <div className="row">
          {select('action', 'Action', ACTIONS)}
          {select('severity', 'Severity', SEVERITIES)}
          <TextField label="Message" value={draft.message} disabled={disabled} error={errors.message} onValue={(message) => set({ message })} />
        </div>
        <FieldError id={`${id}-variables-error`} message={errors.variables} />
        <div className="actions">
          <button type="submit" className="primary" disabled={disabled || add.isPending}>
            Add custom rule
          </button>
        </div>
      </form>
    </section>
  );
}
