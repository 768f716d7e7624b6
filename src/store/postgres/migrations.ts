import type pg from 'pg';

/** Versioned steps, applied once each under an advisory lock, so two nodes starting together are safe. */
const steps: readonly string[] = [
  `CREATE TABLE journal (
     seq BIGINT PRIMARY KEY,
     timestamp BIGINT NOT NULL,
     prev_hash BYTEA NOT NULL,
     hash BYTEA NOT NULL,
     body BYTEA NOT NULL
   );
   CREATE TABLE snapshots (
     seq BIGINT PRIMARY KEY,
     chain_hash BYTEA NOT NULL,
     state_hash BYTEA NOT NULL,
     state BYTEA NOT NULL
   );`,
  // Batch bodies (~1 MB) are already dense binary: pglz only burned CPU on them, and on a
  // 2-core machine that CPU is the sequencer's. Out of line, uncompressed: 104k -> 251k transfers/s.
  `ALTER TABLE journal ALTER COLUMN body SET STORAGE EXTERNAL;
   ALTER TABLE snapshots ALTER COLUMN state SET STORAGE EXTERNAL;`,
  // The sequencer lease (lease.ts): one row, so "who may write" is a single row lock away from
  // every append. Each journal row and snapshot records the epoch that wrote it, for audits.
  `CREATE TABLE sequencer_lease (
     id SMALLINT PRIMARY KEY CHECK (id = 1),
     holder TEXT NOT NULL,
     epoch BIGINT NOT NULL,
     expires_at TIMESTAMPTZ NOT NULL
   );
   INSERT INTO sequencer_lease (id, holder, epoch, expires_at) VALUES (1, '', 0, '-infinity');
   ALTER TABLE journal ADD COLUMN epoch BIGINT;
   ALTER TABLE snapshots ADD COLUMN epoch BIGINT;`,
];

const migrationLockKey = 0x436f7272; // "Corr"

export async function migratePostgres(client: pg.Client, schema: string): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (version INTEGER PRIMARY KEY)`);
    const { rows } = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${schema}.schema_migrations`);
    const current = rows[0]?.version ?? 0;
    if (current > steps.length) throw new Error(`database schema ${current} is newer than this program (${steps.length})`);
    for (let version = current + 1; version <= steps.length; version += 1) {
      await client.query('BEGIN');
      try {
        await client.query(`SET LOCAL search_path TO ${schema}`);
        await client.query(steps[version - 1]!);
        await client.query(`INSERT INTO ${schema}.schema_migrations (version) VALUES ($1)`, [version]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]);
  }
}
