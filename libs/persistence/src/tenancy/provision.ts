import type { Store } from '../store';
import { provisionSchemaSql } from './rls';

/** Creates each module schema and its app role with their grants (PostgreSQL); run as the owner. */
export async function provisionSchemas(owner: Store, schemas: readonly string[]): Promise<void> {
  if (owner.dialect !== 'postgres') return;
  await owner.transaction(async (manager) => {
    for (const schema of schemas) for (const statement of provisionSchemaSql(schema)) await manager.query(statement);
  });
}
