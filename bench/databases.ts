import { withAdminClient } from '../test/harness/postgres';

/** A new, empty database on the bench server; its superuser URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function serverVersion(adminUrl: string): Promise<string> {
  return withAdminClient(adminUrl, async (client) => (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version);
}
