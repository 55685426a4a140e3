import { type Sql, sql, toJson } from '@lib/persistence';

/**
 * `column = value` for the changed wire fields of a source or product: `owner` spreads over its
 * four columns, `schema` is stored as `schema_def`, objects and arrays as JSON.
 */
export function assignmentsFor(fields: Record<string, unknown>, names: readonly string[]): Sql[] {
  return names.flatMap((name) => {
    const value = fields[name];
    if (name === 'owner') {
      const owner = value as { name: string; email: string; team: string; cost_center: string | null };
      return [
        sql`owner_name = ${owner.name}`,
        sql`owner_email = ${owner.email}`,
        sql`owner_team = ${owner.team}`,
        sql`owner_cost_center = ${owner.cost_center}`,
      ];
    }
    const column = sql.raw(name === 'schema' ? 'schema_def' : name);
    return [sql`${column} = ${value !== null && typeof value === 'object' ? toJson(value) : value}`];
  });
}
