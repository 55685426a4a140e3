/**
 * What the copy knows of a database's tables, and the plan it derives from both sides: which
 * columns, of which logical type, keyed how, copied in which order.
 */

/**
 * Logical column types. PostgreSQL's catalog names them exactly; SQLite's declared types only
 * give the storage class (TEXT, INTEGER, REAL, BLOB, and JSON where a `json_valid` check says so).
 */
export type ColumnType = 'text' | 'uuid' | 'timestamp' | 'date' | 'integer' | 'real' | 'boolean' | 'json' | 'bytes' | 'text-array';

export interface CatalogColumn {
  readonly name: string;
  readonly type: ColumnType;
}

export interface CatalogTable {
  readonly schema: string;
  readonly name: string;
  /** Stored columns: generated ones are derived, so neither copied nor digested. */
  readonly columns: readonly CatalogColumn[];
  /** Primary-key columns in key order. */
  readonly key: readonly string[];
  /** Tables of the same schema this one's foreign keys point at (unqualified). */
  readonly references: readonly string[];
}

export interface Catalog {
  /** PostgreSQL names every type; SQLite only storage classes. */
  readonly precise: boolean;
  readonly tables: ReadonlyMap<string, CatalogTable>;
}

/** One table as the copy handles it: columns sorted by name, the positions of its key and tenant. */
export interface CopyTable {
  readonly schema: string;
  readonly name: string;
  readonly qualified: string;
  readonly columns: readonly CatalogColumn[];
  readonly key: readonly string[];
  readonly keyPositions: readonly number[];
  /** Position of `tenant_id`, or -1 for a table without one. */
  readonly tenantPosition: number;
}

/** The source and target disagree about a table's shape: the target is not migrated like the source. */
export class SchemaDifferenceError extends Error {
  constructor(readonly differences: readonly string[]) {
    super(`the target's tables differ from the source's:\n  ${differences.join('\n  ')}`);
  }
}

/** A `--tables` entry that names no table of the selected schemas. */
export class UnknownTableError extends Error {}

/** The storage class SQLite keeps each logical type in. */
const STORAGE_CLASS: Record<ColumnType, ColumnType> = {
  text: 'text',
  uuid: 'text',
  timestamp: 'text',
  date: 'text',
  integer: 'integer',
  boolean: 'integer',
  real: 'real',
  json: 'json',
  'text-array': 'json',
  bytes: 'bytes',
};

export const HISTORY_TABLES = ['schema_migrations', 'schema_data_migrations'];

export const qualifiedName = (schema: string, table: string): string => `${schema}.${table}`;

/**
 * The copy plan: every selected table present in the source, in foreign-key order (a table after
 * those it references; by name otherwise), each column typed as precisely as either side knows.
 * `target` is null when it has no tables yet (a dry run before `--migrate`).
 */
export function planTables(source: Catalog, target: Catalog | null, selection: { schemas: readonly string[]; tables?: readonly string[] }): CopyTable[] {
  const wanted = new Set(selection.tables ?? []);
  for (const table of wanted) {
    const schema = table.split('.')[0];
    if (!selection.schemas.includes(schema) || !source.tables.has(table)) {
      throw new UnknownTableError(`--tables: "${table}" is not a table of ${selection.schemas.join(', ')} in the source`);
    }
  }
  const chosen = [...source.tables.values()].filter(
    (table) => selection.schemas.includes(table.schema) && (wanted.size === 0 || wanted.has(qualifiedName(table.schema, table.name))),
  );
  const differences: string[] = [];
  const planned = new Map<string, CopyTable>();
  for (const table of chosen) {
    const qualified = qualifiedName(table.schema, table.name);
    const other = target?.tables.get(qualified);
    if (target && !other) {
      differences.push(`${qualified}: missing in the target`);
      continue;
    }
    const columns = other ? reconcileColumns(qualified, table, source.precise, other, target!.precise, differences) : table.columns;
    if (other && other.key.join(',') !== table.key.join(','))
      differences.push(`${qualified}: primary key (${table.key.join(', ')}) in the source, (${other.key.join(', ')}) in the target`);
    if (table.key.length === 0) differences.push(`${qualified}: no primary key, so rows cannot be matched`);
    const sorted = [...columns].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const position = (name: string) => sorted.findIndex((column) => column.name === name);
    // Rows are written through tenant units of work only (the cross-tenant path).
    if (position('tenant_id') < 0) throw new Error(`${qualified} has no tenant_id column: the copy writes tenant rows only`);
    planned.set(qualified, {
      schema: table.schema,
      name: table.name,
      qualified,
      columns: sorted,
      key: table.key,
      keyPositions: table.key.map(position),
      tenantPosition: position('tenant_id'),
    });
  }
  if (differences.length) throw new SchemaDifferenceError(differences);
  return dependencyOrder(chosen, planned);
}

