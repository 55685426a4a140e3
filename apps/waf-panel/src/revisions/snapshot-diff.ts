import { byteOrder } from '@lib/platform';
import type { Snapshot } from '../policies/policy-store';

export interface SnapshotChange {
  readonly op: 'add' | 'remove' | 'replace';
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const pointer = (...tokens: string[]) => `/${tokens.map((token) => token.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

function fields(before: Record<string, unknown>, after: Record<string, unknown>, prefix: string[]): SnapshotChange[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .sort(byteOrder)
    .filter((key) => !same(before[key], after[key]))
    .map((key) => ({ op: 'replace' as const, path: pointer(...prefix, key), before: before[key] ?? null, after: after[key] ?? null }));
}

/**
 * Settings by key, then overrides, exclusions and custom rules by id; a whole child
 * is added or removed, a changed one reports each field; scalars and arrays compare whole.
 */
export function diffSnapshots(from: Snapshot, to: Snapshot): SnapshotChange[] {
  const changes = fields(from.settings as unknown as Record<string, unknown>, to.settings as unknown as Record<string, unknown>, ['settings']);
  for (const section of ['overrides', 'exclusions', 'customRules'] as const) {
    const before = from[section] as unknown as Record<string, Record<string, unknown>>;
    const after = to[section] as unknown as Record<string, Record<string, unknown>>;
    for (const id of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(byteOrder)) {
      if (!(id in after)) changes.push({ op: 'remove', path: pointer(section, id), before: before[id], after: null });
      else if (!(id in before)) changes.push({ op: 'add', path: pointer(section, id), before: null, after: after[id] });
      else changes.push(...fields(before[id], after[id], [section, id]));
    }
  }
  return changes;
}
