import type { Database } from 'better-sqlite3';

/**
 * Versioned schema changes, each applied once inside a transaction and recorded; running
 * them again changes nothing. Append new steps; never edit an applied one.
 */
const steps: readonly string[] = [
  `CREATE TABLE journal (
     seq INTEGER PRIMARY KEY,
     timestamp INTEGER NOT NULL,
     prev_hash BLOB NOT NULL,
     hash BLOB NOT NULL,
     body BLOB NOT NULL
   );
   CREATE TABLE snapshots (
     seq INTEGER PRIMARY KEY,
     chain_hash BLOB NOT NULL,
     state_hash BLOB NOT NULL,
     state BLOB NOT NULL
   );`,
];

export function migrate(db: Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)');
  const applied = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null };
  const current = applied.version ?? 0;
  if (current > steps.length) throw new Error(`database schema ${current} is newer than this program (${steps.length})`);
  for (let version = current + 1; version <= steps.length; version += 1) {
    db.transaction(() => {
      db.exec(steps[version - 1]!);
      db.prepare('INSERT INTO schema_migrations (version) VALUES (?)').run(version);
    })();
  }
}

export const schemaVersion = steps.length;
