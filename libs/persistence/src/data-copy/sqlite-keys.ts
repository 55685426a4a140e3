import { chunksFor, type CopyTable, keyList, quoted } from './copy-catalog';
import { sqliteValue, type RowValues } from './row-values';
import { parseRows, rowsSelect } from './sqlite-rows';

/** Parameters per statement: SQLite allows 32,766 since 3.32. */
export const SQLITE_MAX_PARAMETERS = 30_000;

/** The rows of the given key tuples (normalised values), in `table.columns` order. */
export async function selectByKeys(
  table: CopyTable,
  keys: readonly RowValues[],
  query: (sql: string, parameters: unknown[]) => Promise<Array<Record<string, unknown>>>,
): Promise<unknown[][]> {
  const found: unknown[][] = [];
  const keyTypes = table.keyPositions.map((position) => table.columns[position].type);
  for (const chunk of chunksFor(keys, table.key.length, SQLITE_MAX_PARAMETERS)) {
    const tuples = chunk.map(() => `(${table.key.map(() => '?').join(', ')})`).join(', ');
    const parameters = chunk.flatMap((key) => key.map((value, index) => sqliteValue(value, keyTypes[index])));
    const [{ batch }] = await query(
      rowsSelect(table, `FROM ${quoted(table.schema)}.${quoted(table.name)} WHERE (${keyList(table)}) IN (VALUES ${tuples})`),
      parameters,
    );
    for (const row of parseRows(String(batch))) found.push(row);
  }
  return found;
}
