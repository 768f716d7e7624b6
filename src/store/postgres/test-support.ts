import pg from 'pg';

/** The PostgreSQL these machines run; tests use it, or say clearly that they were skipped. */
export const testPostgresUrl = process.env.CORRIDOR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Whether PostgreSQL answers. In CI (CORRIDOR_REQUIRE_POSTGRES=1) an unreachable server fails
 * the run instead of skipping, so the PostgreSQL tests cannot silently not run there.
 */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: testPostgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    if (process.env.CORRIDOR_REQUIRE_POSTGRES === '1') throw new Error(`PostgreSQL is required here but ${testPostgresUrl} did not answer: ${(error as Error).message}`);
    process.stderr.write(`SKIPPED: PostgreSQL tests, ${testPostgresUrl} did not answer (${(error as Error).message})\n`);
    return false;
  }
}

/** A fresh schema name for one test, dropped by dropSchema. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
