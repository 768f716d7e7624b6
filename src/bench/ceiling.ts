import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * The storage ceiling (DESIGN.md §5): the bare cost of persisting one row per transfer with a
 * transfer's columns, in transactions of the same size, with the same settings, and no other work.
 */
const columns = 'id, debit_account_id, credit_account_id, amount, pending_id, ledger, code, flags, timeout_ms, uetr, end_to_end_id, timestamp';

export function sqliteCeilingRowsPerSecond(path: string, rows: number, rowsPerTransaction: number): number {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`DROP TABLE IF EXISTS ceiling; CREATE TABLE ceiling (${columns.split(', ').map((c) => `${c} ${c.endsWith('id') || c === 'amount' || c === 'uetr' ? 'BLOB' : 'INTEGER'}`).join(', ')})`);
    const insert = db.prepare(`INSERT INTO ceiling (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const id = Buffer.alloc(16, 7);
    const insertMany = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i += 1) insert.run(id, id, id, id, id, 963, 1, 0, 0, id, 'E2E', i);
    });
    const started = performance.now();
    for (let from = 0; from < rows; from += rowsPerTransaction) insertMany(from, Math.min(rows, from + rowsPerTransaction));
    return rows / ((performance.now() - started) / 1000);
  } finally {
    db.close();
  }
}

/** PostgreSQL: one multi-row INSERT per transaction through unnest, the fastest plain INSERT measured here. */
export async function postgresCeilingRowsPerSecond(connectionString: string, rows: number, rowsPerTransaction: number): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('DROP TABLE IF EXISTS corridor_ceiling');
    await client.query('CREATE TABLE corridor_ceiling (id BYTEA, debit_account_id BYTEA, credit_account_id BYTEA, amount BYTEA, pending_id BYTEA, ledger INTEGER, code INTEGER, flags INTEGER, timeout_ms BIGINT, uetr BYTEA, end_to_end_id TEXT, timestamp BIGINT)');
    const id = Buffer.alloc(16, 7);
    const started = performance.now();
    for (let from = 0; from < rows; from += rowsPerTransaction) {
      const count = Math.min(rows, from + rowsPerTransaction) - from;
      const ids = new Array<Buffer>(count).fill(id);
      const timestamps = Array.from({ length: count }, (_, i) => from + i);
      await client.query(
        `INSERT INTO corridor_ceiling SELECT * FROM unnest($1::bytea[], $1::bytea[], $1::bytea[], $1::bytea[], $1::bytea[], $2::int[], $2::int[], $2::int[], $3::bigint[], $1::bytea[], $4::text[], $3::bigint[])`,
        [ids, new Array<number>(count).fill(1), timestamps, new Array<string>(count).fill('E2E')],
      );
    }
    return rows / ((performance.now() - started) / 1000);
  } finally {
    await client.query('DROP TABLE IF EXISTS corridor_ceiling');
    await client.end();
  }
}
