import { DiffView } from './DiffView';

/**
 * A write refused with 412: what changed since the user loaded the resource, and the two ways
 * on: reload (their edit is dropped) or re-apply their edit over the newer state.
 */
export function ConflictPanel(props: { noun: string; loaded: unknown; current: unknown; onReload: () => void; onReapply: () => void }) {
  return (
    <div className="conflict" role="alert">
      <h2>Someone else changed this {props.noun}</h2>
      <p>Your changes were not saved. This is what changed since you loaded the {props.noun}:</p>
      <DiffView before={props.loaded} after={props.current} beforeLabel="When you loaded it" afterLabel="Now" />
      <div className="actions">
        <button type="button" onClick={props.onReload}>
          Reload and discard my changes
        </button>
        <button type="button" className="primary" onClick={props.onReapply}>
          Re-apply my changes over theirs
        </button>
      </div>
    </div>
  );
}
