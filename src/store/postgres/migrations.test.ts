import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { migratePostgres } from './migrations.js';
import { dropSchema, postgresAvailable, testPostgresUrl, uniqueSchema } from './test-support.js';

const available = await postgresAvailable();
const schemas: string[] = [];
after(async () => {
  for (const schema of schemas) await dropSchema(schema);
});
const concurrentMigrations = 4;

async function withClients<T>(count: number, work: (clients: pg.Client[]) => Promise<T>): Promise<T> {
  const clients = Array.from({ length: count }, () => new pg.Client({ connectionString: testPostgresUrl }));
  try {
    await Promise.all(clients.map((client) => client.connect()));
    return await work(clients);
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

async function describeSchema(client: pg.Client, schema: string): Promise<{ versions: number[]; leaseRows: number }> {
  const versions = await client.query<{ version: number }>(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
  const lease = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.sequencer_lease`);
  return { versions: versions.rows.map((row) => row.version), leaseRows: Number(lease.rows[0]?.n) };
}

if (!available) {
  describe('postgres migrations', () => {
    it('SKIPPED: PostgreSQL is not reachable at ' + testPostgresUrl, { skip: true }, () => undefined);
  });
} else {
  describe('postgres migrations', () => {
    it('apply every step once, and running them again changes nothing', () =>
      withClients(1, async ([client]) => {
        schemas.push(uniqueSchema('migrate'));
        const schema = schemas.at(-1)!;
        await migratePostgres(client!, schema);
        const first = await describeSchema(client!, schema);
        await migratePostgres(client!, schema);
        assert.deepEqual(await describeSchema(client!, schema), first);
        assert.deepEqual(first, { versions: [1, 2, 3], leaseRows: 1 });
      }));

    it(`are safe when ${concurrentMigrations} nodes start together`, () =>
      withClients(concurrentMigrations + 1, async ([observer, ...clients]) => {
        schemas.push(uniqueSchema('migrate'));
        const schema = schemas.at(-1)!;
        await Promise.all(clients.map((client) => migratePostgres(client, schema)));
        assert.deepEqual(await describeSchema(observer!, schema), { versions: [1, 2, 3], leaseRows: 1 });
      }));
  });
}
