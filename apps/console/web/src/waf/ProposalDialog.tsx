import * as Dialog from '@radix-ui/react-dialog';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, unwrap, waf } from '../api/clients';
import { DiffView } from '../components/DiffView';
import { ProblemBanner } from '../components/problems';
import { usePermissions } from '../session/session';

/**
 * The narrowest exclusions that would have let the selected events through, as the panel proposes
 * them: what each stops inspecting, what it cannot propose and why, and the vhost's bundle before
 * and after. Applying writes them through the policy's normal write (If-Match, revision, audit),
 * one after the other, each with the policy version the last one produced.
 */
export function ProposalDialog({ eventIds, onClose }: { eventIds: string[]; onClose: () => void }) {
  const id = useId();
  const queries = useQueryClient();
  const permissions = usePermissions();
  const [force, setForce] = useState(false);
  const proposal = useQuery({
    queryKey: ['waf', 'proposal', eventIds, force],
    queryFn: () => unwrap(waf.POST('/api/v1/security-events/proposal', { body: { eventIds, ...(force ? { force } : {}) } })),
    staleTime: Infinity,
  });
  const fresh = proposal.data?.exclusions.filter((exclusion) => !exclusion.exists) ?? [];
  const apply = useMutation({
    mutationFn: async () => {
      const { policyId } = proposal.data!;
      let etag = proposal.data!.policyEtag;
      let version = 0;
      for (const exclusion of fresh) {
        const written = await unwrap(
          waf.POST('/api/v1/policies/{policyId}/exclusions', { params: { path: { policyId }, header: { 'If-Match': etag } }, body: exclusion.body }),
        );
        version = written.policyVersion;
        etag = `"${policyId}-${version}"`;
      }
      return { count: fresh.length, version };
    },
    onSettled: () => queries.invalidateQueries({ queryKey: ['waf'] }),
  });
  const stale = apply.error instanceof ApiError && apply.error.problem.status === 412;
  const protectedSkipped = proposal.data?.skipped.some((skip) => skip.reason.includes('protected')) ?? false;
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content className="dialog wide" aria-describedby={`${id}-summary`}>
          <Dialog.Title>Exclusion from {eventIds.length === 1 ? 'this event' : `${eventIds.length} events`}</Dialog.Title>
          <ProblemBanner error={proposal.error} />
          {proposal.isPending && <p role="status">Working out the narrowest exclusion…</p>}
          {proposal.data && (
            <>
              <p id={`${id}-summary`}>
                For <strong>{proposal.data.domain}</strong>, in policy <strong>{proposal.data.policyName}</strong>:{' '}
                {proposal.data.exclusions.length === 0
                  ? 'no exclusion can be proposed.'
                  : `${proposal.data.exclusions.length} ${proposal.data.exclusions.length === 1 ? 'exclusion' : 'exclusions'}.`}
              </p>
              {proposal.data.exclusions.length > 0 && (
                <ul aria-label="Proposed exclusions">
                  {proposal.data.exclusions.map((exclusion) => (
                    <li key={`${exclusion.body.ruleId}:${exclusion.body.variable.collection}:${exclusion.body.variable.key}`}>
                      <p>
                        <code>
                          {exclusion.body.ruleId} on {exclusion.body.variable.collection}
                          {exclusion.body.variable.key === null ? '' : `:${exclusion.body.variable.key}`}
                          {exclusion.body.path ? ` under ${exclusion.body.path}` : ''}
                        </code>
                        {exclusion.exists && ' (already in the policy)'}
                        {exclusion.protected && ' (a protected rule, forced by an Admin)'}
                      </p>
                      <p>{exclusion.explanation}</p>
                    </li>
                  ))}
                </ul>
              )}
              {proposal.data.skipped.length > 0 && (
                <>
                  <h3>Not proposed</h3>
                  <ul aria-label="Matches without an exclusion">
                    {proposal.data.skipped.map((skip) => (
                      <li key={`${skip.ruleId}:${skip.variable}`}>
                        Rule {skip.ruleId}
                        {skip.variable ? ` on ${skip.variable}` : ''}: {skip.reason}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {protectedSkipped && permissions.wafForce && (
                <label>
                  <input type="checkbox" checked={force} onChange={(event) => setForce(event.target.checked)} /> Propose protected rules too (Admin)
                </label>
              )}
              <h3>The vhost’s bundle</h3>
              <div className="scroll" tabIndex={0} role="region" aria-label="Bundle differences">
                <DiffView
                  before={proposal.data.preview.before}
                  after={proposal.data.preview.after}
                  beforeLabel="Now"
                  afterLabel="With the exclusions"
                  context={3}
                />
              </div>
            </>
          )}
          {apply.isSuccess && (
            <p role="status">
              Added {apply.data.count} {apply.data.count === 1 ? 'exclusion' : 'exclusions'} to policy {proposal.data?.policyName} (now version{' '}
              {apply.data.version}). The nodes enforce it once it is deployed: <Link to="/app/waf/deployments">publish a deployment</Link>.
            </p>
          )}
          {stale ? (
            <p role="alert" className="problem">
              The policy changed since this proposal was made. Close this and propose again to see it against the current policy.
            </p>
          ) : (
            <ProblemBanner error={apply.error} />
          )}
          <div className="actions">
            <Dialog.Close asChild>
              <button type="button">{apply.isSuccess ? 'Close' : 'Cancel'}</button>
            </Dialog.Close>
            {!apply.isSuccess && (
              <button type="button" className="primary" disabled={fresh.length === 0 || apply.isPending || stale} onClick={() => apply.mutate()}>
                Apply {fresh.length} {fresh.length === 1 ? 'exclusion' : 'exclusions'}
              </button>
            )}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
