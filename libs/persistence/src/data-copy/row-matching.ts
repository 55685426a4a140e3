import { type CopyTable, keyText } from './copy-catalog';
import type { RowValues } from './row-values';

/**
 * Pairs target rows with the batch rows (`indices`, in key order) of the same key. Rows come back
 * in the order they were inserted, so one forward pass pairs them; any out of that order are
 * looked up by key.
 */
export function matchByKey(
  table: CopyTable,
  rows: readonly RowValues[],
  indices: readonly number[],
  targetRows: readonly RowValues[],
): Array<[number, RowValues]> {
  const pairs: Array<[number, RowValues]> = [];
  const unpaired: RowValues[] = [];
  let next = 0;
  for (const row of targetRows) {
    while (next < indices.length && !sameKey(table, rows[indices[next]], row)) next++;
    if (next < indices.length) pairs.push([indices[next++], row]);
    else unpaired.push(row);
  }
  if (unpaired.length > 0) {
    const byKey = new Map(indices.map((index) => [keyText(table, rows[index]), index]));
    for (const row of unpaired) {
      const index = byKey.get(keyText(table, row));
      if (index !== undefined) pairs.push([index, row]);
    }
  }
  return pairs;
}

function sameKey(table: CopyTable, left: RowValues, right: RowValues): boolean {
  return table.keyPositions.every((position) => {
    const [a, b] = [left[position], right[position]];
    return a === b || (Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b));
  });
}

/**
 * Which returned lines are exactly a sent line (named by its position) and which are not. Rows
 * come back in the order they were inserted, mostly the order they were sent, so one forward pass
 * pairs them; any out of that order are looked up.
 */
export function pairLines(sent: readonly string[], returned: readonly string[]): { unchanged: number[]; changed: string[] } {
  const unchanged: number[] = [];
  const changed: string[] = [];
  let next = 0;
  let positions: Map<string, number> | null = null;
  for (const line of returned) {
    if (line === sent[next]) {
      unchanged.push(next++);
      continue;
    }
    positions ??= new Map(sent.map((text, position) => [text, position]));
    const position = positions.get(line);
    if (position === undefined) {
      changed.push(line);
    } else {
      unchanged.push(position);
      next = position + 1;
    }
  }
  return { unchanged, changed };
}