function reconcileColumns(
  qualified: string,
  source: CatalogTable,
  sourcePrecise: boolean,
  target: CatalogTable,
  targetPrecise: boolean,
  differences: string[],
): CatalogColumn[] {
  const targetColumns = new Map(target.columns.map((column) => [column.name, column.type]));
  const columns: CatalogColumn[] = [];
  for (const column of source.columns) {
    const targetType = targetColumns.get(column.name);
    targetColumns.delete(column.name);
    if (targetType === undefined) {
      differences.push(`${qualified}.${column.name}: missing in the target`);
      continue;
    }
    const type = reconcileType(column.type, sourcePrecise, targetType, targetPrecise);
    if (type === null) differences.push(`${qualified}.${column.name}: ${column.type} in the source, ${targetType} in the target`);
    else columns.push({ name: column.name, type });
  }
  for (const name of targetColumns.keys()) differences.push(`${qualified}.${name}: missing in the source`);
  return columns;
}

/** The more precise of two compatible types, or null when they cannot hold the same values. */
function reconcileType(source: ColumnType, sourcePrecise: boolean, target: ColumnType, targetPrecise: boolean): ColumnType | null {
  if (sourcePrecise === targetPrecise) return source === target ? source : null;
  const [precise, storage] = sourcePrecise ? [source, target] : [target, source];
  return STORAGE_CLASS[precise] === storage ? precise : null;
}

function dependencyOrder(chosen: readonly CatalogTable[], planned: Map<string, CopyTable>): CopyTable[] {
  const ordered: CopyTable[] = [];
  const placed = new Set<string>();
  const byName = [...chosen].sort((a, b) => qualifiedName(a.schema, a.name).localeCompare(qualifiedName(b.schema, b.name)));
  const visit = (table: CatalogTable, path: Set<string>) => {
    const qualified = qualifiedName(table.schema, table.name);
    if (placed.has(qualified) || path.has(qualified)) return;
    path.add(qualified);
    for (const referenced of table.references) {
      const dependency = byName.find((candidate) => candidate.schema === table.schema && candidate.name === referenced);
      if (dependency && dependency !== table) visit(dependency, path);
    }
    placed.add(qualified);
    ordered.push(planned.get(qualified)!);
  };
  for (const table of byName) visit(table, new Set());
  return ordered;
}

export const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export const columnList = (table: CopyTable, alias?: string): string =>
  table.columns.map((column) => `${alias ? `${alias}.` : ''}${quoted(column.name)}`).join(', ');

export const keyList = (table: CopyTable): string => table.key.map(quoted).join(', ');

/** The key values of a row. */
export function keyValues(table: CopyTable, row: readonly unknown[]): unknown[] {
  return table.keyPositions.map((position) => row[position]);
}

/** The key values of a row as JSON can carry them (bytes as hex). */
export function keyJson(table: CopyTable, row: readonly unknown[]): unknown[] {
  return keyValues(table, row).map((value) => (Buffer.isBuffer(value) ? value.toString('hex') : value));
}

/** The key of a row as text, to match rows across both sides. */
export function keyText(table: CopyTable, row: readonly unknown[]): string {
  return JSON.stringify(keyJson(table, row));
}

/** Splits rows so one statement binds at most `maxParameters` values. */
export function chunksFor<T>(items: readonly T[], perItem: number, maxParameters: number): T[][] {
  const size = Math.max(1, Math.floor(maxParameters / Math.max(1, perItem)));
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
