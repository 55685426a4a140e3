import { diffLines } from 'diff';

export interface DiffRow {
  readonly left?: string;
  readonly right?: string;
  readonly kind: 'same' | 'changed' | 'removed' | 'added' | 'skipped';
}

/** Unchanged lines more than `context` rows away from a change, folded into one "unchanged" row per run. */
export function withContext(rows: readonly DiffRow[], context: number): DiffRow[] {
  const near = rows.map(() => false);
  rows.forEach((row, index) => {
    if (row.kind === 'same') return;
    for (let at = Math.max(0, index - context); at <= Math.min(rows.length - 1, index + context); at++) near[at] = true;
  });
  const folded: DiffRow[] = [];
  for (let index = 0; index < rows.length;) {
    if (near[index]) {
      folded.push(rows[index++]);
      continue;
    }
    let end = index;
    while (end < rows.length && !near[end]) end++;
    const text = `… ${end - index} unchanged ${end - index === 1 ? 'line' : 'lines'}`;
    folded.push({ left: text, right: text, kind: 'skipped' });
    index = end;
  }
  return folded;
}

/** A value as stable text: keys sorted, so two snapshots differ only where their content does. */
export function stableJson(value: unknown): string {
  const sort = (node: unknown): unknown =>
    Array.isArray(node)
      ? node.map(sort)
      : node && typeof node === 'object'
        ? Object.fromEntries(
            Object.keys(node as object)
              .sort()
              .map((key) => [key, sort((node as Record<string, unknown>)[key])]),
          )
        : node;
  return JSON.stringify(sort(value), null, 2);
}

/** Two texts as side-by-side rows: a removed block beside the block that replaced it. */
export function sideBySide(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = [];
  const lines = (text: string) => text.replace(/\n$/, '').split('\n');
  const parts = diffLines(before, after);
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index];
    if (!part.added && !part.removed) {
      for (const line of lines(part.value)) rows.push({ left: line, right: line, kind: 'same' });
    } else if (part.removed && parts[index + 1]?.added) {
      const left = lines(part.value);
      const right = lines(parts[++index].value);
      for (let row = 0; row < Math.max(left.length, right.length); row++) {
        rows.push({ left: left[row], right: right[row], kind: left[row] === undefined ? 'added' : right[row] === undefined ? 'removed' : 'changed' });
      }
    } else {
      for (const line of lines(part.value)) rows.push(part.added ? { right: line, kind: 'added' } : { left: line, kind: 'removed' });
    }
  }
  return rows;
}

const MARK = { same: '', skipped: '', changed: '~', removed: '−', added: '+' } as const;

/**
 * A side-by-side diff of two values (or texts), with changed rows marked for eyes and screen
 * readers; with `context`, only that many unchanged lines around each change are shown.
 */
export function DiffView({
  before,
  after,
  beforeLabel,
  afterLabel,
  context,
}: {
  before: unknown;
  after: unknown;
  beforeLabel: string;
  afterLabel: string;
  context?: number;
}) {
  const text = (value: unknown) => (typeof value === 'string' ? value : stableJson(value));
  const all = sideBySide(text(before), text(after));
  const rows = context === undefined ? all : withContext(all, context);
  const changed = all.filter((row) => row.kind !== 'same').length;
  return (
    <table className="diff" aria-label={`Differences between ${beforeLabel} and ${afterLabel}`}>
      <caption>{changed === 0 ? 'No differences' : `${changed} changed ${changed === 1 ? 'line' : 'lines'}`}</caption>
      <thead>
        <tr>
          <th scope="col">{beforeLabel}</th>
          <th scope="col">{afterLabel}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={index} className={row.kind} aria-label={row.kind === 'same' || row.kind === 'skipped' ? undefined : row.kind}>
            <td>
              <span aria-hidden="true">{row.kind === 'added' ? '' : MARK[row.kind]} </span>
              {row.left ?? ''}
            </td>
            <td>
              <span aria-hidden="true">{row.kind === 'removed' ? '' : MARK[row.kind]} </span>
              {row.right ?? ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
