import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ct, unwrap } from '../api/clients';
import { ConfirmButton } from '../components/ConfirmDialog';
import { ProblemBanner } from '../components/problems';
import { usePermissions } from '../session/session';
import { type DecodedEntry, decodeLeaf } from './leaf';
import { fromBase64, toHex, verifyInclusion } from './merkle';
import { Table } from '../components/Table';

const PAGE = 10;

/** One log: its signed head, configuration and roots, and its entries, each decoded and provable here. */
export function CtLogPage() {
  const { name } = useParams() as { name: string };
  const id = useId();
  const [start, setStart] = useState(0);
  const log = useQuery({ queryKey: ['ct', 'log', name], queryFn: () => unwrap(ct.GET('/api/v1/admin/logs/{name}', { params: { path: { name } } })) });
  const metadata = useQuery({ queryKey: ['ct', 'metadata', name], queryFn: () => unwrap(ct.GET('/logs/{log}/metadata', { params: { path: { log: name } } })) });
  const size = log.data?.sth?.tree_size ?? 0;
  // The signed note form of the head (text/plain): what witnesses and monitors read.
  const checkpoint = useQuery({
    queryKey: ['ct', 'checkpoint', name, size],
    queryFn: () => unwrap(ct.GET('/logs/{log}/checkpoint', { params: { path: { log: name } }, parseAs: 'text' })),
  });
  const entries = useQuery({
    queryKey: ['ct', 'entries', name, start, size],
    enabled: log.data?.kind === 'rfc6962' && size > 0,
    queryFn: () =>
      unwrap(
        ct.GET('/logs/{log}/ct/v1/get-entries', {
          params: { path: { log: name }, query: { start, end: Math.min(size, start + PAGE) - 1 } },
        }),
      ),
  });
  if (log.isPending) return <p>Loading the log…</p>;
  if (log.isError) return <ProblemBanner error={log.error} />;
  const item = log.data;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Log {item.name}</h1>
      <p>
        <Link to="/app/ct/logs">Back to the logs</Link>
      </p>
      <p>{item.description}</p>
      <dl className="facts" aria-label="Signed tree head">
        <dt>State</dt>
        <dd>{item.state}</dd>
        <dt>Tree size</dt>
        <dd>{item.sth?.tree_size ?? 'no head yet'}</dd>
        <dt>Head signed</dt>
        <dd>{item.sth ? new Date(item.sth.timestamp).toLocaleString() : '–'}</dd>
        <dt>Root hash</dt>
        <dd>
          <code>{item.sth ? toHex(fromBase64(item.sth.sha256_root_hash)) : '–'}</code>
        </dd>
        <dt>Maximum merge delay</dt>
        <dd>{metadata.data ? `${metadata.data.mmd} s` : '–'}</dd>
        <dt>Submissions</dt>
        <dd>{item.config.submission}</dd>
        <dt>Log id</dt>
        <dd>
          <code>{item.log_id}</code>
        </dd>
      </dl>
      <h2>Configuration</h2>
      <dl className="facts" aria-label="Configuration">
        {Object.entries(item.config).map(([key, value]) => (
          <div key={key} className="contents">
            <dt>{key}</dt>
            <dd>{Array.isArray(value) ? value.join('–') : String(value)}</dd>
          </div>
        ))}
      </dl>
      {checkpoint.data && (
        <>
          <h2>Checkpoint</h2>
          <pre className="code" aria-label="Checkpoint" tabIndex={0}>
            {checkpoint.data}
          </pre>
        </>
      )}
      <ReadOnly name={item.name} state={item.state} version={item.version} grace={item.read_only_grace_s} />
      {item.roots.length > 0 && (
        <>
          <h2>Accepted roots</h2>
          <Table caption="Accepted roots" columns={['Subject', 'Not after', 'SHA-256 fingerprint']}>
            {item.roots.map((root) => (
              <tr key={root.fingerprint}>
                <td>{root.subject}</td>
                <td>{new Date(root.not_after).toLocaleDateString()}</td>
                <td>
                  <code>{root.fingerprint}</code>
                </td>
              </tr>
            ))}
          </Table>
        </>
      )}
      {item.kind === 'rfc6962' && item.sth && size > 0 && (
        <>
          <h2>Entries</h2>
          <ProblemBanner error={entries.error} />
          {entries.data && (
            <Table caption="Entries" columns={['Index', 'Certificate', 'Validity', 'Proof']}>
              {entries.data.entries.map((entry, offset) => (
                <EntryRow key={start + offset} log={name} index={start + offset} leaf={fromBase64(entry.leaf_input)} head={item.sth!} />
              ))}
            </Table>
          )}
          <div className="actions">
            <button type="button" disabled={start === 0} onClick={() => setStart(Math.max(0, start - PAGE))}>
              Earlier entries
            </button>
            <button type="button" disabled={start + PAGE >= size} onClick={() => setStart(start + PAGE)}>
              Later entries
            </button>
          </div>
        </>
      )}
    </section>
  );
}

