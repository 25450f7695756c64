/** One statement on the test PostgreSQL server as its admin (CREATE / DROP DATABASE for a system test). */
import pg from 'pg';
import { testPostgresUrl } from '../../src/platform/db/testDb.ts';

export async function postgresAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
