import type { Dialect } from './database-url';

/**
 * A parameterised SQL fragment. Values interpolated with the `sql` tag become bind parameters
 * (`$n` on PostgreSQL, `?` on SQLite); interpolated fragments are spliced in with their own
 * parameters. Only `sql.raw` puts text into the statement, for identifiers the code owns.
 */
export class Sql {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  render(dialect: Dialect): { text: string; parameters: unknown[] } {
    const parameters: unknown[] = [];
    const text = this.emit((value) => {
      parameters.push(value);
      return dialect === 'postgres' ? `$${parameters.length}` : '?';
    });
    return { text, parameters };
  }

  /** The statement with each value written by `literal`, for a message that cannot bind parameters. */
  inline(literal: (value: unknown) => string): string {
    return this.emit(literal);
  }

  private emit(place: (value: unknown) => string): string {
    let text = this.strings[0];
    this.values.forEach((value, index) => {
      text += value instanceof Sql ? value.emit(place) : place(value);
      text += this.strings[index + 1];
    });
    return text;
  }
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return new Sql(strings, values);
}

/** Trusted text: identifiers and keywords chosen by the code, never by a client. */
sql.raw = (text: string): Sql => new Sql([text], []);

/** Fragments joined by a separator (`, `, ` AND `). */
sql.join = (fragments: readonly Sql[], separator: string): Sql => {
  if (fragments.length === 0) return sql.raw('');
  const strings = ['', ...fragments.slice(1).map(() => separator), ''];
  return new Sql(strings, fragments);
};

/** `a AND b AND ...`, or TRUE when there is nothing to check. */
sql.and = (conditions: readonly Sql[]): Sql =>
  conditions.length === 0
    ? sql.raw('1 = 1')
    : sql.join(
        conditions.map((c) => sql`(${c})`),
        ' AND ',
      );

/** `(v1, v2, ...)` for an IN list; an empty list matches nothing. */
sql.list = (values: readonly unknown[]): Sql =>
  values.length === 0
    ? sql.raw('(NULL)')
    : sql`(${sql.join(
        values.map((v) => sql`${v}`),
        ', ',
      )})`;

/** `INSERT INTO table (c1, c2) VALUES (v1, v2)` from a record of column names the code owns. */
sql.insert = (table: string, row: Readonly<Record<string, unknown>>): Sql =>
  sql`INSERT INTO ${sql.raw(table)} (${sql.raw(Object.keys(row).join(', '))}) VALUES ${sql.list(Object.values(row))}`;

/** One multi-row `INSERT INTO table (c1, c2) VALUES (...), (...)`; every row has the same columns. */
sql.insertMany = (table: string, rows: ReadonlyArray<Readonly<Record<string, unknown>>>): Sql =>
  sql`INSERT INTO ${sql.raw(table)} (${sql.raw(Object.keys(rows[0]).join(', '))}) VALUES ${sql.join(
    rows.map((row) => sql.list(Object.values(row))),
    ', ',
  )}`;

/** `c1 = v1, c2 = v2` for an UPDATE's SET, from a record of column names the code owns. */
sql.assignments = (row: Readonly<Record<string, unknown>>): Sql =>
  sql.join(
    Object.entries(row).map(([column, value]) => sql`${sql.raw(column)} = ${value}`),
    ', ',
  );

/** A LIKE pattern matching `text` anywhere, with `%`, `_` and `\` taken literally (use `ESCAPE '\'`). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
