import { type CopyTable, keyList, quoted } from './copy-catalog';

/**
 * SQLite rows as the copy reads them: SQLite builds a whole set of rows into one JSON text and
 * Node parses it once. node-sqlite3 otherwise makes one object per row with a property per column
 * on the main thread, which cost more than twice as much (docs/performance.md).
 *
 * Each value keeps what SQLite stored: an integer as a number (beyond 2^53 as its exact digits, a
 * text), a real with 17 significant digits (so it reads back as the same double; infinities
 * included), text as is, and a blob as `{"blob": hex}`, turned back into a Buffer by `parseRows`.
 */
export function rowsSelect(table: CopyTable, from: string): string {
  const values = table.columns.map((column) => storedValue(quoted(column.name))).join(', ');
  // group_concat, not json_group_array: SQLite drops the JSON subtype of values an aggregate sorts.
  return `SELECT '[' || coalesce(group_concat(json_array(${values}), ',' ORDER BY ${keyList(table)}), '') || ']' AS batch, count(*) AS count ${from}`;
}

/** A row's key as one JSON array, its values kept as `rowsSelect` keeps them (`parseRows` reads it). */
export function keySelect(table: CopyTable): string {
  return `json_array(${table.key.map((name) => storedValue(quoted(name))).join(', ')})`;
}

function storedValue(column: string): string {
  return `CASE typeof(${column})
    WHEN 'integer' THEN CASE WHEN ${column} BETWEEN -9007199254740991 AND 9007199254740991 THEN ${column} ELSE CAST(${column} AS TEXT) END
    WHEN 'real' THEN CASE WHEN abs(${column}) < 9e999 THEN json(printf('%!.17g', ${column})) ELSE ${column} END
    WHEN 'blob' THEN json_object('blob', hex(${column}))
    ELSE ${column} END`;
}

/** The rows of one `rowsSelect` result: arrays of values in `table.columns` order. */
export function parseRows(text: string): unknown[][] {
  const rows = JSON.parse(text) as unknown[][];
  for (const row of rows) {
    for (let index = 0; index < row.length; index++) {
      const value = row[index];
      // JSON columns arrive as their text, so the only objects are blobs.
      if (value !== null && typeof value === 'object') row[index] = Buffer.from((value as { blob: string }).blob, 'hex');
    }
  }
  return rows;
}