type Proof = { state: 'verified' | 'failed'; treeSize: number } | undefined;

function EntryRow({ log, index, leaf, head }: { log: string; index: number; leaf: Uint8Array; head: { tree_size: number; sha256_root_hash: string } }) {
  const [proof, setProof] = useState<Proof>();
  const [error, setError] = useState<unknown>();
  let decoded: DecodedEntry | undefined;
  try {
    decoded = decodeLeaf(leaf);
  } catch {
    decoded = undefined;
  }
  // The proof is fetched for the head on screen and checked here: nothing the log says is taken on trust.
  const verify = async () => {
    setError(undefined);
    try {
      const answer = await unwrap(
        ct.GET('/logs/{log}/ct/v1/get-entry-and-proof', { params: { path: { log }, query: { leaf_index: index, tree_size: head.tree_size } } }),
      );
      const proven = await verifyInclusion(
        fromBase64(answer.leaf_input),
        index,
        head.tree_size,
        answer.audit_path.map(fromBase64),
        fromBase64(head.sha256_root_hash),
      );
      const same = toHex(fromBase64(answer.leaf_input)) === toHex(leaf);
      setProof({ state: proven && same ? 'verified' : 'failed', treeSize: head.tree_size });
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <tr>
      <td>{index}</td>
      <td>
        {decoded ? (
          <>
            <div>
              {decoded.kind === 'precertificate' ? 'Precertificate' : 'Certificate'}: {decoded.subject}
            </div>
            <div className="hint">Issuer: {decoded.issuer}</div>
            <div className="hint">Serial: {decoded.serial}</div>
            {decoded.sans.length > 0 && <div className="hint">Names: {decoded.sans.join(', ')}</div>}
          </>
        ) : (
          'Not an X.509 entry'
        )}
      </td>
      <td>{decoded ? `${decoded.notBefore.toLocaleDateString()} – ${decoded.notAfter.toLocaleDateString()}` : '–'}</td>
      <td>
        <button type="button" onClick={() => void verify()}>
          Verify entry {index}
        </button>
        {proof && (
          <p role="status" className={proof.state === 'verified' ? '' : 'field-error'}>
            {proof.state === 'verified'
              ? `Verified against tree size ${proof.treeSize}`
              : `Verification failed: the proof does not lead to the head of tree size ${proof.treeSize}`}
          </p>
        )}
        <ProblemBanner error={error} />
      </td>
    </tr>
  );
}

/** Making a log read-only, with what that means said first. Admins only; it cannot be undone. */
function ReadOnly({ name, state, version, grace }: { name: string; state: string; version: number; grace: number }) {
  const queries = useQueryClient();
  const { ctAdmin: admin, ctAdminReason } = usePermissions();
  const freeze = useMutation({
    mutationFn: () =>
      unwrap(ct.PATCH('/api/v1/admin/logs/{name}', { params: { path: { name }, header: { 'If-Match': `W/"${version}"` } }, body: { state: 'read_only' } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['ct'] }),
  });
  if (state !== 'active') return null;
  return (
    <>
      <ConfirmButton
        label="Make read-only"
        title={`Make ${name} read-only?`}
        confirmLabel="Make read-only"
        disabled={!admin}
        disabledReason={ctAdminReason}
        onConfirm={() => freeze.mutateAsync()}
      >
        <p>
          The log stops taking submissions now; its entries, heads and proofs stay readable. After {Math.round(grace / 86400)} days it is frozen for good. This
          cannot be undone: a read-only log never becomes active again.
        </p>
      </ConfirmButton>
      <ProblemBanner error={freeze.error} />
    </>
  );
}
